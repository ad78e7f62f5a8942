"""Which kinds of event a sentence reports, from trigger-word tables in English, Ukrainian, Russian."""

from __future__ import annotations

import re

from bot.records import EventKind, Weapon


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


# Stems are matched from a word start; Cyrillic stems cover the inflected forms.
TRIGGERS: dict[EventKind, re.Pattern[str]] = {
    EventKind.EVACUATION: _rx(
        r"\bevacuat\w*",
        r"\brelocat\w* (?:residents|civilians|people|children|families)",
        r"\bordered (?:residents|civilians|people) to leave",
        r"\bforced to flee",
        r"\bевакуац\w*",
        r"\bевакуй\w*",
        r"\bэвакуац\w*",
        r"\bэвакуир\w*",
    ),
    EventKind.STRIKE: _rx(
        r"\b(?:air|missile|drone|rocket|artillery)?\s?strikes?\b",
        r"\bstruck\b",
        r"\battack(?:s|ed|ing)?\b",
        r"\bshell(?:ing|ed|s)\b",
        r"\bbombard\w*",
        r"\bbomb(?:ing|ed|s)\b",
        r"\bexplosions?\b",
        r"\bblasts?\b",
        r"\bhit by\b",
        r"\bhit\b[^.;]{0,40}\b(?:missiles?|rockets?|drones?|shells?|bombs?|artillery)\b",
        r"\b(?:missiles?|rockets?|drones?|shells?|bombs?)\s+(?:\w+\s+){0,2}hit\b",
        r"\bpounded\b",
        r"\brocked\b",
        r"\bairstrikes?\b",
        r"\bbarrage\b",
        r"\bудар\w*",
        r"\bобстріл\w*",
        r"\bобстрел\w*",
        r"\bатак\w*",
        r"\bвибух\w*",
        r"\bвзрыв\w*",
        r"\bприльот\w*",
        r"\bприлет\w*",
        r"\bобстрілял\w*",
    ),
    EventKind.CASUALTIES: _rx(
        r"\bkill(?:ed|ing|s)\b",
        r"\bdead\b",
        r"\bdied\b",
        r"\bdeath toll\b",
        r"\bwounded\b",
        r"\binjur(?:ed|ing|ies)\b",
        r"\bcasualt\w*",
        r"\bfatalit\w*",
        r"\bзагин\w*",
        r"\bзагибл\w*",
        r"\bпоранен\w*",
        r"\bпогиб\w*",
        r"\bранен\w*",
        r"\bубит\w*",
        r"\bвбит\w*",
        r"\bпостраждал\w*",
        r"\bпострадал\w*",
    ),
    EventKind.INFRASTRUCTURE_DAMAGE: _rx(
        r"\binfrastructure\b",
        r"\bsubstations?\b",
        r"\bpower (?:plant|station|grid|line|outage|supply|facilit)\w*",
        r"\b(?:blackouts?|outages?)\b",
        r"\bwithout (?:power|electricity|heating|heat|water|gas)\b",
        r"\benergy (?:facilit|infrastructure|system|grid)\w*",
        r"\bde-?energi[sz]ed\b",
        r"\b(?:thermal|hydroelectric|hydro) ?power\b",
        r"\bpower cuts?\b",
        r"\bgrid\b",
        r"\bзнеструм\w*",
        r"\bобесточ\w*",
        r"\bпідстанц\w*",
        r"\bподстанц\w*",
        r"\bінфраструктур\w*",
        r"\bинфраструктур\w*",
        r"\bбез світла\b",
        r"\bбез электричества\b",
        r"\bенергетичн\w*",
        r"\bэнергетическ\w*",
    ),
    EventKind.TERRITORIAL_CHANGE: _rx(
        r"\brecaptur\w*",
        r"\bliberat\w*",
        r"\bretook\b",
        r"\bretak\w*",
        r"\bregain\w* control\b",
        r"\b(?:captured|seized|took control of|taken control of|occupied (?:the|a)\b)",
        r"\bwithdr[ae]w\w* from\b",
        r"\bpulled out of\b",
        r"\braised the (?:\w+ )?flag\b",
        r"\bзвільн\w*",
        r"\bдеокупов\w*",
        r"\bосвобод\w*",
        r"\bзахопил\w*",
        r"\bзахватил\w*",
        r"\bвзяли під контроль\b",
        r"\bвзяли под контроль\b",
    ),
    EventKind.NUCLEAR_SAFETY: _rx(
        r"\bnuclear (?:power )?(?:plant|station|facility|reactor)s?\b",
        r"\bNPP\b",
        r"\bZNPP\b",
        r"\bIAEA\b",
        r"\breactors?\b",
        r"\bnuclear safety\b",
        r"\bInternational Atomic Energy Agency\b",
        r"\batomic (?:power )?(?:plant|station)\b",
        r"\bАЕС\b",
        r"\bАЭС\b",
        r"\bЗАЕС\b",
        r"\bЗАЭС\b",
        r"\bМАГАТЕ\b",
    ),
    EventKind.AIR_DEFENSE: _rx(
        r"\bshot down\b",
        r"\bintercept\w*",
        r"\bdowned\b",
        r"\bair defen[cs]e\b",
        r"\bdestroyed (?:\d+|\w+) (?:of )?(?:the )?(?:drones|missiles|shaheds|uavs)\b",
        r"\bзбил\w*",
        r"\bзбит\w*",
        r"\bсбил\w*",
        r"\bсбит\w*",
        r"\bППО\b",
        r"\bПВО\b",
        r"\bперехоплен\w*",
        r"\bперехвачен\w*",
    ),
    EventKind.GROUND_FIGHTING: _rx(
        r"\bfighting\b",
        r"\bclash\w*",
        r"\bbattles?\b",
        r"\bcombat\b",
        r"\bassaults?\b",
        r"\bcounter-?offensive\b",
        r"\bcounter-?attack\w*",
        r"\boffensive\b",
        r"\brepel\w*",
        r"\badvanc(?:ed|ing|es)\b",
        r"\bstorm(?:ed|ing)\b",
        r"\bfirefights?\b",
        r"\bбо[їи]\b",
        r"\bбоях\b",
        r"\bштурм\w*",
        r"\bнаступ\w*",
        r"\bнаступлен\w*",
        r"\bзіткнен\w*",
    ),
}

