"""The native half of detente (crates/detente_py); use the ``detente`` package instead."""

from typing import List, Optional, Sequence, Tuple

__version__: str

class Coder:
    """Dictionaries and model of a run; events cross as JSON text."""

    warnings: List[str]

    def __init__(
        self,
        actors: Sequence[str] = ...,
        agents: Optional[str] = None,
        verbs: Optional[str] = None,
        discards: Optional[str] = None,
        model: Optional[str] = None,
    ) -> None: ...
    def code_json(
        self, text: str, date: Optional[str] = None, doc_id: str = "text"
    ) -> str: ...
    def code_batch_json(
        self,
        records: Sequence[str],
        date: Optional[str] = None,
        threads: int = 0,
        skip_errors: bool = False,
        first_index: int = 0,
    ) -> Tuple[str, List[Tuple[int, str]]]: ...
