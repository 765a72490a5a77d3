"""The player page of the main window: the safety steps (the standing health questions,
today's warning-sign check, or why a routine may not start), the running routine and the
summary, one at a time. The main window's red-flag banner stays above all of them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from backease_desktop.core.content import Library, RedFlag, Routine
from backease_desktop.core.player import SessionSummary
from backease_desktop.core.safety import (
    Gate,
    StandingAnswers,
    local_date,
    read_answers,
    record_daily_check,
    routine_gate,
    save_standing,
)
from backease_desktop.core.settings import Settings
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.ui.player.red_flag_check import RedFlagCheck, RedFlagStop
from backease_desktop.ui.player.run_view import RunView
from backease_desktop.ui.player.summary import SummaryView
from backease_desktop.ui.standing_questions import StandingQuestions


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
    """Takes routines from `prepare()`; tells the window when the person is done with it.

    What stands before a routine is decided in core/safety.py (`routine_gate`): the list of
    warning signs must have loaded, the standing health questions must have been answered
    (before the first routine ever, and every 90 days) with no standing fact open, and
    today's check done. This page only shows the step that is due and forwards answers."""

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
        self._refused: Routine | None = None  # closed by a standing fact, shown why

        red_flags = library.red_flags
        self.check = RedFlagCheck(red_flags)
        self.standing = StandingQuestions(red_flags, self.tr("Save and continue"))
        self.stop_notice = RedFlagStop(red_flags)
        self.run_view = RunView(driver, library, settings)
        self.run_frame = LayoutBarrier(self.run_view)
        self.summary = SummaryView()
        for view in (self.check, self.standing, self.stop_notice, self.run_frame, self.summary):
            self.addWidget(view)

        self.check.answered.connect(self._on_answer)
        self.check.cancelled.connect(self._cancel)
        self.standing.saved.connect(self._on_standing_answer)
        self.standing.cancelled.connect(self._cancel)
        self.stop_notice.closed.connect(self.closed)
        self.stop_notice.help_topic_requested.connect(self.help_topic_requested)
        self.stop_notice.review_requested.connect(self.review_standing)
        self.run_view.full_screen_requested.connect(self.full_screen_requested)
        self.summary.done.connect(self._on_summary_done)
        self.summary.again.connect(self._again)
        self.summary.help_topic_requested.connect(self.help_topic_requested)
        driver.session_closed.connect(self._show_summary)

    # -- starting ---------------------------------------------------------------------------

    def today_date(self) -> date:
        """The local date, from the driver's clock (so tests can move to tomorrow)."""
        return local_date(self.driver.clock.wall())

    def today(self) -> str:
        return self.today_date().isoformat()

    def gate(self) -> Gate:
        return routine_gate(
            self.library.red_flags.usable, read_answers(self.settings), self.today_date()
        )

    def prepare(self, routine: Routine) -> None:
        """Shows what is due before `routine` (see the class) or starts it right away."""
        self.setAccessibleName(routine.title)
        if self.driver.is_active():
            self.driver.stop()
        if self._pending is not None and self._pending is not routine:
            # One left waiting at a question (the person went elsewhere) did not start.
            self.driver.decline(self._pending)
        self._pending = None
        self._refused = None
        gate = self.gate()
        if gate is Gate.UNUSABLE:
            self.driver.decline(routine)
            self.stop_notice.show_unavailable()
            self.setCurrentWidget(self.stop_notice)
        elif gate is Gate.STANDING_DUE:
            self._pending = routine
            previous = read_answers(self.settings).standing
            heading = (
                self.tr("Before you start: a few questions about your health")
                if previous is None
                else self.tr("Time to check these again: BackEase asks every 90 days")
            )
            # Answered afresh, nothing ticked in advance; `previous` only lets a record of
            # advice be offered again for the same facts (ui/standing_questions.py).
            self.standing.ask(self.today_date(), previous, heading, show_previous=False)
            self.setCurrentWidget(self.standing)
        elif gate is Gate.STANDING_CLOSED:
            self.driver.decline(routine)
            self._refused = routine
            self._show_standing_closed()
        elif gate is Gate.DAILY_DUE:
            self._pending = routine
            self.check.ask(routine.title)
            self.setCurrentWidget(self.check)
        else:
            self._begin(routine)

    def _show_standing_closed(self) -> None:
        standing = read_answers(self.settings).standing
        ids = standing.open_facts(self.today_date()) if standing is not None else ()
        known = {flag.id: flag for flag in self.library.red_flags.standing.signs}
        facts = [known.get(sign, RedFlag(sign, sign, standing=True)) for sign in ids]
        self.stop_notice.show_standing(facts)
        self.setCurrentWidget(self.stop_notice)

    def _on_standing_answer(self, answers: StandingAnswers) -> None:
        save_standing(self.settings, answers)
        routine, self._pending = self._pending, None
        if routine is not None:
            self.prepare(routine)  # on to what is due next: closed, today's check or start

    def review_standing(self) -> None:
        """The standing questions in a dialog, to record a health professional's advice.
        New answers that open routines lead on to the routine that was refused."""
        from backease_desktop.ui.standing_questions import review_standing_answers

        saved = review_standing_answers(
            self.library.red_flags, self.settings, self.today_date(), self.window()
        )
        if not saved:
            return
        routine, self._refused = self._refused, None
        if routine is not None and self.currentWidget() is self.stop_notice:
            self.prepare(routine)

    def _on_answer(self, ticked: list[RedFlag]) -> None:
        routine, self._pending = self._pending, None
        if ticked:
            # Asked again next time: the answer today was "this applies".
            if routine is not None:
                self.driver.decline(routine)
            self.stop_notice.show_reasons(ticked)
            self.setCurrentWidget(self.stop_notice)
            return
        record_daily_check(self.settings, self.today_date())
        if routine is not None:
            self.prepare(routine)

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
