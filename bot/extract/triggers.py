"""Which kinds of event a sentence reports: the kinds' trigger words compiled, weapons, war context."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bot.extract.wordindex import present, register, stems
from bot.kinds import KINDS, MOVED_WORDS, PEOPLE_WORDS
from bot.records import EventKind, Weapon

_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


def _join(parts: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts else None


@dataclass(frozen=True, slots=True)
class Rules:
    """A table of alternatives kept as one Latin and one Cyrillic regex.

    Python tries every alternative of a regex at every position, so English text should not
    pay for the Ukrainian and Russian words (and Cyrillic ones run only where Cyrillic is).
    Each regex also runs only if the text has a word starting with one of its stems
    (`wordindex`); None stands for "no stem known", and such a regex always runs.
    """

    parts: tuple[str, ...]
    latin: re.Pattern[str] | None
    cyrillic: re.Pattern[str] | None
    latin_stems: frozenset[str] | None = None
    cyrillic_stems: frozenset[str] | None = None
    # Each alternative on its own, by the stems it starts with: `search` runs only the few
    # whose stems the text has, rather than the whole table's alternation.
    by_stem: dict[str, tuple[tuple[int, re.Pattern[str]], ...]] | None = None

    def _for(self, text: str) -> list[re.Pattern[str]]:
        found = present(text)
        rules = []
        if self.latin and _may(self.latin_stems, found):
            rules.append(self.latin)
        if self.cyrillic and _may(self.cyrillic_stems, found) and _has_cyrillic(text):
            rules.append(self.cyrillic)
        return rules

    def search(self, text: str) -> re.Match[str] | None:
        """The earliest match of either script (at one position, the first alternative, as
        the joined regex would give)."""
        found = present(text)
        if self.by_stem is not None and found is not None:
            return self._search_parts(text, found)
        rules = self._for(text)
        if not rules:
            return None
        if len(rules) == 1:
            return rules[0].search(text)
        matches = [m for rx in rules if (m := rx.search(text)) is not None]
        return min(matches, key=lambda m: m.start(), default=None)

    def matches(self, text: str) -> bool:
        """Whether any alternative matches: `search` without looking for the earliest."""
        found = present(text)
        if self.by_stem is not None and found is not None:
            seen: set[int] = set()
            for stem in found:
                for i, rx in self.by_stem.get(stem, ()):
                    if i not in seen:
                        seen.add(i)
                        if rx.search(text) is not None:
                            return True
            return False
        return any(rx.search(text) is not None for rx in self._for(text))

    def _search_parts(self, text: str, found: frozenset[str]) -> re.Match[str] | None:
        assert self.by_stem is not None
        chosen: dict[int, re.Pattern[str]] = {}
        for stem in found:
            for i, rx in self.by_stem.get(stem, ()):
                chosen[i] = rx
        best: tuple[int, int, re.Match[str]] | None = None
        for i, rx in chosen.items():
            m = rx.search(text)
            if m is not None and (best is None or (m.start(), i) < best[:2]):
                best = (m.start(), i, m)
        return best[2] if best else None

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        for rx in self._for(text):
            text = rx.sub(repl, text)
        return text


def _may(stems: frozenset[str] | None, found: frozenset[str] | None) -> bool:
    """Whether a regex with these stems can match a text whose words start with `found`."""
    return stems is None or found is None or not stems.isdisjoint(found)


@lru_cache(maxsize=1024)
def _has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def _stems(parts: list[str]) -> frozenset[str] | None:
    found: set[str] = set()
    for p in parts:
        keys = stems(p)
        if keys is None:
            return None
        found |= keys
    register(frozenset(found))
    return frozenset(found)


def _rx(*parts: str) -> Rules:
    cyr = [p for p in parts if _CYRILLIC.search(p)]
    lat = [p for p in parts if not _CYRILLIC.search(p)]
    return Rules(
        tuple(parts), _join(lat), _join(cyr), _stems(lat), _stems(cyr), _by_stem(lat + cyr)
    )


def _by_stem(parts: list[str]) -> dict[str, tuple[tuple[int, re.Pattern[str]], ...]] | None:
    """Each alternative compiled alone under every stem it may start with; None when one of
    them has no stems (the whole table must then run). Cyrillic alternatives only match
    Cyrillic words, so they need no separate script test here."""
    out: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
    for i, part in enumerate(parts):
        keys = stems(part)
        if keys is None:
            return None
        rx = re.compile(part, re.IGNORECASE)
        for key in keys:
            out.setdefault(key, []).append((i, rx))
    return {k: tuple(v) for k, v in out.items()}


# Nuclear plants and their watchdog, as Ukrainian and Russian news abbreviate them.
_PLANT_ABBREVIATIONS = (
    r"\bАЕС\b",
    r"\bАЭС\b",
    r"\bЗАЕС\b",
    r"\bЗАЭС\b",
    r"\bМАГАТЕ\b",
    r"\bМАГАТЭ\b",
)

# Each kind's trigger words and false senses come from its spec (bot/kinds.py).
TRIGGERS: dict[EventKind, Rules] = {
    kind: _rx(*spec.triggers.all()) for kind, spec in KINDS.items()
}
FALSE_SENSES: dict[EventKind, Rules] = {
    kind: _rx(*spec.false_senses.all()) for kind, spec in KINDS.items() if spec.false_senses.all()
}

WEAPONS: tuple[tuple[Weapon, Rules], ...] = (
    (
        Weapon.DRONE,
        _rx(
            r"\bdrones?\b",
            r"\bshaheds?\b",
            r"\bUAVs?\b",
            r"\bFPVs?\b",
            r"\bkamikaze\b",
            r"\bдрон\w*",
            # "безпілотник", and "безпілотних літальних апаратів" written out in full
            r"\bбезпілотн\w*",
            r"\bбеспилотн\w*",
            r"\bunmanned\s+aerial\b",
            r"\b(?:квадро)?коптер\w*",
            r"\bшахед\w*",
            r"\bБпЛА\b",
            r"\bБПЛА\b",
            r"\bгеран\w*",
            r"\bланцет\w*",
            r"\b(?-i:Lancet|Geran|Orlan)s?\b",
            r"\bloitering munitions?\b",
            r"\bquadcopters?\b",
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
            r"\bS-400\b",
            r"\bATACMS\b",
            r"\b(?-i:Storm Shadow|SCALP|Kinzhal|Tochka|Neptune|Onyx|Zircon)\w*",
            # "a rocket attack" often renders "ракетний удар"; "rockets" are a launcher's.
            r"\brocket\b(?!\s+(?:artillery|launchers?|systems?|fire))",
            r"\bракет\w*",
            r"\bІскандер\w*",
            r"\bИскандер\w*",
            # the missile, not a calibre ("снарядов калибра 155 мм")
            r"\b(?-i:Калібр|Калибр)\w*",
            r"\bКинджал\w*",
            r"\bКинжал\w*",
            r"\bХ-\d+",
            r"\bС-300\b",
            r"\bС-400\b",
            r"\bбалістичн\w*",
            r"\bбаллистическ\w*",
            r"\bбалістик\w*",
            r"\bбаллистик\w*",
        ),
    ),
    (
        Weapon.ARTILLERY,
        _rx(
            r"\bartillery\b",
            r"\brocket (?:artillery|launchers?|systems?|fire)\b",
            r"\brockets\b",
            r"\b(?:Smerch|Uragan|Tornado|Hurricane)\b",
            r"\bshell(?:ing|ed|s)?\b",
            r"\b\d+\s?-?mm\b",
            r"\b\d+\s?-?мм\b",
            r"\bmortars?\b",
            r"\bMLRS\b",
            r"\b(?:HIMARS|M142|M777|M109)\b",
            r"\btank (?:fire|guns?|shells?)\b",
            r"\bGrad\b",
            r"\bTOS-1\w*",
            r"\bthermobaric\b",
            r"\bhowitzers?\b",
            r"\bmultiple rocket",
            r"\bартилер\w*",
            r"\bартиллер\w*",
            r"\bартобстріл\w*",
            r"\bартобстрел\w*",
            r"\bобстріл\w*",
            r"\bобстрел\w*",
            r"\bміномет\w*",
            r"\bминомет\w*",
            r"\bРСЗВ\b",
            r"\bРСЗО\b",
            r"\bреактивн\w* систем\w* залпового (?:вогню|огня)\b",
            r"\bГрад\w*",
            r"\bУраган\w*",
            r"\bсмерч\w*",
            r"\bгаубиц\w*",
            r"\bстволь?н\w* артилер\w*",
            r"\bснаряд\w*",
        ),
    ),
    (
        Weapon.AIR,
        _rx(
            r"\bair ?strikes?\b",
            r"\b(?:guided )?(?:aerial|glide) bombs?\b",
            r"\bguided bombs?\b",
            r"\bFAB-\d+\w*",
            r"\bUMPK\b",
            r"\bKABs?\b",
            r"\bwarplanes?\b",
            r"\baviation\b",
            r"\bбомб(?!осхов|оубеж)\w*",
            r"\bавіа(?!ц|тор|компан|сполуч|рейс)\w*",
            r"\bавиа(?!ц|тор|компан|сообщ|рейс)\w*",
            r"\b(?:оперативно-тактич\w*|тактич\w*|бомбардувальн\w*|бомбардировочн\w*|штурмов\w*)\s+"
            r"(?:авіаці\w*|авиаци\w*)",
            r"\b(?:авіаці\w*|авиаци\w*)\s+(?:ворога|противника|рф|росії|россии|окупантів)\b",
            r"(?<!anti-)(?<!anti)\b(?:aircraft|jets?|planes?|helicopters?|Su-\d+)\b",
            r"\bКАБ(?:и|ами|ів|ов|ом|ам)?\b",
        ),
    ),
)

# War context. Strong terms make an article about the war; actors (Russia, Ukraine) only
# tell which sentences of such an article are about it: a Donetsk football match has actors
# and "attacks", but no missiles, troops or occupiers.
WAR_STRONG = _rx(
    # What the war leaves in fields: mines and unexploded munitions.
    r"\b(?:anti-?tank|anti-?personnel|land) ?mines?\b",
    r"\bunexploded\b",
    # "Дніпро. Балістика. Є влучання.": a ballistic missile, as alarm posts name it
    r"\bballistic\b",
    r"\bбалістик\w*",
    # "падіння уламків на територію складу": what air defence brought down, as a city's
    # alarm posts tell it without naming the attack
    r"\bпадіння\s+уламк\w*",
    r"\bпадени\w+\s+обломк\w*",
    # "в Россоши обломками повреждены окна", "уламками пошкоджено дах": what was shot down
    r"\b(?:уламками|обломками)\s+(?:[\w’'-]+\s+){0,2}?(?:пошкоджен|поврежд|зруйнован|разруш)\w*",
    r"\b(?:пошкоджен|поврежд|зруйнован|разруш)\w*\s+(?:[\w’'-]+\s+){0,2}?(?:уламками|обломками)\b",
    r"\bбаллистик\w*",
    r"\bпротитанков\w*",
    r"\bпротипіхот\w*",
    r"\bвибухонебезпечн\w*",
    r"\bвзрывоопасн\w*",
    r"\bdefen[cs]e ministry\b",
    r"\bministry of defen[cs]e\b",
    r"\bcommander-in-chief\b",
    r"\benemy\b",
    r"\boccupi\w*",
    r"\boccupation\b",
    # the dam whose breach in June 2023 flooded the Kherson region, told without an attacker
    r"\bKakhovka\s+(?:dam|hydroelectric|HPP|hydropower|power\s+plant|reservoir)\b",
    r"\bКаховськ\w*\s+(?:ГЕС|дамб\w*|гребл\w*|водосховищ\w*)",
    r"\bКаховск\w*\s+(?:ГЭС|плотин\w*|водохранилищ\w*)",
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
    r"\bFPV\b",
    r"\bairstrikes?\b",
    r"\bglide bombs?\b",
    r"\b(?:guided|aerial|air-dropped) (?:aerial )?bombs?\b",
    r"\bnuclear (?:power )?plant\b",
    r"\bIAEA\b",
    r"\bevacuat\w*",
    r"\b(?:humanitarian|green) corridors?\b",
    r"\bdied of (?:his |her |their )?wounds\b",
    r"\bsuccumbed to (?:his |her |their )?(?:wounds|injuries)\b",
    r"\bгуманітарн\w* коридор\w*",
    r"\bгуманитарн\w* коридор\w*",
    # people taken out of a town: "вивезли 600 мешканців", "вывезены более 2 тысяч жителей"
    r"\b(?:вивез|вывез|вивоз|вывоз|переправ)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:люд|мешкан|жител|осіб|"
    r"человек|дітей|детей|цивільн|мирн|родин|семей|пасажир|пассажир)\w*",
    r"\b(?:people|residents|civilians|families|children)\s+(?:[\w,-]+\s+){0,6}?(?:taken|moved|bus+ed|"
    r"ferried|driven|brought)\s+(?:out|to safety)\b",
    rf"\b{MOVED_WORDS}\s+(?:[\w,-]+\s+){{0,4}}?{PEOPLE_WORDS}\s+(?:[\w,-]+\s+){{0,4}}?(?:out of|to safety)\b",
    r"\b(?:жител|мешкан|людей|цивільн|мирн)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:вивоз|вывоз|вивез|вывез|евакую|эвакуир|відсел|отсел)\w*",
    r"\bзелен\w* коридор\w*",
    r"\bservicem[ae]n\b",
    r"\bmilitia\w*",
    r"\brebels?\b",
    r"\bseparatists?\b",
    r"\bclashes\b",
    r"\bceasefire\b",
    r"\btruce\b",
    r"\bKIA\b",
    r"\b(?:AFU|UAF|APU|ZSU)\b",  # the Ukrainian armed forces in Russian and wire abbreviations
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
    # military posts' "the enemy" (a rival elsewhere, but not beside a war's kinds)
    r"\bпротивник\w*",
    r"\bокупант\w*",
    r"\bоккупант\w*",
    r"\bзсу\b",
    r"\bвсу\b",
    # the occupation's words: "ВФУ" (Ukraine's armed formations), its "republics", the JCCC
    r"\bвфу\b",
    # "Одеса. Є влучання.": a hit, as the war's alarm posts say it
    r"\bвлучанн\w*",
    r"\b(?:днр|лнр|сцкк|спцкк)\b",
    r"\b(?:донецк|луганск)\w*\s+народн\w*\s+республик\w*",
    r"\b(?:касетн|кассетн)\w*\s+(?:боєприпас|боеприпас|бомб|снаряд)\w*",
    r"\b(?:DPR|LPR|JCCC)\b",
    r"\bcluster\s+(?:munitions?|bombs?|shells?)\b",
    r"\bармі\w*",
    r"\bвійськ\w*",
    r"\bвойск\w*",
    r"\bрашист\w*",
    r"\bракет\w*",
    r"\bдрон\w*",
    r"\bобстріл\w*",
    r"\bобстрел\w*",
    r"\bснаряд\w*",
    r"\bмінометн\w*",
    r"\bминометн\w*",
    r"\bвійн\w*",
    r"\bвойн\w*",
    r"\bОВА\b",
    r"\bевакуац\w*",
    r"\bэвакуац\w*",
    r"\bбезпілотник\w*",
    r"\bбеспилотник\w*",
    r"\bППО\b",
    r"\bПВО\b",
    r"\bевакую\w*",
    r"\bевакуйов\w*",
    r"\bэвакуир\w*",
    r"\bворож\w*",
    r"\bвражеск\w*",
    r"\bзагарбник\w*",
    r"\bвоенн\w*",
    r"\bартилер\w*",
    r"\bартиллер\w*",
    r"\bміномет\w*",
    r"\bминомет\w*",
    r"\bшахед\w*",
    r"\bБпЛА\b",
    r"\bБПЛА\b",
    r"\b(?:авіа|авиа)бомб\w*",
    r"\bКАБ(?:и|ами|ів|ов|ом|ам)?\b",
    r"\bГенштаб\w*",
    r"\bГенеральн\w* штаб\w*",
    r"\bСил\w* оборони\b",
    r"\bСил\w* обороны\b",
    r"\bлінії фронту\b",
    r"\bлинии фронта\b",
    r"\bфронт\w* (?:напрям|направлен)\w*",
    *_PLANT_ABBREVIATIONS,
    r"\bРСЗВ\b",
    r"\bРСЗО\b",
    r"\bпротиповітрян\w*",
    r"\bпротивовоздушн\w*",
    r"\bокупаці\w*",
    r"\bоккупаци\w*",
    r"\bокупован\w*",
    r"\bоккупирован\w*",
    r"\bбойовик\w*",
    r"\bбоевик\w*",
    r"\bбо[їи] (?:за|під|біля|у|в|на|под|возле)\b",
    # The attacks of this war as its cities' posts name them, the night's, the massive, the
    # combined one ("наслідки нічної атаки: загиблих уже 10"), and the alarm and shelters
    r"\b(?:нічн|масован|комбінован|ночн|массирован|комбинирован)\w* (?:атак|удар|обстріл|обстрел)\w*",
    r"\b(?:overnight|combined) (?:\w+ )?(?:attack|strike|assault)s?\b",
    r"\b(?:повітрян|воздушн)\w* (?:тривог|тревог)\w*",
    r"\bукритт\w*",
    # a strike on a named place: "удар по Київському району", "атака на Одесу" (a shot
    # on goal is "удар по воротах", lowercase)
    r"\b(?:удар|атак)\w* (?:по|на) (?-i:[А-ЯІЇЄҐ])",
)
WAR_CONTEXT = _rx(
    *WAR_STRONG.parts,
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
    r"\bросіян\w*",
    r"\bроссиян\w*",
    r"\bросійськ\w*",
    r"\bроссийск\w*",
    r"\bкремл\w*",
    r"\bмоскв\w*",
    r"\bсил[иы]\b",
)
# "війна цін", "price war": a war that is none. Removed before the war test.
NOT_WAR = _rx(
    r"\b(?:price|trade|tariff|bidding|turf|culture|currency) wars?\b",
    r"\bwar of words\b",
    r"\bвійн\w* (?:цін|тарифів|слів|компроматів)\b",
    r"\b(?:цінов|торгов|тарифн|інформаційн|валютн)\w* війн\w*",
    r"\bвойн\w* (?:цен|тарифов|слов|компроматов)\b",
    r"\b(?:ценов|торгов|тарифн|информационн|валютн)\w* войн\w*",
    # Football: "обстріл воріт", "атака ... ворота" are shots at goal.
    r"\bобстріл\w* воріт\b",
    r"\bобстрел\w* ворот\b",
)

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
    r"\bзаперечу\w*",
    r"\bзаперечил\w*",
    r"\bзаперечив\w*",
    r"\bотрица\w*",
    r"\bне відповіда\w* дійсності\b",
    r"\bне соответству\w* действительности\b",
    r"\bніхто не (?:евакую|залиша|відступа|виход)\w*",
    r"\bникто не (?:эвакуир|покида|отступа|выход)\w*",
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
    # ("Постраждалих серед цивільного населення немає")
    r"\b(?:постраждалих|загиблих|поранених|жертв) (?:серед (?:[\w’'-]+ ){1,2})?(?:немає|нема|не було)\b",
    r"\b(?:пострадавших|погибших|раненых|жертв) (?:среди (?:[\w’'-]+ ){1,2})?(?:нет|не было)\b",
    r"\bбез (?:постраждалих|пострадавших)\b",
    r"\bне (?:було|обійшлося) (?:жертв|постраждалих)\b",
    r"\bобійшлось без\b",
    r"\bникто не погиб\b",
    r"\bніхто не загинув\b",
    r"\b(?:nobody|no one|none)\s+(?:was\s+|were\s+|had\s+been\s+|has\s+been\s+)?(?:hurt|injured|killed|harmed)\b",
    r"\b(?:escaped|were|was)\s+unhurt\b|\bunharmed\b|\bno one hurt\b",
    r"\b(?:no|without) (?:reported )?(?:casualties|injuries|victims)\b",
    r"\bno reports? of (?:any )?(?:casualties|injuries|deaths|victims|people (?:hurt|injured|killed))\b",
    r"\bcasualties\s*:\s*(?:none|no|nil)\b",
    r"\b(?:люди|цивільні|мешканці|жителі|мирні жителі)\s+не\s+постраждали\b",
    r"\b(?:люди|мирные жители|жители|гражданские)\s+не\s+пострадали\b",
    r"\bне\s+(?:постраждали|пострадали)\b",
    r"\bминулося без\b|\bобійшлося без\b",
    r"\b(?:інформації|информации)\s+про\s+(?:постраждалих|загиблих)\s+(?:не\s+надходило|немає)\b",
    r"\b(?:постраждалих|пострадавших)\s+(?:і|и|та)\s+(?:руйнувань|разрушений)\s+(?:немає|нет)\b",
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
    r"\bблэкаут\w*",
    r"\bелектропостачанн\w*",
    r"\bэлектроснабжени\w*",
    r"\bелектроживлен\w*",
    r"\bэлектропитани\w*",
    r"\bлінії? електропередач\w*",
    r"\bлини[ия] электропередач\w*",
    r"\bобстріл\w*",
    r"\bобстрел\w*",
    r"\bатак\w*",
    r"\bудар\w*",
    r"\bдрон\w*",
    r"\bбезпеки\b",
    r"\bбезопасност\w*",
    r"\bпожеж\w*",
    r"\bпожар\w*",
    r"\bзупин\w*",
    r"\bостанов\w*",
    r"\bхолодн\w* зупин\w*",
    # What fell on or blew up at the plant: "обломки беспилотника упали на территории АЭС"
    r"\bdebris\b",
    r"\bwreckage\b",
    r"\bmissiles?\b",
    r"\bexplosions?\b",
    r"\bуламк\w*",
    r"\bобломк\w*",
    r"\bбезпілот\w*",
    r"\bбеспилот\w*",
    r"\bБпЛА\b",
    r"\bБПЛА\b",
    r"\bшахед\w*",
    r"\bракет\w*",
    r"\bвибух\w*",
    r"\bвзрыв\w*",
    # "ЗАЭС потеряла связь с энергосистемой": the plant cut off from the grid
    r"\b(?:енергосистем|энергосистем)\w*",
    r"\b(?:втрати|втрачен|потеря|потерял|утрати|утрачен)\w*\s+(?:зв['’]язок|связь|живлення|питание|электроснабжение)",
)


def _union_stems(tables: list[Rules]) -> frozenset[str] | None:
    found: set[str] = set()
    for rules in tables:
        for regex, keys in (
            (rules.latin, rules.latin_stems),
            (rules.cyrillic, rules.cyrillic_stems),
        ):
            if regex is None:
                continue
            if keys is None:
                return None
            found |= keys
    return frozenset(found)


# Every stem a trigger table can start with: a sentence with none of them has no kind.
_TRIGGER_STEMS = _union_stems(list(TRIGGERS.values()))


def kinds_in(sentence: str) -> set[EventKind]:
    """Every event kind the sentence's words trigger, before figures and places are weighed."""
    return set(_kinds_in(sentence))


