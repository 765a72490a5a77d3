"""8. Plans: how long the routine editor takes to open on a routine of 200 steps (the most a
routine may have) until its first painted frame, and to show a step moved by Alt+Down; and
how long `backease --import` takes, as a person runs it, to install a plan archive with ten
pictures. The bare PySide6 floor's start is measured in the same run and shown beside both
(the floor column), so a slow patch of the shared machine shows as such.

The editor is timed inside a process of its own (`python -m benchmarks.cases.plans PROBE`):
Qt up, the library read, then the clock starts, the editor is built and shown, and the
frame that paints it stops it; a move is timed from the key to the repainted list. The
import is timed from outside, process start to exit, on a fresh profile each run."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

from benchmarks.harness import Context, benchmark
from benchmarks.procs import Running, launch
from benchmarks.results import Basis, BenchmarkResult, Figure, Target
from benchmarks.stats import summarize

EDITOR_LIMIT_MS = 100.0
IMPORT_LIMIT_S = 1.0
STEPS = 200
PICTURES = 10
PICTURE_BYTES = 150_000  # a detailed drawing, as a clinic's pictures may be
PROBE_ARG = "PROBE"
OPEN_WORD = "editor-paint"
MOVE_WORD = "editor-move"


def _svg(index: int) -> str:
    """A picture of about PICTURE_BYTES: many small shapes, as a real drawing has."""
    shapes = []
    size = 0
    n = 0
    while size < PICTURE_BYTES:
        shape = f'<circle cx="{(n * 7 + index) % 400}" cy="{(n * 13) % 300}" r="{1 + n % 9}"/>\n'
        shapes.append(shape)
        size += len(shape)
        n += 1
    body = "".join(shapes)
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">\n{body}</svg>\n'


def make_plan(folder: Path) -> Path:
    """A plan archive: a routine with ten exercises of its own, each with a picture."""
    target = folder / "ten-pictures.backease"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    exercises = []
    steps = []
    for n in range(PICTURES):
        exercises.append(
            f"  - id: bench-exercise-{n}\n"
            f"    title: Exercise {n}\n"
            "    summary: An exercise from the benchmark's plan.\n"
            "    position: lying\n"
            "    instructions: [Lie on your back., Breathe slowly.]\n"
            "    hold: 10\n"
            "    source: Benchmark Physiotherapy\n"
            f"    illustration: pictures/exercise-{n}.svg\n"
        )
        steps.append(f"  - stretch: bench-exercise-{n}\n")
    routine = (
        "id: bench-plan\ntitle: Benchmark plan\nsummary: Ten exercises with pictures.\n"
        "exercises:\n" + "".join(exercises) + "steps:\n" + "".join(steps)
    )
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("bench-plan.yaml", routine)
        for n in range(PICTURES):
            zipped.writestr(f"pictures/exercise-{n}.svg", _svg(n))
    return target


def _import_s(ctx: Context, plan: Path, data_home: Path) -> float:
    env = ctx.desktop.env | {"XDG_DATA_HOME": str(data_home)}
    command = [*ctx.app_command(), "--import", str(plan)]
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"--import failed: {result.stderr.strip()}")
    return elapsed


def _floor_s(ctx: Context, label: str) -> float:
    running: Running = ctx.start(label, ctx.floor_command(), first_paint="1")
    try:
        return running.seconds_to("first-paint", ctx.config.launch_timeout_s)
    finally:
        running.finish(timeout_s=10)


def _editor_ms(ctx: Context, label: str) -> tuple[float, float]:
    command = [sys.executable, "-m", "benchmarks.cases.plans", PROBE_ARG]
    log = ctx.work / "logs" / "plans-probe.log"
    running = launch(label, command, ctx.desktop.env, log)
    try:
        opened = float(running.wait_for(OPEN_WORD, ctx.config.launch_timeout_s))
        moved = float(running.wait_for(MOVE_WORD, ctx.config.launch_timeout_s))
    finally:
        running.finish(timeout_s=10)
    return opened * 1000, moved * 1000


@benchmark("plans")
def plans(ctx: Context) -> BenchmarkResult:
    plan = make_plan(ctx.work / "plans")
    opened: list[float] = []
    moved: list[float] = []
    imported: list[float] = []
    floor: list[float] = []
    warmups = max(1, ctx.config.warmups)  # the bytecode cache filled before any reading
    for run in range(warmups + ctx.config.runs):
        editor_open, editor_move = _editor_ms(ctx, f"plans-editor#{run}")
        seconds = _import_s(ctx, plan, ctx.work / "plans" / f"profile-{run}")
        start = _floor_s(ctx, f"plans-floor#{run}")
        if run >= warmups:
            opened.append(editor_open)
            moved.append(editor_move)
            imported.append(seconds)
            floor.append(start)
    return BenchmarkResult(
        name="plans",
        figures=[
            Figure(
                name=f"routine editor, {STEPS} steps, open to first paint",
                unit="ms",
                app=summarize(opened),
                floor=summarize([s * 1000 for s in floor]),
                target=Target(f"< {EDITOR_LIMIT_MS:g} ms", Basis.VALUE, EDITOR_LIMIT_MS),
                notes="floor column: a bare PySide6 window's whole start, same run",
            ),
            Figure(
                name=f"routine editor, {STEPS} steps, Alt+Down to repaint",
                unit="ms",
                app=summarize(moved),
                notes="one step moved by the keyboard, undoable, checked by the loader",
            ),
            Figure(
                name=f"--import of a plan with {PICTURES} pictures",
                unit="s",
                app=summarize(imported),
                floor=summarize(floor),
                target=Target(f"< {IMPORT_LIMIT_S:g} s", Basis.VALUE, IMPORT_LIMIT_S),
                notes=(
                    f"{PICTURES} SVG pictures of about {PICTURE_BYTES // 1000} kB; process "
                    "start to exit on a fresh profile; floor column: a bare PySide6 start"
                ),
            ),
        ],
        notes=[
            "the editor is timed inside its process (time.perf_counter), from building it "
            "to its first painted frame; the import from outside, as a person runs it"
        ],
        details={"steps": STEPS, "pictures": PICTURES, "picture_bytes": PICTURE_BYTES},
    )


# ---- the probe: runs in a process of its own ----


def probe() -> int:
    """Opens the routine editor on 200 steps, prints the time to its first frame, then
    moves a step with Alt+Down and prints the time to the repainted list, and quits."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from backease_desktop.app import create_application
    from backease_desktop.core.content.library import load_library
    from backease_desktop.core.paths import user_routines_dir
    from backease_desktop.core.plans.drafts import StepDraft
    from backease_desktop.core.plans.editing import new_routine
    from backease_desktop.ui.editor.routine_editor import RoutineEditor

    app = create_application([sys.argv[0]])
    library = load_library()
    ids = [s.id for s in library.stretches]
    steps = tuple(
        StepDraft("stretch", stretch_id=ids[n % len(ids)], hold_s=10 + n % 20)
        if n % 3
        else StepDraft("rest", seconds=15)
        for n in range(STEPS)
    )
    draft = new_routine(library)._replace(steps=steps)
    started: dict[str, float] = {}
    holder: dict[str, QWidget] = {}

    def say(word: str, seconds: float) -> None:
        sys.stdout.write(f"{word} {seconds:.6f}\n")
        sys.stdout.flush()

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.armed = ""
            app.installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            root = holder.get("editor")
            if (
                self.armed
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and root is not None
                and (watched is root or root.isAncestorOf(watched))
            ):
                word, self.armed = self.armed, ""
                QTimer.singleShot(0, lambda: done(word))
            return False

    watch = FirstPaint()

    def done(word: str) -> None:
        say(word, time.perf_counter() - started[word])
        if word == OPEN_WORD:
            QTimer.singleShot(200, move)
        else:
            QApplication.quit()

    def open_editor() -> None:
        started[OPEN_WORD] = time.perf_counter()
        editor = RoutineEditor(library, draft, None, user_routines_dir())
        holder["editor"] = editor
        editor.resize(1024, 600)
        watch.armed = OPEN_WORD
        editor.show()

    def move() -> None:
        editor = holder["editor"]
        assert isinstance(editor, RoutineEditor)
        editor.steps.setCurrentRow(STEPS // 2)
        editor.steps.setFocus()
        started[MOVE_WORD] = time.perf_counter()
        watch.armed = MOVE_WORD
        editor.move_current(1)  # what Alt+Down runs (tests/ui/test_routine_editor.py)

    QTimer.singleShot(0, open_editor)
    return app.exec()


if __name__ == "__main__" and sys.argv[1:] == [PROBE_ARG]:
    sys.exit(probe())
