#!/usr/bin/env python3
"""Backfill with Spark: code a corpus of news articles with detente, write Parquet events
partitioned by month.

    spark-submit examples/spark_backfill.py ARTICLES OUTPUT [--format jsonl|parquet]
        [--partitions N] [--date YYYY-MM-DD] [--mode error|overwrite|append]
        [--batch-size N] [--threads-per-task N] [--master URL]

ARTICLES is JSONL (one ``{"id", "text", "date"?, "source"?, "url"?, "title"?}`` a line,
as ``detente code --input jsonl`` reads) or Parquet with those columns; ``--format`` is
guessed from the extension (``.parquet`` or a folder of Parquet files: parquet;
otherwise jsonl).  Every executor needs the ``detente`` wheel installed (see the
"Python and Spark" section of README.md); nothing else: the parser and dictionaries are
inside the wheel, and there is no JVM parser.

How it runs.  Articles are read, optionally spread over ``--partitions`` tasks, and
coded with ``mapInArrow``: each Arrow batch of articles (``--batch-size``, default 2000)
is turned into dicts and coded by ``detente.code_batch`` with one thread per task
(Spark already runs one task per core; raise ``--threads-per-task`` if you give tasks
several cores with ``spark.task.cpus``).  A line that is not an article (no id or text,
a bad date) is skipped, as ``detente code`` skips it, and counted in the log of its task.

What is written.  One row per event with exactly the fields of the JSONL records of
``detente code`` (nested structs for ``source``, ``target``, ``evidence``,
``location``), plus two columns:

- ``pub_date``: the article's publication date (``YYYY-MM-DD``, or null);
- ``month``: the partition key, ``YYYY-MM``, taken from the event's own ``date`` when it
  has at least a month, otherwise from ``pub_date``; an event with neither (a year-only
  historical date in an undated article) goes to ``month=unknown``.  So ``2025-05-27``
  goes to ``month=2025-05``, and a "since 1967" event in an article of 2025-05-28 goes
  to ``month=2025-05``, the month it was reported in.

The output is ``OUTPUT/month=2025-05/part-*.parquet``; read it back with
``spark.read.parquet(OUTPUT)`` or ``pyarrow.dataset.dataset(OUTPUT, partitioning="hive")``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import warnings

ARTICLE_COLUMNS = ("id", "text", "date", "source", "url", "title")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSONL or Parquet articles (file, folder or glob)")
    p.add_argument(
        "output", help="output folder for Parquet events, partitioned by month"
    )
    p.add_argument(
        "--format",
        choices=["jsonl", "parquet"],
        help="input format (default: from the extension)",
    )
    p.add_argument(
        "--partitions",
        type=int,
        help="repartition the articles into N tasks before coding",
    )
    p.add_argument(
        "--date", help="publication date (YYYY-MM-DD) for articles without one"
    )
    p.add_argument(
        "--mode",
        default="error",
        choices=["error", "overwrite", "append"],
        help="when OUTPUT exists (default: error)",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=2000,
        help="articles per Arrow batch (default 2000)",
    )
    p.add_argument(
        "--threads-per-task",
        type=int,
        default=1,
        help="coding threads in each task (default 1)",
    )
    p.add_argument(
        "--master", help="Spark master, e.g. local[2] (default: spark-submit's)"
    )
    return p.parse_args(argv)


def event_month(event_date, pub_date):
    """The ``month`` partition of an event (see the module docstring)."""
    if event_date and len(event_date) >= 7:
        return event_date[:7]
    if pub_date and len(pub_date) >= 7:
        return pub_date[:7]
    return "unknown"


def output_arrow_schema():
    import pyarrow as pa

    import detente

    schema = detente.arrow_schema()
    return schema.append(pa.field("pub_date", pa.string())).append(
        pa.field("month", pa.string())
    )


def code_batches(batches, default_date=None, threads=1):
    """``mapInArrow`` function: Arrow batches of articles in, Arrow batches of events out.

    Runs on the executors, one coder per Python worker (built on first use and reused
    across tasks).  Each event gets its article's publication date, so that ``month``
    can fall back on it; articles that are not readable are skipped and logged, as
    ``detente code`` skips a bad line.
    """
    import pyarrow as pa

    import detente

    schema = output_arrow_schema()
    log = logging.getLogger("detente.backfill")
    for batch in batches:
        rows = batch.to_pylist()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            events = detente.code_batch(
                rows, date=default_date, threads=threads, on_error="skip"
            )
        # Events come in input order, each with its article's id: walk both lists to
        # give every event its article's publication date.
        j = 0
        for e in events:
            while j < len(rows) and str(rows[j].get("id")) != e["doc_id"]:
                j += 1
            pub = (rows[j].get("date") if j < len(rows) else None) or default_date
            e["pub_date"] = None if pub is None else str(pub)[:10]
            e["month"] = event_month(e["date"], e["pub_date"])
        if caught:
            log.warning(
                "%d article(s) skipped in this batch; %s",
                len(caught),
                caught[0].message,
            )
        if events:
            yield from pa.Table.from_pylist(events, schema=schema).to_batches()


def read_articles(spark, path, fmt):
    from pyspark.sql import functions as F

    if fmt is None:
        fmt = (
            "parquet"
            if path.rstrip("/").endswith(".parquet")
            or (
                os.path.isdir(path)
                and any(f.endswith(".parquet") for f in os.listdir(path))
            )
            else "jsonl"
        )
    if fmt == "jsonl":
        # Every key as a string: an id written as a number is read as its JSON text, as
        # the CLI echoes it; a line that is not JSON gives nulls and is skipped.
        ddl = ", ".join(f"`{c}` STRING" for c in ARTICLE_COLUMNS)
        return spark.read.schema(ddl).option("mode", "PERMISSIVE").json(path)
    df = spark.read.parquet(path)
    cols = [c for c in ARTICLE_COLUMNS if c in df.columns]
    return df.select(
        *[F.col(c).cast("string") if c in ("id", "date") else F.col(c) for c in cols]
    )


def main(argv=None):
    args = parse_args(argv)
    from pyspark.sql import SparkSession
    from pyspark.sql.pandas.types import from_arrow_schema

    builder = SparkSession.builder.appName("detente-backfill")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            builder = builder.config("spark.ui.enabled", "false")
    builder = builder.config(
        "spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch_size)
    )
    spark = builder.getOrCreate()
    started = time.perf_counter()

    articles = read_articles(spark, args.input, args.format)
    if args.partitions:
        articles = articles.repartition(args.partitions)
    out_schema = from_arrow_schema(output_arrow_schema())
    default_date, threads = args.date, args.threads_per_task

    events = articles.mapInArrow(
        lambda batches: code_batches(batches, default_date, threads), out_schema
    )
    events.write.mode(args.mode).partitionBy("month").parquet(args.output)

    written = spark.read.parquet(args.output)
    n_events = written.count()
    months = written.select("month").distinct().count()
    elapsed = time.perf_counter() - started
    print(
        f"detente backfill: {args.output} holds {n_events} events in {months} month "
        f"partition(s); this run took {elapsed:.1f} s",
        file=sys.stderr,
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
