"""python -m benchmarks [--smoke] [--check] [--only NAME ...]: runs the benchmarks, writes
benchmarks/results.json and prints the table."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType

from benchmarks.display import desktop
from benchmarks.harness import FLOOR, ROOT, Config, Context, load_cases, ordered, run_one
from benchmarks.results import (
    BenchmarkResult,
    format_markdown,
    format_table,
    problems,
    write_results,
)

DEFAULT_OUT = ROOT / "benchmarks" / "results.json"


def _meta(config: Config, env_desc: dict[str, object]) -> dict[str, object]:
    import PySide6

    return {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        **config.to_json(),
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "pyside6": PySide6.__version__,
        "machine": {
            "system": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": list(os.getloadavg()),
        },
        **env_desc,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="each figure once, short waits")
    parser.add_argument("--check", action="store_true", help="fail if a benchmark gave no number")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these benchmarks")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (full mode, >= 5)")
    parser.add_argument("--offscreen", action="store_true", help="use Qt offscreen, not Xvfb")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where results go")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs)")
    args = parser.parse_args(argv)

    config = Config.quick() if args.smoke else Config.full(args.runs)
    registry = load_cases()
    names = ordered(list(registry))
    if args.only:
        unknown = sorted(set(args.only) - set(registry))
        if unknown:
            parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(names)}")
        names = [n for n in names if n in args.only]
    if args.check and args.only:
        parser.error("--check wants every benchmark; do not combine it with --only")

    # Stopped with SIGTERM (a CI timeout, kill): unwind like Ctrl+C, so the finally blocks
    # stop Xvfb, the bus, the tray, the spinning processes and any app still running.
    signal.signal(signal.SIGTERM, _interrupt)
    work = Path(tempfile.mkdtemp(prefix="backease-bench-"))
    results: list[BenchmarkResult] = []
    try:
        with desktop(work / "home", FLOOR, prefer_offscreen=args.offscreen) as session:
            print(
                f"benchmarks: {config.to_json()['mode']} run on {session.platform}"
                f" (tray host: {session.tray_host or 'none'}); logs in {work / 'logs'}",
                file=sys.stderr,
            )
            ctx = Context(config=config, desktop=session, work=work)
            for name in names:
                print(f"benchmarks: {name} ...", file=sys.stderr, flush=True)
                began = time.monotonic()
                results.append(run_one(name, registry[name], ctx))
                print(
                    f"benchmarks: {name} done in {time.monotonic() - began:.1f} s",
                    file=sys.stderr,
                )
            meta = _meta(config, session.describe())
    finally:
        if args.keep or any(r.error for r in results):
            print(f"benchmarks: logs kept in {work / 'logs'}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    write_results(args.out, results, meta)
    print(format_table(results))
    if args.markdown:
        print()
        print(format_markdown(results))
    print(f"\nwrote {args.out}", file=sys.stderr)
    if args.check:
        # Read back what was written: the check is about the file CI and people look at.
        found = problems(json.loads(args.out.read_text(encoding="utf-8")))
        for problem in found:
            print(f"bench check: {problem}", file=sys.stderr)
        if found:
            return 1
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


if __name__ == "__main__":
    sys.exit(main())