WEAPONS: tuple[tuple[Weapon, re.Pattern[str]], ...] = (
    (
        Weapon.DRONE,
        _rx(
            r"\bdrones?\b",
            r"\bshaheds?\b",
            r"\bUAVs?\b",
            r"\bkamikaze\b",
            r"\bдрон\w*",
            r"\bбезпілотник\w*",
            r"\bбеспилотник\w*",
            r"\bшахед\w*",
            r"\bБпЛА\b",
        ),
    ),
    (
        Weapon.MISSILE,
        _rx(
            r"\bmissiles?\b",
            r"\bballistic\b",
            r"\bcruise\b",
            r"\bIskander\w*",
            r"\bKalibr\b",
            r"\bKh-\d+",
            r"\bS-300\b",
            r"\brockets?\b",
            r"\bракет\w*",
            r"\bІскандер\w*",
            r"\bИскандер\w*",
        ),
    ),
    (
        Weapon.ARTILLERY,
        _rx(
            r"\bartillery\b",
            r"\bshell(?:ing|ed|s)\b",
            r"\bmortars?\b",
            r"\bMLRS\b",
            r"\bGrad\b",
            r"\bhowitzers?\b",
            r"\bmultiple rocket",
            r"\bартилер\w*",
            r"\bартиллер\w*",
            r"\bобстріл\w*",
            r"\bобстрел\w*",
            r"\bміномет\w*",
            r"\bминомет\w*",
            r"\bРСЗВ\b",
        ),
    ),
    (
        Weapon.AIR,
        _rx(
            r"\bair ?strikes?\b",
            r"\b(?:guided )?(?:aerial|glide) bombs?\b",
            r"\bguided bombs?\b",
            r"\bKABs?\b",
            r"\bwarplanes?\b",
            r"\baviation\b",
            r"\bбомб\w*",
            r"\bавіа\w*",
            r"\bавиа\w*",
            r"\bКАБ\w*",
        ),
    ),
)

