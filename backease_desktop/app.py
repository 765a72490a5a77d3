"""The composition root: builds the core objects and the windows and wires them together.
The only module that knows every part of the app."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from backease_desktop import APP_ID, APP_NAME, __version__
from backease_desktop.core.clock import SystemClock
from backease_desktop.core.content import Library
from backease_desktop.core.content.cache import load_library_cached
from backease_desktop.core.paths import user_routines_dir
from backease_desktop.launch import LaunchRequest
from backease_desktop.platform.display_check import platform_failure_explained
from backease_desktop.platform.qt_log import route_qt_messages
from backease_desktop.platform.settings_store import QSettingsBackend, open_settings
from backease_desktop.ui import theme
from backease_desktop.ui.accessibility import install_role_factory
from backease_desktop.ui.first_paint import after_first_paint
from backease_desktop.ui.main_window import MainWindow
from backease_desktop.ui.sidebar import SidebarEntry
from backease_desktop.ui.style import stylesheet
from backease_desktop.wiring.plans import PlansHost

if TYPE_CHECKING:
    from backease_desktop.platform.history_recorder import HistoryRecorder
    from backease_desktop.platform.player_driver import PlayerDriver
    from backease_desktop.platform.reminders import Reminders
    from backease_desktop.ui.progress.actions import HistoryActions
    from backease_desktop.wiring.reminders import RemindersHost

log = logging.getLogger(__name__)

# The routine a reminder's "Start break" plays (bundled in resources/routines/).
DESK_BREAK = "desk-break"
# The prefix of the variables with which the benchmark harness asks for its hooks.
BENCHMARK_VARIABLES = "BACKEASE_BENCH_"


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        with platform_failure_explained():
            app = QApplication(argv or sys.argv)
        route_qt_messages()
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(theme.app_icon())
    install_role_factory()
    return app


class BackEase:
    """Owns the app's long-lived objects for the lifetime of the process.

    The first frame needs only the window (banner, sidebar, first page). The rest, the
    pages' style sheet, the player, the history and the reminders with their tray (a large
    share of the start's work), comes with `finish_start()` once that frame is on screen,
    or at once when the start needs it (--routine, --tray, the Progress page reopened). `player` and
    `history` exist from then on; whoever needs them sooner calls `finish_start()`."""

    def __init__(self, app: QApplication, request: LaunchRequest) -> None:
        self.app = app
        self.request = request
        self.settings = open_settings()
        self.library = load_library_cached([user_routines_dir()])
        for error in self.library.errors:
            log.warning("content: %s", error)
        self.window = MainWindow(self.library, self.settings)
        self.window.quit_action.triggered.connect(self.quit)
        backend = self.settings.backend
        if isinstance(backend, QSettingsBackend):  # a write that fails later is said too
            backend.write_failed = self.window.statusBar().showMessage
        self._started = False  # finish_start() has run
        self._pages_styled = False
        self._player: PlayerDriver | None = None
        self._history: HistoryRecorder | None = None
        self.history_actions: HistoryActions | None = None
        self.reminders_host: RemindersHost | None = None
        self.reminders: Reminders | None = None
        self.plans = PlansHost(self.window, self.set_library)  # My routines, Import plan…
        self._add_progress_page()
        if request.routine or request.tray:
            self.finish_start()
        else:
            after_first_paint(self.window.banner, self.finish_start)
        self.window.open_start_page(f"topic:{request.topic}" if request.topic else None)
        if not (self.window.current_page_key() or "").startswith("topic:"):
            self.style_pages()  # a reopened list of routines or stretches is drawn with it
        attach_benchmark_hooks(self)  # only when a BACKEASE_BENCH_ variable asks for them
        if request.routine:
            self.player.start_routine(request.routine)
        self.window.plan_open_requested.connect(lambda plan: self.plans.import_plan(Path(plan)))
        if request.plan:
            QTimer.singleShot(0, lambda: self.plans.import_plan(Path(request.plan or "")))

    def finish_start(self) -> None:
        """Wires the player, the history and the reminders, once (later calls do nothing)."""
        if self._started:
            return
        self._started = True
        self.style_pages()
        self.window.finish_start()
        history = self._wire_history()
        player = self._wire_player()
        self._connect_player(player, history)
        self._wire_reminders(player, history)
        self.plans.start_watching()

    def set_library(self, library: Library) -> None:
        """Content read again (a plan imported, a routine edited): the window and the
        player use it from now on."""
        self.library = library
        self.window.set_library(library)
        if self._player is not None:
            self._player.library = library

    def style_pages(self) -> None:
        """Sets the application-wide style sheet (pages, cards, player, dialogs), once. The
        first frame's sidebar, banner and topic page do without it (see ui/style.py)."""
        if not self._pages_styled:
            self._pages_styled = True
            self.app.setStyleSheet(stylesheet())

    @property
    def player(self) -> PlayerDriver:
        """The routine player's driver, once finish_start() has wired it."""
        if self._player is None:
            raise RuntimeError("the player is wired by finish_start(), which has not run yet")
        return self._player

    @property
    def history(self) -> HistoryRecorder:
        """Where sessions, breaks and pain ratings are recorded, once finish_start() has
        wired it."""
        if self._history is None:
            raise RuntimeError("the history is wired by finish_start(), which has not run yet")
        return self._history

    def _wire_player(self) -> PlayerDriver:
        """The routine player: `self.player` is the driver the rest of the app talks to
        (start_routine, pause_for_lock, session and step signals); its page joins the main
        window, and its cues load their Qt modules on the first routine."""
        from backease_desktop.platform.cues import PhaseCues, SoundCues
        from backease_desktop.platform.player_driver import PlayerDriver
        from backease_desktop.platform.speech import shared_voice
        from backease_desktop.wiring.player import install_player

        player = PlayerDriver(self.library, SystemClock(), self.window)
        self._player = player
        install_player(self.window, player, self.library, self.settings)
        cues = PhaseCues(self.settings, SoundCues(), shared_voice())
        player.phase_changed.connect(cues.on_phase_changed)
        player.session_closed.connect(cues.on_session_closed)
        return player

    @staticmethod
    def _connect_player(player: PlayerDriver, history: HistoryRecorder) -> None:
        """The player's sessions, steps and pain ratings go to history."""
        player.session_started.connect(history.on_session_started)
        player.step_ended.connect(history.on_step_ended)
        player.session_ended.connect(history.on_session_ended)
        player.pain_rated.connect(history.on_pain_rated)

    @staticmethod
    def _connect_reminders(
        reminders: Reminders, player: PlayerDriver, history: HistoryRecorder
    ) -> None:
        """Breaks go to history; a reminder's Start plays the desk-break routine, and its
        end (only its), or the red-flag check declining it, tells the reminders; a locked
        screen or a sleeping laptop pauses a routine."""
        reminders.break_outcome.connect(history.on_break_outcome)
        reminders.break_start_requested.connect(lambda: player.start_routine(DESK_BREAK))
        reminders.left_desk.connect(player.pause_for_lock)

        def tell_reminders(completed: bool, _wall: float) -> None:
            routine = player.routine
            if routine is not None and routine.id == DESK_BREAK:
                reminders.break_ended(completed)

        def break_not_started(routine_id: str) -> None:
            if routine_id == DESK_BREAK:
                reminders.break_declined()

        player.session_ended.connect(tell_reminders)
        player.start_declined.connect(break_not_started)

    def _add_progress_page(self) -> None:
        """The Progress page's sidebar row and Go menu item, in the first frame; the page
        itself is built on its first visit, which wires the history if need be."""
        title = QCoreApplication.translate("BackEase", "Progress")
        self.window.add_page(
            "progress",
            self._build_progress_page,
            SidebarEntry(
                "progress",
                title,
                theme.list_icon("progress"),
                QCoreApplication.translate("BackEase", "Practice"),
                QCoreApplication.translate("BackEase", "history streak pain chart summary"),
            ),
        )
        go_progress = QAction(QCoreApplication.translate("BackEase", "&Progress"), self.window)
        go_progress.triggered.connect(lambda: self.window.open_page("progress"))
        self.window.go_menu.addAction(go_progress)

    def _wire_history(self) -> HistoryRecorder:
        """The history recorder (the player and the reminders report to its slots) and the
        history items of the app menu. Nothing here opens the history file: the first
        record, the Progress page or a menu item does."""
        from backease_desktop.platform.history_recorder import HistoryRecorder
        from backease_desktop.ui.progress.actions import HistoryActions

        history = HistoryRecorder(SystemClock())
        self._history = history
        self.history_actions = HistoryActions(self.window, history)
        self.history_actions.install(self.window.app_menu, before=self.window.quit_action)
        return history

    def _build_progress_page(self) -> QWidget:
        from backease_desktop.ui.progress.page import FIRST_ROUTINE, build_progress_page

        routine = self.library.routine(FIRST_ROUTINE)
        first = (routine.id, routine.title) if routine is not None else None
        self.finish_start()  # the page shows the history: a reopened Progress page wires it now
        history = self.history
        assert self.history_actions is not None  # wired with the history
        page = build_progress_page(history, first)
        page.page_requested.connect(self.window.open_page)
        page.summary_requested.connect(self.history_actions.open_summary)
        return page

    def _wire_reminders(self, player: PlayerDriver, history: HistoryRecorder) -> None:
        """Desk-break reminders: the scheduler on its timer, the tray
        icon and its menu (also under BackEase > Reminders), the desktop's reports (idle,
        sleep, do not disturb), closing to the tray, and one instance per user (later
        launches hand over here), all set up by wiring/reminders.RemindersHost."""
        from backease_desktop.wiring.reminders import RemindersHost

        host = RemindersHost(
            self.app,
            self.window,
            self.settings,
            self.library,
            player,
            self.request,
            self.quit,
        )
        self.reminders_host, self.reminders = host, host.reminders
        host.reminders.guided_break_offered = lambda: self.guided_break_offered(player)
        self.window.settings_requested.connect(host.open_settings)
        self._connect_reminders(host.reminders, player, history)

    def guided_break_offered(self, player: PlayerDriver) -> bool:
        """Whether reminders offer the guided break now (core/safety.py decides): not while
        a standing health fact has no professional's advice recorded, nor without the
        warning signs; then they only say to stand up and move."""
        from backease_desktop.core import safety

        return safety.guided_break_offered(
            self.library.red_flags.usable,
            safety.read_answers(self.settings),
            safety.local_date(player.clock.wall()),
        )

    def show(self) -> None:
        if not self.request.tray:
            self.window.show()

    def quit(self) -> None:
        if not self.may_quit_with_history():
            return
        self.window.save_window_state()
        self.app.quit()

    def may_quit_with_history(self) -> bool:
        """Records the history file could not take yet are lost when the app quits: after
        one last try to save them, the user is told and may export them first (the CSV
        export holds the whole history, those records included), quit anyway or stay."""
        history = self._history
        waiting = 0 if history is None else history.records_only_in_memory()
        if not waiting:
            return True
        assert history is not None and self.history_actions is not None
        answer = self.ask_about_unsaved_history(waiting, history.store.unavailable_reason)
        if answer == "export":
            return self.history_actions.export_csv() is not None
        return answer == "quit"

    def ask_about_unsaved_history(self, waiting: int, reason: str | None) -> str:
        """The user's answer: "export", "quit" or "stay"."""
        from PySide6.QtWidgets import QMessageBox

        def tr(text: str) -> str:
            return QCoreApplication.translate("BackEase", text)

        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Quit BackEase"))
        box.setText(tr("{0} record(s) of your history are not saved yet").format(waiting))
        box.setInformativeText(
            tr(
                "BackEase could not save them: {0}. Export your history as CSV to keep "
                "them, or they are lost when BackEase closes."
            ).format(reason or tr("the history file could not be reached"))
        )
        export = box.addButton(tr("Export and quit…"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(tr("Quit without saving"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(export)
        box.setEscapeButton(cancel)
        box.setAccessibleName(box.text())
        box.exec()
        clicked = box.clickedButton()
        return "export" if clicked is export else "quit" if clicked is discard else "stay"


def attach_benchmark_hooks(backease: BackEase) -> None:
    """The benchmark harness's hooks (benchmarks/hooks.py, not part of the product), when
    one of their variables is set. Where they are not installed (from a wheel) the
    variable is ignored, with one line in the log to say so."""
    if not any(name.startswith(BENCHMARK_VARIABLES) for name in os.environ):
        return
    try:
        from benchmarks import hooks
    except ImportError:
        log.warning(
            "%s* is set, but the benchmark hooks are not installed: ignored", BENCHMARK_VARIABLES
        )
        return
    hooks.attach(backease)


def settle_after_start() -> None:
    """Once the app is up (after its first frame): everything built so far lives as long as
    the app, so moved out of the garbage collector's sight, a full collection no longer
    walks them all in the middle of a routine. The collector, paused for the start (see
    cli._start_gui), runs again from here."""
    # Garbage left by start-up first: frozen, an unreachable cycle would never be freed.
    gc.collect()
    gc.freeze()
    gc.enable()


def run(request: LaunchRequest) -> int:
    app = create_application()
    backease = BackEase(app, request)
    backease.show()
    if request.tray:
        QTimer.singleShot(0, settle_after_start)
    else:
        # After the first frame, not before it, which would wait for the full collection.
        # (Qt calls the paint filter installed last first, so this runs just before the
        # wiring registered in BackEase, in the same turn of the event loop.)
        after_first_paint(backease.window.banner, settle_after_start)
    return app.exec()
