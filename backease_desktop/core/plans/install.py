"""Importing a plan: read it, check everything, then install it whole or not at all.

`read_plan` unpacks (for an archive) and validates with the loader's own rules, strictly:
an exercise may not take a bundled stretch's id, no id may be another of the person's
files', a routine id already installed is refused unless replacing was asked. The result
is a preview the window shows before anything is written; `install_plan` then copies the
routine and its pictures into the user's folders. A file it replaces goes to the trash."""

from __future__ import annotations

import datetime as dt
import filecmp
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from backease_desktop.core import safe_files
from backease_desktop.core.content.errors import FILE_FIELD, ContentError
from backease_desktop.core.content.exercises import UserExercises
from backease_desktop.core.content.model import Library, Routine, Stretch
from backease_desktop.core.content.parse import parse_routine
from backease_desktop.core.content.yamlsource import read_yaml
from backease_desktop.core.plans.archive import ArchiveError, extract_plan, is_archive
from backease_desktop.core.plans.trash import move_to_trash


class PlanPreview(NamedTuple):
    """What an import would add, checked and ready to install."""

    routine: Routine
    exercises: tuple[Stretch, ...]
    pictures: tuple[str, ...]  # paths relative to the routine file
    routine_file: Path  # the checked file (inside the unpacked archive for one)
    replaces: Path | None  # the installed file of the same routine id, when replacing


class Installed(NamedTuple):
    """What an import did: files added, and files replaced with where they went."""

    added: tuple[Path, ...]
    replaced: tuple[tuple[Path, Path], ...]


def _relabel(errors: list[ContentError], unpacked: Path, archive: Path) -> list[ContentError]:
    """Errors inside an unpacked archive name the archive and the member, not a temporary
    folder the person never saw."""
    out = []
    for error in errors:
        try:
            inner = error.path.relative_to(unpacked)
        except ValueError:
            out.append(error)
            continue
        out.append(error._replace(path=archive / inner))
    return out


def read_plan(
    plan: Path, workdir: Path, library: Library, user_routines: Path, replace: bool = False
) -> tuple[PlanPreview | None, list[ContentError]]:
    """Checks the plan file (a routine YAML or an archive) against `library`, the person's
    content as loaded now. `workdir` is an empty folder an archive is unpacked into."""
    plan = plan.absolute()
    if not plan.is_file():
        what = "is a folder, not a file" if plan.is_dir() else "no such file"
        return None, [ContentError(plan, 1, 1, FILE_FIELD, what)]
    routine_file = plan
    if is_archive(plan):
        try:
            routine_file = extract_plan(plan, workdir)
        except ArchiveError as exc:
            return None, [ContentError(plan, 1, 1, FILE_FIELD, str(exc))]
    preview, errors = _check(routine_file, library, user_routines, replace)
    if routine_file is not plan:
        errors = _relabel(errors, workdir, plan)
    return (preview if not errors else None), errors


def _check(
    routine_file: Path, library: Library, user_routines: Path, replace: bool
) -> tuple[PlanPreview | None, list[ContentError]]:
    errors: list[ContentError] = []
    node, problems = read_yaml(routine_file)
    errors += problems
    if node is None:
        return None, errors
    existing = _existing_routine(node.value, library)
    installed = existing.source if existing is not None and not existing.bundled else None
    replaces = installed if replace else None
    bundled = {s.id: s for s in library.stretches if s.origin == "bundled"}
    own = UserExercises(bundled, errors, strict=True)
    # The installed routine of the same id owns the same exercises: its id is the one
    # error to report (or it is being replaced), not each exercise again.
    own.seed(library, ignore=[installed] if installed else [])
    stripped, known = own.for_routine(node, routine_file)
    routine = parse_routine(stripped, routine_file, errors, known, library.breathing)
    if routine is None:
        return None, errors
    line, column = _id_position(node.value)
    if existing is not None and existing.bundled:
        errors.append(
            ContentError(
                routine_file,
                line,
                column,
                "id",
                f"'{routine.id}' is the id of a routine that comes with BackEase; "
                "give the plan another id",
            )
        )
    elif existing is not None and not replace:
        errors.append(
            ContentError(
                routine_file,
                line,
                column,
                "id",
                f"you already have a routine '{routine.id}' ({existing.source}); "
                "import with --replace to replace it (the old file goes to the trash)",
            )
        )
    exercises = tuple(s for s in own.mine.values() if s.file == routine_file)
    pictures = tuple(
        str(Path(s.illustration).relative_to(routine_file.parent.absolute()))
        for s in exercises
        if s.illustration
    )
    errors += _picture_clashes(routine_file, pictures, user_routines, replaces)
    if errors:
        return None, errors
    return PlanPreview(routine, exercises, pictures, routine_file, replaces), errors


