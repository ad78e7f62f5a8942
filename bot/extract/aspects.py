"""What an event is about where its kind leaves it open: a plant's state, power, who gained,
an evacuation that did not go."""

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
# "the corridor out of Mariupol collapsed again", "buses returned to their depot empty",
# "Коридор з Маріуполя так і не відкрився", "эвакуация перенесена": no one got out (told as
# news for those waiting on it, never as an evacuation done).
_STALLED = re.compile(
    r"\bcorridors?\b[^.;]{0,80}?\b(?:collapsed|failed|fell\s+through|broke\s+down|did\s+not\s+open|"
    r"didn['’]t\s+open|never\s+opened|(?:was|were)\s+not\s+opened|was\s+blocked)\b|"
    r"\b(?:bus(?:es)?|convoys?|columns?)\b[^.;]{0,80}?\b(?:returned|came\s+back|turned\s+back|went\s+back)"
    r"\b[^.;]{0,40}?\bempty\b|"
    r"\bevacuations?\s+(?:(?:was|were|has\s+been|have\s+been|is|are)\s+)?(?:postponed|suspended|called\s+off|"
    r"cancell?ed|halted|thwarted|disrupted)\b|"
    r"\bкоридор\w*\b[^.;]{0,80}?(?:\b(?:так\s+і\s+не|так\s+и\s+не|не)\s+(?:відкри|откры|запрацюва|"
    r"заработа)\w*|\b(?:зірва|зрив|сорва|срыв|провал)\w*)|"
    r"\b(?:автобус|колон|конво)\w*\b[^.;]{0,80}?\b(?:поверну|верну)\w*[^.;]{0,40}?\b(?:порожн|пуст)\w*|"
    r"\b(?:евакуац|эвакуац)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:перенесен|перенесл|призупин|приостанов|скасова|"
    r"отмен|зірва|сорва)\w*",
    re.IGNORECASE,
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
    if kind is EventKind.EVACUATION:
        return Aspect.STALLED if _STALLED.search(evidence) else None
    return None


def _territory_lost(evidence: str) -> bool:
    """Ukraine's loss: a withdrawal, or a capture by Russian forces ("росіяни захопили")."""
    if _WITHDRAWAL.search(evidence):
        return True
    if not _CAPTURE.search(evidence):
        return False
    return bool(_RUSSIAN_SIDE.search(evidence) or not _UKRAINIAN_SIDE.search(evidence))
