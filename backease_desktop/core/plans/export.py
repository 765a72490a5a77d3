"""Exporting a routine as a self-contained plan another computer imports unchanged: the
person's own exercises inline, bundled stretches by id, and, when an exercise has a
picture, one `.backease` archive holding the YAML and the pictures."""

from __future__ import annotations

from pathlib import Path

from backease_desktop.core import safe_files
from backease_desktop.core.content.model import Library
from backease_desktop.core.plans.archive import ARCHIVE_SUFFIX, write_plan
from backease_desktop.core.plans.drafts import draft_data, draft_from_routine, picture_name
from backease_desktop.core.plans.serialise import dump


class ExportError(Exception):
    """The routine cannot be exported as asked; the message says why."""


def plan_text(library: Library, routine_id: str) -> tuple[str, dict[str, Path]]:
    """The plan's YAML and its pictures (archive name -> file on disk)."""
    routine = library.routine(routine_id)
    if routine is None:
        known = ", ".join(r.id for r in library.routines)
        raise ExportError(f"no routine has the id '{routine_id}' (known: {known})")
    draft = draft_from_routine(routine, inline_all=True)
    pictures = {picture_name(e): Path(e.picture) for e in draft.exercises if e.picture}
    return dump(draft_data(draft)), pictures


def export_plan(library: Library, routine_id: str, target: Path) -> Path:
    """Writes the plan to `target`: YAML, or an archive when it has pictures (the target
    must then end in .backease). Returns the file written."""
    text, pictures = plan_text(library, routine_id)
    is_archive = target.suffix.lower() == ARCHIVE_SUFFIX
    if pictures and not is_archive:
        raise ExportError(
            f"this routine has pictures: export it to a {ARCHIVE_SUFFIX} file "
            f"(e.g. {target.with_suffix(ARCHIVE_SUFFIX).name})"
        )
    for source in pictures.values():
        if not source.is_file():
            raise ExportError(f"the picture {source} is missing")
    if is_archive:
        write_plan(target, f"{routine_id}.yaml", text, pictures)
    else:
        safe_files.write_bytes(target, text.encode("utf-8"))
    return target