def _id_position(doc: object) -> tuple[int, int]:
    if isinstance(doc, dict) and "id" in doc:
        return doc["id"].line, doc["id"].column
    return 1, 1


def _existing_routine(doc: object, library: Library) -> Routine | None:
    if isinstance(doc, dict) and "id" in doc and isinstance(doc["id"].value, str):
        return library.routine(doc["id"].value.strip())
    return None


def _picture_clashes(
    routine_file: Path, pictures: tuple[str, ...], folder: Path, replaces: Path | None
) -> list[ContentError]:
    """A picture whose name another plan already uses, with other content, is refused
    rather than overwritten (an identical one is simply shared)."""
    errors = []
    for name in pictures:
        there = folder / name
        differs = there.exists() and not filecmp.cmp(routine_file.parent / name, there, False)
        if differs and replaces is None:
            errors.append(
                ContentError(
                    routine_file,
                    1,
                    1,
                    FILE_FIELD,
                    f"a different picture named '{name}' is already in {folder}; "
                    "rename the picture in the plan",
                )
            )
    return errors


def target_name(routine: Routine, folder: Path, replaces: Path | None) -> Path:
    """Where the routine goes: the file it replaces, or `<id>.yaml` (numbered if a file of
    that name holds something else)."""
    if replaces is not None:
        return replaces
    candidate = folder / f"{routine.id}.yaml"
    counter = 2
    while candidate.exists():
        candidate = folder / f"{routine.id}-{counter}.yaml"
        counter += 1
    return candidate


def install_plan(preview: PlanPreview, folder: Path, now: Callable[[], dt.datetime]) -> Installed:
    """Copies the checked plan into `folder` (the user's routines folder): pictures first,
    the routine file last, so the app never sees a routine whose pictures are missing. The
    routine file is copied byte for byte: comments and layout stay as written. On failure
    what was added is taken back and the error raised (OSError)."""
    folder.mkdir(parents=True, exist_ok=True)
    source_dir = preview.routine_file.parent
    added: list[Path] = []
    replaced: list[tuple[Path, Path]] = []
    target = target_name(preview.routine, folder, preview.replaces)
    try:
        for name in preview.pictures:
            there = folder / name
            if there.exists():
                if filecmp.cmp(source_dir / name, there, shallow=False):
                    continue
                replaced.append((there, move_to_trash(there, now())))
            there.parent.mkdir(parents=True, exist_ok=True)
            _copy(source_dir / name, there)
            added.append(there)
        if target.exists():
            replaced.append((target, move_to_trash(target, now())))
        _copy(preview.routine_file, target)
        added.append(target)
    except OSError:
        for path in added:
            path.unlink(missing_ok=True)
        for original, trashed in replaced:
            shutil.move(str(trashed), original)
        raise
    return Installed(tuple(added), tuple(replaced))


# A plan is checked before it is installed; this only bounds what one copy may read.
_COPY_MAX_BYTES = 64 * 1024 * 1024


def _copy(source: Path, target: Path) -> None:
    """By the rule for every file BackEase reads and writes (core/safe_files): only a
    regular file is read, and the copy goes through a temporary file, so a half-copied
    file is never seen by the loader and nothing but a regular file is replaced."""
    safe_files.write_bytes(target, safe_files.read_bytes(source, _COPY_MAX_BYTES))
