"""Desk-break reminders in the app: the Qt-free BreakScheduler on its one timer, fed by the
desktop (idle time, sleep, clock changes, do not disturb) and shown through the best channel
there is (a desktop notification with buttons, the tray's own message, or a small window).

`Reminders` is the feature's object for the rest of the app: signals `break_start_requested()`
(the user chose to start a break), `break_outcome(BreakOutcome)` (for history) and
`left_desk()` (screen locked or system going to sleep: a routine should pause), and the slots
`break_ended(completed)` (the guided break is over) and `break_declined()` (its routine was
stopped at the red-flag check)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal, Slot

from backease_desktop.core.clock import Clock, SystemClock
from backease_desktop.core.scheduler import (
    BreakDue,
    BreakOutcome,
    BreakScheduler,
    CountdownRestarted,
    ReminderClosed,
    ScheduleConfig,
    SchedulerEvent,
    State,
    Status,
)
from backease_desktop.core.settings import Options, Settings
from backease_desktop.platform.scheduler_driver import SchedulerDriver

if TYPE_CHECKING:
    # The desktop's sources (QtDBus, X11) load in attach_desktop, after the first frame.
    from PySide6.QtDBus import QDBusConnection

    from backease_desktop.platform.do_not_disturb import DoNotDisturb
    from backease_desktop.platform.idle import IdleMonitor
    from backease_desktop.platform.notifications import DesktopNotifications
    from backease_desktop.platform.session_events import SessionEvents

log = logging.getLogger(__name__)

SNOOZE_MINUTES = 10
PAUSE_HOUR_S = 3600.0

# The answers a reminder can get, as presenters report them.
START, SNOOZE, SKIP, DISMISSED, TIMED_OUT = "start", "snooze", "skip", "dismissed", "timed_out"

# While the scheduler is in one of these states, time away matters (it may count as a
# break); otherwise idle sources that poll can stop.
_IDLE_MATTERS = frozenset(
    {State.COUNTING, State.SNOOZED, State.DUE, State.WAITING_FOR_DO_NOT_DISTURB, State.AWAY}
)


def _text(source: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Reminders", source)


def reminder_summary() -> str:
    return _text("Time for a desk break")


def reminder_body(due: BreakDue, interval_s: float, guided: bool = True) -> str:
    """What the reminder says. Without `guided` (the guided routine is closed: a standing
    health fact without a professional's advice, or no warning signs) it still says to
    stand up and move, and offers no routine."""
    if due.after_snooze:
        return _text("Your snoozed break is due. Stand up and move for two minutes.")
    if not guided:
        if interval_s < 120:
            return _text("Stand up and move for two minutes.")
        return _text(
            "You have been at your desk for {0} minutes. Stand up and move for two minutes."
        ).format(round(interval_s / 60))
    if interval_s < 120:
        return _text("Stand up and move for two minutes: a short guided break is ready.")
    return _text(
        "You have been at your desk for {0} minutes. Stand up and move for two minutes: "
        "a short guided break is ready."
    ).format(round(interval_s / 60))


class ReminderPresenter(Protocol):
    """One way of putting a reminder in front of the user. `show_reminder` returns False when
    it cannot (no server, no tray), so the next one is tried; answers come back through the
    `answer` callback the presenter was given. Without `guided` it offers no way to start
    the guided break routine."""

    name: str

    def show_reminder(self, due: BreakDue, interval_s: float, guided: bool = True) -> bool: ...

    def close_reminder(self) -> None: ...


class NotificationPresenter(QObject):
    """A desktop notification with "Start break", "Snooze 10 min" and "Skip" buttons. It
    stays until answered; the scheduler closes it when the reminder is missed."""

    name = "desktop notification"

    def __init__(
        self,
        notifications: DesktopNotifications,
        answer: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.notifications = notifications
        self.answer = answer
        self.notification_id: int | None = None
        notifications.action_invoked.connect(self._on_action)
        notifications.closed.connect(self._on_closed)

    def show_reminder(self, due: BreakDue, interval_s: float, guided: bool = True) -> bool:
        if not self.notifications.available() or not self.notifications.supports_actions():
            return False
        actions = [(START, _text("Start break"))] if guided else []
        actions += [
            (SNOOZE, _text("Snooze %n min").replace("%n", str(SNOOZE_MINUTES))),
            (SKIP, _text("Skip")),
        ]
        self.notification_id = self.notifications.show(
            reminder_summary(), reminder_body(due, interval_s, guided), actions, timeout_ms=0
        )
        return self.notification_id is not None

    def close_reminder(self) -> None:
        notification_id, self.notification_id = self.notification_id, None
        if notification_id is not None:
            self.notifications.withdraw(notification_id)

    def _on_action(self, notification_id: int, key: str) -> None:
        if notification_id != self.notification_id or key not in (START, SNOOZE, SKIP):
            return
        # Servers close a notification after an action; that close is not a dismissal.
        self.notification_id = None
        self.answer(key)

    def _on_closed(self, notification_id: int, reason: int) -> None:
        if notification_id != self.notification_id:
            return
        self.notification_id = None
        from backease_desktop.platform.notifications import CloseReason

        if reason == CloseReason.EXPIRED:
            self.answer(TIMED_OUT)
        elif reason != CloseReason.CLOSED_BY_CALL:
            self.answer(DISMISSED)


class Reminders(QObject):
    """The desk-break reminders. Every call into the scheduler goes through the driver, which
    re-arms the one timer; `status_changed` fires after each (the tray reads `status()`)."""

    break_start_requested = Signal()
    break_outcome = Signal(object)  # core.scheduler.BreakOutcome
    status_changed = Signal()
    reminder_shown = Signal(str)  # the presenter's name, for logs and tests
    left_desk = Signal()  # the screen locked or the system is going to sleep

    def __init__(
        self,
        settings: Settings,
        clock: Clock | None = None,
        interval_override_s: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.clock = clock or SystemClock()
        self.interval_override_s = interval_override_s
        self.scheduler = BreakScheduler(self.clock, self._config())
        self.driver = SchedulerDriver(self.scheduler, self.clock, parent=self)
        self.driver.events_happened.connect(self._on_events)
        self.driver.changed.connect(self._on_changed)
        self.presenters: list[ReminderPresenter] = []
        self.showing: ReminderPresenter | None = None
        self.idle: IdleMonitor | None = None
        self.do_not_disturb: DoNotDisturb | None = None
        self.session: SessionEvents | None = None
        self.notifications: DesktopNotifications | None = None
        self._idle_reported = False
        self._saved_pause = settings.get(Options.reminders_paused_until)
        self.started = False
        # Whether a reminder offers the guided break routine (core/safety.py decides; the
        # app sets this): when not, it still says to stand up and move.
        self.guided_break_offered: Callable[[], bool] = lambda: True

    # --- setting up ---------------------------------------------------------------------

    def _config(self) -> ScheduleConfig:
        return ScheduleConfig.from_settings(self.settings, self.interval_override_s)

    def set_presenters(self, presenters: Sequence[ReminderPresenter]) -> None:
        """The ways to show a reminder, best first."""
        self.presenters = list(presenters)

    def attach_idle_monitor(self, monitor: IdleMonitor) -> None:
        self.idle = monitor
        monitor.went_idle.connect(self.user_went_idle)
        monitor.returned.connect(self.user_returned)

    def attach_do_not_disturb(self, do_not_disturb: DoNotDisturb) -> None:
        self.do_not_disturb = do_not_disturb
        do_not_disturb.changed.connect(self.set_do_not_disturb)
        if do_not_disturb.active:
            self.set_do_not_disturb(True)

    def attach_session_events(self, events: SessionEvents) -> None:
        self.session = events
        events.about_to_sleep.connect(lambda: self.driver.run(self.scheduler.system_will_sleep))
        events.woke.connect(lambda: self.driver.run(self.scheduler.system_woke))
        events.clock_changed.connect(lambda: self.driver.run(self.scheduler.update))
        events.screen_locked.connect(self.left_desk)
        events.about_to_sleep.connect(self.left_desk)
        # Without a clock-change signal, check wall-clock deadlines hourly (see the driver).
        self.driver.max_wait_s = None if events.watches_clock else 3600.0

    def close_desktop(self) -> None:
        """Stops listening to the desktop, from this thread, before the app exits (see
        platform.dbus_typed.Subscriptions)."""
        for source in (self.idle, self.do_not_disturb, self.session, self.notifications):
            if source is not None:
                source.close()

    def start(self) -> None:
        """Restores a pause saved by an earlier run and starts the countdown."""
        if self.started:
            return
        self.started = True
        saved = self.settings.get(Options.reminders_paused_until)
        self.driver.run(lambda: self.scheduler.restore_pause(saved))
        self._log_next_break()

    # --- what the tray and the rest of the app ask ---------------------------------------

    def status(self) -> Status:
        return self.scheduler.status()

    @property
    def paused(self) -> bool:
        return self.status().state is State.PAUSED

    @Slot()
    def take_break_now(self) -> None:
        """Starts a break: answers a due reminder, or is a break on the user's own initiative.
        The countdown stands still during the break and restarts, full, when it ends."""
        self.driver.run(self.scheduler.start_break)
        self.break_start_requested.emit()

    @Slot()
    def snooze(self, minutes: int = SNOOZE_MINUTES) -> None:
        self.driver.run(lambda: self.scheduler.snooze(minutes))

    @Slot()
    def skip(self) -> None:
        self.driver.run(self.scheduler.skip)

    @Slot()
    def pause_for_hour(self) -> None:
        self.driver.run(lambda: self.scheduler.pause_for(PAUSE_HOUR_S))

    @Slot()
    def pause_until_tomorrow(self) -> None:
        self.driver.run(self.scheduler.pause_until_tomorrow)

    @Slot()
    def pause_until_resumed(self) -> None:
        self.driver.run(self.scheduler.pause_indefinitely)

    @Slot()
    def resume(self) -> None:
        self.driver.run(self.scheduler.resume)

    @Slot(bool)
    def break_ended(self, completed: bool) -> None:
        """The guided break is over (the player's session_ended for the desk-break routine)."""
        self.driver.run(lambda: self.scheduler.break_finished(completed))

    @Slot()
    def break_declined(self) -> None:
        """The guided break never started: the red-flag check before its routine stopped it
        (recorded as declined, not as a break taken)."""
        self.driver.run(self.scheduler.break_declined)

    @Slot()
    def apply_settings(self) -> None:
        """New settings take effect at once; a running countdown keeps the time counted."""
        config = self._config()
        self.driver.run(lambda: self.scheduler.set_config(config))

    def set_interval_override(self, seconds: float | None) -> None:
        """`--break-interval` for the rest of this run (None: the interval from settings)."""
        self.interval_override_s = seconds
        self.apply_settings()

    def answer(self, key: str) -> None:
        """A presenter's report of what the user did with the reminder."""
        self.showing = None
        if key == START:
            self.take_break_now()
        elif key == SNOOZE:
            self.snooze()
        elif key == SKIP:
            self.skip()
        elif key == DISMISSED:
            self.driver.run(self.scheduler.reminder_dismissed)
        elif key == TIMED_OUT:
            self.driver.run(self.scheduler.reminder_timed_out)

    # --- what the desktop reports --------------------------------------------------------

    @Slot(float)
    def user_went_idle(self, idle_for_s: float) -> None:
        # Sitting through a film or a video call without touching anything is not a break.
        if self.do_not_disturb is not None and self.do_not_disturb.active:
            return
        self._idle_reported = True
        self.driver.run(lambda: self.scheduler.user_went_idle(idle_for_s))

    @Slot()
    def user_returned(self) -> None:
        if self._idle_reported:
            self._idle_reported = False
            self.driver.run(self.scheduler.user_returned)

    @Slot(bool)
    def set_do_not_disturb(self, active: bool) -> None:
        if active:
            # Whatever absence came before ends where the film or call begins.
            self.user_returned()
        self.driver.run(lambda: self.scheduler.set_do_not_disturb(active))

    # --- acting on the scheduler's events ------------------------------------------------

    def _on_events(self, events: list[SchedulerEvent]) -> None:
        for event in events:
            if isinstance(event, BreakDue):
                self._present(event)
            elif isinstance(event, ReminderClosed):
                self._close_reminder()
            elif isinstance(event, CountdownRestarted):
                self._log_next_break()
            elif isinstance(event, BreakOutcome):
                log.info("reminders: %s (%s)", event.outcome.value, event.cause.value)
                self.break_outcome.emit(event)

    def _log_next_break(self) -> None:
        status = self.status()
        if status.next_break_at is not None:
            at = status.next_break_at.isoformat(timespec="milliseconds")
            log.info("reminders: %s; next break at %s", status.state.value, at)
        else:
            log.info("reminders: %s", status.state.value)

    def _present(self, due: BreakDue) -> None:
        self._close_reminder()
        interval_s = self.scheduler.config.interval_s
        guided = self.guided_break_offered()
        for presenter in self.presenters:
            if presenter.show_reminder(due, interval_s, guided):
                self.showing = presenter
                log.info("reminders: a break is due; shown as a %s", presenter.name)
                self.reminder_shown.emit(presenter.name)
                return
        log.warning("reminders: a break is due and nothing could show it")

    def _close_reminder(self) -> None:
        showing, self.showing = self.showing, None
        if showing is not None:
            showing.close_reminder()

    def _on_changed(self) -> None:
        pause = self.scheduler.pause_setting()
        if pause != self._saved_pause:
            self._saved_pause = pause
            self.settings.set(Options.reminders_paused_until, pause)
        if self.idle is not None:
            self.idle.set_watching(self.status().state in _IDLE_MATTERS)
        self.status_changed.emit()


@dataclass(frozen=True)
class DesktopSupport:
    """What the desktop session offers the reminders, for the settings dialog to explain."""

    idle_source: str = ""  # where idle time comes from; "" when it cannot be known
    do_not_disturb_sources: Sequence[str] = field(default_factory=tuple)
    tray: bool = True
    sleep_source: str = ""


def attach_desktop(
    reminders: Reminders,
    platform_name: str,
    session_bus: QDBusConnection | None = None,
    system_bus: QDBusConnection | None = None,
) -> tuple[DesktopSupport, NotificationPresenter]:
    """Connects `reminders` to what this session offers: sleep, lock and clock-change signals,
    the best idle-time source, do-not-disturb watchers, and desktop notifications."""
    from PySide6.QtDBus import QDBusConnection

    from backease_desktop.platform.do_not_disturb import create_do_not_disturb
    from backease_desktop.platform.idle import create_idle_monitor
    from backease_desktop.platform.notifications import DesktopNotifications
    from backease_desktop.platform.session_events import SessionEvents

    session_bus = session_bus if session_bus is not None else QDBusConnection.sessionBus()
    system_bus = system_bus if system_bus is not None else QDBusConnection.systemBus()
    events = SessionEvents(system_bus, session_bus, parent=reminders)
    reminders.attach_session_events(events)
    idle = create_idle_monitor(
        session_bus,
        platform_name,
        events,
        reminders.scheduler.config.idle_threshold_s,
        parent=reminders,
    )
    reminders.attach_idle_monitor(idle)
    reminders.attach_do_not_disturb(create_do_not_disturb(session_bus, platform_name, reminders))
    notifications = DesktopNotifications(session_bus, parent=reminders)
    reminders.notifications = notifications
    presenter = NotificationPresenter(notifications, reminders.answer, parent=reminders)
    dnd = reminders.do_not_disturb
    support = DesktopSupport(
        idle_source=idle.name,
        do_not_disturb_sources=tuple(dnd.sources) if dnd is not None else (),
        sleep_source=events.sleep_source,
    )
    log.info(
        "reminders: idle time from %s; do not disturb from %s; sleep from %s",
        support.idle_source or "nowhere",
        ", ".join(support.do_not_disturb_sources) or "nowhere",
        support.sleep_source or "the clocks",
    )
    return support, presenter
