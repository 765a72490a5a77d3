#!/usr/bin/python3
"""Prints the accessibility tree of a running application as a screen reader sees it
(AT-SPI, through Debian's python3-pyatspi): role, name, and states worth knowing.

    tools/a11y-dump.py [APP_NAME] [--depth N] [--watch SECONDS --name-contains TEXT]

Run inside the session of the app (tools/a11y-session does that). With --watch, prints every
name change of objects whose name contains TEXT, with a time stamp, for SECONDS seconds:
how a screen reader hears a countdown or the breathing pacer change."""

import argparse
import sys
import time

import pyatspi


def find_app(name: str):
    desktop = pyatspi.Registry.getDesktop(0)
    for _ in range(50):
        for app in desktop:
            if app is not None and app.name.lower() == name.lower():
                return app
        time.sleep(0.2)
    return None


def dump(node, depth: int, max_depth: int) -> None:
    try:
        role = node.getRoleName()
        name = node.name or ""
        states = node.getState()
        flags = [
            s
            for s, label in ((pyatspi.STATE_FOCUSED, "focused"), (pyatspi.STATE_SHOWING, "showing"))
            if states.contains(s)
        ]
    except Exception as exc:  # a widget can vanish while we walk
        print("  " * depth + f"<gone: {exc}>")
        return
    if not states.contains(pyatspi.STATE_SHOWING) and depth > 1:
        return
    marks = ",".join("focused" if f == pyatspi.STATE_FOCUSED else "" for f in flags).strip(",")
    print("  " * depth + f"[{role}] {name!r}" + (f" ({marks})" if marks else ""))
    if depth < max_depth:
        for child in node:
            if child is not None:
                dump(child, depth + 1, max_depth)


def watch(app, seconds: float, needle: str) -> None:
    start = time.monotonic()
    last: dict[int, str] = {}

    def walk(node, depth=0):
        if depth > 30 or node is None:
            return
        name = node.name or ""
        if needle.lower() in name.lower() or needle.lower() in node.getRoleName():
            key = hash((node.getRoleName(), depth, node.getIndexInParent()))
            if last.get(key) != name:
                last[key] = name
                print(
                    f"{time.monotonic() - start:7.2f}s [{node.getRoleName()}] {name!r}", flush=True
                )
        for child in node:
            walk(child, depth + 1)

    while time.monotonic() - start < seconds:
        walk(app)
        time.sleep(0.1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("app", nargs="?", default="BackEase")
    parser.add_argument("--depth", type=int, default=12)
    parser.add_argument("--watch", type=float, default=0)
    parser.add_argument("--name-contains", default="")
    args = parser.parse_args()
    app = find_app(args.app)
    if app is None:
        print(f"no application named {args.app!r} on the accessibility bus", file=sys.stderr)
        return 1
    if args.watch:
        watch(app, args.watch, args.name_contains)
    else:
        dump(app, 0, args.depth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
