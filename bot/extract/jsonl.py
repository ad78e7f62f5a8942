"""The stable `newsalert extract` interface: JSON Lines articles in, one events line out each."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time
from typing import Any

from bot.cleantext import clean_optional, clean_text
from bot.extract import Extractor
from bot.records import Article, Event
from bot.render.summary import summary_line

logger = logging.getLogger(__name__)


def event_to_json(event: Event) -> dict[str, Any]:
    """The documented event shape; fields may be added, never renamed or removed."""
    out: dict[str, Any] = {
        "kind": event.kind.value,
        "weapon": event.weapon.value if event.weapon else None,
        "places": [
            {
                "mention": m.mention,
                "name": m.place.name,
                "admin1": m.place.admin1,
                "country": m.place.country,
                "lat": None if m.place.lat is None else round(m.place.lat, 4),
                "lon": None if m.place.lon is None else round(m.place.lon, 4),
                "role": m.role.value,
                "level": m.place.level.value,
                "geonameid": m.place.geonameid,
                "katottg": m.place.code,
                "confidence": round(m.score, 2),
            }
            for m in event.places
        ],
        "figures": {
            label: {"value": f.value, "qualifier": f.qualifier.value}
            | ({"upper": f.upper} if f.upper is not None else {})
            for label, f in event.figures
        },
        "attribution": [{"who": a.who, "role": a.role} for a in event.attribution],
        "date": event.date.isoformat() if event.date else None,
        "summary": summary_line(event),
        "evidence": event.evidence,
    }
    if event.weapon is None:
        del out["weapon"]
    if event.aspect is not None:
        out["aspect"] = event.aspect.value
    if event.also:
        out["also"] = [k.value for k in event.also]
    if event.no_casualties:
        out["no_casualties"] = True
    if event.denied:
        out["denied"] = True
    if event.disputed_by:
        out["disputed_by"] = [{"who": a.who, "role": a.role} for a in event.disputed_by]
    if event.language:
        out["language"] = event.language
    return out


def _published(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError("'published' must be an ISO-8601 string or null")
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(text), time(12, 0))
        except ValueError:
            raise ValueError(
                f"'published': {value!r} is not an ISO-8601 date or datetime"
            ) from None
    # A date-only or naive stamp is taken as UTC; noon keeps a bare date on the same day in Kyiv.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def article_from_json(data: object) -> Article:
    if not isinstance(data, dict):
        raise ValueError("each line must be a JSON object")
    title, text = data.get("title", ""), data.get("text", "")
    if not isinstance(title, str) or not isinstance(text, str):
        raise ValueError("'title' and 'text' must be strings")
    if not title.strip() and not text.strip():
        raise ValueError("the article has neither 'title' nor 'text'")
    url = data.get("url")
    if url is not None and not isinstance(url, str):
        raise ValueError("'url' must be a string or null")
    return Article(
        source_id="extract",
        guid=clean_text(str(data.get("id"))) if data.get("id") is not None else None,
        url=clean_optional(url),
        title=clean_text(title),
        text=clean_text(text),
        published_at=_published(data.get("published")),
        fetched_at=datetime.now(UTC),
    )


def run_lines(lines: Iterable[str], extractor: Extractor) -> Iterator[str]:
    """One output line per input line, in order; a bad line gets an error object, not a crash."""
    for raw in lines:
        if not raw.strip():
            continue
        ident: object = None
        try:
            data = json.loads(raw)
            if isinstance(data, dict):
                ident = echoed_id(data.get("id"))
            article = article_from_json(data)
            events = extractor.extract(article)
            result: dict[str, Any] = {"id": ident, "events": [event_to_json(e) for e in events]}
        except Exception as exc:  # one bad article must not stop the stream
            result = error_result(ident, exc)
        yield json.dumps(result, ensure_ascii=False)


def echoed_id(ident: object) -> object:
    """The id as given, to be written back: a string made safe to print."""
    return clean_text(ident) if isinstance(ident, str) else ident


def error_result(ident: object, exc: Exception) -> dict[str, Any]:
    """The line a stream prints for an article it could not handle, saying why."""
    if isinstance(exc, json.JSONDecodeError):
        return {"id": None, "error": f"not valid JSON: {exc.msg} at column {exc.colno}"}
    if isinstance(exc, ValueError):
        return {"id": ident, "error": str(exc)}
    logger.exception("article failed id=%s", ident)
    return {"id": ident, "error": f"internal error: {type(exc).__name__}: {exc}"}
