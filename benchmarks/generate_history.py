"""Build a large history database (by default 100,000 sessions and 200,000 breaks over ten
years) for the scale tests and the benchmark harness. Deterministic for a given seed.

    python benchmarks/generate_history.py OUT.db [--sessions N] [--breaks N] [--days N]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from pathlib import Path

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.history import HistoryStore

DAY_S = 86_400.0
# 2026-01-01 00:00 UTC, FakeClock's default "now".
DEFAULT_END_WALL = 1_767_225_600.0

ROUTINES = (
    ("acute-spasm", "Caught by a spasm: first hour"),
    ("desk-reset", "Desk reset"),
    ("morning", "Morning loosen-up"),
    ("evening", 'Evening wind-down, "slow"'),  # a comma and quotes, for the CSV export
)
STEPS_PER_ROUTINE = 6
BREAK_OUTCOMES = (("taken", 60), ("snoozed", 15), ("skipped", 15), ("missed", 10))


def _session_rows(
    rng: random.Random, count: int, start_wall: float, end_wall: float
) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for started in sorted(rng.uniform(start_wall, end_wall) for _ in range(count)):
        routine_id, title = rng.choice(ROUTINES)
        kind = rng.random()
        pain_before = rng.randint(2, 9) if rng.random() < 0.6 else None
        pain_after: int | None
        if kind < 0.05:  # unfinished: the app closed in the middle
            done = rng.randint(0, STEPS_PER_ROUTINE - 1)
            skipped = 0
            ended = None
            completed = 0
            last = started + 60.0 * done
            pain_after = None
        else:
            completed = 1 if kind < 0.80 else 0
            reached = STEPS_PER_ROUTINE if completed else rng.randint(1, STEPS_PER_ROUTINE - 1)
            skipped = rng.randint(0, 1) if reached > 1 else 0
            done = reached - skipped
            ended = started + 60.0 * reached + rng.uniform(0, 30)
            last = ended
            pain_after = None
            if pain_before is not None and rng.random() < 0.8:
                pain_after = max(0, pain_before - rng.randint(0, 3))
        rows.append(
            (
                routine_id,
                title,
                started,
                ended,
                last,
                completed,
                done,
                skipped,
                pain_before,
                pain_after,
            )
        )
    return rows


def _break_rows(
    rng: random.Random, count: int, start_wall: float, end_wall: float
) -> list[tuple[object, ...]]:
    outcomes = [name for name, _ in BREAK_OUTCOMES]
    weights = [weight for _, weight in BREAK_OUTCOMES]
    picks = rng.choices(outcomes, weights, k=count)
    times = sorted(rng.uniform(start_wall, end_wall) for _ in range(count))
    return [
        (at - rng.uniform(0, 600), outcome, at) for at, outcome in zip(times, picks, strict=True)
    ]


def generate(
    path: Path,
    sessions: int = 100_000,
    breaks: int = 200_000,
    days: float = 3650,
    end_wall: float = DEFAULT_END_WALL,
    seed: int = 0,
) -> Path:
    """Fill the history at `path` (made with the app's own schema if it does not exist)
    with sessions and breaks spread at random over the `days` before `end_wall`, in one
    transaction."""
    rng = random.Random(seed)
    start_wall = end_wall - days * DAY_S
    # The store makes the file and its schema exactly as the app would.
    with HistoryStore(path, FakeClock(wall=end_wall)) as store:
        store.open()
        if store.unavailable_reason is not None:
            raise RuntimeError(f"cannot use {path}: {store.unavailable_reason}")
    session_rows = _session_rows(rng, sessions, start_wall, end_wall)
    break_rows = _break_rows(rng, breaks, start_wall, end_wall)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        # Enough page cache to hold the indexes being built, so the inserts do not spill.
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            """
            INSERT INTO sessions (routine_id, routine_title, started, ended, last_activity,
                                  completed, steps_completed, steps_skipped,
                                  pain_before, pain_after)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            session_rows,
        )
        conn.executemany("INSERT INTO breaks (due, outcome, at) VALUES (?, ?, ?)", break_rows)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", type=Path, help="the database to create or add to")
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--breaks", type=int, default=200_000)
    parser.add_argument("--days", type=float, default=3650, help="how many days they span")
    parser.add_argument(
        "--end-wall", type=float, default=DEFAULT_END_WALL, help="epoch seconds of the last day"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    generate(args.path, args.sessions, args.breaks, args.days, args.end_wall, args.seed)
    print(f"{args.path}: {args.sessions} sessions, {args.breaks} breaks over {args.days:g} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