@lru_cache(maxsize=4096)
def _kinds_in(sentence: str) -> frozenset[EventKind]:
    found: set[EventKind] = set()
    words = present(sentence)
    if words is not None and _TRIGGER_STEMS is not None and words.isdisjoint(_TRIGGER_STEMS):
        return frozenset()  # most sentences: no trigger word starts any of their words
    for kind, rule in TRIGGERS.items():
        if not rule.matches(sentence):
            continue
        false_sense = FALSE_SENSES.get(kind)
        if false_sense and false_sense.matches(sentence):
            cleaned = false_sense.sub(" ", sentence)
            if not rule.matches(cleaned):
                continue
        found.add(kind)
    if EventKind.NUCLEAR_SAFETY in found and not NUCLEAR_RISK.matches(sentence):
        found.discard(EventKind.NUCLEAR_SAFETY)
    return frozenset(found)


def weapon_in(sentence: str, *, generic_fire: bool = True) -> Weapon | None:
    """The weapon named first in the sentence, as reports lead with the main one. "Обстріл"
    and "shelling" are any attack in Ukrainian and Russian posts: they say artillery only
    when no other weapon is named ("Обстріл Одещини: дрони атакували порт" is drones), and
    not at all when `generic` is False."""
    weapon, only_generic = weapon_told(sentence)
    return None if only_generic and not generic_fire else weapon


