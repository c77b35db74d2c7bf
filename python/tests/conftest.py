"""Shared fixtures: the repository, the release `detente` binary, and CLI runs.

The tests import the installed wheel (never the sources in python/detente, which lack
the native module) and compare it with the CLI built by `cargo build --release`
(override its path with DETENTE_BIN).
"""

import json
import os
import pathlib
import subprocess

import pytest

import detente

REPO = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
CORPUS = SAMPLES / "corpus" / "articles.jsonl"

# Importing the package from python/ would fail on the missing native module; make sure
# what is tested is the installed wheel.
assert "site-packages" in pathlib.Path(detente.__file__).parts, detente.__file__


def shared_dir():
    """../shared beside the checkout (or /work/shared), or None when absent."""
    for p in (REPO.parent / "shared", pathlib.Path("/work/shared")):
        if p.is_dir():
            return p
    return None


@pytest.fixture(scope="session")
def cli():
    path = pathlib.Path(
        os.environ.get("DETENTE_BIN", REPO / "target" / "release" / "detente")
    )
    if not path.is_file():
        pytest.fail(
            f"{path} not found: run `cargo build --release` first (or set DETENTE_BIN)"
        )

    def run(*args, check=True):
        """Runs `detente ARGS...`; returns (parsed JSONL records, stderr)."""
        proc = subprocess.run(
            [str(path), *map(str, args)], capture_output=True, text=True, cwd=REPO
        )
        if check and proc.returncode != 0:
            raise AssertionError(
                f"detente {args} exited {proc.returncode}: {proc.stderr}"
            )
        return [json.loads(line) for line in proc.stdout.splitlines()], proc.stderr

    run.path = path
    return run


@pytest.fixture(scope="session")
def corpus():
    with open(CORPUS, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
