"""The safety steps before a routine as a person meets them in the main window: today's
check (every sign in view at 1024x600, start held back where the list does not fit, focus
never on start), the emergency and see-a-doctor-soon answers, the standing health
questions with their 90-day renewal and clearance record, and fail closed when the warning
signs do not load. A FakeClock gives the days."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.content import Library
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import resources_dir
from backease_desktop.core.safety import StandingAnswers, read_answers, save_standing
from backease_desktop.core.settings import Options, Settings
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.ui.accessibility import install_role_factory
from backease_desktop.ui.main_window import MainWindow
from backease_desktop.ui.player.page import PlayerPage
from backease_desktop.wiring.player import install_player

# 2026-01-01 10:00 in the local time zone, whatever it is.
WALL0 = 1_767_261_600.0
DAY_S = 24 * 3600.0
ROUTINE = "desk-break"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(monotonic=1000.0, wall=WALL0)


class App:
    """The main window with the player installed, as the app wires it, at a given size."""

    def __init__(self, window: MainWindow, driver: PlayerDriver) -> None:
        self.window = window
        self.driver = driver

    @property
    def page(self) -> PlayerPage:
        page = self.window.page("player")
        assert isinstance(page, PlayerPage)
        return page

    def start(self, routine_id: str = ROUTINE) -> PlayerPage:
        self.window.open_page("routines")
        self.driver.start_routine(routine_id)
        QApplication.processEvents()
        return self.page


def make_app(
    qtbot: QtBot, library: Library, settings: Settings, clock: FakeClock, size: tuple[int, int]
) -> App:
    install_role_factory()
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    driver = PlayerDriver(library, clock, window)
    install_player(window, driver, library, settings)
    window.open_start_page()
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    return App(window, driver)


@pytest.fixture
def answered(settings: Settings, clock: FakeClock) -> Settings:
    """The standing questions answered today, none applying: the daily check comes next."""
    from backease_desktop.core.safety import local_date

    save_standing(settings, StandingAnswers(local_date(clock.wall())))
    return settings


@pytest.fixture
def small(qtbot: QtBot, library: Library, answered: Settings, clock: FakeClock) -> App:
    return make_app(qtbot, library, answered, clock, (1024, 600))


@pytest.fixture
def big_text(qapp: QApplication) -> Iterator[None]:
    """Text at twice its default size, as with QT_SCALE_FACTOR=2 or a large desktop font."""
    font = QApplication.font()
    bigger = QApplication.font()
    bigger.setPointSizeF(font.pointSizeF() * 2)
    QApplication.setFont(bigger)
    yield
    QApplication.setFont(font)


def tick(page: PlayerPage, sign_id: str) -> None:
    row = next(row for row in page.check.rows if row.flag.id == sign_id)
    row.box.setChecked(True)


def in_view(widget: QWidget, viewport: QWidget) -> bool:
    rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return viewport.rect().contains(rect)


def visible_start_buttons(page: PlayerPage) -> list[QAbstractButton]:
    current = page.currentWidget()
    return [
        button
        for button in current.findChildren(QAbstractButton)
        if button.isVisible() and button.isEnabled() and "start" in button.text().lower()
    ]


# -- the check at 1024x600 ------------------------------------------------------------------


def test_at_1024x600_every_sign_is_in_view_and_start_is_open(small: App, library: Library) -> None:
    assert small.window.size() == QSize(1024, 600)
    page = small.start()
    check = page.check
    assert page.currentWidget() is check
    assert [row.flag for row in check.rows] == list(library.red_flags.daily)
    viewport = check.scroll_area.viewport()
    assert in_view(viewport, small.window)  # the list itself is on the window
    for row in check.rows:
        assert in_view(row.box, viewport), row.flag.id
        assert in_view(row.label, viewport), row.flag.id
    assert check.start_button.isVisible() and check.start_button.isEnabled()
    assert in_view(check.start_button, small.window)
    assert not check.wait_reason.isVisible()


def test_the_check_shows_the_tier_headings(small: App, library: Library) -> None:
    page = small.start()
    texts = [label.text() for label in page.check.findChildren(QWidget) if hasattr(label, "text")]
    assert library.red_flags.emergency.heading in texts
    assert library.red_flags.soon.heading in texts
    assert library.red_flags.standing.signs[0].text not in texts  # asked apart


def test_the_focus_starts_on_the_first_sign_not_on_start(small: App) -> None:
    check = small.start().check
    assert small.window.focusWidget() is check.rows[0].box
    assert not check.start_button.hasFocus()
    assert not check.start_button.isDefault() and not check.start_button.autoDefault()


def test_enter_on_a_sign_does_not_start(small: App, qtbot: QtBot) -> None:
    page = small.start()
    qtbot.keyClick(page.check.rows[0].box, Qt.Key.Key_Return)
    qtbot.keyClick(page.check.rows[0].box, Qt.Key.Key_Enter)
    assert small.driver.session is None
    assert page.currentWidget() is page.check


def test_a_sign_is_a_checkbox_named_by_its_text_and_its_label_ticks_it(
    small: App, qtbot: QtBot
) -> None:
    row = small.start().check.rows[3]
    assert row.box.accessibleName() == row.flag.text
    assert row.label.text() == row.flag.text
    qtbot.mouseClick(row.label, Qt.MouseButton.LeftButton)
    assert row.box.isChecked()


def test_nothing_ticked_starts_the_routine(small: App, qtbot: QtBot) -> None:
    page = small.start()
    qtbot.mouseClick(page.check.start_button, Qt.MouseButton.LeftButton)
    assert page.currentWidget() is page.run_frame
    assert small.driver.is_active()


def test_every_control_is_named_by_its_visible_label_first(small: App) -> None:
    page = small.start()
    tick(page, "saddle-numbness")
    page.stop_notice.show_standing([])  # every button of the notice shown once
    for view in (page.check, page.standing, page.stop_notice):
        for button in view.findChildren(QAbstractButton):
            label = button.text().replace("&", "")
            if label:
                assert button.accessibleName().startswith(label), label
    for row in page.check.rows + page.standing.rows:
        assert row.box.accessibleName() == row.label.text()
        assert row.label.accessibleName() in ("", row.label.text())


# -- where the list does not fit --------------------------------------------------------------


@pytest.fixture
def crowded(
    qtbot: QtBot, library: Library, answered: Settings, clock: FakeClock, big_text: None
) -> App:
    return make_app(qtbot, library, answered, clock, (1024, 600))


def test_with_big_text_start_waits_and_says_why(crowded: App) -> None:
    check = crowded.start().check
    bar = check.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0  # the list does not fit
    assert not in_view(check.rows[-1].box, check.scroll_area.viewport())
    assert not check.start_button.isEnabled()
    assert check.wait_reason.isVisible()
    assert "scroll to the end" in check.wait_reason.text()
    assert check.start_button.accessibleDescription() == check.wait_reason.text()


def test_with_big_text_scrolling_to_the_end_opens_start(crowded: App) -> None:
    check = crowded.start().check
    bar = check.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    assert not check.start_button.isEnabled()
    bar.setValue(bar.maximum())
    assert check.start_button.isEnabled()
    assert not check.wait_reason.isVisible()


def test_with_big_text_tabbing_to_the_last_sign_opens_start(crowded: App, qtbot: QtBot) -> None:
    check = crowded.start().check
    last = check.rows[-1].box
    for _ in range(len(check.rows) - 1):
        assert not check.start_button.isEnabled()
        focused = crowded.window.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert crowded.window.focusWidget() is last
    assert check.start_button.isEnabled()


def test_with_big_text_the_check_is_asked_afresh_each_time(crowded: App) -> None:
    page = crowded.start()
    bar = page.check.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    page.check.cancel_button.click()
    page = crowded.start()
    assert not page.check.start_button.isEnabled()


# -- the answers -----------------------------------------------------------------------------


def test_an_emergency_sign_says_call_now_and_offers_no_start(small: App) -> None:
    page = small.start()
    tick(page, "saddle-numbness")
    check = page.check
    assert check.emergency_alert.isVisible()
    assert "call your local emergency number now" in check.emergency_alert.text()
    assert not check.start_button.isVisible()
    assert visible_start_buttons(page) == []
    check.continue_button.click()
    assert page.currentWidget() is page.stop_notice
    notice = page.stop_notice
    assert "call your local emergency number now" in notice.heading.text().lower()
    assert "saddle" not in notice.why.text() and "genitals" in notice.why.text()
    assert visible_start_buttons(page) == []
    assert not notice.help_button.isVisible()
    assert small.driver.session is None


def test_ticking_an_emergency_sign_is_announced_once(
    small: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        "backease_desktop.ui.player.red_flag_check.announce",
        lambda _widget, text: said.append(text),
    )
    page = small.start()
    tick(page, "unexplained-fever")  # see a doctor soon: the buttons say what follows
    assert said == []
    tick(page, "saddle-numbness")
    assert len(said) == 1 and "call your local emergency number now" in said[0]
    tick(page, "fall-or-blow")  # the line is already showing
    assert len(said) == 1


def test_each_signs_checkbox_says_its_tier(small: App) -> None:
    from PySide6.QtGui import QAccessible

    page = small.start()
    tiers = {}
    for row in page.check.rows:
        exposed = QAccessible.queryAccessibleInterface(row.box)
        assert exposed.text(QAccessible.Text.Name) == row.flag.text
        tiers[row.flag.id] = exposed.text(QAccessible.Text.Description)
    assert tiers["bladder-bowel-control"].startswith("Emergency sign")
    assert tiers["unexplained-fever"] == "See a doctor soon"
    assert {tiers[flag.id] for flag in page.library.red_flags.emergency.signs} == {
        tiers["bladder-bowel-control"]
    }
    assert {tiers[flag.id] for flag in page.library.red_flags.soon.signs} == {"See a doctor soon"}


def test_back_from_an_emergency_sign_returns_to_where_the_person_was(small: App) -> None:
    page = small.start()  # from the list of routines
    tick(page, "chest-pain-or-breathless")
    page.check.continue_button.click()
    page.stop_notice.back_button.click()
    assert small.window.current_page_key() == "routines"


def test_a_see_a_doctor_soon_sign_explains_and_offers_when_to_get_help(small: App) -> None:
    page = small.start()
    tick(page, "unexplained-fever")
    assert not page.check.emergency_alert.isVisible()
    page.check.continue_button.click()
    notice = page.stop_notice
    assert "see a doctor soon" in notice.heading.text().lower()
    assert "fever" in notice.why.text()
    assert notice.help_button.isVisible()
    notice.help_button.click()
    assert small.window.current_page_key() == "topic:when-to-get-help"
    assert small.driver.session is None


def test_a_ticked_sign_means_asking_again_next_time(small: App) -> None:
    page = small.start()
    tick(page, "night-pain")
    page.check.continue_button.click()
    page = small.start()
    assert page.currentWidget() is page.check


def test_the_check_is_asked_once_a_day(small: App, clock: FakeClock) -> None:
    page = small.start()
    page.check.start_button.click()
    small.driver.stop()
    clock.advance(6 * 3600.0)
    assert small.start().currentWidget() is page.run_frame
    small.driver.stop()
    clock.advance(DAY_S)
    assert small.start().currentWidget() is page.check


# -- the standing questions ------------------------------------------------------------------


@pytest.fixture
def fresh(qtbot: QtBot, library: Library, settings: Settings, clock: FakeClock) -> App:
    """Never asked anything: a first start, or an upgrade from a version without them."""
    return make_app(qtbot, library, settings, clock, (1024, 600))


def test_the_standing_questions_come_before_the_first_routine(fresh: App, library: Library) -> None:
    page = fresh.start()
    assert page.currentWidget() is page.standing
    assert [row.flag for row in page.standing.rows] == list(library.red_flags.standing.signs)
    assert fresh.window.focusWidget() is page.standing.rows[0].box
    assert not page.standing.clearance.isVisible()
    page.standing.save_button.click()
    assert page.currentWidget() is page.check
    page.check.start_button.click()
    assert fresh.driver.is_active()


def test_an_upgrade_with_an_old_daily_check_still_meets_the_standing_questions(
    fresh: App, settings: Settings
) -> None:
    settings.set(Options.red_flag_check_date, fresh.page.today())
    page = fresh.start()
    assert page.currentWidget() is page.standing


def test_the_standing_questions_are_asked_again_after_90_days(fresh: App, clock: FakeClock) -> None:
    page = fresh.start()
    page.standing.save_button.click()
    page.check.start_button.click()
    fresh.driver.stop()
    clock.advance(89 * DAY_S)
    page = fresh.start()
    assert page.currentWidget() is page.check
    page.check.cancel_button.click()
    clock.advance(DAY_S)
    page = fresh.start()
    assert page.currentWidget() is page.standing
    assert "again" in page.standing.heading.text()


def test_a_ticked_standing_fact_keeps_routines_closed(fresh: App, qtbot: QtBot) -> None:
    page = fresh.start()
    page.standing.rows[0].box.setChecked(True)  # a past cancer
    assert page.standing.clearance.isVisible()
    with qtbot.waitSignal(fresh.driver.start_declined, timeout=1000):
        page.standing.save_button.click()
    assert page.currentWidget() is page.stop_notice
    notice = page.stop_notice
    assert page.standing.rows[0].flag.text in notice.why.text()
    assert notice.help_button.isVisible()
    assert visible_start_buttons(page) == []
    assert fresh.driver.session is None
    # ...and every time after, until advice is recorded.
    page = fresh.start()
    assert page.currentWidget() is page.stop_notice


def test_recording_a_professionals_advice_opens_routines(
    fresh: App, settings: Settings, clock: FakeClock
) -> None:
    page = fresh.start()
    standing = page.standing
    standing.rows[1].box.setChecked(True)
    standing.cleared_box.setChecked(True)
    seen = page.today_date() - timedelta(days=12)
    standing.cleared_date.setDate(QDate(seen.year, seen.month, seen.day))
    standing.save_button.click()
    answers = read_answers(settings).standing
    assert answers is not None and answers.cleared_on == seen
    assert page.currentWidget() is page.check
    page.check.start_button.click()
    assert fresh.driver.is_active()


def test_advice_recorded_from_the_closed_notice_leads_on_to_the_routine(
    fresh: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backease_desktop.ui import standing_questions

    page = fresh.start()
    page.standing.rows[0].box.setChecked(True)
    page.standing.save_button.click()
    notice = page.stop_notice
    assert notice.review_button.isVisible()
    assert notice.review_button.accessibleName().startswith(notice.review_button.text())

    def record_advice(dialog: standing_questions.StandingDialog) -> int:
        questions = dialog.questions
        assert questions.rows[0].box.isChecked()  # shown as last answered
        questions.cleared_box.setChecked(True)
        questions.save_button.click()
        return int(dialog.result())

    monkeypatch.setattr(standing_questions.StandingDialog, "exec", record_advice)
    notice.review_button.click()
    assert page.currentWidget() is page.check
    page.check.start_button.click()
    assert fresh.driver.is_active()


def standing_row(page: PlayerPage, sign_id: str) -> QAbstractButton:
    return next(row.box for row in page.standing.rows if row.flag.id == sign_id)


@pytest.fixture
def cleared_for_cancer(settings: Settings, clock: FakeClock) -> Settings:
    """Answered 91 days ago: a past cancer, and advice recorded for it the day before."""
    from backease_desktop.core.safety import local_date

    asked = local_date(clock.wall()) - timedelta(days=91)
    cancer = ("cancer-history",)
    save_standing(settings, StandingAnswers(asked, cancer, asked - timedelta(days=1), cancer))
    return settings


def test_at_renewal_nothing_is_ticked_in_advance(
    qtbot: QtBot, library: Library, cleared_for_cancer: Settings, clock: FakeClock
) -> None:
    page = make_app(qtbot, library, cleared_for_cancer, clock, (1024, 600)).start()
    assert page.currentWidget() is page.standing
    assert [row.flag.id for row in page.standing.rows if row.box.isChecked()] == []
    assert not page.standing.cleared_box.isChecked()


def test_at_renewal_the_advice_is_offered_again_for_the_same_fact(
    qtbot: QtBot, library: Library, cleared_for_cancer: Settings, clock: FakeClock
) -> None:
    app = make_app(qtbot, library, cleared_for_cancer, clock, (1024, 600))
    page = app.start()
    standing = page.standing
    standing_row(page, "cancer-history").click()
    assert standing.cleared_box.isChecked()
    old = read_answers(cleared_for_cancer).standing
    assert old is not None and old.cleared_on is not None
    assert standing.cleared_date.date() == QDate(
        old.cleared_on.year, old.cleared_on.month, old.cleared_on.day
    )
    standing.save_button.click()
    assert page.currentWidget() is page.check  # the advice still covers it: today's check


def test_advice_taken_off_by_the_person_is_not_offered_again(
    qtbot: QtBot, library: Library, cleared_for_cancer: Settings, clock: FakeClock
) -> None:
    page = make_app(qtbot, library, cleared_for_cancer, clock, (1024, 600)).start()
    standing = page.standing
    cancer = standing_row(page, "cancer-history")
    cancer.click()
    standing.cleared_box.click()  # no longer true: the person takes it off
    cancer.click()
    cancer.click()
    assert not standing.cleared_box.isChecked()
    standing.save_button.click()
    assert page.currentWidget() is page.stop_notice


def test_advice_never_covers_a_fact_ticked_after_it(
    qtbot: QtBot, library: Library, cleared_for_cancer: Settings, clock: FakeClock
) -> None:
    app = make_app(qtbot, library, cleared_for_cancer, clock, (1024, 600))
    page = app.start()
    standing = page.standing
    standing_row(page, "cancer-history").click()
    standing_row(page, "steroids-or-injected-drugs").click()
    assert not standing.cleared_box.isChecked()  # the record waits to be confirmed again
    standing.save_button.click()
    assert page.currentWidget() is page.stop_notice
    assert "steroid" in page.stop_notice.why.text()
    assert visible_start_buttons(page) == []


def test_advice_confirmed_after_a_new_fact_covers_both(
    qtbot: QtBot, library: Library, cleared_for_cancer: Settings, clock: FakeClock
) -> None:
    app = make_app(qtbot, library, cleared_for_cancer, clock, (1024, 600))
    page = app.start()
    standing = page.standing
    standing_row(page, "cancer-history").click()
    standing_row(page, "steroids-or-injected-drugs").click()
    standing.cleared_box.click()
    standing.save_button.click()
    answers = read_answers(cleared_for_cancer).standing
    assert answers is not None
    assert answers.cleared_ids == ("cancer-history", "steroids-or-injected-drugs")
    assert page.currentWidget() is page.check


def test_reviewing_the_answers_shows_them_and_a_new_fact_takes_the_advice_off(
    qtbot: QtBot, library: Library, settings: Settings, clock: FakeClock
) -> None:
    from backease_desktop.core.safety import local_date
    from backease_desktop.ui.standing_questions import StandingDialog

    today = local_date(clock.wall())
    cancer = ("cancer-history",)
    save_standing(settings, StandingAnswers(today, cancer, today, cancer))
    dialog = StandingDialog(library.red_flags, settings, today)
    qtbot.addWidget(dialog)
    questions = dialog.questions
    ticked = [row.flag.id for row in questions.rows if row.box.isChecked()]
    assert ticked == ["cancer-history"]
    assert questions.cleared_box.isChecked()
    box = next(row.box for row in questions.rows if row.flag.id == "longer-than-four-weeks")
    box.click()
    assert not questions.cleared_box.isChecked()
    questions.save_button.click()
    answers = read_answers(settings).standing
    assert answers is not None and answers.cleared_on is None


def test_the_advice_date_cannot_be_in_the_future(fresh: App) -> None:
    page = fresh.start()
    standing = page.standing
    today = page.today_date()
    assert standing.cleared_date.maximumDate() == QDate(today.year, today.month, today.day)
    standing.rows[0].box.setChecked(True)
    standing.cleared_box.setChecked(True)
    later = today + timedelta(days=5)
    standing.cleared_date.setDate(QDate(later.year, later.month, later.day))
    assert standing.answers().cleared_on == today


def test_unreadable_standing_answers_count_as_not_asked(fresh: App, settings: Settings) -> None:
    settings.set(Options.standing_asked_on, fresh.page.today())
    settings.backend.set_value(Options.standing_ticked.key, "cancer history?")
    settings.set(Options.red_flag_check_date, fresh.page.today())
    page = fresh.start()
    assert page.currentWidget() is page.standing


def test_leaving_the_standing_questions_does_not_start(fresh: App, qtbot: QtBot) -> None:
    page = fresh.start()
    with qtbot.waitSignal(fresh.driver.start_declined, timeout=1000):
        page.standing.cancel_button.click()
    assert fresh.window.current_page_key() == "routines"
    assert read_answers(page.settings).standing is None


# -- fail closed ---------------------------------------------------------------------------------


@pytest.fixture
def broken_library(tmp_path: Path) -> Library:
    """The bundled resources, copied, with a damaged red-flags.yaml."""
    root = tmp_path / "resources"
    shutil.copytree(resources_dir(), root)
    (root / "content" / "red-flags.yaml").write_text(
        "banner: Call now\nemergency:\n  signs: [\n", encoding="utf-8"
    )
    return load_library(root)


def test_a_broken_warning_signs_file_keeps_every_routine_closed(
    qtbot: QtBot, broken_library: Library, answered: Settings, clock: FakeClock
) -> None:
    assert not broken_library.red_flags.usable
    assert broken_library.routine(ROUTINE) is not None
    app = make_app(qtbot, broken_library, answered, clock, (1024, 600))
    app.window.open_page("routines")
    card = next(c for c in app.window.routine_list.cards if c.routine.id == ROUTINE)
    with qtbot.waitSignal(app.driver.start_declined, timeout=1000):
        card.start_button.click()  # the Start buttons still lead to the player
    page = app.page
    assert app.window.current_page_key() == "player"
    assert page.currentWidget() is page.stop_notice
    message = page.stop_notice.message.text()
    assert "warning signs could not be loaded" in message
    assert message.count(".") == 1  # one sentence
    assert visible_start_buttons(page) == []
    assert app.driver.session is None


def test_an_empty_warning_signs_list_keeps_routines_closed(
    qtbot: QtBot, library: Library, answered: Settings, clock: FakeClock
) -> None:
    empty = library._replace(
        red_flags=library.red_flags._replace(soon=library.red_flags.soon._replace(signs=()))
    )
    app = make_app(qtbot, empty, answered, clock, (1024, 600))
    page = app.start()
    assert page.currentWidget() is page.stop_notice
    assert app.driver.session is None


def test_a_routine_left_waiting_at_the_check_is_declined_when_another_starts(
    small: App, qtbot: QtBot
) -> None:
    small.start(ROUTINE)
    small.window.go_back()  # away without answering
    with qtbot.waitSignal(small.driver.start_declined, timeout=1000) as declined:
        small.start("morning-low-back")
    assert declined.args == [ROUTINE]
    assert "Morning" in small.page.check.routine_label.text()
