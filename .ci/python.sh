#!/usr/bin/env bash
# Python package CI: builds the `detente` wheel (crates/detente_py + python/) with
# maturin, installs it in a virtualenv, runs the acceptance one-liner, then the pytest
# suite (CLI parity, legacy dictionaries, Arrow, bad input, and the Spark local-mode
# backfill of examples/spark_backfill.py against the CLI's event count).
# Needs target/release/detente (run after `cargo build --release`), python3 >= 3.9 with
# venv, Java 17 for Spark, and PyPI. Set DETENTE_VENV to reuse a virtualenv elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
START=$(date +%s)

if [ ! -x target/release/detente ]; then
    echo "target/release/detente not found: run cargo build --release first" >&2
    exit 1
fi

VENV=${DETENTE_VENV:-$ROOT/target/py-venv}
echo "== python virtualenv ($VENV)"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
PY="$VENV/bin/python"
"$PY" --version
"$PY" -m pip install -q --disable-pip-version-check --upgrade pip
"$PY" -m pip install -q --disable-pip-version-check \
    "maturin>=1.16,<2" pytest "pyarrow>=14" "pyspark>=3.5" "pandas>=2.2,<3"

echo "== build the wheel (maturin, release, shared target/)"
WHEELS=$ROOT/target/wheels/ci
rm -rf "$WHEELS"
(cd python && "$VENV/bin/maturin" build --release --locked --out "$WHEELS")
WHEEL=$(ls "$WHEELS"/detente-*.whl)
"$PY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"

echo "== acceptance: import the wheel and code a sentence"
OUT=$(cd /tmp && "$PY" -c "import detente; print(detente.code('Israel and Syria held talks.', date='2025-05-28'))")
echo "$OUT"
grep -q "'cameo': '04" <<< "$OUT" || { echo "no events printed" >&2; exit 1; }

echo "== pytest (python/tests, against the installed wheel; Spark in local mode)"
"$VENV/bin/pytest" -q -p no:cacheprovider python/tests

echo "== python CI took $(( $(date +%s) - START )) s"