def weapon_told(sentence: str) -> tuple[Weapon | None, bool]:
    """The weapon named first (see `weapon_in`), and whether it is artillery only by
    "shelling" or "обстріл", no weapon being named outright."""
    named, generic = _weapons_named(sentence)
    if named:
        return min(named, key=lambda found: found[0])[1], False
    return (Weapon.ARTILLERY, True) if generic else (None, False)


def _weapons_named(sentence: str) -> tuple[list[tuple[int, Weapon]], bool]:
    """Where each weapon is first named outright in the sentence, and whether it says
    "shelling" or "обстріл" (artillery, failing any other)."""
    found: list[tuple[int, Weapon]] = []
    generic = False
    if "/" in sentence:
        # "Air/drone strike", "Shelling/artillery/missile attack": a dataset's category
        # names alternatives, not the weapon used.
        sentence = _SLASHED.sub(lambda m: " " * len(m.group()), sentence)
    # "удар по цеху сборки беспилотников", "drone-boat workshops": what was hit, not
    # what hit it.
    sentence = _WEAPON_AS_TARGET.sub(lambda m: " " * len(m.group()), sentence)
    if _RANGE_WORD.search(sentence):
        # "to push the front within artillery range of the city": a distance, not fire.
        sentence = _WEAPON_AS_RANGE.sub(lambda m: " " * len(m.group()), sentence)
    for weapon, rule in WEAPONS:
        m = rule.search(sentence)
        if m is None:
            continue
        if weapon is Weapon.ARTILLERY and _GENERIC_FIRE.fullmatch(m.group(0)):
            # artillery only if nothing else is named, unless artillery is named besides
            # ("обстріляли з мінометів")
            generic = True
            m = rule.search(_GENERIC_FIRE.sub(lambda g: " " * len(g.group()), sentence))
            if m is None:
                continue
        found.append((m.start(), weapon))
    return found, generic


