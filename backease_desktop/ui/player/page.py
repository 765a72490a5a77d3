"""The player page of the main window: the red-flag check, the running routine and the
summary, one at a time. The main window's red-flag banner stays above all of them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from backease_desktop.core.content import Library, RedFlag, Routine
from backease_desktop.core.player import SessionSummary
from backease_desktop.core.settings import Options, Settings
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.ui.player.red_flag_check import RedFlagCheck, RedFlagStop
from backease_desktop.ui.player.run_view import RunView
from backease_desktop.ui.player.summary import SummaryView


class LayoutBarrier(QWidget):
    """Holds one widget without a layout, so the child's text and font changes re-lay out
    the child only: through a layout they climb to the whole main window several times per
    phase change, the largest part of a boundary's delay (benchmarks/README.md, timer)."""

    def __init__(self, child: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.child = child
        child.setParent(self)
        child.show()
        self.setAccessibleName(child.accessibleName())
        self._hint = child.sizeHint()
        self._minimum = child.minimumSizeHint()

    def sizeHint(self) -> QSize:
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return self._minimum

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.child.setGeometry(self.rect())
        super().resizeEvent(event)


class PlayerPage(QStackedWidget):
    """Takes routines from `prepare()`; tells the window when the person is done with it."""

    closed = Signal()  # leave the player (summary done, check cancelled)
    help_topic_requested = Signal()  # open "When to get help"
    full_screen_requested = Signal()

    def __init__(
        self,
        driver: PlayerDriver,
        library: Library,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.driver = driver
        self.library = library
        self.settings = settings
        self.setAccessibleName(self.tr("Player"))
        self._pending: Routine | None = None
        self._last: Routine | None = None

        self.check = RedFlagCheck(library.red_flags)
        self.stop_notice = RedFlagStop(library.red_flags)
        self.run_view = RunView(driver, library, settings)
        self.run_frame = LayoutBarrier(self.run_view)
        self.summary = SummaryView()
        for view in (self.check, self.stop_notice, self.run_frame, self.summary):
            self.addWidget(view)

        self.check.answered.connect(self._on_answer)
        self.check.cancelled.connect(self._cancel)
        self.stop_notice.closed.connect(self.closed)
        self.stop_notice.help_topic_requested.connect(self.help_topic_requested)
        self.run_view.full_screen_requested.connect(self.full_screen_requested)
        self.summary.done.connect(self._on_summary_done)
        self.summary.again.connect(self._again)
        driver.session_closed.connect(self._show_summary)

    # -- starting ---------------------------------------------------------------------------

    def today(self) -> str:
        """The local date, from the driver's clock (so tests can move to tomorrow)."""
        return datetime.fromtimestamp(self.driver.clock.wall()).date().isoformat()

    def needs_red_flag_check(self) -> bool:
        return self.settings.get(Options.red_flag_check_date) != self.today()

    def prepare(self, routine: Routine) -> None:
        """Shows the red-flag check (at most once a day) or starts `routine` right away."""
        self.setAccessibleName(routine.title)
        if self.driver.is_active():
            self.driver.stop()
        if self.needs_red_flag_check():
            self._pending = routine
            self.check.ask(routine.title)
            self.setCurrentWidget(self.check)
        else:
            self._begin(routine)

    def _on_answer(self, ticked: list[RedFlag]) -> None:
        routine, self._pending = self._pending, None
        if ticked:
            # Asked again next time: the answer today was "this applies".
            if routine is not None:
                self.driver.decline(routine)
            self.stop_notice.show_reasons(ticked)
            self.setCurrentWidget(self.stop_notice)
            return
        self.settings.set(Options.red_flag_check_date, self.today())
        if routine is not None:
            self._begin(routine)

    def _cancel(self) -> None:
        routine, self._pending = self._pending, None
        if routine is not None:
            self.driver.decline(routine)
        self.closed.emit()

    def _begin(self, routine: Routine) -> None:
        self._last = routine
        self.setCurrentWidget(self.run_frame)
        self.driver.begin(routine)

    def _again(self) -> None:
        if self._last is not None:
            self.prepare(self._last)

    # -- ending -----------------------------------------------------------------------------

    def _show_summary(self, summary: SessionSummary) -> None:
        routine = self.driver.routine
        titles = [step.title for step in routine.steps] if routine is not None else []
        self.summary.show_summary(summary, titles)
        self.setCurrentWidget(self.summary)

    def _on_summary_done(self, before: int | None, after: int | None) -> None:
        if before is not None or after is not None:
            self.driver.rate_pain(before, after)
        self.closed.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page for another one (not minimising the window): nobody is watching
        # the countdown any more, so it waits for them.
        if not event.spontaneous() and self.driver.is_active():
            self.driver.pause()
        super().hideEvent(event)
