#!/usr/bin/env python3
"""Throughput of the detente Python package against the `detente` CLI, on one JSONL file.

    python examples/bench_python.py ARTICLES.jsonl [--cli target/release/detente] [--sentences N]

Prints articles/s and events/s for `detente code FILE > /dev/null` (the CLI, one core),
for `detente.code_batch` on 1 and 2 threads, and for `detente.code` called once per
article; and the Python overhead per article against the CLI. `--sentences` (the
sentence count of the file, e.g. from `detente bench`) adds sentences/s. The numbers in
docs/scaling.md come from this script over the sample corpus repeated 100 times.
"""

import argparse
import json
import subprocess
import time

import detente


def main():
    p = argparse.ArgumentParser()
    p.add_argument("articles")
    p.add_argument("--cli", default="target/release/detente")
    p.add_argument("--sentences", type=int)
    args = p.parse_args()
    with open(args.articles, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    n = len(articles)

    def report(name, seconds, events):
        line = f"{name:<28} {seconds:7.2f} s  {n / seconds:8.1f} articles/s  {events / seconds:8.1f} events/s"
        if args.sentences:
            line += f"  {args.sentences / seconds:8.1f} sentences/s"
        print(line, flush=True)
        return seconds

    t = time.perf_counter()
    out = subprocess.run(
        [args.cli, "code", args.articles], capture_output=True, check=True
    ).stdout
    cli = report("CLI detente code", time.perf_counter() - t, out.count(b"\n"))

    coder = detente.Coder()
    coder.code_batch(articles[:20], threads=1)  # warm up
    t = time.perf_counter()
    events = coder.code_batch(articles, threads=1)
    one = report("code_batch threads=1", time.perf_counter() - t, len(events))
    t = time.perf_counter()
    events2 = coder.code_batch(articles, threads=2)
    report("code_batch threads=2", time.perf_counter() - t, len(events2))
    t = time.perf_counter()
    count = sum(
        len(coder.code(a["text"], date=a.get("date"), doc_id=a["id"])) for a in articles
    )
    per = report("code() per article", time.perf_counter() - t, count)
    assert len(events) == len(events2) == count == out.count(b"\n")
    print(
        f"Python overhead per article vs CLI: code_batch {1e3 * (one - cli) / n:+.3f} ms, "
        f"code() {1e3 * (per - cli) / n:+.3f} ms (CLI {1e3 * cli / n:.3f} ms/article)"
    )


if __name__ == "__main__":
    main()
