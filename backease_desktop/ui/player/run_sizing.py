"""How big everything in the running routine is, from the view's size: the countdown as
big as the right half allows (readable from 2-3 metres in a window, from across the room
in full screen), the words as big as the height allows. Pure arithmetic in `sizes_for`, so
the sizes at 1024x600 or 4K can be checked without a window."""

from __future__ import annotations

from typing import NamedTuple


class Sizes(NamedTuple):
    """Pixel sizes of the fonts (and the badge) at one view size."""

    countdown: int
    badge: int
    detail: int
    title: int
    next: int
    text: int
    status: int
    header: int


# The widest phase word ("Switch sides") with its padding is about this many times the
# badge's font size wide; the badge must fit its half of the view.
BADGE_WIDTH_EMS = 9.0


def sizes_for(width: int, height: int) -> Sizes:
    countdown = min(height * 0.36, width * 0.24)
    column = (width - 68) / 2  # the view's margins and the gap between its halves
    return Sizes(
        countdown=round(countdown),
        badge=round(max(16, min(countdown * 0.26, column / BADGE_WIDTH_EMS))),
        detail=round(max(18, countdown * 0.17)),
        title=round(max(20, height * 0.045)),
        next=round(max(15, height * 0.03)),
        text=round(max(15, height * 0.028)),
        status=round(max(15, height * 0.03)),
        header=round(max(13, height * 0.022)),
    )
