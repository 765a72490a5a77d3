"""The content model (immutable records: NamedTuples) and the YAML loader that builds it."""

from backease_desktop.core.content.errors import ContentError
from backease_desktop.core.content.model import (
    BreathePattern,
    BreatheStep,
    Library,
    RedFlag,
    RedFlagGroup,
    RedFlags,
    RestStep,
    Routine,
    Section,
    Side,
    Step,
    Stretch,
    StretchStep,
    Tier,
    Topic,
)

__all__ = [
    "BreathePattern",
    "BreatheStep",
    "ContentError",
    "Library",
    "RedFlag",
    "RedFlagGroup",
    "RedFlags",
    "RestStep",
    "Routine",
    "Section",
    "Side",
    "Step",
    "Stretch",
    "StretchStep",
    "Tier",
    "Topic",
]
