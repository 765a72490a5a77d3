"""Notices the person is told once, not at every start: a bundled stretch that has taken
the id of one of their own exercises (their routines keep using theirs). Which ones were
told is remembered in a small text file in the data folder; losing it only means one more
telling."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from backease_desktop.core.content.errors import ContentError
from backease_desktop.core.paths import data_dir


def seen_file() -> Path:
    return data_dir() / "notices-told.txt"


def _key(notice: ContentError) -> str:
    return f"{notice.path}\t{notice.field}\t{notice.message}"


def untold(notices: Iterable[ContentError], told: Path | None = None) -> list[ContentError]:
    """The notices not told before."""
    path = told or seen_file()
    try:
        known = set(path.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        known = set()
    return [n for n in notices if _key(n) not in known]


def mark_told(notices: Iterable[ContentError], told: Path | None = None) -> None:
    """Remembers `notices` as told (best effort: an unwritable folder means telling again)."""
    path = told or seen_file()
    lines = [_key(n) for n in notices]
    if not lines:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as stream:
            stream.write("".join(f"{line}\n" for line in lines))
    except OSError:
        return