_SLASHED = re.compile(r"[\w-]+(?:/[\w-]+)+")
_WEAPON_AS_TARGET = re.compile(
    r"\b(?:цех\w*|завод\w*|склад\w*|производств\w*|виробництв\w*|сборк\w*|складанн\w*|"
    r"майстерн\w*|мастерск\w*|workshops?|factory|factories|plants?|warehouses?|depots?|"
    r"production|assembly|storage|stocks?\s+of|stockpiles?\s+of|запас\w*)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:беспилотник\w*|безпілотник\w*|дрон\w*|БпЛА|БПЛА|ракет\w*|снаряд\w*|боеприпас\w*|"
    r"боєприпас\w*|drones?|missiles?|shells?|ammunition|munitions|UAVs?)\b|"
    r"\b(?:drone|missile|ammunition|munitions?|shell|UAV)(?:-boat)?\s+(?:workshops?|factory|factories|"
    r"plants?|depots?|warehouses?|production|assembly|storage)\b|"
    # "по цеху, где собирали ударные беспилотники", "a plant where drones were assembled"
    r"\b(?:где|де|where)\s+(?:[\w-]+\s+){0,3}?(?:собира|собрал|производ|выпуска|хран|збира|"
    r"склада|виробля|вироблял|зберіга|assembl|buil|made|produc|stor)\w*\s+(?:[\w-]+\s+){0,2}?"
    r"(?:беспилотник\w*|безпілотник\w*|дрон\w*|ракет\w*|БпЛА|drones?|missiles?|UAVs?)|"
    r"\bwhere\s+(?:[\w-]+\s+){0,2}?(?:drones?|missiles?|UAVs?)\s+(?:were|are|was|is|had\s+been|have\s+been)\s+"
    r"(?:being\s+)?(?:assembled|built|made|produced|stored|repaired)|"
    # "an aircraft-launched missile", "a ship-launched Kalibr": what carried the weapon
    r"\b(?:aircraft|air|ship|sea|submarine|ground)-launched\b|"
    # "drone footage showed vehicles burning", "відео з дрона": what a camera saw, not fire
    r"\b(?:drone|UAV)\s+(?:footage|video|videos|images?|imagery|camera|surveillance)\b|"
    r"\b(?:footage|video|images?)\s+(?:from|taken\s+by|shot\s+by)\s+(?:a\s+)?(?:drone|UAV)s?\b|"
    r"\b(?:відео|видео|кадр\w*|зйомк\w*|съ[её]мк\w*)\s+(?:з|із|с)\s+(?:дрон\w*|безпілотник\w*|"
    r"беспилотник\w*|БпЛА|БПЛА|коптер\w*|квадрокоптер\w*)",
    re.IGNORECASE,
)
_RANGE_WORD = re.compile(
    r"\b(?:range|reach|дальн\w*|досяжн\w*|досягаем\w*|радіус\w*|радиус\w*)", re.I
)
_WEAPON_AS_RANGE = re.compile(
    r"\b(?:artillery|gun|mortar|missile|rocket|drone|MLRS|firing|strike)\s+(?:range|reach)\b|"
    r"\b(?:range|reach)\s+of\s+(?:\w+\s+){0,2}?(?:artillery|guns|mortars|missiles|rockets|drones|MLRS)\b|"
    r"\b(?:дальн\w*|досяжн\w*|досягаем\w*|радіус\w*|радиус\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:артилері\w*|ствольн\w*|мінометі\w*|ракет\w*|дрон\w*|артиллери\w*|миномет\w*)",
    re.IGNORECASE,
)
# Words for any fire, not for guns in particular.
_GENERIC_FIRE = re.compile(r"(?:обстріл|обстрел)\w*|shell(?:ing|ed)", re.IGNORECASE)


