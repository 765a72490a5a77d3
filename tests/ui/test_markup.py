"""Text shown as rich text is escaped exactly as the standard library would escape it."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from backease_desktop.ui.markup import escape


@given(st.text(alphabet=st.sampled_from("&<>\"'a é;#x1") | st.characters()))
def test_escape_matches_html_escape(text: str) -> None:
    assert escape(text) == html.escape(text, quote=True)


def test_markup_in_content_stays_text() -> None:
    assert escape("<b>Stop</b> & 'rest'") == "&lt;b&gt;Stop&lt;/b&gt; &amp; &#x27;rest&#x27;"
