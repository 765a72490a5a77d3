"""Plain text put into Qt's rich text (topic pages, cards, dialogs) safely.

`escape()` is html.escape's rule written out: importing the html package also loads
html.entities, a table of some 2,200 names used only for unescaping, built at every start
before the first topic page was drawn."""

from __future__ import annotations


def escape(text: str) -> str:
    """`text` as rich text: &, <, >, " and ' become entities, exactly as html.escape does."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
