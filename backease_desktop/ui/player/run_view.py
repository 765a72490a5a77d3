"""The routine while it runs: a huge countdown and the phase word for someone on the floor,
the stretch's picture, instructions and cautions, side and repetition, progress, what comes
next, the breathing pacer for breathing steps, and the controls (Space, arrows, Esc, F11).

Everything shown comes from the engine's state, passed in by the driver's signals; the
keys and buttons only call the driver. Buttons never take keyboard focus, so Space always
pauses instead of pressing whichever button was clicked last. The pieces live beside this
module: the stop question (stop_question.py), the bodies (run_bodies.py, step_column.py)
and the sizes (run_sizing.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from backease_desktop.core.content import BreatheStep, Library, RestStep, StretchStep
from backease_desktop.core.player import PauseReason, Phase, PhaseKind, SessionState
from backease_desktop.core.settings import Options, Settings
from backease_desktop.core.wording import clock_duration
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.ui import theme
from backease_desktop.ui.accessibility import announce
from backease_desktop.ui.markup import escape
from backease_desktop.ui.player.pacer import BreathingPacer
from backease_desktop.ui.player.run_bodies import BreathBody, StretchBody
from backease_desktop.ui.player.run_parts import (
    ControlButton,
    progress_bar,
    set_bar,
    set_pixel_size,
    text_label,
)
from backease_desktop.ui.player.run_sizing import Sizes, sizes_for
from backease_desktop.ui.player.stop_question import StopQuestion
from backease_desktop.ui.player.wording import (
    BREATHING_KINDS,
    PAUSED_LOOK,
    announcement,
    countdown_announcement,
    countdown_text,
    detail_text,
    look_of,
    next_text,
    whole_seconds_left,
)

# Below this height the view's margins and gaps shrink.
SHORT_VIEW_PX = 480


class RunView(QWidget):
    """Shows the running routine and turns keys and buttons into calls on the driver."""

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
        self.setObjectName("playerRun")
        self.setAccessibleName(self.tr("Routine player"))
        # The view itself holds the focus while a routine runs, so no button (such as the
        # banner's) is focused when Space is pressed. Given on show and by a click, never by
        # Tab: it draws no focus ring, and a Tab stop that shows nothing loses people.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._shown_phase: Phase | None = None
        self._shown_step: int | None = None
        self._step_total_s: dict[int, float] = {}
        self._pause_button_paused: bool | None = None

        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(10)
        # The pause and the stop question take the header's place: nothing below moves.
        self.top = QStackedWidget()
        self.top.addWidget(self._build_header())
        self.status = StopQuestion(driver)
        self.status_label = self.status.label
        self.confirm_stop_button = self.status.confirm_button
        self.keep_going_button = self.status.keep_going_button
        self.top.addWidget(self.status)
        self.status.wanted.connect(self._show_status_strip)
        self.status.asking_changed.connect(self._on_asking_changed)
        layout.addWidget(self.top)
        self.bodies = QStackedWidget()
        self.stretch_body = StretchBody()
        self.pacer = BreathingPacer(self.driver.state)
        self.breath_body = BreathBody(self.pacer)
        self.bodies.addWidget(self.stretch_body)
        self.bodies.addWidget(self.breath_body)
        layout.addWidget(self.bodies, 1)
        layout.addLayout(self._build_controls())
        self._build_shortcuts()
        self._name_parts()

        # Started comes first among a session's events, so the view is reset before the
        # first phase is shown.
        driver.session_started.connect(self.reset)
        driver.phase_changed.connect(self._on_phase_changed)
        driver.state_changed.connect(self.show_state)
        driver.paused_changed.connect(self._on_paused_changed)

    # -- building ---------------------------------------------------------------------------

    def _build_header(self) -> QWidget:
        header = QWidget()
        row = QHBoxLayout(header)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.routine_label = text_label("playerRoutine", wrap=False)
        self.step_label = text_label("meta", wrap=False)
        self.routine_bar = progress_bar(self.tr("Routine progress"), 12)
        self.time_left_label = text_label("meta", wrap=False)
        row.addWidget(self.routine_label)
        row.addWidget(self.step_label)
        row.addWidget(self.routine_bar, 1)
        row.addWidget(self.time_left_label)
        return header

    def _name_parts(self) -> None:
        """Short names for the parts tests and the sizing reach into."""
        words = self.stretch_body.words
        self.title_label = words.title_label
        self.origin_label = words.origin_label
        self.picture = words.picture
        self.note_label = words.note_label
        self.instructions_label = words.instructions_label
        self.caution = words.caution
        self.caution_label = words.caution_label
        counter = self.stretch_body.counter
        self.badge = counter.badge
        self.countdown = counter.countdown
        self.detail_label = counter.detail_label
        self.step_bar = counter.step_bar
        self.next_label = counter.next_label

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.back_button = ControlButton(
            "back",
            self.tr("Back  ←"),
            self.tr("Restarts this step; at its start, goes to the previous step"),
        )
        self.pause_button = ControlButton(
            "pause", self.tr("Pause  Space"), self.tr("Pauses the routine")
        )
        self.skip_button = ControlButton(
            "skip", self.tr("Skip  →"), self.tr("Skips to the next step")
        )
        self.stop_button = ControlButton(
            "stop", self.tr("Stop  Esc"), self.tr("Ends the routine here")
        )
        self.full_screen_button = ControlButton(
            "", self.tr("Full screen  F11"), self.tr("Fills the screen, for bigger numbers")
        )
        self.back_button.clicked.connect(self.driver.back)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.skip_button.clicked.connect(self.driver.skip)
        self.stop_button.clicked.connect(self.request_stop)
        self.full_screen_button.clicked.connect(self.full_screen_requested)
        for button in (self.back_button, self.pause_button, self.skip_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.full_screen_button)
        row.addWidget(self.stop_button)
        return row

    def _build_shortcuts(self) -> None:
        def key(sequence: Qt.Key, slot: Callable[[], None]) -> QShortcut:
            # Window-wide, but only while this view is visible: Space works wherever the
            # focus happens to be, and does nothing once the player is left.
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(False)
            shortcut.activated.connect(slot)
            return shortcut

        self.shortcuts = {
            "space": key(Qt.Key.Key_Space, self.toggle_pause),
            "right": key(Qt.Key.Key_Right, self._skip),
            "left": key(Qt.Key.Key_Left, self._back),
            "escape": key(Qt.Key.Key_Escape, self.request_stop),
            "return": key(Qt.Key.Key_Return, self.confirm_stop),
            "enter": key(Qt.Key.Key_Enter, self.confirm_stop),
        }
        self.shortcuts["return"].setEnabled(False)
        self.shortcuts["enter"].setEnabled(False)

    # -- controls ---------------------------------------------------------------------------

    def toggle_pause(self) -> None:
        if self.status.is_asking():
            self.status.keep_going()
        else:
            self.driver.toggle_pause()

    def _skip(self) -> None:
        if not self.status.is_asking():
            self.driver.skip()

    def _back(self) -> None:
        if not self.status.is_asking():
            self.driver.back()

    def show_full_screen(self, on: bool) -> None:
        """Follows the window: the button offers the way back out of full screen."""
        if on:
            self.full_screen_button.setText(self.tr("Leave full screen  F11"))
            self.full_screen_button.set_description(self.tr("Back to the window"))
        else:
            self.full_screen_button.setText(self.tr("Full screen  F11"))
            self.full_screen_button.set_description(self.tr("Fills the screen, for bigger numbers"))

    def is_asking_to_stop(self) -> bool:
        return self.status.is_asking()

    def request_stop(self) -> None:
        self.status.request_stop()

    def confirm_stop(self) -> None:
        self.status.confirm_stop()

    def keep_going(self) -> None:
        self.status.keep_going()

    def _on_asking_changed(self, on: bool) -> None:
        self.shortcuts["return"].setEnabled(on)
        self.shortcuts["enter"].setEnabled(on)

    def _show_status_strip(self, on: bool) -> None:
        self.top.setCurrentIndex(1 if on else 0)

    # -- showing ------------------------------------------------------------------------------

    def reset(self, *_started: object) -> None:
        """Forgets the last routine as a new one begins."""
        self._shown_phase = None
        self._shown_step = None
        self.status.reset()
        session = self.driver.session
        self._step_total_s = {}
        if session is not None:
            for phase in session.phases:
                self._step_total_s[phase.step_index] = (
                    self._step_total_s.get(phase.step_index, 0.0) + phase.duration_s
                )

    def show_state(self, state: SessionState) -> None:
        """Everything that can change from one second to the next."""
        if state.finished or state.stopped:
            return
        if self._shown_phase != state.phase:
            self._show_phase(state)
        self.step_label.setText(
            self.tr("Step {0} of {1}").format(state.step_index + 1, state.step_count)
        )
        set_bar(self.routine_bar, round(1000 * state.elapsed_routine_s / state.total_s))
        self.time_left_label.setText(
            self.tr("{0} left").format(clock_duration(state.remaining_routine_s))
        )
        step_total = self._step_total_s.get(state.step_index, 0.0)
        step_done = 1.0 - state.remaining_step_s / step_total if step_total else 0.0
        for bar in (self.step_bar, self.breath_body.step_bar):
            set_bar(bar, round(1000 * step_done))
        text = countdown_text(state.remaining_phase_s)
        if self.countdown.text() != text:
            self.countdown.setText(text)
            if not state.paused and state.started:
                said = countdown_announcement(
                    state.phase, whole_seconds_left(state.remaining_phase_s)
                )
                if said:
                    announce(self, said)
        self.breath_body.left.setText(
            self.tr("{0} left in this step").format(clock_duration(state.remaining_step_s))
        )
        self.pacer.show_state(state)
        self._show_pause(state.paused)
        self.status.show_pause(state)

    def _show_phase(self, state: SessionState) -> None:
        phase = state.phase
        routine = self.driver.routine
        self._shown_phase = phase
        if routine is None:
            return
        if self.routine_label.text() != routine.title:
            self.routine_label.setText(routine.title)
        step = routine.steps[phase.step_index]
        # The picture, instructions and guidance belong to the step: redone when it changes,
        # not at every phase, so a boundary costs only the words that change.
        new_step = self._shown_step != phase.step_index
        self._shown_step = phase.step_index
        breathing = phase.kind in BREATHING_KINDS
        self.bodies.setCurrentIndex(1 if breathing else 0)
        self.pacer.set_reduce_motion(self.settings.get(Options.reduce_motion))
        detail = detail_text(phase)
        if breathing:
            self.breath_body.title.setText(step.title)
            self.breath_body.detail.setText(detail)
            self.breath_body.next.setText(next_text(state))
            if isinstance(step, BreatheStep) and new_step:
                self._show_breathing_guidance(step)
            return
        self.badge.show_look(PAUSED_LOOK if state.paused else look_of(phase))
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))
        self.next_label.setText(next_text(state))
        if not new_step:
            return
        if isinstance(step, StretchStep):
            self.stretch_body.words.show_stretch(step)
        elif isinstance(step, RestStep):
            self.stretch_body.words.show_rest(step)
        self.stretch_body.fit_columns()

    def _show_breathing_guidance(self, step: BreatheStep) -> None:
        pattern = self.tr("In for {0:g} s, pause for {1:g} s, out for {2:g} s.").format(
            step.inhale_s, step.pause_s, step.exhale_s
        )
        # A step's own note replaces the general imagery, which says much the same.
        extra = [step.note] if step.note else list(self.library.breathing.guidance[3:])
        lines = [pattern, *extra]
        self.breath_body.guidance.setText("".join(f"<p>{escape(line)}</p>" for line in lines))

    def _show_pause(self, paused: bool) -> None:
        """The badge says "Paused" while paused, and the button offers to resume."""
        phase = self._shown_phase
        if phase is not None and phase.kind not in BREATHING_KINDS:
            self.badge.show_look(PAUSED_LOOK if paused else look_of(phase))
        if paused == self._pause_button_paused:
            return
        self._pause_button_paused = paused
        if paused:
            self.pause_button.setText(self.tr("Resume  Space"))
            self.pause_button.setIcon(theme.icon("play"))
            self.pause_button.set_description(self.tr("Carries on with the routine"))
        else:
            self.pause_button.setText(self.tr("Pause  Space"))
            self.pause_button.setIcon(theme.icon("pause"))
            self.pause_button.set_description(self.tr("Pauses the routine"))

    # -- events from the driver -------------------------------------------------------------

    def _on_phase_changed(self, phase: Phase) -> None:
        if phase.kind is PhaseKind.DONE:
            return
        text = announcement(phase)
        caution = self._first_caution(phase)
        if caution:
            text += f". {caution}"
        announce(self, text)

    def _first_caution(self, phase: Phase) -> str:
        """Said as a stretch step gets ready. Only the first caution ("Stop if it hurts..."
        in every bundled stretch): the get-ready phase is a few seconds long, and the rest
        are on the screen for a screen reader to read."""
        routine = self.driver.routine
        if phase.kind is not PhaseKind.GET_READY or routine is None:
            return ""
        step = routine.steps[phase.step_index]
        if not isinstance(step, StretchStep) or not step.stretch.cautions:
            return ""
        return step.stretch.cautions[0]

    def _on_paused_changed(self, paused: bool, reason: PauseReason | None) -> None:
        if self.status.is_asking():
            return
        if paused:
            self.status.show_pause(self.driver.state())
            announce(self, self.status_label.text())
        else:
            announce(self, self.tr("Carrying on"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # In a short view (1024x600 with a panel, or 200% text) the gaps give their room
        # to the step's words first.
        gap = 10 if self.height() >= SHORT_VIEW_PX else 6
        self._layout.setContentsMargins(20, gap + 2, 20, gap + 2)
        self._layout.setSpacing(gap)
        self._apply_sizes(sizes_for(self.width(), self.height()))

    def _apply_sizes(self, sizes: Sizes) -> None:
        """The fonts (and the badge) at the sizes `sizes_for` chose for the view's size."""
        counter = self.stretch_body.counter
        counter.set_sizes(sizes.countdown, sizes.badge)
        set_pixel_size(counter.detail_label, sizes.detail, bold=True)
        set_pixel_size(counter.next_label, sizes.next)
        breath = self.breath_body
        set_pixel_size(breath.detail, sizes.detail, bold=True)
        set_pixel_size(breath.title, sizes.title, bold=True)
        for label in (breath.next, breath.left):
            set_pixel_size(label, sizes.next)
        set_pixel_size(breath.guidance, sizes.text)
        set_pixel_size(self.status.label, sizes.status, bold=True)
        for label in (self.routine_label, self.step_label, self.time_left_label):
            set_pixel_size(label, sizes.header, bold=label is self.routine_label)
        # Last: the words' column fits itself into the height the rest leaves it.
        self.stretch_body.words.set_sizes(sizes.title, sizes.text)
