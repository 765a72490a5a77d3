"""Plans for the import, export, editor and own-exercise tests: a clinician's routine with
an exercise of its own and a picture, written the way a person writes one."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'

PLAN = """\
# From Riverside Physiotherapy: please keep this comment
id: physio-plan
title: Physio plan
summary: Two exercises from the practice.
exercises:
  - id: pelvic-tilt
    title: Pelvic tilt
    summary: Flatten your back gently against the floor.
    position: lying
    instructions:
      - Lie on your back with your knees bent.
      - Tighten your tummy and press your back down.
    hold: 5
    reps: 10
    source: Riverside Physiotherapy
    added: 2026-11-30
    illustration: pictures/tilt.svg
steps:
  - stretch: pelvic-tilt
  - breathe: {cycles: 3}
  - stretch: cat-cow
    reps: 4
"""


def png_bytes() -> bytes:
    """A genuine 2x2 grey PNG, made without Qt."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def plan_folder(where: Path, text: str = PLAN) -> Path:
    """A plan as a folder: the routine file and its picture; returns the routine file."""
    (where / "pictures").mkdir(parents=True, exist_ok=True)
    (where / "pictures" / "tilt.svg").write_text(SVG)
    routine = where / "physio.yaml"
    routine.write_text(text)
    return routine


def plan_archive(target: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)
    return target
