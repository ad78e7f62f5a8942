"""One plain sentence per event, whatever the article's language, in the reader's: the
alert's lead."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import ENGLISH, N_, NP_, Audience, N_plural
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
    Qualifier,
    Weapon,
)

# How a plant's state reads after its name.
ASPECT_WORDS: dict[Aspect, str] = {
    Aspect.DIESEL_POWER: N_("{plant} running on diesel generators"),
    Aspect.OFFSITE_POWER_LOST: N_("{plant} lost off-site power"),
    Aspect.UNDER_ATTACK: N_("{plant} under attack"),
    Aspect.RADIATION: N_("{plant}: radiation concern"),
}
STRIKE_LABELS: dict[Weapon | None, str] = {
    None: N_("Strike"),
    Weapon.UNKNOWN: N_("Strike"),
    Weapon.MISSILE: N_("Missile strike"),
    Weapon.DRONE: N_("Drone strike"),
    Weapon.ARTILLERY: N_("Shelling"),
    Weapon.AIR: N_("Air strike"),
}
WEAPON_WORDS: dict[Weapon, str] = {
    Weapon.MISSILE: N_("missile"),
    Weapon.DRONE: N_("drone"),
    Weapon.ARTILLERY: N_("artillery"),
    Weapon.AIR: N_("air"),
}
# A count and what it counts, by its number: "3 killed", "1 загиблий", "5 загиблих".
FIGURE_WORDS: dict[FigureName, tuple[str, str]] = {
    FigureName.KILLED: N_plural("{n} killed", "{n} killed"),
    FigureName.INJURED: N_plural("{n} injured", "{n} injured"),
    FigureName.EVACUATED: N_plural("{n} evacuated", "{n} evacuated"),
    FigureName.SETTLEMENTS: N_plural("{n} settlement", "{n} settlements"),
    FigureName.WITHOUT_POWER: N_plural("{n} without power", "{n} without power"),
    FigureName.INTERCEPTED: N_plural("{n} shot down", "{n} shot down"),
    FigureName.LAUNCHED: N_plural("{n} launched", "{n} launched"),
}
_HEDGES: dict[Qualifier, str] = {
    Qualifier.EXACT: "{n}",
    Qualifier.ABOUT: N_("about {n}"),
    Qualifier.AT_LEAST: N_("at least {n}"),
    Qualifier.MORE_THAN: N_("more than {n}"),
    Qualifier.UP_TO: N_("up to {n}"),
}


def format_figure(figure: Figure, audience: Audience = ENGLISH) -> str:
    """`more than 100`, `about 20`, `10–15`, `up to 5`, `1,200`; `понад 100` in Ukrainian."""
    tr = audience.tr
    number = tr.number(figure.value)
    if figure.upper is not None and figure.upper != figure.value:
        number = f"{number}–{tr.number(figure.upper)}"
        if figure.qualifier is not Qualifier.ABOUT:  # a range is its own hedge
            return number
    hedge = _HEDGES[figure.qualifier]
    return (
        hedge.format(n=number)
        if figure.qualifier is Qualifier.EXACT
        else tr.gettext(hedge, n=number)
    )


def figure_text(name: FigureName, figure: Figure, audience: Audience = ENGLISH) -> str:
    """`3 killed`, `more than 100 injured`; the word agrees with the number where the
    language wants it to."""
    singular, plural = FIGURE_WORDS[name]
    count = figure.upper if figure.upper is not None else figure.value
    return audience.tr.ngettext(singular, plural, count, n=format_figure(figure, audience))


def figure_words(
    figures: Sequence[tuple[FigureName, Figure]], audience: Audience = ENGLISH
) -> str:
    """`19 killed, more than 100 injured`."""
    return ", ".join(figure_text(name, f, audience) for name, f in figures)


def place_names(
    places: Sequence[PlaceMention], role: PlaceRole | None = None, audience: Audience = ENGLISH
) -> str:
    """Names in the text's order, with their region when they share one: `Izium (Kharkiv
    Oblast)`."""
    chosen = [p for p in places if role is None or p.role is role]
    names = list(dict.fromkeys(p.place.name for p in chosen))
    shown = list(dict.fromkeys(audience.place(p.place) for p in chosen))
    regions = {
        p.place.admin1 for p in chosen if p.place.level is PlaceLevel.SETTLEMENT and p.place.admin1
    }
    text = ", ".join(shown)
    if len(regions) == 1:
        region = next(iter(regions))
        if region not in names:
            text += f" ({audience.region(region)})"
    return text


# The roles the extractor names most, in the reader's language; others are shown as found.
ROLE_WORDS = frozenset(
    {
        NP_("role", "governor"),
        NP_("role", "mayor"),
        NP_("role", "president"),
        NP_("role", "prime minister"),
        NP_("role", "minister"),
        NP_("role", "defence minister"),
        NP_("role", "defense minister"),
        NP_("role", "foreign minister"),
        NP_("role", "energy minister"),
        NP_("role", "interior minister"),
        NP_("role", "deputy"),
        NP_("role", "spokesperson"),
        NP_("role", "spokesman"),
        NP_("role", "spokeswoman"),
        NP_("role", "commander"),
        NP_("role", "prosecutor"),
        NP_("role", "official"),
        NP_("role", "ombudsman"),
        NP_("role", "police chief"),
        NP_("role", "press secretary"),
        NP_("role", "adviser"),
        NP_("role", "head"),
    }
)


def role_text(role: str, audience: Audience = ENGLISH) -> str:
    """A speaker's role as the reader says it: `governor` → `голова ОВА`."""
    return audience.tr.pgettext("role", role) if role.lower() in ROLE_WORDS else role


def who_said(attribution: Sequence[Attribution], audience: Audience = ENGLISH) -> str:
    parts = []
    for a in attribution[:2]:
        if a.role and len(a.role) < 40:
            parts.append(f"{role_text(a.role.lower(), audience)} {a.who}")
        else:
            parts.append(a.who)
    return audience.tr.gettext(" and ").join(parts)


def strike_label(weapon: Weapon | None, audience: Audience = ENGLISH) -> str:
    return audience.tr.gettext(STRIKE_LABELS[weapon])


def headline(event: Event, audience: Audience = ENGLISH) -> str:
    """What happened where, without figures: `Missile strike on Izium (Kharkiv Oblast)`."""
    _ = audience.tr.gettext
    where = place_names(event.places, audience=audience)
    kind = event.kind
    if kind is EventKind.EVACUATION:
        text = _evacuation(event, audience)
        if event.aspect is Aspect.STALLED:
            # A corridor that did not open must never read as a way out that works.
            return _("{evacuation}: did not go ahead", evacuation=text)
        return text
    if kind is EventKind.STRIKE:
        label = strike_label(event.weapon, audience)
        return _("{strike} on {place}", strike=label, place=where) if where else label
    if kind is EventKind.CASUALTIES:
        return _("Casualties in {place}", place=where) if where else _("Casualties")
    if kind is EventKind.INFRASTRUCTURE_DAMAGE:
        if event.aspect is Aspect.POWER:
            if where:
                return _("Power infrastructure damaged in {place}", place=where)
            return _("Power infrastructure damaged")
        if where:
            return _("Infrastructure damaged in {place}", place=where)
        return _("Infrastructure damaged")
    if kind is EventKind.TERRITORIAL_CHANGE:
        if event.aspect is Aspect.LOST:
            return _("Territory lost in {place}", place=where) if where else _("Territory lost")
        if where:
            return _("Territory recaptured in {place}", place=where)
        return _("Territory recaptured")
    if kind is EventKind.NUCLEAR_SAFETY:
        plant = where or _("A nuclear power plant")
        state = ASPECT_WORDS.get(event.aspect) if event.aspect else None
        return _(state, plant=plant) if state else _("{plant}: safety concern", plant=plant)
    if kind is EventKind.AIR_DEFENSE:
        if where:
            return _("Air defence interceptions over {place}", place=where)
        return _("Air defence interceptions")
    return _("Fighting near {place}", place=where) if where else _("Fighting")


def _evacuation(event: Event, audience: Audience) -> str:
    _ = audience.tr.gettext
    origin = place_names(event.places, PlaceRole.ORIGIN, audience) or place_names(
        event.places, PlaceRole.LOCATION, audience
    )
    dest = place_names(event.places, PlaceRole.DESTINATION, audience)
    if origin and dest:
        return _("Evacuation from {origin} to {destination}", origin=origin, destination=dest)
    if origin:
        return _("Evacuation from {origin}", origin=origin)
    if dest:
        return _("Evacuation to {destination}", destination=dest)
    return _("Evacuation")


def summary_line(event: Event, audience: Audience = ENGLISH) -> str:
    """The event in one sentence: what, where, how many, who says so."""
    _ = audience.tr.gettext
    text = headline(event, audience)
    figs = figure_words(event.figures, audience)
    if figs:
        text = _("{what}: {figures}", what=text, figures=figs)
    elif event.no_casualties:
        text = _("{what}; no casualties reported", what=text)
    said = who_said(event.attribution, audience)
    if said:
        text = _("{what}, according to {who}", what=text, who=said)
    return text + "."