# War context. Strong terms make an article about the war; actors (Russia, Ukraine) only
# tell which sentences of such an article are about it: a Donetsk football match has actors
# and "attacks", but no missiles, troops or occupiers.
WAR_STRONG = _rx(
    r"\benemy\b",
    r"\boccupi\w*",
    r"\btroops\b",
    r"\b(?:armed|russian|ukrainian|enemy) forces\b",
    r"\bmilitary\b",
    r"\barmy\b",
    r"\bsoldiers\b",
    r"\bwar\b(?! of words)",
    r"\bfront ?line\b",
    r"\bmissiles?\b",
    r"\bdrones?\b",
    r"\bartillery\b",
    r"\bshelling\b",
    r"\bshelled\b",
    r"\binvasion\b",
    r"\bair raid\b",
    r"\bair defen[cs]e\b",
    r"\bcounter-?offensive\b",
    r"\bgeneral staff\b",
    r"\bmilitary administration\b",
    r"\bshaheds?\b",
    r"\bairstrikes?\b",
    r"\bglide bombs?\b",
    r"\bnuclear (?:power )?plant\b",
    r"\bIAEA\b",
    r"\bevacuat\w*",
    r"\bservicem[ae]n\b",
    r"\bmilitia\w*",
    r"\brebels?\b",
    r"\bseparatists?\b",
    r"\bclashes\b",
    r"\bceasefire\b",
    r"\btruce\b",
    r"\bKIA\b",
    r"\bWIA\b",
    r"\bhowitzers?\b",
    r"\bmortars?\b",
    r"\bshells?\b",
    r"\btanks\b",
    r"\barmed forces\b",
    r"\binvaders\b",
    r"\boccupiers\b",
    r"\bsaboteurs?\b",
    r"\bDonbas+\b",
    r"\b[DL]PR\b",
    r"\b[DL]NR\b",
    r"\bATO\b",
    r"\bJFO\b",
    r"\bfierce fighting\b",
    r"\bheavy fighting\b",
    r"\bwar-torn\b",
    r"\bmilitants?\b",
    r"\bairstrikes?\b",
    r"\bair strikes?\b",
    r"\brocket (?:fire|attack)\w*",
    r"\bMLRS\b",
    r"\bHIMARS\b",
    r"\bворог\w*",
    r"\bвраг\w*",
    r"\bокупант\w*",
    r"\bоккупант\w*",
    r"\bзсу\b",
    r"\bвсу\b",
    r"\bармі\w*",
    r"\bвійськ\w*",
    r"\bвойск\w*",
    r"\bрашист\w*",
    r"\bракет\w*",
    r"\bдрон\w*",
    r"\bобстріл\w*",
    r"\bобстрел\w*",
    r"\bвійн\w*",
    r"\bвойн\w*",
    r"\bОВА\b",
    r"\bевакуац\w*",
    r"\bэвакуац\w*",
    r"\bбезпілотник\w*",
    r"\bбеспилотник\w*",
    r"\bППО\b",
    r"\bПВО\b",
)
WAR_CONTEXT = _rx(
    WAR_STRONG.pattern,
    r"\brussi\w*",
    r"\bukrain\w*",
    r"\bkremlin\b",
    r"\bmoscow\b",
    r"\bforces\b",
    r"\bросі\w*",
    r"\bросси\w*",
    r"\bрф\b",
    r"\bexplosions?\b",
    r"\bвибух\w*",
    r"\bвзрыв\w*",
)

# Senses of trigger words that are not war events.
FALSE_SENSES: dict[EventKind, re.Pattern[str]] = {
    EventKind.STRIKE: _rx(
        r"\b(?:on|hunger|general|labou?r|workers'?|dock|rail|teachers'?|transport|warning|"
        r"nationwide|national|\d+-hour|one-day|two-day) strikes?\b",
        r"\bstrike action\b",
        r"\bstrikes? (?:by|over|at) (?:\w+ ){0,3}(?:workers|unions?|staff|employees|drivers|"
        r"teachers|dockers|miners|doctors|nurses)\b",
        r"\bwent on strike\b",
        r"\bstrike (?:a|the) (?:deal|balance|chord|pose)\b",
        r"\bheart attacks?\b",
        r"\bpanic attacks?\b",
        r"\bcyber-?attacks?\b",
        r"\bprice war\b",
        r"\bstrikers?\b",
        r"\bstriking\b",
        r"\bbox office\b",
    ),
    EventKind.GROUND_FIGHTING: _rx(
        r"\bbattle (?:against|with) (?:cancer|covid|inflation|corruption)",
        r"\bprice war\b",
        r"\bfighting (?:corruption|inflation|cancer|fire|fires|covid)\b",
        r"\bassault (?:case|charges?|allegations?)\b",
        r"\bsexual assault\b",
        r"\badvanc(?:ed|ing|es) (?:to|into) the (?:final|semi|quarter)",
        r"\boffensive (?:line|coordinator|play)",
    ),
    EventKind.TERRITORIAL_CHANGE: _rx(
        r"\bcaptured (?:the )?(?:title|trophy|cup|award|imagination|attention|hearts?)\b",
        r"\boccupied (?:by|with) (?:tourists|visitors|guests)\b",
        r"\bliberat\w* (?:women|prisoners)\b",
    ),
}

