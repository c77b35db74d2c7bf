"""Type stubs of the public detente API (implementation in __init__.py)."""

import datetime
import os
import sys
from typing import Any, Iterable, List, Mapping, Optional, Union

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:  # pragma: no cover
    from typing_extensions import NotRequired, TypedDict

import pyarrow

__version__: str

PathLike = Union[str, os.PathLike[str]]
DateLike = Union[str, datetime.date, None]

class ActorSpan(TypedDict):
    code: str
    text: str
    start: int
    end: int

class Span(TypedDict):
    text: str
    start: int
    end: int

class Location(TypedDict):
    name: str
    country: str
    admin1: NotRequired[str]
    lat: Optional[float]
    lon: Optional[float]
    geonames_id: NotRequired[int]

class Event(TypedDict):
    """One event record, as ``detente code`` prints it (spec/events.md)."""

    doc_id: str
    sentence_id: int
    date: Optional[str]
    source: ActorSpan
    target: Optional[ActorSpan]
    cameo: str
    root: str
    quad_class: Optional[int]
    goldstein: Optional[float]
    plover: Optional[str]
    mode: str
    evidence: Span
    location: Optional[Location]
    pattern: str

class DictionaryWarning(UserWarning): ...

class Coder:
    def __init__(
        self,
        actors: Union[PathLike, Iterable[PathLike], None] = None,
        agents: Optional[PathLike] = None,
        verbs: Optional[PathLike] = None,
        discards: Optional[PathLike] = None,
        model: Optional[PathLike] = None,
    ) -> None: ...
    @property
    def warnings(self) -> List[str]: ...
    def code(
        self, text: str, date: DateLike = None, doc_id: Optional[str] = None
    ) -> List[Event]: ...
    def code_batch(
        self,
        articles: Iterable[Mapping[str, Any]],
        date: DateLike = None,
        *,
        threads: Optional[int] = None,
        on_error: str = "raise",
    ) -> List[Event]: ...

def code(
    text: str, date: DateLike = None, doc_id: Optional[str] = None
) -> List[Event]: ...
def code_batch(
    articles: Iterable[Mapping[str, Any]],
    date: DateLike = None,
    *,
    threads: Optional[int] = None,
    on_error: str = "raise",
) -> List[Event]: ...
def arrow_schema() -> pyarrow.Schema: ...
def to_arrow(events: Iterable[Mapping[str, Any]]) -> pyarrow.Table: ...
