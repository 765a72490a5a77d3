"""The JSON Schemas of the content files (topics, stretches, warning signs, breathing) agree
with the loader the app uses: every bundled file passes both, and a broken file is refused
by both, so an editor's red underline and `backease --validate` never disagree."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from backease_desktop.core.content.yamlsource import read_yaml
from tests.helpers.schema import (
    RESOURCES,
    bundled,
    plain,
    schema,
    untitled_properties,
    validator,
    verdicts,
)

CONTENT = RESOURCES / "content"

# Which schema checks which bundled files.
KINDS: dict[str, list[Path]] = {
    "topic": sorted((CONTENT / "topics").glob("*.yaml")),
    "stretch": sorted((CONTENT / "stretches").glob("*.yaml")),
    "red-flags": [CONTENT / "red-flags.yaml"],
    "breathing": [CONTENT / "breathing.yaml"],
}
# Where a file of each kind must sit for the loader to read it as that kind.
PLACES = {
    "topic": "topics/mine.yaml",
    "stretch": "stretches/mine.yaml",
    "red-flags": "red-flags.yaml",
    "breathing": "breathing.yaml",
}


@pytest.fixture
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="backease-content-schema-") as folder:
        yield Path(folder)


def _verdicts(folder: Path, kind: str, text: str) -> tuple[bool, bool]:
    """(schema accepts, loader accepts) for one file of `kind`, where the loader reads it."""
    return verdicts(folder / PLACES[kind], kind, text)


# -- the schemas themselves ------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    assert schema(kind)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema(kind)["$id"].endswith(f"/resources/schema/{kind}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema(kind))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_property_has_a_title_and_description_for_editors(kind: str) -> None:
    assert untitled_properties(schema(kind)) == []


def test_topic_schema_offers_exactly_the_bundled_stretches_and_routines() -> None:
    defs = schema("topic")["$defs"]
    assert {c["const"] for c in defs["stretchId"]["anyOf"]} == {s.id for s in bundled().stretches}
    bundled_routines = {r.id for r in bundled().routines if r.bundled}
    assert {c["const"] for c in defs["routineId"]["anyOf"]} == bundled_routines


@pytest.mark.parametrize(
    ("kind", "path"),
    [(kind, path) for kind, paths in sorted(KINDS.items()) for path in paths],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_bundled_file_validates_against_its_schema(kind: str, path: Path) -> None:
    node, problems = read_yaml(path)
    assert problems == [] and node is not None
    errors = [f"{list(e.path)}: {e.message}" for e in validator(kind).iter_errors(plain(node))]
    assert errors == []


def test_every_bundled_content_file_is_checked_by_a_schema() -> None:
    checked = {path for paths in KINDS.values() for path in paths}
    assert set(CONTENT.rglob("*.yaml")) == checked
    assert all(paths for paths in KINDS.values())


# -- broken files: both refuse ---------------------------------------------------------------

GOOD_TOPIC = """\
id: mine
title: Mine
icon: help
order: 5
summary: A topic.
sections:
  - heading: First
    paragraphs:
      - Some text.
    bullets:
      - A point.
  - heading: Second
    bullets: [Another point.]
stretches: [cat-cow]
routines: [desk-break]
"""

GOOD_STRETCH = """\
id: mine
title: Mine
summary: A stretch.
position: lying
illustration: mine.svg
description: A person lying on their back.
instructions:
  - Lie down.
cautions:
  - Stop if it hurts.
hold: 20
reps: 3
sides: [left, right]
rest_between: 5
note: A note.
"""

GOOD_RED_FLAGS = """\
banner: Emergency signs with back pain; call your local emergency number now.
intro: What BackEase is for.
emergency:
  heading: Emergency
  advice: Call now.
  signs:
    - id: one
      text: A sign.
      source: NHS back pain page
soon:
  heading: Soon
  advice: See a doctor soon.
  signs:
    - id: two
      text: Another sign.
      source: article
standing:
  heading: In general
  advice: Ask a doctor.
  signs:
    - id: three
      text: A standing fact.
      source: article
"""

GOOD_BREATHING = """\
inhale: 5
pause: 1
exhale: 3
guidance:
  - Breathe slowly.
