"""Reads the settings file (QSettings' INI format) line by line, for when QSettings will
not: a stray quote makes QSettings read every later line into one value (and drop them on
its next write), and a file in a folder that cannot be written still has settings worth
using. Each line stands alone here, so one bad line costs only itself."""

from __future__ import annotations

from typing import NamedTuple


class IniRead(NamedTuple):
    """The values read, by QSettings key ("section/key"; [General] keys stand alone), and
    the numbers (1-based) of the lines that could not be read."""

    values: dict[str, str]
    bad_lines: tuple[int, ...]


_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r", "0": "\0"}


def _unquote(text: str) -> str | None:
    """The text of one quoted value ("..." with backslash escapes), or None when the
    quotes do not close at the end of the line."""
    out: list[str] = []
    index = 1
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            out.append(_ESCAPES.get(text[index + 1], text[index + 1]))
            index += 2
            continue
        if char == '"':
            return "".join(out) if not text[index + 1 :].strip() else None
        out.append(char)
        index += 1
    return None


def _value(text: str) -> str | None:
    text = text.strip()
    if text.startswith('"'):
        return _unquote(text)
    if '"' in text or "\x00" in text:
        return None
    return text


def parse_ini(text: str) -> IniRead:
    """Every readable `key=value` line of `text`, under the section above it."""
    values: dict[str, str] = {}
    bad: list[int] = []
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped[0] in ";#":
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            name = stripped[1:-1].strip()
            section = "" if name.lower() == "general" else name
            continue
        key, equals, raw = stripped.partition("=")
        key = key.strip()
        value = _value(raw) if equals else None
        if not key or value is None or any(c in key for c in '"[]\x00'):
            bad.append(number)
            continue
        values[f"{section}/{key}" if section else key] = value
    return IniRead(values, tuple(bad))
