"""How big everything in the running routine is, from the view's size: the countdown as
big as the right half allows (readable from 2-3 metres in a window, from across the room
in full screen), the words as big as the height allows. Pure arithmetic in `sizes_for`, so
the sizes at 1024x600 or 4K can be checked without a window."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from backease_desktop.ui.player.run_parts import set_pixel_size

if TYPE_CHECKING:
    from backease_desktop.ui.player.run_view import RunView


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


def apply_sizes(view: RunView, sizes: Sizes) -> None:
    counter = view.stretch_body.counter
    set_pixel_size(counter.countdown, sizes.countdown, bold=True)
    counter.badge.set_pixels(sizes.badge)
    set_pixel_size(counter.detail_label, sizes.detail, bold=True)
    set_pixel_size(counter.next_label, sizes.next)
    breath = view.breath_body
    set_pixel_size(breath.detail, sizes.detail, bold=True)
    set_pixel_size(breath.title, sizes.title, bold=True)
    for label in (breath.next, breath.left):
        set_pixel_size(label, sizes.next)
    set_pixel_size(breath.guidance, sizes.text)
    set_pixel_size(view.status.label, sizes.status, bold=True)
    for label in (view.routine_label, view.step_label, view.time_left_label):
        set_pixel_size(label, sizes.header, bold=label is view.routine_label)
    # Last: the words' column fits itself into the height the rest leaves it.
    view.stretch_body.words.set_sizes(sizes.title, sizes.text)