def has_war_context(text: str) -> bool:
    """Whether a sentence of a war article speaks of the war (actors count here)."""
    return WAR_CONTEXT.matches(text)


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
    # The sides as Ukrainian and Russian news name them.
    r"\bворог\w*",
    r"\bвраг\w*",
    r"\bпротивник\w*",
    r"\bокупант\w*",
    r"\bоккупант\w*",
    r"\bрашист\w*",
    r"\bзсу\b",
    r"\bвсу\b",
    r"\bрос(?:і|ій|ія)\w*",
    r"\bросси\w*",
)
_VICTIMS = (
    r"(?:civilians?|people|residents?|persons?|children|soldiers?|servicem[ae]n|militiam[ae]n|"
    r"wom[ae]n|m[ae]n|troops|fighters?|medics?|paramedics?|journalists?|reporters?|"
    r"correspondents?|cameram[ae]n|photographers?|volunteers?|rescuers?|workers?|officers?)"
)
_TOLL = _rx(
    rf"\b(?:killed|kills?|dead|died|dies|wounded|injured|injures)\b[^.]{{0,60}}?\b{_VICTIMS}\b",
    rf"\b{_VICTIMS}\b[^.]{{0,40}}?\b(?:killed|dead|died|die|dies|wounded|injured)\b",
    # "Four dead in eastern Ukraine", "five dead": a headline's bare toll.
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|scores)\s+(?:more\s+)?dead\b",
    # "Young girl among six killed in east Ukraine", "Two killed, power station hit": a bare
    # toll in a headline of the war, not a crash or a fire
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|scores)\s+(?:more\s+)?"
    r"(?:killed|wounded|injured)\b(?![^.]{0,40}\b(?:crash|accident|collision|fire|blaze|flood|"
    r"explosion at|shooting at|stampede|storm)\b)",
)


