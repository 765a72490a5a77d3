"""Saving an edited routine, and deleting one, without losing anything a person wrote.

A save writes plain YAML through a temporary file. A file with comments written by hand
is not silently stripped of them: it is kept beside the new one as `<name>.orig` (which
the loader does not read, so the two never clash) and the caller is told. Pictures chosen
from anywhere are copied next to the routine. Deleting moves the file to the trash."""

from __future__ import annotations

import datetime as dt
import filecmp
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from backease_desktop.core import safe_files
from backease_desktop.core.content.exercises import PICTURE_MAX_BYTES
from backease_desktop.core.plans.drafts import RoutineDraft, draft_text, picture_name
from backease_desktop.core.plans.serialise import has_comments
from backease_desktop.core.plans.trash import move_to_trash


class Saved(NamedTuple):
    path: Path
    kept_original: Path | None  # the hand-commented file, kept as it was


def _free(path: Path) -> Path:
    candidate, counter = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{counter}{path.suffix}")
        counter += 1
    return candidate


def _write(target: Path, data: bytes | str) -> None:
    """By the rule for every file BackEase writes (core/safe_files)."""
    safe_files.write_bytes(target, data.encode("utf-8") if isinstance(data, str) else data)


def save_draft(
    draft: RoutineDraft, folder: Path, original: Path | None, now: Callable[[], dt.datetime]
) -> Saved:
    """Writes the draft to `original` (the file it was opened from) or to a new
    `<id>.yaml` in `folder`; returns where, and where a commented original was kept."""
    folder.mkdir(parents=True, exist_ok=True)
    target = original if original is not None else _free(folder / f"{draft.id}.yaml")
    for exercise in draft.exercises:
        if not exercise.picture:
            continue
        source = Path(exercise.picture)
        there = target.parent / picture_name(exercise)
        if there.exists() and there.resolve() == source.resolve():
            continue
        if there.exists():
            if filecmp.cmp(source, there, shallow=False):
                continue
            move_to_trash(there, now())
        there.parent.mkdir(parents=True, exist_ok=True)
        _write(there, safe_files.read_bytes(source, PICTURE_MAX_BYTES))
    kept = None
    commented = (
        original is not None
        and original.exists()
        and has_comments(original.read_text(encoding="utf-8", errors="replace"))
    )
    if commented and original is not None:
        kept = _free(original.with_name(f"{original.name}.orig"))
        shutil.copy2(original, kept)
    _write(target, draft_text(draft))
    return Saved(target, kept)


def delete_routine(path: Path, now: Callable[[], dt.datetime]) -> Path:
    """Moves a routine file to the trash (its pictures stay: another plan may share them)
    and returns where it went."""
    return move_to_trash(path, now())
