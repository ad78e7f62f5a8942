"""HTML fragments from feeds turned into plain text with paragraph breaks kept."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "table", "tr", "ul",
    }
)  # fmt: skip
# Their content is never prose a reader sees.
_DROPPED_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_BLANK_LINES = re.compile(r"\n\s*\n")
# A cheap test for "is there any markup at all"; plain-text descriptions keep their own breaks.
_TAG = re.compile(r"<[A-Za-z/!]")

_PARA = "\x00P"
_LINE = "\x00L"


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._dropped_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_TAGS:
            self._dropped_depth += 1
        elif tag == "br":
            self.pieces.append(_LINE)
        elif tag in _BLOCK_TAGS:
            self.pieces.append(_PARA)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.pieces.append(_LINE)
        elif tag in _BLOCK_TAGS:
            self.pieces.append(_PARA)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self._dropped_depth = max(0, self._dropped_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.pieces.append(_PARA)

    def handle_data(self, data: str) -> None:
        if not self._dropped_depth:
            self.pieces.append(data)


def _assemble(pieces: list[str]) -> str:
    paragraphs: list[str] = []
    lines: list[str] = []
    current: list[str] = []

    def end_line() -> None:
        lines.append(" ".join("".join(current).split()))
        current.clear()

    def end_paragraph() -> None:
        end_line()
        # Two <br> in a row read as a paragraph break, as browsers show them.
        chunk: list[str] = []
        for line in [*lines, ""]:
            if line:
                chunk.append(line)
            elif chunk:
                paragraphs.append("\n".join(chunk))
                chunk = []
        lines.clear()

    for piece in pieces:
        if piece == _PARA:
            end_paragraph()
        elif piece == _LINE:
            end_line()
        else:
            current.append(piece)
    end_paragraph()
    return "\n\n".join(paragraphs)


def plain_text(text: str) -> str:
    """Plain text tidied: entities decoded, blank lines kept as paragraph breaks, other
    whitespace runs collapsed. Angle brackets are left alone: they are not markup here."""
    text = html.unescape(text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (" ".join(p.split()) for p in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def html_to_text(fragment: str) -> str:
    """Readable text of an HTML fragment: entities decoded, scripts dropped, "\\n\\n" between
    paragraphs. A fragment without markup is taken as plain text with its blank lines kept."""
    if not _TAG.search(fragment):
        unescaped = html.unescape(fragment)
        # Escaped twice (`&lt;p&gt;` inside CDATA) is common: the markup shows after one decode.
        if not _TAG.search(unescaped):
            return plain_text(fragment)
        fragment = unescaped
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return _assemble(collector.pieces)
