"""The routine player: red-flag check, the running routine with its breathing pacer and
controls, and the summary afterwards."""

from backease_desktop.ui.player.page import PlayerPage

__all__ = ["PlayerPage"]
