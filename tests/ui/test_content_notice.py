"""A broken user routine is skipped and the user is told, while everything else works."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import user_routines_dir
from backease_desktop.core.settings import Settings
from backease_desktop.ui.main_window import MainWindow


def test_broken_user_routine_is_named_in_a_notice(
    qtbot: QtBot, profile: Path, settings: Settings
) -> None:
    folder = user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    (folder / "fine.yaml").write_text(
        "id: fine\ntitle: Fine\nsummary: A short rest.\nsteps:\n  - rest: 30\n"
    )
    library = load_library(user_routine_dirs=[folder])
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.notice.isVisible()
    assert "broken.yaml" in window.notice.message.text()
    assert any(str(e).startswith(f"{folder / 'broken.yaml'}:3:1:") for e in window.notice.errors)
    titles = [card.routine.title for card in window.routine_list.cards]
    assert "Fine" in titles
    assert {"During a spasm", "Desk break"} <= set(titles)