"""

GOOD = {
    "topic": GOOD_TOPIC,
    "stretch": GOOD_STRETCH,
    "red-flags": GOOD_RED_FLAGS,
    "breathing": GOOD_BREATHING,
}

BROKEN: dict[str, tuple[str, str]] = {
    # topics
    "topic: missing title": ("topic", GOOD_TOPIC.replace("title: Mine\n", "")),
    "topic: missing sections": ("topic", GOOD_TOPIC.split("sections:")[0]),
    "topic: unknown key": ("topic", GOOD_TOPIC + "colour: blue\n"),
    "topic: bad id": ("topic", GOOD_TOPIC.replace("id: mine", "id: My Topic")),
    "topic: id starting with a dash": ("topic", GOOD_TOPIC.replace("id: mine", "id: -mine")),
    "topic: empty summary": ("topic", GOOD_TOPIC.replace("summary: A topic.", "summary: ' '")),
    "topic: order of zero": ("topic", GOOD_TOPIC.replace("order: 5", "order: 0")),
    "topic: fractional order": ("topic", GOOD_TOPIC.replace("order: 5", "order: 1.5")),
    "topic: order too big": ("topic", GOOD_TOPIC.replace("order: 5", "order: 10001")),
    "topic: section without text": (
        "topic",
        GOOD_TOPIC.replace("    bullets: [Another point.]\n", ""),
    ),
    "topic: section without heading": (
        "topic",
        GOOD_TOPIC.replace("  - heading: Second\n    bullets", "  - bullets"),
    ),
    "topic: unknown section key": ("topic", GOOD_TOPIC.replace("heading: First", "title: First")),
    "topic: empty bullets": ("topic", GOOD_TOPIC.replace("[Another point.]", "[]")),
    "topic: a number as a paragraph": ("topic", GOOD_TOPIC.replace("- Some text.", "- 42")),
    "topic: unknown stretch link": ("topic", GOOD_TOPIC.replace("[cat-cow]", "[toe-touch]")),
    "topic: unknown routine link": ("topic", GOOD_TOPIC.replace("[desk-break]", "[marathon]")),
    "topic: a list, not a mapping": ("topic", "- id: mine\n"),
    # stretches
    "stretch: missing cautions": (
        "stretch",
        GOOD_STRETCH.replace("cautions:\n  - Stop if it hurts.\n", ""),
    ),
    "stretch: empty instructions": (
        "stretch",
        GOOD_STRETCH.replace("instructions:\n  - Lie down.\n", "instructions: []\n"),
    ),
    "stretch: missing hold": ("stretch", GOOD_STRETCH.replace("hold: 20\n", "")),
    "stretch: unknown key": ("stretch", GOOD_STRETCH.replace("hold: 20", "hodl: 20")),
    "stretch: unknown position": ("stretch", GOOD_STRETCH.replace("lying", "upside-down")),
    "stretch: hold of zero": ("stretch", GOOD_STRETCH.replace("hold: 20", "hold: 0")),
    "stretch: hold over ten minutes": ("stretch", GOOD_STRETCH.replace("hold: 20", "hold: 601")),
    "stretch: hold as text": ("stretch", GOOD_STRETCH.replace("hold: 20", "hold: '20'")),
    "stretch: reps of zero": ("stretch", GOOD_STRETCH.replace("reps: 3", "reps: 0")),
    "stretch: fractional reps": ("stretch", GOOD_STRETCH.replace("reps: 3", "reps: 2.5")),
    "stretch: too many reps": ("stretch", GOOD_STRETCH.replace("reps: 3", "reps: 51")),
    "stretch: side twice": ("stretch", GOOD_STRETCH.replace("[left, right]", "[left, left]")),
    "stretch: empty sides": ("stretch", GOOD_STRETCH.replace("[left, right]", "[]")),
    "stretch: unknown side": ("stretch", GOOD_STRETCH.replace("[left, right]", "[up]")),
    "stretch: negative rest": ("stretch", GOOD_STRETCH.replace("between: 5", "between: -1")),
    "stretch: long rest": ("stretch", GOOD_STRETCH.replace("between: 5", "between: 121")),
    "stretch: bad id": ("stretch", GOOD_STRETCH.replace("id: mine", "id: mine_2")),
    # warning signs
    "red flags: missing banner": (
        "red-flags",
        GOOD_RED_FLAGS.replace(
            "banner: Emergency signs with back pain; call your local emergency number now.\n", ""
        ),
    ),
    "red flags: missing emergency tier": (
        "red-flags",
        "banner: B.\nintro: I.\n" + GOOD_RED_FLAGS.split("soon:", 1)[1].join(["soon:", ""]),
    ),
    "red flags: missing standing group": ("red-flags", GOOD_RED_FLAGS.split("standing:")[0]),
    "red flags: a tier with no signs": (
        "red-flags",
        GOOD_RED_FLAGS.replace(
            "  signs:\n    - id: one\n      text: A sign.\n      source: NHS back pain page\n",
            "  signs: []\n",
        ),
    ),
    "red flags: a sign without a source": (
        "red-flags",
        GOOD_RED_FLAGS.replace("      source: NHS back pain page\n", ""),
    ),
    "red flags: a sign with an empty text": (
        "red-flags",
        GOOD_RED_FLAGS.replace("text: A sign.", "text: ''"),
    ),
    "red flags: a sign with an unknown key": (
        "red-flags",
        GOOD_RED_FLAGS.replace("text: A sign.", "text: A sign.\n      tier: emergency"),
    ),
    "red flags: a bad sign id": ("red-flags", GOOD_RED_FLAGS.replace("id: one", "id: One Sign")),
    "red flags: a tier without advice": (
        "red-flags",
        GOOD_RED_FLAGS.replace("  advice: Call now.\n", ""),
    ),
    "red flags: an unknown tier": ("red-flags", GOOD_RED_FLAGS + "later:\n  heading: Later\n"),
    "red flags: the old flat list": (
        "red-flags",
        "banner: B.\nintro: I.\nurgent:\n  - id: one\n    text: A sign.\n",
    ),
    "red flags: too many signs": (
        "red-flags",
        GOOD_RED_FLAGS.replace(
            "  signs:\n    - id: two\n",
            "  signs:\n"
            + "".join(f"    - id: extra-{i}\n      text: T.\n      source: S.\n" for i in range(40))
            + "    - id: two\n",
        ),
    ),
    # breathing
    "breathing: missing exhale": ("breathing", GOOD_BREATHING.replace("exhale: 3\n", "")),
    "breathing: inhale of zero": ("breathing", GOOD_BREATHING.replace("inhale: 5", "inhale: 0")),
    "breathing: negative pause": ("breathing", GOOD_BREATHING.replace("pause: 1", "pause: -1")),
    "breathing: pause too long": ("breathing", GOOD_BREATHING.replace("pause: 1", "pause: 31")),
    "breathing: exhale as text": ("breathing", GOOD_BREATHING.replace("exhale: 3", "exhale: x")),
    "breathing: unknown key": ("breathing", GOOD_BREATHING + "hold: 1\n"),
    "breathing: empty guidance": (
        "breathing",
        GOOD_BREATHING.replace("guidance:\n  - Breathe slowly.\n", "guidance: []\n"),
    ),
}


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_the_good_example_passes_both(scratch: Path, kind: str) -> None:
    assert _verdicts(scratch, kind, GOOD[kind]) == (True, True)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_content_file_is_refused_by_schema_and_loader(scratch: Path, case: str) -> None:
    kind, text = BROKEN[case]
    assert text != GOOD[kind]
    assert _verdicts(scratch, kind, text) == (False, False)


def test_a_pause_of_zero_passes_both(scratch: Path) -> None:
    # No pause at all is a valid rhythm (breathe straight out), as in a routine's breathe step.
    assert _verdicts(scratch, "breathing", GOOD_BREATHING.replace("pause: 1", "pause: 0")) == (
        True,
        True,
    )


def test_a_sign_id_used_twice_is_refused_by_the_loader(scratch: Path) -> None:
    # The one rule JSON Schema cannot say (ids unique across groups); the loader holds it.
    text = GOOD_RED_FLAGS.replace("id: two", "id: one")
    assert _verdicts(scratch, "red-flags", text)[1] is False