# A sentence that reports a claim being denied ("no one is withdrawing").
DENIAL = _rx(
    r"\bno one is\b",
    r"\bnobody is\b",
    r"\bdenied\b",
    r"\bden(?:y|ies)\b",
    r"\bdismissed\b",
    r"\bfalse reports?\b",
    r"\bfake\b",
    r"\bnot (?:true|planning|withdrawing|evacuating)\b",
    r"\bis not being\b",
    r"\bare not being\b",
    r"\bdownplayed\b",
    r"\bспростув\w*",
    r"\bопроверг\w*",
    r"\bфейк\w*",
)
NO_CASUALTIES = _rx(
    r"\bno (?:casualties|deaths|injuries|victims|one was (?:killed|injured|hurt))\b",
    r"\bno (?:people|one|civilians) (?:were|was) (?:killed|injured|hurt)\b",
    r"\bwithout casualties\b",
    r"\bбез жертв\b",
    r"\bобійшлося без\b",
    r"\bобошлось без\b",
    r"\bне постраждав\b",
    r"\bне пострадал\b",
    r"\bникто не пострадал\b",
    r"\bніхто не постраждав\b",
)
# The plant named, or described, in a sentence about nuclear safety.
NUCLEAR_RISK = _rx(
    r"\bdiesel\b",
    r"\bgenerators?\b",
    r"\boff-?site power\b",
    r"\bcooling\b",
    r"\bradiation\b",
    r"\bradioactive\b",
    r"\bshell\w*",
    r"\battack\w*",
    r"\bsafety\b",
    r"\bblackout\b",
    r"\bpower (?:line|supply)\b",
    r"\bdisconnected\b",
    r"\bloss of power\b",
    r"\bexternal power\b",
    r"\bstrike\w*",
    r"\bdrone\w*",
    r"\bfire\b",
    r"\bshut ?down\b",
    r"\bcold shutdown\b",
    r"\bдизел\w*",
    r"\bгенератор\w*",
    r"\bрадіац\w*",
    r"\bрадиац\w*",
    r"\bзнеструм\w*",
    r"\bобесточ\w*",
    r"\bохолод\w*",
    r"\bохлажд\w*",
    r"\bблекаут\w*",
)


def kinds_in(sentence: str) -> set[EventKind]:
    """Every event kind the sentence's words trigger, before figures and places are weighed."""
    found: set[EventKind] = set()
    for kind, rule in TRIGGERS.items():
        if not rule.search(sentence):
            continue
        false_sense = FALSE_SENSES.get(kind)
        if false_sense and false_sense.search(sentence):
            cleaned = false_sense.sub(" ", sentence)
            if not rule.search(cleaned):
                continue
        found.add(kind)
    if EventKind.NUCLEAR_SAFETY in found and not NUCLEAR_RISK.search(sentence):
        found.discard(EventKind.NUCLEAR_SAFETY)
    return found


def weapon_in(sentence: str) -> Weapon | None:
    """The weapon named first in the sentence, as reports lead with the main one."""
    best: tuple[int, Weapon] | None = None
    for weapon, rule in WEAPONS:
        m = rule.search(sentence)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), weapon)
    return best[1] if best else None


def has_war_context(text: str) -> bool:
    """Whether a sentence of a war article speaks of the war (actors count here)."""
    return WAR_CONTEXT.search(text) is not None


_ACTOR = _rx(
    r"\bukrain\w*",
    r"\brussi\w*",
    r"\bdonetsk\w*",
    r"\bluhansk\w*",
    r"\blugansk\w*",
    r"\bkharkiv\w*",
    r"\bkherson\w*",
    r"\bzaporizh\w*",
    r"\bkyiv\b",
    r"\bkiev\b",
    r"\bукраї\w*",
    r"\bукраи\w*",
)
_TOLL = _rx(
    r"\b(?:killed|kills?|dead|died|dies|wounded|injured|injures)\b[^.]{0,60}?\b(?:civilians?|people|"
    r"residents?|persons?|children|soldiers?|servicem[ae]n|militiam[ae]n|wom[ae]n|m[ae]n)\b",
    r"\b(?:civilians?|people|residents?|persons?|children|soldiers?|servicem[ae]n|militiam[ae]n|"
    r"wom[ae]n|m[ae]n)\b[^.]{0,40}?\b(?:killed|dead|died|die|dies|wounded|injured)\b",
)


def is_about_war(text: str) -> bool:
    """Whether an article is about the war at all.

    Strong terms (missiles, troops, occupiers...) settle it; otherwise a toll of people in a
    place of the war does ("Three civilians killed in Ukraine's Donetsk").
    """
    if WAR_STRONG.search(text):
        return True
    return _ACTOR.search(text) is not None and _TOLL.search(text) is not None
