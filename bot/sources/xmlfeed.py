"""RSS 0.9x/1.0/2.0 and Atom read with lxml: tolerant of real feeds, safe against hostile XML."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import partial
from html.entities import name2codepoint

from lxml import etree

from bot.errors import FeedParseError
from bot.sources.entry import Fragment, Listed, Markup, RawEntry

_ATOM_NAMESPACES = ("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#")
_ATOM = _ATOM_NAMESPACES[0]
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DCTERMS = "http://purl.org/dc/terms/"

# Junk before the document (a PHP warning, a stray byte) hides the root from the parser.
_DOCUMENT_START = re.compile(r"<\?xml|<(?:rss|feed|rdf:RDF|RDF)\b")
_CDATA = re.compile(r"(<!\[CDATA\[.*?\]\]>)", re.DOTALL)
# A bare "&" (in URLs mostly) or an HTML-only entity like &nbsp; is fatal to XML parsers,
# and recovery silently drops the text around it.
_AMPERSAND = re.compile(r"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;)([A-Za-z][A-Za-z0-9]*;)?")
_XML_ENTITIES = frozenset({"amp;", "lt;", "gt;", "quot;", "apos;"})


def _fix_ampersand(m: re.Match[str]) -> str:
    name = m.group(1)
    if name is None:
        return "&amp;"
    if name in _XML_ENTITIES:
        return m.group(0)
    codepoint = name2codepoint.get(name[:-1])
    # Entities the document declares itself stay for the parser, which does not expand them.
    return f"&#{codepoint};" if codepoint is not None else m.group(0)


def _repair(text: str) -> str:
    if not text.startswith("<") and (start := _DOCUMENT_START.search(text, 0, 4096)):
        text = text[start.start() :]
    parts = _CDATA.split(text)
    # split() keeps the CDATA sections at odd indexes; their content is taken literally.
    for i in range(0, len(parts), 2):
        parts[i] = _AMPERSAND.sub(_fix_ampersand, parts[i])
    return "".join(parts)


def _parser() -> etree.XMLParser:
    # No DTD loading, no entity expansion (XXE, billion laughs), no network, bounded trees.
    return etree.XMLParser(
        encoding="utf-8",
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        recover=True,
        remove_comments=True,
        remove_pis=True,
    )


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _namespace(el: etree._Element) -> str | None:
    return etree.QName(el).namespace


def _tag(namespace: str | None, name: str) -> str:
    return f"{{{namespace}}}{name}" if namespace else name


def _children(el: etree._Element) -> Iterator[etree._Element]:
    return (c for c in el if isinstance(c.tag, str))


class _Children:
    """An element's children by Clark tag, first occurrence kept: one pass, then dict lookups."""

    __slots__ = ("by_tag",)

    def __init__(self, el: etree._Element) -> None:
        self.by_tag: dict[str, etree._Element] = {}
        for child in el:
            if isinstance(child.tag, str):  # entities and the like have a function for a tag
                self.by_tag.setdefault(child.tag, child)

    def find(self, *wanted: tuple[str | None, str]) -> etree._Element | None:
        """The child of the first (namespace, local name) pair that has one."""
        for namespace, name in wanted:
            found = self.by_tag.get(_tag(namespace, name))
            if found is not None:
                return found
        return None

    def any_namespace(self, name: str) -> etree._Element | None:
        suffix = f"}}{name}"
        return next((el for tag, el in self.by_tag.items() if tag.endswith(suffix)), None)


def _inner(el: etree._Element | None) -> Fragment:
    """The element's content as HTML: escaped HTML comes back decoded, inline XHTML as is."""
    if el is None:
        return Fragment()
    if len(el) == 0:
        return Fragment(el.text or "")
    inner = [html.escape(el.text or "", quote=False)]
    inner += [etree.tostring(c, encoding="unicode", with_tail=True) for c in el]
    return Fragment("".join(inner))


def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    text = (el.text or "").strip() if len(el) == 0 else "".join(el.itertext()).strip()
    return text or None


def _rss_item(item: etree._Element, channel_link: str | None) -> Listed:
    core = _namespace(item)
    # (the first child of each tag, as _Children finds it, without reading every child)
    guid_el = item.find(_tag(core, "guid"))
    guid = _text(guid_el) or item.get(f"{{{_RDF}}}about")
    link = _text(item.find(_tag(core, "link")))
    if link is None and guid_el is not None and guid_el.get("isPermaLink") != "false":
        link = guid if guid and guid.startswith(("http://", "https://")) else None
    if link is None and (atom_link := item.find(_tag(_ATOM, "link"))) is not None:
        link = atom_link.get("href")
    base = item.base or channel_link
    return Listed(guid, link, base, partial(_rss_rest, item, core, guid, link, base))


