"""Short human phrases for durations and doses, shared by the CLI and the widgets."""

from __future__ import annotations

from backease_desktop.core.content.model import Stretch, StretchStep

POSITION_WORDS = {
    "lying": "Lying down",
    "kneeling": "Kneeling",
    "all-fours": "On hands and knees",
    "seated": "Seated",
    "standing": "Standing",
}


def clock_duration(seconds: float) -> str:
    """ "m:ss" (or "h:mm:ss"), as a countdown shows it; never negative."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def spoken_duration(seconds: float) -> str:
    """ "20 seconds", "2 minutes", "1 minute 30 seconds": for cues and summaries."""
    total = max(0, round(seconds))
    minutes, secs = divmod(total, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute" + ("" if minutes == 1 else "s"))
    if secs or not minutes:
        parts.append(f"{secs} second" + ("" if secs == 1 else "s"))
    return " ".join(parts)


def about_minutes(seconds: float) -> str:
    """ "about 2 min" for lists of routines; short routines say seconds."""
    if seconds < 90:
        return f"about {max(1, round(seconds))} s"
    return f"about {round(seconds / 60)} min"


def dose(item: Stretch | StretchStep) -> str:
    """ "Hold 20 s · 3 times · each side" for a stretch or a routine's use of it."""
    parts = [f"Hold {item.hold_s:g} s" if item.reps == 1 else f"{item.hold_s:g} s each"]
    if item.reps > 1:
        parts.append(f"{item.reps} times")
    if len(item.sides) == 2:
        parts.append("each side")
    elif len(item.sides) == 1:
        parts.append(f"{item.sides[0]} side only")
    return " · ".join(parts)
