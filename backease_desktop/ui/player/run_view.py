"""The routine while it runs: a huge countdown and the phase word for someone on the floor,
the stretch's picture, instructions and cautions, side and repetition, progress, what comes
next, the breathing pacer for breathing steps, and the controls (Space, arrows, Esc, F11).

Everything shown comes from the engine's state, passed in by the driver's signals; the
keys and buttons only call the driver. Buttons never take keyboard focus, so Space always
pauses instead of pressing whichever button was clicked last."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontInfo, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.content import BreatheStep, Library, RestStep, StretchStep
from backease_desktop.core.content.origin import provenance
from backease_desktop.core.player import PauseReason, Phase, PhaseKind, SessionState
from backease_desktop.core.settings import Options, Settings
from backease_desktop.core.wording import clock_duration
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.ui import theme
from backease_desktop.ui.accessibility import announce
from backease_desktop.ui.markup import escape
from backease_desktop.ui.player.pacer import BreathingPacer
from backease_desktop.ui.player.wording import (
    BREATHING_KINDS,
    PAUSED_LOOK,
    announcement,
    countdown_text,
    detail_text,
    look_of,
    next_text,
    whole_seconds_left,
)
from backease_desktop.ui.svg_view import SvgView

# Esc stops at once this early in a routine (nothing much to lose); later it asks first.
STOP_WITHOUT_ASKING_S = 10.0

# The soft amber of the Stretches page's "Take care" box (ui/style.py), so the cautions read
# as the same advice there and here; the red-flag banner above stays the only alarm.
CAUTION_BACKGROUND = {False: "#fff6e0", True: "#3a3020"}


def _label(name: str, object_name: str = "", wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setWordWrap(wrap)
    label.setAccessibleName(name)
    if object_name:
        label.setObjectName(object_name)
    return label


def _set_pixel_size(widget: QWidget, pixels: float, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    widget.setFont(font)


def _badge_style(colour: str, pixels: int) -> str:
    # The font is part of the style sheet: a style sheet set later would undo setFont().
    return (
        f"background: {colour}; color: #ffffff; border-radius: {pixels // 4}px;"
        f" padding: {pixels // 8}px {pixels // 2}px; font-size: {pixels}px; font-weight: bold;"
        " border: 2px solid rgba(255, 255, 255, 90);"
    )


class _ControlButton(QPushButton):
    """A big button that never takes focus; its text shows its key."""

    def __init__(self, icon: str, text: str, accessible: str, tip: str) -> None:
        super().__init__(theme.icon(icon), text)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(accessible)
        self.setToolTip(tip)
        self.setIconSize(QSize(22, 22))
        self.setMinimumHeight(46)
        self.setObjectName("playerControl")
        self.setCursor(Qt.CursorShape.PointingHandCursor)


class _FittedScroll(QScrollArea):
    """Asks for the height its text needs at its width: with room, the whole list shows and
    the picture takes what is left; without, the list scrolls."""

    def __init__(self) -> None:
        super().__init__()
        self._fitted_width = -1

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        widget = self.widget()
        width = self.viewport().width()
        if widget is not None and width > 0:
            hint.setHeight(widget.heightForWidth(width) + 2 * self.frameWidth())
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The height wanted depends on the width; asked again only when the width changes,
        # which the column's width alone decides, so this settles after one pass.
        if event.size().width() != self._fitted_width:
            self._fitted_width = event.size().width()
            self.updateGeometry()


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
        # banner's) is focused when Space is pressed.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._shown_phase: Phase | None = None
        self._shown_step: int | None = None
        self._step_total_s: dict[int, float] = {}
        self._confirming = False
        self._resume_after_question = False
        self._badge_px = 28
        self._pause_button_paused: bool | None = None
        self._badge_colour = PAUSED_LOOK.colour
        self._instruction_lines: tuple[str, ...] = ()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())
        layout.addWidget(self._build_status())
        self.bodies = QStackedWidget()
        self.bodies.addWidget(self._build_stretch_body())
        self.bodies.addWidget(self._build_breath_body())
        layout.addWidget(self.bodies, 1)
        layout.addLayout(self._build_controls())
        self._build_shortcuts()

        # Started comes first among a session's events, so the view is reset before the
        # first phase is shown.
        driver.session_started.connect(self.reset)
        driver.phase_changed.connect(self._on_phase_changed)
        driver.state_changed.connect(self.show_state)
        driver.paused_changed.connect(self._on_paused_changed)

    # -- building ---------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(16)
        self.routine_label = _label(self.tr("Routine"), wrap=False)
        self.routine_label.setObjectName("playerRoutine")
        self.step_label = _label(self.tr("Step"), "meta", wrap=False)
        self.routine_bar = QProgressBar()
        self.routine_bar.setRange(0, 1000)
        self.routine_bar.setTextVisible(False)
        self.routine_bar.setAccessibleName(self.tr("Routine progress"))
        self.routine_bar.setMaximumHeight(12)
        self.time_left_label = _label(self.tr("Time left in the routine"), "meta", wrap=False)
        row.addWidget(self.routine_label)
        row.addWidget(self.step_label)
        row.addWidget(self.routine_bar, 1)
        row.addWidget(self.time_left_label)
        return row

    def _build_status(self) -> QFrame:
        """The strip that says "Paused" or asks "Stop the routine?"; hidden while running."""
        self.status = QFrame()
        self.status.setObjectName("playerStatus")
        self.status.setStyleSheet(
            f"#playerStatus {{ background: {PAUSED_LOOK.colour}; border-radius: 8px; }}"
            "#playerStatus QLabel { color: #ffffff; }"
        )
        row = QHBoxLayout(self.status)
        row.setContentsMargins(16, 8, 16, 8)
        self.status_label = _label(self.tr("Status"))
        row.addWidget(self.status_label, 1)
        self.confirm_stop_button = QPushButton(self.tr("Stop routine  (Enter)"))
        self.confirm_stop_button.setAccessibleName(self.tr("Yes, stop the routine"))
        self.keep_going_button = QPushButton(self.tr("Keep going  (Esc)"))
        self.keep_going_button.setAccessibleName(self.tr("No, keep going"))
        for button in (self.confirm_stop_button, self.keep_going_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(40)
            row.addWidget(button)
        self.confirm_stop_button.clicked.connect(self.confirm_stop)
        self.keep_going_button.clicked.connect(self.keep_going)
        self.status.hide()
        return self.status

    def _build_stretch_body(self) -> QWidget:
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(8)

        left = QVBoxLayout()
        left.setSpacing(8)
        self.title_label = _label(self.tr("Step"))
        self.title_label.setObjectName("playerTitle")
        self.picture = SvgView(None, QSize(240, 160))
        self.note_label = _label(self.tr("Note"), "meta")
        self.origin_label = _label("", "meta")  # where the exercise comes from
        self.instructions_label = _label(self.tr("Instructions"))
        self.instructions_label.setTextFormat(Qt.TextFormat.RichText)
        self.instructions_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        # In a small window the list scrolls rather than being cut off; the scroll area
        # takes no focus, so Space still pauses.
        self.instructions = _FittedScroll()
        self.instructions.setWidget(self.instructions_label)
        self.instructions.setWidgetResizable(True)
        self.instructions.setFrameShape(QFrame.Shape.NoFrame)
        self.instructions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.instructions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.instructions.setStyleSheet(
            "QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }"
        )
        left.addWidget(self.title_label)
        left.addWidget(self.origin_label)
        left.addWidget(self.picture, 3)
        left.addWidget(self.note_label)
        left.addWidget(self.instructions)
        left.addWidget(self._build_caution())

        right = QVBoxLayout()
        right.setSpacing(6)
        self.badge = _label(self.tr("Phase"), wrap=False)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.countdown = _label(self.tr("Seconds left"), "playerCountdown", wrap=False)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.detail_label = _label(self.tr("Side and repetition"))
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_bar = QProgressBar()
        self.step_bar.setRange(0, 1000)
        self.step_bar.setTextVisible(False)
        self.step_bar.setAccessibleName(self.tr("Step progress"))
        self.step_bar.setMaximumHeight(16)
        self.next_label = _label(self.tr("What comes next"), "meta")
        self.next_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addStretch(1)
        right.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.countdown, 4)
        right.addWidget(self.detail_label)
        right.addSpacing(8)
        right.addWidget(self.step_bar)
        right.addWidget(self.next_label)
        right.addStretch(1)

        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 5)
        return body

    def _build_caution(self) -> QFrame:
        """The stretch's cautions under its instructions: a calm line with a caution sign,
        outside the scrolling list so "Stop if it hurts" never scrolls out of sight."""
        self.caution = QFrame()
        self.caution.setObjectName("playerCaution")
        self.caution.setStyleSheet(
            f"#playerCaution {{ background: {CAUTION_BACKGROUND[theme.is_dark()]};"
            " border-radius: 8px; }"
        )
        row = QHBoxLayout(self.caution)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(10)
        self.caution_icon = QLabel()
        self.caution_icon.setAccessibleName(self.tr("Take care"))
        self.caution_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._caution_icon_px = 0
        self.caution_label = _label(self.tr("Take care"))
        self.caution_label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.caution_icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.caution_label, 1)
        self.caution.hide()
        return self.caution

    def _build_breath_body(self) -> QWidget:
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(28)
        self.pacer = BreathingPacer(self.driver.state)
        row.addWidget(self.pacer, 6)
        side = QVBoxLayout()
        side.setSpacing(8)
        self.breath_title = _label(self.tr("Step"))
        self.breath_title.setObjectName("playerTitle")
        self.breath_detail = _label(self.tr("Breath"))
        self.breath_step_bar = QProgressBar()
        self.breath_step_bar.setRange(0, 1000)
        self.breath_step_bar.setTextVisible(False)
        self.breath_step_bar.setAccessibleName(self.tr("Step progress"))
        self.breath_step_bar.setMaximumHeight(16)
        self.breath_left = _label(self.tr("Time left in this step"), "meta")
        self.breath_next = _label(self.tr("What comes next"), "meta")
        self.breath_guidance = _label(self.tr("Guidance"))
        self.breath_guidance.setTextFormat(Qt.TextFormat.RichText)
        side.addStretch(1)
        for widget in (
            self.breath_title,
            self.breath_detail,
            self.breath_step_bar,
            self.breath_left,
            self.breath_next,
            self.breath_guidance,
        ):
            side.addWidget(widget)
        side.addStretch(2)
        row.addLayout(side, 4)
        return body

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.back_button = _ControlButton(
            "back",
            self.tr("Back  ←"),
            self.tr("Back: restart this step, or go to the previous one"),
            self.tr("Restart this step; press again at its start for the previous step (←)"),
        )
        self.pause_button = _ControlButton(
            "pause",
            self.tr("Pause  Space"),
            self.tr("Pause the routine"),
            self.tr("Pause or resume (Space)"),
        )
        self.skip_button = _ControlButton(
            "skip",
            self.tr("Skip  →"),
            self.tr("Skip to the next step"),
            self.tr("Skip this step (→)"),
        )
        self.stop_button = _ControlButton(
            "stop",
            self.tr("Stop  Esc"),
            self.tr("Stop the routine"),
            self.tr("End the routine here (Esc)"),
        )
        self.full_screen_button = _ControlButton(
            "",
            self.tr("Full screen  F11"),
            self.tr("Full screen"),
            self.tr("Fill the screen, for bigger numbers (F11)"),
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
        if self._confirming:
            self.keep_going()
        else:
            self.driver.toggle_pause()

    def _skip(self) -> None:
        if not self._confirming:
            self.driver.skip()

    def _back(self) -> None:
        if not self._confirming:
            self.driver.back()

    def show_full_screen(self, on: bool) -> None:
        """Follows the window: the button offers the way back out of full screen."""
        if on:
            self.full_screen_button.setText(self.tr("Leave full screen  F11"))
            self.full_screen_button.setAccessibleName(self.tr("Leave full screen"))
        else:
            self.full_screen_button.setText(self.tr("Full screen  F11"))
            self.full_screen_button.setAccessibleName(self.tr("Full screen"))

    def is_asking_to_stop(self) -> bool:
        return self._confirming

    def request_stop(self) -> None:
        """Esc: stops at once near the start; later, pauses and asks first."""
        if self._confirming:
            self.keep_going()
            return
        state = self.driver.state()
        if state is None or not self.driver.is_active():
            return
        if state.elapsed_routine_s <= STOP_WITHOUT_ASKING_S:
            self.driver.stop()
            return
        self._resume_after_question = not state.paused
        self._set_confirming(True)
        self.driver.pause()
        announce(self, self.status_label.text())

    def confirm_stop(self) -> None:
        if self._confirming:
            self._set_confirming(False)
            self.driver.stop()

    def keep_going(self) -> None:
        if not self._confirming:
            return
        self._set_confirming(False)
        if self._resume_after_question:
            self.driver.resume()
        else:
            self._show_status(self.driver.state())

    def _set_confirming(self, on: bool) -> None:
        self._confirming = on
        self.shortcuts["return"].setEnabled(on)
        self.shortcuts["enter"].setEnabled(on)
        self.confirm_stop_button.setVisible(on)
        self.keep_going_button.setVisible(on)
        if on:
            question = self.tr("Stop the routine?  Enter stops it, Esc or Space keeps going.")
            if self.window().isFullScreen():
                question += " " + self.tr("(F11 leaves full screen.)")
            self.status_label.setText(question)
            self.status.show()

    # -- showing ------------------------------------------------------------------------------

    def reset(self, *_started: object) -> None:
        """Forgets the last routine as a new one begins."""
        self._shown_phase = None
        self._shown_step = None
        self._set_confirming(False)
        self.status.hide()
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
        _set_bar(self.routine_bar, round(1000 * state.elapsed_routine_s / state.total_s))
        self.time_left_label.setText(
            self.tr("{0} left").format(clock_duration(state.remaining_routine_s))
        )
        step_total = self._step_total_s.get(state.step_index, 0.0)
        step_done = 1.0 - state.remaining_step_s / step_total if step_total else 0.0
        for bar in (self.step_bar, self.breath_step_bar):
            _set_bar(bar, round(1000 * step_done))
        text = countdown_text(state.remaining_phase_s)
        if self.countdown.text() != text:
            self.countdown.setText(text)
            self.countdown.setAccessibleName(
                self.tr("{0} seconds left").format(whole_seconds_left(state.remaining_phase_s))
            )
        self.breath_left.setText(
            self.tr("{0} left in this step").format(clock_duration(state.remaining_step_s))
        )
        self.pacer.show_state(state)
        self._show_pause_button(state.paused)
        if not self._confirming:
            self._show_status(state)

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
        look = look_of(phase)
        breathing = phase.kind in BREATHING_KINDS
        self.bodies.setCurrentIndex(1 if breathing else 0)
        self.pacer.set_reduce_motion(self.settings.get(Options.reduce_motion))
        detail = detail_text(phase)
        if breathing:
            self.breath_title.setText(step.title)
            self.breath_detail.setText(detail)
            self.breath_next.setText(next_text(state))
            if isinstance(step, BreatheStep) and new_step:
                self._show_breathing_guidance(step)
                self.caution.hide()
            return
        self.title_label.setText(step.title)
        self.title_label.setAccessibleName(step.title)
        self.badge.setText(look.word)
        self.badge.setAccessibleName(look.word)
        self._badge_colour = look.colour
        self.badge.setStyleSheet(_badge_style(look.colour, self._badge_px))
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))
        self.next_label.setText(next_text(state))
        if not new_step:
            return
        if isinstance(step, StretchStep):
            self._show_stretch(step)
        elif isinstance(step, RestStep):
            self._show_rest(step)

    def _show_stretch(self, step: StretchStep) -> None:
        stretch = step.stretch
        self.picture.set_path(theme.illustration_path(stretch.illustration))
        self.picture.setAccessibleName(self.tr("Picture: {0}").format(stretch.title))
        self.picture.show()
        self.origin_label.setText(provenance(stretch))
        self.origin_label.setAccessibleName(self.origin_label.text())
        self.origin_label.show()
        self.note_label.setText(step.note)
        self.note_label.setVisible(bool(step.note))
        self._instruction_lines = stretch.instructions
        self._show_instructions()
        self.instructions.verticalScrollBar().setValue(0)
        self.instructions.show()
        self.instructions.updateGeometry()
        cautions = " ".join(stretch.cautions)
        self.caution_label.setText(cautions)
        # A screen reader reads the name, so the name is the cautions themselves.
        self.caution_label.setAccessibleName(self.tr("Take care: {0}").format(cautions))
        self.caution.setVisible(bool(cautions))

    def _show_instructions(self) -> None:
        # Qt indents a list by 40 px whatever the font; the numbers ("6." and a gap) need
        # about 1.6 em of it. The rest is taken back so the list lines up with the text
        # above, and the numbers are not cut off at the larger full-screen sizes.
        pixels = QFontInfo(self.instructions_label.font()).pixelSize()
        margin = min(0, round(pixels * 1.6) - 40)
        items = "".join(f"<li>{escape(line)}</li>" for line in self._instruction_lines)
        self.instructions_label.setText(f"<ol style='margin-left: {margin}px'>{items}</ol>")

    def _show_rest(self, step: RestStep) -> None:
        self.picture.set_path(None)
        self.picture.hide()
        self.origin_label.hide()
        self.note_label.setText(step.note or self.tr("Rest quietly and breathe."))
        self.note_label.show()
        self.instructions.hide()
        self.caution.hide()

    def _show_breathing_guidance(self, step: BreatheStep) -> None:
        pattern = self.tr("In for {0:g} s, hold for {1:g} s, out for {2:g} s.").format(
            step.inhale_s, step.pause_s, step.exhale_s
        )
        # A step's own note replaces the general imagery, which says much the same.
        extra = [step.note] if step.note else list(self.library.breathing.guidance[3:])
        lines = [pattern, *extra]
        self.breath_guidance.setText("".join(f"<p>{escape(line)}</p>" for line in lines))

    def _show_pause_button(self, paused: bool) -> None:
        if paused == self._pause_button_paused:
            return
        self._pause_button_paused = paused
        if paused:
            self.pause_button.setText(self.tr("Resume  Space"))
            self.pause_button.setIcon(theme.icon("play"))
            self.pause_button.setAccessibleName(self.tr("Resume the routine"))
        else:
            self.pause_button.setText(self.tr("Pause  Space"))
            self.pause_button.setIcon(theme.icon("pause"))
            self.pause_button.setAccessibleName(self.tr("Pause the routine"))

    def _show_status(self, state: SessionState | None) -> None:
        if state is None or not state.paused:
            self.status.hide()
            return
        reason = state.pause_reason
        if reason is PauseReason.SUSPEND:
            text = self.tr("Paused while the computer was asleep. Press Space to carry on.")
        elif reason is PauseReason.LOCK:
            text = self.tr("Paused while the screen was locked. Press Space to carry on.")
        else:
            text = self.tr("Paused. Press Space to carry on.")
        self.status_label.setText(text)
        self.confirm_stop_button.hide()
        self.keep_going_button.hide()
        self.status.show()

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
        if self._confirming:
            return
        if paused:
            state = self.driver.state()
            self._show_status(state)
            announce(self, self.status_label.text())
        else:
            announce(self, self.tr("Carrying on"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()

    # -- size ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height, width = self.height(), self.width()
        # The countdown is as big as the right half allows: readable from 2-3 metres in a
        # normal window, from across the room in full screen.
        countdown = min(height * 0.36, width * 0.24)
        _set_pixel_size(self.countdown, countdown, bold=True)
        self._badge_px = round(max(24, countdown * 0.36))
        self.badge.setStyleSheet(_badge_style(self._badge_colour, self._badge_px))
        _set_pixel_size(self.detail_label, max(18, countdown * 0.17), bold=True)
        _set_pixel_size(self.breath_detail, max(18, countdown * 0.17), bold=True)
        for title in (self.title_label, self.breath_title):
            _set_pixel_size(title, max(20, height * 0.05), bold=True)
        for label in (self.next_label, self.breath_next, self.breath_left):
            _set_pixel_size(label, max(15, height * 0.03))
        for label in (
            self.instructions_label,
            self.note_label,
            self.breath_guidance,
            self.caution_label,
        ):
            _set_pixel_size(label, max(14, height * 0.024))
        self._size_caution_icon(round(max(14, height * 0.024) * 1.3))
        if self._instruction_lines:
            self._show_instructions()
        _set_pixel_size(self.status_label, max(16, height * 0.035), bold=True)
        for label in (self.routine_label, self.step_label, self.time_left_label):
            _set_pixel_size(label, max(13, height * 0.022), bold=label is self.routine_label)

    def _size_caution_icon(self, pixels: int) -> None:
        if pixels == self._caution_icon_px:
            return
        self._caution_icon_px = pixels
        icon = theme.icon("warning")
        self.caution_icon.setPixmap(icon.pixmap(QSize(pixels, pixels), self.devicePixelRatioF()))


def _set_bar(bar: QProgressBar, value: int) -> None:
    """QProgressBar.setValue repaints (and flushes the window) at once; held back, the bar is
    painted with the rest of the next frame instead of delaying a phase boundary."""
    if bar.value() == value:
        return
    bar.setUpdatesEnabled(False)
    bar.setValue(value)
    bar.setUpdatesEnabled(True)
