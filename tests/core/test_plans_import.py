"""`backease --import` and `--export-routine`: a plan goes in whole or not at all, says
what it added, never overwrites a person's file without --replace (and then only into the
trash), and an exported plan imports unchanged on another computer."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from backease_desktop.cli import main
from backease_desktop.core.content import Library
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import user_exercises_dir, user_routines_dir, xdg_data_home
from backease_desktop.core.plans.archive import MAX_MEMBERS, MAX_TOTAL_BYTES
from backease_desktop.core.plans.export import plan_text
from tests.helpers.plans import PLAN, SVG, plan_archive, plan_folder, png_bytes


def _library() -> Library:
    return load_library(user_routine_dirs=[user_routines_dir()])


def _installed() -> list[str]:
    folder = user_routines_dir()
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_importing_a_plan_installs_it_and_says_what_it_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = plan_folder(tmp_path / "from-clinic")
    assert main(["--import", str(plan)]) == 0
    out = capsys.readouterr().out
    assert "added routine 'physio-plan': Physio plan (3 steps" in out
    assert "added exercise 'pelvic-tilt': Pelvic tilt. Written by Riverside Physiotherapy" in out
    assert "added picture pictures/tilt.svg" in out
    assert _installed() == ["physio-plan.yaml", "pictures/tilt.svg"]
    routine = _library().routine("physio-plan")
    assert routine is not None and len(routine.steps) == 3


def test_an_imported_file_keeps_its_comments_byte_for_byte(tmp_path: Path) -> None:
    plan = plan_folder(tmp_path / "from-clinic")
    assert main(["--import", str(plan)]) == 0
    assert (user_routines_dir() / "physio-plan.yaml").read_text() == PLAN


def test_an_archive_with_pictures_imports(tmp_path: Path) -> None:
    archive = plan_archive(
        tmp_path / "plan.backease",
        {"physio.yaml": PLAN.replace("tilt.svg", "tilt.png"), "pictures/tilt.png": png_bytes()},
    )
    assert main(["--import", str(archive)]) == 0
    stretch = _library().stretch("pelvic-tilt")
    assert stretch is not None
    assert Path(stretch.illustration) == (user_routines_dir() / "pictures" / "tilt.png")


def test_an_existing_routine_is_refused_without_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = plan_folder(tmp_path / "from-clinic")
    assert main(["--import", str(plan)]) == 0
    capsys.readouterr()
    assert main(["--import", str(plan)]) == 1
    err = capsys.readouterr().err
    assert f"{plan}:2:5: id: you already have a routine 'physio-plan'" in err
    assert "--replace" in err


def test_replace_moves_the_old_file_to_the_trash(tmp_path: Path) -> None:
    plan = plan_folder(tmp_path / "from-clinic")
    assert main(["--import", str(plan)]) == 0
    plan.write_text(PLAN.replace("title: Physio plan", "title: Physio plan, week 2"))
    assert main(["--import", str(plan), "--replace"]) == 0
    assert _library().routine("physio-plan").title == "Physio plan, week 2"  # type: ignore[union-attr]
    trashed = xdg_data_home() / "Trash" / "files" / "physio-plan.yaml"
    assert trashed.read_text() == PLAN
    info = (xdg_data_home() / "Trash" / "info" / "physio-plan.yaml.trashinfo").read_text()
    assert "Path=" in info and "physio-plan.yaml" in info and "DeletionDate=" in info


def test_a_bundled_routine_id_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = plan_folder(tmp_path / "p", PLAN.replace("id: physio-plan", "id: desk-break"))
    assert main(["--import", str(plan), "--replace"]) == 1
    assert "comes with BackEase" in capsys.readouterr().err
    assert _installed() == []


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (("pictures/tilt.svg", "pictures/none.svg"), "exercises[0].illustration: the picture"),
        (("hold: 5", "hold: 5000"), "exercises[0].hold: 5000 seconds is out of range"),
        (("id: pelvic-tilt", "id: cat-cow"), "comes with BackEase"),
        (("  - stretch: cat-cow", "  - stretch: toe-touch"), "steps[2].stretch"),
        (("title: Physio plan", "title: !!python/object:os.system x"), "is not allowed"),
    ],
)
def test_a_bad_plan_is_reported_and_nothing_is_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], says: str
) -> None:
    plan = plan_folder(tmp_path / "p", PLAN.replace(*change))
    assert main(["--import", str(plan)]) == 1
    err = capsys.readouterr().err
    assert says in err
    assert err.startswith(f"{plan}:")
    assert _installed() == []


def test_a_picture_linked_from_outside_the_plan_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = plan_folder(tmp_path / "p")
    (tmp_path / "secret.svg").write_text(SVG)
    picture = plan.parent / "pictures" / "tilt.svg"
    picture.unlink()
    picture.symlink_to(tmp_path / "secret.svg")
    assert main(["--import", str(plan)]) == 1
    assert "leads outside the plan's folder" in capsys.readouterr().err
    assert _installed() == []


def test_an_exercise_id_of_another_of_your_files_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = user_exercises_dir()
    folder.mkdir(parents=True)
    mine = folder / "tilt.yaml"
    mine.write_text(
        "id: pelvic-tilt\ntitle: Tilt\nsummary: Mine.\nposition: lying\n"
        "instructions: [Tilt.]\nhold: 5\n"
    )
    plan = plan_folder(tmp_path / "p")
    assert main(["--import", str(plan)]) == 1
    assert f"the exercise id 'pelvic-tilt' is already used by {mine}" in capsys.readouterr().err


def _hostile(tmp_path: Path, kind: str) -> Path:
    target = tmp_path / "hostile.backease"
    good = {"physio.yaml": PLAN, "pictures/tilt.svg": SVG}
    if kind == "absolute path":
        return plan_archive(target, {**good, "/etc/evil.svg": SVG})
    if kind == "parent folder":
        return plan_archive(target, {**good, "../evil.svg": SVG})
    if kind == "symlink":
        plan_archive(target, good)
        with zipfile.ZipFile(target, "a") as zipped:
            link = zipfile.ZipInfo("pictures/link.svg")
            link.external_attr = 0o120777 << 16
            zipped.writestr(link, "/etc/passwd")
        return target
    if kind == "too many files":
        many = {f"pictures/{n}.svg": SVG for n in range(MAX_MEMBERS + 1)}
        return plan_archive(target, {**good, **many})
    if kind == "zip bomb":
        zeros = "<svg>" + " " * (3 * 1024 * 1024)
        return plan_archive(target, {**good, "pictures/huge.svg": zeros})
    if kind == "total too large":
        big = "<svg>" + " " * (2 * 1024 * 1024 - 10)
        count = MAX_TOTAL_BYTES // len(big) + 1
        return plan_archive(target, {**good, **{f"pictures/{n}.svg": big for n in range(count)}})
    if kind == "two routines":
        return plan_archive(target, {**good, "other.yaml": PLAN})
    if kind == "other file":
        return plan_archive(target, {**good, "run.sh": "rm -rf ~"})
    if kind == "not a zip":
        target.write_text(PLAN)
        return target
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("absolute path", "not a plain relative path"),
        ("parent folder", "leads outside the plan"),
        ("symlink", "is a link"),
        ("too many files", "too many"),
        ("zip bomb", "larger than 2 MiB"),
        ("total too large", "unpacks to more than"),
        ("two routines", "exactly one routine file"),
        ("other file", "neither the routine"),
        ("not a zip", "not a BackEase plan archive"),
    ],
)
def test_a_hostile_archive_is_refused_and_nothing_is_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, says: str
) -> None:
    archive = _hostile(tmp_path, kind)
    assert main(["--import", str(archive)]) == 1
    err = capsys.readouterr().err
    assert says in err and err.startswith(f"{archive}:1:1: (file): ")
    assert _installed() == []
    assert not (tmp_path.parent / "evil.svg").exists()


def test_an_error_inside_an_archive_names_the_archive_and_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = plan_archive(
        tmp_path / "plan.backease",
        {"physio.yaml": PLAN.replace("hold: 5", "hold: 0"), "pictures/tilt.svg": SVG},
    )
    assert main(["--import", str(archive)]) == 1
    assert f"{archive}/physio.yaml:13:11: exercises[0].hold:" in capsys.readouterr().err


def test_replace_without_import_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--replace"])
    assert exit_info.value.code == 2


def test_exporting_an_unknown_routine_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["--export-routine", "no-such", str(tmp_path / "x.yaml")]) == 2


def test_a_plan_with_pictures_must_be_exported_as_an_archive(tmp_path: Path) -> None:
    assert main(["--import", str(plan_folder(tmp_path / "p"))]) == 0
    assert main(["--export-routine", "physio-plan", str(tmp_path / "out.yaml")]) == 2
    assert not (tmp_path / "out.yaml").exists()


def test_a_bundled_routine_exports_as_plain_yaml_by_stretch_ids(tmp_path: Path) -> None:
    target = tmp_path / "desk.yaml"
    assert main(["--export-routine", "desk-break", str(target)]) == 0
    text = target.read_text()
    assert "exercises:" not in text and "stretch: stand-and-walk" in text


def test_export_then_import_on_a_fresh_profile_gives_the_same_routine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    standalone = user_exercises_dir()
    standalone.mkdir(parents=True)
    (standalone / "wall-sit.png").write_bytes(png_bytes())
    (standalone / "wall-sit.yaml").write_text(
        "id: wall-sit\ntitle: Wall sit\nsummary: Lean on a wall.\nposition: standing\n"
        "instructions: [Lean your back on a wall.]\nhold: 10\nsides: [left, right]\n"
        "illustration: wall-sit.png\n"
    )
    plan = plan_folder(tmp_path / "p", PLAN + "  - stretch: wall-sit\n    hold: 12\n")
    assert main(["--import", str(plan)]) == 0
    before = _library()
    archive = tmp_path / "shared.backease"
    assert main(["--export-routine", "physio-plan", str(archive)]) == 0

    other = tmp_path / "other-computer"
    monkeypatch.setenv("XDG_DATA_HOME", str(other / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(other / "cache"))
    assert main(["--import", str(archive)]) == 0
    after = _library()

    assert plan_text(after, "physio-plan")[0] == plan_text(before, "physio-plan")[0]
    old, new = before.routine("physio-plan"), after.routine("physio-plan")
    assert old is not None and new is not None
    assert [s.duration_s for s in new.steps] == [s.duration_s for s in old.steps]
    assert [s.title for s in new.steps] == [s.title for s in old.steps]
    wall = after.stretch("wall-sit")
    assert wall is not None and Path(wall.illustration).read_bytes() == png_bytes()


def test_import_runs_without_a_display_as_a_command(tmp_path: Path) -> None:
    plan = plan_folder(tmp_path / "p")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = ""
    code = (
        "import sys; from backease_desktop.cli import main; r = main(sys.argv[1:]);"
        "assert 'PySide6.QtGui' not in sys.modules; sys.exit(r)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--import", str(plan)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "added routine 'physio-plan'" in result.stdout


def test_a_picture_linked_inside_the_plan_is_installed_as_a_file_of_its_own_name(
    tmp_path: Path,
) -> None:
    plan = plan_folder(tmp_path / "p")
    pictures = plan.parent / "pictures"
    (pictures / "tilt.svg").rename(pictures / "drawing.svg")
    (pictures / "tilt.svg").symlink_to(pictures / "drawing.svg")
    assert main(["--import", str(plan)]) == 0
    installed = user_routines_dir() / "pictures" / "tilt.svg"
    assert not installed.is_symlink() and installed.read_text() == SVG
    stretch = _library().stretch("pelvic-tilt")
    assert stretch is not None and Path(stretch.illustration) == installed
