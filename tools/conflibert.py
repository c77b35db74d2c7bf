#!/usr/bin/env python3
"""Scores detente on the ConfliBERT CAMEO sentences in ../shared (real news, 1,349).

Two figures, both with the built-in dictionaries and every sentence dated 2020-01-01:

1. quad class (`cameo_class.train.tsv`): the share of sentences with an event, and where
   coded, how often the first asserted or reported event's Phoenix quad class (0-4)
   agrees with the label;
2. source and target (`cameo_ner.train.txt`, sentences that align with the class file
   and mark both): how often the first event's source and target overlap the marked
   spans, and at the country level (the first three letters of the codes detente gives
   to the marked spans, by `detente actors` over all the sentences; a bare agent noun
   such as "insurgents" names no country, so a span with only such codes is left out).

Usage: python3 tools/conflibert.py [--detente target/release/detente] [--shared ../shared]
"""

import argparse
import bisect
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata


def quad(root):
    r = int(root)
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if (r <= 13 or r == 16) else 4


def fold(s):
    s = s.replace("\u02bc", "'").replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace("\u201c", '"').replace("\u201d", '"')
    return "".join((unicodedata.normalize("NFKD", c) or c)[0] for c in s)


def key(s):
    return re.sub(r"\s+", "", fold(s)).lower()


def read_ner(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        word, tag = line.rsplit(" ", 1)
        cur.append((word, tag))
    if cur:
        sents.append(cur)
    return sents


def spans(text, toks):
    """Code-point spans of the marked source (S) and target (T) in `text`, or None."""
    low = fold(text).lower()
    pos, found = 0, []
    for word, tag in toks:
        w = fold(word).lower()
        while pos < len(low) and low[pos].isspace():
            pos += 1
        j = pos if low.startswith(w, pos) else low.find(w, pos)
        if j < 0 or (found and j - pos > 5):
            return None
        found.append((j, j + len(w), tag))
        pos = j + len(w)
    out = {}
    for s, e, tag in found:
        if tag != "O":
            out.setdefault(tag[2:], []).append((s, e))
    return {k: (min(a for a, _ in v), max(b for _, b in v)) for k, v in out.items()}


def overlaps(a, b):
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--detente", default="target/release/detente")
    ap.add_argument("--shared", default="../shared")
    args = ap.parse_args()
    base = os.path.join(args.shared, "data", "conflibert")
    rows = [l.rstrip("\r\n").split("\t") for l in open(os.path.join(base, "cameo_class.train.tsv"), encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = os.path.join(tmp, "in.jsonl")
        with open(jsonl, "w", encoding="utf-8") as f:
            for i, (text, _) in enumerate(rows):
                f.write(json.dumps({"id": "s%d" % i, "text": text}) + "\n")
        out = subprocess.run([args.detente, "code", "--input", "jsonl", jsonl, "--date", "2020-01-01"],
                             capture_output=True, text=True, check=True).stdout
        doc, starts = "", []
        for text, _ in rows:
            starts.append(len(doc))
            doc += text + "\n\n"
        whole = os.path.join(tmp, "all.txt")
        open(whole, "w", encoding="utf-8").write(doc)
        actors = subprocess.run([args.detente, "actors", "--date", "2020-01-01", whole],
                                capture_output=True, text=True, check=True).stdout
    events = collections.defaultdict(list)
    for line in out.splitlines():
        e = json.loads(line)
        events[e["doc_id"]].append(e)
    mentions = collections.defaultdict(list)
    for line in actors.splitlines():
        p = line.split("\t")
        # A bare agent noun ("insurgents", kind `agent`) names no country.
        if line.startswith("#") or len(p) < 6 or p[4] == "agent":
            continue
        s, e = int(p[1]), int(p[2])
        r = bisect.bisect_right(starts, s) - 1
        mentions[r].append((s - starts[r], e - starts[r], p[3]))

    def first(es):
        return ([e for e in es if e["mode"] in ("asserted", "reported")] or es)[0]

    coded = agree = 0
    for i, (_, label) in enumerate(rows):
        es = events.get("s%d" % i)
        if es:
            coded += 1
            agree += quad(first(es)["root"]) == int(label)
    n = len(rows)
    print("quad class: %d sentences, coded %.1f%%, agreement where coded %.1f%%, over all %.1f%%"
          % (n, 100 * coded / n, 100 * agree / max(coded, 1), 100 * agree / n))

    index = {}
    for i, (text, _) in enumerate(rows):
        index.setdefault(key(text), i)

    def countries(i, span):
        return {c[:3] for s, e, codes in mentions[i] if s < span[1] and span[0] < e
                for c in codes.split(",") if c}

    st = collections.Counter()
    for toks in read_ner(os.path.join(base, "cameo_ner.train.txt")):
        k = key(" ".join(w for w, _ in toks))
        i = index.get(k)
        if i is None:
            i = next((j for j, (t, _) in enumerate(rows) if k in key(t)), None)
        if i is None:
            continue
        sp = spans(rows[i][0], toks)
        if not sp or "S" not in sp or "T" not in sp:
            continue
        st["n"] += 1
        es = events.get("s%d" % i)
        if not es:
            continue
        st["coded"] += 1
        e = first(es)
        src = (e["source"]["start"], e["source"]["end"])
        tgt = (e["target"]["start"], e["target"]["end"]) if e.get("target") else None
        s_ok, t_ok = overlaps(src, sp["S"]), overlaps(tgt, sp["T"])
        st["src"] += s_ok
        st["tgt"] += t_ok
        st["both"] += s_ok and t_ok
        gs, gt = countries(i, sp["S"]), countries(i, sp["T"])
        if gs and gt:
            st["cn"] += 1
            sc = e["source"]["code"][:3]
            tc = e["target"]["code"][:3] if e.get("target") else None
            st["csrc"] += sc in gs
            st["ctgt"] += tc in gt
    c = max(st["coded"], 1)
    print("source/target: %d sentences, coded %.1f%%; source %.1f%%, target %.1f%%, both %.1f%%; "
          "country level (%d): source %.1f%%, target %.1f%%"
          % (st["n"], 100 * st["coded"] / max(st["n"], 1), 100 * st["src"] / c, 100 * st["tgt"] / c,
             100 * st["both"] / c, st["cn"], 100 * st["csrc"] / max(st["cn"], 1),
             100 * st["ctgt"] / max(st["cn"], 1)))


if __name__ == "__main__":
    sys.exit(main())
