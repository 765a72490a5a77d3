"""The package's layers, read from the source: every import (those inside functions and
under TYPE_CHECKING too) goes down the stack core -> launch -> platform -> ui -> app and
its wiring -> cli, never up, and no chain of imports comes back to where it started.

Importing a module runs its parent packages' __init__ first, so those count as imported
too. Imports inside functions count because they are how start-up defers a module, not a way
around the layers: an upward one would still tie the lower layer to the upper. Those under
TYPE_CHECKING count as well; none is needed to break a cycle today, so none is exempt."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "backease_desktop"
ROOT = Path(__file__).resolve().parents[1] / PACKAGE

# Lower numbers are lower layers; a module may import its own layer or any lower one.
# The package itself (names and the version) sits under everything.
LAYERS = {
    PACKAGE: 0,
    f"{PACKAGE}.core": 1,
    # What a launch is: plain records and exit codes every layer above core may import.
    f"{PACKAGE}.launch": 2,
    f"{PACKAGE}.platform": 3,
    f"{PACKAGE}.ui": 4,
    # The composition root and the wiring beside it: the only modules that know every part.
    f"{PACKAGE}.app": 5,
    f"{PACKAGE}.wiring": 5,
    f"{PACKAGE}.cli": 6,
    f"{PACKAGE}.plans_cli": 6,  # the command line's plan commands (--import, --export-routine)
    f"{PACKAGE}.__main__": 6,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


MODULES = package_modules()


def imported(name: str, path: Path) -> Iterator[str]:
    """The package's modules `name` imports, anywhere in its file."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                anchor = name.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != PACKAGE:
                continue
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield submodule if submodule in MODULES else base


def with_parent_packages(name: str, targets: set[str]) -> set[str]:
    """Importing a.b.c runs a/__init__ and a/b/__init__ first: those count too, except the
    importer's own packages (already running when it is imported)."""
    own = {".".join(name.split(".")[:end]) for end in range(1, name.count(".") + 2)}
    parents = {
        ".".join(target.split(".")[:end])
        for target in targets
        for end in range(2, target.count(".") + 1)
    }
    return targets | {parent for parent in parents - own if parent in MODULES}


def import_graph() -> dict[str, set[str]]:
    return {
        name: with_parent_packages(name, set(imported(name, path)))
        for name, path in MODULES.items()
    }


GRAPH = import_graph()


def layer(name: str) -> int:
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if name == prefix or name.startswith(prefix + "."):
            return LAYERS[prefix]
    raise AssertionError(f"{name} belongs to no layer: add its folder to LAYERS")


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan), plus self-imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == node:
                    break
            if len(part) > 1 or node in graph.get(node, ()):
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_reader_sees_imports_inside_functions() -> None:
    # cli imports the app only inside _start_gui: a reader that missed it would pass
    # everything below without looking.
    assert f"{PACKAGE}.app" in GRAPH[f"{PACKAGE}.cli"]
    assert f"{PACKAGE}.platform.single_instance" in GRAPH[f"{PACKAGE}.cli"]


def test_a_parent_package_counts_unless_it_is_the_importers_own() -> None:
    outside = with_parent_packages(f"{PACKAGE}.app", {f"{PACKAGE}.core.player.plan"})
    assert f"{PACKAGE}.core.player" in outside
    inside = with_parent_packages(f"{PACKAGE}.core.player.session", {f"{PACKAGE}.core.player.plan"})
    assert f"{PACKAGE}.core.player" not in inside


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_every_module_belongs_to_a_layer() -> None:
    for name in MODULES:
        layer(name)


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [
        f"{name} -> {target}"
        for name, targets in GRAPH.items()
        for target in sorted(targets)
        if layer(target) > layer(name)
    ]
    assert upward == []


def test_nothing_but_the_command_line_imports_it() -> None:
    importers = [name for name, targets in GRAPH.items() if f"{PACKAGE}.cli" in targets]
    assert importers == [f"{PACKAGE}.__main__"]


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(GRAPH) == []


def test_no_benchmark_code_ships_in_the_product() -> None:
    # The harness's hooks live in benchmarks/ and are loaded only when it asks for them.
    named = [str(path.relative_to(ROOT)) for path in ROOT.rglob("*bench*")]
    assert named == []


def test_the_launch_module_is_cheap_to_import() -> None:
    # Every start imports it before anything is parsed or drawn.
    code = (
        f"import sys, {PACKAGE}.launch\n"
        "print(','.join(sorted(m for m in ('argparse', 'PySide6', 'json', 'yaml') "
        "if m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""
