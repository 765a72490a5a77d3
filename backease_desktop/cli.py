"""Command line: parses arguments, runs the commands that need no window, then starts the app.

Everything up to `_start_gui` runs without importing Qt's GUI modules, so `--list-routines`
or `--validate` work on a server with no display and answer quickly."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from backease_desktop.launch import (
    EXIT_INVALID,
    EXIT_NO_DISPLAY,
    EXIT_OK,
    EXIT_USAGE,
    LaunchRequest,
    build_parser,
)

if TYPE_CHECKING:
    import argparse

    from backease_desktop.core.history import HistoryStore

log = logging.getLogger("backease")


# Bidirectional overrides reorder what a terminal shows; C0/C1 controls can drive it.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def terminal_safe(text: object) -> str:
    """`text` with control characters shown as escapes (\\x1b, \\u202e): a title or a
    file name from a content file must not move the cursor, recolour or rewrite the user's
    terminal when listed or reported."""
    out = []
    for char in str(text):
        code = ord(char)
        if code < 0x20 or 0x7F <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif char in _BIDI_CONTROLS:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _format_duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _list_topics() -> int:
    from backease_desktop.core.content.library import load_library

    library = load_library()
    for topic in library.topics:
        print(f"{topic.id}\t{terminal_safe(topic.title)}")
    _report_content_errors(library.errors)
    return EXIT_OK


def _list_routines() -> int:
    from backease_desktop.core.content.library import load_library
    from backease_desktop.core.paths import user_routines_dir
    from backease_desktop.core.player import routine_duration_s

    library = load_library(user_routine_dirs=[user_routines_dir()])
    for routine in library.routines:
        steps = len(routine.steps)
        noun = "step" if steps == 1 else "steps"
        duration = _format_duration(routine_duration_s(routine))
        print(f"{routine.id}\t{terminal_safe(routine.title)}\t{steps} {noun}\t{duration}")
    _report_content_errors(library.errors)
    return EXIT_OK


def _report_content_errors(errors: Sequence[object]) -> None:
    for error in errors:
        print(f"warning: {terminal_safe(error)}", file=sys.stderr)


def _validate(paths: list[Path]) -> int:
    from backease_desktop.core.content.library import load_library, validate_files
    from backease_desktop.core.paths import user_routines_dir

    # Against the routines the app would load (the user's too), so an id the app would
    # refuse as taken is reported now.
    installed = load_library(user_routine_dirs=[user_routines_dir()])
    errors = validate_files(paths, installed)
    for error in errors:
        print(terminal_safe(error))
    bad = {e.path for e in errors}
    good = len(paths) - len(bad)
    print(
        f"{good} of {len(paths)} file(s) valid"
        + ("" if not bad else f", {len(bad)} with problems"),
        file=sys.stderr,
    )
    return EXIT_INVALID if errors else EXIT_OK


class _HistoryUnreadableError(Exception):
    """The history turned out not to be the real file; the export must not be kept."""


def _export_history(target: Path) -> int:
    """Writes the history as CSV, or says why it cannot and leaves the target untouched.
    A history the store could not open as a file (newer version, locked, unreadable, a
    folder or FIFO in its place) is never exported as an empty file over a good one, and
    neither is one the store had to set aside half-way through the export."""
    import io
    import sqlite3
    from typing import IO

    from backease_desktop.core import safe_files
    from backease_desktop.core.clock import SystemClock
    from backease_desktop.core.history import HistoryStore, default_path

    def fail(message: str) -> int:
        print(f"backease: {terminal_safe(message)}", file=sys.stderr)
        return EXIT_INVALID

    to_stdout = str(target) == "-"
    try:
        with HistoryStore(default_path(), SystemClock()) as store:
            store.open()

            def fill(raw: IO[bytes]) -> int:
                out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                try:
                    rows = store.export_csv(out)
                finally:
                    out.flush()
                    out.detach()  # write_atomic closes the file itself
                problem = _unreadable_history(store)
                if problem is not None:
                    raise _HistoryUnreadableError(problem)  # before the rename: target kept
                return rows

            problem = _unreadable_history(store)
            if problem is not None:
                raise _HistoryUnreadableError(problem)
            if to_stdout:
                rows = store.export_csv(sys.stdout)
            else:
                rows = safe_files.write_atomic(target, fill, make_parents=True)
    except _HistoryUnreadableError as exc:
        return fail(f"{exc}; nothing was exported")
    except OSError as exc:
        return fail(safe_files.describe_os_error(target, exc, "write"))
    except sqlite3.Error as exc:
        return fail(f"cannot read the history: {exc}; nothing was exported")
    where = "standard output" if to_stdout else target
    print(f"wrote {rows} record(s) to {terminal_safe(where)}", file=sys.stderr)
    return EXIT_OK


def _unreadable_history(store: HistoryStore) -> str | None:
    """Why the store is not reading the real history file, or None when it is."""
    if store.unavailable_reason is not None:
        return f"cannot read the history at {store.path}: {store.unavailable_reason}"
    if store.recovered_from is not None:
        return (
            f"the history at {store.path} was damaged and has been set aside as "
            f"{store.recovered_from}"
        )
    return None


def _desktop_entry(install: bool) -> int:
    from backease_desktop.platform import desktop_entry

    try:
        if install:
            for path in desktop_entry.install_desktop_entry():
                print(f"installed {path}")
        else:
            removed = desktop_entry.uninstall_desktop_entry()
            for path in removed:
                print(f"removed {path}")
            if not removed:
                print("nothing to remove: the desktop entry was not installed")
    except OSError as exc:
        print(f"backease: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _parse_interval(parser: argparse.ArgumentParser, text: str | None) -> float | None:
    if text is None:
        return None
    from backease_desktop.core.intervals import parse_interval

    try:
        return parse_interval(text)
    except ValueError as exc:
        parser.error(f"--break-interval: {exc}")
    return None  # not reached: parser.error exits


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )


def main(argv: Sequence[str] | None = None) -> int:
    if not (sys.argv[1:] if argv is None else argv):
        # The launcher's way: nothing to parse, and building the parser would make its
        # gettext look on disk for translations of each of its strings, at every start.
        _configure_logging(verbose=False)
        return _start_gui(LaunchRequest())
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    from backease_desktop import plans_cli

    if (plan_exit := plans_cli.run(args, parser)) is not None:
        return plan_exit
    if args.list_topics:
        return _list_topics()
    if args.list_routines:
        return _list_routines()
    if args.validate:
        return _validate(args.validate)
    if args.export_history:
        return _export_history(args.export_history)
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        if args.install_desktop_entry and args.uninstall_desktop_entry:
            parser.error("choose one of --install-desktop-entry and --uninstall-desktop-entry")
        return _desktop_entry(install=args.install_desktop_entry)

    request = LaunchRequest(
        topic=args.topic,
        routine=args.routine,
        tray=args.tray,
        break_interval_s=_parse_interval(parser, args.break_interval),
        plan=str(Path(args.plan).absolute()) if args.plan else None,
    )
    unknown = _unknown_id(request)
    if unknown is not None:
        print(f"backease: {terminal_safe(unknown)}", file=sys.stderr)
        return EXIT_USAGE
    return _start_gui(request)


def _unknown_id(request: LaunchRequest) -> str | None:
    """Why --topic or --routine names nothing the app has, or None. Checked before any
    window opens (or a running BackEase is asked), from the content cache when warm."""
    if not (request.topic or request.routine):
        return None
    from backease_desktop.core.content.cache import load_library_cached
    from backease_desktop.core.paths import user_routines_dir

    library = load_library_cached([user_routines_dir()])
    if request.topic and library.topic(request.topic) is None:
        return f"no topic has the id '{request.topic}' (see backease --list-topics)"
    if request.routine and library.routine(request.routine) is None:
        return f"no routine has the id '{request.routine}' (see backease --list-routines)"
    return None


def _start_gui(request: LaunchRequest) -> int:
    import gc

    # Start-up makes objects that live as long as the app: collecting among them is wasted
    # work. app.settle_after_start() collects once and resumes it.
    gc.disable()
    from backease_desktop.platform.display_check import check_display, check_qt_core

    # First, as PySide6 then loads without the import hook the app does not need.
    problem = check_qt_core()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_NO_DISPLAY
    from backease_desktop.platform.single_instance import HandOver, claim_or_hand_over

    # One BackEase per user: a running one raises its window or does what was asked.
    handed = claim_or_hand_over(request)
    if handed is HandOver.DELIVERED:
        log.info("BackEase is already running; handed this request to it")
        return EXIT_OK
    if handed is HandOver.NO_ANSWER:
        print("backease: BackEase is already running but did not answer", file=sys.stderr)
        return EXIT_INVALID

    problem = check_display()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_NO_DISPLAY
    from backease_desktop.app import run

    return run(request)
