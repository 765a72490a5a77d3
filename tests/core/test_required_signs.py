"""Fail closed on an incomplete list: a red-flags.yaml that parses but lacks a sign the
check must ask about (or has moved an emergency sign to another group) is rejected, with
a line that names what is missing, and no routine may start."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from backease_desktop.core.content import Library
from backease_desktop.core.content.library import load_library
from backease_desktop.core.content.required_signs import REQUIRED_SIGN_IDS
from backease_desktop.core.paths import resources_dir
from backease_desktop.core.safety import Gate, SafetyAnswers, StandingAnswers, routine_gate

TODAY = date(2026, 1, 1)


def library_with(tmp_path: Path, edit: tuple[str, str]) -> tuple[Library, Path]:
    """The bundled resources, copied, with one replacement made in red-flags.yaml."""
    root = tmp_path / "resources"
    shutil.copytree(resources_dir(), root)
    path = root / "content" / "red-flags.yaml"
    text = path.read_text(encoding="utf-8")
    old, new = edit
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_library(root), path


def test_the_bundled_list_holds_every_required_sign(library: Library) -> None:
    assert library.red_flags.usable
    groups = {
        "emergency": library.red_flags.emergency,
        "soon": library.red_flags.soon,
        "standing": library.red_flags.standing,
    }
    for sign, group in REQUIRED_SIGN_IDS.items():
        assert sign in {flag.id for flag in groups[group].signs}, sign


def test_a_list_missing_an_emergency_sign_keeps_routines_closed(tmp_path: Path) -> None:
    # The sign's id renamed: the list still parses as a list, but the sign the check must
    # ask about is gone.
    library, path = library_with(tmp_path, ("id: cannot-pass-urine", "id: something-else"))
    assert not library.red_flags.usable
    problems = [str(error) for error in library.errors if error.path == path]
    assert len(problems) == 1
    assert "cannot-pass-urine (emergency)" in problems[0]
    answered = SafetyAnswers(StandingAnswers(TODAY), TODAY)  # asked, checked today: none
    assert routine_gate(library.red_flags.usable, answered, TODAY) is Gate.UNUSABLE


def test_an_emergency_sign_moved_to_see_a_doctor_soon_is_not_accepted(
    library: Library,
) -> None:
    red_flags = library.red_flags
    moved = next(f for f in red_flags.emergency.signs if f.id == "bladder-bowel-control")
    changed = red_flags._replace(
        emergency=red_flags.emergency._replace(
            signs=tuple(f for f in red_flags.emergency.signs if f is not moved)
        ),
        soon=red_flags.soon._replace(signs=(*red_flags.soon.signs, moved)),
    )
    assert not changed.usable


@pytest.mark.parametrize("group", ["emergency", "soon", "standing"])
def test_every_group_is_required(library: Library, group: str) -> None:
    red_flags = library.red_flags
    emptied = red_flags._replace(**{group: getattr(red_flags, group)._replace(signs=())})
    assert not emptied.usable


def test_every_sign_the_article_and_guidance_name_is_a_required_id(library: Library) -> None:
    # The key-word tables of the completeness test find each sign by its words; the sign
    # they find must be one the list cannot lose.
    from tests.core.test_content_completeness import (
        ALSO_CALL_KEYWORDS,
        EMERGENCY_KEYWORDS,
        URGENT_KEYWORDS,
        _matches,
    )

    tables = {**URGENT_KEYWORDS, **ALSO_CALL_KEYWORDS, **EMERGENCY_KEYWORDS}
    for item, keywords in tables.items():
        found = [flag.id for flag in library.red_flags.all if _matches(flag.text, keywords)]
        assert found, item
        assert any(sign in REQUIRED_SIGN_IDS for sign in found), item
