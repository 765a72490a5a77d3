"""A content problem is a value, not an exception: the UI and the CLI both list them."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class ContentError(NamedTuple):
    """One thing wrong with one file, with the position an editor can jump to (ordered by
    file, then position, as a tuple is).

    `field` is a dotted path into the document (`steps[2].hold`), or `(file)` when the
    problem is the file as a whole (unreadable, empty, not YAML)."""

    path: Path
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"


FILE_FIELD = "(file)"
