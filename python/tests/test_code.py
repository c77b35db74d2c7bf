"""detente.code and detente.code_batch against `detente code`: same records, field for
field, on the sample article and the 56-article corpus; batches in order, on threads,
with the GIL released; bad input as clear exceptions."""

import datetime
import doctest
import threading
import time

import pytest

import detente
from conftest import CORPUS, SAMPLES


def test_acceptance_sentence_gives_events():
    events = detente.code("Israel and Syria held talks.", date="2025-05-28")
    pairs = sorted((e["source"]["code"], e["target"]["code"]) for e in events)
    assert pairs == [("ISR", "SYR"), ("SYR", "ISR")]
    assert all(e["root"] == "04" and e["date"] == "2025-05-28" for e in events)


def test_one_article_same_as_cli(cli):
    path = SAMPLES / "border-talks.txt"
    expected, _ = cli("code", "--date", "2025-06-05", path)
    assert len(expected) >= 5
    text = path.read_text(encoding="utf-8")
    got = detente.code(text, date="2025-06-05", doc_id="border-talks")
    assert got == expected
    # The same with a datetime.date, and offsets are code points into the text.
    assert (
        detente.code(text, date=datetime.date(2025, 6, 5), doc_id="border-talks")
        == expected
    )
    for e in got:
        assert (
            text[e["evidence"]["start"] : e["evidence"]["end"]] == e["evidence"]["text"]
        )


def test_without_date_same_as_cli(cli):
    path = SAMPLES / "border-talks.txt"
    expected, _ = cli("code", path)
    text = path.read_text(encoding="utf-8")
    assert detente.code(text, doc_id="border-talks") == expected


def test_corpus_batch_same_as_cli(cli, corpus):
    expected, _ = cli("code", CORPUS)
    assert len(expected) > 100
    assert detente.code_batch(corpus) == expected
    assert detente.code_batch(corpus, threads=1) == expected
    # Any iterable, in chunks: a generator, with chunks smaller than the corpus.
    assert detente.code_batch(a for a in corpus) == expected


def test_batch_chunks_keep_order_and_indices(monkeypatch, corpus):
    monkeypatch.setattr(detente, "_BATCH", 5)
    expected = detente.code_batch(corpus[:12], threads=1)
    assert detente.code_batch(iter(corpus[:12]), threads=2) == expected
    bad = [dict(a) for a in corpus[:12]]
    del bad[7]["text"]
    with pytest.raises(ValueError, match=r'^article 7: no "text" string'):
        detente.code_batch(bad)


def test_batch_default_date_ids_and_extra_keys(cli, tmp_path):
    articles = [
        {"id": 7, "text": "Israel and Syria held talks on Tuesday.", "lang": "en"},
        {
            "id": "b",
            "text": "Turkey condemned Israel on Monday.",
            "date": "2025-05-20T08:00:00Z",
        },
        {"id": "c", "text": "Russia and Ukraine exchanged prisoners.", "date": None},
    ]
    path = tmp_path / "a.jsonl"
    import json

    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    expected, _ = cli("code", "--date", "2025-05-28", path)
    assert {e["doc_id"] for e in expected} == {"7", "b", "c"}
    assert detente.code_batch(articles, date="2025-05-28") == expected
    as_dates = [
        dict(articles[0]),
        dict(articles[1], date=datetime.datetime(2025, 5, 20, 8)),
        articles[2],
    ]
    assert detente.code_batch(as_dates, date=datetime.date(2025, 5, 28)) == expected


def test_empty_inputs():
    assert detente.code("") == []
    assert detente.code("   \n") == []
    assert detente.code_batch([]) == []


def test_threads_share_a_coder(corpus):
    coder = detente.Coder()
    expected = coder.code_batch(corpus[:20], threads=1)
    results = [None] * 3

    def work(i):
        results[i] = coder.code_batch(corpus[:20], threads=1)

    ts = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert results == [expected] * 3


def test_gil_is_released_while_coding(corpus):
    coder = detente.Coder()
    big = corpus * 4
    coder.code_batch(big[:5], threads=1)  # warm up
    done = threading.Event()
    span = {}

    def work():
        span["start"] = time.perf_counter()
        coder.code_batch(big, threads=1)
        span["end"] = time.perf_counter()
        done.set()

    ticks = []
    t = threading.Thread(target=work)
    t.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    t.join()
    inside = [x for x in ticks if span["start"] <= x <= span["end"]]
    duration = span["end"] - span["start"]
    assert duration > 0.05
    points = [span["start"]] + inside + [span["end"]]
    longest_gap = max(b - a for a, b in zip(points, points[1:]))
    # Holding the GIL would stall this thread for the whole native call.
    assert longest_gap < duration / 2, (longest_gap, duration)


