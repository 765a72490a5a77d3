"""What BackEase knows, as immutable values. Built once by the loader; everything else
(engine, scheduler, widgets) reads these and never the YAML.

NamedTuples rather than frozen dataclasses: the same immutable records with equality and a
readable repr, but made without generating and compiling code for each class when the
module loads, at every start."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, NamedTuple

from backease_desktop.core.content.errors import ContentError
from backease_desktop.core.content.required_signs import missing_signs

Side = Literal["left", "right"]
# Where an exercise comes from: shipped with the app, or the user's (written, imported).
Origin = Literal["bundled", "yours"]


class Section(NamedTuple):
    """One headed part of a topic page: paragraphs first, then a bulleted list."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


class Topic(NamedTuple):
    """A page of the sidebar, e.g. "What causes muscle spasms"."""

    id: str
    title: str
    icon: str
    order: int
    summary: str
    sections: tuple[Section, ...]
    stretch_ids: tuple[str, ...] = ()
    routine_ids: tuple[str, ...] = ()


class Stretch(NamedTuple):
    """A movement from the library, with the defaults a routine step may override.

    `hold_s` is the time for one repetition: a held position, or one slow movement for
    stretches done as repetitions (cat-cow). `sides` is empty for symmetric stretches.
    `description` says what the picture shows, for whoever cannot see it (a screen reader
    reads it as the image's description); last, with a default, so records built by older
    code and cached libraries still construct."""

    id: str
    title: str
    summary: str
    position: str
    illustration: str
    instructions: tuple[str, ...]
    cautions: tuple[str, ...]
    hold_s: float
    reps: int = 1
    sides: tuple[Side, ...] = ()
    rest_between_s: float = 0.0
    note: str = ""
    # Where it comes from (core/content/exercises.py): a bundled stretch follows the source
    # article unless `source` names other guidance; a user's exercise names who wrote it
    # ("you", a clinician) and the day it was added (ISO date), and `file` is where it is.
    origin: Origin = "bundled"
    source: str = ""
    added: str = ""
    file: Path | None = None
    description: str = ""


class StretchStep(NamedTuple):
    """A stretch as a routine uses it: the routine's hold, reps and sides, or the stretch's."""

    stretch: Stretch
    hold_s: float
    reps: int
    sides: tuple[Side, ...]
    rest_between_s: float
    note: str = ""

    @property
    def title(self) -> str:
        return self.stretch.title

    @property
    def duration_s(self) -> float:
        """Hold time plus rests between repetitions; side switches and get-ready time are the
        engine's to add, as they depend on how it paces a routine."""
        sides = max(1, len(self.sides))
        holds = self.hold_s * self.reps * sides
        rests = self.rest_between_s * (self.reps - 1) * sides
        return holds + rests


class BreatheStep(NamedTuple):
    """Paced breathing: inhale, pause, exhale, repeated `cycles` times."""

    inhale_s: float
    pause_s: float
    exhale_s: float
    cycles: int
    note: str = ""

    @property
    def title(self) -> str:
        return "Slow breathing"

    @property
    def cycle_s(self) -> float:
        return self.inhale_s + self.pause_s + self.exhale_s

    @property
    def duration_s(self) -> float:
        return self.cycle_s * self.cycles


class RestStep(NamedTuple):
    """A quiet pause between steps."""

    seconds: float
    note: str = ""

    @property
    def title(self) -> str:
        return "Rest"

    @property
    def duration_s(self) -> float:
        return self.seconds


Step = StretchStep | BreatheStep | RestStep


class Routine(NamedTuple):
    """A sequence of steps a person follows in the player; one YAML file each."""

    id: str
    title: str
    summary: str
    steps: tuple[Step, ...]
    get_ready_s: float = 5.0
    source: Path | None = None
    bundled: bool = True

    @property
    def steps_duration_s(self) -> float:
        """The time of the steps themselves, without get-ready or side-switch phases."""
        return sum(step.duration_s for step in self.steps)


Tier = Literal["emergency", "soon"]


class RedFlag(NamedTuple):
    """A sign that means "get medical help" instead of a routine.

    `tier` says how fast: "emergency" (call the local emergency number now) or "soon" (see
    a doctor today or in the next few days). `standing` marks a fact about a person's health
    that does not change from day to day (a past cancer, say): it is asked once and renewed
    rather than asked every day. `source` names where the sign comes from: the article, or
    the conservative guidance that added it."""

    id: str
    text: str
    tier: Tier = "soon"
    standing: bool = False
    source: str = "article"


class RedFlagGroup(NamedTuple):
    """One tier of the list as shown: its heading, what to do, and its signs."""

    heading: str
    advice: str
    signs: tuple[RedFlag, ...] = ()


NO_GROUP = RedFlagGroup(heading="", advice="")


class RedFlags(NamedTuple):
    """Every warning sign, in three groups: `emergency` and `soon` are asked before each
    day's first routine, `standing` facts once and again every 90 days. `banner` is the one
    line shown on every screen; it names the emergency tier."""

    banner: str
    intro: str
    emergency: RedFlagGroup = NO_GROUP
    soon: RedFlagGroup = NO_GROUP
    standing: RedFlagGroup = NO_GROUP

    @property
    def all(self) -> tuple[RedFlag, ...]:
        return self.emergency.signs + self.soon.signs + self.standing.signs

    @property
    def daily(self) -> tuple[RedFlag, ...]:
        """The signs that can change from one day to the next, asked before a routine."""
        return self.emergency.signs + self.soon.signs

    @property
    def usable(self) -> bool:
        """Whether the safety check can be asked at all. Without every required sign in its
        group (core/content/required_signs.py) the check would wave a person through with
        signs it never asked about, so routines stay closed (fail closed) until it loads."""
        return bool(self.banner) and not missing_signs(self.ids_by_group())

    def ids_by_group(self) -> dict[str, tuple[str, ...]]:
        """Each group's sign ids, by the group's key in red-flags.yaml."""
        return {
            "emergency": tuple(flag.id for flag in self.emergency.signs),
            "soon": tuple(flag.id for flag in self.soon.signs),
            "standing": tuple(flag.id for flag in self.standing.signs),
        }


NO_RED_FLAGS = RedFlags(banner="", intro="")


class BreathePattern(NamedTuple):
    """The article's breathing rhythm, used by `breathe:` steps that do not set their own."""

    inhale_s: float = 5.0
    pause_s: float = 1.0
    exhale_s: float = 3.0
    guidance: tuple[str, ...] = ()


class Library(NamedTuple):
    """Everything loaded, plus what could not be: a broken file is skipped and listed in
    `errors`, the rest of the library stays usable."""

    topics: tuple[Topic, ...] = ()
    stretches: tuple[Stretch, ...] = ()
    routines: tuple[Routine, ...] = ()
    red_flags: RedFlags = NO_RED_FLAGS
    breathing: BreathePattern = BreathePattern()
    errors: tuple[ContentError, ...] = ()
    # Worth saying once, but nothing was skipped: a stretch BackEase now ships under an id
    # a person's own exercise already had (core/content/exercises.py).
    notices: tuple[ContentError, ...] = ()

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def stretch(self, stretch_id: str) -> Stretch | None:
        return next((s for s in self.stretches if s.id == stretch_id), None)

    def routine(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)
