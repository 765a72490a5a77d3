"""The command line's plan commands: `--import FILE [--replace]` and `--export-routine ID
FILE`. They run without Qt or a display and ask nothing; a running BackEase sees the new
plan at once, as it watches the user's folders (platform/content_watch.py).

Kept apart from cli.py, which hands over to `run`; the arguments themselves are declared with
the rest in launch.py's parser."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from backease_desktop.launch import EXIT_INVALID, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    import argparse

    from backease_desktop.core.content import Library


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int | None:
    """Runs a plan command if one was asked for; None lets the command line go on."""
    if args.replace and args.import_plan is None:
        parser.error("--replace goes with --import FILE")
    if args.import_plan is not None:
        return import_command(args.import_plan, args.replace)
    if args.export_routine:
        routine_id, target = args.export_routine
        return export_command(routine_id, Path(target))
    return None


def _user_library() -> Library:
    from backease_desktop.core.content.library import load_library
    from backease_desktop.core.paths import user_routines_dir

    return load_library(user_routine_dirs=[user_routines_dir()])


def import_command(plan: Path, replace: bool) -> int:
    from backease_desktop.core.paths import user_routines_dir
    from backease_desktop.core.plans.install import install_plan, read_plan
    from backease_desktop.core.plans.report import describe_install

    library = _user_library()
    folder = user_routines_dir()
    with tempfile.TemporaryDirectory(prefix="backease-import-") as work:
        preview, errors = read_plan(plan, Path(work), library, folder, replace)
        if preview is None:
            for error in errors:
                print(error, file=sys.stderr)
            print(f"backease: {plan} was not imported; nothing was changed", file=sys.stderr)
            return EXIT_INVALID
        try:
            installed = install_plan(preview, folder, lambda: dt.datetime.now())
        except OSError as exc:
            print(f"backease: cannot install {plan}: {exc}; nothing was changed", file=sys.stderr)
            return EXIT_INVALID
    for line in describe_install(preview, installed):
        print(line)
    return EXIT_OK


def export_command(routine_id: str, target: Path) -> int:
    from backease_desktop.core.plans.export import ExportError, export_plan

    library = _user_library()
    try:
        written = export_plan(library, routine_id, target)
    except ExportError as exc:
        print(f"backease: --export-routine: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"backease: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {written}")
    return EXIT_OK
