"""What BackEase knows, as immutable values. Built once by the loader; everything else
(engine, scheduler, widgets) reads these and never the YAML.

NamedTuples rather than frozen dataclasses: the same immutable records with equality and a
readable repr, but made without generating and compiling code when the module loads (the
dataclass version cost 35 million instructions, about 10 ms, of every start)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, NamedTuple

from backease_desktop.core.content.errors import ContentError

Side = Literal["left", "right"]


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


class RedFlag(NamedTuple):
    """A symptom that means "contact a medical professional"."""

    id: str
    text: str


class RedFlags(NamedTuple):
    """The article's list: `urgent` are the "contact a medical professional" items, `also_call`
    the "also call if" items. `banner` is the one line shown on every screen."""

    banner: str
    intro: str
    urgent: tuple[RedFlag, ...]
    also_call: tuple[RedFlag, ...]
    advice: str = ""

    @property
    def all(self) -> tuple[RedFlag, ...]:
        return self.urgent + self.also_call


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
    red_flags: RedFlags = RedFlags(banner="", intro="", urgent=(), also_call=())
    breathing: BreathePattern = BreathePattern()
    errors: tuple[ContentError, ...] = ()

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def stretch(self, stretch_id: str) -> Stretch | None:
        return next((s for s in self.stretches if s.id == stretch_id), None)

    def routine(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)
