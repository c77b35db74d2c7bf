#!/usr/bin/env python3
"""Scores detente on the project's own CAMEO sentence batteries (`tools/battery/*.tsv`).

Each line: CODE (a root such as `19`, or a full code such as `0874`), SOURCE and TARGET
country codes (three letters, `IGO` for international organisations, `-` for none), the
publication DATE and the SENTENCE, tab-separated; `#` lines are comments. Every sentence
is coded with the built-in dictionaries on its date; asserted and reported events count.

Figures per file, for all lines and for the two halves (`dev`: odd data lines, read
while fixing the coder; `test`: even lines, not read):
- root hit: some event has the expected root;
- full hit: some event has the expected root, source country and target country (an
  expected `-` target accepts any);
- triple precision/recall/F1 over (root, source country, target country) of all events.

Usage: python3 tools/battery.py [--detente target/release/detente] [-v] [FILE...]
"""

import argparse
import glob
import json
import os
import subprocess
import sys


def country(actor):
    return actor["code"][:3] if actor and actor.get("code") else "-"


def score(rows, events):
    n = len(rows)
    root_hits = full_hits = tp = fp = 0
    for k, (code, src, tgt, _date, _text) in enumerate(rows):
        root = code[:2]
        evs = events.get(str(k), [])
        triples = {(e["root"], country(e.get("source")), country(e.get("target"))) for e in evs}
        hit = (root, src, tgt) in triples or (
            tgt == "-" and any(t[0] == root and t[1] == src for t in triples)
        )
        root_hits += any(e["root"] == root for e in evs)
        full_hits += hit
        tp += hit
        fp += len(triples) - (1 if hit else 0)
    p = tp / max(tp + fp, 1)
    r = tp / max(n, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    return f"n={n} root hit {root_hits / max(n, 1):.1%}, full hit {full_hits / max(n, 1):.1%}, triples P={p:.3f} R={r:.3f} F1={f1:.3f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--detente", default="target/release/detente")
    ap.add_argument("-v", action="store_true", help="list the sentences without a full hit")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    files = args.files or sorted(glob.glob(os.path.join(here, "battery", "*.tsv")))
    for path in files:
        rows = []
        for line in open(path, encoding="utf-8"):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 5:
                sys.exit(f"{path}: expected 5 tab-separated fields: {line.strip()[:80]}")
            rows.append(parts)
        jsonl = "".join(
            json.dumps({"id": str(k), "date": r[3], "text": r[4]}) + "\n" for k, r in enumerate(rows)
        )
        out = subprocess.run(
            [args.detente, "code", "--input", "jsonl"], input=jsonl, capture_output=True, text=True
        )
        if out.returncode != 0:
            sys.exit(f"detente failed on {path}: {out.stderr[:500]}")
        events = {}
        for line in out.stdout.splitlines():
            e = json.loads(line)
            if e["mode"] in ("asserted", "reported"):
                events.setdefault(e["doc_id"], []).append(e)
        name = os.path.basename(path)
        print(f"{name}: all {score(rows, events)}")
        for half, parity in (("dev", 0), ("test", 1)):
            idx = [k for k in range(len(rows)) if k % 2 == parity]
            sub_rows = [rows[k] for k in idx]
            sub_events = {str(j): events.get(str(k), []) for j, k in enumerate(idx)}
            print(f"{name}: {half} {score(sub_rows, sub_events)}")
        if args.v:
            for k, r in enumerate(rows):
                evs = events.get(str(k), [])
                got = ", ".join(
                    f"{e['cameo']} {country(e.get('source'))}->{country(e.get('target'))}" for e in evs
                )
                print(f"  [{r[0]} {r[1]}->{r[2]}] {r[4]}\n      {got or '(nothing)'}")


if __name__ == "__main__":
    main()