def _rss_rest(
    item: etree._Element, core: str | None, guid: str | None, link: str | None, base: str | None
) -> RawEntry:
    children = _Children(item)
    content = children.find((_CONTENT, "encoded"))
    if content is None:  # Yandex's full text is the next best thing (ukranews sends it)
        content = children.any_namespace("full-text")
    return RawEntry(
        guid=guid,
        link=link,
        base=base,
        title=_inner(children.find((core, "title"))),
        summary=_inner(children.find((core, "description"))),
        content=_inner(content),
        published=_text(children.find((core, "pubDate"), (_DC, "date"), (_ATOM, "published"))),
        updated=_text(children.find((_ATOM, "updated"), (_DCTERMS, "modified"))),
    )


def _atom_text(el: etree._Element | None) -> Fragment:
    if el is None:
        return Fragment()
    kind = (el.get("type") or "text").lower()
    if kind in ("xhtml", "application/xhtml+xml"):
        div = next(_children(el), None)
        return _inner(div) if div is not None else _inner(el)
    if kind in ("text", "text/plain"):
        return Fragment("".join(el.itertext()), Markup.PLAIN)
    return _inner(el)


def _atom_link(entry: etree._Element, ns: str | None) -> str | None:
    links = [c for c in _children(entry) if c.tag == _tag(ns, "link")]
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return next((h for link in links if (h := link.get("href"))), None)


def _atom_item(entry: etree._Element) -> Listed:
    ns = _namespace(entry)
    guid = _text(entry.find(_tag(ns, "id")))
    link = _atom_link(entry, ns)
    return Listed(guid, link, entry.base, partial(_atom_rest, entry, ns, guid, link, entry.base))


def _atom_rest(
    entry: etree._Element, ns: str | None, guid: str | None, link: str | None, base: str | None
) -> RawEntry:
    children = _Children(entry)
    return RawEntry(
        guid=guid,
        link=link,
        base=base,
        title=_atom_text(children.find((ns, "title"))),
        summary=_atom_text(children.find((ns, "summary"))),
        content=_atom_text(children.find((ns, "content"))),
        published=_text(children.find((ns, "published"), (ns, "issued"), (ns, "created"))),
        updated=_text(children.find((ns, "updated"), (ns, "modified"))),
    )


def _drop_entities(root: etree._Element) -> None:
    """Unexpanded entity references (what XXE and billion laughs leave) vanish, tails kept."""
    for entity in list(root.iter(etree.Entity)):
        parent = entity.getparent()
        if parent is None:
            continue
        if entity.tail:
            previous = entity.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + entity.tail
            else:
                parent.text = (parent.text or "") + entity.tail
        parent.remove(entity)


def read_xml_feed(text: str, base_url: str | None) -> list[RawEntry]:
    """Entries of an RSS or Atom document; FeedParseError when it is not one."""
    return [listed.read() for listed in list_xml_feed(text, base_url)]


def list_xml_feed(text: str, base_url: str | None) -> list[Listed]:
    """The items of an RSS or Atom document, each read whole only when asked (`read`);
    FeedParseError when it is not one."""
    parser = _parser()
    try:
        root = etree.fromstring(_repair(text).encode("utf-8"), parser, base_url=base_url)
    except etree.XMLSyntaxError as exc:
        raise FeedParseError(f"not XML: {exc}") from exc
    if root is None:
        raise FeedParseError("not XML: no root element")
    fatal = [e for e in parser.error_log if e.level >= etree.ErrorLevels.FATAL]
    if fatal and any("depth" in e.message.lower() for e in fatal):
        # Recovery from a tree nested past the safe depth keeps the part before it and
        # silently drops every item after: refuse, so the tolerant parser reads the rest.
        raise FeedParseError(f"XML nested too deep: {fatal[0].message.strip()}")
    _drop_entities(root)
    kind = _local(root)
    if kind == "feed" and _namespace(root) in _ATOM_NAMESPACES:
        return [_atom_item(e) for e in root.iter(f"{{{_namespace(root)}}}entry")]
    if kind not in ("rss", "RDF"):
        raise FeedParseError(f"not a feed: the document's root element is <{kind}>")
    channel = next((c for c in _children(root) if _local(c) == "channel"), None)
    channel_link = None
    if channel is not None:
        channel_link = _text(_Children(channel).find((_namespace(channel), "link")))
    return [_rss_item(item, channel_link) for item in root.iter("{*}item")]
