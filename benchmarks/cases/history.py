"""7. History at scale: with 100,000 sessions and 200,000 breaks recorded (the last month
full, so the page has a month of figures and a chart to draw), how long the Progress page
takes from being asked for to its first painted frame, and whether such a history slows
start-up at all (first paint with it against first paint with an empty profile).

The page is timed inside the app (`python -m benchmarks.cases.history PROBE`): a fresh
process per run starts BackEase on that history as a user would, waits for the window's
first frame and a moment more, asks for the Progress page the way the sidebar does, and
reports when the page's first frame is painted, then when its chart is (the chart, with
Qt Charts, follows the figures' first frame). So each reading is a first visit, paying
for loading sqlite3 and Qt Charts, opening the store and reading the figures."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.harness import Context, benchmark
from benchmarks.procs import Running, launch
from benchmarks.results import Basis, BenchmarkResult, Figure, Target
from benchmarks.stats import summarize

SESSIONS = 100_000
BREAKS = 200_000
PAGE_LIMIT_MS = 100.0
STARTUP_RATIO_LIMIT = 1.05
# Time the window is left alone after its first frame before the page is asked for, as a
# person would take to reach for the sidebar; start-up's own deferred work runs meanwhile.
SETTLE_MS = 500
PROBE_ARG = "PROBE"

PAGE_WORD = "progress-paint"
CHART_WORD = "progress-chart"
REFRESH_WORD = "progress-refresh"


def make_profiles(work: Path) -> tuple[Path, Path]:
    """(data folder holding the big history, empty data folder), made once per run."""
    from benchmarks.generate_history import generate

    full = work / "history-full" / "data"
    empty = work / "history-empty" / "data"
    target = full / "BackEase" / "history.db"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        # The history ends now, so the last 30 days are as full as every other month.
        generate(target, sessions=SESSIONS, breaks=BREAKS, end_wall=time.time())
    empty.mkdir(parents=True, exist_ok=True)
    return full, empty


def _env(ctx: Context, data_home: Path) -> dict[str, str]:
    """The desktop's environment (bytecode cached, as in an installed copy) on `data_home`."""
    return ctx.desktop.env | {"XDG_DATA_HOME": str(data_home)}


def _log(ctx: Context, name: str) -> Path:
    return ctx.work / "logs" / f"{name}.log"


def _first_paint_s(ctx: Context, label: str, data_home: Path) -> float:
    running: Running = launch(
        label,
        ctx.app_command(),
        _env(ctx, data_home),
        _log(ctx, label.split("#")[0]),
        first_paint="1",
    )
    try:
        return running.seconds_to("first-paint", ctx.config.launch_timeout_s)
    finally:
        running.finish(timeout_s=10)


def _probe_once(ctx: Context, label: str, data_home: Path) -> tuple[float, float, float]:
    command = [sys.executable, "-m", "benchmarks.cases.history", PROBE_ARG]
    running = launch(label, command, _env(ctx, data_home), _log(ctx, "history-probe"))
    try:
        page = float(running.wait_for(PAGE_WORD, ctx.config.launch_timeout_s))
        chart = float(running.wait_for(CHART_WORD, ctx.config.launch_timeout_s))
        refresh = float(running.wait_for(REFRESH_WORD, ctx.config.launch_timeout_s))
    finally:
        running.finish(timeout_s=10)
    return page * 1000, chart * 1000, refresh * 1000


