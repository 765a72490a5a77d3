"""Plain data to the YAML text of a routine file a person can read and edit by hand: block
style, keys in the order given, lists indented under their key, the schema line on top.
Only plain data (mappings, lists, text, numbers) is written, by PyYAML's safe dumper."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from backease_desktop.core.content.yamlsource import plain_is_text

HEADER = (
    "# yaml-language-server: $schema=https://raw.githubusercontent.com/backease/"
    "backease-desktop/main/resources/schema/routine.schema.json\n"
    "# A BackEase routine. Check it with: backease --validate FILE\n"
)


def dump(data: Mapping[str, Any], for_people: bool = True) -> str:
    """The file's text. `for_people=False` (the editor's check after each change) writes
    the same data with libyaml's emitter, several times faster but with lists flush
    under their keys: the loader reads both alike."""
    import yaml

    dumper = _indented_dumper() if for_people else _fast_dumper()
    body = yaml.dump(
        dict(data),
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return HEADER + body


def _text(dumper: Any, value: str) -> Any:
    """Text that YAML 1.2 would read as a number, true/false or null when written plain
    (`0e0`, `TRUE`) is quoted; PyYAML's own check knows only YAML 1.1's rules."""
    style = None if plain_is_text(value) else "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


@cache
def _indented_dumper() -> type:
    import yaml

    class Indented(yaml.SafeDumper):
        """Indents a list under its key, as people write YAML by hand."""

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)

    Indented.add_representer(str, _text)
    return Indented


@cache
def _fast_dumper() -> type:
    import yaml

    class Fast(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        """libyaml's emitter, with YAML 1.2's reading of plain text."""

    Fast.add_representer(str, _text)
    return Fast


def has_comments(text: str) -> bool:
    """Whether a file has comments a person wrote (beyond the lines BackEase writes on
    top), which saving plain data would lose. A `#` inside a value (`title: Step #2`)
    can look like a comment here: erring that way only keeps a file that needed no keeping."""
    ours = set(HEADER.splitlines())
    for line in text.splitlines():
        if line in ours:
            continue
        stripped = line.strip()
        if stripped.startswith("#") or " #" in line:
            return True
    return False
