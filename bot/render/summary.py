"""One plain English sentence per event, whatever the article's language: the alert's lead."""

from __future__ import annotations

from collections.abc import Sequence

from bot.kinds import FIGURES
from bot.records import (
    Aspect,
    Attribution,
    Event,
    EventKind,
    Figure,
    FigureName,
    PlaceLevel,
    PlaceMention,
    PlaceRole,
    Weapon,
)

# How a plant's state or a damaged system reads after its name.
ASPECT_WORDS: dict[Aspect, str] = {
    Aspect.DIESEL_POWER: "running on diesel generators",
    Aspect.OFFSITE_POWER_LOST: "lost off-site power",
    Aspect.UNDER_ATTACK: "under attack",
    Aspect.RADIATION: "radiation concern",
    Aspect.POWER: "Power infrastructure",
    Aspect.GAINED: "recaptured",
    Aspect.LOST: "lost",
}
_STRIKE_LABELS = {Weapon.AIR: "Air strike", Weapon.ARTILLERY: "Shelling"}


def figure_words(figures: Sequence[tuple[FigureName, Figure]]) -> str:
    """`19 killed, more than 100 injured`."""
    return ", ".join(f"{f} {FIGURES[name].words}" for name, f in figures)


def place_names(places: Sequence[PlaceMention], role: PlaceRole | None = None) -> str:
    """Names in the text's order, with their region when they share one: `Izium (Kharkiv
    Oblast)`."""
    chosen = [p for p in places if role is None or p.role is role]
    names = list(dict.fromkeys(p.place.name for p in chosen))
    regions = {
        p.place.admin1 for p in chosen if p.place.level is PlaceLevel.SETTLEMENT and p.place.admin1
    }
    text = ", ".join(names)
    if len(regions) == 1:
        region = next(iter(regions))
        if region not in names:
            text += f" ({region})"
    return text


def who_said(attribution: Sequence[Attribution]) -> str:
    parts = []
    for a in attribution[:2]:
        parts.append(f"{a.role} {a.who}" if a.role and len(a.role) < 40 else a.who)
    return " and ".join(parts)


def headline(event: Event) -> str:
    """What happened where, without figures: `Missile strike on Izium (Kharkiv Oblast)`."""
    where = place_names(event.places)
    kind = event.kind
    if kind is EventKind.EVACUATION:
        origin = place_names(event.places, PlaceRole.ORIGIN) or place_names(
            event.places, PlaceRole.LOCATION
        )
        dest = place_names(event.places, PlaceRole.DESTINATION)
        return (
            "Evacuation" + (f" from {origin}" if origin else "") + (f" to {dest}" if dest else "")
        )
    if kind is EventKind.STRIKE:
        weapon = event.weapon
        if weapon in (None, Weapon.UNKNOWN):
            label = "Strike"
        else:
            label = _STRIKE_LABELS.get(weapon, f"{weapon.value.capitalize()} strike")
        return label + (f" on {where}" if where else "")
    if kind is EventKind.CASUALTIES:
        return "Casualties" + (f" in {where}" if where else "")
    if kind is EventKind.INFRASTRUCTURE_DAMAGE:
        what = ASPECT_WORDS[Aspect.POWER] if event.aspect is Aspect.POWER else "Infrastructure"
        return f"{what} damaged" + (f" in {where}" if where else "")
    if kind is EventKind.TERRITORIAL_CHANGE:
        verb = ASPECT_WORDS[event.aspect or Aspect.GAINED]
        return f"Territory {verb}" + (f" in {where}" if where else "")
    if kind is EventKind.NUCLEAR_SAFETY:
        state = ASPECT_WORDS[event.aspect] if event.aspect else ""
        return (where or "A nuclear power plant") + (f" {state}" if state else ": safety concern")
    if kind is EventKind.AIR_DEFENSE:
        return "Air defence interceptions" + (f" over {where}" if where else "")
    return "Fighting" + (f" near {where}" if where else "")


def summary_line(event: Event) -> str:
    """The event in one sentence: what, where, how many, who says so."""
    text = headline(event)
    figs = figure_words(event.figures)
    if figs:
        text += f": {figs}"
    elif event.no_casualties:
        text += "; no casualties reported"
    said = who_said(event.attribution)
    if said:
        text += f", according to {said}"
    return text + "."
