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


def test_folder_and_settings_problems_are_whole_sentences_in_the_notice(qtbot: QtBot) -> None:
    from backease_desktop.core.content import ContentError
    from backease_desktop.ui.content_notice import ContentNotice

    notice = ContentNotice()
    qtbot.addWidget(notice)
    folder = ContentError(
        Path("/home/me/.local/share/BackEase/routines"),
        1,
        1,
        "(file)",
        "cannot read the folder /home/me/.local/share/BackEase/routines: Permission denied; "
        "check its permissions (chmod u+rx)",
    )
    notice.show_errors([folder], ["Settings cannot be saved: /x is read-only."])
    text = notice.message.text()
    assert text.startswith("Settings cannot be saved: /x is read-only. Cannot read the folder")
    assert "(chmod u+rx). Everything else works as usual." in text
    assert notice.details_button.isHidden()  # nothing more to list
    assert notice.accessibleName() == text


def test_a_skipped_content_file_is_named_in_a_sentence_with_its_full_stop(qtbot: QtBot) -> None:
    from backease_desktop.core.content import ContentError
    from backease_desktop.ui.content_notice import ContentNotice

    notice = ContentNotice()
    qtbot.addWidget(notice)
    path = Path("/home/me/.local/share/BackEase/routines/broken.yaml")
    notice.show_errors([ContentError(path, 3, 1, "title", "is not text")])
    assert notice.message.text() == (
        f"A content file has problems and was skipped: {path}. Everything else works as usual."
    )


def test_a_damaged_warning_signs_file_says_no_routine_will_start(
    qtbot: QtBot, tmp_path: Path, settings: Settings
) -> None:
    import shutil

    from backease_desktop.core.paths import resources_dir

    root = tmp_path / "resources"
    shutil.copytree(resources_dir(), root)
    damaged = root / "content" / "red-flags.yaml"
    damaged.write_text("banner: Call now\nemergency:\n  signs: [\n", encoding="utf-8")
    library = load_library(root)
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.notice.isVisible()
    assert window.notice.message.text() == (
        "The list of warning signs has problems, so no routine will start until it is "
        f"repaired or BackEase is reinstalled: {damaged}."
    )
    assert window.notice.accessibleName() == window.notice.message.text()
