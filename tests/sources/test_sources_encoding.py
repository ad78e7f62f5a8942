"""Character-set detection of feed bodies."""

from __future__ import annotations

import codecs

import pytest

from bot.sources.encoding import decode_body

DOC = '<?xml version="1.0" encoding="{enc}"?><rss><title>{text}</title></rss>'


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (DOC.format(enc="windows-1251", text="Київ").encode("cp1251"), None, "Київ"),
        (DOC.format(enc="ISO-8859-1", text="Notícias").encode("latin-1"), None, "Notícias"),
        # No declaration, not UTF-8: windows-1252 it is (the UOL feed).
        ("<rss><title>Últimas Notícias</title></rss>".encode("latin-1"), None, "Últimas Notícias"),
        # Declared UTF-8, but the bytes are not: the declaration loses.
        (DOC.format(enc="utf-8", text="Café").encode("latin-1"), None, "Café"),
        # The HTTP charset wins over the declaration when it decodes.
        (DOC.format(enc="latin-1", text="Харків").encode(), "text/xml; charset=utf-8", "Харків"),
        (DOC.format(enc="bogus-charset", text="Одеса").encode("utf-8"), None, "Одеса"),
        (codecs.BOM_UTF8 + "<rss>Львів</rss>".encode(), None, "Львів"),
        (codecs.BOM_UTF16_LE + "<rss>Львів</rss>".encode("utf-16-le"), None, "Львів"),
        ("<?xml version='1.0'?><rss>Суми</rss>".encode("utf-16-be"), None, "Суми"),
        (b"<rss>\x81\x8d bytes cp1252 lacks</rss>", None, "\x81\x8d bytes"),
    ],
)  # fmt: skip
def test_decode_body(body: bytes, content_type: str | None, expected: str) -> None:
    text = decode_body(body, content_type)

    assert expected in text
    assert not text.startswith("\ufeff")
