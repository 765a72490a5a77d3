"""Typed access to one YAML mapping that records, rather than raises, what is wrong.

Each getter returns a usable value (or None) and appends a ContentError naming the file,
line, column and dotted field path; `finish()` reports keys nobody asked for, so a typo
such as `hodl:` is caught instead of silently ignored."""

from __future__ import annotations

import math
from pathlib import Path

from backease_desktop.core.content.errors import ContentError
from backease_desktop.core.content.yamlsource import YNode

ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")
# Lengths, in characters as written (the JSON Schema's maxLength counts the same way). A
# title is one line in a list; the bundled content's longest text is under 300 characters,
# and a title of a megabyte froze the Routines page while it was laid out.
TITLE_MAX_CHARS = 120
TEXT_MAX_CHARS = 2000
LIST_MAX_ITEMS = 100
_SHORT_KEYS = ("title", "heading")


class MappingReader:
    """Reads the fields of one mapping node at `prefix` (e.g. `steps[2]`)."""

    def __init__(self, node: YNode, path: Path, prefix: str, errors: list[ContentError]) -> None:
        self.node = node
        self.path = path
        self.prefix = prefix
        self.errors = errors
        self._used: set[str] = set()
        self._mapping: dict[str, YNode] = node.value if isinstance(node.value, dict) else {}

    # -- plumbing -------------------------------------------------------------------------

    def field_name(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def error_at(self, node: YNode, field: str, message: str) -> None:
        self.errors.append(ContentError(self.path, node.line, node.column, field, message))

    def has(self, key: str) -> bool:
        return key in self._mapping

    def page_keys(self) -> list[str]:
        return list(self._mapping)

    def raw(self, key: str, required: bool = True) -> YNode | None:
        """The node under `key`, or None (with an error if it was required)."""
        self._used.add(key)
        node = self._mapping.get(key)
        if node is None and required:
            self.error_at(self.node, self.field_name(key), "this required key is missing")
        return node

    def finish(self, allowed_hint: str = "") -> None:
        """Reports every key that no getter asked for."""
        known = sorted(self._used)
        for key, node in self._mapping.items():
            if key not in self._used:
                hint = allowed_hint or ", ".join(known)
                self.errors.append(
                    ContentError(
                        self.path,
                        node.key_line or node.line,
                        node.key_column or node.column,
                        self.field_name(key),
                        f"unknown key (allowed here: {hint})",
                    )
                )

    # -- typed getters --------------------------------------------------------------------

    def text(self, key: str, required: bool = True, default: str = "") -> str | None:
        node = self.raw(key, required)
        if node is None:
            return None if required else default
        if not isinstance(node.value, str) or not node.value.strip():
            self.error_at(node, self.field_name(key), f"expected some text, got {node.kind}")
            return None
        limit = TITLE_MAX_CHARS if key in _SHORT_KEYS else TEXT_MAX_CHARS
        if not self._short_enough(node, self.field_name(key), node.value, limit):
            return None
        return node.value.strip()

    def _short_enough(self, node: YNode, field: str, text: str, limit: int) -> bool:
        if len(text) <= limit:
            return True
        self.error_at(node, field, f"is {len(text):,} characters long; at most {limit:,}")
        return False

    def identifier(self, key: str = "id") -> str | None:
        value = self.text(key)
        if value is None:
            return None
        node = self._mapping[key]
        if not set(value) <= ID_CHARS or value.startswith("-") or len(value) > 64:
            self.error_at(
                node,
                self.field_name(key),
                f"'{value}' is not a valid id: use lowercase letters, digits and dashes",
            )
            return None
        return value

    def text_list(
        self, key: str, required: bool = True, min_items: int = 1
    ) -> tuple[str, ...] | None:
        node = self.raw(key, required)
        if node is None:
            return None if required else ()
        name = self.field_name(key)
        if not isinstance(node.value, list):
            self.error_at(node, name, f"expected a list of text lines, got {node.kind}")
            return None
        if len(node.value) > LIST_MAX_ITEMS:
            self.error_at(node, name, f"has {len(node.value):,} items; at most {LIST_MAX_ITEMS}")
            return None
        items: list[str] = []
        ok = True
        for index, item in enumerate(node.value):
            if not isinstance(item.value, str) or not item.value.strip():
                self.error_at(item, f"{name}[{index}]", f"expected some text, got {item.kind}")
                ok = False
            elif not self._short_enough(item, f"{name}[{index}]", item.value, TEXT_MAX_CHARS):
                ok = False
            else:
                items.append(item.value.strip())
        if ok and len(items) < min_items:
            self.error_at(node, name, f"needs at least {min_items} item(s)")
            return None
        return tuple(items) if ok else None

    def number(
        self,
        key: str,
        minimum: float,
        maximum: float,
        unit: str = "seconds",
        required: bool = True,
        default: float | None = None,
        allow_zero: bool = False,
        whole: bool = False,
    ) -> float | None:
        """A number within [minimum, maximum]; zero is refused unless `allow_zero`."""
        node = self.raw(key, required)
        if node is None:
            return default
        name = self.field_name(key)
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            what = "a whole number" if whole else "a number"
            self.error_at(node, name, f"expected {what} of {unit}, got {node.kind}")
            return None
        if not math.isfinite(value):
            self.error_at(node, name, f"expected a finite number of {unit}")
            return None
        # 3.0 counts as whole: JSON Schema's "integer" accepts it, and the loader agrees with
        # the schema editors check against.
        if whole and not float(value).is_integer():
            self.error_at(node, name, f"expected a whole number of {unit}, got {value}")
            return None
        if value < 0 or (value == 0 and not allow_zero):
            low = "zero or more" if allow_zero else "more than zero"
            self.error_at(node, name, f"must be {low}, got {value}")
            return None
        if value < minimum or value > maximum:
            self.error_at(
                node,
                name,
                f"{_fmt(value)} {unit} is out of range ({_fmt(minimum)} to {_fmt(maximum)})",
            )
            return None
        return float(value)

    def whole(
        self,
        key: str,
        minimum: int,
        maximum: int,
        unit: str,
        required: bool = True,
        default: int | None = None,
    ) -> int | None:
        value = self.number(
            key,
            minimum,
            maximum,
            unit=unit,
            required=required,
            default=None if default is None else float(default),
            whole=True,
        )
        return None if value is None else int(value)

    def mapping(self, key: str, required: bool = True) -> MappingReader | None:
        node = self.raw(key, required)
        if node is None:
            return None
        return self.child(node, self.field_name(key))

    def child(self, node: YNode, field: str) -> MappingReader | None:
        if not isinstance(node.value, dict):
            self.error_at(node, field, f"expected a mapping of keys to values, got {node.kind}")
            return None
        return MappingReader(node, self.path, field, self.errors)

    def sequence(self, key: str, required: bool = True) -> list[YNode] | None:
        node = self.raw(key, required)
        if node is None:
            return None
        if not isinstance(node.value, list):
            self.error_at(node, self.field_name(key), f"expected a list, got {node.kind}")
            return None
        return node.value


def _fmt(value: float) -> str:
    """A number as a person wrote it, but never hundreds of digits (1e300 stays 1e+300)."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}"
