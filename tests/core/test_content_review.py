"""The content says one thing at a time: no text calls normal what the warning signs call a
reason to get help, no exercise contradicts another, the breath's short pause is never a
"hold", and the first-aid advice a person in a spasm needs is there, with its source named.

These read the bundled YAML as a person reads the app: a sentence at a time."""

from __future__ import annotations

import re
from functools import cache

import pytest
import yaml

from backease_desktop.core.content import Library, Stretch, Topic
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import resources_dir

RESOURCES = resources_dir()
CONTENT = RESOURCES / "content"
STRETCH_FILES = {path.name for path in (CONTENT / "stretches").glob("*.yaml")}

# Pain relief: BackEase names a pharmacist, never a medicine or a kind of medicine.
MEDICINE_WORDS = (
    "paracetamol",
    "acetaminophen",
    "ibuprofen",
    "naproxen",
    "aspirin",
    "codeine",
    "diazepam",
    "nsaid",
    "anti-inflammator",
    "muscle relaxant",
    "opioid",
    "tablet",
    "dose",
)


@cache
def library() -> Library:
    return load_library(RESOURCES)


def _topic(topic_id: str) -> Topic:
    topic = library().topic(topic_id)
    assert topic is not None, topic_id
    return topic


def _stretch(stretch_id: str) -> Stretch:
    stretch = library().stretch(stretch_id)
    assert stretch is not None, stretch_id
    return stretch


def _topic_texts(topic: Topic) -> list[str]:
    return [topic.summary] + [
        text for s in topic.sections for text in (s.heading, *s.paragraphs, *s.bullets)
    ]


def _stretch_texts(stretch: Stretch) -> list[str]:
    return [stretch.summary, *stretch.instructions, *stretch.cautions, stretch.note]


def _sentences(texts: list[str]) -> list[str]:
    return [
        s.strip().lower() for text in texts for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()
    ]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _all_content_texts() -> list[tuple[str, str]]:
    paths = sorted(CONTENT.rglob("*.yaml")) + sorted((RESOURCES / "routines").glob("*.yaml"))
    return [
        (path.name, text)
        for path in paths
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    ]


# -- the breath's short pause ----------------------------------------------------------------


def test_the_breathing_pause_is_never_called_a_hold() -> None:
    # Stretch files are left out: a stretch's hold is a hold, breathing slowly through it.
    breath_words = re.compile(r"\bbreath|\binhale|\bexhale|\bout for three")
    held = [
        f"{name}: {sentence}"
        for name, text in _all_content_texts()
        if name not in STRETCH_FILES
        for sentence in _sentences([text])
        if breath_words.search(sentence)
        and re.search(r"\bhold(ing)?\b", sentence)
        and "hold your breath" not in sentence  # "do not hold your breath" is the point
    ]
    assert held == []


def test_every_description_of_the_rhythm_calls_the_one_second_a_pause() -> None:
    one_second = re.compile(r"\b(for|of) one\b|\bone second\b")
    rhythm = [
        sentence
        for _, text in _all_content_texts()
        for sentence in _sentences([text])
        if one_second.search(sentence) and re.search(r"\bbreath|\bout for three", sentence)
    ]
    assert len(rhythm) >= 3, "the 5-1-3 rhythm is described in the topics and the pacer"
    assert all("pause" in sentence for sentence in rhythm), rhythm


# -- what a spasm feels like -----------------------------------------------------------------


def test_what_a_spasm_feels_like_does_not_call_weakness_or_leg_pain_normal() -> None:
    topic = _topic("what-a-spasm-feels-like")
    common = next(s for s in topic.sections if s.heading == "Common signs")
    assert not [b for b in common.bullets if re.search(r"weak|numb|tingl|\bleg", b.lower())]
    described = " ".join(p for s in topic.sections for p in s.paragraphs).lower()
    assert not re.search(r"pain in the (hip or )?leg", described)


def test_what_a_spasm_feels_like_sends_weakness_numbness_and_pain_below_the_knee_to_help() -> None:
    sentences = _sentences(_topic_texts(_topic("what-a-spasm-feels-like")))
    pointer = [s for s in sentences if "when to get help" in s]
    assert any("weakness" in s and "numbness" in s and "below the knee" in s for s in pointer)


# -- lying down ------------------------------------------------------------------------------


def test_supported_rest_points_to_the_warning_sign_when_lying_down_makes_it_worse() -> None:
    stretch = _stretch("supported-rest")
    texts = " ".join(_stretch_texts(stretch)).lower()
    assert "try another position" not in texts
    warning = [
        c for c in stretch.cautions if "worse" in c and "lie down" in c and "When to get help" in c
    ]
    assert warning, stretch.cautions


def test_night_pain_sign_is_the_one_supported_rest_points_to() -> None:
    night = next(f for f in library().red_flags.all if f.id == "night-pain")
    assert "worse when you lie down" in night.text


def test_lying_on_the_side_with_a_pillow_between_the_knees_is_offered() -> None:
    for texts in (
        _topic_texts(_topic("during-a-spasm")),
        _stretch_texts(_stretch("supported-rest")),
    ):
        assert any(
            "side" in s and "pillow between" in s and "knees" in s for s in _sentences(texts)
        )


# -- side knee drop --------------------------------------------------------------------------