@benchmark("history")
def history(ctx: Context) -> BenchmarkResult:
    full, empty = make_profiles(ctx.work)
    page_ms: list[float] = []
    chart_ms: list[float] = []
    refresh_ms: list[float] = []
    with_history: list[float] = []
    without: list[float] = []
    # At least one run unmeasured, so the bytecode cache is filled before any reading.
    warmups = max(1, ctx.config.warmups)
    for run in range(warmups + ctx.config.runs):
        measured = run >= warmups
        page, chart, refresh = _probe_once(ctx, f"history-probe#{run}", full)
        pair = [("with-history", full, with_history), ("empty-history", empty, without)]
        if run % 2:
            pair.reverse()
        for label, data_home, readings in pair:
            seconds = _first_paint_s(ctx, f"{label}#{run}", data_home)
            if measured:
                readings.append(seconds)
        if measured:
            page_ms.append(page)
            chart_ms.append(chart)
            refresh_ms.append(refresh)
    return BenchmarkResult(
        name="history",
        figures=[
            Figure(
                name="Progress page, first visit to first paint",
                unit="ms",
                app=summarize(page_ms),
                target=Target(f"< {PAGE_LIMIT_MS:g} ms", Basis.VALUE, PAGE_LIMIT_MS),
                notes=f"{SESSIONS:,} sessions and {BREAKS:,} breaks; a fresh process each run",
            ),
            Figure(
                name="Progress page, first visit to the chart drawn",
                unit="ms",
                app=summarize(chart_ms),
                notes="the chart (Qt Charts) follows the page's first frame",
            ),
            Figure(
                name="Progress page, live refresh to paint",
                unit="ms",
                app=summarize(refresh_ms),
                notes="history_changed on the visible page (a routine or break ended)",
            ),
            Figure(
                name="start-up with that history",
                unit="s",
                app=summarize(with_history),
                floor=summarize(without),
                target=Target(
                    f"<= {STARTUP_RATIO_LIMIT:g}x an empty history",
                    Basis.RATIO,
                    STARTUP_RATIO_LIMIT,
                ),
                notes="first paint; the floor column is the app with no history at all",
            ),
        ],
        notes=[
            "the history is made by benchmarks/generate_history.py, ending at the time of the "
            "run; page times are measured inside the app (time.perf_counter), start-up from "
            "outside as in the start-up benchmark"
        ],
        details={"sessions": SESSIONS, "breaks": BREAKS, "settle_ms": SETTLE_MS},
    )


# ---- the probe: runs inside a BackEase process ----


def probe() -> int:
    """Starts BackEase, opens the Progress page once the window is up, prints how long its
    first frame and its chart took, then how long a live refresh took, and quits."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from backease_desktop.app import BackEase, create_application
    from backease_desktop.launch import LaunchRequest

    app = create_application([sys.argv[0]])
    # Open on a topic: a profile an earlier probe left on Progress would make the
    # open_page("progress") below a no-op, with no frame to time.
    backease = BackEase(app, LaunchRequest(topic="during-a-spasm"))
    window = backease.window

    class PaintWatch(QObject):
        """Calls `then` once a widget inside the one `root()` gives has been painted and
        control is back in the event loop, so the whole frame is out. `root` is asked at
        each paint: the widget may not exist yet when armed (None)."""

        def __init__(self) -> None:
            super().__init__()
            self.root: Callable[[], QWidget | None] = lambda: None
            self.then: Callable[[], None] = lambda: None
            self.armed = False
            app.installEventFilter(self)

        def arm(self, root: Callable[[], QWidget | None], then: Callable[[], None]) -> None:
            self.root, self.then, self.armed = root, then, True

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                self.armed
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and watched.window() is window
                and self._inside(watched)
            ):
                self.armed = False
                QTimer.singleShot(0, self.then)
            return False

        def _inside(self, watched: QWidget) -> bool:
            root = self.root()
            return root is not None and (watched is root or root.isAncestorOf(watched))

    watch = PaintWatch()
    started: dict[str, float] = {}

    def say(word: str, seconds: float) -> None:
        sys.stdout.write(f"{word} {seconds:.6f}\n")
        sys.stdout.flush()

    def ask_for_page() -> None:
        started["page"] = time.perf_counter()
        window.open_page("progress")
        # Building and showing the page happen in the call; its paint comes after, from
        # the event loop, so watching starts now.
        watch.arm(window.stack.currentWidget, page_painted)

    def page_painted() -> None:
        say(PAGE_WORD, time.perf_counter() - started["page"])
        page = window.stack.currentWidget()
        # The chart follows the page's first frame (Qt Charts loads then); timed from the
        # same click.
        watch.arm(lambda: getattr(page, "chart_view", None), chart_painted)

    def chart_painted() -> None:
        say(CHART_WORD, time.perf_counter() - started["page"])
        page = window.stack.currentWidget()
        watch.arm(lambda: page, refreshed)
        started["refresh"] = time.perf_counter()
        backease.history.history_changed.emit()
        if page is not None:
            page.update()

    def refreshed() -> None:
        say(REFRESH_WORD, time.perf_counter() - started["refresh"])
        QApplication.quit()

    watch.arm(lambda: window, lambda: QTimer.singleShot(SETTLE_MS, ask_for_page))
    backease.show()
    return app.exec()


if __name__ == "__main__" and sys.argv[1:] == [PROBE_ARG]:
    sys.exit(probe())
