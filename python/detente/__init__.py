"""detente: news text to CAMEO/PLOVER political event records.

The coder is the Rust core of the ``detente`` command, compiled into this package: the
tagger, parser, actor knowledge base and event lexicon are inside the wheel and nothing is
fetched at run time.  Every function returns events as dicts with exactly the fields and
values of the JSONL records ``detente code`` prints (``doc_id``, ``sentence_id``,
``date``, ``source``, ``target``, ``cameo``, ``root``, ``quad_class``, ``goldstein``,
``plover``, ``mode``, ``evidence``, ``location``, ``pattern``); offsets are code points,
so ``text[ev["evidence"]["start"]:ev["evidence"]["end"]]`` is the evidence.

>>> import detente
>>> events = detente.code("Israel and Syria held talks.", date="2025-05-28")
>>> sorted((e["source"]["code"], e["target"]["code"], e["cameo"]) for e in events)
[('ISR', 'SYR', '046'), ('SYR', 'ISR', '046')]

``code`` and ``code_batch`` use a default :class:`Coder` with the built-in dictionaries,
built on first use; ``Coder(actors=..., agents=..., verbs=..., discards=...)`` loads
PETRARCH-2, TABARI or project-format dictionaries instead, as the CLI's
``--actors/--agents/--verbs/--discards`` do.  Coding releases the GIL, and
``code_batch`` codes on several threads.  Bad input raises ``ValueError`` (``TypeError``
for arguments of the wrong type, ``FileNotFoundError`` for missing dictionary files).
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import math as _math
import os as _os
import threading as _threading
import warnings as _warnings
from collections.abc import Iterable, Mapping
from typing import Any, Optional, Union

from ._detente import Coder as _NativeCoder
from ._detente import __version__

__all__ = [
    "Coder",
    "DictionaryWarning",
    "__version__",
    "arrow_schema",
    "code",
    "code_batch",
    "to_arrow",
]

_ARTICLE_KEYS = ("id", "text", "date", "source", "url", "title")
_BATCH = 4096

PathLike = Union[str, "_os.PathLike[str]"]
DateLike = Union[str, _dt.date, None]


class DictionaryWarning(UserWarning):
    """A dictionary line the loader tolerated (``path:line: warning: ...``)."""


def _path(p: Optional[PathLike], what: str, required: bool = False) -> Optional[str]:
    if p is None and not required:
        return None
    if isinstance(p, (str, _os.PathLike)):
        return _os.fspath(p)
    raise TypeError(
        f"{what} must be a path (str or os.PathLike), not {type(p).__name__}"
    )


def _date_str(date: DateLike, what: str = "date") -> Optional[str]:
    if date is None:
        return None
    if isinstance(date, _dt.date):  # datetime.datetime is a date too
        return date.isoformat()[:10]
    if isinstance(date, str):
        return date
    raise TypeError(
        f"{what} must be a 'YYYY-MM-DD' string, a datetime.date or None, "
        f"not {type(date).__name__}"
    )


def _json_default(o: Any) -> Any:
    # numpy and pandas integers as ids; anything else becomes an object, which the
    # record reader reports as the wrong type for its key.
    if hasattr(o, "__index__"):
        return int(o.__index__())
    return {"__type__": type(o).__name__}


def _record(article: Any, index: int) -> str:
    """One article as the JSONL record ``detente code --input jsonl`` reads."""
    if not isinstance(article, Mapping):
        raise ValueError(
            f"article {index}: expected a dict with 'id' and 'text', "
            f"got {type(article).__name__}"
        )
    rec = {}
    for k in _ARTICLE_KEYS:
        if k not in article:
            continue
        v = article[k]
        if k != "text" and isinstance(v, float) and _math.isnan(v):
            v = None  # a missing value in a pandas/Arrow row
        elif k == "date" and isinstance(v, _dt.date):
            v = v.isoformat()
        rec[k] = v
    return _json.dumps(rec, ensure_ascii=False, default=_json_default)


class Coder:
    """The dictionaries and model of a coding run.

    With no arguments, the built-in dictionaries and model.  ``actors`` (a path or a list
    of paths), ``agents``, ``verbs`` and ``discards`` replace the built-in dictionary of
    that kind with PETRARCH-2, TABARI or project-format files, exactly as ``detente code
    --actors/--agents/--verbs/--discards`` do; ``model`` replaces the tagger and parser
    model.  Loader warnings are issued as :class:`DictionaryWarning` and kept in
    :attr:`warnings`.  A missing file raises ``FileNotFoundError``; a dictionary that
    cannot be read raises ``ValueError`` naming the file and line.

    A ``Coder`` is immutable and safe to share between threads.
    """

    def __init__(
        self,
        actors: Union[PathLike, Iterable[PathLike], None] = None,
        agents: Optional[PathLike] = None,
        verbs: Optional[PathLike] = None,
        discards: Optional[PathLike] = None,
        model: Optional[PathLike] = None,
    ) -> None:
        if actors is None:
            actor_list: list = []
        elif isinstance(actors, (str, _os.PathLike)):
            actor_list = [actors]
        else:
            actor_list = list(actors)
        self._native = _NativeCoder(
            actors=[_path(a, "actors", required=True) for a in actor_list],
            agents=_path(agents, "agents"),
            verbs=_path(verbs, "verbs"),
            discards=_path(discards, "discards"),
            model=_path(model, "model"),
        )
        for w in self._native.warnings:
            _warnings.warn(w, DictionaryWarning, stacklevel=2)

    @property
    def warnings(self) -> list:
        """Loader warnings, as ``path:line: warning: ...`` strings."""
        return list(self._native.warnings)

    def code(
        self, text: str, date: DateLike = None, doc_id: Optional[str] = None
    ) -> list:
        """Codes one article.

        ``date`` is the publication date (``"YYYY-MM-DD"`` or a ``datetime.date``) that
        relative dates ("on Tuesday") are resolved against; without it, events carry the
        dates the text itself gives, or ``None``.  ``doc_id`` (default ``"text"``) is
        echoed in every event.  Returns the events as dicts, as ``detente code`` prints
        them.  Raises ``ValueError`` for a malformed date, ``TypeError`` when ``text``
        is not a ``str``.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        if doc_id is None:
            doc_id = "text"
        elif not isinstance(doc_id, str):
            doc_id = str(doc_id)
        return _json.loads(self._native.code_json(text, _date_str(date), doc_id))

    def code_batch(
        self,
        articles: Iterable[Mapping[str, Any]],
        date: DateLike = None,
        *,
        threads: Optional[int] = None,
        on_error: str = "raise",
    ) -> list:
        """Codes many articles; returns all their events, in input order.

        Each article is a mapping like a line of ``detente code --input jsonl``:
        ``id`` (str or int), ``text``, and optionally ``date`` (``YYYY-MM-DD``, a
        timestamp starting with one, or a ``datetime.date``), ``source``, ``url``,
        ``title``; other keys are ignored.  ``date`` is the publication date for articles
        without one.  The articles are coded on ``threads`` threads (default: one per
        core) with the GIL released.

        A malformed article (not a mapping, no ``id`` or ``text``, a bad date) raises
        ``ValueError`` naming its index, unless ``on_error="skip"``: then it is left out,
        as the CLI skips a bad line, and one warning says how many were skipped.
        """
        if on_error not in ("raise", "skip"):
            raise ValueError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
        if isinstance(articles, (str, bytes, Mapping)):
            raise ValueError(
                "code_batch takes an iterable of article dicts; use code() for one text"
            )
        if threads is None:
            threads = 0
        elif not isinstance(threads, int) or threads < 1:
            raise ValueError(f"threads must be a positive int or None, not {threads!r}")
        skip = on_error == "skip"
        default_date = _date_str(date)
        events: list = []
        skipped: list = []
        records: list = []
        indices: list = []

        def flush() -> None:
            body, bad = self._native.code_batch_json(
                records, default_date, threads, skip, indices[0]
            )
            events.extend(_json.loads(body))
            skipped.extend((indices[i], msg) for i, msg in bad)
            records.clear()
            indices.clear()

        try:
            iterator = iter(articles)
        except TypeError:
            raise TypeError(
                f"articles must be an iterable of dicts, not {type(articles).__name__}"
            ) from None
        for i, article in enumerate(iterator):
            try:
                records.append(_record(article, i))
            except ValueError as e:
                if not skip:
                    raise
                skipped.append((i, str(e).split(": ", 1)[1]))
                continue
            indices.append(i)
            if len(records) >= _BATCH:
                flush()
        if records:
            flush()
        if skipped:
            i, msg = min(skipped)
            _warnings.warn(
                f"{len(skipped)} article(s) skipped; the first: article {i}: {msg}",
                stacklevel=2,
            )
        return events


