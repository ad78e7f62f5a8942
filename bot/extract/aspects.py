"""What an event is about where its kind leaves it open: a plant's state, power, who gained."""

from __future__ import annotations

import re

from bot.records import Aspect, EventKind

# First match wins: a plant on diesel has lost off-site power too, and says more.
_NUCLEAR: tuple[tuple[re.Pattern[str], Aspect], ...] = tuple(
    (re.compile(p, re.IGNORECASE), aspect)
    for p, aspect in (
        (r"diesel|generator|дизел|генератор", Aspect.DIESEL_POWER),
        (
            r"off-?site power|external power|power line|disconnected|blackout|знеструм|обесточ",
            Aspect.OFFSITE_POWER_LOST,
        ),
        (r"shell|strike|attack|drone|удар|обстр|атак", Aspect.UNDER_ATTACK),
        (r"radiation|radioactive|радіац|радиац", Aspect.RADIATION),
    )
)
_POWER = re.compile(
    r"power|electric|energy|substation|grid|світл|свет|енерг|энерг|електр|электр|підстанц|подстанц",
    re.IGNORECASE,
)
_WITHDRAWAL = re.compile(
    r"captured by|seized by|withdr|pulled out|відійшл|відступил|отошл|отступил", re.IGNORECASE
)
_CAPTURE = re.compile(
    r"захопил|захватил|захоплен|захвачен|окупувал|оккупировал|зайнял|занял", re.IGNORECASE
)
_RUSSIAN_SIDE = re.compile(r"росі|росси|рф\b|окупант|оккупант|ворог|враг|russia", re.IGNORECASE)
_UKRAINIAN_SIDE = re.compile(r"зсу|всу|україн|украин", re.IGNORECASE)


def aspect_of(kind: EventKind, evidence: str) -> Aspect | None:
    """The aspect an event's own sentences state, for the kinds that have one."""
    if kind is EventKind.NUCLEAR_SAFETY:
        return next((a for rx, a in _NUCLEAR if rx.search(evidence)), None)
    if kind is EventKind.INFRASTRUCTURE_DAMAGE:
        return Aspect.POWER if _POWER.search(evidence) else None
    if kind is EventKind.TERRITORIAL_CHANGE:
        return Aspect.LOST if _territory_lost(evidence) else Aspect.GAINED
    return None


def _territory_lost(evidence: str) -> bool:
    """Ukraine's loss: a withdrawal, or a capture by Russian forces ("росіяни захопили")."""
    if _WITHDRAWAL.search(evidence):
        return True
    if not _CAPTURE.search(evidence):
        return False
    return bool(_RUSSIAN_SIDE.search(evidence) or not _UKRAINIAN_SIDE.search(evidence))
