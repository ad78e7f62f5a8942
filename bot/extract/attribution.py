"""Who says so: the speaker of a sentence ("governor Oleh Syniehubov said") and their role."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.extract.translit import romanize
from bot.records import Attribution

_SAY = (
    r"(?:said|says|say|told|reported|reports|announced|stated|confirmed|added|wrote|"
    r"posted|claimed|noted|warned|declared|explained|informed|tweeted)"
)
_CAP = r"[A-ZА-ЯІЇЄҐ][\w'’\-]+"
_NAME = rf"{_CAP}(?:\s+(?:{_CAP}|al-\w+|de|van|von)){{0,3}}"
_ROLE_WORDS = (
    r"governor|mayor|head|chief|minister|president|spokes(?:man|woman|person)|commander|"
    r"prosecutor|official|officials|secretary|adviser|advisor|director|deputy|prime minister|"
    r"ombudsman|chairman|leader|representative|envoy|ambassador|general|administrator|"
    r"police chief|press secretary|analyst|correspondent|military"
)
# "Zaporizhzhia provincial governor Oleksandr Starukh said"
_ROLE_NAME_SAID = re.compile(
    rf"(?P<role>(?:(?:the\s+)?(?:{_CAP}\s+)*(?i:(?:regional|provincial|city|local|deputy|acting|"
    rf"vice|prime|defen[cs]e|foreign|interior|energy|former)\s+)*(?i:{_ROLE_WORDS})"
    rf"(?:\s+of\s+(?:the\s+)?(?:{_CAP}\s*)+)?)\s*,?\s+)"
    rf"(?P<name>{_NAME})\s*,?\s+(?:also\s+|later\s+|earlier\s+)?{_SAY}\b"
)
# "Oleh Syniehubov, head of the regional military administration, said"
_NAME_ROLE_SAID = re.compile(
    rf"(?P<name>{_NAME}),\s+(?P<role>(?:the\s+)?[^,;“\"]{{3,90}}?),\s+"
    rf"(?:also\s+|later\s+)?{_SAY}\b"
)
# "said Oleh Syniehubov, the governor" / "said the General Staff"
_SAID_NAME = re.compile(
    rf"\b{_SAY}\s+(?P<name>(?:the\s+)?{_NAME}(?:\s+of\s+(?:the\s+)?{_NAME})*)"
    rf"(?:\s*,\s+(?P<role>(?:the\s+)?[a-z][^,.;]{{2,80}}))?"
    # The speaker ends the clause; "said the Russian-backed leadership" has no speaker.
    rf"(?=\s*(?:[,.;:!?)\"”]|$|\s+(?:on|in|at|during|late|early|earlier|later|via|who|after)\b))"
)
# "according to the ministry" / "according to Ukraine's General Staff"
_ACCORDING = re.compile(
    rf"\baccording to\s+(?P<name>(?:the\s+)?(?:[\w'’]+\s+){{0,6}}?(?:{_CAP}|ministry|"
    rf"military|administration|police|army|authorities|officials|office))\b"
)
# "the UK Ministry of Defense said", "Ukraine's Air Force said", "the British military said"
_ORG_SAID = re.compile(
    rf"(?P<name>(?:the\s+)?(?:{_CAP}(?:'s|’s)?\s+){{0,4}}(?:{_CAP}|ministry|military|army|"
    rf"authorities|police|officials|administration|navy|command|service|staff)"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?(?:{_CAP}\s*(?:and\s+)?)+)*)\s+(?:also\s+|later\s+)?{_SAY}\b"
)
_CYR_SAID = re.compile(
    r"(?:повідомив|повідомила|повідомили|заявив|заявила|сообщил|сообщила|сообщили|заявил|заявила|"
    r"написав|написал|зазначив|отметил)\s+(?:у\s+\w+\s+|в\s+\w+\s+)?(?P<role>(?:[а-яіїєґ]+\s+){0,4}"
    r"(?:[А-ЯІЇЄҐ]{2,5}\s+)?)(?P<name>[А-ЯІЇЄҐ][а-яіїєґ'’]+\s+[А-ЯІЇЄҐ][а-яіїєґ'’]+)"
)
_CYR_ROLES = {
    "голова ова": "head of the regional military administration",
    "начальник ова": "head of the regional military administration",
    "голова": "head",
    "губернатор": "governor",
    "мер": "mayor",
    "міський голова": "mayor",
    "глава": "head",
    "мэр": "mayor",
}
_NOT_SPEAKERS = frozenset(
    [
        "it",
        "he",
        "she",
        "they",
        "this",
        "that",
        "which",
        "who",
        "officials",
        "sources",
        "reports",
        "there",
        "we",
        "i",
        "you",
        "one",
    ]
)
_PRONOUNS = re.compile(r"^(?:he|she|they|it)$", re.IGNORECASE)


def _clean(who: str) -> str:
    who = who.replace("’", "'")
    who = re.sub(r"^(?:the|a|an)\s+", "", who.strip(" ,.;:"), flags=re.IGNORECASE)
    return re.sub(r"(?:'s|’s)$", "", who)


def _role(text: str | None) -> str | None:
    if not text:
        return None
    role = re.sub(r"^(?:the|a|an)\s+", "", " ".join(text.split()).strip(" ,"), flags=re.IGNORECASE)
    role = re.sub(r"\b(?:regional|provincial)\s+(governor)\b", r"\1", role, flags=re.IGNORECASE)
    return role or None


_ORG_WORDS = re.compile(
    r"\b(?:Agency|Ministry|Office|Service|Administration|Council|Forces|Staff|Command|Committee|"
    r"Organi[sz]ation|Fund|Bank|Commission|Union|Company|Corporation|Watch|Mission|IAEA|UN|NATO)\b"
)


def _title(role: str) -> str:
    """ "Zaporizhzhia provincial governor" → "governor"; an organisation's title keeps it:
    "International Atomic Energy Agency chief"."""
    if _ORG_WORDS.search(role):
        return role
    title = re.search(
        rf"(?:deputy |acting |vice |prime )*(?:{_ROLE_WORDS})(?:\s+of\s+.*)?$", role, re.IGNORECASE
    )
    return title.group(0).lower() if title else role


def _is_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


# Wire headlines end with their source: "Four soldiers killed in east: military",
# "Ukrainian army shells DPR 277 times - operations command".
_HEADLINE_SOURCE = re.compile(r"(?:\s[-–—]\s*|:\s+)(?P<who>[\w'’. ]{2,60}?)\s*$")
_NOT_SOURCE = re.compile(
    r"\b(?:killed|wounded|injured|dead|shell\w*|attack\w*|strike\w*|hit|in|on|at)\b", re.IGNORECASE
)


def headline_source(title: str) -> Attribution | None:
    m = _HEADLINE_SOURCE.search(title)
    if m is None:
        return None
    who = m.group("who").strip()
    if _NOT_SOURCE.search(who) or len(who.split()) > 6 or re.fullmatch(r"[\d\s.]+", who):
        return None
    return Attribution(_clean(who))


def speakers(sentence: str) -> list[Attribution]:
    """Everyone the sentence attributes its content to, in order of appearance."""
    found: list[tuple[int, Attribution]] = []
    for m in _ROLE_NAME_SAID.finditer(sentence):
        role = _role(m.group("role"))
        name = _clean(m.group("name"))
        if role and _is_person(name):
            found.append((m.start("name"), Attribution(name, _title(role))))
    for m in _NAME_ROLE_SAID.finditer(sentence):
        name = _clean(m.group("name"))
        if _is_person(name) and re.search(_ROLE_WORDS, m.group("role"), re.IGNORECASE):
            found.append((m.start("name"), Attribution(name, _role(m.group("role")))))
    for m in _SAID_NAME.finditer(sentence):
        name = _clean(m.group("name"))
        if name.lower() not in _NOT_SPEAKERS and (_is_person(name) or re.search(r"[A-Z]", name)):
            role = _role(m.group("role"))
            if role and not re.search(_ROLE_WORDS, role, re.IGNORECASE):
                role = None
            found.append((m.start("name"), Attribution(name, role)))
    for rx in (_ACCORDING, _ORG_SAID):
        for m in rx.finditer(sentence):
            name = _clean(m.group("name"))
            first = name.split()[0].lower() if name else ""
            if not first or first in _NOT_SPEAKERS or _PRONOUNS.match(name):
                continue
            if not re.search(r"[A-ZА-ЯІЇЄҐ]", name):
                continue  # "the administration said": too vague to name
            # "Deputy Prime Minister Marat Husnurin said" was already read as role + person.
            if any(a.who in name or name in a.who for _, a in found):
                continue
            found.append((m.start("name"), Attribution(name)))
    for m in _CYR_SAID.finditer(sentence):
        role_text = " ".join(m.group("role").split()).lower()
        role = next((v for k, v in _CYR_ROLES.items() if role_text.startswith(k)), None)
        found.append((m.start("name"), Attribution(romanize(m.group("name")), role)))
    return _dedupe(a for _, a in sorted(found, key=lambda p: p[0]))


def merge_speakers(items: Iterable[Attribution]) -> list[Attribution]:
    """One entry per speaker: "General Staff" and "General Staff of Ukraine's Armed Forces"
    are one, and the fuller name or the one with a role wins."""
    return _dedupe(items)


def _dedupe(items: Iterable[Attribution]) -> list[Attribution]:
    out: list[Attribution] = []
    for a in items:
        if len(a.who) < 2 or a.who.endswith("-backed"):
            continue
        same = next((o for o in out if a.who in o.who or o.who in a.who), None)
        if same is None:
            out.append(a)
        elif a.role and not same.role or len(a.who) > len(same.who) and not same.role:
            out[out.index(same)] = a
    return out


_PRONOUN_SAID = re.compile(
    rf"\b(?:he|she)\s+(?:also\s+)?{_SAY}\b|\b{_SAY}\s+(?:he|she)\b", re.IGNORECASE
)


def pronoun_speaker(sentence: str, known: list[Attribution]) -> Attribution | None:
    """ "he said" is the last person named as a speaker before it."""
    if not _PRONOUN_SAID.search(sentence):
        return None
    return next((k for k in reversed(known) if _is_person(k.who)), None)


def resolve_short_names(found: list[Attribution], known: list[Attribution]) -> list[Attribution]:
    """Replace "Sardo said" by the full name and role given earlier in the article."""
    out: list[Attribution] = []
    for a in found:
        full = next(
            (
                k
                for k in known
                if k.who != a.who
                and (
                    k.who.endswith(" " + a.who)
                    or (
                        a.who.lower().startswith(("ministry", "the ministry"))
                        and "ministry" in k.who.lower()
                    )
                )
            ),
            None,
        )
        out.append(Attribution(full.who, a.role or full.role) if full else a)
    return _dedupe(out)