@pytest.mark.parametrize(
    "date, message",
    [
        ("2025-13-01", "date: '2025-13-01' is not a YYYY-MM-DD date"),
        ("yesterday", "date: 'yesterday' is not a YYYY-MM-DD date"),
        ("2025-05", "date: '2025-05' is not a YYYY-MM-DD date"),
    ],
)
def test_bad_date_is_a_value_error(date, message):
    with pytest.raises(ValueError) as e:
        detente.code("Israel and Syria held talks.", date=date)
    assert str(e.value) == message
    with pytest.raises(ValueError, match="is not a YYYY-MM-DD date"):
        detente.code_batch([{"id": "a", "text": "x"}], date=date)


def test_bad_arguments_are_clear_exceptions():
    with pytest.raises(TypeError, match="text must be a str, not NoneType"):
        detente.code(None)
    with pytest.raises(TypeError, match="text must be a str, not bytes"):
        detente.code(b"Israel and Syria held talks.")
    with pytest.raises(TypeError, match="date must be"):
        detente.code("x", date=20250528)
    with pytest.raises(ValueError, match="iterable of article dicts"):
        detente.code_batch("Israel and Syria held talks.")
    with pytest.raises(ValueError, match="iterable of article dicts"):
        detente.code_batch({"id": "a", "text": "x"})
    with pytest.raises(TypeError, match="iterable of dicts"):
        detente.code_batch(42)
    with pytest.raises(ValueError, match="on_error"):
        detente.code_batch([], on_error="ignore")
    with pytest.raises(ValueError, match="threads"):
        detente.code_batch([], threads=0)


@pytest.mark.parametrize(
    "article, message",
    [
        ({"text": "x"}, 'article 1: no "id" string'),
        ({"id": "", "text": "x"}, 'article 1: no "id" string'),
        ({"id": "a"}, 'article 1: no "text" string'),
        ({"id": "a", "text": 5}, 'article 1: no "text" string'),
        (
            {"id": "a", "text": "x", "date": "May 5"},
            "article 1: \"date\" 'May 5' is not YYYY-MM-DD",
        ),
        (
            {"id": "a", "text": "x", "title": object()},
            'article 1: "title" is not a string',
        ),
        ("just text", "article 1: expected a dict with 'id' and 'text', got str"),
    ],
)
def test_bad_articles_name_their_index(article, message):
    good = {"id": "ok", "text": "Israel and Syria held talks.", "date": "2025-05-28"}
    with pytest.raises(ValueError) as e:
        detente.code_batch([good, article])
    assert str(e.value) == message
    # Skipped instead, as the CLI skips a bad line, with one warning.
    with pytest.warns(
        UserWarning, match=r"1 article\(s\) skipped; the first: " + message[:9]
    ):
        events = detente.code_batch([good, article, good], on_error="skip")
    assert events == detente.code_batch([good, good])
    assert len(events) == 4


def test_doctests_in_docstrings_hold():
    result = doctest.testmod(detente)
    assert result.attempted > 0 and result.failed == 0


def test_text_python_cannot_encode_is_a_value_error():
    with pytest.raises(ValueError, match="surrogates not allowed"):
        detente.code("\ud800 Israel and Syria held talks.")
    with pytest.raises(ValueError, match="surrogates not allowed"):
        detente.code_batch([{"id": "a", "text": "\ud800"}])


def test_odd_text_never_raises_and_spans_read_back():
    import random

    rng = random.Random(7)
    pieces = [
        "Israel",
        " and ",
        "Syria",
        " held talks",
        ".",
        "\x00",
        "\n\n",
        "«",
        "‘",
        "🙂",
        "U.S.",
        " Mr.",
        " on Tuesday",
        "  ",
        "\u200b",
        "-",
        "Hezbollah",
        " attacked ",
    ]
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 30)))
        for e in detente.code(text, date="2025-05-28"):
            s = e["evidence"]
            assert text[s["start"] : s["end"]] == s["text"]
