"""Reads one YAML file into a tree of plain values that remember their line and column.

Only safe loading: the file is *composed* (parsed into nodes) by PyYAML's safe loader, in C
when available, and the few scalar types content needs are converted here. Nothing can build
a Python object, aliases are refused before they can expand ("billion laughs"), and size,
encoding, tabs and nesting depth are checked first, each with a message that says where."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from backease_desktop.core import safe_files
from backease_desktop.core.content.errors import FILE_FIELD, ContentError

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL}

Scalar = str | int | float | bool | None

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

# YAML 1.2's core schema, as editors checking files against the JSON Schema read them:
# `2e1` is a number, `yes`, `on`, `1_000` and `1:30` are text (PyYAML reads YAML 1.1,
# where they are true, true, 1000 and 90).
_CORE_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_CORE_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_CORE_INT = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_CORE_FLOAT = re.compile(
    r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)


def plain_is_text(value: str) -> bool:
    """Whether `value`, written without quotes, reads back as text under YAML 1.2's core
    schema (what the loader and editors use); a writer quotes it when not (`0e0`, `true`)."""
    return not any(
        pattern.match(value) for pattern in (_CORE_NULL, _CORE_BOOL, _CORE_INT, _CORE_FLOAT)
    )


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, resolving plain scalars by YAML 1.2's core schema."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:  # plain (unquoted, untagged)
            for pattern, tag in (
                (_CORE_NULL, _NULL),
                (_CORE_BOOL, _BOOL),
                (_CORE_INT, _INT),
                (_CORE_FLOAT, _FLOAT),
            ):
                if pattern.match(value):
                    return tag
            return _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]


class UnusableNumber(str):
    """A number written with more digits than any field can use: kept as a value (not a
    refusal of the whole file) so the field it belongs to reports it, shortened."""

    @property
    def digits(self) -> int:
        return sum(c.isdigit() for c in self)


@dataclass(frozen=True)
class YNode:
    """A value from the file and where it starts (1-based). `value` is a scalar, a list of
    YNode, or a dict of key -> YNode (keys are always text)."""

    value: Scalar | list[YNode] | dict[str, YNode]
    line: int
    column: int
    key_line: int = 0
    key_column: int = 0

    @property
    def kind(self) -> str:
        """A word for error messages: what the user wrote, in their terms."""
        v = self.value
        if isinstance(v, bool):
            return "true/false"
        if isinstance(v, int):
            return "a whole number"
        if isinstance(v, float):
            return "a number"
        if isinstance(v, UnusableNumber):
            return f"a number too long to use ({v[:12]}…, {v.digits} digits)"
        if isinstance(v, str):
            return "text"
        if v is None:
            return "nothing (null)"
        if isinstance(v, list):
            return "a list"
        return "a mapping of keys to values"


class _RefusedError(Exception):
    """A problem found while converting nodes; carries the position."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def read_yaml(path: Path) -> tuple[YNode | None, list[ContentError]]:
    """Returns the document tree, or None and the reasons it could not be read."""

    def fail(message: str, line: int = 1, column: int = 1) -> tuple[None, list[ContentError]]:
        return None, [ContentError(path, line, column, FILE_FIELD, message)]

    try:
        # Only a regular file, opened without blocking (a FIFO would hang, /dev/zero never
        # ends) and read no further than the cap: see core/safe_files.
        with safe_files.open_regular(path) as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_FILE_BYTES:
                return fail(
                    f"the file is {size:,} bytes; content files may be at most 1 MiB "
                    f"({MAX_FILE_BYTES:,} bytes)"
                )
            raw = stream.read(MAX_FILE_BYTES + 1)
    except safe_files.UnsafePathError as exc:
        return fail(f"cannot read the file: {exc.sentence.removeprefix(f'{path} ')}")
    except OSError as exc:
        return fail(f"cannot read the file: {exc.strerror or exc}")
    if len(raw) > MAX_FILE_BYTES:  # grew between stat and read
        return fail("the file is larger than 1 MiB; content files may be at most 1 MiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position_of(raw, exc.start)
        return fail(
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
            line,
            column,
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return fail("the file is empty")
    tab = _indenting_tab(text)
    if tab is not None:
        return fail("a tab is used for indentation; YAML needs spaces", *tab)
    try:
        shape = _refused_structure(text)
        if shape is not None:
            return fail(shape.message, shape.line, shape.column)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "not valid YAML"
        if "maximum nesting depth" in problem:
            # libyaml looks far ahead in flow collections ([[[...) and gives up first.
            return fail(f"nested more than {MAX_DEPTH} levels deep", line, column)
        return fail(f"not valid YAML: {problem}", line, column)
    except yaml.YAMLError as exc:
        return fail(f"not valid YAML: {exc}")
    except RecursionError:
        return fail("the file is nested too deeply to be content")
    if node is None:
        return fail("the file is empty")
    try:
        return _convert(node, set(), 0), []
    except _RefusedError as refusal:
        return fail(refusal.message, refusal.line, refusal.column)
    except RecursionError:
        return fail("the file is nested too deeply to be content")


def _refused_structure(text: str) -> _RefusedError | None:
    """Aliases and deep nesting, found in the parser's event stream before anything is built.

    The stream is flat, so this cannot recurse however deep the file goes, and it gives the
    same message and the exact position with the C and the pure-Python parser alike."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if isinstance(event, yaml.AliasEvent):
            # Content never needs to reuse a part, and a "billion laughs" file uses aliases
            # to explode; refusing them all keeps the rule simple to state.
            return _RefusedError(
                line,
                column,
                "anchors and aliases (&name, *name) are not supported; write the value out",
            )
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return _RefusedError(line, column, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def _position_of(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _indenting_tab(text: str) -> tuple[int, int] | None:
    """YAML forbids tabs in indentation, and PyYAML's message for it is cryptic."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return number, len(line) - len(stripped) + 1
    return None


def _convert(node: yaml.Node, seen: set[int], depth: int) -> YNode:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if depth > MAX_DEPTH:
        raise _RefusedError(line, column, f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
        # An alias hands the composer the very node object it already built. The event scan
        # refuses aliases first; this stays as a guard so a shared node is never walked twice.
        if id(node) in seen:
            raise _RefusedError(
                line, column, "anchors and aliases (&name, *name) are not supported"
            )
        seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return YNode(_scalar(node, line, column), line, column)
    if isinstance(node, yaml.SequenceNode):
        _check_tag(node, _SEQ, line, column)
        return YNode([_convert(item, seen, depth + 1) for item in node.value], line, column)
    if isinstance(node, yaml.MappingNode):
        _check_tag(node, _MAP, line, column)
        mapping: dict[str, YNode] = {}
        for key_node, value_node in node.value:
            k_line, k_col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise _RefusedError(
                    k_line, k_col, "a key must be a plain word, not a list or mapping"
                )
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _RefusedError(k_line, k_col, "merge keys (<<) are not supported")
            key = str(_scalar(key_node, k_line, k_col))
            if key in mapping:
                raise _RefusedError(k_line, k_col, f"the key '{key}' appears twice")
            child = _convert(value_node, seen, depth + 1)
            mapping[key] = YNode(child.value, child.line, child.column, k_line, k_col)
        return YNode(mapping, line, column)
    raise _RefusedError(line, column, "unsupported YAML node")


def _check_tag(node: yaml.Node, expected: str, line: int, column: int) -> None:
    if node.tag != expected:
        raise _RefusedError(
            line, column, f"the tag {_short(node.tag)} is not allowed in content files"
        )


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


_BOOL_WORDS = {
    "true": True,
    "yes": True,
    "on": True,
    "false": False,
    "no": False,
    "off": False,
}  # !!bool


def _scalar(node: yaml.ScalarNode, line: int, column: int) -> Scalar:
    tag, text = node.tag, node.value
    if tag not in _SCALAR_TAGS:
        if tag == "tag:yaml.org,2002:timestamp":
            return str(text)  # a date is only ever text to us
        raise _RefusedError(line, column, f"the tag {_short(tag)} is not allowed in content files")
    try:
        if tag == _STR:
            return str(text)
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _BOOL_WORDS[text.lower()]
        if tag == _INT:
            return _to_int(text)
        return _to_float(text)
    except (ValueError, KeyError):
        if tag in (_INT, _FLOAT):
            return UnusableNumber(text)
        raise _RefusedError(line, column, f"'{text[:40]}' is not a usable value") from None


def _to_int(text: str) -> int:
    cleaned = text.replace("_", "")
    if len(cleaned) > 30:
        raise ValueError("too long")
    sign = -1 if cleaned.startswith("-") else 1
    digits = cleaned.lstrip("+-")
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    if digits.startswith("0o"):
        return sign * int(digits[2:], 8)
    if digits.startswith("0b"):
        return sign * int(digits[2:], 2)
    return sign * int(digits, 10)


def _to_float(text: str) -> float:
    cleaned = text.replace("_", "").lower()
    if cleaned in (".nan", "+.nan", "-.nan"):
        return float("nan")
    if cleaned.lstrip("+-") == ".inf":
        return float("-inf") if cleaned.startswith("-") else float("inf")
    return float(cleaned)
