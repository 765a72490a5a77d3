"""What a launch is: the request a start carries to the window (also handed to a running
instance as its command line) and the exit codes a launch ends with.

A leaf of the package: it imports only the standard library, the package's names and one
plain function of core/, so the command line, the composition root, the single-instance
server, the display check and the reminders' wiring can all import it without importing one
another. Cheap to import on purpose: argparse loads only when arguments are parsed."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from backease_desktop import APP_NAME, __version__

if TYPE_CHECKING:
    import argparse

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2  # argparse's own code for a command line it cannot read
EXIT_NO_DISPLAY = 3


class LaunchRequest(NamedTuple):
    """What the window should do once it is up (also handed to a running instance). (A
    NamedTuple, like the content model: see core/content/model.py.)"""

    topic: str | None = None
    routine: str | None = None
    tray: bool = False
    break_interval_s: float | None = None
    plan: str | None = None  # a plan file to preview for import (opened from a file manager)

    def to_args(self) -> list[str]:
        """The command line that `request_from_args` reads back as this request."""
        args: list[str] = []
        if self.topic:
            args += ["--topic", self.topic]
        if self.routine:
            args += ["--routine", self.routine]
        if self.tray:
            args.append("--tray")
        if self.break_interval_s is not None:
            args += ["--break-interval", f"{self.break_interval_s:g}s"]
        if self.plan:
            args.append(self.plan)
        return args


def request_from_args(args: list[str]) -> LaunchRequest | None:
    """A launch's command line as a LaunchRequest; None when it does not parse."""
    from backease_desktop.core.intervals import parse_interval

    parser = build_parser()
    try:
        parsed = parser.parse_args(args)
        interval = None if parsed.break_interval is None else parse_interval(parsed.break_interval)
    except (SystemExit, ValueError):
        return None
    return LaunchRequest(
        topic=parsed.topic,
        routine=parsed.routine,
        tray=parsed.tray,
        break_interval_s=interval,
        plan=parsed.plan,
    )


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser (argparse is imported here: a plain launch parses nothing)."""
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(
        prog="backease",
        description="BackEase: ease a back spasm and take healthy desk breaks.",
        epilog="With no options, the window opens. Routine files: see the README.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    info = parser.add_argument_group("commands that print and exit")
    info.add_argument("--list-topics", action="store_true", help="list topic ids and titles")
    info.add_argument(
        "--list-routines",
        action="store_true",
        help="list routines: id, title, number of steps, total duration",
    )
    info.add_argument(
        "--validate",
        nargs="+",
        metavar="FILE",
        type=Path,
        help="check routine files; exit 0 if all are valid, 1 if any is not",
    )
    info.add_argument(
        "--export-history",
        metavar="FILE.csv",
        type=Path,
        help="write your routine and break history as CSV (- for standard output)",
    )
    info.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add BackEase to your desktop's application launcher",
    )
    info.add_argument(
        "--uninstall-desktop-entry",
        action="store_true",
        help="remove what --install-desktop-entry added",
    )
    info.add_argument(
        "--import",
        dest="import_plan",
        metavar="FILE",
        type=Path,
        help="install a plan (a routine .yaml, or a .backease archive with pictures) into "
        "your routines and print what was added",
    )
    info.add_argument(
        "--replace",
        action="store_true",
        help="with --import: replace your routine of the same id (the old file goes to the trash)",
    )
    info.add_argument(
        "--export-routine",
        nargs=2,
        metavar=("ID", "FILE"),
        help="write a routine as a plan to share: FILE.yaml, or FILE.backease when its "
        "exercises have pictures",
    )
    gui = parser.add_argument_group("starting the app")
    gui.add_argument("--topic", metavar="ID", help="open on this topic")
    gui.add_argument("--routine", metavar="ID", help="open the player on this routine")
    gui.add_argument("--tray", action="store_true", help="start in the tray, without a window")
    gui.add_argument(
        "--break-interval",
        metavar="TIME",
        help="break reminder interval for this run only, e.g. 45s, 30m, 1h (at least 10s)",
    )
    gui.add_argument(
        "plan",
        nargs="?",
        metavar="PLAN",
        help="a plan file (.backease or .yaml) to preview and import in the window",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    return parser
