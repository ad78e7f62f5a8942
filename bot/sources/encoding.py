"""Which character set a fetched feed is really in, and its text decoded with it."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_XML_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_UTF16_NO_BOM = ((b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"))


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def candidates(body: bytes, content_type: str | None) -> list[str]:
    """Encodings to try in order: BOM, HTTP charset, XML declaration, UTF-8, windows-1252.

    A declared charset that fails to decode strictly is skipped, so a Latin-1 body labelled
    (or defaulted to) UTF-8 still reads correctly; windows-1252 is last because it decodes
    almost anything, and latin-1 catches its five unassigned bytes.
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return [name]
    for prefix, name in _UTF16_NO_BOM:
        if body.startswith(prefix):
            return [name]
    found: list[str | None] = []
    if content_type and (charset := _CHARSET_PARAM.search(content_type)):
        found.append(_known(charset.group(1)))
    if declaration := _XML_DECL_ENCODING.match(body[:512]):
        found.append(_known(declaration.group(1).decode("ascii")))
    found += ["utf-8", "cp1252", "latin-1"]
    ordered: list[str] = []
    for label in found:
        # A UTF-16 label on a body without a BOM or a UTF-16 start is a lie: skip it.
        if label and label not in ordered and not label.startswith("utf-16"):
            ordered.append(label)
    return ordered


def decode_body(body: bytes, content_type: str | None = None) -> str:
    """The body as text, decoded with the first candidate encoding that fits, BOM removed."""
    for name in candidates(body, content_type):
        try:
            text = body.decode(name)
        except UnicodeDecodeError:
            continue
        return text.removeprefix("\ufeff")
    # latin-1 decodes every byte string; this is only reached for a lone BOM-led codec.
    return body.decode("latin-1")
