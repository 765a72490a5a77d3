"""The settings dialog: break interval, working hours and days, cues, reduced motion, start at
login and in the tray, and what this desktop can and cannot tell the app.

Values are read through core.settings, so a damaged or out-of-range stored value shows as its
default (with a warning in the log) while every other setting keeps the user's choice; saving
writes all of them back in a form that reads back the same."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.intervals import format_interval
from backease_desktop.core.scheduler import time_of_day
from backease_desktop.core.settings import Options, Settings
from backease_desktop.platform import desktop_entry
from backease_desktop.platform.reminders import DesktopSupport

log = logging.getLogger(__name__)

_TIME_FORMAT = "HH:mm"
# Height a window manager's title bar and frame take, left free on a short screen.
TITLE_BAR_ALLOWANCE_PX = 40
# The least height the dialog asks for, however short the screen: the buttons and a few
# rows of the scrolling groups.
MIN_HEIGHT_PX = 300


class SettingsDialog(QDialog):
    """Edits the options; `saved` fires after OK or Apply wrote them. `interval_changed`
    says whether the user changed the break interval (it then replaces --break-interval)."""

    saved = Signal()

    def __init__(
        self,
        settings: Settings,
        voice_note: str | None = None,
        support: DesktopSupport | None = None,
        interval_override_s: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.support = support or DesktopSupport()
        self.interval_changed = False
        self.setWindowTitle(self.tr("BackEase Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.setMinimumWidth(520)
        # The groups scroll when the screen is too short for all of them (a netbook with a
        # panel); the buttons stay in view below.
        self._body = QWidget()
        layout = self._column = QVBoxLayout(self._body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._reminders_group(interval_override_s))
        layout.addWidget(self._hours_group())
        layout.addWidget(self._cues_group(voice_note))
        layout.addWidget(self._startup_group())
        layout.addWidget(self._desktop_group())
        self.error_label = QLabel()
        self.error_label.setObjectName("settingsError")
        self.error_label.setStyleSheet("#settingsError { color: #9b1c1c; font-weight: 600; }")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        layout.addStretch(1)  # room to spare goes below the groups, not into them
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        apply_button.clicked.connect(self.save)
        self.groups_area = QScrollArea()
        self.groups_area.setWidget(self._body)
        self.groups_area.setWidgetResizable(True)
        self.groups_area.setFrameShape(QFrame.Shape.NoFrame)
        self.groups_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a Tab stop of its own (it has no focus ring): it scrolls to whichever control
        # takes the focus.
        self.groups_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.groups_area.setAccessibleName(self.windowTitle())
        self._outer = QVBoxLayout(self)
        self._outer.addWidget(self.groups_area, 1)
        self._outer.addWidget(self.buttons)
        self._body.installEventFilter(self)
        self.load()
        self._fit_height()
        # The dialog opens with the focus on its first control, in sight at the top.
        self.interval.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- building -------------------------------------------------------------------------

    def _reminders_group(self, interval_override_s: float | None) -> QGroupBox:
        group = QGroupBox(self.tr("Break reminders"))
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.interval = QSpinBox()
        low, high = 5, 120  # Options.break_interval_min's bounds
        self.interval.setRange(low, high)
        self.interval.setSingleStep(5)
        self.interval.setSuffix(self.tr(" min"))
        # Named by its visible label (voice control users say what they see).
        self.interval.setAccessibleName(self.tr("Remind me every"))
        self.interval.setAccessibleDescription(self.tr("Break interval in minutes"))
        form.addRow(self.tr("Remind me every"), self.interval)
        if interval_override_s is not None:
            note = QLabel(
                self.tr(
                    "This run uses {0} from the command line (--break-interval). "
                    "Changing the interval here replaces it."
                ).format(format_interval(interval_override_s))
            )
            note.setWordWrap(True)
            form.addRow(note)
            self.override_note: QLabel | None = note
        else:
            self.override_note = None
        return group

    def _hours_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Working hours"))
        form = QFormLayout(group)
        self.hours_enabled = QCheckBox(self.tr("Remind me only during working hours"))
        self.hours_enabled.toggled.connect(self._update_enabled)
        form.addRow(self.hours_enabled)
        times = QHBoxLayout()
        self.work_start = QTimeEdit()
        self.work_start.setDisplayFormat(_TIME_FORMAT)
        self.work_start.setAccessibleName(self.tr("From"))
        self.work_start.setAccessibleDescription(self.tr("Working hours start"))
        self.work_end = QTimeEdit()
        self.work_end.setDisplayFormat(_TIME_FORMAT)
        self.work_end.setAccessibleName(self.tr("to"))
        self.work_end.setAccessibleDescription(self.tr("Working hours end"))
        to_label = QLabel(self.tr("to"))
        times.addWidget(self.work_start)
        times.addWidget(to_label)
        times.addWidget(self.work_end)
        times.addStretch(1)
        self.hours_row = QWidget()
        self.hours_row.setLayout(times)
        times.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("From"), self.hours_row)
        self.hours_hint = QLabel()
        self.hours_hint.setWordWrap(True)
        form.addRow(self.hours_hint)
        for edit in (self.work_start, self.work_end):
            edit.timeChanged.connect(self._update_hint)

        days = QHBoxLayout()
        days.setContentsMargins(0, 0, 0, 0)
        self.day_boxes: dict[int, QCheckBox] = {}
        locale = QLocale()
        for day in range(1, 8):
            box = QCheckBox(locale.dayName(day, QLocale.FormatType.ShortFormat))
            box.setAccessibleName(locale.dayName(day, QLocale.FormatType.LongFormat))
            box.toggled.connect(self._validate)
            self.day_boxes[day] = box
            days.addWidget(box)
        days.addStretch(1)
        self.days_row = QWidget()
        self.days_row.setLayout(days)
        form.addRow(self.tr("On"), self.days_row)
        return group

    def _cues_group(self, voice_note: str | None) -> QGroupBox:
        group = QGroupBox(self.tr("Cues and motion"))
        form = QFormLayout(group)
        self.sound_cues = QCheckBox(self.tr("Play a sound when a hold or a breath changes"))
        form.addRow(self.sound_cues)
        self.voice_cues = QCheckBox(self.tr("Speak the steps of a routine"))
        form.addRow(self.voice_cues)
        self.voice_note = QLabel(voice_note or "")
        self.voice_note.setWordWrap(True)
        self.voice_note.setVisible(bool(voice_note))
        self.voice_cues.setAccessibleDescription(voice_note or "")
        # An option this desktop cannot honour is off and greyed out, the reason beside it;
        # the saved choice is kept for a desktop that can.
        self.voice_cues.setEnabled(not voice_note)
        form.addRow(self.voice_note)
        self.reduce_motion = QCheckBox(self.tr("Reduce motion (no animated breathing circle)"))
        form.addRow(self.reduce_motion)
        return group

    def _startup_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Starting"))
        form = QFormLayout(group)
        self.start_at_login = QCheckBox(self.tr("Start BackEase when I log in"))
        self.start_at_login.toggled.connect(self._update_enabled)
        form.addRow(self.start_at_login)
        self.start_in_tray = QCheckBox(self.tr("Start in the tray, without opening the window"))
        form.addRow(self.start_in_tray)
        return group

    def _desktop_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("This desktop"))
        box = QVBoxLayout(group)
        support = self.support
        if support.idle_source:
            idle = self.tr("Time away from the computer counts as a break (known from {0}).")
            idle = idle.format(support.idle_source)
        else:
            idle = self.tr(
                "This desktop does not report idle time, so time away from the computer "
                "does not count as a break: take it from the tray menu."
            )
        if support.do_not_disturb_sources:
            quiet = self.tr(
                "Reminders wait while a film, a call or slides are on. Watched here: {0}."
            ).format(", ".join(support.do_not_disturb_sources))
        else:
            quiet = self.tr(
                "This desktop does not say when a film, a call or slides are on, so "
                "reminders may appear over them."
            )
        notes = [idle, quiet]
        if not support.tray:
            notes.append(
                self.tr(
                    "There is no system tray: reminders run only while the BackEase window is open."
                )
            )
        self.desktop_notes: list[QLabel] = []
        for text in notes:
            label = QLabel(text)
            label.setWordWrap(True)
            box.addWidget(label)
            self.desktop_notes.append(label)
        return group

    # --- size -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The groups' layout has just been redone (a note shown or hidden, a font changed).
        if watched is self._body and event.type() == QEvent.Type.LayoutRequest:
            self._fit_height()
        return super().eventFilter(watched, event)

    def _fit_height(self) -> None:
        """Keeps the dialog tall enough for every wrapped line of its notes, as far as the
        screen allows (beyond that the groups scroll). Qt sizes a window by its layout's
        minimum size, which counts a word-wrapped label as one line, so a long note (the
        voice note) was squeezed to a sliver over the checkbox below it. The height is
        measured at the narrowest width the dialog allows, where the notes wrap most; a
        wider dialog needs less."""
        self._column.activate()
        margins = self._outer.contentsMargins()
        body_width = self.minimumWidth() - margins.left() - margins.right()
        body = self._column.totalHeightForWidth(body_width)
        if body <= 0:
            return
        needed = (
            body
            + self._outer.spacing()
            + self.buttons.sizeHint().height()
            + margins.top()
            + margins.bottom()
        )
        screen = self.screen()
        if screen is not None:
            # Room for the title bar and frame the window manager adds.
            room = screen.availableGeometry().height() - TITLE_BAR_ALLOWANCE_PX
            needed = min(needed, max(room, MIN_HEIGHT_PX))
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    # --- values ---------------------------------------------------------------------------

    def load(self) -> None:
        settings = self.settings
        self._loaded_interval = settings.get(Options.break_interval_min)
        self.interval.setValue(self._loaded_interval)
        self.hours_enabled.setChecked(settings.get(Options.working_hours_enabled))
        self.work_start.setTime(_qtime(settings.get(Options.work_start)))
        self.work_end.setTime(_qtime(settings.get(Options.work_end)))
        saved_days: tuple[int, ...] = settings.get(Options.work_days)
        work_days = set(saved_days)
        for day, box in self.day_boxes.items():
            box.setChecked(day in work_days)
        self.sound_cues.setChecked(settings.get(Options.sound_cues))
        self.voice_cues.setChecked(settings.get(Options.voice_cues) and self.voice_cues.isEnabled())
        self.reduce_motion.setChecked(settings.get(Options.reduce_motion))
        self.start_at_login.setChecked(settings.get(Options.start_at_login))
        self.start_in_tray.setChecked(settings.get(Options.start_in_tray))
        self._update_enabled()
        self._update_hint()
        self._validate()

    def work_days(self) -> tuple[int, ...]:
        return tuple(day for day, box in self.day_boxes.items() if box.isChecked())

    def save(self) -> bool:
        """Writes every option; False (and nothing written) while the form has an error."""
        if not self._validate():
            return False
        settings = self.settings
        if self.interval.value() != self._loaded_interval:
            self.interval_changed = True
            self._loaded_interval = self.interval.value()
        settings.set(Options.break_interval_min, self.interval.value())
        settings.set(Options.working_hours_enabled, self.hours_enabled.isChecked())
        settings.set(Options.work_start, self.work_start.time().toString(_TIME_FORMAT))
        settings.set(Options.work_end, self.work_end.time().toString(_TIME_FORMAT))
        if self.work_days():
            settings.set(Options.work_days, self.work_days())
        settings.set(Options.sound_cues, self.sound_cues.isChecked())
        if self.voice_cues.isEnabled():
            settings.set(Options.voice_cues, self.voice_cues.isChecked())
        settings.set(Options.reduce_motion, self.reduce_motion.isChecked())
        settings.set(Options.start_at_login, self.start_at_login.isChecked())
        settings.set(Options.start_in_tray, self.start_in_tray.isChecked())
        sync = getattr(settings.backend, "sync", None)
        if callable(sync):
            sync()
        self._write_autostart()
        self.saved.emit()
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()

    def _write_autostart(self) -> None:
        try:
            desktop_entry.set_autostart(
                self.start_at_login.isChecked(), in_tray=self.start_in_tray.isChecked()
            )
        except OSError as exc:
            log.warning("settings: could not change the autostart entry: %s", exc)
            QMessageBox.warning(
                self,
                self.tr("Start at login"),
                self.tr("BackEase could not change the autostart entry: {0}").format(exc),
            )

    # --- form behaviour -------------------------------------------------------------------

    def _update_enabled(self) -> None:
        hours = self.hours_enabled.isChecked()
        self.hours_row.setEnabled(hours)
        self.days_row.setEnabled(hours)
        self.hours_hint.setEnabled(hours)
        self.start_in_tray.setEnabled(self.start_at_login.isChecked())
        self._validate()

    def _update_hint(self) -> None:
        start, end = self.work_start.time(), self.work_end.time()
        if start == end:
            hint = self.tr("The same start and end: reminders all day on the days below.")
        elif end < start:
            hint = self.tr("The hours run past midnight into the next day.")
        else:
            hint = ""
        self.hours_hint.setText(hint)
        self.hours_hint.setVisible(bool(hint))

    def _validate(self) -> bool:
        problem = ""
        if self.hours_enabled.isChecked() and not self.work_days():
            problem = self.tr("Choose at least one working day, or turn working hours off.")
        self.error_label.setText(problem)
        self.error_label.setVisible(bool(problem))
        for button in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Apply):
            self.buttons.button(button).setEnabled(not problem)
        return not problem


def _qtime(text: str) -> QTime:
    moment = time_of_day(text)
    return QTime(moment.hour, moment.minute)
