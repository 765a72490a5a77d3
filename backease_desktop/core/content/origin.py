"""Where an exercise comes from, in one line the Stretches page and the player both show.

Kept apart from the exercise loader so the widgets can say it without loading PyYAML."""

from __future__ import annotations

from backease_desktop.core.content.model import Stretch

ARTICLE = "How To Ease Back Spasm Pain"
SOURCE_YOU = "you"


def provenance(stretch: Stretch) -> str:
    """Bundled: the article (or the guidance its file names) it follows. A person's own or
    imported exercise: who wrote it and the day it was added, and that BackEase did not
    check it, so nobody mistakes a plan from elsewhere for the app's advice."""
    if stretch.origin == "bundled":
        if stretch.source:
            return f"Follows {stretch.source}, in BackEase's own words."
        return f'Follows the article "{ARTICLE}", in BackEase\'s own words.'
    who = "you" if stretch.source.strip().lower() == SOURCE_YOU else stretch.source
    when = f", added {stretch.added}" if stretch.added else ""
    return f"Written by {who}{when}. Not checked by BackEase."
