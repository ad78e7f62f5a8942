"""One plain English sentence per event, whatever the article's language."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.records import (
    Attribution,
    EventKind,
    Figure,
    PlaceLevel,
    PlaceMention,
    PlaceRole,
    Weapon,
)

_FIGURE_WORDS = {
    "killed": "killed",
    "injured": "injured",
    "evacuated": "evacuated",
    "settlements": "settlements",
    "without_power": "households without power",
    "intercepted": "shot down",
    "launched": "launched",
}


def format_figures(figures: Sequence[tuple[str, Figure]]) -> str:
    return ", ".join(f"{f} {_FIGURE_WORDS.get(label, label)}" for label, f in figures)


def place_names(places: Sequence[PlaceMention], role: PlaceRole | None = None) -> str:
    chosen = [p for p in places if role is None or p.role is role]
    names: list[str] = []
    for p in chosen:
        if p.place.name not in names:
            names.append(p.place.name)
    regions = {
        p.place.admin1 for p in chosen if p.place.level is PlaceLevel.SETTLEMENT and p.place.admin1
    }
    text = ", ".join(names)
    if len(regions) == 1 and len(chosen) > 0:
        region = next(iter(regions))
        if region not in names and not any(region.startswith(n) and n == region for n in names):
            text += f" ({region})"
    return text


def who_said(attribution: Sequence[Attribution]) -> str:
    parts = []
    for a in attribution[:2]:
        parts.append(f"{a.role} {a.who}" if a.role and len(a.role) < 40 else a.who)
    return " and ".join(parts)


def summarize(
    kind: EventKind,
    *,
    weapon: Weapon | None,
    places: Sequence[PlaceMention],
    figures: Sequence[tuple[str, Figure]],
    attribution: Sequence[Attribution],
    no_casualties: bool,
    evidence: str,
) -> str:
    where = place_names(places)
    figs = format_figures(figures)
    if kind is EventKind.EVACUATION:
        origin = place_names(places, PlaceRole.ORIGIN) or place_names(places, PlaceRole.LOCATION)
        dest = place_names(places, PlaceRole.DESTINATION)
        text = (
            "Evacuation" + (f" from {origin}" if origin else "") + (f" to {dest}" if dest else "")
        )
    elif kind is EventKind.STRIKE:
        label = (
            "Strike" if weapon in (None, Weapon.UNKNOWN) else f"{weapon.value.capitalize()} strike"
        )
        if weapon is Weapon.AIR:
            label = "Air strike"
        elif weapon is Weapon.ARTILLERY:
            label = "Shelling"
        text = label + (f" on {where}" if where else "")
    elif kind is EventKind.CASUALTIES:
        text = "Casualties" + (f" in {where}" if where else "")
    elif kind is EventKind.INFRASTRUCTURE_DAMAGE:
        what = (
            "Power infrastructure"
            if re.search(
                r"power|electric|energy|substation|grid|світл|енерг|энерг", evidence, re.I
            )
            else "Infrastructure"
        )
        text = f"{what} damaged" + (f" in {where}" if where else "")
    elif kind is EventKind.TERRITORIAL_CHANGE:
        verb = "lost" if _territory_lost(evidence) else "recaptured"
        text = f"Territory {verb}" + (f" in {where}" if where else "")
    elif kind is EventKind.NUCLEAR_SAFETY:
        state = _nuclear_state(evidence)
        text = (f"{where}" if where else "A nuclear power plant") + (
            f" {state}" if state else ": safety concern"
        )
    elif kind is EventKind.AIR_DEFENSE:
        text = "Air defence interceptions" + (f" over {where}" if where else "")
    else:
        text = "Fighting" + (f" near {where}" if where else "")
    if figs:
        text += f": {figs}"
    elif no_casualties:
        text += "; no casualties reported"
    said = who_said(attribution)
    if said:
        text += f", according to {said}"
    return text + "."


def _territory_lost(evidence: str) -> bool:
    """Ukraine's loss: a withdrawal, or a capture by Russian forces ("росіяни захопили")."""
    if re.search(
        r"captured by|seized by|withdr|pulled out|відійшл|відступил|отошл|отступил", evidence, re.I
    ):
        return True
    captured = re.search(
        r"захопил|захватил|захоплен|захвачен|окупувал|оккупировал|зайнял|занял", evidence, re.I
    )
    russian = re.search(r"росі|росси|рф\b|окупант|оккупант|ворог|враг|russia", evidence, re.I)
    return bool(captured and (russian or not re.search(r"зсу|всу|україн|украин", evidence, re.I)))


def _nuclear_state(evidence: str) -> str:
    checks = (
        (r"diesel|generator|дизел|генератор", "running on diesel generators"),
        (
            r"off-?site power|external power|power line|disconnected|blackout|знеструм|обесточ",
            "lost off-site power",
        ),
        (r"shell|strike|attack|drone|удар|обстріл|атак", "under attack"),
        (r"radiation|radioactive|радіац|радиац", "radiation concern"),
    )
    for pattern, state in checks:
        if re.search(pattern, evidence, re.IGNORECASE):
            return state
    return ""
