"""Judging one content file by its JSON Schema and by the loader side by side, so the
routine schema's tests and the other content kinds' tests read a file the same way."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from backease_desktop.core.content import Library
from backease_desktop.core.content.library import load_library, validate_files
from backease_desktop.core.content.yamlsource import YNode, read_yaml
from backease_desktop.core.paths import resources_dir

RESOURCES = resources_dir()
SCHEMAS = RESOURCES / "schema"


@cache
def bundled() -> Library:
    return load_library(RESOURCES)


@cache
def schema(kind: str) -> dict[str, Any]:
    """The schema `resources/schema/<kind>.schema.json` as a JSON value (read once)."""
    loaded = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(kind))


def untitled_properties(node: Any, where: str = "") -> list[str]:
    """Where in a schema a property lacks the title or description an editor shows."""
    missing = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if not (sub.get("title") and sub.get("description")):
                missing.append(f"{where}.{name}")
        for key, sub in node.items():
            missing += untitled_properties(sub, f"{where}.{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            missing += untitled_properties(sub, f"{where}[{index}]")
    return missing


def plain(node: YNode) -> Any:
    """The document as JSON-like values, read exactly as the loader reads YAML."""
    if isinstance(node.value, dict):
        return {key: plain(child) for key, child in node.value.items()}
    if isinstance(node.value, list):
        return [plain(item) for item in node.value]
    return node.value


def verdicts(path: Path, kind: str, text: str) -> tuple[bool, bool]:
    """(schema accepts, loader accepts) for `text` written to `path` as a file of `kind`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    loader_ok = validate_files([path], bundled()) == []
    node, _ = read_yaml(path)
    if node is None:
        return False, loader_ok
    return validator(kind).is_valid(plain(node)), loader_ok
