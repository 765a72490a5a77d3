"""Random bytes, random YAML and random settings files: the loaders always answer (a value
or a list of problems), never with a traceback."""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backease_desktop.core.content import cache
from backease_desktop.core.content.errors import ContentError
from backease_desktop.core.content.library import load_library, validate_files
from backease_desktop.core.content.yamlsource import read_yaml
from backease_desktop.core.ini_recovery import parse_ini
from backease_desktop.core.settings import DictBackend, Options, Settings

LIBRARY = load_library()
KINDS = ("routine.yaml", "stretches/s.yaml", "topics/t.yaml", "red-flags.yaml", "breathing.yaml")
OPTIONS = [value for value in vars(Options).values() if hasattr(value, "key")]

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["2e1", "on", "1_000", "1:30", "0x1F", ".nan", "-.inf", "~", "!!"])
)
_keys = st.sampled_from(
    [
        "id",
        "title",
        "summary",
        "steps",
        "stretch",
        "hold",
        "reps",
        "sides",
        "rest",
        "breathe",
        "inhale",
        "pause",
        "exhale",
        "cycles",
        "note",
        "get_ready",
        "sections",
        "heading",
    ]
) | st.text(max_size=8)
_documents = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(_keys, children, max_size=6),
    max_leaves=30,
)


def _answers(path: Path) -> list[ContentError]:
    errors = validate_files([path], LIBRARY)
    assert all(isinstance(e, ContentError) and e.message for e in errors)
    return errors


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_random_bytes_get_an_answer(kind: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / kind
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        node, problems = read_yaml(path)
        assert node is not None or problems  # a tree, or the reasons there is none
        _answers(path)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=60)
@given(document=_documents)
def test_random_yaml_gets_an_answer(kind: str, document: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / kind
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        _answers(path)


@settings(max_examples=200)
@given(text=st.text(max_size=300))
def test_random_settings_files_are_read_line_by_line(text: str) -> None:
    read = parse_ini(text)
    assert all(isinstance(v, str) for v in read.values.values())
    assert all(1 <= n <= len(text.splitlines()) for n in read.bad_lines)


@settings(max_examples=200)
@given(raw=st.one_of(st.text(max_size=60), st.lists(st.text(max_size=5), max_size=4)))
def test_every_option_reads_any_stored_value(raw: object) -> None:
    stored = Settings(DictBackend({option.key: raw for option in OPTIONS}))
    for option in OPTIONS:
        value = stored.get(option)
        # The default, or a value the option stores and reads back as itself.
        assert value == option.default or option.parse(option.encode(value)) == value


@pytest.mark.usefixtures("qapp")
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_random_settings_files_never_stop_the_start(data: bytes) -> None:
    from backease_desktop.platform.settings_store import open_settings

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "BackEase.conf"
        path.write_bytes(data)
        stored = open_settings(path)
        for option in OPTIONS:
            stored.get(option)


@settings(max_examples=100)
@given(
    document=st.recursive(
        st.none() | st.integers() | st.floats() | st.text(max_size=10),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.sampled_from(["t", "f", "p", "x"]), children, max_size=3)
        ),
        max_leaves=20,
    )
)
def test_random_cache_data_is_decoded_or_refused(document: object) -> None:
    with contextlib.suppress(ValueError, TypeError):  # refused: the files are read instead
        cache._decode(json.loads(json.dumps(document)))


def test_plain_scalars_are_read_as_yaml_1_2_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "values.yaml"
    path.write_text("a: 2e1\nb: yes\nc: 1_000\nd: 1:30\ne: 0x1F\nf: 012\ng: 'on'\nh: True\n")
    node, problems = read_yaml(path)
    assert problems == [] and node is not None and isinstance(node.value, dict)
    values = {key: child.value for key, child in node.value.items()}
    assert values == {
        "a": 20.0,
        "b": "yes",
        "c": "1_000",
        "d": "1:30",
        "e": 31,
        "f": 12,
        "g": "on",
        "h": True,
    }