def names_a_party(text: str) -> bool:
    """Whether the text names Ukraine, Russia or a place of the front line at all."""
    return _ACTOR.matches(text)


# Kinds that, with a place of Ukraine, make an article about the war without any war word:
# "Удар по Одесі: є загиблі", "A humanitarian corridor from Mariupol opened".
WAR_LIKE_KINDS = frozenset(
    {
        EventKind.STRIKE,
        EventKind.CASUALTIES,
        EventKind.EVACUATION,
        EventKind.INFRASTRUCTURE_DAMAGE,
        EventKind.AIR_DEFENSE,
        # "captured Maryinka": with a place of the war (checked after), the war's own.
        EventKind.TERRITORIAL_CHANGE,
        EventKind.GROUND_FIGHTING,
        # "the plant lost its last 750 kV line" under "Zaporizhzhia NPP (Enerhodar)"
        EventKind.NUCLEAR_SAFETY,
    }
)


# Sport and crime reports share "attack", "strike", "удар" and "injured" with the war; with
# no war word in the article, their words say it is not about it.
_NOT_WAR_TOPIC = _rx(
    r"\b(?:match|goals?|scored?|striker|midfielder|league|cup|tournament|championship|coach|"
    r"stadium|fans|minute|half|penalty|referee|protest\w*|protesters|robbery|"
    r"murder\w*|stabb\w*|suspect|arrested)\b",
    # a score ("2-1", "3:0"), not a clock time ("at 10:00") or a date ("28-29 April")
    r"\b\d{1,2}-\d{1,2}\b(?!\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))",
    r"\b\d{1,2}:\d\b(?!\d)",
    # ("голова ОВА", the head of an administration, is no goal; police and minutes are
    # in every report of a strike, and police units take people out of front-line towns:
    # a crime is told by its own words, murder, robbery, a suspect)
    r"\b(?:гол(?:и|ом|ів)?|голы|голов(?=\s+(?:у|в)\s+матч))\b",
    r"\b(?:матч|ворот|тайм|чемпіонат|чемпионат|турнір|турнир|тренер|стадіон|стадион|"
    r"футбол|вболівальн|болельщик|пенальт|суддя|судья|протест|"
    r"мітинг|митинг|пограбув|ограблен|вбивств|убийств|підозрюван|подозреваем)\w*",
    # road accidents and household fires: "ДТП на трасі", "зіткнулися вантажівка та легковик",
    # "причина — необережне поводження з електроприладами"
    r"\b(?:ДТП|дорожньо-транспортн\w*|дорожно-транспортн\w*|зіткнул\w*|столкнул\w*|"
    r"електроприлад\w*|электроприбор\w*|необережн\w* поводженн\w*|неосторожн\w* обращени\w*|"
    r"коротк\w* замикан\w*|коротк\w* замыкани\w*|road accident|traffic accident|car crash|"
    r"head-on collision|collided)\b",
)


