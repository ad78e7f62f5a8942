"""Canonical URLs, as a table."""

from __future__ import annotations

import pytest

from bot.sources.canonical import canonical_url

CASES = [
    ("https://example.com/a", None, "https://example.com/a"),
    ("HTTPS://Example.COM/a/B", None, "https://example.com/a/B"),
    ("https://example.com", None, "https://example.com/"),
    ("https://example.com/a#section", None, "https://example.com/a"),
    ("https://example.com/a?utm_source=rss&utm_MEDIUM=x&id=3", None, "https://example.com/a?id=3"),
    ("https://example.com/a?fbclid=abc&gclid=def", None, "https://example.com/a"),
    ("https://example.com/a?b=2&a=1&utm_campaign=z", None, "https://example.com/a?b=2&a=1"),
    ("https://example.com/a?q=x%2Fy+z", None, "https://example.com/a?q=x%2Fy+z"),
    ("http://example.com:80/a", None, "http://example.com/a"),
    ("https://example.com:443/a", None, "https://example.com/a"),
    ("https://example.com:8443/a", None, "https://example.com:8443/a"),
    ("/news/1", "https://site.example/feeds/rss.xml", "https://site.example/news/1"),
    ("2", "https://site.example/feeds/", "https://site.example/feeds/2"),
    ("//cdn.example/x", "https://site.example/", "https://cdn.example/x"),
    ("  https://example.com/spaces  ", None, "https://example.com/spaces"),
    ("https://user@Example.com/a", None, "https://user@example.com/a"),
    ("https://[::1]:8080/a", None, "https://[::1]:8080/a"),
    ("/relative-without-base", None, None),
    ("mailto:someone@example.com", None, None),
    ("javascript:alert(1)", None, None),
    ("ftp://example.com/file", None, None),
    ("https://example.com:99999/", None, None),
    ("", None, None),
    (None, None, None),
]


@pytest.mark.parametrize(("url", "base", "expected"), CASES)
def test_canonical_url(url: str | None, base: str | None, expected: str | None) -> None:
    assert canonical_url(url, base) == expected


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        # Issue 11: a raw `"><script>` link was stored (and sent) unencoded.
        (
            'https://example.org/a"><script>alert(1)</script>',
            "https://example.org/a%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
        ),
        ("https://example.org/ü?q=ä b", "https://example.org/%C3%BC?q=%C3%A4%20b"),
        ("https://пример.укр/x", "https://xn--e1afmkfd.xn--j1amh/x"),
        # What was fine stays as sent.
        ("https://example.org/a%2Fb?x=1+2", "https://example.org/a%2Fb?x=1+2"),
        ("https://example.org/path_(1);v=2", "https://example.org/path_(1);v=2"),
        # No host a link can name.
        ("https://exa mple.org/x", None),
        ("https://<b>/x", None),
    ],
)
def test_links_are_stored_only_in_a_form_no_markup_breaks(raw: str, stored: str | None) -> None:
    assert canonical_url(raw) == stored
