"""backease_desktop.core stays plain Python: no module in it imports Qt, at the top or
inside a function, so the engine, scheduler and loader run (and test) without a display."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import backease_desktop.core

QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
CORE_DIR = Path(backease_desktop.core.__file__).parent


def core_modules() -> list[str]:
    names = ["backease_desktop.core"]
    for info in pkgutil.walk_packages([str(CORE_DIR)], prefix="backease_desktop.core."):
        names.append(info.name)
    return sorted(names)


def imported_names(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def test_the_walk_finds_the_core_modules() -> None:
    # Guards the test itself: an empty walk would pass everything below.
    assert {"backease_desktop.core.clock", "backease_desktop.core.player.session"} <= set(
        core_modules()
    )


@pytest.mark.parametrize(
    "path", sorted(CORE_DIR.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE_DIR))
)
def test_no_core_source_file_mentions_a_qt_import(path: Path) -> None:
    qt = {
        n
        for n in imported_names(path.read_text(encoding="utf-8"))
        if n.split(".")[0] in QT_PACKAGES
    }
    assert not qt, f"{path.relative_to(CORE_DIR.parent.parent)} imports {sorted(qt)}"


def test_every_core_module_imports_with_qt_blocked() -> None:
    # A fresh interpreter where importing Qt fails: catches Qt pulled in through any
    # third-party or project module a core module imports, which reading sources cannot.
    script = "\n".join(
        [
            "import importlib, sys",
            *(f"sys.modules[{name!r}] = None" for name in QT_PACKAGES),
            "failed = []",
            f"for name in {core_modules()!r}:",
            "    try:",
            "        importlib.import_module(name)",
            "    except ImportError as error:",
            "        failed.append(f'{name}: {error}')",
            "print('\\n'.join(failed))",
            "sys.exit(1 if failed else 0)",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
