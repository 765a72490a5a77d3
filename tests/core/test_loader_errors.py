"""A broken content file gives a precise `path:line:column: field: message` and nothing else:
the loader never raises, never hangs, never runs code from the file, and one bad user
routine never costs the bundled content."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backease_desktop.core.content import ContentError, Library
from backease_desktop.core.content.library import load_library, validate_files
from backease_desktop.core.content.yamlsource import MAX_FILE_BYTES, read_yaml
from backease_desktop.core.paths import resources_dir

GOOD_ROUTINE = """\
id: my-stretch
title: My stretch
summary: A short one.
steps:
  - stretch: cat-cow
  - rest: 10
"""


@cache
def bundled() -> Library:
    return load_library(resources_dir())


def _write(folder: Path, content: str | bytes, name: str = "routine.yaml") -> Path:
    path = folder / name
    if isinstance(content, str):
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _check(folder: Path, content: str | bytes, name: str = "routine.yaml") -> list[ContentError]:
    return validate_files([_write(folder, content, name)], bundled())


def _where(errors: list[ContentError]) -> list[tuple[int, int, str]]:
    return [(e.line, e.column, e.field) for e in errors]


# -- not YAML at all -------------------------------------------------------------------------


def test_yaml_syntax_error_points_at_the_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: x\ntitle: 'unclosed\nsummary: s\n")
    errors = validate_files([path], bundled())
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{path}:4:1: (file): not valid YAML: ")


def test_tab_indentation_is_named_with_its_position(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: x\nsteps:\n  \t- rest: 3\n")
    assert [str(e) for e in validate_files([path], bundled())] == [
        f"{path}:3:3: (file): a tab is used for indentation; YAML needs spaces"
    ]


def test_empty_file_says_it_is_empty(tmp_path: Path) -> None:
    path = _write(tmp_path, b"")
    assert [str(e) for e in validate_files([path], bundled())] == [
        f"{path}:1:1: (file): the file is empty"
    ]


def test_file_of_only_comments_is_empty(tmp_path: Path) -> None:
    errors = _check(tmp_path, "# just a note\n\n# nothing else\n")
    assert [e.message for e in errors] == ["the file is empty"]


def test_non_utf8_byte_is_reported_where_it_is(tmp_path: Path) -> None:
    path = _write(tmp_path, b"id: x\ntitle: caf\xe9 break\n")
    assert [str(e) for e in validate_files([path], bundled())] == [
        f"{path}:2:11: (file): byte 0xe9 is not valid UTF-8; save the file as UTF-8"
    ]


def test_file_over_one_mebibyte_is_refused_unread(tmp_path: Path) -> None:
    path = _write(tmp_path, b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    errors = validate_files([path], bundled())
    assert _where(errors) == [(1, 1, "(file)")]
    assert "may be at most 1 MiB" in errors[0].message


def test_top_level_list_is_not_a_routine(tmp_path: Path) -> None:
    errors = _check(tmp_path, "- stretch: cat-cow\n")
    assert _where(errors) == [(1, 1, "(file)")]
    assert "expected a mapping of keys to values at the top, got a list" in errors[0].message


def test_duplicate_key_in_one_mapping_is_refused(tmp_path: Path) -> None:
    errors = _check(tmp_path, "id: a\ntitle: A\nid: b\n")
    assert [str(e).split(": ", 1)[1] for e in errors] == ["(file): the key 'id' appears twice"]
    assert _where(errors) == [(3, 1, "(file)")]


# -- fields ----------------------------------------------------------------------------------


def test_text_field_given_a_number_names_the_type(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_ROUTINE.replace("title: My stretch", "title: 12"))
    assert [str(e) for e in validate_files([path], bundled())] == [
        f"{path}:2:8: title: expected some text, got a whole number"
    ]


def test_duration_given_text_names_the_type(tmp_path: Path) -> None:
    errors = _check(tmp_path, GOOD_ROUTINE.replace("rest: 10", "rest: ten"))
    assert [(e.line, e.column, e.field, e.message) for e in errors] == [
        (6, 11, "steps[1].rest", "expected a number of seconds, got text")
    ]


def test_steps_given_a_mapping_asks_for_a_list(tmp_path: Path) -> None:
    errors = _check(tmp_path, "id: a\ntitle: A\nsummary: S\nsteps:\n  rest: 10\n")
    assert [(e.field, e.message) for e in errors] == [
        ("steps", "expected a list, got a mapping of keys to values")
    ]


def test_sides_given_a_word_asks_for_a_list(tmp_path: Path) -> None:
    routine = GOOD_ROUTINE.replace(
        "- stretch: cat-cow", "- stretch: knee-to-chest\n    sides: left"
    )
    errors = _check(tmp_path, routine)
    assert [(e.line, e.column, e.field) for e in errors] == [(6, 12, "steps[0].sides")]
    assert "expected a list such as [left, right]" in errors[0].message


def test_missing_required_keys_are_each_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: a\ntitle: A\n")
    assert [str(e) for e in validate_files([path], bundled())] == [
        f"{path}:1:1: summary: this required key is missing",
        f"{path}:1:1: steps: this required key is missing",
    ]


def test_misspelt_key_is_reported_at_the_key(tmp_path: Path) -> None:
    routine = GOOD_ROUTINE.replace("- stretch: cat-cow", "- stretch: cat-cow\n    hodl: 20")
    path = _write(tmp_path, routine)
    assert [str(e) for e in validate_files([path], bundled())] == [
        f"{path}:6:5: steps[0].hodl: unknown key "
        "(allowed here: hold, note, reps, rest_between, sides, stretch)"
    ]


def test_step_with_two_kinds_is_refused(tmp_path: Path) -> None:
    errors = _check(
        tmp_path, GOOD_ROUTINE.replace("- rest: 10", "- rest: 10\n    stretch: cat-cow")
    )
    assert [(e.line, e.column, e.field) for e in errors] == [(6, 5, "steps[1]")]
    assert "exactly one of stretch, breathe or rest; found stretch and rest" in errors[0].message


def test_zero_rest_is_refused(tmp_path: Path) -> None:
    errors = _check(tmp_path, GOOD_ROUTINE.replace("rest: 10", "rest: 0"))
    assert [(e.line, e.column, e.field, e.message) for e in errors] == [
        (6, 11, "steps[1].rest", "must be more than zero, got 0")
    ]


def test_negative_hold_is_refused(tmp_path: Path) -> None:
    routine = GOOD_ROUTINE.replace("- stretch: cat-cow", "- stretch: cat-cow\n    hold: -5")
    errors = _check(tmp_path, routine)
    assert [(e.field, e.message) for e in errors] == [
        ("steps[0].hold", "must be more than zero, got -5")
    ]


def test_negative_get_ready_is_refused(tmp_path: Path) -> None:
    errors = _check(tmp_path, GOOD_ROUTINE + "get_ready: -1\n")
    assert [(e.line, e.column, e.field, e.message) for e in errors] == [
        (7, 12, "get_ready", "must be zero or more, got -1")
    ]


def test_hold_over_ten_minutes_is_out_of_range(tmp_path: Path) -> None:
    routine = GOOD_ROUTINE.replace("- stretch: cat-cow", "- stretch: cat-cow\n    hold: 601")
    path = _write(tmp_path, routine)
    assert [str(e) for e in validate_files([path], bundled())] == [
        f"{path}:6:11: steps[0].hold: 601 seconds is out of range (1 to 600)"
    ]


def test_hold_of_exactly_ten_minutes_is_allowed(tmp_path: Path) -> None:
    routine = GOOD_ROUTINE.replace("- stretch: cat-cow", "- stretch: cat-cow\n    hold: 600")
    assert _check(tmp_path, routine) == []


def test_more_than_100_breaths_is_out_of_range(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_ROUTINE.replace("- rest: 10", "- breathe:\n      cycles: 101"))
    assert [str(e) for e in validate_files([path], bundled())] == [
        f"{path}:7:15: steps[1].breathe.cycles: 101 cycles is out of range (1 to 100)"
    ]


def test_fractional_repetitions_are_refused(tmp_path: Path) -> None:
    routine = GOOD_ROUTINE.replace("- stretch: cat-cow", "- stretch: cat-cow\n    reps: 2.5")
    errors = _check(tmp_path, routine)
    assert [(e.field, e.message) for e in errors] == [
        ("steps[0].reps", "expected a whole number of repetitions, got 2.5")
    ]


def test_unknown_stretch_is_named_with_the_known_ones(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_ROUTINE.replace("stretch: cat-cow", "stretch: toe-touch"))
    errors = validate_files([path], bundled())
    assert _where(errors) == [(5, 14, "steps[0].stretch")]
    assert str(errors[0]).startswith(
        f"{path}:5:14: steps[0].stretch: no stretch has the id 'toe-touch' (known: cat-cow, "
    )


def test_invalid_id_says_which_characters_are_allowed(tmp_path: Path) -> None:
    errors = _check(tmp_path, GOOD_ROUTINE.replace("id: my-stretch", "id: My Stretch"))
    assert [(e.line, e.column, e.field) for e in errors] == [(1, 5, "id")]
    assert "use lowercase letters, digits and dashes" in errors[0].message


# -- ids across files ------------------------------------------------------------------------


def test_duplicate_id_across_two_user_files_keeps_the_first(tmp_path: Path) -> None:
    first = _write(tmp_path, GOOD_ROUTINE, "a-first.yaml")
    second = _write(tmp_path, GOOD_ROUTINE.replace("My stretch", "Another"), "b-second.yaml")
    library = load_library(user_routine_dirs=[tmp_path])
    assert [str(e) for e in library.errors] == [
        f"{second}:1:5: id: the routine id 'my-stretch' is already used by {first}"
    ]
    routine = library.routine("my-stretch")
    assert routine is not None and routine.title == "My stretch"


def test_user_routine_cannot_take_a_bundled_id(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_ROUTINE.replace("id: my-stretch", "id: desk-break"))
    library = load_library(user_routine_dirs=[tmp_path])
    assert _where(list(library.errors)) == [(1, 5, "id")]
    assert library.errors[0].path == path
    assert "the routine id 'desk-break' is already used by" in library.errors[0].message
    routine = library.routine("desk-break")
    assert routine is not None and routine.bundled and routine.title == "Desk break"


def test_validate_warns_that_a_bundled_id_is_taken_before_the_app_refuses_it(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, GOOD_ROUTINE.replace("id: my-stretch", "id: desk-break"))
    errors = validate_files([path], bundled())
    assert _where(errors) == [(1, 5, "id")]
    assert errors[0].message.startswith("the routine id 'desk-break' is already used by ")


def test_validate_accepts_every_bundled_file() -> None:
    root = resources_dir()
    files = sorted((root / "content").rglob("*.yaml")) + sorted((root / "routines").glob("*.yaml"))
    assert len(files) >= 10 + 11 + 3 + 2
    assert [str(e) for e in validate_files(files, bundled())] == []


def test_validate_finds_a_topic_linking_a_missing_stretch(tmp_path: Path) -> None:
    (tmp_path / "topics").mkdir()
    topic = """\
        id: my-topic
        title: Mine
        summary: A topic.
        sections:
          - heading: One
            paragraphs: [Some words.]
        stretches: [cat-cow, toe-touch]
        """
    path = _write(tmp_path / "topics", topic, "my-topic.yaml")
    assert [str(e) for e in validate_files([path], bundled())] == [
        f"{path}:7:22: stretches[1]: no stretch has the id 'toe-touch'"
    ]


def test_one_broken_user_routine_leaves_the_good_one_and_the_bundled_content(
    tmp_path: Path,
) -> None:
    _write(tmp_path, GOOD_ROUTINE, "good.yaml")
    broken = _write(tmp_path, "id: broken\ntitle: [\n", "broken.yaml")
    library = load_library(user_routine_dirs=[tmp_path])
    assert [e.path for e in library.errors] == [broken]
    mine = library.routine("my-stretch")
    assert mine is not None and not mine.bundled
    assert library.routine("broken") is None
    plain = bundled()
    assert library.topics == plain.topics
    assert library.stretches == plain.stretches
    assert library.red_flags == plain.red_flags
    assert {r.id for r in library.routines} == {r.id for r in plain.routines} | {"my-stretch"}


# -- hostile files ---------------------------------------------------------------------------


def test_python_object_tag_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = _write(
        tmp_path,
        f'id: !!python/object/apply:os.system ["touch {marker}"]\ntitle: x\n',
    )
    errors = validate_files([path], bundled())
    library = load_library(user_routine_dirs=[tmp_path])
    assert not marker.exists()
    assert [str(e) for e in errors] == [
        f"{path}:1:5: (file): the tag !!python/object/apply:os.system "
        "is not allowed in content files"
    ]
    assert [e.path for e in library.errors] == [path]


def test_python_name_and_new_tags_are_refused(tmp_path: Path) -> None:
    for tag in ("!!python/name:os.system", "!!python/object/new:builtins.exec", "!custom"):
        errors = _check(tmp_path, f"id: {tag} ''\n")
        assert _where(errors) == [(1, 5, "(file)")], tag
        assert "is not allowed in content files" in errors[0].message


def test_any_alias_is_refused_at_the_alias(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: &name my-id\ntitle: *name\n")
    assert [str(e) for e in validate_files([path], bundled())] == [
        f"{path}:2:8: (file): anchors and aliases (&name, *name) are not supported; "
        "write the value out"
    ]


def _in_a_limited_process(path: Path) -> list[str]:
    """Reads `path` in a child with a CPU-time and memory cap, so a loader that expanded a
    bomb would fail this test instead of hanging or exhausting the machine."""
    code = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_CPU, (20, 20))
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from pathlib import Path
        from backease_desktop.core.content.yamlsource import read_yaml
        node, errors = read_yaml(Path({str(path)!r}))
        print("\\n".join(str(e) for e in errors))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_billion_laughs_is_refused_at_its_first_alias(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    path = _write(tmp_path, "\n".join(lines) + "\n")
    assert _in_a_limited_process(path) == [
        f"{path}:2:8: (file): anchors and aliases (&name, *name) are not supported; "
        "write the value out"
    ]


def test_deep_block_nesting_is_refused_where_it_gets_too_deep(tmp_path: Path) -> None:
    text = "".join("  " * level + "k:\n" for level in range(40)) + "  " * 40 + "end\n"
    path = _write(tmp_path, text)
    assert _in_a_limited_process(path) == [f"{path}:33:65: (file): nested more than 32 levels deep"]


def test_very_deep_flow_nesting_is_refused_without_crashing(tmp_path: Path) -> None:
    depth = 400_000  # well inside 1 MiB, far past any recursion limit
    path = _write(tmp_path, "id: " + "[" * depth + "]" * depth + "\n")
    lines = _in_a_limited_process(path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:1:")
    assert lines[0].endswith(": (file): nested more than 32 levels deep")


def test_flow_nesting_is_refused_at_the_bracket_that_goes_too_deep(tmp_path: Path) -> None:
    errors = _check(tmp_path, "id: " + "[" * 100 + "]" * 100 + "\n")
    # the top-level mapping is level 1, so the 32nd bracket (column 4 + 32) opens level 33
    assert [(e.line, e.column, e.message) for e in errors] == [
        (1, 36, "nested more than 32 levels deep")
    ]


# -- never a crash ---------------------------------------------------------------------------


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_give_errors_not_exceptions(tmp_path: Path, raw: bytes) -> None:
    path = _write(tmp_path, raw)
    node, errors = read_yaml(path)
    assert (node is None) == bool(errors)
    for error in validate_files([path], bundled()):
        assert error.path == path and error.line >= 1 and error.column >= 1


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["cat-cow", "left", "right", "stretch", "rest", "breathe", ""]),
)
_keys = st.sampled_from(
    [
        *("id", "title", "summary", "steps", "get_ready", "stretch", "hold", "reps", "sides"),
        *("rest_between", "note", "breathe", "cycles", "inhale", "pause", "exhale", "rest", "x"),
    ]
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=6)),
    max_leaves=25,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_documents)
def test_any_routine_shaped_document_gives_errors_not_exceptions(
    tmp_path: Path, document: object
) -> None:
    path = _write(tmp_path, yaml.safe_dump(document, allow_unicode=True))
    errors = validate_files([path], bundled())
    assert all(e.path == path and e.line >= 1 and e.column >= 1 for e in errors)
