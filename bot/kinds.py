"""What each kind of event is, in one table every stage reads.

A kind's spec holds its trigger words per language (extract), the figures that belong to it
(extract, render), its label (render, commands), the words subscribers use for it (alerts'
filter language) and its default severity (config). Adding a kind means adding an EventKind
and its spec here; tests/test_kinds.py fails until every part is filled in.

Triggers are regular expressions matched case-insensitively from a word start; Cyrillic
stems cover inflected forms. `false_senses` are senses of those words that report no event
of the kind ("hunger strike", "серцевий напад"): a sentence whose only trigger is inside
one does not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import N_
from bot.records import EventKind, FigureName, Severity


@dataclass(frozen=True, slots=True)
class Words:
    """Patterns per language: English, Ukrainian, Russian, and those Ukrainian and Russian
    share (удар, атак, ППО), written once."""

    en: tuple[str, ...] = ()
    uk: tuple[str, ...] = ()
    ru: tuple[str, ...] = ()
    both: tuple[str, ...] = ()

    def of(self, language: str) -> tuple[str, ...]:
        """The patterns of one language ("en", "uk" or "ru")."""
        own: tuple[str, ...] = getattr(self, language)
        return own if language == "en" else (*own, *self.both)

    def all(self) -> tuple[str, ...]:
        """Every pattern once, English first."""
        return tuple(dict.fromkeys((*self.en, *self.uk, *self.ru, *self.both)))


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One kind of event, as every stage knows it."""

    kind: EventKind
    label: str  # how alerts, /latest and /sitrep name it
    filter_words: tuple[str, ...]  # what subscribers type; the first is the one shown
    figures: frozenset[FigureName]  # the counts an event of this kind may carry
    severity: Severity  # before any rule on tolls: flash, urgent or routine
    # Kinds of one family can be one incident told differently (a strike, its toll, the
    # outage it caused): reports of them may join one story.
    family: str
    triggers: Words
    # One sentence per language that reports it; tests check the triggers find each.
    examples: Words
    false_senses: Words = Words()
    spares: bool = False  # "no casualties" can be said of it (a strike, an outage)
    # Other families whose incidents a report of this kind may be telling: a toll with no
    # cause given is the count of a strike or of a battle.
    tells_also: frozenset[str] = frozenset()
    # What subscribers type in Ukrainian and Russian, in any inflection (matched by their
    # dictionary forms); the first Ukrainian word is the one a Ukrainian chat is shown.
    filter_words_uk: tuple[str, ...] = ()
    filter_words_ru: tuple[str, ...] = ()

    @property
    def families(self) -> frozenset[str]:
        """Every family whose story a report of this kind may join."""
        return frozenset({self.family}) | self.tells_also


@dataclass(frozen=True, slots=True)
class FigureSpec:
    """One kind of count: what it is called after its number ("3 killed")."""

    name: FigureName
    words: str
    casualty: bool = False  # a toll of people: "no casualties" when all are zero


FIGURES: dict[FigureName, FigureSpec] = {
    f.name: f
    for f in (
        FigureSpec(FigureName.KILLED, "killed", casualty=True),
        FigureSpec(FigureName.INJURED, "injured", casualty=True),
        FigureSpec(FigureName.EVACUATED, "evacuated"),
        FigureSpec(FigureName.SETTLEMENTS, "settlements"),
        FigureSpec(FigureName.WITHOUT_POWER, "without power"),
        FigureSpec(FigureName.INTERCEPTED, "shot down"),
        FigureSpec(FigureName.LAUNCHED, "launched"),
    )
}

# The counts of people killed or hurt: a toll, whatever the kind of event.
CASUALTY_FIGURES = frozenset(name for name, spec in FIGURES.items() if spec.casualty)

# Who is moved out, and the verbs of moving them, for evacuations told without the word.
PEOPLE_WORDS = _PEOPLE = (
    r"(?:people|residents|civilians|inhabitants|families|children|persons|evacuees|passengers|"
    r"patients|pensioners|women|locals|villagers|townspeople|elderly(?:\s+\w+)?|them|those)"
)
MOVED_WORDS = _MOVED = (
    r"(?:drove|driven|driving|brought|bringing|took|taken|taking|moved|moving|carried|"
    r"transported|ferried|ferrying|bus+ed|bus+ing|relocated|rescued|pulled|led|walked|escorted|"
    r"shuttled|took\s+out|brought\s+out|got)"
)
# Words between a verb and its people (a count as "1,300" is one word).
_WORD = r"(?:[,;]?\s+(?:\d[\d,.]*\d|[\w’'()-]+))"
_WORDS_0_6 = rf"{_WORD}{{0,6}}?"
_WORDS_0_5 = rf"{_WORD}{{0,5}}?"
_WORDS_0_10 = rf"{_WORD}{{0,10}}?"
_MOVING = (
    r"(?:(?:left|leave|leaving)(?!\s+(?:without|behind|homeless|stranded|injured|wounded|dead|with|in\s+the\s+dark))|"
    r"fled|flee|fleeing|escaped|crossed|boarded|departed|got\s+out|made\s+it\s+out|"
    r"reached|arrived)"
)
# The fighting a place has lived with, told as its setting in wire copy: "Lyptsi has been
# at the center of fighting since Moscow launched a new offensive in May", "has been under
# near-constant attack since Russian forces pushed back toward the Oskil". A "since" of
# this morning or of a clock time is an attack going on now, and stays one.
_NOT_NOW = r"(?!(?:this|early|dawn|morning|midnight|last\s+night|the\s+night|\d))"
# "... after months of Russian strikes on the two cities' power plants", "після місяців
# обстрілів", "после месяцев ударов": the background of other news, not an attack told now.
MONTHS_OF = (
    r"\bafter\s+(?:months|weeks|years)\s+of\s+(?:[\w-]+\s+){0,2}?(?:strikes?|shelling|"
    r"attacks?|bombardments?)\b[^.;,]*"
)
MONTHS_OF_CYR = (
    r"\b(?:після|после)\s+(?:[\w’'-]+\s+)?(?:місяців|тижнів|років|месяцев|недель|лет)\s+"
    r"(?:[\w’'-]+\s+)?(?:обстріл|обстрел|удар|атак)\w*[^.;,]*"
)
# "a day after Russia's massive missile barrage on Kyiv, Lviv and Dnipro": another
# incident, named only to say when this one came (neither its strike nor its places).
DAY_AFTER = (
    r"\b(?:a|one|two|three|four|five|\d+)\s+(?:days?|weeks?)\s+after\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?:barrage|strikes?|attacks?|bombardments?|shelling)\b[^.;]*"
)
# People, mostly under arms, who can be taken prisoner (one or many).
_PEOPLE_AT_ARMS = (
    r"(?:soldiers?|servicem[ae]n|troops|fighters?|prisoners|POWs|marines?|paratroopers?|"
    r"mercenar(?:y|ies)|pilots?|sailors?|officers?|commanders?|civilians|people|men|defenders)"
)
FIGHTING_SINCE = (
    r"\b(?:has|have|had)\s+been\s+(?:[\w’'-]+\s+){0,4}?(?:fighting|clashes|battles?|attacks?|"
    rf"shelling|fire|bombardments?|assaults?)\s+(?:since\s+{_NOT_NOW}|"
    # "Ukrainian troops had been fighting for Robotyne for weeks": how long, told back
    r"(?:[\w’'-]+\s+){0,4}?for\s+(?:weeks|months|days|years|more\s+than\s+a\s+(?:week|month|year)))"
    r"[^.;]*"
)
_SINCE_THEY_MOVED = (
    r"\bsince\s+(?:[\w’'-]+\s+){1,3}?(?:launched|pushed|seized|began|started|captured|invaded|"
    r"retook|occupied|crossed)\b[^.;]*"
)
# "as Moscow's forces pressed their offensive toward Pokrovsk", "as fighting continued along
# the northern border": the campaign around the news, not an engagement of its own.
_AS_THE_FIGHTING_GOES_ON = (
    r"\bas\s+(?:[\w’'-]+\s+){0,3}?(?:fighting|battles?|clashes|offensive|advance|forces|troops)\s+"
    r"(?:[\w’'-]+\s+){0,3}?(?:continued|continues|raged|rages|went\s+on|goes\s+on|pressed|presses|"
    r"pushed|pushes|push|intensified|drew\s+closer|draws\s+closer|advanced|advances|advance|"
    r"closed\s+in)\b(?:\s+(?:their|its|the|an?)\s+(?:[\w-]+\s+)?(?:offensive|advance|assault|"
    r"push|attacks?))?"
)
# "part of a grinding push toward the town of Kurakhovo", "its counteroffensive toward the
# Russian-held town of Tokmak": the campaign a capture or a strike belongs to.
_PUSH_TOWARD = (
    r"\b(?:a|an|the|its|their|his|of)\s+(?:[\w’'-]+\s+){0,2}?(?:push|advance|drive|offensive|"
    r"counteroffensive|counter-offensive|thrust|steps?)\s+(?:toward|towards)\b"
)
# "на тлі наступу російських військ на Покровськ", "на фоне наступления на Покровск"
_ON_THE_BACKDROP_OF_FIGHTING = (
    r"\bна\s+(?:тлі|фоні|фоне)\s+(?:[\w’'-]+\s+){0,2}?(?:наступ|наступлени|бо[їяе]|штурм|просуван|"
    r"продвижени)\w*"
)
# The campaign a report sets its news in, to the end of its clause.
CAMPAIGN = rf"(?:{_AS_THE_FIGHTING_GOES_ON}|{_ON_THE_BACKDROP_OF_FIGHTING}|{_PUSH_TOWARD})[^.;]*"

