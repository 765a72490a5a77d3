"""The content says one thing at a time: no text calls normal what the warning signs call a
reason to get help, no exercise contradicts another, the breath's short pause is never a
"hold", and the first-aid advice a person in a spasm needs is there, with its source named.

The last sections hold the fixes of a clinical review against the article and conservative
guidance (NHS pages, NICE CKS Sciatica, NICE NG59): each checks what a reader would notice if
the fix were undone.

These read the bundled YAML as a person reads the app: a sentence at a time."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from backease_desktop.core.content import Library, RedFlag, Stretch, StretchStep, Topic
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import resources_dir
from tests.helpers.content import strings_in

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


def _all_content_texts() -> list[tuple[str, str]]:
    paths = sorted(CONTENT.rglob("*.yaml")) + sorted((RESOURCES / "routines").glob("*.yaml"))
    return [
        (path.name, text)
        for path in paths
        for text in strings_in(yaml.safe_load(path.read_text(encoding="utf-8")))
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


# -- warning signs after the clinical review -------------------------------------------------


def _flag(flag_id: str) -> RedFlag:
    flag = next((f for f in library().red_flags.all if f.id == flag_id), None)
    assert flag is not None, flag_id
    return flag


def _comments(path: Path) -> str:
    return " ".join(
        line.lstrip("# ")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    )


def _help_section_text(heading_start: str) -> str:
    topic = _topic("when-to-get-help")
    section = next(s for s in topic.sections if s.heading.startswith(heading_start))
    return " ".join(section.paragraphs)


def test_one_sided_numbness_never_covers_numbness_around_the_bottom() -> None:
    # Numbness around the genitals or bottom is an emergency; the "soon" sign about one
    # buttock must not let someone file it there.
    text = _flag("one-side-weakness-numbness").text.lower()
    assert "one buttock" in text and "one side of your pelvis" in text
    assert "or your pelvis" not in text  # the whole pelvis would take in the saddle area
    sentences = _sentences([text])
    assert any("bottom" in s and "genitals" in s and "emergency" in s for s in sentences)
    assert _flag("saddle-numbness").tier == "emergency"


def test_both_legs_sign_counts_pain_and_tingling_as_well_as_weakness() -> None:
    text = _flag("both-legs-or-worsening").text.lower()
    before_both = text.split("both legs", 1)[0]
    assert all(word in before_both for word in ("pain", "weakness", "numbness", "tingling"))


def test_bladder_and_bowel_sign_is_about_control_newly_lost() -> None:
    # Long-standing leaking a doctor knows about must not stop every day's routine.
    text = _flag("bladder-bowel-control").text.lower()
    assert re.search(r"\bnew(ly)?\b", text)
    assert "cannot control" not in text


def test_breathlessness_sign_is_sudden_or_severe_and_names_chest_tightness() -> None:
    flag = _flag("chest-pain-or-breathless")
    text = flag.text.lower()
    assert "chest pain or tightness" in text
    assert re.search(r"suddenly or badly short of breath", text)
    assert "NHS shortness of breath page" in flag.source


def test_banner_names_new_bladder_trouble_and_both_legs() -> None:
    banner = library().red_flags.banner.lower()
    assert "new bladder" in banner
    assert "both legs" in banner
    assert "genitals" in banner and "chest pain" in banner and "emergency number now" in banner


@pytest.mark.parametrize(
    "flag_id", ["saddle-numbness", "cannot-pass-urine", "both-legs-or-worsening"]
)
def test_cauda_equina_signs_cite_nice_cks_sciatica_not_ng59(flag_id: str) -> None:
    source = _flag(flag_id).source
    assert "NICE CKS Sciatica" in source and "cauda equina" in source
    assert "NG59" not in source


def test_red_flag_file_says_ng59_does_not_set_the_emergency_tier() -> None:
    comments = _comments(CONTENT / "red-flags.yaml")
    assert '"Sciatica (lumbar radiculopathy)"' in comments
    assert "NG59" in comments and "does not set these tiers" in comments


def test_soon_tier_says_how_soon_and_keeps_you_gently_moving() -> None:
    for advice in (library().red_flags.soon.advice, _help_section_text("See a doctor soon")):
        lowered = " ".join(advice.split()).lower()
        assert "do not start a routine today" not in lowered
        assert "today if you can" in lowered and "within a few days at the latest" in lowered
        assert "high temperature, contact them today" in lowered
        assert "until a doctor or your local health service has looked at this" in lowered
        assert "keep moving gently about your day" in lowered


def test_soon_tier_heading_keeps_the_issue_wording() -> None:
    assert library().red_flags.soon.heading == "See a doctor soon: today or in the next few days"


def test_intro_says_a_few_signs_need_help_straight_away() -> None:
    intro = " ".join(library().red_flags.intro.split()).lower()
    assert "before you stretch" in intro and "straight away" in intro


def test_no_upper_back_or_sneezing_sign_is_asked_every_day() -> None:
    # Asked daily, they would turn away most desk workers; the upper back topic points to
    # help instead (see the README).
    daily = " ".join(f.text.lower() for f in library().red_flags.daily)
    assert "shoulder" not in daily and "upper back" not in daily and "sneez" not in daily


# -- topics after the clinical review --------------------------------------------------------


def test_common_signs_of_a_spasm_never_call_lasting_pain_normal() -> None:
    # More than four weeks is a warning sign; the list of normal signs must not say "a long time".
    common = next(
        s for s in _topic("what-a-spasm-feels-like").sections if s.heading == "Common signs"
    )
    joined = " ".join(common.bullets).lower()
    assert "long time" not in joined and "linger" not in joined
    assert any("a few days" in b for b in common.bullets)


def test_diagnosis_says_most_people_need_no_scan_before_listing_scans() -> None:
    topic = _topic("diagnosis")
    headings = [s.heading for s in topic.sections]
    no_scan = headings.index("Most people do not need a scan")
    assert no_scan < headings.index("Scans and tests")
    text = " ".join(topic.sections[no_scan].paragraphs).lower()
    assert "do not need a scan" in text and "would change your treatment" in text
    assert "NICE NG59" in _comments(CONTENT / "topics" / "diagnosis.yaml")


def test_breathing_topic_makes_no_unsupported_claim_about_the_muscle() -> None:
    text = " ".join(_topic_texts(_topic("breathing"))).lower()
    assert "one of the best ways" not in text
    assert "waste" not in text and "blood flow" not in text
    assert "slow breathing can help the muscle ease off" in text


def test_upper_back_topic_says_when_pain_between_the_shoulder_blades_needs_checking() -> None:
    section = next(
        s for s in _topic("upper-back-causes").sections if s.heading == "When to have it checked"
    )
    sentences = _sentences(list(section.paragraphs))
    assert "between the shoulder blades" in sentences[0]
    assert any(
        "more than that stiffness" in s and "doctor or your local health service" in s
        for s in sentences
    )
    emergency = [s for s in sentences if "chest pain" in s and "short of breath" in s]
    assert emergency and all("emergency number" in s for s in emergency)
    assert any('"when to get help"' in s for s in sentences)


def test_low_back_causes_says_tummy_not_stomach_area() -> None:
    text = " ".join(_topic_texts(_topic("low-back-causes"))).lower()
    assert "stomach area" not in text and "tummy (abdomen)" in text


def test_ten_thousand_steps_is_built_up_to_slowly() -> None:
    sentences = _sentences(_topic_texts(_topic("staying-active")))
    assert any("10,000 steps" in s and "build up to it slowly" in s for s in sentences)


def test_warmth_is_never_used_on_numb_skin() -> None:
    warmth = next(s for s in _topic("during-a-spasm").sections if s.heading == "Warmth")
    assert any("skin that feels numb" in b and b.startswith("Do not use") for b in warmth.bullets)


def test_getting_down_onto_a_bed_comes_before_the_floor() -> None:
    headings = [s.heading for s in _topic("during-a-spasm").sections]
    assert headings.index("Getting down onto a bed") < headings.index("Getting down to the floor")


def test_nhs_inform_is_cited_only_for_getting_up() -> None:
    comments = _comments(CONTENT / "topics" / "during-a-spasm.yaml")
    inform = comments[comments.index("getting up from the floor") : comments.index("NHS inform")]
    assert "getting down" not in inform
    assert "not a step NHS inform gives" in comments


# -- stretches and routines after the clinical review ----------------------------------------


def test_fingertip_pressure_is_done_on_the_side_or_standing() -> None:
    stretch = _stretch("fingertip-pressure")
    first = stretch.instructions[0].lower()
    assert first.startswith("lie on your side") and "stand" in first
    assert "lie on your back" not in " ".join(stretch.instructions).lower()
    assert "side" in stretch.note


@pytest.mark.parametrize("stretch_id", ["knee-to-chest", "lying-knee-twist"])
def test_lying_stretch_starts_with_one_knee_bent(stretch_id: str) -> None:
    stretch = _stretch(stretch_id)
    first = stretch.instructions[0]
    assert first.startswith("Lie on your back with one knee bent and that foot flat")
    assert "both legs straight if that is comfortable" in first
    assert "knee bent" in stretch.note and "both legs straight" in stretch.note


def test_morning_routine_says_how_to_get_down_and_up_again() -> None:
    routine = library().routine("morning-low-back")
    assert routine is not None
    floor = [
        step
        for step in routine.steps
        if isinstance(step, StretchStep) and step.stretch.position != "standing"
    ]
    down = floor[0].note.lower()
    assert "one knee, then both" in down and "onto your side" in down and "your back" in down
    up = routine.steps[-1].note.lower()
    assert "roll onto your side" in up and "push yourself up with your arms" in up
