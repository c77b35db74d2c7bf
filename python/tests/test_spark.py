"""examples/spark_backfill.py in Spark local mode over the sample corpus: as many events
as `detente code` gives in one process, the same events, partitioned by month.

Marked `spark` (slow: a JVM starts); skipped when pyspark is not installed. Run only
these with `pytest -m spark`, or leave them out with `-m "not spark"`.
"""

import collections
import os
import subprocess
import sys

import pytest

from conftest import CORPUS, REPO

pytestmark = pytest.mark.spark
pytest.importorskip("pyspark")
ds = pytest.importorskip("pyarrow.dataset")


def key(e):
    t = e["target"]
    return (
        e["doc_id"],
        e["sentence_id"],
        e["cameo"],
        e["source"]["code"],
        t["code"] if t else None,
        e["date"],
        e["mode"],
        e["evidence"]["start"],
        e["pattern"],
    )


def test_local_backfill_matches_the_cli(cli, corpus, tmp_path):
    expected, _ = cli("code", CORPUS)
    out = tmp_path / "events"
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable)
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "examples" / "spark_backfill.py"),
            str(CORPUS),
            str(out),
            "--master",
            "local[2]",
            "--partitions",
            "3",
            "--batch-size",
            "7",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    rows = table.to_pylist()
    assert len(rows) == len(expected) > 100
    assert collections.Counter(map(key, rows)) == collections.Counter(
        map(key, expected)
    )
    pub = {a["id"]: a["date"] for a in corpus}
    for r in rows:
        assert r["pub_date"] == pub[r["doc_id"]]
        d = r["date"] if r["date"] and len(r["date"]) >= 7 else r["pub_date"]
        assert r["month"] == d[:7]
    assert len({r["month"] for r in rows}) > 6
    assert f"holds {len(expected)} events" in proc.stderr
