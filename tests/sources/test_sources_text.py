"""HTML fragments to plain text, as a table."""

from __future__ import annotations

import pytest

from bot.sources.text import html_to_text, plain_text

CASES = [
    ("plain words", "plain words"),
    ("  spaced \t out\n words ", "spaced out words"),
    ("<p>One</p><p>Two</p>", "One\n\nTwo"),
    ("<div><p>Nested</p></div><div>block</div>", "Nested\n\nblock"),
    ("line<br>break", "line\nbreak"),
    ("para<br/><br/>graph", "para\n\ngraph"),
    ("<b>bold</b> and <a href='/x'>link</a>", "bold and link"),
    ("Fish &amp; chips &mdash; &#8220;quoted&#8221; &eacute;", "Fish & chips — “quoted” é"),
    ("<p>a</p><script>alert('x')</script><style>p{}</style><p>b</p>", "a\n\nb"),
    ("<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"),
    ("<h2>Head</h2>Body text", "Head\n\nBody text"),
    ("&lt;p&gt;escaped twice&lt;/p&gt;&lt;p&gt;second&lt;/p&gt;", "escaped twice\n\nsecond"),
    ("First para.\n\nSecond para.\nsame para", "First para.\n\nSecond para. same para"),
    ("unclosed <b>bold <i>italic", "unclosed bold italic"),
    ("2 < 3 and 4 > 1", "2 < 3 and 4 > 1"),
    ("<p>\u00a0</p><p>kept</p>", "kept"),
    ("<img src='x.jpg' alt='photo'>Caption", "Caption"),
    ("", ""),
]  # fmt: skip


@pytest.mark.parametrize(("fragment", "expected"), CASES)
def test_html_to_text(fragment: str, expected: str) -> None:
    assert html_to_text(fragment) == expected


def test_plain_text_keeps_angle_brackets_and_decodes_entities() -> None:
    assert plain_text("a <b> &amp; c\n\n\nd") == "a <b> & c\n\nd"
