"""detente.to_arrow: a pyarrow.Table with the record's fields, one row per event, that
reads back as the records (absent optional keys as nulls)."""

import pytest

import detente

pa = pytest.importorskip("pyarrow")


def fill_absent(ev):
    ev = dict(ev)
    if ev["location"] is not None:
        ev["location"] = {"admin1": None, "geonames_id": None, **ev["location"]}
    return ev


def test_table_round_trips_the_records(corpus):
    events = detente.code_batch(corpus)
    table = detente.to_arrow(events)
    assert isinstance(table, pa.Table)
    assert table.num_rows == len(events) > 100
    assert table.column_names == list(events[0].keys())
    assert table.schema == detente.arrow_schema()
    assert table.to_pylist() == [fill_absent(e) for e in events]
    # Some events have places, some targets are null: both survive.
    assert table.column("location").null_count < table.num_rows
    assert any(e["target"] is None for e in events) == (
        table.column("target").null_count > 0
    )


def test_empty_table_keeps_the_schema():
    table = detente.to_arrow([])
    assert table.num_rows == 0
    assert table.schema == detente.arrow_schema()


def test_goldstein_and_codes_keep_their_types():
    table = detente.to_arrow(
        detente.code("Israel and Syria held talks.", date="2025-05-28")
    )
    row = table.to_pylist()[0]
    assert row["cameo"] == "046" and row["quad_class"] == 1 and row["goldstein"] == 7.0
