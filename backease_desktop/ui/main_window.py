"""The main window: the red-flag banner on top of every page, a sidebar, and the pages.

Pages are addressed by keys ("topic:diagnosis", "stretches", "stretch:cat-cow",
"routines", and whatever features add, such as "progress" or "player"), so links, the
sidebar, the command line and Back all navigate the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backease_desktop import APP_NAME, __version__
from backease_desktop.core.content import Library
from backease_desktop.core.paths import user_routines_dir
from backease_desktop.core.settings import Options, Settings
from backease_desktop.ui import theme
from backease_desktop.ui.banner import RedFlagBanner
from backease_desktop.ui.content_notice import ContentNotice
from backease_desktop.ui.sidebar import Sidebar, SidebarEntry
from backease_desktop.ui.topic_page import TopicPage

if TYPE_CHECKING:  # built on first visit; their modules load then too
    from backease_desktop.ui.library_pages import RoutineListPage, StretchListPage, StretchPage

HELP_TOPIC = "when-to-get-help"
# The routine for a back in spasm: one key away from anywhere (Go > Start the spasm routine).
SPASM_ROUTINE = "during-a-spasm"
SPASM_KEY = "Ctrl+Shift+S"
GEOMETRY_KEY = "window/geometry"
# The window's size on a first start, where the screen has room for it.
FIRST_SIZE = QSize(1080, 720)


def topic_search_text(library: Library, topic_id: str) -> str:
    topic = library.topic(topic_id)
    if topic is None:
        return ""
    words = [topic.summary]
    for section in topic.sections:
        words += [section.heading, *section.paragraphs, *section.bullets]
    return "\n".join(words)


class MainWindow(QMainWindow):
    """Shows pages; asks the app (through signals) to start routines or open dialogs."""

    routine_start_requested = Signal(str)
    stretch_start_requested = Signal(str)
    page_changed = Signal(str)
    # "Review health questions…" in the Warning signs dialog (the player's host answers it).
    health_questions_requested = Signal()
    plan_open_requested = Signal(str)  # a plan file to preview and import (wiring/plans.py)
    settings_requested = Signal()

    def __init__(self, library: Library, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(theme.app_icon())
        self.setMinimumSize(720, 480)
        self._history: list[str] = []
        self._current: str | None = None
        self._pages: dict[str, QWidget] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {}

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = RedFlagBanner(library.red_flags)
        self.banner.details_requested.connect(self.show_red_flags)
        outer.addWidget(self.banner)
        self.notice = ContentNotice()
        self.notice.show_errors(
            library.errors, settings.problems, warning_signs_loaded=library.red_flags.usable
        )
        outer.addWidget(self.notice)

        self.splitter = QSplitter()  # side by side, Qt's default
        self.splitter.setChildrenCollapsible(False)
        self.sidebar = Sidebar(self._sidebar_entries())
        self.sidebar.setMinimumWidth(250)
        self.sidebar.page_selected.connect(self.open_page)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName(self.tr("Page"))
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 780])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.topic_page = TopicPage(library)
        self.topic_page.link_activated.connect(self.open_page)
        self.add_page("topic", self.topic_page)
        # Pages nobody has opened yet are built on first visit: start-up pays for one page.
        self.add_page("stretches", self._build_stretch_list)
        self.add_page("stretch", self._build_stretch_page)
        self.add_page("routines", self._build_routine_list)

        self._build_menus()
        self._build_status_bar()
        self.restore_window_state()

    # -- building -------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        """The status bar shows only while it has something to say (a passing message, or a
        lasting note added with add_status_note): an empty one is a blank strip under every
        page."""
        self._status_notes: list[QWidget] = []
        bar = self.statusBar()
        bar.messageChanged.connect(self._fit_status_bar)
        bar.hide()

    def add_status_note(self, note: QWidget) -> None:
        """A lasting note at the right of the status bar, hidden until
        set_status_note_visible shows it."""
        note.hide()
        self.statusBar().addPermanentWidget(note)
        self._status_notes.append(note)

    def set_status_note_visible(self, note: QWidget, visible: bool) -> None:
        note.setVisible(visible)
        self._fit_status_bar()

    def _fit_status_bar(self) -> None:
        bar = self.statusBar()
        noted = any(not note.isHidden() for note in self._status_notes)
        bar.setVisible(noted or bool(bar.currentMessage()))

    def _sidebar_entries(self) -> list[SidebarEntry]:
        entries = [
            SidebarEntry(
                f"topic:{t.id}",
                t.title,
                theme.list_icon(t.icon),
                self.tr("Learn"),
                topic_search_text(self.library, t.id),
            )
            for t in self.library.topics
        ]
        practice = self.tr("Practice")
        stretch_words = " ".join(s.title for s in self.library.stretches)
        routine_words = " ".join(r.title for r in self.library.routines)
        entries.append(
            SidebarEntry(
                "routines", self.tr("Routines"), theme.list_icon("routine"), practice, routine_words
            )
        )
        entries.append(
            SidebarEntry(
                "stretches",
                self.tr("Stretches"),
                theme.list_icon("stretches"),
                practice,
                stretch_words,
            )
        )
        return entries

    def _build_stretch_list(self) -> QWidget:
        from backease_desktop.ui.library_pages import StretchListPage

        page = StretchListPage(self.library)
        page.stretch_opened.connect(lambda sid: self.open_page(f"stretch:{sid}"))
        page.stretch_started.connect(self.stretch_start_requested)
        return page

    def _build_stretch_page(self) -> QWidget:
        from backease_desktop.ui.library_pages import StretchPage

        page = StretchPage()
        page.stretch_started.connect(self.stretch_start_requested)
        return page

    def _build_routine_list(self) -> QWidget:
        from backease_desktop.ui.library_pages import RoutineListPage

        page = RoutineListPage(self.library, str(user_routines_dir()), first=SPASM_ROUTINE)
        page.routine_started.connect(self.routine_start_requested)
        return page

    def set_library(self, library: Library) -> None:
        """Shows changed content (a plan imported, a routine edited) without a restart: the
        lists are built again on their next visit, or now if one is showing."""
        self.library = library
        self.notice.show_errors(library.errors, warning_signs_loaded=library.red_flags.usable)
        self.topic_page.library = library
        rebuilt = {
            "stretches": self._build_stretch_list,
            "stretch": self._build_stretch_page,
            "routines": self._build_routine_list,
        }
        for key, factory in rebuilt.items():
            old = self._pages.pop(key, None)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self._factories[key] = factory
        current = self._current
        showing = bool(current) and (current or "").partition(":")[0] in rebuilt
        if showing and not self.open_page(current or "", remember=False):
            self.open_page("stretches", remember=False)

    @property
    def stretch_list(self) -> StretchListPage:
        return cast("StretchListPage", self.page("stretches"))

    @property
    def stretch_page(self) -> StretchPage:
        return cast("StretchPage", self.page("stretch"))

    @property
    def routine_list(self) -> RoutineListPage:
        return cast("RoutineListPage", self.page("routines"))

    def add_page(
        self,
        key: str,
        page: QWidget | Callable[[], QWidget],
        entry: SidebarEntry | None = None,
    ) -> None:
        """Registers a page under `key` (its own key, or the prefix before ':' for pages
        that show one item), optionally with a sidebar row. A callable is called to build
        the page the first time it is shown."""
        if isinstance(page, QWidget):
            self._pages[key] = page
            self.stack.addWidget(page)
        else:
            self._factories[key] = page
        if entry is not None:
            self.sidebar.add_entry(entry)

    def page(self, key: str) -> QWidget | None:
        """The page registered under `key`, built now if it was registered as a factory."""
        if key not in self._pages and key in self._factories:
            built = self._factories.pop(key)()
            self._pages[key] = built
            self.stack.addWidget(built)
        return self._pages.get(key)

    def _build_menus(self) -> None:
        # Shortcuts go through setShortcuts(): resolving PySide6's overloads of setShortcut()
        # (one takes a Qt.Key) loads every enum of the Qt namespace, which the first frame
        # otherwise does without (docs/architecture.md, first-frame rules).
        bar = self.menuBar()
        self.app_menu = bar.addMenu(self.tr("&BackEase"))
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcuts([QKeySequence("Ctrl+,")])
        self.settings_action.triggered.connect(self.settings_requested)
        self.app_menu.addAction(self.settings_action)
        self.app_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        self.app_menu.addAction(self.quit_action)

        go = bar.addMenu(self.tr("&Go"))
        back = QAction(self.tr("&Back"), self)
        back.setShortcuts([QKeySequence(QKeySequence.StandardKey.Back), QKeySequence("Backspace")])
        back.triggered.connect(self.go_back)
        go.addAction(back)
        find = QAction(self.tr("&Filter topics"), self)
        find.setShortcuts(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.sidebar.focus_filter)
        go.addAction(find)
        go.addSeparator()
        for text, key, shortcut in (
            (self.tr("&Routines"), "routines", "Ctrl+R"),
            (self.tr("&Stretches"), "stretches", "Ctrl+T"),
        ):
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(shortcut)])
            action.triggered.connect(lambda _=False, k=key: self.open_page(k))
            go.addAction(action)
        if self.library.routine(SPASM_ROUTINE) is not None:
            go.addSeparator()
            self.spasm_action = QAction(self.tr("Start the s&pasm routine"), self)
            self.spasm_action.setShortcuts([QKeySequence(SPASM_KEY)])
            self.spasm_action.triggered.connect(
                lambda: self.routine_start_requested.emit(SPASM_ROUTINE)
            )
            go.addAction(self.spasm_action)
            # On the window too, so it works with the menu bar hidden (full screen).
            self.addAction(self.spasm_action)
        self.go_menu = go

        view = bar.addMenu(self.tr("&View"))
        self.full_screen_action = QAction(self.tr("&Full screen"), self)
        self.full_screen_action.setShortcuts([QKeySequence("F11")])
        self.full_screen_action.setCheckable(True)
        self.full_screen_action.toggled.connect(self.set_full_screen)
        view.addAction(self.full_screen_action)
        self.view_menu = view

        help_menu = bar.addMenu(self.tr("&Help"))
        # The one binding of Ctrl+Shift+H (a second one, such as a QShortcut, makes Qt
        # report an ambiguous shortcut and run neither). On the window itself, so it stays
        # on even with the menu bar hidden; from every window of the app once
        # finish_start() has run.
        self.red_flags_action = QAction(self.tr("&Warning signs"), self)
        self.red_flags_action.setShortcuts([QKeySequence("Ctrl+Shift+H")])
        self.red_flags_action.triggered.connect(self.show_red_flags)
        help_menu.addAction(self.red_flags_action)
        self.addAction(self.red_flags_action)
        keys = QAction(self.tr("&Keyboard shortcuts"), self)
        keys.setShortcuts([QKeySequence("F1")])
        keys.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys)
        self.addAction(keys)
        about = QAction(self.tr("&About BackEase"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self.help_menu = help_menu

    def finish_start(self) -> None:
        """What the window sets once its first frame is out: the warning-signs key works
        from every window of the app. Not before: naming any of the Qt namespace's enums
        makes PySide6 create all of them, which the first frame does without (see
        docs/architecture.md)."""
        from PySide6.QtCore import Qt

        self.red_flags_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)

    # -- navigation -----------------------------------------------------------------------

    def current_page_key(self) -> str | None:
        return self._current

    def open_page(self, key: str, remember: bool = True) -> bool:
        """Shows the page for `key`; returns False (and stays put) if nothing has that key."""
        kind, _, item_id = key.partition(":")
        if kind == "start":
            self.routine_start_requested.emit(item_id)
            return True
        if kind == "topic":
            topic = self.library.topic(item_id)
            if topic is None:
                return False
            self.topic_page.show_topic(topic)
            page: QWidget = self.topic_page
            title = topic.title
        elif kind == "stretch":
            stretch = self.library.stretch(item_id)
            if stretch is None:
                return False
            self.stretch_page.show_stretch(stretch)
            page, title = self.stretch_page, stretch.title
        elif kind == "routine":
            return self.open_page("routines", remember)
        elif (registered := self.page(key)) is not None:
            page, title = registered, page_title(registered)
        else:
            return False
        if remember and self._current and self._current != key:
            self._history = [*self._history[-49:], self._current]
        self._current = key
        self.stack.setCurrentWidget(page)
        self.sidebar.select(key)
        self._keep_focus_in_sight(page)
        self.setWindowTitle(f"{title} — {APP_NAME}")
        if kind in ("topic", "stretch") or key in self.sidebar.page_keys():
            self.settings.set(Options.last_topic, key)
        self.page_changed.emit(key)
        return True

    def _keep_focus_in_sight(self, page: QWidget) -> None:
        """A page change must not leave the focus on a widget that has gone from the
        screen (Tab and the arrows would do nothing): it moves to the new page, or to the
        sidebar for a page that takes no focus."""
        focused = QApplication.focusWidget()
        if focused is None or focused.isVisible() or focused.window() is not self:
            return  # (at start-up nothing has the focus yet: no Qt enum is loaded early)
        from PySide6.QtCore import Qt

        target = page if page.focusPolicy() != Qt.FocusPolicy.NoFocus else self.sidebar.list
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_back(self) -> None:
        while self._history:
            if self.open_page(self._history.pop(), remember=False):
                return

    def open_start_page(self, requested: str | None = None) -> None:
        """The page to open with: the one asked for, the last one seen, or the first topic."""
        candidates = [requested, self.settings.get(Options.last_topic)]
        if self.library.topics:
            candidates.append(f"topic:{self.library.topics[0].id}")
        candidates.append("routines")
        for key in candidates:
            if key and self.open_page(key, remember=False):
                return

    # -- dialogs and window state ---------------------------------------------------------

    def show_red_flags(self) -> None:
        from backease_desktop.ui.red_flags_dialog import RedFlagsDialog

        dialog = RedFlagsDialog(self.library.red_flags, self)
        dialog.help_topic_requested.connect(lambda: self.open_page(f"topic:{HELP_TOPIC}"))
        dialog.review_requested.connect(self.health_questions_requested)
        self._exec_returning_focus(dialog)

    def show_shortcuts(self) -> None:
        from backease_desktop.ui.shortcuts_dialog import ShortcutsDialog

        self._exec_returning_focus(ShortcutsDialog(self.menus(), self))

    def menus(self) -> list[QMenu]:
        found = (action.menu() for action in self.menuBar().actions())
        return [menu for menu in found if isinstance(menu, QMenu)]

    def _exec_returning_focus(self, dialog: QDialog) -> None:
        """Runs a dialog; the focus goes back where it was (or, if that has gone, to the
        page shown), so the keys carry on where they left off."""
        from PySide6.QtCore import Qt

        focused = QApplication.focusWidget()
        dialog.exec()
        dialog.deleteLater()
        self.activateWindow()  # back from the dialog (some window managers leave it)
        if focused is not None and focused.isVisible():
            focused.setFocus(Qt.FocusReason.PopupFocusReason)
            return
        page = self.stack.currentWidget()
        if page is not None and page.focusPolicy() != Qt.FocusPolicy.NoFocus:
            page.setFocus(Qt.FocusReason.PopupFocusReason)
        else:
            self.sidebar.list.setFocus(Qt.FocusReason.PopupFocusReason)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About BackEase"),
            self.tr(
                "<h3>BackEase {0}</h3><p>Gentle help for back spasms and desk-bound backs: "
                "plain explanations, guided stretches, slow breathing and desk-break "
                "reminders.</p><p>BackEase is not a diagnosis tool and does not replace a "
                "medical professional. If something feels wrong, ask one.</p>"
                "<p>Free software under the GNU GPL, version 3 or later.</p>"
            ).format(__version__),
        )

    def set_full_screen(self, on: bool) -> None:
        """Full screen is for following a routine from across the room: the menu bar goes
        too. Its keys keep working (F11 above all, to come back): a hidden menu bar's
        actions answer no keys, so the window holds them as well."""
        if on:
            for menu in self.menus():
                self.addActions(_all_actions(menu))
        self.menuBar().setVisible(not on)
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def restore_window_state(self) -> None:
        geometry = self.settings.backend.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(self.first_size())

    def first_size(self) -> QSize:
        """The size of a first start: roomy, but never wider or taller than the screen's
        free area (less a margin for the title bar and frame), so that on a small laptop
        screen the banner's Warning signs button is not off the edge."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return FIRST_SIZE
        room = screen.availableGeometry().size()
        fitting = QSize(room.width() * 19 // 20, room.height() * 9 // 10)
        return FIRST_SIZE.boundedTo(fitting).expandedTo(self.minimumSize())

    def save_window_state(self) -> None:
        self.settings.backend.set_value(GEOMETRY_KEY, self.saveGeometry())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        super().closeEvent(event)


def page_title(page: QWidget) -> str:
    return page.accessibleName() or APP_NAME


def _all_actions(menu: QMenu) -> list[QAction]:
    """A menu's actions and those of its submenus (BackEase > Reminders)."""
    found: list[QAction] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _all_actions(submenu)
        elif not action.isSeparator():
            found.append(action)
    return found
