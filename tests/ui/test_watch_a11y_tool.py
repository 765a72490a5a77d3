"""tools/watch-a11y times the pacer by its words on the accessibility bus: it must listen
for the words the pacer shows, or it sees nothing and reports a failure for the wrong
reason (it was left expecting "Hold" after the pause was renamed "Pause")."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path
from types import ModuleType

from backease_desktop.core.content import BreathePattern
from backease_desktop.core.player import PhaseKind
from backease_desktop.ui.player.wording import PHASE_LOOKS

TOOL = Path(__file__).resolve().parents[2] / "tools" / "watch-a11y"


def load_tool() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("watch_a11y", str(TOOL))
    spec = importlib.util.spec_from_loader("watch_a11y", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)  # its main() runs only as a script
    return module


def test_the_tool_listens_for_the_pacers_words_and_lengths() -> None:
    pattern = load_tool().PATTERN
    rhythm = BreathePattern()
    assert pattern == {
        PHASE_LOOKS[PhaseKind.BREATHE_IN].word: rhythm.inhale_s,
        PHASE_LOOKS[PhaseKind.BREATHE_PAUSE].word: rhythm.pause_s,
        PHASE_LOOKS[PhaseKind.BREATHE_OUT].word: rhythm.exhale_s,
    }