_default: Optional[Coder] = None
_default_lock = _threading.Lock()


def _default_coder() -> Coder:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Coder()
    return _default


def code(text: str, date: DateLike = None, doc_id: Optional[str] = None) -> list:
    """Codes one article with the built-in dictionaries; see :meth:`Coder.code`."""
    return _default_coder().code(text, date=date, doc_id=doc_id)


def code_batch(
    articles: Iterable[Mapping[str, Any]],
    date: DateLike = None,
    *,
    threads: Optional[int] = None,
    on_error: str = "raise",
) -> list:
    """Codes many articles with the built-in dictionaries; see :meth:`Coder.code_batch`."""
    return _default_coder().code_batch(
        articles, date=date, threads=threads, on_error=on_error
    )


def arrow_schema():
    """The ``pyarrow.Schema`` of event tables: the record's fields, nested as in JSON.

    ``source``, ``target`` and ``evidence`` are structs of ``code``/``text``/``start``/
    ``end`` (``text``/``start``/``end`` for evidence); ``location`` a struct of ``name``,
    ``country``, ``admin1``, ``lat``, ``lon``, ``geonames_id``.  Needs pyarrow.
    """
    pa = _pyarrow()
    span = [("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())]
    actor = pa.struct([("code", pa.string())] + span)
    return pa.schema(
        [
            ("doc_id", pa.string()),
            ("sentence_id", pa.int64()),
            ("date", pa.string()),
            ("source", actor),
            ("target", actor),
            ("cameo", pa.string()),
            ("root", pa.string()),
            ("quad_class", pa.int64()),
            ("goldstein", pa.float64()),
            ("plover", pa.string()),
            ("mode", pa.string()),
            ("evidence", pa.struct(span)),
            (
                "location",
                pa.struct(
                    [
                        ("name", pa.string()),
                        ("country", pa.string()),
                        ("admin1", pa.string()),
                        ("lat", pa.float64()),
                        ("lon", pa.float64()),
                        ("geonames_id", pa.int64()),
                    ]
                ),
            ),
            ("pattern", pa.string()),
        ]
    )


def to_arrow(events: Iterable[Mapping[str, Any]]):
    """Events (dicts from :func:`code`/:func:`code_batch`) as a ``pyarrow.Table`` with
    :func:`arrow_schema`; absent keys (``admin1``, ``geonames_id``) are nulls.  Needs
    pyarrow (``pip install pyarrow``)."""
    pa = _pyarrow()
    return pa.Table.from_pylist(list(events), schema=arrow_schema())


def _pyarrow():
    try:
        import pyarrow
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("detente.to_arrow needs pyarrow: pip install pyarrow") from e
    return pyarrow
