"""JSON-ready dicts for the records the store keeps as text: events, filters, documents, stories."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.records import (
    Aspect,
    Attribution,
    Block,
    BlockKind,
    Button,
    Document,
    Event,
    EventKind,
    Figure,
    FigureName,
    Filter,
    Near,
    Place,
    PlaceLevel,
    PlaceMention,
    PlaceRef,
    PlaceRole,
    Qualifier,
    Severity,
    Story,
    Verification,
    Weapon,
)

JsonObject = dict[str, Any]


def _severity_to_json(severity: Severity) -> str:
    return severity.label


def _severity_from_json(value: Any) -> Severity:
    # Names, not numbers, so that a row still reads right if the tiers are ever renumbered.
    return Severity[str(value).upper()]


# --- events ----------------------------------------------------------------------------------


def _place_to_dict(place: Place) -> JsonObject:
    return {
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "level": place.level.value,
        "geonameid": place.geonameid,
        "population": place.population,
    } | ({"code": place.code} if place.code else {})


def _place_from_dict(data: JsonObject) -> Place:
    return Place(
        name=data["name"],
        country=data["country"],
        admin1=data.get("admin1"),
        lat=data.get("lat"),
        lon=data.get("lon"),
        level=PlaceLevel(data.get("level", PlaceLevel.SETTLEMENT.value)),
        geonameid=data.get("geonameid"),
        population=data.get("population", 0),
        code=data.get("code"),
    )


def _figure_to_dict(figure: Figure) -> JsonObject:
    return {"value": figure.value, "qualifier": figure.qualifier.value, "upper": figure.upper}


def _figure_from_dict(data: JsonObject) -> Figure:
    return Figure(
        value=data["value"],
        qualifier=Qualifier(data.get("qualifier", Qualifier.EXACT.value)),
        upper=data.get("upper"),
    )


def event_to_dict(event: Event) -> JsonObject:
    return {
        "kind": event.kind.value,
        "places": [
            {
                "mention": m.mention,
                "place": _place_to_dict(m.place),
                "role": m.role.value,
                "score": m.score,
            }
            for m in event.places
        ],
        # A list of pairs, not a mapping: the extractor's label order is kept.
        "figures": [[label, _figure_to_dict(f)] for label, f in event.figures],
        "attribution": [{"who": a.who, "role": a.role} for a in event.attribution],
        "date": event.date.isoformat() if event.date else None,
        "evidence": event.evidence,
        "weapon": event.weapon.value if event.weapon else None,
        "aspect": event.aspect.value if event.aspect else None,
        "denied": event.denied,
        "no_casualties": event.no_casualties,
        "disputed_by": [{"who": a.who, "role": a.role} for a in event.disputed_by],
        "language": event.language,
        "also": [k.value for k in event.also],
    }


_FIGURE_NAMES = frozenset(FigureName)
_ASPECTS = frozenset(Aspect)
_KINDS = frozenset(EventKind)


def event_from_dict(data: JsonObject) -> Event:
    return Event(
        kind=EventKind(data["kind"]),
        places=tuple(
            PlaceMention(
                mention=m["mention"],
                place=_place_from_dict(m["place"]),
                role=PlaceRole(m.get("role", PlaceRole.LOCATION.value)),
                score=m.get("score", 1.0),
            )
            for m in data.get("places", ())
        ),
        # Figures of a name this version does not know are left out, not a failure.
        figures=tuple(
            (FigureName(label), _figure_from_dict(f))
            for label, f in data.get("figures", ())
            if label in _FIGURE_NAMES
        ),
        attribution=tuple(
            Attribution(who=a["who"], role=a.get("role")) for a in data.get("attribution", ())
        ),
        date=date.fromisoformat(data["date"]) if data.get("date") else None,
        evidence=data.get("evidence", ""),
        weapon=Weapon(data["weapon"]) if data.get("weapon") else None,
        aspect=Aspect(data["aspect"]) if data.get("aspect") in _ASPECTS else None,
        also=tuple(EventKind(k) for k in data.get("also", ()) if k in _KINDS),
        denied=bool(data.get("denied", False)),
        no_casualties=bool(data.get("no_casualties", False)),
        disputed_by=tuple(
            Attribution(who=a["who"], role=a.get("role")) for a in data.get("disputed_by", ())
        ),
        language=data.get("language"),
    )


# --- filters ---------------------------------------------------------------------------------


def filter_to_dict(filter_: Filter) -> JsonObject:
    return (
        {
            "kinds": [k.value for k in filter_.kinds],
            "places": [
                {
                    "name": p.name,
                    "level": p.level.value,
                    "country": p.country,
                    "admin1": p.admin1,
                    "geonameid": p.geonameid,
                }
                | ({"code": p.code} if p.code else {})
                for p in filter_.places
            ],
            "include": list(filter_.include),
            "exclude": list(filter_.exclude),
            "min_severity": _severity_to_json(filter_.min_severity),
        }
        | ({"digest": filter_.digest} if filter_.digest else {})
        | ({"near": _near_to_dict(filter_.near)} if filter_.near else {})
    )


def _near_to_dict(near: Near) -> JsonObject:
    return {
        "lat": near.lat,
        "lon": near.lon,
        "km": near.km,
        "name": near.name,
        "level": near.level.value,
        "admin1": near.admin1,
        "code": near.code,
    }


def _near_from_dict(data: JsonObject) -> Near:
    return Near(
        lat=float(data["lat"]),
        lon=float(data["lon"]),
        km=float(data["km"]),
        name=str(data["name"]),
        level=PlaceLevel(data.get("level", PlaceLevel.SETTLEMENT.value)),
        admin1=data.get("admin1"),
        code=data.get("code"),
    )


def filter_from_dict(data: JsonObject) -> Filter:
    return Filter(
        kinds=tuple(EventKind(k) for k in data.get("kinds", ())),
        places=tuple(
            PlaceRef(
                name=p["name"],
                level=PlaceLevel(p["level"]),
                country=p["country"],
                admin1=p.get("admin1"),
                geonameid=p.get("geonameid"),
                code=p.get("code"),
            )
            for p in data.get("places", ())
        ),
        include=tuple(data.get("include", ())),
        exclude=tuple(data.get("exclude", ())),
        min_severity=_severity_from_json(data.get("min_severity", Severity.ROUTINE.label)),
        digest=data.get("digest"),
        near=_near_from_dict(data["near"]) if data.get("near") else None,
    )


# --- documents -------------------------------------------------------------------------------


def document_to_dict(document: Document) -> JsonObject:
    return {
        "blocks": [
            {
                "kind": b.kind.value,
                "text": b.text,
                "items": list(b.items),
                "url": b.url,
                "severity": _severity_to_json(b.severity) if b.severity else None,
            }
            for b in document.blocks
        ]
    } | (
        {"buttons": [[[x.label, x.action] for x in row] for row in document.buttons]}
        if document.buttons
        else {}
    )


def document_from_dict(data: JsonObject) -> Document:
    return Document(
        blocks=tuple(
            Block(
                kind=BlockKind(b["kind"]),
                text=b.get("text", ""),
                items=tuple(b.get("items", ())),
                url=b.get("url"),
                severity=_severity_from_json(b["severity"]) if b.get("severity") else None,
            )
            for b in data.get("blocks", ())
        ),
        buttons=tuple(
            tuple(Button(label, action) for label, action in row)
            for row in data.get("buttons", ())
        ),
    )


# --- stories ---------------------------------------------------------------------------------


def story_to_dict(story: Story) -> JsonObject:
    """The card as the stories table keeps it (id, times and counts have their columns)."""
    return {
        "event": event_to_dict(story.event),
        "outlets": list(story.outlets),
        "verification": story.verification.value,
        "corrected": story.corrected,
    }


def story_from_dict(
    data: JsonObject, *, story_id: int, reports: int, first_seen: datetime, last_seen: datetime
) -> Story:
    return Story(
        id=story_id,
        event=event_from_dict(data["event"]),
        outlets=tuple(data.get("outlets", ())),
        reports=reports,
        verification=Verification(data.get("verification", Verification.REPORTED.value)),
        first_seen=first_seen,
        last_seen=last_seen,
        corrected=bool(data.get("corrected", False)),
    )


def figures_to_list(figures: tuple[tuple[FigureName, Figure], ...]) -> list[Any]:
    return [[label.value, _figure_to_dict(f)] for label, f in figures]


def figures_from_list(data: list[Any]) -> tuple[tuple[FigureName, Figure], ...]:
    return tuple(
        (FigureName(label), _figure_from_dict(f)) for label, f in data if label in _FIGURE_NAMES
    )