def may_be_war(text: str) -> bool:
    """Whether an article without war words still triggers a kind the war has; it is about
    the war if it also names a place of Ukraine (the extractor checks that)."""
    cleaned = NOT_WAR.sub(" ", text)
    if _NOT_WAR_TOPIC.matches(cleaned) or _civil(cleaned):
        return False
    return bool(kinds_in(cleaned) & WAR_LIKE_KINDS)


def _civil(text: str) -> bool:
    """A road accident or a household fire told with its cause, and no attack in it."""
    return _CIVIL_CAUSE.search(text) is not None and _ATTACK_WORD.search(text) is None


def is_about_war(text: str) -> bool:
    """Whether an article is about the war at all.

    Strong terms (missiles, troops, occupiers...) settle it; otherwise a toll of people in a
    place of the war does ("Three civilians killed in Ukraine's Donetsk").
    """
    text = NOT_WAR.sub(" ", text)
    if _civil(text):
        # "Рятувальники евакуювали 12 мешканців ... причина — необережне поводження з
        # електроприладами": a house fire, a road accident, however its rescue is worded
        return False
    if WAR_STRONG.matches(text):
        return True
    return _ACTOR.matches(text) and _TOLL.matches(text)


# A stated cause that is no attack: a road accident, a household fire.
_CIVIL_CAUSE = re.compile(
    r"\b(?:ДТП|дорожньо-транспортн\w*|дорожно-транспортн\w*|необережн\w* поводженн\w*|"
    r"неосторожн\w* обращени\w*|коротк\w* замикан\w*|коротк\w* замыкани\w*|"
    r"(?:road|traffic) accident|car crash|electrical fault|faulty wiring)",
    re.IGNORECASE,
)
_ATTACK_WORD = re.compile(
    r"\b(?:обстр|атак|удар|вдар|ракет|дрон|безпілот|беспилот|шахед|влуч|прил[ье]т|вибух|взрыв|"
    r"shell|missile|drone|strike|attack|explosi|bomb)\w*",
    re.IGNORECASE,
)
