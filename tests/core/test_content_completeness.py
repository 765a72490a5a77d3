"""The bundled health content is complete, safe to show and faithful to its source article.

These are the things a reader of the app would notice: a missing red flag, a stretch with no
"stop if it hurts", a drug name, a sentence lifted from the article, a desk break that runs
far past two minutes."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from backease_desktop.core.content import Library, Routine, StretchStep
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import resources_dir
from tests.helpers.content import strings_in

RESOURCES = resources_dir()
CONTENT = RESOURCES / "content"

# The player's pacing: a get-ready phase before every stretch step and a side switch
# between sides (see the routine format's `get_ready` and the engine).
SIDE_SWITCH_S = 5.0

TOPIC_ICONS = {
    "what-a-spasm-feels-like": "spasm",
    "during-a-spasm": "first-aid",
    "muscle-spasm-causes": "muscle",
    "upper-back-causes": "upper-back",
    "low-back-causes": "lower-back",
    "diagnosis": "diagnosis",
    "staying-active": "walking",
    "stretching-safely": "stretch",
    "breathing": "breathing",
    "when-to-get-help": "help",
}

STRETCH_IDS = {
    "side-knee-drop",
    "knee-to-chest",
    "lying-knee-twist",
    "childs-pose",
    "hip-lifts",
    "cat-cow",
    "supported-rest",
    "fingertip-pressure",
    "stand-and-walk",
    "standing-reach",
    "shoulder-rolls",
}

# The article's "when to contact a medical professional" (10) and "also call if" (4) items,
# each as the key words that must survive rewording. Every inner tuple is a set of
# alternatives; one word of each must appear in the flag's text.
URGENT_KEYWORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "severe blow or fall": (("blow", "fall"),),
    "burning with urination or blood in urine": (("burn",), ("blood",), ("urine",)),
    "history of cancer": (("cancer",),),
    "loss of control over urine or stool": (("control",), ("urine", "bladder"), ("bowel", "stool")),
    "pain down the legs below the knee": (("leg",), ("below the knee",)),
    "worse lying down or wakes you at night": (("lie down", "lying"), ("night",)),
    "redness or swelling on the back or spine": (("red",), ("swell", "swollen")),
    "severe pain, cannot get comfortable": (("severe",), ("comfortable",)),
    "unexplained fever with back pain": (("fever",), ("no obvious reason", "unexplained")),
    "weakness or numbness in buttocks, thigh, leg or pelvis": (
        ("weak",),
        ("numb",),
        ("buttock",),
        ("thigh",),
        ("leg",),
        ("pelvis",),
    ),
}
ALSO_CALL_KEYWORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "unintended weight loss": (("weight",), ("without trying", "unintention")),
    "steroids or intravenous drugs": (("steroid",), ("inject", "intravenous")),
    "had back pain before but this is different and worse": (
        ("before",),
        ("different",),
        ("worse",),
    ),
    "this episode has lasted longer than 4 weeks": (("four weeks", "4 weeks"),),
}

# Drug, brand and clinic names the source article carries in its advertising lines.
FORBIDDEN_NAMES = (
    "tylenol",
    "aleve",
    "advil",
    "motrin",
    "ibuprofen",
    "naproxen",
    "acetaminophen",
    "paracetamol",
    "aspirin",
    "premier spine",
    "ngu",
    "national institute",
)
# Scraped page furniture that must never reach the app.
JUNK_PHRASES = (
    "don't miss",
    "read also",
    "read more",
    "pin on",
    "most popular",
    "recommended reading",
    "also check",
    "watch how",
)

COPY_RUN_WORDS = 8


DATA = Path(__file__).parents[1] / "data"


def _article_red_flag_section() -> str:
    """The article's red-flag list, kept in tests/data by tools/fingerprint-article (the
    repository carries this short factual list, not the article)."""
    return (DATA / "article-red-flags.txt").read_text(encoding="utf-8")


def _article_runs() -> set[str]:
    """Fingerprints of every run of eight words in the article (tools/fingerprint-article)."""
    lines = (DATA / "article-8-word-runs.txt").read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def _run_fingerprint(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:16]


@cache
def library() -> Library:
    return load_library(RESOURCES)


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _matches(text: str, keywords: tuple[tuple[str, ...], ...]) -> bool:
    lowered = text.lower()
    return all(any(word in lowered for word in group) for group in keywords)


def _played_duration_s(routine: Routine) -> float:
    total = 0.0
    for step in routine.steps:
        total += step.duration_s
        if isinstance(step, StretchStep):
            total += routine.get_ready_s + SIDE_SWITCH_S * max(0, len(step.sides) - 1)
    return total


# -- the library as a whole ------------------------------------------------------------------


def test_bundled_library_loads_without_errors() -> None:
    assert [str(e) for e in library().errors] == []


@pytest.mark.parametrize(("topic_id", "icon"), sorted(TOPIC_ICONS.items()))
def test_topic_exists_with_its_icon(topic_id: str, icon: str) -> None:
    topic = library().topic(topic_id)
    assert topic is not None, f"missing topic {topic_id}"
    assert topic.icon == icon


def test_during_a_spasm_is_the_first_topic_and_getting_help_the_last() -> None:
    ids = [t.id for t in library().topics]
    assert ids[0] == "during-a-spasm"
    assert library().topics[0].order == 10
    assert ids[-1] == "when-to-get-help"


def test_every_topic_link_resolves() -> None:
    lib = library()
    stretch_ids = {s.id for s in lib.stretches}
    routine_ids = {r.id for r in lib.routines}
    for path in sorted((CONTENT / "topics").glob("*.yaml")):
        raw = _load(path)
        linked_stretches = list(raw.get("stretches") or [])
        linked_routines = list(raw.get("routines") or [])
        assert set(linked_stretches) <= stretch_ids, path.name
        assert set(linked_routines) <= routine_ids, path.name
        topic = lib.topic(str(raw["id"]))
        assert topic is not None
        # the loader drops broken links with an error; nothing may have been dropped
        assert list(topic.stretch_ids) == linked_stretches
        assert list(topic.routine_ids) == linked_routines


def test_stretching_safely_links_every_stretch_and_the_morning_routine() -> None:
    topic = library().topic("stretching-safely")
    assert topic is not None
    assert set(topic.stretch_ids) == STRETCH_IDS
    assert "morning-low-back" in topic.routine_ids


def test_during_a_spasm_topic_links_the_spasm_routine() -> None:
    topic = library().topic("during-a-spasm")
    assert topic is not None
    assert "during-a-spasm" in topic.routine_ids


def test_staying_active_mentions_the_30_minute_desk_break() -> None:
    topic = library().topic("staying-active")
    assert topic is not None
    text = " ".join(b for s in topic.sections for b in (*s.paragraphs, *s.bullets))
    assert "30 minutes" in text
    assert "day or two" in text  # even in the first day or two: move gently, no bed rest
    assert "desk-break" in topic.routine_ids


# -- red flags --------------------------------------------------------------------------------


def test_every_sign_of_the_article_is_kept_and_guidance_adds_the_emergency_ones() -> None:
    flags = library().red_flags
    assert len(flags.all) == len({f.id for f in flags.all}) == 18
    assert flags.usable


@pytest.mark.parametrize("item", sorted(URGENT_KEYWORDS))
def test_article_urgent_sign_is_in_the_red_flags(item: str) -> None:
    texts = [f.text for f in library().red_flags.all if f.source.startswith("article")]
    assert any(_matches(t, URGENT_KEYWORDS[item]) for t in texts), item


@pytest.mark.parametrize("item", sorted(ALSO_CALL_KEYWORDS))
def test_article_also_call_sign_is_in_the_red_flags(item: str) -> None:
    texts = [f.text for f in library().red_flags.all if f.source.startswith("article")]
    assert any(_matches(t, ALSO_CALL_KEYWORDS[item]) for t in texts), item


# The cauda equina signs and the other signs that conservative guidance (the NHS back pain
# and shortness of breath pages, NICE CKS Sciatica) treats as an emergency, as key words; the
# article lists only some of them.
EMERGENCY_KEYWORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "numbness around genitals, bottom or inner thighs": (("genital",), ("bottom",), ("thigh",)),
    "new difficulty passing urine or emptying the bladder": (("difficulty",), ("empty",)),
    "loss of bladder or bowel control": (("control",), ("bowel",)),
    "pain or weakness in both legs, or getting worse": (("both legs",), ("getting worse",)),
    "after a serious fall or blow": (("fall",), ("blow",)),
    "with chest pain or breathlessness": (("chest pain",), ("short of breath", "breathless")),
}


@pytest.mark.parametrize("item", sorted(EMERGENCY_KEYWORDS))
def test_emergency_tier_holds_the_sign(item: str) -> None:
    emergency = library().red_flags.emergency.signs
    assert all(flag.tier == "emergency" for flag in emergency)
    assert any(_matches(f.text, EMERGENCY_KEYWORDS[item]) for f in emergency), item


def test_fever_and_one_sided_weakness_are_see_a_doctor_soon() -> None:
    soon = {f.id: f for f in library().red_flags.soon.signs}
    assert soon["unexplained-fever"].tier == "soon"
    assert "not getting worse" in soon["one-side-weakness-numbness"].text


def test_standing_facts_are_the_ones_that_do_not_change_from_day_to_day() -> None:
    standing = library().red_flags.standing.signs
    assert {f.id for f in standing} == {
        "cancer-history",
        "steroids-or-injected-drugs",
        "longer-than-four-weeks",
        "different-episode",
    }
    assert all(f.standing and f.tier == "soon" for f in standing)
    assert not any(f.standing for f in library().red_flags.daily)


def test_every_sign_names_its_source() -> None:
    for flag in library().red_flags.all:
        assert flag.source.strip(), flag.id
        if not flag.source.startswith("article"):
            assert "NHS" in flag.source or "NICE" in flag.source, flag.id


def test_keyword_table_matches_the_article_list_one_to_one() -> None:
    section = _article_red_flag_section()
    urgent_part, also_part = section.split("Also call if:", 1)
    # Each article item carries the key words of exactly one table entry and every entry
    # finds its item, so the table is a faithful digest of the list, not a list of its own.
    for part, table in ((urgent_part, URGENT_KEYWORDS), (also_part, ALSO_CALL_KEYWORDS)):
        items = [ln.strip(" •\t") for ln in part.splitlines() if "•" in ln]
        assert len(items) == len(table)
        for item in items:
            assert [k for k, kw in table.items() if _matches(item, kw)] != [], item
        for key, kw in table.items():
            assert any(_matches(item, kw) for item in items), key


def test_help_topic_lists_every_red_flag() -> None:
    topic = library().topic("when-to-get-help")
    assert topic is not None
    bullets = {b for s in topic.sections for b in s.bullets}
    missing = [f.text for f in library().red_flags.all if f.text not in bullets]
    assert missing == []


def test_help_topic_says_backease_is_not_a_diagnosis_tool() -> None:
    topic = library().topic("when-to-get-help")
    assert topic is not None
    text = " ".join(
        [s.heading for s in topic.sections] + [p for s in topic.sections for p in s.paragraphs]
    )
    assert "not a diagnosis tool" in text


def test_banner_is_one_short_sentence_naming_the_emergency_tier() -> None:
    banner = library().red_flags.banner
    assert "\n" not in banner
    assert len(banner) <= 160
    assert banner.count(".") == 1 and banner.endswith(".")
    assert "emergency" in banner.lower()


# -- stretches --------------------------------------------------------------------------------


def test_the_library_has_exactly_the_planned_stretches() -> None:
    assert {s.id for s in library().stretches} == STRETCH_IDS


@pytest.mark.parametrize("stretch_id", sorted(STRETCH_IDS))
def test_stretch_warns_to_stop_if_it_hurts(stretch_id: str) -> None:
    stretch = library().stretch(stretch_id)
    assert stretch is not None
    assert any("stop" in c.lower() and "hurt" in c.lower() for c in stretch.cautions)


@pytest.mark.parametrize("stretch_id", sorted(STRETCH_IDS))
def test_stretch_illustration_is_named_for_its_id(stretch_id: str) -> None:
    stretch = library().stretch(stretch_id)
    assert stretch is not None
    assert stretch.illustration == f"{stretch_id}.svg"


@pytest.mark.parametrize(
    ("stretch_id", "hold_s", "reps", "sides"),
    [
        ("side-knee-drop", 30, 1, ("left", "right")),
        ("knee-to-chest", 20, 3, ("left", "right")),
        ("lying-knee-twist", 20, 3, ("left", "right")),
    ],
)
def test_stretch_keeps_the_article_hold_and_repeats(
    stretch_id: str, hold_s: float, reps: int, sides: tuple[str, ...]
) -> None:
    stretch = library().stretch(stretch_id)
    assert stretch is not None
    assert (stretch.hold_s, stretch.reps, stretch.sides) == (hold_s, reps, sides)


@pytest.mark.parametrize("stretch_id", ["hip-lifts", "cat-cow"])
def test_repeated_stretch_stays_within_five_to_ten(stretch_id: str) -> None:
    stretch = library().stretch(stretch_id)
    assert stretch is not None
    assert 5 <= stretch.reps <= 10


def test_knee_to_chest_says_which_reading_of_the_article_it_uses() -> None:
    stretch = library().stretch("knee-to-chest")
    assert stretch is not None
    assert "one leg at a time" in stretch.note


# -- routines and breathing -------------------------------------------------------------------


def test_breathing_pacer_is_five_one_three() -> None:
    breathing = library().breathing
    assert (breathing.inhale_s, breathing.pause_s, breathing.exhale_s) == (5, 1, 3)
    assert breathing.guidance


@pytest.mark.parametrize(
    ("routine_id", "title"),
    [
        ("during-a-spasm", "During a spasm"),
        ("morning-low-back", "Morning low-back stretches"),
        ("desk-break", "Desk break"),
    ],
)
def test_bundled_routine_is_there(routine_id: str, title: str) -> None:
    routine = library().routine(routine_id)
    assert routine is not None and routine.bundled
    assert routine.title == title


def test_desk_break_takes_100_to_150_seconds_as_played() -> None:
    routine = library().routine("desk-break")
    assert routine is not None
    assert 100 <= _played_duration_s(routine) <= 150


def test_desk_break_is_done_standing_or_seated() -> None:
    routine = library().routine("desk-break")
    assert routine is not None
    positions = {s.stretch.position for s in routine.steps if isinstance(s, StretchStep)}
    assert positions <= {"standing", "seated"}


def test_spasm_routine_starts_lying_down_with_support_and_breathes() -> None:
    routine = library().routine("during-a-spasm")
    assert routine is not None
    first = routine.steps[0]
    assert isinstance(first, StretchStep) and first.stretch.id == "supported-rest"
    assert any(step.title == "Slow breathing" for step in routine.steps)
    positions = {s.stretch.position for s in routine.steps if isinstance(s, StretchStep)}
    assert positions == {"lying"}


@pytest.mark.parametrize("path", sorted((RESOURCES / "routines").glob("*.yaml")), ids=str)
def test_bundled_routine_names_its_schema_on_the_first_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/routine.schema.json"


# -- what must never be in the content --------------------------------------------------------


def _resource_texts() -> list[tuple[Path, str]]:
    return [
        (p, p.read_text(encoding="utf-8"))
        for p in sorted(RESOURCES.rglob("*"))
        if p.is_file() and p.suffix in (".yaml", ".yml", ".json", ".svg", ".txt", ".md")
    ]


def test_no_drug_brand_or_clinic_name_anywhere_in_resources() -> None:
    found = [
        f"{path.relative_to(RESOURCES)}: {name}"
        for path, text in _resource_texts()
        for name in FORBIDDEN_NAMES
        if re.search(rf"\b{re.escape(name)}\b", text.lower())
    ]
    assert found == []


def test_no_scraped_page_furniture_in_the_content() -> None:
    found = [
        f"{path.relative_to(RESOURCES)}: {phrase}"
        for path, text in _resource_texts()
        for phrase in JUNK_PHRASES
        if phrase in text.lower().replace("\u2019", "'")
    ]
    assert found == []


def test_no_run_of_eight_words_is_copied_from_the_article() -> None:
    runs = _article_runs()
    assert len(runs) > 3000  # the whole article, not an empty file
    copied = []
    for path in sorted(CONTENT.rglob("*.yaml")) + sorted((RESOURCES / "routines").glob("*.yaml")):
        for text in strings_in(yaml.safe_load(path.read_text(encoding="utf-8"))):
            mine = _words(text)
            for i in range(len(mine) - COPY_RUN_WORDS + 1):
                if _run_fingerprint(mine[i : i + COPY_RUN_WORDS]) in runs:
                    copied.append(f"{path.name}: {' '.join(mine[i : i + COPY_RUN_WORDS])}")
    assert copied == []