# In priority order: when events are equally severe, the one that matters most to people
# nearby leads an alert.
KINDS: dict[EventKind, KindSpec] = {
    s.kind: s
    for s in (
        KindSpec(
            EventKind.NUCLEAR_SAFETY,
            label=N_("Nuclear safety"),
            filter_words_uk=("аес", "ядерна-безпека", "ядерний", "радіація", "запорізька-аес"),
            filter_words_ru=("аэс", "ядерный", "радиация"),
            filter_words=tuple(["nuclear", "nuclear-safety", "npp", "radiation"]),
            figures=frozenset(),
            severity=Severity.FLASH,
            family="nuclear",
            spares=True,  # "no injuries were reported" after a drone hit a plant's building
            triggers=Words(
                en=(
                    r"\bnuclear (?:power )?(?:plant|station|facility|reactor)s?\b",
                    r"\bNPP\b",
                    r"\bZNPP\b",
                    r"\bIAEA\b",
                    r"\breactors?\b",
                    r"\bnuclear safety\b",
                    r"\bInternational Atomic Energy Agency\b",
                    r"\batomic (?:power )?(?:plant|station)\b",
                    # "the plant lost its last 750 kV line and ran on diesel generators": a
                    # nuclear plant told of by what only such a plant does
                    r"\b(?:the|its)\s+plant\b[^.;]{0,80}\b(?:diesel\s+generators|\d{3}\s*kV\s+(?:power\s+)?lines?|"
                    r"off-?site\s+power)\b",
                ),
                uk=(),
                ru=(
                    r"\bАЭС\b",
                    r"\bЗАЭС\b",
                    r"\bМАГАТЭ\b",
                    r"\bатомн\w* (?:электро)?станц\w*",
                ),
                both=(
                    # "Станція втратила останню лінію 750 кВ і перейшла на дизель-генератори"
                    r"\b(?:станці|станци)\w*\b[^.;]{0,80}(?:дизел\w*|дизель|\d{3}\s*кВ)",
                    r"\bАЕС\b",
                    r"\bЗАЕС\b",
                    r"\bМАГАТЕ\b",
                    r"\bатомн\w* (?:електро)?станц\w*",
                    r"\bреактор\w*",
                ),
            ),
            examples=Words(
                en=(
                    "The Zaporizhzhia nuclear plant lost off-site power and switched to diesel generators.",
                ),
                uk=("Запорізька АЕС знову перейшла на живлення від дизель-генераторів.",),
                ru=("Запорожская АЭС вновь перешла на питание от дизель-генераторов.",),
            ),
            # The plant as a landmark: "pounded Marhanets, across the Dnipro from the
            # Zaporizhzhia nuclear plant" tells where the towns are, not the plant's news.
            false_senses=Words(
                en=(
                    r"\b(?:across|over) (?:the )?(?:[\w-]+ )?(?:river|reservoir|water|Dnipro|Dnieper)"
                    r"(?: (?:river|reservoir))? from (?:the )?(?:[\w-]+ ){0,3}?(?:nuclear (?:power )?"
                    r"(?:plant|station)|NPP|ZNPP)\b",
                    r"\bopposite (?:the )?(?:[\w-]+ ){0,3}?(?:nuclear (?:power )?(?:plant|station)|NPP|ZNPP)\b",
                    # "Energodar, the town that houses the Zaporizhzhia nuclear power plant"
                    r"\b(?:(?:that|which) (?:houses|hosts|is home to)|home to|housing|hosting) "
                    r"(?:the )?(?:[\w'’-]+ ){0,3}?(?:nuclear (?:power )?(?:plant|station)|NPP|ZNPP)\b",
                    r"\bwhere (?:the )?(?:[\w-]+ ){0,3}?(?:nuclear (?:power )?(?:plant|station)|NPP|ZNPP)"
                    r" (?:is|lies|stands) (?:located|situated|based)?\b",
                    # "Nikopol, which faces the Russian-held Zaporizhzhia nuclear plant",
                    # "Energodar, home of the Zaporizhzhia nuclear plant"
                    r"\b(?:(?:that|which) (?:faces|overlooks|sits across from|lies across from)|facing|"
                    r"overlooking|home of|the site of|site of) (?:the )?(?:[\w'’-]+ ){0,3}?(?:nuclear "
                    r"(?:power )?(?:plant|station)|NPP|ZNPP)\b",
                    # "the plant is operating normally and radiation levels are normal": a
                    # reassurance, no plant news
                    r"\b(?:NPP|ZNPP|(?:nuclear|atomic) (?:power )?(?:plant|station))\s+(?:is\s+operating|"
                    r"operates|is\s+working|continues\s+to\s+operate|is\s+running)\s+(?:[\w-]+\s+){0,2}?"
                    r"(?:normally|as\s+usual|safely|in\s+(?:its\s+)?normal\s+mode)\b[^.;]*",
                    r"\bradiation\s+(?:levels?|background|situation)\s+(?:\w+\s+){0,2}?(?:normal|within\s+"
                    r"(?:the\s+)?norm|unchanged|stable)\b[^.;]*",
                ),
                uk=(
                    r"\b(?:навпроти|напроти|через (?:річку|Дніпро|водосховище) від) (?:[\w’'-]+ ){0,3}?(?:АЕС|ЗАЕС|атомн\w* (?:електро)?станц\w*)",
                    r"\bде (?:розташован\w*|знаходиться|стоїть) (?:[\w’'-]+ ){0,2}?(?:АЕС|ЗАЕС|атомн\w* (?:електро)?станц\w*)",
                ),
                ru=(
                    r"\b(?:напротив|через (?:реку|Днепр|водохранилище) от) (?:[\w-]+ ){0,3}?(?:АЭС|ЗАЭС|атомн\w* (?:электро)?станц\w*)",
                    r"\bгде (?:расположен\w*|находится|стоит) (?:[\w-]+ ){0,2}?(?:АЭС|ЗАЭС|атомн\w* (?:электро)?станц\w*)",
                ),
                # The plant said to run as usual, its radiation normal: a reassurance, no
                # news of the plant ("Запорожская АЭС работает в штатном режиме, радиационный
                # фон в норме").
                both=(
                    r"\b(?:АЕС|АЭС|ЗАЕС|ЗАЭС|атомн\w* (?:електро|электро)?станц\w*)\s+(?:[\w’'-]+\s+){0,2}?"
                    r"(?:працює|работает|функціонує|функционирует)\s+(?:[\w’'-]+\s+){0,2}?(?:штатн|звичайн|"
                    r"обычн|нормальн)\w*[^.;]*",
                    r"\b(?:радіаційн\w*|радиационн\w*)\s+(?:фон|обстановк\w*|ситуаці\w*|ситуаци\w*)\s+"
                    r"(?:[\w’'-]+\s+){0,2}?(?:в|у)\s+норм\w*[^.;]*|"
                    r"\b(?:радіаційн\w*|радиационн\w*)\s+(?:фон|обстановк\w*)\s+(?:[\w’'-]+\s+)?(?:не\s+"
                    r"(?:перевищ|превыш)|стабільн|стабильн|без\s+змін|без\s+изменений)\w*[^.;]*",
                ),
            ),
        ),
        KindSpec(
            EventKind.CASUALTIES,
            label=N_("Casualties"),
            filter_words_uk=(
                "жертви",
                "жертва",
                "загиблі",
                "загиблий",
                "поранені",
                "поранений",
                "втрати",
                "смерть",
            ),
            filter_words_ru=(
                "жертвы",
                "жертва",
                "погибшие",
                "погибший",
                "раненые",
                "раненый",
                "потери",
            ),
            filter_words=tuple(
                [
                    "casualties",
                    "casualty",
                    "deaths",
                    "death",
                    "killed",
                    "dead",
                    "injured",
                    "wounded",
                ]
            ),
            figures=CASUALTY_FIGURES,
            severity=Severity.ROUTINE,
            family="attack",
            triggers=Words(
                en=(
                    r"\bbod(?:y|ies)\s+of\b",
                    # "recorded the death of a 12-year-old boy"
                    r"\bdeaths?\s+of\s+(?:a|an|one|two|three|\d+)\b",
                    r"\bbodies\b",
                    r"\blost\s+(?:his|her|their|a|an|both)\s+(?:foot|feet|leg|legs|arm|arms|hand|hands|eye|eyes|limbs?)\b",
                    r"\blost (?:their|his|her) li(?:ves|fe)\b",
                    r"\bkill(?:ed|ing|s)?\b",
                    r"\bKIA\b",
                    r"\b(?:destroyed|eliminated|liquidated|neutrali[sz]ed)\b(?:\s+[\w-]+){0,4}?\s+(?:soldiers|servicem[ae]n|troops|militants|fighters|mercenaries|personnel|militiam[ae]n)\b",
                    r"\b(?:soldiers|servicem[ae]n|troops|militants|fighters|mercenaries|personnel)\b(?:\s+[\w-]+){0,8}?\s+(?:were|was)\s+(?:destroyed|eliminated|liquidated)\b",
                    r"\bdead\b",
                    r"\bdie[sd]\b",
                    r"\bclaim(?:ed|s|ing)?\s+(?:\w+\s+){0,3}?lives\b",
                    r"\bsuccumbed\b",
                    r"\bfound dead\b",
                    r"\bdeath toll\b",
                    r"\bwounded\b",
                    r"\binjur(?:ed|ing|ies)\b",
                    r"\bcasualt\w*",
                    r"\bfatalit\w*",
                    r"\bmass\s+(?:graves?|burials?|burial\s+sites?)\b",
                ),
                uk=(),
                ru=(),
                both=(
                    r"\bпомер\w*",
                    r"\bскончал\w*",
                    r"\bумер\w*",
                    r"\bзагин\w*",
                    r"\bзагибл\w*",
                    r"\bпоранен\w*",
                    r"\bпогиб\w*",
                    r"\bранен\w*",
                    r"\bубит\w*",
                    r"\bвбит\w*",
                    r"\bпостражда\w*",
                    r"\bпострада\w*",  # "пострадали", "пострадавших"
                    r"\bтравмован\w*",
                    r"\bтравмирован\w*",
                    r"\bтравмувал\w*",
                    r"\bвбил[аио]?\b",
                    r"\bвбив\b",  # "дрон вбив жінку"
                    r"\bубил[аио]?\b",
                    r"\bпоранил[аио]\b",
                    r"\bпоранив\b",  # "обстріл поранив чоловіка"
                    r"\bранил[аио]?\b",  # "обстрел ранил мужчину"
                    r"\bтравмировал\w*",
                    r"\bжертв\w*",
                    # "280 людей поховали у братських могилах", "массовое захоронение"
                    r"\b(?:братськ|братск|масов|массов)\w*\s+(?:могил|похован|захоронени)\w*",
                    # "з-під завалів дістали тіла двох людей", "извлекли тела трёх человек"
                    r"\b(?:дістали|вилучили|виявили|знайшли|деблокували)\s+(?:\w+\s+){0,2}?тіл[оа]\b",
                    r"\b(?:извлекли|достали|обнаружили|нашли)\s+(?:\w+\s+){0,2}?тел[оа]\b",
                ),
            ),
            examples=Words(
                en=("Two civilians were killed and five wounded in the Donetsk region.",),
                uk=("На Донеччині загинули двоє цивільних, ще п'ятеро поранені.",),
                ru=("В Донецкой области погибли двое мирных жителей, пятеро ранены.",),
            ),
            false_senses=Words(
                # "More than 400 civilians were killed in Bucha during the month-long
                # occupation": the toll of a past period, told at a memorial
                en=(
                    r"\b(?:killed|died|dead|murdered|tortured|executed)\b[^.;]{0,80}?\bduring\s+"
                    r"(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?occupation\b",
                    r"\bduring\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?occupation\b[^.;]*",
                ),
                both=(
                    r"\b(?:під\s+час|за\s+час|упродовж|во\s+время|за\s+время)\s+(?:[\w’'-]+\s+)?"
                    r"(?:окупації|оккупации)\b[^.;]*",
                ),
            ),
            tells_also=frozenset({"fighting"}),
        ),
        KindSpec(
            EventKind.STRIKE,
            label=N_("Strike"),
            filter_words_uk=(
                "удари",
                "удар",
                "обстріли",
                "обстріл",
                "ракети",
                "ракета",
                "дрони",
                "дрон",
                "шахеди",
                "шахед",
                "бпла",
                "атаки",
                "атака",
                "вибухи",
                "вибух",
                "бомбардування",
                "каб",
            ),
            filter_words_ru=(
                "удары",
                "удар",
                "обстрелы",
                "обстрел",
                "ракеты",
                "ракета",
                "дроны",
                "дрон",
                "шахеды",
                "шахед",
                "бпла",
                "атаки",
                "атака",
                "взрывы",
                "взрыв",
                "бомбардировка",
            ),
            filter_words=tuple(
                [
                    "strikes",
                    "strike",
                    "missile",
                    "missiles",
                    "drone",
                    "drones",
                    "shelling",
                    "attack",
                    "attacks",
                    "airstrike",
                    "airstrikes",
                    "rocket",
                    "rockets",
                ]
            ),
            figures=CASUALTY_FIGURES | {FigureName.WITHOUT_POWER},
            severity=Severity.URGENT,
            family="attack",
            triggers=Words(
                en=(
                    r"\b(?:air|missile|drone|rocket|artillery)?\s?strikes?\b",
                    r"\bstruck\b",
                    r"\battack(?:s|ed|ing)?\b",
                    r"\bshell(?:ing|ed|s)\b",
                    # "Kiev troops shell LPR 12 times": the bare verb after who fires
                    r"\b(?:troops|forces|militants|army|rebels|separatists|militias?|artillery|gunners)\s+(?:\w+\s+)?shell\b",
                    r"\bbombard\w*",
                    r"\bbomb(?:ing|ed|s)\b",
                    r"\bexplosions?\b",
                    r"\bblasts?\b",
                    r"\bhit by\b",
                    # "fired artillery across the Dnipro River from Energodar at the city of Nikopol"
                    r"\bfired\s+(?:artillery|shells?|missiles?|rockets?|mortars?|mortar\s+rounds|drones?|"
                    r"MLRS|Grad\s+rockets|tank\s+rounds)\s+(?:[\w-]+\s+){0,8}?(?:at|on|into)\b",
                    # "an explosive device dropped from a small unmanned aerial vehicle"
                    r"\b(?:dropped|drops|dropping)\s+(?:[\w-]+\s+){0,3}?from\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
                    r"(?:drones?|UAVs?|unmanned\s+aerial\s+vehicles?|quadcopters?|copters?)\b",
                    # "Hits have been recorded", "an impact was reported": an alarm post's hit
                    r"\b(?:hits?|impacts?)\s+(?:was\s+|were\s+|has\s+been\s+|have\s+been\s+)?"
                    r"(?:confirmed|recorded|reported)\b",
                    r"\bhit\b[^.;]{0,40}\b(?:missiles?|rockets?|drones?|shells?|bombs?|artillery)\b",
                    r"\b(?:missiles?|rockets?|drones?|UAVs?|shaheds?|lancets?|munitions?|shells?|bombs?|KABs?|artillery|mortars?|howitzers?|tanks?|HIMARS|Iskanders?)\s+(?:\w+\s+){0,2}(?:hits?|struck|strikes|pound(?:s|ed)|shell(?:s|ed))\b",
                    # "drones damaged houses", "falling debris destroyed a car"
                    r"\b(?:missiles?|rockets?|drones?|shaheds?|shells?|bombs?|debris|shrapnel|fragments)\s+(?:\w+\s+){0,2}?(?:damaged|destroyed|wrecked|gutted|set fire to|set\s+\w+\s+on fire)\b",
                    # "a house was damaged by falling debris"
                    r"\b(?:damaged|destroyed|set on fire|caught fire|injured|wounded)\s+(?:\w+\s+){0,3}?by\s+(?:the\s+)?(?:falling\s+)?(?:debris|fragments|wreckage)\b",
                    # "debris fell on a warehouse, causing a fire"
                    r"\bdebris\s+(?:[\w-]+\s+){0,4}?(?:fell|landed|crashed)\b[^.;]{0,80}?\b(?:causing|started|sparking|setting|set)\s+(?:an?\s+|it\s+on\s+|them\s+on\s+)?(?:fire|blaze)\b",
                    # "drone debris fell on a house", "the street where debris fell" (as
                    # "уламки впали" is told in Ukrainian); not debris cleared or removed
                    r"\b(?:debris|wreckage)\s+(?:(?:of|from)\s+)?(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}?"
                    r"(?:fell|landed|crashed)\b(?:\s+(?:on|onto|in|into|near|at|over)\b|\s*[.;,])",
                    # "debris fell on a house, damaging its roof"
                    r"\bdebris\s+(?:[\w-]+\s+){0,4}?(?:fell|landed|crashed)\b[^.;]{0,80}?\b(?:damaging|destroying|smashing|shattering)\b",
                    r"\bpound(?:ed|ing|s)\b",
                    r"\bhammer(?:ed|ing)\b",
                    r"\bbatter(?:ed|ing)\b",
                    r"\brocked\b",
                    r"\b(?:fired|firing|fires|opened fire)\b(?:\s+[\w-]+){0,6}?\s+(?:at|on|upon|towards?|into)\b",
                    r"\bfired\s+(?:up)?on\b",
                    r"\bunder\s+(?:[\w-]+\s+){0,3}?fire\b",
                    r"\btarget(?:ed|ing|s)\b",
                    # Monitors' and police wording: damage "caused by a mortar round".
                    r"\bcaused by (?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:mortar|artillery|tank|shell|round|rocket|missile|drone|munition|shelling|strike)s?\b",
                    r"\b(?:shell|round|rocket|missile|bomb|projectile|munition)s?\s+(?:\w+\s+){0,2}?(?:landed|exploded|fell)\b",
                    r"\b(?:fresh\s+)?craters?\b",
                    r"\bshrapnel\b",
                    r"\b(?:slam|crash|smash|plough|plow)(?:med|ed|s|ing)?\s+into\b",
                    r"(?<!\ba )(?<!\ban )(?<!\bthe )\bdestroyed\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}?(?:depot|warehouse|facility|building|bridge|plant|base|positions?|headquarters|command post|school|house|hospital|factory)\b",
                    r"\blaunch(?:ed|es|ing)?\b(?:\s+[\w-]+){0,5}?\s+(?:missiles?|rockets?|drones?|shaheds?|strikes?|attacks?|bombs?|munitions|MLRS|HIMARS|Grad|Uragan|Smerch|KABs?|artillery)\b",
                    r"\b(?:rained|unleashed|dropped|used)\b(?:\s+[\w-]+){0,4}?\s+(?:missiles?|rockets?|drones?|shells?|bombs?|explosives?|munitions?|ordnance|grenades?|barrages?|MLRS|KABs?|artillery|mortars?|mines?)\b",
                    r"\bhit\b(?:,?\s+[\w()’'-]+){0,9}?,?\s+with\b",
                    r"\b(?:hits?|hitting)\s+(?:on\s+)?(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:building|house|school|hospital|plant|facility|port|depot|block|station|enterprise|infrastructure)\b",
                    r"\bairstrikes?\b",
                    r"\bbarrage\b",
                    # "carried out an air raid on", "artillery fire on Artemovsk"
                    r"\b(?:carried out|conducted|launched|made)\s+(?:an?\s+)?(?:[\w-]+\s+)?air\s*raids?\b",
                    r"\b(?:artillery|mortar|rocket|tank|MLRS|missile|drone|sniper)\s+(?:fire|strikes?|attacks?)\s+(?:on|at|against|targeted)\b",
                    # "MLRS fire hit Kivsharivka", "mortar fire struck a house"
                    r"\b(?:artillery|mortar|rocket|tank|MLRS|Grad|Uragan|Smerch)\s+fire\s+(?:hit|struck|targeted|damaged|destroyed|killed|wounded|injured)\b",
                    r"\bdropp(?:ed|ing)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:bombs?|grenades?|explosives?|munitions?|KABs?)\b",
                    # what a weapon did on impact: "a missile tore through the building",
                    # "shells slammed into", "a drone crashed into a block"
                    # "high-precision weapons destroyed a train", "was destroyed by precision
                    # weapons": what a weapon destroyed, as the Russian MoD tells its strikes
                    r"\b(?:high-precision|precision|precision-guided|long-range)\s+(?:[\w-]+\s+)?"
                    r"(?:weapons|munitions|strikes?)\s+(?:had\s+|have\s+)?(?:destroyed|hit)\b",
                    r"\b(?:destroyed|hit)\s+(?:by|with)\s+(?:a\s+)?(?:high-precision|precision|"
                    r"precision-guided|long-range)\s+(?:[\w-]+\s+)?(?:weapons?|munitions?|strikes?)\b",
                    # the weapon as the killer: "a drone killed a 52-year-old woman"
                    r"\b(?:missiles?|rockets?|drones?|UAVs?|shaheds?|shells?|bombs?|KABs?|munitions?|"
                    r"projectiles?)\s+(?:[\w-]+\s+){0,5}?(?:killed|killing|kills|wounded|wounding|"
                    r"wounds|injured|injuring|injures)\s+(?!in\b)",
                    # a headline's weapon and target, no verb: "Ballistic missile on Kryvyi Rih:
                    # four dead", "Drones on Odesa port"
                    r"\b(?:missiles?|rockets?|drones?|UAVs?|shaheds?|KABs?|(?:glide|guided|aerial)\s+bombs?)"
                    r"\s+(?:strikes?\s+|attacks?\s+)?on\s+(?!(?-i:Monday|Tuesday|Wednesday|Thursday|"
                    r"Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|"
                    r"October|November|December|Ukraine|Russia|Telegram|Facebook|X)\b)(?-i:[A-Z])",
                    r"\b(?:missiles?|rockets?|drones?|UAVs?|shaheds?|shells?|bombs?|KABs?|munitions?|"
                    r"warheads?|projectiles?)\s+(?:[\w-]+\s+){0,4}?(?:tore|ripped|slammed|smashed|"
                    r"crashed|ploughed|plowed|exploded|detonated|landed)\s+(?:into|through|over|above|in|"
                    r"on|near|at|onto)\b",
                ),
                uk=(
                    # "Росіяни б'ють дронами по автобусу", "ворог гатить по Херсону": a headline's
                    # present tense
                    r"\b(?:б['’]є|б['’]ють|гатить|гатять|лупить|лупцює)\s+(?:[\w’'-]+\s+){0,2}?по\b",
                    # and the past: "агресор бив з артилерії по Нікополю"
                    r"\b(?:бив|била|били|гатив|гатила|гатили|лупив|лупили)\s+(?:[\w’'-]+\s+){0,3}?по\s+"
                    r"(?!(?:м['’]яч|воріт|ворот|шайб|клавіш|столу|рекорд)\w*)",
                    # "ракета розірвалася над", "дрон влетів у", "уламки ракети впали на"
                    r"\b(?:ракет|дрон|безпілотник|бпла|шахед|снаряд|бомб|каб|мін)\w*\s+(?:[\w’'-]+\s+){0,3}?"
                    r"(?:розірвал|вибухнул|вибухнув|влетів|влетіл|поцілил|поцілив|прилетів|прилетіл)\w*",
                    r"\bобстріл\w*",
                    r"\bобстрілял\w*",
                    r"\bпід обстріл\w*",
                    r"\bнаслідк\w* (?:нічн\w* |ранков\w* |вечірн\w* |ворож\w* |ракетн\w* )?(?:атак|удар|обстріл)\w*",
                    r"\b(?:авіа|авиа)бомб\w*",
                    r"\bКАБ(?:и|ами|ів|ов|ом)?\b",
                    r"\b(?:авіа|авиа)удар\w*",
                    # "дрони пошкодили будинки", "уламки зруйнували гараж"
                    r"\b(?:дрон|безпілотник|ракет|снаряд|шахед|бпла|уламк|бомб|каб|мін)\w*\s+"
                    r"(?:[\w’'-]+\s+){0,4}?(?:пошкоди|зруйнува|підпали|спали)\w*",
                    # "внаслідок падіння уламків пошкоджено будинок", and the other order
                    r"\bпадіння\s+уламк\w*[^.;]{0,120}?\b(?:пошкоджен|пошкодил|зруйнован|зайнял|"
                    r"займанн|загорі|загорян|пожеж|травмован|поранен)\w*",
                    r"\b(?:пошкоджен|зруйнован|травмован|поранен)\w*[^.;]{0,80}?\bпадіння\s+уламк\w*",
                    # "уламки збитого дрона впали на території Дарницького району"
                    r"\bуламк\w*\s+(?!(?:[\w’'-]+\s+){0,2}?(?:збит|знищен|перехоплен)\w*)"
                    r"(?:[\w’'-]+\s+){0,4}?(?:впал|впав|впало|упал|падал)\w*",
                    # "уламками пошкоджено дах", "пошкоджено уламками два будинки"
                    r"\bуламками\s+(?:[\w’'-]+\s+){0,3}?(?:пошкоджен|зруйнован|травмован|поранен)\w*",
                    r"\b(?:пошкоджен|зруйнован|травмован|поранен)\w*\s+(?:[\w’'-]+\s+){0,3}?уламками\b",
                    # "Високоточною зброєю на станції знищено ешелон"
                    r"\b(?:високоточн|ракетн|артилерійськ|авіаційн)\w*\s+(?:[\w’'-]+\s+)?(?:зброє|удар|засоб)"
                    r"\w*\s+(?:[\w’'-]+\s+){0,8}?(?:знищен|уражен|зруйнован)\w*",
                    r"\b(?:знищен|уражен|зруйнован)\w*\s+(?:[\w’'-]+\s+){0,8}?(?:високоточн|ракетн|"
                    r"артилерійськ|авіаційн)\w*\s+(?:[\w’'-]+\s+)?(?:зброє|удар|засоб)\w*",
                ),
                ru=(
                    r"\b(?:бь[её]т|бьют|лупит|лупят|долбит|долбят|били|бил|била|долбили|долбил)\s+(?:[\w-]+\s+){0,2}?по\b",
                    r"\bвзрыв\w*",
                    # "ракета разорвалась над", "дрон влетел в", "снаряд угодил в"
                    r"\b(?:ракет|дрон|беспилотник|бпла|шахед|снаряд|бомб|каб|мин)\w*\s+(?:[\w-]+\s+){0,3}?"
                    r"(?:разорвал|взорвал|влетел|угодил|прилетел)\w*",
                    r"\b(?:дрон|беспилотник|ракет|снаряд|шахед|бпла|обломк|бомб|каб|мин)\w*\s+"
                    r"(?:[\w’'-]+\s+){0,4}?(?:повреди|разруши|подожг|сожг)\w*",
                    r"\bпадени[ея]\s+обломк\w*[^.;]{0,120}?\b(?:поврежд|разруш|загорел|возгоран|пожар|"
                    r"ранен|пострада)\w*",
                    r"\b(?:поврежд|разруш|ранен|пострада)\w*[^.;]{0,80}?\bпадени[ея]\s+обломк\w*",
                    # "обломки сбитого беспилотника упали в Льгове"
                    r"\bобломк\w*\s+(?!(?:[\w-]+\s+){0,2}?(?:сбит|уничтожен|перехвачен)\w*)"
                    r"(?:[\w-]+\s+){0,4}?(?:упал|упало|падал)\w*",
                    # "обломками повреждено остекление", "повреждены обломками два дома"
                    r"\bобломками\s+(?:[\w-]+\s+){0,3}?(?:поврежд|разруш|ранен|травмир)\w*",
                    r"\b(?:поврежд|разруш|ранен|травмир)\w*\s+(?:[\w-]+\s+){0,3}?обломками\b",
                    # "Высокоточным оружием на станции Красноармейск уничтожен эшелон": what a
                    # weapon destroyed, as the Russian MoD tells its strikes
                    r"\b(?:высокоточн|ракетн|артиллерийск|авиационн)\w*\s+(?:[\w-]+\s+)?(?:оружи|удар|средств)"
                    r"\w*\s+(?:[\w-]+\s+){0,8}?(?:уничтожен|поражен|разрушен)\w*",
                    r"\b(?:уничтожен|поражен|разрушен)\w*\s+(?:[\w-]+\s+){0,8}?(?:высокоточн|ракетн|"
                    r"артиллерийск|авиационн)\w*\s+(?:[\w-]+\s+)?(?:оружи|удар|средств)\w*",
                ),
                both=(
                    r"\bудар\w*",
                    r"\bобстрел\w*",
                    # "через артобстріл зупинки", "артудар по селу"
                    r"\bарт(?:обстріл|обстрел|удар|наліт|налет)\w*",
                    # the weapon as the killer: "дрон убив жінку", "снаряд ранил мужчину"
                    r"\b(?:ракет|дрон|безпілотник|беспилотник|бпла|шахед|снаряд|бомб|каб|мін|мин|fpv)\w*\s+"
                    r"(?:[\w’'-]+\s+){0,3}?(?:убив|убила|убили|вбив|вбила|вбили|убил|поранив|поранила|"
                    r"поранили|ранил|травмува|травмирова|забрал\w*\s+життя|унес\w*\s+жизн)\w*",
                    r"\bатак\w*",
                    r"\bвибух\w*",
                    r"\bприльот\w*",
                    r"\bприлет\w*",
                    r"\bвдари\w*",
                    r"\bвдарил\w*",
                    r"\bударил\w*",
                    r"\bуразил\w*",
                    r"\bуражен\w*",
                    r"\bпод обстрел\w*",
                    r"\bвлучи\w*",
                    r"\bпопал[аио]?\b",
                    r"\bпотрапил\w* під\b",
                    r"\bпоцілил\w*",
                    r"\bнакрыл\w*",
                    r"\bнакрил\w*",
                    r"\bнакрив\b",  # "вогонь РСЗВ накрив Ківшарівку"
                    r"\bнакрива\w*",
                    r"\bвлучан\w*",
                    r"\bпопадани\w*",
                    r"\bбомбардув\w*",
                    r"\bбомбардир\w*",
                    r"\bбомбил\w*",
                    # "скид з дрона", "сброс ВОГ с беспилотника": a munition dropped from a drone
                    r"\b(?:скид|сброс)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:з|із|с|со)\s+(?:[\w’'-]+\s+)?(?:дрон|бпла|безпілот|беспилот|коптер|квадрокоптер|fpv)\w*",
                    # "Під ворожим вогнем перебували Антонівка, Садове...": places under fire
                    r"\b(?:під|под)\s+(?:ворожим|вражеским|російським|российским|артилерійським|артиллерийским)?\s*(?:вогнем|огн[её]м)\b",
                    # "випустили по Оріхову три ракети", "выпустили по Донецку шесть снарядов"
                    r"\b(?:випусти|выпусти|запусти|гати|вгати|лупи|шмаля)\w*(?:\s+[\w’'-]+){0,4}?\s+по\b",
                    # the verb first: "на вулиці, де впали уламки", "во дворе упали обломки"
                    r"\b(?:впал|впав|упал|падал)\w*\s+(?:[\w’'-]+\s+){0,2}?(?:уламк|обломк)\w*",
                    # a post's telegraphic line: the weapon and what it hit, no verb ("Балістика
                    # по місту", "Шахеди по Одесі", "Баллистика по городу"); not a tally "по
                    # всій країні", "по областях"
                    r"\b(?:балістик|баллистик|ракет[аиоу]\b|ракетами|шахед|дрон|бпла|безпілотник|"
                    r"беспилотник|каб|авіабомб|авиабомб|fpv)\w*\s+по\s+(?!(?:всій|всей|всіх|всех|"
                    r"област|регіон|регион|країн|стран|території|территории|напрямк|направлени|"
                    r"цілях|целям|черз|очеред)\w*)[\w’'-]",
                ),
            ),
            examples=Words(
                en=("Russian forces shelled Nikopol overnight.",),
                uk=("Вночі ворог обстріляв Нікополь.",),
                ru=("Ночью противник обстрелял Никополь.",),
            ),
            false_senses=Words(
                en=(
                    r"\b(?:on|hunger|general|labou?r|workers'?|dock|rail|teachers'?|transport|warning|nationwide|national|\d+-hour|one-day|two-day) strikes?\b",
                    r"\bstrike action\b",
                    # debris cleared away: "workers removed the debris that fell"
                    r"\b(?:remov|clear|collect|dismantl|haul)\w*\s+(?:away\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                    r"(?:debris|wreckage)\b[^.;]*",
                    # "residents whose homes were damaged by shelling have received 40 million
                    # hryvnias in compensation": payments for damage of the past
                    r"\b(?:homes?|houses?|housing|property|properties|buildings?|apartments?|flats?)\b"
                    r"[^.;]{0,40}?\bdamaged\s+(?:by|in)\s+(?:[\w-]+\s+)?(?:shelling|attacks?|strikes?)\b"
                    r"(?=[^.;]{0,80}?\b(?:compensation|payments?|paid|grants?)\b)[^.;]*",
                    r"\b(?:compensation|payments?|grants?)\b[^.;]{0,80}?\bdamaged\s+(?:by|in)\s+(?:[\w-]+\s+)?"
                    r"(?:shelling|attacks?|strikes?)\b[^.;]*",
                    r"\bstrikes? (?:by|over|at) (?:\w+ ){0,3}(?:workers|unions?|staff|employees|drivers|teachers|dockers|miners|doctors|nurses)\b",
                    r"\bwent on strike\b",
                    r"\bstrike (?:a|the) (?:deal|balance|chord|pose)\b",
                    r"\bheart attacks?\b",
                    r"\bpanic attacks?\b",
                    r"\bcyber-?attacks?\b",
                    r"\bprice war\b",
                    r"\bstrikers?\b",
                    r"\bstriking\b",
                    r"\b(?:recorded|observed|heard|registered|counted|saw|reported hearing)\b(?:[\s:,]+[\w-]+){0,10}?\s+(?:explosions?|blasts?|bursts?|shots?|rounds?)\b",
                    # "Explosions observed south-west of Nikopol": the same tally, headline order
                    r"\b(?:explosions?|blasts?)\s+(?:were\s+|was\s+)?observed\b",
                    # "reported 15 explosions near Avdiivka": a tally of sounds, not a strike
                    r"\breported\s+(?:\d+|several|numerous|multiple|a number of|dozens of)\s+(?:[\w-]+\s+)?(?:explosions|blasts)\b",
                    # "(about 340 explosions)" after a monitor's count: the count it compares
                    # with, not a hit
                    r"\(\s*(?:about|some|around|approximately|nearly)?\s*\d[\d,]*\s+(?:[\w-]+\s+)?"
                    r"(?:explosions|blasts)\s*\)",
                    # a monitor's own drone fired at: "an SMM mini-UAV came under small-arms fire"
                    r"\b(?:UAV|unmanned\s+aerial\s+vehicle|aircraft)\s+(?:came|comes|had\s+come)\s+under\s+"
                    r"(?:[\w-]+\s+){0,2}?fire\b|\bfire\s+(?:was\s+)?aimed\s+at\s+(?:the|an?|its)\s+(?:SMM\s+)?UAV\b",
                    # monitors' tallies: "312 ceasefire violations, including 87 explosions"
                    r"\bceasefire violations?\b(?:[\s:,]+[\w-]+){0,8}?\s+(?:explosions?|blasts?)\b",
                    r"\b(?:undetermined|outgoing|incoming)\s+(?:explosions?|rounds?|fire)\b",
                    r"\bbox office\b",
                    r"\bno\s+(?:[\w-]+\s+)?(?:attacks?|shelling|strikes?)\s+(?:were|was|have been|had been)\s+(?:recorded|reported|registered)\b",
                    r"\bwithout\s+(?:any\s+)?(?:shelling|attacks?|strikes?)\b",
                    DAY_AFTER,
                    # "banned gatherings for fear of missile strikes": a precaution, not a strike
                    r"\b(?:for\s+fear\s+of|fearing|(?:over|amid)\s+fears?\s+of|(?:the\s+)?(?:threat|risk|danger)\s+of|"
                    r"in\s+case\s+of)\s+(?:[\w-]+\s+){0,3}?(?:strikes?|attacks?|shelling|bombardments?|air\s+raids?)\b",
                    # "explosions may be heard during the drill": sounds to come, not a strike
                    r"\b(?:explosions?|blasts?|bangs?)\s+(?:will|may|might|could|can)\s+be\s+heard\b",
                    # "explosions will be heard: this is not an attack"
                    r"\b(?:this|it|these|they)\s+(?:is|was|are|were)\s+not\s+(?:an?\s+)?(?:attacks?|strikes?|shelling)\b",
                    # "The town has been under daily shelling since spring": how a place has
                    # lived for months, not an attack told now
                    r"\b(?:has|have|had)\s+been\s+(?:under\s+(?:[\w-]+\s+){0,2}?(?:shelling|fire|attacks?|bombardment)|"
                    r"(?:shelled|attacked|bombarded)\s+(?:[\w-]+\s+){0,2}?)\s*(?:since\s+(?:the\s+)?(?:spring|summer|"
                    r"autumn|fall|winter|start|beginning|invasion|war|last\s+(?:year|month|spring|summer|autumn|winter)|"
                    r"January|February|March|April|May|June|July|August|September|October|November|December|"
                    r"(?:19|20)\d\d)|for\s+(?:months|weeks|years|more\s+than\s+a\s+year))\b",
                    # "The village has been hit by glide bombs almost every day since August"
                    r"\b(?:has|have|had)\s+been\s+(?:hit|struck|targeted|pounded|bombed)\s+"
                    r"(?:[\w-]+\s+){0,4}?(?:(?:almost|nearly)\s+)?(?:every\s+(?:day|night)|daily|nightly|"
                    r"regularly|repeatedly|constantly)\b[^.;]*",
                    MONTHS_OF,
                    # "communities suffering from shelling": who they are, not an attack now
                    r"\b(?:suffering|affected|hit\s+hard|hard-hit)\s+(?:by|from)\s+(?:[\w-]+\s+){0,2}?"
                    r"(?:shelling|strikes|attacks|bombardments?)\b",
                    FIGHTING_SINCE,
                    # "pointing to Russia's attacks on Kharkiv and Odesa", "Kuleba cited recent
                    # Russian missile attacks on Odesa": attacks recalled to argue, not reported
                    r"\b(?:point(?:ed|ing)\s+to|cit(?:ed|ing)|invok(?:ed|ing))\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?"
                    r"(?:attacks?|strikes?|shelling|"
                    r"bombardments?|barrages?)\b[^.;]*",
                    # "Lviv had largely been spared the bombardment that has devastated cities in
                    # the east": what a place has been spared, and the rest of the clause
                    r"\b(?:spared|escaped)\s+(?:[\w-]+\s+){0,3}?(?:bombardments?|shelling|attacks?|"
                    r"strikes?|fighting|destruction)\b[^.;]*",
                ),
                uk=(
                    r"\b(?:відбил|відбит|відбива|отбил|отбит|отража|отразил|отражен|отражён)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:атак|штурм)\w*",
                    # "нагадавши про російські удари по Харкову", "напомнив об ударах по Одессе",
                    # "пославшись на атаки": attacks recalled to argue, not reported
                    # (only the adverbial forms: "Нагадаємо, ..." recalls the incident a report
                    # follows up)
                    r"\b(?:нагадавши|нагадуючи|напомнив|напоминая|пославшись|посилаючись|сославшись|"
                    r"ссылаясь|вказуючи|указывая|указав)\s+(?:на|про|о|об)\s+(?:[\w’'-]+\s+){0,3}?"
                    r"(?:удар|атак|обстріл|обстрел|бомбардуван|бомбардировк)\w*[^.;]*",
                    r"\bатак\w* (?:на|в|у) (?:матч|грі|игре|турнір|турнир)\w*",
                    r"\b(?:хакерськ|хакерск|кібер|кибер|DDoS-?|інформаційн|информационн)\w* атак\w*",
                    r"\bатак\w* (?:хакер|кібер|кибер)\w*",
                    r"\b(?:серцев|сердечн|панічн|паническ)\w* (?:атак|напад|приступ)\w*",
                ),
                ru=(),
                both=(
                    # "жителям, чьё жильё пострадало от обстрелов, выплачено 120 млн рублей
                    # компенсаций": payments for damage of the past, no attack told
                    r"\b(?:жиль|жил|житл|будин|будівл|дом|квартир|майн|имуществ)\w*\b[^.;]{0,40}?"
                    r"(?:пострада|постражда|пошкоджен|поврежд|зруйнован|разрушен)\w*\s+(?:[\w’'-]+\s+)?"
                    r"(?:від|от|внаслідок|в\s+результате)\s+(?:[\w’'-]+\s+)?(?:обстріл|обстрел|удар|атак)\w*"
                    r"(?=[^.;]{0,80}?\b(?:компенсац|виплат|выплат|відшкод|возмещ)\w*)[^.;]*",
                    r"\b(?:компенсац|виплат|выплат|відшкод|возмещ)\w*\b[^.;]{0,80}?(?:пострада|постражда|"
                    r"пошкоджен|поврежд|зруйнован|разрушен)\w*\s+(?:[\w’'-]+\s+)?(?:від|от|внаслідок|"
                    r"в\s+результате)\s+(?:[\w’'-]+\s+)?(?:обстріл|обстрел|удар|атак)\w*[^.;]*",
                    # "через загрозу ракетних ударів", "опасаясь ракетных ударов": a precaution
                    r"\b(?:через|из-за|в\s+связи\s+с)\s+(?:загроз\w*|угроз\w*|небезпек\w*|опасност\w*|ризик\w*|риск\w*)\s+"
                    r"(?:[\w’'-]+\s+){0,2}?(?:удар|атак|обстріл|обстрел|прильот|прилет)\w*",
                    r"\b(?:опаса|побоюю?ч)\w*\s+(?:[\w’'-]+\s+){0,2}?(?:удар|атак|обстріл|обстрел)\w*",
                    # "Будут слышны взрывы", "можуть бути чутні вибухи": sounds to come
                    r"\b(?:будут|будуть|может|могут|можуть|може)\s+(?:бути\s+|быть\s+)?(?:слышн|чутн|чути|слыша)\w*\s+(?:[\w’'-]+\s+){0,2}?(?:взрыв|вибух)\w*",
                    # "Будут слышны взрывы — это не атака": said to calm, of a drill
                    r"\b(?:це|это|то)\s+не\s+(?:атак|удар|обстріл|обстрел|прильот|прилет)\w*",
                    # "Ніч минула без обстрілів", "ворожих атак не зафіксовано": no attack
                    r"\bбез\s+(?:[\w’'-]+\s+)?(?:обстріл|обстрел|атак|удар|прильот|прилет)\w*",
                    # "обстрелов со стороны ВСУ не зафиксировано": who fired may stand between
                    r"\b(?:обстріл|обстрел|атак|удар|прильот|прилет)\w*\s+(?:[\w’'-]+\s+){0,4}?(?:не\s+(?:було|было|зафіксовано|зафиксировано|фіксувал|фиксировал)\w*)",
                    r"\b(?:зафіксува|зафиксирова|чули|слышали|чути|слышны)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:вибух|взрыв)\w*",
                    r"\bудар\w* (?:по|у|в) (?:ворот|сітк|сетк|каркас|економі|экономи|бюджет|репутаці|гаманц|кошельк)\w*",
                    r"\b(?:сонячн|солнечн|тепловий|тепловой)\w* удар\w*",
                    r"\bудар\w* (?:струмом|током|блискавки|молнии)\b",
                    MONTHS_OF_CYR,
                    # "громад, що потерпають від обстрілів", "страдающих от обстрелов"
                    r"\b(?:потерпа|страждаю|страждає|страда)\w*\s+(?:від|от)\s+(?:[\w’'-]+\s+){0,2}?"
                    r"(?:обстріл|обстрел|удар|атак)\w*",
                    # "громада щодня під обстрілами вже кілька місяців", "находится под
                    # обстрелами с весны": how a place lives, not an attack told now
                    r"\b(?:перебуває|перебувають|знаходиться|находится|находятся|живе|живут|живуть)\s+"
                    r"(?:[\w’'-]+\s+){0,2}?(?:під|под)\s+(?:[\w’'-]+\s+)?(?:обстріл|обстрел)\w*"
                    r"(?:\s+(?:[\w’'-]+\s+){0,2}?(?:з|с|від|от|вже|уже)\s+[\w’'-]+(?:\s+[\w’'-]+)?)?",
                ),
            ),
            spares=True,
        ),
        KindSpec(
            EventKind.EVACUATION,
            label=N_("Evacuation"),
            filter_words_uk=("евакуація", "евакуювати", "евакуйовані", "коридор", "коридори"),
            filter_words_ru=("эвакуация", "эвакуировать", "коридор"),
            filter_words=tuple(
                ["evacuations", "evacuation", "evacuate", "evacuated", "corridor", "corridors"]
            ),
            # people moved out, and settlements an order covers ("from 37 settlements")
            figures=frozenset({FigureName.EVACUATED, FigureName.SETTLEMENTS}),
            severity=Severity.URGENT,
            family="evacuation",
            triggers=Words(
                en=(
                    r"\bevacuees?\b",
                    r"\b(?:reached|found|brought to|taken to|led to|made it to)\s+safety\b",
                    r"\b(?:convoy|column)s?\s+of\s+(?:civilian\s+|private\s+|evacuation\s+)?(?:cars|vehicles|buses)\b",
                    r"\b(?:civilians|residents|people|families|thousands|hundreds)\s+fleeing\b",
                    r"\bevacuat\w*",
                    r"\brelocat\w* (?:residents|civilians|people|children|families)",
                    # "Residents of the damaged block are being temporarily relocated"
                    r"\b(?:residents|tenants|people|families|occupants)\b(?:,?\s+[\w’'-]+){0,14}?,?\s+"
                    r"(?:are|were|have been|had been|being|will be)\s+(?:being\s+)?(?:\w+\s+)?"
                    r"(?:relocated|resettled|rehoused|moved out)\b",
                    r"\bordered (?:residents|civilians|people) to leave",
                    # "a free bus ... for anyone wishing to leave": a way out offered
                    r"\b(?:for\s+)?(?:anyone|everyone|all\s+those|those|people|residents)\s+(?:who\s+)?"
                    r"(?:wishing|wish|wants?|wanting|willing)\s+to\s+(?:leave|evacuate)\b",
                    r"\bforced to flee",
                    r"\b(?:humanitarian|green|safe|evacuation)\s+(?:corridors?|passage|routes?|convoys?)\b",
                    r"\bcorridors?\s+(?:for|from)\b",
                    r"\b(?:taken|brought|moved|bus+ed|ferried|transported)\s+(?:out\s+)?(?:of|from|to safety)\b",
                    r"\b(?:took|take|taking|brought|bring|bringing|got|get|getting|moved|move|moving|helped|help|helping|bus+ed)\s+(?:[\w,-]+\s+){1,4}?out\s+of\b",
                    # "22 more were taken out this week", "residents were bused towards Kyiv"
                    r"\b(?:people|residents|civilians|children|families|more|others|evacuees)\s+(?:were|have been|had been|was)\s+(?:\w+\s+)?(?:taken|brought|moved|bus+ed|driven|ferried)\s+(?:out|away|to|towards)\b",
                    r"\bbus+ed\s+(?:\w+\s+)?(?:to|towards|out)\b",
                    # "... picked their way across the bridge and were then driven by bus to Kyiv"
                    r"\b(?:were|have\s+been|had\s+been)\s+(?:then\s+|later\s+|subsequently\s+|eventually\s+)?"
                    r"(?:driven|bus+ed|ferried|transported)\s+(?:by\s+(?:bus|buses|train|trains|coach|"
                    r"minibus(?:es)?|cars?|boats?)\s+)?(?:out\s+)?(?:to|towards)\b",
                    r"\b(?:were|have been|had been)\s+(?:taken|moved|bus+ed|driven|ferried)\s+out\b",
                    # People and a verb of moving them, in either order, with where from or to:
                    # "drove 173 people out of Vovchansk", "Forty-two residents ... boarded two
                    # buses", "1,274 people had been taken from Oleshky", "crossed from Kherson".
                    # "moved 214 residents of the flooded villages of Sadove and Tiahynka to ..."
                    rf"\b{_MOVED}\b{_WORDS_0_6}\s+{_PEOPLE}\b{_WORDS_0_10}[,;]?\s+(?:out\s+of|off|from|to|towards?|for|into)\b",
                    # "civilians who had sheltered for weeks in the steelworks were brought to"
                    rf"\b{_PEOPLE}\b(?:[,;]?\s+[\w’'()-]+){{0,13}}?[,;]?\s+(?:{_MOVED}|{_MOVING})\b{_WORDS_0_5}[,;]?\s+(?:out\s+of|from|to|towards?|for|into|buses|bus|trains?|ferry|boats?|(?-i:[A-Z]))",
                    r"\b(?:agreed|decided|chose|managed|were\s+able|refused)\s+to\s+leave\b",
                    # "another 300 children from Shebekino set off for camps near Voronezh"
                    r"\b(?:children|residents|people|families|civilians|evacuees)\b(?:\s+[\w,-]+){0,6}?\s+"
                    r"set\s+off\s+(?:for|to|towards)\b",
                    # "brought out seventeen residents", "took out 40 people"
                    rf"\b(?:brought|took|taken|got|drove|driven|pulled|led|carried|walked)\s+out\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\b",
                    # "were ordered on Friday to leave", "urged everyone still there to go"
                    r"\b(?:ordered|told|urged|asked|called\s+on|advised)\b(?:\s+[\w,-]+){0,5}?\s+to\s+(?:leave|evacuate|move\s+out|get\s+out|go)\b",
                    r"\b(?:buses|trains?|convoys?|vehicles|cars|minibuses)\b[^.;]{0,60}?\b(?:to\s+leave|leaving|lined\s+up|passed\s+through)\b",
                    # "must leave 14 settlements", "told to leave", "urged residents to leave"
                    r"\b(?:must|should|have to|has to|told to|ordered to|urged to|asked to)\s+leave\b",
                    r"\b(?:urged|told|asked|called on)\s+(?:residents|civilians|people|families|everyone)\s+to\s+leave\b",
                    # "a corridor that was to take residents of Volnovakha to Pokrovsk did not open"
                    r"\bcorridors?\s+(?:that|which|to|out|opened|open|was|were|did|failed|collapsed|has|had)\b",
                    r"\b(?:open|opened|opening|agreed|agree|establish\w*|set up)\s+(?:a|the|\w+)?\s*corridors?\b",
                    r"\b(?:moved|relocated|bussed|transferred|ferried)\s+(?:out\s+)?to\b",
                    r"\b(?:taken|brought|driven|bussed)\s+(?:out\s+)?to\s+(?:safety|shelters?|temporary|transit)",
                    r"\b(?:fleeing|escaping)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:fighting|shelling|war|bombardment|front|town|city|village|region|area|homes?)\b",
                    r"\b(?:let|allow|allowing|help|helping)\s+(?:the\s+)?(?:civilians|residents|people)\s+(?:to\s+)?(?:leave|get out|escape)\b",
                    r"\b(?:unable|able|allowed|trying|managed)\s+to\s+(?:leave|get out|escape)\b",
                    r"\b(?:compulsory|mandatory|forced)\s+(?:departure|relocation|resettlement|removal)\b",
                    r"\b(?:rescued|saved)\s+(?:[\w-]+\s+){0,3}?from\b(?!\s+(?:the\s+)?(?:rubble|debris|under|ruins|fire|flames|water|a\s+burning|the\s+burning|collapsed))",
                    r"\b(?:got|get|getting)\s+out\s+of\b",
                    r"\b(?:after|before)\s+leaving\b",
                    r"\b(?:buses|trains?|convoys?|vehicles|cars)\b[^.;]{0,60}?\b(?:left|departed|set off|arrived|reached|carrying|carried|took|brought)\b",
                    r"\b(?:left|fled|escaped|departed)\s+(?:the\s+)?(?:besieged|occupied|encircled|shelled)\b",
                    # "hundreds of residents fled Pokrovsk", "Residents flee Pokrovsk"
                    r"\b(?:residents|civilians|people|families|thousands|hundreds|children)\b"
                    r"(?:\s+[\w-]+){0,3}?\s+(?:fled|flee|flees|have fled|had fled)\b",
                    # "about 5,000 refugees arrived in Rostov region from Luhansk region"
                    r"\b(?:refugees|displaced\s+(?:people|persons|residents)|IDPs)\b(?:\s+[\w,-]+){0,3}?\s+"
                    r"(?:have\s+|had\s+)?(?:arrived|crossed|reached)\b",
                ),
                uk=(
                    r"\bвиїзд\w*",
                    r"\bвиїхал\w*",
                    r"\bвиїжджа\w*",
                    # "вдалося виїхати 2 тисячам людей"
                    r"\b(?:вдалося|вдалось|змогли|змогла|змогло)\s+виїхати\b",
                    r"\bвідправи\w* (?:\w+\s+){0,2}?(?:потяг|поїзд|автобус)\w*",
                    r"\bгуманітарн\w* коридор\w*",
                    r"\bвивіз\w*",
                    # every form of the verb: "відселили", "відселяємо", "відселять"
                    r"\bвідсел(?:ен|ил|ят|ям|яє|яю|яти|яли|ення)\w*",
                    # "автобуси з мешканцями вирушили до Харкова"
                    # (and the masculine past of a train: "потяг із Краматорська вирушив")
                    r"\b(?:автобус|потяг|поїзд|евакуаційн|колон)\w*[^.;]{0,60}?\b(?:вируши[лв]|виїха[лв]|прибу[лв]|"
                    r"достави[лв]|вивезл|відправи[лв]|діста[лв]|добра[лв]|досягл)\w*",
                    # "необхідно негайно залишити місто", "люди покидають села громади"
                    r"\b(?:залиш|покину|покида)\w*\s+(?:[\w’'-]+\s+){0,2}?(?:міст[оа]|сел[оа]|селищ[еа]|"
                    r"домівк\w*|домів|осел\w*|громад\w*|територі\w*|прикордонн\w*|прифронтов\w*)\b",
                    # "ще 300 дітей із Шебекіного вирушили до таборів"
                    r"\b(?:діт|дітей|мешкан|жител|люд|родин)\w*\s+(?:[\w’'-]+\s+){0,4}?(?:вирушил|поїхал)\w*\b",
                    # the place first: "за тиждень місто залишили 412 людей"
                    r"\b(?:міст[оа]|сел[оа]|селище|громаду|домівки)\s+(?:[\w’'-]+\s+){0,2}?(?:залишил|покинул)\w*"
                    r"\s+(?:[\w’'-]+\s+)?\d",
                ),
                ru=(
                    r"\bвыезд\w*",
                    r"\bвыехал\w*",
                    r"\bвыезжа\w*",
                    r"\b(?:удалось|смогли|смогла|смогло)\s+выехать\b",
                    r"\bотправи\w* (?:\w+\s+){0,2}?(?:поезд|автобус)\w*",
                    r"\bвывез\w*",
                    r"\bвывоз\w*",
                    r"\bэвакуац\w*",
                    r"\bэвакуир\w*",
                    r"\bпереправ(?:лен|ил|или|ля|лял)\w*",
                    r"\bотсел(?:ен|ил|ят|яют|яем|яет|ять|яли)\w*",
                    r"\bпокида\w*",
                    # "необходимо немедленно покинуть город", "оставить дома"
                    r"\b(?:покин|остав)\w*\s+(?:[\w’'-]+\s+){0,2}?(?:город|села?|посел\w*|посёл\w*|"
                    r"дома|жиль[её]|территори\w*|приграничн\w*|прифронтов\w*)\b",
                    r"\bуехал\w*",
                    r"\bуезжа\w*",
                    r"\b(?:автобус|поезд|эвакуационн|колонн)\w*[^.;]{0,60}?\b(?:отправил|выехал|прибыл|доставил|вывезл|добрал|достиг)\w*",
                    # "ещё 300 детей из Шебекино отправились в лагеря под Воронежем"
                    r"\b(?:дет|жител|люд|человек|семей|семьи)\w*\s+(?:[\w-]+\s+){0,4}?(?:отправил(?:ся|ась|ось|ись)|уехал\w*)\b",
                    # the place first: "за неделю город покинули 412 человек"
                    r"\b(?:город|село|посёлок|поселок)\s+(?:[\w-]+\s+){0,2}?(?:покинул|оставил)\w*\s+(?:[\w-]+\s+)?\d",
                ),
                both=(
                    r"\bгуманитарн\w* коридор\w*",
                    r"\b(?:зелен\w*|безпечн\w*|безопасн\w*) коридор\w*",
                    r"\bвивез\w*",
                    r"\bвивоз\w*",
                    r"\b(?:евакуаційн|эвакуационн)\w*",
                    r"\b(?:евако|эвако)\w+",
                    # "прибули 35 людей з окупованих Олешок", "перевезли 12 пацієнтів"
                    # (not "доставил продукты для 1500 жителей": goods for people)
                    r"\b(?:прибул|прибыл|перевез|перевоз|доставлен|доставил)\w*\s+(?:(?!для\s)[\w’'-]+\s+){0,3}?(?:\d+\s+|(?!для\s)[\w’'-]+\s+)?(?:люд|осіб|человек|жител|мешкан|пацієнт|пациент|дітей|детей|біженц|беженц|переселенц)\w*",
                    # "відвезли до Сум 56 мешканців", "отвезли в Сумы 56 жителей" (not "відвезли до
                    # лікарні": the wounded)
                    r"\b(?:відвез|отвез)\w*\s+(?:(?!лікарн|больниц|госпітал|госпитал|медзаклад|морг)"
                    r"[\w’'-]+\s+){0,3}?(?:\d[\d\s]*\s+)?(?:люд|осіб|человек|жител|мешкан|дітей|детей|"
                    r"родин|семей|сімей)\w*",
                    # the people first: "мешканців Антонівки та Садового перевезли до Миколаєва"
                    r"\b(?:люд|жител|мешкан|родин|семь|сім['’]|дітей|детей|пацієнт|пациент)\w*\b[^.;]{0,60}?"
                    r"\bперевез(?:ли|ено|ені|ены)\b",
                    # "в Мелитополь временно перемещены 340 жителей", "переміщено 120 мешканців"
                    r"\b(?:переміщ|перемещ)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:\d[\d\s]*\s+|[\w’'-]+\s+)?(?:люд|осіб|человек|жител|мешкан|дітей|детей|родин|семей|сімей)\w*",
                    r"\b(?:люд|жител|мешкан|родин|семь|сім['’]|дітей|детей)\w*\b[^.;]{0,60}?\b(?:переміщен|перемещен)\w*\s+(?:до|в|у|на)\b",
                    # "Родини з дітьми мають виїхати з 10 населених пунктів", "должны покинуть":
                    # an order to leave; "автобус для всех желающих выехать": a way out offered
                    r"\b(?:мають|повинні|зобов['’]язані|мусять|должны|обязаны)\s+(?:[\w’'-]+\s+)?(?:виїхати|"
                    r"выехать|залишити|покинути|покинуть|оставить|евакуюватися|эвакуироваться)\b",
                    r"\b(?:охочих|бажаючих|желающих)\s+(?:[\w’'-]+\s+)?(?:виїхати|выехать|евакуюватися|"
                    r"эвакуироваться)\b",
                    # "Усіх доправлено до транзитного центру в Павлограді": the people moved on
                    r"\b(?:усіх|всіх|всех|людей|жител\w*|мешканц\w*|евакуйован\w*|эвакуированн\w*|дітей|детей)\s+"
                    r"(?:[\w’'-]+\s+){0,2}?(?:доправ|доставл|доставил)\w*\s+(?:до|в|у|на)\b",
                    # "жителей Алешек и Голой Пристани временно переселяют вглубь региона"
                    r"\b(?:люд|жител|мешкан|родин|сем[ьеи]|сім['’]|дітей|детей|населен)\w*\b[^.;]{0,120}?"
                    r"\b(?:переселя|переселен|переселил|переселят|переселит)\w*",
                    r"\b(?:переселя|переселен|переселил|переселят)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:\d[\d\s]*\s+)?"
                    r"(?:люд|осіб|человек|жител|мешкан|дітей|детей|родин|семей|сімей)\w*",
                    # "в Крым отправлены 64 ребенка", "до Львова відправили 40 дітей"
                    r"\b(?:відправ|отправ)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:\d+\s+|[\w’'-]+\s+)?(?:люд|осіб|человек|жител|мешкан|пацієнт|пациент|дітей|детей|ребен|дитин)\w*",
                    # "сто цивільних, які тижнями ховалися в Маріуполі, прибули до Запоріжжя"
                    r"\b(?:цивільн|мирн|жител|мешкан|евакуйован|эвакуирован|переселенц)\w*\b[^.;]{0,90}?"
                    r"\b(?:прибул|прибыл|дістал|добрал)\w*\s+(?:до|в|у)\b",
                    # "з Ірпеня вийшли понад 3 тисячі мирних жителів"
                    r"\b(?:вийшл|вышл)\w*\s+(?:[\w’'-]+\s+){0,4}?(?:мирн|жител|мешкан|люд|цивільн|человек)\w*",
                    r"\bевакуац\w*",
                    r"\bевакуй\w*",
                    r"\bевакую\w*",
                ),
            ),
            examples=Words(
                en=("Authorities ordered the evacuation of families from Kupiansk.",),
                uk=("Влада оголосила обов'язкову евакуацію сімей з Куп'янська.",),
                ru=("Власти объявили обязательную эвакуацию семей из Купянска.",),
            ),
            false_senses=Words(
                # an aid convoy that brought food to those who stayed moved no one out
                en=(
                    r"\b(?:proposals?|talks|negotiations|consultations)\s+(?:[\w-]+\s+){0,3}?(?:on|for|about)\s+(?:[\w-]+\s+)?corridors?\b",
                    # "A train carrying 400 passengers from Kharkiv arrived in Lviv on schedule": a
                    # timetable's train
                    r"\b(?:trains?|bus(?:es)?|flights?|services?)\b[^.;]{0,120}?\bon\s+schedule\b[^.;]*",
                    # "bodies could not be taken to cemeteries": the dead, not people moved
                    r"\bbod(?:y|ies)\b[^.;]{0,40}?\b(?:taken|brought|moved|transported|carried)\s+to\b",
                    # "the body of the fourth victim was taken out from under the rubble": the
                    # dead recovered, not people moved
                    r"\b(?:bod(?:y|ies)|victims?|remains|dead)\b[^.;]{0,60}?\b(?:taken|pulled|removed|"
                    r"recovered|retrieved|brought|dug|carried)\s+(?:out\s+)?(?:of|from)\b[^.;]*",
                    # "a strike on a humanitarian convoy", "shelled evacuation buses", "fired on
                    # cars leaving the town": the convoy is what was hit; a strike is told, and
                    # an evacuation only if people are said to have got out
                    r"\b(?:attacks?|strikes?|shelling|bombing|shots|fire|hits?|raids?)\s+(?:on|at|of|against|"
                    r"targeting)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:humanitarian|evacuation|civilian|"
                    r"refugee)\s+(?:convoys?|columns?|trains?|bus(?:es)?|vehicles?|cars?|minibus(?:es)?|vans?|transport)\b",
                    r"\b(?:struck|strikes|shelled|shells|hit|hits|attacked|attacks|targeted|targets|bombed|"
                    r"shot\s+at|fired\s+(?:on|at|upon)|opened\s+fire\s+(?:on|at))\s+(?:an?\s+|the\s+)?"
                    r"(?:[\w-]+\s+){0,2}?(?:humanitarian|evacuation|civilian|refugee)\s+(?:convoys?|columns?|"
                    r"trains?|bus(?:es)?|vehicles?|cars?|minibus(?:es)?|vans?|transport)\b",
                    r"\b(?:fired|shot|opened\s+fire)\s+(?:on|at|upon)\s+(?:[\w-]+\s+){0,2}?(?:cars|vehicles|"
                    r"buses|convoys?|columns?)\s+(?:of\s+[\w-]+\s+)?leaving\b",
                    # "Evacuation convoy shelled near Vasylivka", "an evacuation bus came under fire"
                    r"\b(?:humanitarian|evacuation|civilian|refugee)\s+(?:convoys?|columns?|trains?|bus(?:es)?|"
                    r"vehicles?|cars?|minibus(?:es)?|vans?|transport)\s+(?:(?:was|were|is|are|has\s+been|"
                    r"had\s+been|comes?|came)\s+)?(?:under\s+fire|shelled|hit|struck|attacked|targeted|bombed|"
                    r"fired\s+(?:on|upon|at))\b",
                    # "about 4,000 people were waiting for evacuation trains": not yet gone
                    r"\b(?:waiting|waited|queu\w+)\s+(?:for|to\s+board)\s+(?:an?\s+|the\s+)?evacuation\s+"
                    r"(?:trains?|buses|bus|transport|convoys?)\b",
                    # "For people leaving the towns of Donetsk region, the station is often the last
                    # stop": who a place serves, not a departure
                    r"\b(?:for|to)\s+(?:the\s+)?(?:people|those|families|residents|civilians)\s+"
                    r"(?:who\s+are\s+)?(?:leaving|fleeing|evacuating)\b[^.;]*",
                    # "trains will run only as far as Sloviansk": a timetable changed
                    r"\btrains?\b[^.;]{0,60}?\b(?:will\s+)?(?:run|terminate|stop)\s+(?:only\s+)?(?:to|at|as\s+far\s+as)\b[^.;]*",
                    # "a station where civilians were waiting to be evacuated", "only an evacuation
                    # train was there": where an attack found people, not a move made
                    r"\b(?:waiting|waited|queu\w+)\s+to\s+be\s+evacuated\b",
                    r"\b(?:only\s+)?an?\s+evacuation\s+(?:trains?|bus(?:es)?)\s+(?:was|were|stood|had\s+been)\s+"
                    r"(?:there|standing|parked|at\s+the\s+(?:station|platform))\b",
                    r"\b(?:чекал\w*|очікувал\w*|ждал\w*|ожидал\w*)\s+(?:на\s+)?(?:евакуаційн\w*|эвакуационн\w*)\s+"
                    r"(?:потяг\w*|поїзд\w*|поезд\w*|автобус\w*|транспорт\w*)",
                    # "поїзди курсуватимуть лише до Слов'янська, звідки пасажирів довозитимуть
                    # автобусами": a timetable changed
                    r"\b(?:курсуват|курсуют|курсирова|курсиру|ходитим|ходить|будут\s+ходить)\w*\s+"
                    r"(?:[\w’'-]+\s+){0,3}?(?:лише|тільки|только|лишь)\s+до\b[^.;]*|"
                    r"\b(?:довозитим|довозить|довозят|довезут|підвозитим|подвозить|подвезут)\w*\b[^.;]*",
                    # "Під час посадки на евакуаційний поїзд ворог завдав удару", "Там стояв
                    # евакуаційний поїзд": the setting of an attack
                    r"\b(?:під\s+час|во\s+время)\s+посадк\w*\s+на\s+(?:евакуаційн|эвакуационн)\w*\s+"
                    r"(?:потяг|поїзд|поезд|автобус)\w*",
                    r"\b(?:стояв|стояла|стояли|стоял|перебував|находился)\s+(?:евакуаційн|эвакуационн)\w*\s+"
                    r"(?:потяг|поїзд|поезд|автобус)\w*",
                    r"\b(?:евакуаційн|эвакуационн)\w*\s+(?:потяг|поїзд|поезд|автобус)\w*,?\s+(?:що|який|яка|"
                    r"который|которая|которые)\s+(?:стояв|стояла|стояли|стоял|стояла|стояли|перебував|"
                    r"находился)\b",
                    r"\bevacuees\s+(?:[\w-]+\s+){0,3}?(?:can|may|will|are\s+eligible|receive|get)\s+(?:[\w-]+\s+)?(?:payments?|aid|allowances?|benefits?|compensation)\b",
                    r"\b(?:there\s+is|there\s+are|with)\s+no\s+(?:[\w-]+\s+)?corridors?\b",
                    # "reports of an alleged evacuation of Donetsk are fake", "no evacuation is
                    # planned": denied
                    r"\b(?:alleged|supposed|so-called|purported|rumou?red)\s+(?:[\w-]+\s+){0,2}?evacuations?\b[^.;]*",
                    r"\bno\s+(?:[\w-]+\s+)?evacuations?\s+(?:is|was|are|were|has\s+been|have\s+been)\s+"
                    r"(?:being\s+)?(?:planned|under\s*way|taking\s+place|happening|ordered|needed|carried\s+out)\b[^.;]*",
                    r"\bno\s+(?:humanitarian\s+|green\s+|safe\s+)?corridors?\s+(?:has|have|was|were|exists?|out)\b",
                    # "No agreement has been reached on a humanitarian corridor", "failed to agree on"
                    r"\b(?:no\s+agreement|failed\s+to\s+agree|could\s+not\s+agree|did\s+not\s+agree)\s+(?:[\w-]+\s+){0,4}?(?:on|about)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?corridors?\b",
                    r"\b(?:humanitarian|aid|relief)\s+convoys?\b[^.;]{0,80}?\b(?:deliver\w*|brought\s+(?:food|aid|water|medicine|supplies)|carr(?:ying|ied)\s+(?:food|aid|water|medicine|supplies))",
                    # "bringing the number of people killed in that attack to 3": a count
                    r"\b(?:bring|brings|bringing|brought|taking|took|takes)\s+(?:the\s+)?(?:overall\s+|total\s+)?"
                    r"(?:number|toll|total|count|death\s+toll|tally)\b[^.;]*",
                    # "A UN convoy of 8 trucks brought medicines to Kherson": goods, not people
                    r"\b(?:convoys?|trucks?|lorries|vans?|vehicles|trains?|echelons?|wagons?)\b[^.;]{0,80}?\b(?:brought|delivered|"
                    r"carried|carrying|with)\s+(?:[\w-]+\s+){0,3}?(?:food|aid|water|medicines?|medical\s+"
                    r"supplies|supplies|generators?|fuel|cargo|tonnes?|tons?|hygiene\s+kits|weapons|arms|"
                    r"ammunition|munitions|(?:military\s+)?equipment|tanks|coal|grain)\b[^.;]*",
                    # payments, travel or housing for "people who have moved away": who they
                    # are, not a move made now
                    r"\b(?:payments?|benefits?|allowances?|aid|assistance|compensation|housing|"
                    r"accommodation|free\s+(?:rail\s+|bus\s+)?travel|support|grants?|subsid\w+|discounts?)\b"
                    r"[^.;]{0,80}?\b(?:people|residents|families|those|persons|citizens|pensioners)\s+who\s+"
                    r"(?:have\s+|had\s+)?(?:moved\s+(?:away|out)|left|fled|relocated|evacuated|"
                    r"been\s+(?:displaced|evacuated)|were\s+(?:displaced|evacuated))\b[^.;]{0,80}",
                ),
                both=(
                    r"\b(?:евакуйован|эвакуирован|переселенц|ВПО)\w*\s+(?:[\w’'-]+\s+){0,4}?(?:можуть|могут|отрима|получ|виплат|выплат|грошов|денежн|допомог|помощ)\w*",
                    r"\b(?:евакуац|эвакуац)\w*\s+(?:[\w’'-]+\s+){0,5}?не\s+(?:планується|планируется|передбачен\w*|предусмотрен\w*|потрібн\w*|нужн\w*|є\s+обов|является\s+обяз)\w*",
                    r"\b(?:розглянути|рассмотреть)\s+можливість\s+виїзду|\bрассмотреть\s+возможность\s+выезда",
                    # "Никакого вывоза населения не планируется", "жодної евакуації не буде": an
                    # evacuation denied
                    r"\b(?:жодн|ніяк|никак)\w*\s+(?:[\w’'-]+\s+)?(?:евакуац|эвакуац|вивез|вивоз|вывоз|вывез|"
                    r"виїзд|выезд|відсел|отсел)\w*[^.;]{0,60}?\bне\s+(?:[\w’'-]+\s+)?(?:планується|"
                    r"планируется|буде|будет|передбачається|предполагается|проводиться|проводится|"
                    r"відбувається|происходит|ведеться|ведется)\b[^.;]*",
                    # "о якобы начавшейся эвакуации — фейк": a rumour told to be denied
                    r"\b(?:нібито|начебто|буцімто|якобы|будто\s+бы)\s+(?:[\w’'-]+\s+){0,2}?(?:евакуац|эвакуац|"
                    r"вивез|вывоз|виїзд|выезд)\w*[^.;]*",
                    r"\b(?:немає|нема|не\s+існує)\s+(?:[\w’'-]+\s+)?коридор\w*",
                    r"\bнет\s+(?:[\w’'-]+\s+)?коридор\w*",
                    r"\bне\s+(?:вдалося|удалось)\s+(?:домовитися|договориться)\s+(?:[\w’'-]+\s+){0,3}?(?:про|о|об)\s+(?:[\w’'-]+\s+)?коридор\w*",
                    r"\bгуманітарн\w* (?:конво\w*|вантаж\w*|допомог\w*)",
                    # "потяг ... прибув до Львова за розкладом", "поезд прибыл по расписанию"
                    r"\b(?:потяг|поїзд|поезд|автобус|рейс)\w*\b[^.;]{0,120}?\b(?:за\s+розкладом|по\s+расписанию)\b[^.;]*",
                    # "вдарила по гуманітарній колоні", "обстреляли эвакуационную колонну": the
                    # convoy is what was hit
                    r"\b(?:вдар|удар|атак|обстріл|обстрел|уразил|уражен|поціл|влучил|попал|расстрел|розстріл)\w*\s+"
                    r"(?:[\w’'-]+\s+){0,2}?(?:по\s+|на\s+)?(?:[\w’'-]+\s+)?(?:гуманітарн|евакуаційн|гуманитарн|"
                    r"эвакуационн|цивільн|гражданск)\w*\s+(?:колон|автобус|потяг|поїзд|поезд|конво|автомоб|"
                    r"машин|авто|транспорт|мікроавтобус|микроавтобус)\w*",
                    # "евакуаційний автобус потрапив під обстріл", "эвакуационную колонну обстреляли"
                    r"\b(?:гуманітарн|евакуаційн|гуманитарн|эвакуационн)\w*\s+(?:колон|автобус|потяг|поїзд|"
                    r"поезд|конво|автомоб|машин|авто|транспорт|мікроавтобус|микроавтобус)\w*\s+(?:[\w’'-]+\s+){0,3}?"
                    r"(?:обстріля|обстреля|атакува|атакова|вдари|удари|уразил|расстреля|розстріля|"
                    r"потрапи\w*\s+під\s+обстріл|попа\w*\s+под\s+обстрел)\w*",
                    # "тіло загиблого дістали з-під завалів", "тела извлекли из-под обломков"
                    r"\b(?:тіл|тел|загибл|погибш)\w*\b[^.;]{0,60}?\b(?:дістал|дістав|витягл|витягн|"
                    r"извлек|извлеч|достал|вытащ|деблок)\w*[^.;]*",
                    r"\bгуманитарн\w* (?:конво\w*|груз\w*|помощ\w*)",
                    # "8 вантажівок із ліками", "грузовики с генераторами": goods, not people
                    r"\b(?:вантажів\w*|фур\w*|грузовик\w*|конво\w*)\b[^.;]{0,60}?\b(?:з|із|с|зі|со)\s+"
                    r"(?:[\w’'-]+\s+){0,3}?(?:лік|лекарств|медикамент|генератор|продукт|продовольств|"
                    r"вод|пальн|топлив|гуманітарн|гуманитарн)\w*[^.;]*",
                    r"\b(?:гуманітарн|гуманитарн)\w*\s+колон\w*[^.;]{0,40}?(?:доставил|привезл)\w*\s+(?:продукт|ліки|лекарств|допомог|помощ|вод|їж|еду|гуманітар|гуманитар)\w*",
                    # "виплати людям, які виїхали з прифронтових громад", "выплаты жителям,
                    # покинувшим свои дома": who gets a payment, not a departure now
                    r"\b(?:виплат|допомог|компенсац|житл|проїзд|пільг|підтримк|знижк|выплат|помощ|"
                    r"жиль|проезд|льгот|поддержк|скидк)\w*[^.;]{0,80}?\b(?:людям|мешканцям|жителям|"
                    r"громадянам|гражданам|родинам|семьям|сім['’]ям|тим|тем|особам|лицам|пенсіонерам|"
                    r"пенсионерам|переселенцям|переселенцам)\b[^.;]{0,60}?,?\s*(?:(?:які|що|которые)\s+"
                    r"(?:виїхали|переїхали|покинули|залишили|евакуювалися|були\s+евакуйовані|выехали|"
                    r"переехали|покинули|оставили|эвакуировались|были\s+эвакуированы)|покинувш\w*|"
                    r"выехавш\w*|переехавш\w*|эвакуированн\w*|виїхал\w*)[^.;]{0,80}",
                ),
            ),
        ),
        KindSpec(
            EventKind.INFRASTRUCTURE_DAMAGE,
            label=N_("Infrastructure damage"),
            filter_words_uk=(
                "інфраструктура",
                "енергетика",
                "світло",
                "знеструмлення",
                "відключення",
                "блекаут",
            ),
            filter_words_ru=(
                "инфраструктура",
                "энергетика",
                "свет",
                "обесточивание",
                "отключение",
                "блэкаут",
            ),
            filter_words=tuple(
                ["infrastructure", "power", "outage", "outages", "blackout", "blackouts"]
            ),
            figures=frozenset({FigureName.WITHOUT_POWER}),
            severity=Severity.ROUTINE,
            family="attack",
            triggers=Words(
                en=(
                    r"\binfrastructure\b",
                    r"\b(?:electricity|power|gas|water|heating)\s+(?:supply\s+)?(?:was|were|has been|had been)\s+cut\b",
                    r"\bcut\s+off\s+from\s+(?:electricity|power|the grid)\b",
                    r"\bsubstations?\b",
                    r"\b(?:dam|dyke|dike)\b(?:,?\s+[\w-]+){0,6}?,?\s+(?:was|were|had been|has been)\s+(?:destroyed|breached|blown up|damaged)",
                    r"\b(?:destruction|breach|collapse)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?dam\b",
                    r"\bpower (?:plant|station|grid|line|outage|supply|facilit|system)\w*",
                    r"\b(?:blackouts?|outages?)\b",
                    r"\bwithout (?:power|electricity|heating|heat|water|gas)\b",
                    r"\benergy (?:facilit|infrastructure|system|grid)\w*",
                    r"\bde-?energi[sz]ed\b",
                    r"\b(?:thermal|hydroelectric|hydro) ?power\b",
                    r"\bpower cuts?\b",
                    r"\bgrid\b",
                ),
                uk=(
                    r"\bоб['’]?єкт\w*\s+(?:критичної\s+)?(?:енергетики|інфраструктури|енергосистеми)",
                    r"\bпідстанц\w*",
                    r"\bінфраструктур\w*",
                    r"\bбез світла\b",
                    r"\bенергооб['’]єкт\w*",
                    r"\bвідключен\w* (?:світла|електроенергії)",
                    # "пошкодження енергосистеми", "аварійні відключення" (a timetable of
                    # rotating outages alone is no news: "графіки погодинних відключень")
                    r"\bенергосистем\w*",
                    r"\bаварійн\w*\s+відключен\w*",
                ),
                ru=(
                    r"\bобъект\w*\s+(?:критической\s+)?(?:энергетики|инфраструктуры|энергосистемы)",
                    r"\bбез электричества\b",
                    r"\bэнергетическ\w*",
                    r"\bэнергообъект\w*",
                    r"\bбез (?:електро|электро|водо|газо|тепло)постачання\b",
                    r"\bбез (?:электро|водо|газо|тепло)снабжения\b",
                    r"\bэлектроснабжени\w*",
                    r"\bотключени\w* (?:света|электроэнергии)",
                    r"\bэнергосистем\w*",
                    r"\bаварийн\w*\s+отключени\w*",
                    r"\bблэкаут\w*",
                    r"\bТЕС\b|\bТЭС\b|\bТЕЦ\b|\bТЭЦ\b|\bГЕС\b|\bГЭС\b",
                ),
                both=(
                    r"\bзнеструм\w*",
                    r"\bобесточ\w*",
                    r"\bподстанц\w*",
                    r"\bинфраструктур\w*",
                    r"\bенергетичн\w*",
                    r"\bбез света\b",
                    r"\bелектропостачанн\w*",
                    r"\bблекаут\w*",
                ),
            ),
            examples=Words(
                en=("A substation was damaged and 20,000 households were left without power.",),
                uk=("Пошкоджено підстанцію, без світла залишилися 20 тисяч абонентів.",),
                ru=("Повреждена подстанция, без света остались 20 тысяч абонентов.",),
            ),
            false_senses=Words(
                # how people live under the war, not a facility damaged: "some had spent weeks
                # in basements without power", "живуть без світла і води"
                en=(
                    r"\b(?:spent|spending|spend|living|lived|live|lives|stay\w*|surviv\w*|sheltering)\b"
                    r"[^.;]{0,50}?\bwithout\s+(?:power|electricity|light|water|heating|gas)\b",
                    MONTHS_OF,
                ),
                both=(
                    MONTHS_OF_CYR,
                    r"\b(?:живуть|живут|жили|прожили|провели|перебувають|находятся)\b[^.;]{0,50}?"
                    r"\bбез\s+(?:світла|света|електрики|электричества|води|воды|газу|газа|опалення|отопления)\b",
                ),
            ),
            spares=True,
        ),
        KindSpec(
            EventKind.TERRITORIAL_CHANGE,
            label=N_("Territorial change"),
            filter_words_uk=(
                "території",
                "територія",
                "фронт",
                "звільнення",
                "окупація",
                "деокупація",
            ),
            filter_words_ru=("территории", "территория", "фронт", "освобождение", "оккупация"),
            filter_words=tuple(
                [
                    "territory",
                    "territorial",
                    "recapture",
                    "recaptures",
                    "recaptured",
                    "frontline",
                    "front-line",
                ]
            ),
            figures=frozenset({FigureName.SETTLEMENTS}),
            severity=Severity.ROUTINE,
            family="territory",
            triggers=Words(
                en=(
                    r"\b(?:entered|pushed into|broke into)\s+(?:the\s+)?(?:village\s+of\s+|town\s+of\s+)?(?-i:[A-Z])",
                    # not "withdrawing from the Black Sea Grain Initiative": a deal, not ground
                    r"\bwithdr[ae]w\w*\s+(?:to|their)\b",
                    # "decided to withdraw Ukrainian units from Avdiivka"
                    r"\bwithdr[ae]w\w*\s+(?:[\w-]+\s+){0,3}?(?:units|troops|forces|brigades?|"
                    r"soldiers|servicemen|defenders|personnel|garrison)\s+from\b",
                    r"\bwithdr[ae]w\w*\s+from\b(?!\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:initiative|deal|"
                    r"agreement|treaty|talks|accords?|convention|programmes?|programs?|council|"
                    r"organi[sz]ation|negotiations|pact|scheme|race|election|tournament)\b)",
                    r"\brecaptur\w*",
                    r"\bliberat\w*",
                    r"\bretook\b",
                    r"\bretak\w*",
                    r"\bregain\w* control\b",
                    r"\b(?:captured|seized|occupied (?:the|a)\b)",
                    # "took control of", "had taken full control of", "established control over"
                    r"\bcapture\s+of\b",
                    # troops "pulled out of"; not "volunteers pulled 47 people out of Kupiansk"
                    r"\bpulled\s+(?!(?:\S+\s+){0,3}?(?:people|residents|civilians|children|families|"
                    r"patients|women|elderly|survivors|bodies)\b)(?:[\w-]+\s+){0,3}?out\s+of\b",
                    r"\bleft\s+(?:their\s+|its\s+)?positions\s+in\b",
                    r"\b(?:took|taken|take|taking|established|establish|gained|gain|claimed|claims?|claiming|assumed)\s+"
                    r"(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over)\b",
                    # ("advanced into central Selydove" is ground gained inside a town still
                    # fought over: ground fighting, not a change of hands)
                    # "its forces had taken Ocheretyne", "took the village of Krokhmalne"
                    r"\b(?:had|have|has)\s+taken\s+(?:full\s+)?(?:control\s+of\s+)?(?:the\s+(?:village|town|city|settlement)\s+of\s+)?(?-i:[A-Z])",
                    r"\btook\s+(?:the\s+(?:village|town|city|settlement)\s+of\s+)(?-i:[A-Z])",
                    r"\b(?:took|taken|taking|take)\s+over\s+(?!as\b|the\s+(?:presidency|command|role|job|post|chairmanship|leadership|company|business))",
                    r"\bpulled out of\b",
                    r"\braised the (?:\w+ )?flag\b",
                    # "defending Sievierodonetsk had been ordered to withdraw": the town given up
                    r"\b(?:ordered|orders?)\s+(?:[\w-]+\s+){0,3}?to\s+(?:withdraw|retreat|pull\s+(?:out|back))\b",
                ),
                uk=(
                    r"\b(?:зайняли|зайняв|захопили|захопив)\s+(?!позиці|оборон|рубеж|посад|місц|перш|друг|трет)\w{4,}",
                    r"\bзвільн\w*",
                    r"\bвзял\w* під (?:свій )?контроль\b",
                    # not "вийшла з зернової угоди": a deal left, not ground
                    r"\b(?:відійшл|відступил|вийшл)\w* (?:з|із)\b(?!\s+(?:[\w’'-]+\s+){0,3}?(?:угод|ініціатив|"
                    r"договор|переговор|домовленост|конвенц|програм|організац|складу|партії)\w*)",
                    r"\b(?:підняли|подняли) (?:\w+ )?(?:прапор|флаг)\b",
                    r"\b(?:зайняли|заняли|зайняв|занял)\w* (?:сел|міст|город|селищ|посел|населен)\w*",
                    # "війська увійшли в Ласточкине": troops entered a named place
                    r"\b(?:увійшл|зайшл)\w*\s+(?:в|у|до)\s+(?-i:[А-ЯІЇЄҐ])",
                    r"\bнаказ\w*\s+(?:[\w’'-]+\s+){0,2}?(?:відійти|відступити|вийти|залишити)\b",
                ),
                ru=(
                    r"\b(?:заняли|занял|захватили|захватил)\s+(?!позици|оборон|рубеж|должност|мест|перв|втор|трет)\w{4,}",
                    r"\b(?:отошл|отступил|вышл)\w* из\b(?!\s+(?:[\w-]+\s+){0,3}?(?:сделк|соглашен|"
                    r"договор|переговор|инициатив|конвенц|программ|организац|состав|парти)\w*)",
                    r"\b(?:вошл|зашл)\w*\s+(?:в|во)\s+(?-i:[А-ЯЁ])",
                    r"\bприказ\w*\s+(?:[\w-]+\s+){0,2}?(?:отступить|отойти|выйти|покинуть|оставить)\b",
                ),
                both=(
                    r"\bдеокупов\w*",
                    r"\bосвобод\w*",
                    r"\bзахопил\w*",
                    r"\bзахватил\w*",
                    r"\bзахоплен\w*",
                    r"\bзахвачен\w*",
                    r"\bокупувал\w*",
                    r"\bоккупировал\w*",
                    r"\bвзял\w* под (?:свой )?контроль\b",
                    # "повернули під контроль Кругляківку", "вернули под свой контроль"
                    r"\b(?:повернул|вернул)\w* (?:під|под) (?:свій |свой |повний |полный )?контроль\b",
                    r"\b(?:повернул|вернул|відновил|восстановил)\w* контроль (?:над|за)\b",
                    # "освобождение города", "Угледар под полным контролем наших подразделений"
                    r"\bосвобожд\w*",
                    r"\b(?:під|под)\s+(?:повним\s+|полным\s+)?контролем\s+(?:наш|российск|русск|ЗСУ|ВСУ|Сил|сил|підрозділ|подразделен|армі|арми|військ|войск)\w*",
                    r"\b(?:поднят|піднят|піднято|подняли|підняли|майорить|развевается)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:флаг|прапор|стяг)\w*",
                    r"\b(?:встановил|установил)\w* (?:повн\w* |полн\w* )?контроль\b",
                    # the noun: "заявило о взятии под контроль Дзержинска", "про взяття під
                    # контроль", "об установлении полного контроля над"
                    r"\b(?:взяти[еия]|взяття|взяттям)\s+(?:під|под)\s+(?:[\w’'-]+\s+)?контроль\b",
                    r"\b(?:установлени[еия]|встановлення|встановленням)\s+(?:[\w’'-]+\s+)?контрол[юяь]\w*\s+(?:над|за)\b",
                ),
            ),
            examples=Words(
                en=("Ukrainian troops recaptured the village of Robotyne.",),
                uk=("Українські військові звільнили село Роботине.",),
                ru=("Украинские военные освободили село Работино.",),
            ),
            false_senses=Words(
                en=(
                    r"\b(?:the|in|of|to|into|across|a|newly|recently)\s+(?:recently\s+|newly\s+)?(?:recaptured|liberated|de-?occupied|retaken|occupied|captured)\s+(?:village|town|city|territor|area|settlement|region|land|part|district|bank)\w*",
                    r"\bcaptured (?:the )?(?:title|trophy|cup|award|imagination|attention|hearts?)\b",
                    r"\boccupied (?:by|with) (?:tourists|visitors|guests)\b",
                    r"\bliberat\w* (?:women|prisoners)\b",
                    # a capture meant, not made: "as Moscow's forces press to retake the town"
                    r"\b(?:press\w*|push\w*|seek\w*|sought|aim\w*|tr(?:y|ies|ying|ied)|attempt\w*|bid|"
                    r"plan\w*|want\w*|vow\w*|hop(?:e|es|ed|ing)|striv\w*|struggl\w*|efforts?|intend\w*|"
                    r"prepar\w*|threat\w*)\s+(?:\w+\s+)?to\s+(?:retake|recapture|liberate|regain|seize|"
                    r"take\s+back)\b",
                    # people taken prisoner, not ground taken: "soldiers captured near Kursk",
                    # "Ukrainian forces captured 50 Russian soldiers near Sudzha"
                    rf"\b{_PEOPLE_AT_ARMS}\s+(?:(?:who|that)\s+(?:were|was|had\s+been)\s+captured\b|"
                    r"captured(?=\s*(?:near|in|at|by|during|on|outside|around|earlier|last|when|while|"
                    r"and|[,.;)])))",
                    r"\bcaptured\s+(?:(?:\d+|a|an|one|two|three|four|five|several|dozens|hundreds|more|than|"
                    r"about|some|group|of|Ukrainian|Russian|enemy|North|Korean|wounded|foreign)\s+){0,5}?"
                    rf"{_PEOPLE_AT_ARMS}\b",
                    # "had advanced into central Selidovo but had not yet seized the town"
                    r"\b(?:not|never|failed\s+to|unable\s+to|yet\s+to)\s+(?:yet\s+)?(?:been\s+)?"
                    r"(?:fully\s+|completely\s+)?(?:seiz|captur|take|taken|taking|took|liberat|occup|"
                    r"recaptur|retak|regain|gain)\w*(?:\s+(?:full\s+)?control)?(?:\s+(?:of|over))?"
                    r"(?:\s+(?:the|it|its))?(?:\s+[\w-]+)?",
                ),
                uk=(
                    r"\b(?:звільнен|деокупован|окупован|оккупированн|освобожденн)\w*\s+(?:сел|міст|город|територ|громад|район|населен|земл|частин|берег)\w*",
                    # "Серед звільнених — захисники Маріуполя": people freed from captivity
                    r"\bсеред\s+(?:[\w’'-]+\s+)?звільнен\w*",
                    r"\b(?:звільн|освобод|освобожд)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:заручник|залож|полонен|пленн|в['’]язн|узник|політв|політичн|заключенн)\w*",
                    r"\b(?:з|із|из)\s+(?:[\w’'-]+\s+){0,2}?(?:полону|плена)\s+(?:[\w’'-]+\s+){0,2}?(?:звільн|освобод)\w*",
                ),
                ru=(r"\bсреди\s+(?:[\w-]+\s+)?освобожденн\w*",),
                both=(
                    # "не змогли захопити село", "так и не взяли город": no capture
                    r"\bне\s+(?:змогл\w*\s+|смогл\w*\s+|вдалося\s+|удалось\s+)?(?:захопи|захопл|захвати|"
                    r"захвач|взя|зайня|заня|звільни|освободи|окупува|оккупирова)\w*(?:\s+[\w’'-]+)?",
                    r"\b(?:звільн|освобод|освобожд)\w*\s+(?:[\w’'-]+\s+){0,4}?(?:з|із|от|с|від)\s+(?:посад|должност|полон|плен|роботи|работы|служб|обов['’]яз|обязанност|податк|налог|відповідальн|ответственност|сплат|оплат|мобілізац|мобилизац)\w*",
                    r"\b(?:захопил|захватил|захоплен|захвачен)\w*\s+(?:[\w’'-]+\s+){0,2}?(?:заручник|залож|увагу|внимани|лідерство|лидерство|ринок|рынок|владу|власть)\w*",
                ),
            ),
        ),
        KindSpec(
            EventKind.GROUND_FIGHTING,
            label=N_("Ground fighting"),
            filter_words_uk=("бої", "бій", "наступ", "штурми", "штурм", "зіткнення"),
            filter_words_ru=("бои", "бой", "наступление", "штурм", "столкновения"),
            filter_words=tuple(
                [
                    "fighting",
                    "ground-fighting",
                    "fight",
                    "battles",
                    "battle",
                    "combat",
                    "clashes",
                    "clash",
                    "assaults",
                ]
            ),
            figures=CASUALTY_FIGURES,
            severity=Severity.ROUTINE,
            family="fighting",
            triggers=Words(
                en=(
                    r"\b(?:push|pushed|pushing|drove|driven|forced)\s+(?:[\w-]+\s+){0,3}?(?:back|out)\b",
                    r"\b(?:combat\s+|positional\s+)engagements?\b",
                    r"\battack(?:s|ed|ing)?\s+(?:near|towards?|in the direction of|on (?:Ukrainian |Russian )?positions)\b",
                    r"\bfighting\b",
                    r"\bclash\w*",
                    r"\bbattles?\b",
                    # (not the kind of a thing: "combat aircraft", "combat missions")
                    r"\bcombat\b(?!\s+(?:aircraft|jets?|planes?|helicopters?|vehicles?|drones?|"
                    r"engineers?|medics?|missions?|sorties?|readiness|training|experience|"
                    r"capabilit\w*|effectiveness|units?|brigades?|ships?|boats?|vessels?))",
                    r"\bassault(?:s|ed|ing)?\b",
                    r"\brepuls\w*",
                    r"\b(?:attempt|tried|try|tries|sought)\w*\s+(?:\w+\s+){0,2}?to\s+(?:advance|break through|storm|assault|push|regain|recapture|encircle)\b",
                    r"\badvance[sd]?\s+(?:on|towards?|near|in the direction of|into)\b",
                    # "pushed into the eastern outskirts of Chasiv Yar"
                    r"\b(?:pushed|broke|fought\s+their\s+way|forced\s+their\s+way)\s+into\s+(?:the\s+)?"
                    r"(?:[\w-]+\s+){0,2}?(?:outskirts|edge|part|parts|district|districts|centre|center|streets)\b",
                    r"\bground (?:attacks?|assaults?|operations?|combat)\b",
                    r"\boffensive (?:actions?|operations?)\b",
                    r"\bfought\b",
                    r"\bcounter-?offensive\b",
                    r"\bcounter-?attack\w*",
                    # "attacked Ukrainian positions near Krynky", ISW's "attacked northeast of
                    # Kupiansk near Synkivka": troops, not a strike (weapons keep a strike).
                    r"\battack(?:ed|s|ing)?\s+(?:[\w-]+\s+){0,3}?(?:positions|near)\b",
                    # "Wagner units attacked the northern outskirts": troops on foot attack
                    r"\b(?:units?|infantry(?:men)?|assault\s+(?:groups?|troops|detachments?|units?)|"
                    r"paratroopers|marines|detachments?|mercenaries|stormtroopers|"
                    r"(?:sabotage|reconnaissance|recon)\s+(?:groups?|units?))\s+(?:[\w-]+\s+)?"
                    r"attack(?:ed|s|ing)\b",
                    r"\boffensive\b",
                    r"\brepel\w*",
                    r"\badvanc(?:ed|ing|es)\b",
                    r"\bstorm(?:ed|ing)\b",
                    r"\bfirefights?\b",
                    r"\bexchang(?:ed|es|ing)\s+(?:of\s+)?(?:fire|gunfire|shots)\b",
                    r"\bexchanges?\s+of\s+(?:fire|gunfire)\b",
                    r"\b(?:made|making|make|gained|gaining)\s+(?:marginal\s+|tactical\s+|limited\s+|some\s+)?(?:gains|ground|progress)\b",
                    # "knocked the enemy out of the western outskirts", "dislodged Ukrainian units"
                    r"\bknock(?:ed|s|ing)?\s+(?:the\s+)?(?:enemy|\w+\s+(?:units|troops|forces))\s+out\b",
                    r"\bdislodg\w*",
                    # "broke through Russian defensive lines near Verbove"
                    r"\bbr(?:oke|eak|eaks|eaking)\s+through\s+(?:the\s+|their\s+|its\s+)?(?!air\s)(?:[\w-]+\s+){0,2}?"
                    r"(?:lines?|defen[cs]es|positions|front)\b",
                    r"\binfiltrat\w*",
                    # "marines engaged Russian forces around Krynky"
                    r"\bengag(?:ed|ing|es)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:forces|troops|units|positions|enemy|infantry)\b",
                    r"\bknock(?:ed|s|ing)?\s+out\s+(?:the\s+)?(?:enemy|\w+\s+(?:units|troops|forces))\s+(?:from|of)\b",
                ),
                uk=(
                    # General Staff wording: "противник атакував поблизу Петропавлівки"
                    r"\bатакува\w*\s+(?:[\w’'-]+\s+){0,3}?(?:поблизу|біля|в районі|у районі|в районах|у районах)\b",
                    r"\bбо[їи]\b",
                    r"\bзіткнен\w*",
                    r"\bбо[йї]ов\w* ді[їя]\w*",
                    r"\bвідбил\w*",
                    r"\bвідбит\w*",
                    r"\bвідбива\w*",
                    # "завдали ураження живій силі ... в районах Вовчанська і Липців"
                    r"\bзавда\w*\s+(?:ураженн|поразк)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:жив\w*\s+сил|особов\w*\s+"
                    r"склад|підрозділ|бригад|формуван)\w*",
                    # "підрозділи «Вагнера» атакували північні околиці": troops on foot
                    r"\b(?:підрозділ|піхот|десантник|найманц|штурмовик|диверсійн\w*\s+груп|"
                    r"розвідувальн\w*\s+груп)\w*\s+(?:[\w’'«»-]+\s+){0,2}?атакува\w*",
                ),
                ru=(
                    r"\bбо[ёе]в\b",
                    r"\bатаковал\w*\s+(?:\w+\s+)?(?:вблизи|возле|в районе|в районах)\b",
                    # Russia's defence ministry: "нанесли поражение живой силе и технике ... в
                    # районах населённых пунктов Волчанск и Липцы": its troops' fighting there
                    r"\bнанес\w*\s+поражени\w*\s+(?:[\w-]+\s+){0,3}?(?:живой\s+сил|личн\w*\s+состав|"
                    r"подразделени|бригад|формировани)\w*",
                    # "подразделения «Вагнера» атаковали северные окраины": troops on foot
                    r"\b(?:подразделени|пехот|десантник|наёмник|наемник|штурмовик|диверсионн\w*\s+групп|"
                    r"разведывательн\w*\s+групп)\w*\s+(?:[\w«»-]+\s+){0,2}?атаков\w*",
                ),
                both=(
                    r"\bбоях\b",
                    r"\bбоями\b",
                    r"\b(?:перестрілк|перестрелк)\w*",
                    # "атакував позиції наших захисників", "атаковал позиции ВСУ": troops at troops
                    r"\b(?:атакува|атакова|атакуют|атакують)\w*\s+(?:[\w’'-]+\s+){0,2}?(?:позиці|позици)\w*",
                    r"\bштурм\w*",
                    r"\bнаступ(?!н)\w*",
                    r"\bстолкновени\w*",
                    r"\bбоестолкновени\w*",
                    r"\bбоев\w* действи\w*",
                    r"\bотбил\w*",
                    r"\bотбит\w*",
                    r"\bотража\w*",
                    r"\bотразил\w*",
                    # "отражены четыре атаки" (not "отражена атака беспилотников")
                    r"\bотраж[её]н\w*\s+(?:[\w-]+\s+){0,2}?(?:атак|штурм)\w*\b(?!\s+(?:[\w-]+\s+)?"
                    r"(?:беспилот|дрон|бпла|ракет|авиа|крылат|шахед|ВСУ\s+на\s+Белгород))",
                    r"\bконтратак\w*",
                    # "намагався прорвати оборону", "пытался прорваться", "попытку деблокировать"
                    # (not rescuers who "деблокували з-під завалів 4 людей", "деблокировали
                    # из-под завалов": people freed from rubble, nor a burst pipe's "прорив")
                    r"\b(?:прорва|прорив|прорыв)\w*\b(?!\s+(?:труб|водогін|водопровод|газопровод|мереж|сет))",
                    # (nor "Із пошкодженого будинку деблокували чоловіка": a person freed from a
                    # building, a car, rubble)
                    r"\bдеблок\w*\b(?!\s+(?:[\w’'-]+\s+){0,4}?(?:(?:з-під|из-под|з\s+під|из\s+под)\s+(?:завал|уламк|обломк)|"
                    r"(?:з|із|из)\s+(?:[\w’'-]+\s+)?(?:будин|будівл|квартир|авто|машин|дом|здани|салон|під['’]?їзд|подъезд)|"
                    r"(?:людин|людей|чоловік|жінк|дитин|мешкан|пенсіонер|человек|мужчин|женщин|реб[её]н|дет|жител|"
                    r"постражд|пострадав|тіл|тел)\w*))",
                    # "намагався просунутися / вклинитися", "пытались продвинуться"
                    r"\b(?:просун|вклин|продвин|продвига|вклини)\w*",
                    # "намагався потіснити наших захисників", "пытался потеснить"
                    r"\b(?:потісн|потесн|відтісн|оттесн)\w*",
                    # Russian defence ministry: "улучшили положение по переднему краю"
                    r"\b(?:улучшил|покращил|поліпшил)\w*\s+(?:[\w’'-]+\s+)?(?:положени|становищ)\w*",
                    r"\bпросунул\w*",
                    r"\bпросуван\w*",
                    r"\bпродвинул\w*",
                    r"\bпродвижени\w*",
                    # "намагався витіснити наші підрозділи з позицій", "пытался выбить с позиций"
                    r"\b(?:витісн|вибит|вибива|витиска|вытесн|выбит|выбива|выдав)\w*\s+(?:[\w’'-]+\s+){0,3}?"
                    r"(?:з|із|с|со)\s+(?:[\w’'-]+\s+)?(?:позиці|позици|рубеж|окоп|опорн)\w*",
                ),
            ),
            examples=Words(
                en=("Ukrainian forces repelled 12 assaults near Avdiivka.",),
                uk=("Біля Авдіївки тривають запеклі бої.",),
                ru=("Возле Авдеевки продолжаются ожесточённые бои.",),
            ),
            false_senses=Words(
                en=(
                    r"\b(?:air defen[cs]es?|air force|interceptors?)\s+(?:\w+\s+){0,2}?repel\w*",
                    # "Seven soldiers killed in Grad attack near Shchastia": a weapon's attack
                    r"\b(?:Grads?|Uragans?|Smerch|Tornado|MLRS|rocket|missile|drone|artillery|mortar|"
                    r"tank|air|aerial|bomb|shelling|Iskander|Shahed|FPV)\s+(?:[\w-]+\s+)?attacks?\s+"
                    r"(?:near|towards?|on|in)\b",
                    r"\brepel\w*\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}?(?:missile|drone|air|rocket|aerial)\s+(?:attacks?|strikes?|raids?)",
                    r"\bin advance\b",
                    r"\bbattle (?:against|with) (?:cancer|covid|inflation|corruption)",
                    # "missing since the battle for Mariupol": a battle of the past, told as such
                    r"\b(?:since|after|during|before|veterans? of|anniversary of|memory of)\s+the\s+(?:[\w-]+\s+)?(?:battles?|siege|defen[cs]e)\s+(?:for|of|in)\b",
                    r"\bprice war\b",
                    r"\bfighting (?:corruption|inflation|cancer|fire|fires|covid)\b",
                    r"\bassault (?:case|charges?|allegations?)\b",
                    r"\bsexual assault\b",
                    r"\badvanc(?:ed|ing|es) (?:to|into) the (?:final|semi|quarter)",
                    r"\boffensive (?:line|coordinator|play)",
                    FIGHTING_SINCE,
                    _SINCE_THEY_MOVED,
                ),
                uk=(
                    r"\b(?:наступн|наступа(?:є|ют|ет) (?:зима|весна|літо|осінь|ніч|день))\w*",
                    r"\bбо[їи] (?:з|со?) (?:корупці|коррупци|ковід|covid|коронавірус|коронавирус|бюрократі|бюрократи)\w*",
                    r"\b(?:боротьб|борьб)\w* з\w*",
                ),
                ru=(r"\b(?:боротьб|борьб)\w* з\w*",),
                both=(
                    # "ПВО отражает атаку", "сили ППО відбивають атаку дронів": air defence at work
                    r"\b(?:ППО|ПВО|протиповітрян\w*\s+оборон\w*|противовоздушн\w*\s+оборон\w*)\s+"
                    r"(?:[\w’'-]+\s+)?(?:відбива|відбил|отража|отразил)\w*\s+(?:[\w’'-]+\s+)?(?:атак|удар|нал[её]т)\w*",
                    # "зіткнулися вантажівка та легковик": vehicles, not troops
                    r"\b(?:зіткнул|зіткнен|столкнул|столкновени)\w*\s+(?:[\w’'-]+\s+){0,3}?(?:вантажів|легков|"
                    r"автомоб|автобус|мікроавтоб|микроавтоб|фур|грузовик|машин|потяг|поїзд|поезд|трактор)\w*",
                ),
            ),
        ),
        KindSpec(
            EventKind.AIR_DEFENSE,
            label=N_("Air defense"),
            filter_words_uk=("ппо", "протиповітряна-оборона", "збиття", "перехоплення"),
            filter_words_ru=("пво", "противовоздушная-оборона", "сбитие", "перехват"),
            filter_words=tuple(
                [
                    "air-defense",
                    "air-defence",
                    "air-defenses",
                    "air-defences",
                    "air_defense",
                    "air_defence",
                    "airdefense",
                    "airdefence",
                    "interception",
                    "interceptions",
                    "intercepted",
                ]
            ),
            figures=frozenset({FigureName.INTERCEPTED, FigureName.LAUNCHED}),
            severity=Severity.ROUTINE,
            family="air",
            triggers=Words(
                en=(
                    r"\bshot down\b",
                    r"\bintercept\w*",
                    r"\bdown(?:ed|ing)\b",
                    r"\bair defen[cs]e\b",
                    r"\banti-?aircraft\b",
                    r"\bdestroyed (?:\d+|\w+) (?:of (?:the |its |them )?(?:\d+ )?)?(?:[\w-]+ ){0,2}?"
                    r"(?:drones|missiles|shaheds|uavs)\b",
                ),
                uk=(r"\bпротиповітрян\w*",),
                ru=(
                    r"\bуничтож\w*\s+(?:\d+\s+|все\s+|\w+\s+)?(?:вражеских\s+|ударных\s+)?(?:шахед|дрон|БпЛА|беспилот|ракет|крылат|баллистическ|цел)\w*",
                ),
                both=(
                    r"\bзбил\w*",
                    r"\bзбит\w*",
                    r"\bсбил\w*",
                    r"\bсбит\w*",
                    r"\bППО\b",
                    r"\bПВО\b",
                    r"\bперехоплен\w*",
                    r"\bперехвачен\w*",
                    r"\bперехопил\w*",
                    r"\bперехватил\w*",
                    r"\bзнешкод\w*",
                    r"\bзнищ\w*\s+(?:\d+\s+|усі\s+|всі\s+|всіх\s+|\w+\s+)?(?:ворожих\s+|ударних\s+)?(?:шахед|дрон|БпЛА|безпілот|ракет|крилат|балістичн|ціл)\w*",
                    r"\b(?:\w+\s+)?(?:ціл\w*|шахед\w*|дрон\w*|ракет\w*)[^.;]{0,40}\bзнищен\w*",
                    r"\bпротивовоздушн\w*",
                ),
            ),
            examples=Words(
                en=("Air defence shot down 30 of 35 drones overnight.",),
                uk=("Вночі сили ППО збили 30 із 35 дронів.",),
                ru=("Ночью силы ПВО сбили 30 из 35 дронов.",),
            ),
            false_senses=Words(
                # "Працює ППО": a warning that air defence is at work, not a count of hits
                en=(r"\bair defen[cs]es?\s+(?:is|are)\s+(?:active|working|operating|at work)\b",),
                both=(
                    r"\b(?:працює|працюють|работает|работают)\s+(?:наша\s+|наши\s+)?(?:ППО|ПВО)\b",
                    r"\b(?:ППО|ПВО)\s+(?:працює|работает)\b",
                ),
            ),
            spares=True,
        ),
    )
}
PRIORITY: tuple[EventKind, ...] = tuple(KINDS)