def test_side_knee_drop_never_draws_the_knees_to_the_chest() -> None:
    stretch = _stretch("side-knee-drop")
    assert not [i for i in stretch.instructions if "chest" in i.lower()]
    assert any("feet flat on the floor" in i for i in stretch.instructions)
    assert "both knees" not in " ".join(stretch.instructions).lower()


# -- rest and activity -----------------------------------------------------------------------


@pytest.mark.parametrize("topic_id", ["staying-active", "during-a-spasm"])
def test_rest_advice_says_staying_gently_active_beats_bed_rest(topic_id: str) -> None:
    sentences = _sentences(_topic_texts(_topic(topic_id)))
    joined = " ".join(sentences)
    assert "rest for a day or two" not in joined
    assert "day or two at most" not in joined
    assert any("active" in s and "bed rest" in s for s in sentences)
    assert any("short rests" in s and "comfortable position" in s for s in sentences)


def test_no_text_allows_a_day_or_two_in_bed() -> None:
    allowing = [
        f"{name}: {sentence}"
        for name, text in _all_content_texts()
        for sentence in _sentences([text])
        if re.search(r"(bed|rest)[^.]*\bday or two\b", sentence) and "even in" not in sentence
    ]
    assert allowing == []


# -- first aid a person in a spasm needs -----------------------------------------------------


def test_during_a_spasm_says_how_to_get_down_to_and_up_from_the_floor() -> None:
    topic = _topic("during-a-spasm")
    headings = [s.heading for s in topic.sections]
    assert "Getting down to the floor" in headings and "Getting up again" in headings
    up = next(s for s in topic.sections if s.heading == "Getting up again")
    steps = " ".join(up.bullets).lower()
    assert "roll onto your side" in steps
    assert "push yourself up with your arms" in steps


def test_warmth_is_wrapped_never_on_bare_skin_and_never_while_asleep() -> None:
    warmth = next(s for s in _topic("during-a-spasm").sections if s.heading == "Warmth")
    text = " ".join((*warmth.paragraphs, *warmth.bullets)).lower()
    assert "hot-water bottle" in text and "heat pack" in text and "wrapped" in text
    assert "never put it directly on your skin" in text
    assert "never use it while you are asleep" in text


def test_a_pharmacist_advises_on_pain_relief_and_no_medicine_is_named() -> None:
    relief = next(s for s in _topic("during-a-spasm").sections if s.heading == "Pain relief")
    text = " ".join(relief.paragraphs).lower()
    assert "pharmacist" in text
    named = [
        f"{name}: {word}"
        for name, content in _all_content_texts()
        for word in MEDICINE_WORDS
        if word in content.lower()
    ]
    assert named == []


def test_added_first_aid_names_its_sources_in_the_file() -> None:
    comments = "\n".join(
        line
        for line in (CONTENT / "topics" / "during-a-spasm.yaml").read_text().splitlines()
        if line.startswith("#")
    )
    for source in ("NHS back pain page", "NHS inform", "NICE NG59"):
        assert source in comments


# -- exercises -------------------------------------------------------------------------------


@pytest.mark.parametrize("stretch_id", sorted(s.id for s in load_library(RESOURCES).stretches))
def test_stop_if_it_hurts_comes_first_among_the_cautions(stretch_id: str) -> None:
    assert _stretch(stretch_id).cautions[0].startswith("Stop if it hurts.")


def test_stretching_safely_says_stop_if_it_hurts_first() -> None:
    how = next(s for s in _topic("stretching-safely").sections if s.heading == "How to stretch")
    assert how.bullets[0] == "Stop if it hurts."


@pytest.mark.parametrize("stretch_id", ["standing-reach", "shoulder-rolls"])
def test_stretch_not_in_the_article_says_where_it_comes_from(stretch_id: str) -> None:
    raw = (CONTENT / "stretches" / f"{stretch_id}.yaml").read_text(encoding="utf-8")
    comments = " ".join(line for line in raw.splitlines() if line.startswith("#"))
    assert "Not from the source article" in comments and "Source:" in comments


# -- one way of saying where to get help -----------------------------------------------------


def test_help_is_always_a_doctor_or_your_local_health_service() -> None:
    odd = [
        f"{name}: {sentence}"
        for name, text in _all_content_texts()
        for sentence in _sentences([text])
        if re.search(
            r"\b(contact|ask|see|check with)\b[^.]{0,30}\b(health|medical) professional", sentence
        )
    ]
    assert odd == []
    everywhere = [name for name, text in _all_content_texts() if "local health service" in text]
    assert {"during-a-spasm.yaml", "when-to-get-help.yaml", "red-flags.yaml"} <= set(everywhere)


def test_the_recurrence_sign_does_not_contradict_itself() -> None:
    sign = next(f for f in library().red_flags.all if f.id == "different-episode")
    text = sign.text.lower()
    assert "like this" not in text
    assert "before" in text and "different" in text and "worse" in text


def test_when_to_get_help_lists_each_tier_under_its_own_heading() -> None:
    topic = _topic("when-to-get-help")
    flags = library().red_flags
    for group in (flags.emergency, flags.soon, flags.standing):
        section = next(s for s in topic.sections if s.heading == group.heading)
        assert list(section.bullets) == [sign.text for sign in group.signs]
