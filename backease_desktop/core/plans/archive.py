"""The `.backease` archive: a zip holding one routine YAML and its pictures.

Read defensively, as a file from anywhere: names must be plain relative paths (no absolute
path, no `..`, no backslash), no links, no more than a few dozen members, each no larger
than a content file or a picture may be, and the whole no larger than a small cap, counted
while decompressing (a zip's own size fields can lie), so a zip bomb stops early."""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import IO

from backease_desktop.core import safe_files
from backease_desktop.core.content.exercises import PICTURE_MAX_BYTES, PICTURE_SUFFIXES
from backease_desktop.core.content.yamlsource import MAX_FILE_BYTES

ARCHIVE_SUFFIX = ".backease"
MAX_MEMBERS = 64
MAX_TOTAL_BYTES = 32 * 1024 * 1024
MAX_ARCHIVE_BYTES = 40 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")
_CHUNK = 64 * 1024


class ArchiveError(Exception):
    """The archive cannot be used; the message says why."""


def is_archive(path: Path) -> bool:
    return path.suffix.lower() == ARCHIVE_SUFFIX or (
        path.suffix.lower() not in YAML_SUFFIXES and zipfile.is_zipfile(path)
    )


def _member_name(info: zipfile.ZipInfo) -> PurePosixPath:
    name = info.filename
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ArchiveError(f"'{name}' is not a plain relative path")
    path = PurePosixPath(name)
    if any(part in ("..", "") for part in path.parts) or not path.parts:
        raise ArchiveError(f"'{name}' leads outside the plan")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise ArchiveError(f"'{name}' is a link; a plan holds only files")
    if info.flag_bits & 0x1:
        raise ArchiveError(f"'{name}' is encrypted")
    return path


def _limit_for(path: PurePosixPath) -> int:
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return MAX_FILE_BYTES
    if suffix in PICTURE_SUFFIXES:
        return PICTURE_MAX_BYTES
    raise ArchiveError(f"'{path}' is neither the routine (.yaml) nor a picture (.svg, .png)")


def extract_plan(archive: Path, into: Path) -> Path:
    """Unpacks the archive into the empty folder `into` and returns the routine file."""
    try:
        if archive.stat().st_size > MAX_ARCHIVE_BYTES:
            raise ArchiveError(f"the archive is larger than {MAX_ARCHIVE_BYTES // 2**20} MiB")
        with zipfile.ZipFile(archive) as zipped:
            return _extract(zipped, into)
    except zipfile.BadZipFile as exc:
        raise ArchiveError(f"not a BackEase plan archive (a zip file): {exc}") from None
    except OSError as exc:
        raise ArchiveError(f"cannot read the archive: {exc.strerror or exc}") from None


def _extract(zipped: zipfile.ZipFile, into: Path) -> Path:
    members = [m for m in zipped.infolist() if not m.is_dir()]
    if len(members) > MAX_MEMBERS:
        raise ArchiveError(f"{len(members)} files is too many (a plan holds at most {MAX_MEMBERS})")
    routines = []
    seen: set[str] = set()
    total = 0
    for info in members:
        name = _member_name(info)
        limit = _limit_for(name)
        if str(name).lower() in seen:
            raise ArchiveError(f"'{name}' is in the archive twice")
        seen.add(str(name).lower())
        if name.suffix.lower() in YAML_SUFFIXES:
            if len(name.parts) != 1:
                raise ArchiveError(f"'{name}': the routine file belongs at the top of the plan")
            routines.append(name)
        target = into.joinpath(*name.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with zipped.open(info) as source, target.open("xb") as sink:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                total += len(chunk)
                if written > limit:
                    raise ArchiveError(f"'{name}' is larger than {limit // 2**20} MiB")
                if total > MAX_TOTAL_BYTES:
                    raise ArchiveError(
                        f"the plan unpacks to more than {MAX_TOTAL_BYTES // 2**20} MiB"
                    )
                sink.write(chunk)
    if len(routines) != 1:
        found = ", ".join(map(str, routines)) or "none"
        raise ArchiveError(f"a plan holds exactly one routine file (.yaml); found {found}")
    return into / routines[0]


def write_plan(target: Path, routine_name: str, text: str, pictures: Mapping[str, Path]) -> None:
    """Writes the archive by the rule for every file BackEase writes (core/safe_files: a
    temporary file beside the target, never over anything but a regular file): the
    routine's YAML as `routine_name` and each picture (archive name -> file on disk)."""

    def fill(out: IO[bytes]) -> None:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            zipped.writestr(routine_name, text)
            for name, source in pictures.items():
                # PNGs are compressed already; SVG text shrinks well.
                kind = zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED
                zipped.write(source, name, compress_type=kind)

    safe_files.write_atomic(target, fill)
