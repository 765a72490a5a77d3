"""The warning signs the list must hold before any routine may start, each in its group.

The check before a routine is only as good as the list it asks about: a red-flags.yaml that
loads but has lost a sign (an edit gone wrong, a packaging slip) would let a person start
with that sign never asked. So `RedFlags.usable` says no to a list without every sign below
in the group named, routines stay closed (fail closed), and loading the bundled list says
what is missing (`required_sign_errors`). The list as loaded is kept for the banner and the
Warning signs dialog: showing what is there does no harm; starting a routine would.

The ids are those of resources/content/red-flags.yaml. The article's fourteen signs are
matched to them by key words in tests/core/test_content_completeness.py; the emergency
signs conservative guidance adds (NHS, NICE NG59: cauda equina, chest pain) are required
as well."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from backease_desktop.core.content.errors import ContentError

# Sign id -> the group of red-flags.yaml it must sit in.
REQUIRED_SIGN_IDS: Mapping[str, str] = {
    # Emergency: call the local emergency number now.
    "saddle-numbness": "emergency",
    "cannot-pass-urine": "emergency",
    "bladder-bowel-control": "emergency",
    "both-legs-or-worsening": "emergency",
    "fall-or-blow": "emergency",
    "chest-pain-or-breathless": "emergency",
    # See a doctor soon.
    "one-side-weakness-numbness": "soon",
    "unexplained-fever": "soon",
    "urine-burning-or-blood": "soon",
    "pain-below-knee": "soon",
    "night-pain": "soon",
    "redness-swelling": "soon",
    "no-comfortable-position": "soon",
    "weight-loss": "soon",
    # Standing facts, asked once and every 90 days.
    "cancer-history": "standing",
    "steroids-or-injected-drugs": "standing",
    "longer-than-four-weeks": "standing",
    "different-episode": "standing",
}


def missing_signs(groups: Mapping[str, Iterable[str]]) -> tuple[str, ...]:
    """The required ids not found in their group, given each group's sign ids, in the
    order of REQUIRED_SIGN_IDS."""
    present = {(group, sign) for group, signs in groups.items() for sign in signs}
    return tuple(sign for sign, group in REQUIRED_SIGN_IDS.items() if (group, sign) not in present)


def required_sign_errors(groups: Mapping[str, Iterable[str]], path: Path) -> list[ContentError]:
    """One error naming every required sign missing from a loaded list (`groups`: each
    group's sign ids), or sitting in another group, for the window's notice; none when all
    are there."""
    missing = missing_signs(groups)
    if not missing:
        return []
    named = ", ".join(f"{sign} ({REQUIRED_SIGN_IDS[sign]})" for sign in missing)
    message = f"lacks warning signs every list must hold, each in its group: {named}"
    return [ContentError(path, 1, 1, "signs", message)]
