"""Whether a report tells an incident already known: kind family, place, day, weapon, the
hour, the tolls, the details, the wording.

Decided on the frame the extractor already normalises, so an English wire and a Ukrainian
post of one strike meet without translation; wording only adds evidence where places are
vague. In a city struck several times a day the hour decides: reports in the first burst
are one attack, later ones must look back at it (its aftermath, its toll, a correction) or
share a detail that singles it out (a market, a minibus, a teenager). Conservative by
design: two strikes wrongly joined hide one from the people who needed it, while a
duplicate alert only costs a glance.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar
from urllib.parse import urlsplit

from bot.extract.dates import LOCAL_TZ
from bot.extract.placenames import latin_sound
from bot.extract.translit import romanize
from bot.extract.triggers import weapon_in
from bot.kinds import CASUALTY_FIGURES, KINDS
from bot.records import (
    Article,
    Event,
    EventKind,
    FigureName,
    Place,
    PlaceLevel,
    PlaceRole,
    Weapon,
)

# Places below a region that say where an incident happened (a region alone is vague).
_PRECISE = frozenset(
    {PlaceLevel.SETTLEMENT, PlaceLevel.FACILITY, PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY}
)
# Wording alone may join a vague report to a story when this much of it is shared.
SIMILAR = 0.4
# So much shared wording is one story rewritten, even where the counts disagree.
REWRITE = 0.6
# In a city this big, reports of one day join only on a common toll or this much wording.
BUSY_CITY = 100_000
BUSY_SIMILAR = 0.25
# Two vague reports giving one distinctive toll join when this share of the shorter one's
# content words (at least `_RETOLD_STEMS`) is shared.
RETOLD = 0.5
_RETOLD_STEMS = 2
# Counts this high at one place that differ by less than half are one toll still being
# counted (23, then 25, then 30 killed): two such incidents in one place on one day are rare.
MASS_TOLL = 5
MASS_SPREAD = 1.5
_FIGHTING = frozenset({"fighting"})
_EVACUATION = "evacuation"
_ATTACK = "attack"
_OPERATION_DAYS = 2
# A report saying a toll rose may join a story this many days older.
TOLL_UPDATE_DAYS = 3
# A report dated the day before or after the story joins it only within one news cycle.
_NEXT_DAY_CYCLE = timedelta(hours=18)
# How long after a feed's last report of a story its own look back, naming no place, is
# still that story's ("the rescue operation is over: four killed", "a wounded man died in
# intensive care overnight", the next morning: a day after an afternoon's last report).
SEQUEL = timedelta(hours=24)
_WORD = re.compile(r"\w+")
_STEM = 5
# Words (stems) that say nothing of which incident: function words, and what every report
# of this war says.
_COMMON_WORDS = (
    "the and for with from after near into over amid during about than that this which "
    "who was were has have had been are its his her their they said says say saying "
    "report reports reported according update more also will would not new "
    "ukraine ukrainian russia russian kiev kyiv moscow killed kills killing dead died "
    "death wounded injured people civilians soldiers servicemen troops forces attack "
    "attacks shelling strike strikes region oblast east eastern war military army "
    "від під для або після через також було були був які який яка що щодо внаслідок "
    "это что как после через также было были был который которая "
    "україна українськ росія російськ загинули загинув поранені поранено обстріл атака "
    "удар області район войска військ україны российск погибли погиб ранены ранен "
    "обстрел области"
)
_COMMON_STEMS = frozenset(w[:_STEM] for w in _COMMON_WORDS.split())
# A count that updates an earlier one: "toll rises to 5", "зросла до", "died in hospital".
_LATER_COUNT = re.compile(
    r"\b(?:ris(?:e|es|en)|rose|climb\w*|increas\w*|reach\w*|jump\w*|bringing|more bodies|"
    r"died (?:of|from|in)|succumbed|зрос\w*|збільш\w*|сягнул\w*|возросл\w*|вырос\w*|"
    r"увелич\w*|достиг\w*|помер\w*|скончал\w*|ще \w+ тіл|еще \w+ тел|"
    # the count told as it stands now: "погибших на рынке уже шестеро", "вже п'ять загиблих",
    # "the dead now number six", "already 6 dead"
    r"(?:загиблих|погибших|поранених|раненых|постраждалих|пострадавших)(?:\s+[\w’'-]+){0,6}?"
    r"\s+(?:уже|вже)\b|(?:уже|вже)\s+(?:[\w’'-]+\s+)?(?:загиблих|погибших|поранених|раненых|"
    r"постраждалих|пострадавших|жертв)|(?:dead|deaths|wounded|injured)(?:\s+[\w’'-]+){0,6}?\s+"
    r"(?:is\s+|are\s+)?now\s+(?:number|total|stands?\s+at|\d)|already\s+(?:\w+\s+)?(?:dead|killed))",
    re.IGNORECASE,
)
K = TypeVar("K")


def _named(
    pairs: Iterable[tuple[K, str]], *, suffix: str = ""
) -> tuple[tuple[K, re.Pattern[str]], ...]:
    """Each key with its pattern compiled (case-insensitive, `suffix` appended)."""
    return tuple((key, re.compile(p + suffix, re.IGNORECASE)) for key, p in pairs)


# Reports of one attack come in a burst: within this long of a story's first report, a report
# of the same place, day and weapon is the same attack even in a city struck several times a
# day, unless it says otherwise (another part of the day, another district, another toll).
WAVE = timedelta(hours=2)
# How long after a story's last report a higher count with the same weapon is still its own
# (five hours after a lone report, a higher count is another strike's).
RISING = timedelta(hours=3)
# What part of the day a report says its incident happened in (title and lead).
_PARTS = _named(
    enumerate(
        (
            r"\b(?:overnight|night|вночі|уночі|у ніч|в ніч|нічн\w*|ночью|ночн\w*|в ночь|за ніч|"
            r"за ночь|ночі|ночи)\b",
            r"\b(?:morning|вранці|уранці|зранку|ранков\w*|ранкн\w*|утром|утренн\w*|с утра)\b",
            r"\b(?:afternoon|midday|вдень|удень|опівдні|днем|днём|в обед)\b",
            r"\b(?:evening|tonight|ввечері|увечері|вечірн\w*|вечор\w*|вечер\w*)\b",
        )
    )
)
# The same parts named as the attack's: "нічної атаки", "the morning strike", "ночного удара".
_ATTACK_NOUN = (
    r"(?:\s+\w+)?\s+(?:attacks?|strikes?|shelling|bombardment|raid|атак\w*|удар\w*|обстріл\w*|"
    r"обстрел\w*|бомбардуван\w*)"
)
_PARTS_OF_ATTACK = _named(
    enumerate(
        (
            r"\b(?:overnight|night(?:time)?|нічн\w*|ночн\w*)",
            r"\b(?:morning|ранков\w*|утренн\w*)",
            r"\b(?:afternoon|daytime|денн\w*|дневн\w*)",
            r"\b(?:evening|вечірн\w*|вечерн\w*)",
        )
    ),
    suffix=_ATTACK_NOUN,
)
# A night named by its date: "в ніч на 2 вересня", "в ночь на 18 мая", "on the night of".
_DATED_NIGHT = re.compile(
    r"\b(?:(?:в|у) ніч (?:на|проти) \d|в ночь (?:на|с) \d|on the night of\b)", re.IGNORECASE
)
# The night's results told in the morning: "по итогам ночи", "за підсумками ночі", "as of
# this morning, after the night".
_NIGHTS_TALLY = re.compile(
    r"\b(?:по итогам|за підсумками|підсумки|итоги|наслідки|последствия)\s+(?:минулої\s+|"
    r"прошедшей\s+|цієї\s+|этой\s+)?(?:ночі|ночи)\b|\bafter\s+(?:the|last)\s+night\b",
    re.IGNORECASE,
)
# A report of an attack under way or begun anew: not a later report of the one known.
_FRESH = re.compile(
    r"\b(?:again|anew|another (?:attack|strike|wave|barrage)|second (?:attack|strike)|"
    # ("под угрозой повторных ударов": a threat, not an attack)
    r"знову|знов|снова|вновь|(?<!угрозой\s)(?<!угрозы\s)(?<!загрозою\s)(?<!загрози\s)повторн\w*|"
    r"вдруге|ще одн\w* (?:атак|удар|обстріл)\w*|"
    r"еще одн\w* (?:атак|удар|обстрел)\w*|атакує|атакують|атакуют|атакует|is under attack|"
    r"під ударом|под ударом|під атакою|под атакой|"
    r"(?:пролунал\w*|чути|прогриміл\w*|прогремел\w*|слышны|слышали|раздал\w*) (?:\w+ )?(?:вибух|взрыв)\w*|"
    r"(?:explosions?|blasts?) (?:were |was |have been |are )?(?:heard|rang out|rocked|reported))|"
    # an alarm post: "Вибухи в Одесі", "Explosions in Kharkiv", "Одеса. Є влучання."
    r"(?:^|\n)\W*(?:вибухи|взрывы|explosions|blasts)\b|\bє влучання\b|\bесть попадани\w*",
    re.IGNORECASE,
)
# A report that looks back at an incident already told: its aftermath, its toll, its rescue.
_FOLLOW_UP = re.compile(
    r"\b(?:aftermath|after (?:the|yesterday's|last night's|\w+day's) (?:\w+ )?(?:strike|attack|shelling|bombing)|"
    r"rescue (?:operation|work|effort)s?|(?:under|from) the rubble|death toll|a day after|"
    r"relocated|moved out|resettled|day of mourning|yesterday's|"
    r"наслідк\w*|последстви\w*|після (?:\w+ )?(?:удару|атаки|обстрілу)|после (?:\w+ )?(?:удара|атаки|обстрела)|"
    r"внаслідок (?:ранков|нічн|вчорашн|учорашн|денн|вечірн)\w*|в результате (?:утренн|ночн|вчерашн|вечерн)\w*|"
    r"рятувальн\w* (?:операці|робот)\w*|спасательн\w* (?:операци|работ)\w*|завал\w*|"
    r"уточнен\w*|уточнён\w*|уточняем\w*|відселил\w*|відселяєм\w*|відселен\w*|отселил\w*|отселен\w*|"
    r"жалоб\w*|траур\w*|вчорашн\w*|учорашн\w*|вчерашн\w*|накануне|сутки после|добу після|"
    # "поранений учора під час удару": yesterday's incident, told today
    r"(?:в|у)чора\b|вчера\b|yesterday\b|"
    # the dead buried: "В Горловке простились с погибшими", "funerals were held"
    r"funerals?|buried|похорон\w*|поховал\w*|прощан\w*|попрощал\w*|простил\w*\s+с\s+погибш\w*|"
    r"по итогам ночи|за підсумками ночі|after (?:the|last) night\b|"
    # the fires put out, a person freed from the rubble: the rescuers' work after a hit
    r"ліквідува\w*\s+(?:[\w’'-]+\s+){0,2}?(?:пожеж|займан|загоран)\w*|"
    r"ликвидир\w*\s+(?:[\w-]+\s+){0,2}?(?:пожар|возгоран)\w*|"
    r"(?:загасил|погасил|потушил|вогнеборц)\w*|put out (?:the |a )?fires?|extinguished|деблок\w*)",
    re.IGNORECASE,
)
# What a report with no event of its own may look back at, and the figure it is about: the
# dead mourned, the power back, the wounded moved, the residents of a damaged block rehoused.
_AFTERMATH: tuple[tuple[re.Pattern[str], FigureName | None], ...] = (
    (
        re.compile(
            r"\b(?:day of mourning|mourning|funeral|buried|жалоб\w*|траур\w*|похорон\w*|"
            r"поховал\w*|прощан\w*|попрощал\w*)",
            re.IGNORECASE,
        ),
        FigureName.KILLED,
    ),
    (
        re.compile(
            r"\b(?:power (?:was |has been |is )?(?:fully |partly |partially )?restored|"
            r"restored (?:the )?power|electricity (?:was |has been |is )?(?:back|restored)|"
            r"(?:відновили|відновлено|відновлюють)\s+(?:[\w’'-]+\s+){0,2}?(?:електропостачання|"
            r"електроенергі\w*|світло)|(?:електропостачання|світло)\s+(?:[\w’'-]+\s+){0,8}?"
            r"відновлено|восстановил\w*\s+(?:[\w-]+\s+){0,2}?(?:электроснабжение|электроэнерги\w*|"
            # (the places between: "Электроснабжение Новой Каховки и Таврийска восстановлено")
            r"подачу\s+электр\w*|свет)|(?:электроснабжение|свет)\s+(?:[\w-]+\s+){0,6}?"
            r"восстановлен\w*)",
            re.IGNORECASE,
        ),
        FigureName.WITHOUT_POWER,
    ),
    (
        re.compile(
            r"\b(?:(?:taken|moved|transferred) to (?:a |the )?(?:\w+ )?hospital|"
            r"hospitali[sz]ed|переведен\w*\s+(?:в|до|у)\s+(?:[\w’'-]+\s+)?(?:лікарн|больниц)\w*|"
            r"госпіталізован\w*|госпитализирован\w*|перебува\w+\s+у\s+лікарн\w*|"
            r"находи\w+\s+в\s+больниц\w*)",
            re.IGNORECASE,
        ),
        FigureName.INJURED,
    ),
    (
        re.compile(
            r"\b(?:damaged (?:building|block|house|home)s?|rehoused|"
            r"пошкоджен\w*\s+(?:[\w’'-]+\s+)?(?:будин\w*|будівл\w*|багатоповерхів\w*|"
            r"п.ятиповерхів\w*|дев.ятиповерхів\w*)|поврежденн\w*\s+(?:[\w-]+\s+)?(?:дом\w*|"
            r"здани\w*|многоэтажк\w*)|пункт\w*\s+(?:тимчасового\s+перебування|временного\s+"
            r"размещения)|ПТП\b|ПВР\b|"
            # the search over: "Рятувальники завершили роботу", "rescuers ended the search"
            r"(?:рятувальник|спасател|rescuer)\w*\s+(?:[\w’'-]+\s+){0,2}?(?:заверши|закінчи|"
            r"ended|finished|completed|wrapped\s+up)\w*)",
            re.IGNORECASE,
        ),
        None,
    ),
)


def aftermath_of(article: Article) -> tuple[FigureName | None] | None:
    """Whether an article that tells no event looks back at an incident (a day of mourning,
    the power back, the wounded moved, a damaged block's residents rehoused, the rescue
    over): `(figure,)`, the figure it is about (None: none in particular); None when it
    does not look back."""
    opening = f"{article.title}\n{article.text[:400]}"
    for pattern, figure in _AFTERMATH:
        if pattern.search(opening):
            return (figure,)
    return (None,) if _FOLLOW_UP.search(opening) else None


# A summary of many incidents: a period's tally, an operational update, a day's wrap. Its
# figures add up many incidents and its places are many; it tells no one incident.
_ROUNDUP = re.compile(
    r"\b(?:over|in|during|for|within) (?:the )?(?:past|last|previous) (?:day|24 hours|night)\b|"
    r"\bcease-?fire (?:\w+ ){0,3}(?:violat\w*|breach\w*) \d+ times|"
    r"\b(?:violat\w*|breach\w*) (?:the )?cease-?fire \d+ times|"
    # "launched 31 attacks", "398 ударів по 11 населених пунктах": a tally of many
    r"(?<![\d:.])\b\d{2,} (?:\w+ )?(?:attacks|strikes|shellings|обстріл(?:и|ів)|удар(?:и|ів)|атак|"
    r"обстрел(?:ы|ов)|ударов)\b|"
    r"\b(?:at a glance|what we know on day|operational (?:update|information|situation)|"
    r"daily (?:report|update|summary)|status report|spot report|latest from the)\b|"
    r"(?<!вдруге )(?<!удруге )(?<!втретє )(?<!раз )(?<!вновь )"
    r"\b(?:протягом|упродовж|продовж|за|минулої|минулу|прошедшие|за прошедшие|в течение|на протяжении)\s+"
    r"(?:минулої\s+|минулу\s+|прошедших\s+|последних\s+)?(?:доби|добу|сутки|суток)\b|"
    # (not "вдруге за добу", "второй раз за сутки": the second attack in a day)
    r"\bминулої доби\b|(?<!вдруге )(?<!удруге )(?<!втретє )(?<!раз )\bза добу\b|"
    r"(?<!раз )(?<!вновь )\bза сутки\b|"
    r"\b(?:оперативн\w+ (?:інформаці|информаци|ситуаці|ситуаци|зведенн)\w*|"
    r"(?:вечірнє|ранкове|денне|вечернее|утреннее) зведення|підсумки дня|итоги дня|зведення)\b|"
    r"\bу ніч на \d+ \w+ (?:\([^)]*\) )?противник атакував|"
    r"\bв ночь на \d+ \w+ противник атаковал",
    re.IGNORECASE,
)
# A report correcting a figure told before: a lower count that replaces, not another incident.
_REVISED = re.compile(
    r"\b(?:correct(?:ed|ion|s)|revised|clarif\w*|(?:was|were) counted twice|not (?:true|accurate)|"
    r"уточнен\w*|уточнён\w*|скоригова\w*|скорректирова\w*|не відповіда\w* дійсності|"
    r"не соответству\w* действительности|спростува\w*|спростуванн\w*|опроверг\w*|враховано двічі|"
    r"учтен\w* дважды|посчитан\w* дважды)",
    re.IGNORECASE,
)
# Details that single out one incident among a city's day of them, in any of the three
# languages: who was hit (a teenager, a 68-year-old) and what (a market, a minibus, a
# convoy). Two reports sharing one are telling the same incident.
_MARKS = _named(
    (
        ("teen", r"\b(?:teen\w*|підліт\w*|підлітк\w*|подрост\w*|школяр\w*|школьни\w*)"),
        (
            "child",
            r"\b(?:child|children|boy|girl|дитин\w*|дітей|діти|хлопчик\w*|дівчинк\w*|"
            r"ребен\w*|ребён\w*|детей|дети|мальчик\w*|девочк\w*)\b",
        ),
        ("convoy", r"\b(?:convoy\w*|колон[аиуі]\w*|колонн\w*)"),
        ("market", r"\b(?:market\w*|ринк?\w*|рын[оке]\w*|базар\w*)"),
        ("bus", r"\b(?:(?:mini)?bus\w*|маршрутк\w*|маршрутн\w*|автобус\w*)"),
        (
            "hospital",
            r"\b(?:hospital|clinic|maternity|лікарн\w*|больниц\w*|пологов\w*|роддом\w*|"
            r"поліклінік\w*|поликлиник\w*)",
        ),
        (
            "school",
            r"\b(?:school|kindergarten|university|lyceum|школ[аиуіое]\w*|садоч?к\w*|"
            r"детск\w* сад\w*|дитяч\w* садо?к\w*|університет\w*|университет\w*|ліце\w*|лице\w*)",
        ),
        (
            "rail",
            r"\b(?:railway|train|station|вокзал\w*|поїзд\w*|поезд\w*|потяг\w*|залізнич\w*|"
            r"железнодорож\w*|електричк\w*|электричк\w*)",
        ),
        ("port", r"\b(?:port|grain terminal|порт[уа]?|портов\w*|термінал\w*|терминал\w*)\b"),
        (
            "church",
            r"\b(?:church|cathedral|monastery|церкв\w*|церков\w*|храм\w*|собор\w*|монастир\w*|монастыр\w*)",
        ),
        ("dam", r"\b(?:dam|dyke|дамб\w*|гребл\w*|плотин\w*|гідротехнічн\w*|гидротехническ\w*)\b"),
        (
            "power",
            r"\b(?:substation|power plant|power line|(?:електро|электро)?підстанці\w*|"
            r"(?:електро|электро)?подстанци\w*|ТЕЦ|ТЕС|ТЭЦ|ТЭС|"
            r"лінію? електропередач\w*|ЛЕП)\b",
        ),
        ("hotel", r"\b(?:hotel|готел\w*|гостиниц\w*)"),
        ("shop", r"\b(?:supermarket|shopping|mall|супермаркет\w*|торгов\w*|ТЦ)\b"),
        ("checkpoint", r"\b(?:checkpoint|crossing point|КПВВ|пункт\w* пропуск\w*)"),
        ("filter", r"\b(?:filter station|фільтрувальн\w*|фильтровальн\w*)"),
        ("tractor", r"\b(?:tractor\w*|трактор\w*|комбайн\w*|combine harvester)"),
        (
            "ambulance",
            r"\b(?:ambulance|paramedic\w*|швидк\w* допомог\w*|скор\w* помощ\w*|медик\w*)",
        ),
    )
)
# Details too common to single out an incident alone, telling only beside the same toll.
_WEAK_MARKS = _named(
    (
        ("car", r"\b(?:cars?|vehicles?|автомобіл\w*|автівк\w*|автомобил\w*|машин[аиуы]?\b)"),
        (
            "block",
            r"\b(?:apartment (?:block|building)|high-rise|residential building|багатоповерх\w*|"
            r"багатоквартирн\w*|п.ятиповерх\w*|дев.ятиповерх\w*|многоэтаж\w*|многоквартирн\w*|"
            r"пятиэтаж\w*|девятиэтаж\w*)",
        ),
    )
)
_AGE = re.compile(
    r"\b(\d{1,3})[- ]?(?:year[- ]old|річн\w*|рiчн\w*|летн\w*|лет(?:ний|няя|него|нюю))",
    re.IGNORECASE,
)
# An evacuation ordered for an area: mandatory, of families with children, by a decision.
_ORDER = re.compile(
    r"\b(?:mandatory|compulsory|forced|"
    r"обов.язков\w*|примусов\w*|обязательн\w*|принудительн\w*|рішення про\s+(?:\w+\s+)?евакуац\w*|"
    r"решение об?\s+(?:\w+\s+)?эвакуац\w*|родин з дітьми|семей с детьми|families with children)",
    re.IGNORECASE,
)
# Residents moved out of a damaged building: the strike's aftermath, a new kind of its story.
_RELOCATION = re.compile(
    r"\b(?:damaged|destroyed|relocat\w*|rehous\w*|moved out|пошкоджен\w*|зруйнован\w*|"
    r"поврежден\w*|разрушен\w*|відсел\w*|отсел\w*|"
    # rescuers at a fire bringing the residents out of the burning block
    r"fires?|blaze|rescuers|пожеж\w*|пожар\w*|рятувальник\w*|спасател\w*|"
    r"під['’ʼ]?їзд\w*|подъезд\w*)",
    re.IGNORECASE,
)
# An evacuation that failed or was stopped: each attempt is its own incident.
_FAILED = re.compile(
    r"\b(?:fail(?:ed|s)?|collapsed|blocked|did not (?:open|work|start)|"
    r"зрив\w*|зірва\w*|зрива\w*|сорва\w*|срыв\w*|срыва\w*|не запрацю\w*|не заработа\w*|"
    r"не відкри\w*|не открыл\w*|не вдалося|не удалось)",
    re.IGNORECASE,
)
# Second-level labels under which the outlet is the third label from the right.
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "in", "kiev", "kyiv", "ac"})


PlaceKey = tuple[str, str]
_UNITS = frozenset({PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY})


@dataclass(frozen=True, slots=True)
class Frame:
    """An event reduced to what identifies its incident."""

    families: frozenset[str]  # the kind families whose story it may join
    kinds: frozenset[EventKind]
    places: tuple[Place, ...]  # below region level, where it happened
    regions: frozenset[str]
    day: date | None
    weapon: Weapon | None
    words: frozenset[int]  # word trigrams: a rewrite shares whole phrases
    at: datetime  # when it was reported
    tolls: tuple[tuple[FigureName, int, int], ...] = ()  # casualty counts: name, low, high
    later_count: bool = False  # a toll update ("toll rises to 5"): a higher count fits
    stems: frozenset[int] = (
        frozenset()
    )  # content words cut to their stems: the same story told anew
    first_at: datetime | None = None  # when the story's first report came (its merged frame)
    part: int | None = None  # the part of the day it says (night, morning, afternoon, evening)
    fresh: bool = False  # an attack under way or begun anew ("is attacking", "again")
    follow_up: bool = False  # looks back at a known incident (aftermath, rescue, toll)
    timed: bool = True  # its time is known to the minute, not a bare date's noon or midnight
    revised: bool = False  # corrects a figure told before ("4 killed, not 5 as reported")
    marks: frozenset[str] = frozenset()  # details of who and what was hit: "teen", "age:68"
    failed: bool = False  # an evacuation that failed or was stopped: a new attempt, not news
    order: bool = False  # an evacuation ordered for an area, not one building's residents moved
    feed: str = ""  # the source it came from: a channel's later posts need not name its town
    feeds: frozenset[str] = frozenset()  # a story's: every source that reported it
    # Places named but guessed among namesakes (one Krasnopillia Hromada of three): not
    # where it happened unless an open story there confirms the guess (see StoryBook).
    guesses: tuple[Place, ...] = ()
    # The clock time the report says it happened at ("близько 15:00", "at 14:40"), if any.
    clock: datetime | None = None
    # The city districts it names, by sound ("Святошинському районі", "Sviatoshynskyi
    # district" alike): of two stories in one city, the one told of the same district.
    districts: frozenset[str] = frozenset()
    # Its weapon is artillery only by "обстріл", which Ukrainian and Russian posts say of
    # any attack.
    generic_fire: bool = False


def frame_of(
    event: Event, article: Article, at: datetime, *, first_at: datetime | None = None
) -> Frame:
    ends = [m for m in event.places if m.role is not PlaceRole.DESTINATION]
    where = [m for m in ends if not m.guessed]
    places = tuple(m.place for m in where if m.place.level in _PRECISE)
    guesses = tuple(m.place for m in ends if m.guessed and m.place.level in _PRECISE)
    regions = frozenset(m.place.admin1 for m in where if m.place.admin1)
    weapon: Weapon | None = event.weapon
    if weapon is None and event.kind is EventKind.CASUALTIES:
        # A toll told of "the drone attack on Odesa": the attack's weapon, though the
        # casualties record none of their own.
        weapon = weapon_in(event.evidence)
    if weapon is Weapon.UNKNOWN:
        weapon = None
    lead = f"{article.title} {article.text[:400]}"
    # "Внаслідок нічного обстрілу": "обстріл" is any attack in Ukrainian and Russian posts,
    # the night's drones and missiles too: artillery, but only as a guess.
    generic_fire = (
        weapon is Weapon.ARTILLERY
        and weapon_in(f"{event.evidence} {lead}", generic_fire=False) is None
    )
    opening = f"{article.title}\n{article.text[:200]}"
    later_count = tells_rise(article, event)
    follow_up = _FOLLOW_UP.search(opening) is not None
    # The hour a look back names is the aftermath's ("died in hospital overnight"), not the
    # incident's.
    # The parts of the day of the event's own sentences (and the headline): "Вечером ...
    # обстреляли Петровский район" is the evening's, whatever the next line recalls of the
    # day ("Днем ВСУ ударили по рынку").
    own = f"{article.title}\n{event.evidence[:200]}"
    if later_count or follow_up:
        # "the night's attack", "after the morning strike": the incident's hour, told back,
        # in the event's own words or the report's opening ("Днем жалоби за загиблими
        # внаслідок нічної атаки. ... відомо про 12 загиблих").
        parts = {i for i, pattern in _PARTS_OF_ATTACK if pattern.search(own)}
        if not parts:
            parts = {i for i, pattern in _PARTS_OF_ATTACK if pattern.search(opening)}
        if _DATED_NIGHT.search(own) or _NIGHTS_TALLY.search(own):
            # "the drone attack on Odesa on the night of 2 September", "по итогам ночи"
            parts.add(0)
    else:
        parts = {i for i, pattern in _PARTS if pattern.search(own)}
    order = event.kind is EventKind.EVACUATION and _ORDER.search(opening) is not None
    relocation = (
        event.kind is EventKind.EVACUATION
        and not order
        and _RELOCATION.search(opening) is not None
    )
    families = KINDS[event.kind].families
    if relocation:
        # The residents of what a strike damaged, moved out: the strike's story too.
        families = families | {_ATTACK}
    return Frame(
        families=families,
        kinds=frozenset(event.kinds),
        places=places,
        regions=regions,
        day=event.date,
        weapon=weapon,
        generic_fire=generic_fire,
        words=shingles(lead),
        at=at,
        tolls=tolls_of(event),
        later_count=later_count,
        stems=stems(lead),
        first_at=first_at or at,
        part=next(iter(parts)) if len(parts) == 1 else None,
        fresh=_FRESH.search(opening) is not None and not _earlier_part(opening, at),
        clock=told_clock(lead, at),
        districts=districts_of(
            [
                *(m.mention for m in event.places),
                *_DISTRICT_IN_TEXT.findall(event.evidence),
                # "в Святошинском районе": the place named by its district's adjective
                *(m.mention + " район" for m in event.places if _district_after(m.mention, lead)),
            ]
        ),
        follow_up=follow_up,
        revised=revises(article),
        timed=timed(at),
        marks=marks_of(lead),
        failed=_FAILED.search(opening) is not None,
        order=order,
        feed=article.source_id,
        guesses=guesses,
    )


def _earlier_part(opening: str, at: datetime) -> bool:
    """The opening names only parts of the day before the one it was published in: "ночью
    прогремела серия взрывов" posted at 08:10 looks back at the night, no attack under way."""
    named = {i for i, pattern in _PARTS if pattern.search(opening)}
    return bool(named) and all(i < clock_part(at) for i in named)


def tells_rise(article: Article, event: Event) -> bool:
    """It says a count rose ("toll rises to 5", "кількість поранених зросла до 4") or one
    more died ("died in hospital")."""
    return _LATER_COUNT.search(f"{article.title} {event.evidence}") is not None


def revises(article: Article) -> bool:
    """Its title or lead corrects a figure told before ("4 killed, not 5 as reported")."""
    return _REVISED.search(f"{article.title}\n{article.text[:600]}") is not None


def marks_of(text: str) -> frozenset[str]:
    """The details of a report that single out its incident (see `_MARKS`), and victims'
    ages."""
    found = {name for name, pattern in _MARKS if pattern.search(text)}
    found.update(f"age:{m.group(1)}" for m in _AGE.finditer(text))
    found.update(f"~{name}" for name, pattern in _WEAK_MARKS if pattern.search(text))
    return frozenset(found)


def _marked(story: Frame, report: Frame, counts: bool | None) -> bool:
    """They share a detail that singles out the incident (a weak one only beside a toll
    they agree on)."""
    shared = story.marks & report.marks
    return any(not m.startswith("~") for m in shared) or bool(shared and counts)


def timed(at: datetime) -> bool:
    """Whether a report's time says when in the day it came: a feed or a caller that gave
    only a date gets noon or midnight, and two such reports of one day are not hours apart
    or minutes apart, only of one day."""
    return (at.hour, at.minute, at.second, at.microsecond) not in ((0, 0, 0, 0), (12, 0, 0, 0))


def is_roundup(article: Article) -> bool:
    """A summary of many incidents (a day's tally, an operational update, a night's attack
    across the country): its figures are sums and its places many, so it tells no story."""
    # A headline says what the article is: "Heavy fighting near Kostiantynivka" quoting the
    # General Staff's tally for the past day is about Kostiantynivka. A post with no headline
    # says it in its first lines.
    told = article.title if article.title.strip() else article.text[:300]
    return _ROUNDUP.search(told) is not None


def scattered(event: Event) -> bool:
    """An event whose places lie apart (three settlements or hromadas, none in another): a
    list of places shelled, not one incident. A raion holds many, so it joins none; an
    evacuation ordered for several villages is one order."""
    if event.kind is EventKind.EVACUATION:
        # ... unless it lists corridors from three oblasts: a day's corridors, not one.
        origins = {
            m.place.admin1
            for m in event.places
            if m.role is not PlaceRole.DESTINATION and m.place.level in _PRECISE
        }
        return len(origins) >= 3
    apart: list[Place] = []
    for m in event.places:
        p = m.place
        if p.level in _SPOTS and not any(_same_spot(p, q) for q in apart):
            apart.append(p)
    return len(apart) >= 3


_SPOTS = frozenset({PlaceLevel.SETTLEMENT, PlaceLevel.FACILITY, PlaceLevel.COMMUNITY})

# The power out or back over the places it lists: "Без світла Білгород-Дністровський, Затока,
# Шабо", "Power was restored to Zatoka and Shabo".
_OUTAGE = re.compile(
    r"\b(?:без\s+(?:світла|електропостачання|електрики|света|электроснабжения|электричества)|"
    r"знеструмлен\w*|обесточ\w*|without (?:power|electricity)|power (?:outages?|cuts?)|"
    r"blackouts?|електропостачання|электроснабжение|power (?:was |has been )?restored)",
    re.IGNORECASE,
)


def one_outage(event: Event, text: str) -> bool:
    """An outage over several places of one raion ("the night's attack damaged the grid in
    Bilhorod-Dnistrovskyi raion; Bilhorod-Dnistrovskyi, Zatoka and Shabo are without power"):
    the places of one grid's cut, one incident, not a list of places shelled."""
    if EventKind.INFRASTRUCTURE_DAMAGE not in event.kinds or not _OUTAGE.search(text):
        return False
    # KATOTTG: UA, oblast (2), raion (2), ...: a place without a code may lie anywhere
    raions = {
        m.place.code[:6] if m.place.code else None
        for m in event.places
        if m.place.level in _SPOTS or m.place.level is PlaceLevel.DISTRICT
    }
    return len(raions) == 1 and None not in raions


def _same_spot(a: Place, b: Place) -> bool:
    """The same place, or a settlement and the hromada it lies in (not a raion: it holds
    many towns that are each other's neighbours only on a map of the oblast)."""
    if a.level is PlaceLevel.DISTRICT or b.level is PlaceLevel.DISTRICT:
        return False
    return near(a, b)


def tolls_of(event: Event) -> tuple[tuple[FigureName, int, int], ...]:
    return tuple(
        (name, f.value, f.upper if f.upper is not None else f.value)
        for name, f in event.figures
        if name in CASUALTY_FIGURES
    )


def place_key(place: Place) -> PlaceKey:
    if place.geonameid is not None:
        return ("g", str(place.geonameid))
    if place.code is not None:
        return ("c", place.code)
    return ("n", f"{place.name.casefold()}|{(place.admin1 or '').casefold()}")


def near_keys(place: Place) -> tuple[str, ...]:
    """Keys two places that are `near` share at least one of: the place itself, and for
    codifier places the raion and hromada they lie in (or are); for a unit named after a
    town, that town's name in its oblast."""
    keys = ["|".join(place_key(place))]
    if place.code:
        keys.append(f"r|{place.code[:6]}")
        if place.level is not PlaceLevel.DISTRICT:
            keys.append(f"h|{place.code[:9]}")
    base = place.name.rsplit(" ", 1)[0] if place.level in _UNITS else place.name
    keys.append(f"t|{base.casefold()}|{(place.admin1 or '').casefold()}")
    return tuple(keys)


def near(a: Place, b: Place) -> bool:
    """The same place, or a settlement and the raion or hromada it lies in."""
    if place_key(a) == place_key(b):
        return True
    if a.admin1 != b.admin1:
        return False  # namesakes in two oblasts are two places
    for unit, town in ((a, b), (b, a)):
        if unit.level not in (PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY):
            continue
        if unit.code and town.code:
            # KATOTTG: UA, oblast (2), raion (2), hromada (3), settlement (3) ...
            width = 6 if unit.level is PlaceLevel.DISTRICT else 9
            if town.code[:width] == unit.code[:width]:
                return True
        base = unit.name.rsplit(" ", 1)[0]  # "Kupiansk Raion" is named after Kupiansk
        if town.level is PlaceLevel.SETTLEMENT and town.name == base:
            return True
    return False


def shingles(text: str) -> frozenset[int]:
    """Word trigrams of a text, hashed stably (the same across runs and machines)."""
    words = _WORD.findall(text.casefold())
    grams = (" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2)))
    return frozenset(zlib.crc32(g.encode()) for g in grams if g)


def stems(text: str) -> frozenset[int]:
    """The content words of a text cut to their first letters (a stem in English,
    Ukrainian and Russian alike: "soldiers", "soldier"; "Харкова", "Харкові"), without the
    words every report of the war shares."""
    out = set()
    for word in _WORD.findall(text.casefold()):
        if len(word) < 3 or word.isdigit():
            continue
        stem = word[:_STEM]
        if stem not in _COMMON_STEMS:
            out.add(zlib.crc32(stem.encode()))
    return frozenset(out)


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the shorter wording found in the other: a story's wording grows with
    each report, and a new report is compared with all of it."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def outlet_of(article: Article) -> str:
    """Who published it: the site of its link (two feeds of one outlet are one outlet),
    else the source it came from."""
    host = urlsplit(article.url).hostname if article.url else None
    if not host:
        return article.source_id
    labels = host.casefold().removeprefix("www.").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def strength(story: Frame, report: Frame, frames: Sequence[Frame] = ()) -> float:
    """How surely the report tells the story's incident; 0 when it does not (or may not).

    `story` is the story's merged frame (its tolls as they stand now), `frames` its reports'
    own frames: places are compared report by report, so a story that grew to name many
    places does not swallow every report that names one of them."""
    if not story.families & report.families:
        return 0.0
    if report.order and not any(f.order for f in frames or (story,)):
        # An area's evacuation ordered is its own incident, not the moving out of the
        # residents of the building a strike damaged.
        return 0.0
    # The parts of the day the story's reports named; failing those, the part its first
    # report came in.
    parts = {f.part for f in frames or (story,) if f.part is not None}
    told_parts = parts or {clock_part(story.first_at or story.at)}
    # A morning missile strike and an evening drone attack: two stories. Unless one weapon
    # is only "обстріл" and the report looks back at the part of the day the story told
    # ("внаслідок нічного обстрілу ... знеструмлено" after the night's drones).
    looks_back_at_fire = (story.generic_fire or report.generic_fire) and (
        report.follow_up
        and report.part in told_parts
        # "Shelling of the evacuation convoy: 25 dead" after "Missile attack on the convoy":
        # what was hit says which attack the word for any attack is of.
        or _marked(story, report, None)
    )
    if (
        story.weapon
        and report.weapon
        and story.weapon is not report.weapon
        and not looks_back_at_fire
    ):
        return 0.0
    if story.regions and report.regions and not story.regions & report.regions:
        return 0.0
    day_apart = _days_apart(story.day, report.day)
    # Counted from the story's first report: a look back the next morning does not make
    # the story a next day's.
    next_cycle = (
        day_apart == 1 and abs(report.at - (story.first_at or story.at)) <= _NEXT_DAY_CYCLE
    )
    # "The rescue operation ended: five killed", "a day after the strike on ...": the next
    # day's look back at an incident, at its place.
    looks_back = day_apart == 1 and report.follow_up and bool(report.places)
    looks_back = looks_back and report.at >= story.at
    # An evacuation runs for days: its corridor's second day, its running count, is the
    # same operation at the same place, unless told as a new attempt ("failed again").
    operation = (
        _EVACUATION in story.families & report.families
        and bool(report.places and story.places)
        and day_apart <= _OPERATION_DAYS
        and report.at >= story.at
        and not report.failed
    )
    # A city's administration or a town's channel tells the aftermath of its incident
    # without naming the place it always writes about: "the rescue operation at the site of
    # the strike is over; a fourth body was found". Its own later look back, of a weapon,
    # region and part of the day that do not disagree, is its story's. (A story reloaded
    # from the store after a restart knows no feeds: its sequels must name the place.)
    # (Only reports with a time of day: a wire's headlines that carry a bare date all fall
    # at its midnight, where "later" and "in the burst" say nothing.)
    sequel = (
        report.timed
        and story.timed
        and not report.places
        and report.regions <= story.regions
        and day_apart <= 1
        and (
            report.follow_up
            or report.later_count
            or report.revised
            # its count again, risen ("8 загиблих, 41 поранений" after 6 and 34): the count
            # still being made
            or bool(report.tolls)
            and _none_lower(story, report)
            and _rose(story, report)
            # the details after its own alarm ("Explosions in the city" ... "Desnianskyi
            # district: drone debris fell on a roof"), in the burst
            or story.first_at is not None
            and report.at - story.first_at <= WAVE
            and not report.fresh
        )
        and timedelta(0) <= report.at - story.at <= SEQUEL
        and bool(report.feed)
        and report.feed in (story.feeds or {f.feed for f in frames})
        and not (
            report.part is not None and parts and all(_hours_apart(p, report.part) for p in parts)
        )
    )
    # A late rewrite of the story the next morning, giving every count one of its reports
    # gave (and more than "one killed"): "Russia's overnight attack on Zaporizhzhia: two
    # killed, 11 injured" a day on, when the toll has since risen to three.
    retold_late = (
        day_apart == 1
        and bool(report.places and story.places)
        and len(report.tolls) >= 2
        and _told_before(frames or (story,), report)
        and _distinctive(story, report)
        and report.at - (story.first_at or story.at) <= _RETOLD_WITHIN
    )
    looks_back = looks_back or operation or sequel or retold_late
    if day_apart and not next_cycle and not (report.later_count and report.places or looks_back):
        return 0.0  # checked first: most stories compared are of another day
    words = similarity(story.words, report.words)
    counts = _counts_fit(story, report)
    told = _told_before(frames or (story,), report)
    in_wave = (
        story.timed
        and report.timed
        and story.first_at is not None
        and abs(report.at - story.first_at) <= WAVE
    )
    if (
        counts is False
        and story.places
        and report.places
        and (in_wave or report.follow_up)
        and _none_lower(story, report)
    ):
        counts = True  # a count still being made: 2 injured, then 3, "the aftermath: 3 killed"
    # The same weapon on the same place the same day, hours on, with every count at or
    # above the story's and one above it: the count still being made ("glide bombs kill at
    # least 5" after "4 killed, 21 injured"), not a second strike, which starts its own.
    rising = (
        not day_apart
        and story.weapon is not None
        and report.weapon is story.weapon
        and report.at >= story.at
        and report.at - story.at <= RISING
        and bool(report.tolls)
        and _none_lower(story, report)
        and _rose(story, report)
    )
    if (
        counts is False
        and report.places
        and (
            report.revised
            or told
            or (report.later_count or report.follow_up)
            and (_rose(story, report) or _killed_holds(story, report))
            # "Russian overnight attack on Kyiv kills 5" hours after "4 killed" in the
            # night: the part of the day told, and no count below the story's.
            or report.part is not None
            and report.part in parts
            and report.at >= story.at
            and _none_lower(story, report)
            and _rose(story, report)
            or rising
        )
    ):
        # A report correcting a count at its place ("4 killed, not 5"), giving a count the
        # story was told before (a late wire still saying 5 after the correction to 4), or
        # saying a toll rose ("already two dead": its other counts may lag behind).
        counts = True
    if counts is False and sequel and (report.revised or _none_lower(story, report)):
        # Its own count, risen since ("a fourth body was found") or corrected.
        counts = True
    if counts is False and words < REWRITE:
        return 0.0  # 2 killed and 1 killed in one city on one day: two strikes
    # The same city's strikes on consecutive days are two stories; a toll that rose since
    # is told of the earlier one ("death toll in Kherson rises to 4").
    late_toll = day_apart <= TOLL_UPDATE_DAYS and _toll_update(story, report, counts, frames)
    if day_apart and not next_cycle and not late_toll and not looks_back:
        return 0.0
    # A count the story was told before is surer than one that fits as a rise.
    bonus = (0.5 if counts else 0.0) + (0.25 if told else 0.0)
    if report.part is not None and report.part in parts:
        bonus += 0.25  # "the night's attack": of the day's two, the one told as the night's
    marked = _marked(story, report, counts)
    if marked:
        # "the rubble of the station building": of two stories near, the one whose detail
        # (the station, the market, the convoy) the report names.
        bonus += 0.25
    if story.places and report.places:
        # (a report of the raion alone fits any town in it, but not for a story whose other
        # reports name its town: Marhanets's morning and Nikopol's evening share a raion; a
        # hromada is close enough to stand for its villages)
        reports = frames or (story,)
        towns_told = [p for f in reports for p in _towns(f.places)]
        report_towns = _towns(report.places)
        elsewhere = bool(towns_told and report_towns) and not any(
            near(a, b) for a in towns_told for b in report_towns
        )
        fitting = [
            f
            for f in reports
            if places_fit(f, report)
            and not (elsewhere and all(p.level is PlaceLevel.DISTRICT for p in f.places))
        ]
        if not fitting:
            return 0.0  # two towns of one oblast, two districts of one city
        if (
            day_apart
            and not operation
            and not counts
            and not (report.later_count or report.follow_up or report.revised)
        ):
            # The next day, at one place, a report that neither looks back nor gives the
            # story's count is the next day's incident.
            return 0.0
        if report.part is not None and parts and all(_hours_apart(p, report.part) for p in parts):
            return 0.0  # "the night's drone attack" and "the afternoon's strike": two
        # A toll told again a day later in a busy city is another incident's, unless worded
        # alike.
        telling = (counts and _distinctive(story, report) or marked) and (
            next_cycle or not day_apart
        )
        # "The death toll from the shelling of the evacuation convoy rose to 31" a day on: a
        # toll that rose, of the incident its detail singles out.
        telling = telling or (late_toll and marked)
        # ("В Харькове ночью прогремела серия взрывов" in the morning: the night the story
        # told, looked back at, is no attack under way.)
        retold = report.part is not None and report.part in told_parts
        if report.fresh and not in_wave and not telling and not looks_back and not retold:
            return 0.0  # an attack under way hours after the known one: another attack
        front = _front(story, report)
        crowded = _busy(fitting, report) or front
        # In the burst, a first report without a toll and the later ones with it are one
        # attack; two reports each giving one death in other words are still two.
        one_each = bool(story.tolls and report.tolls) and not _rose(story, report)
        wave = in_wave and not front and not one_each
        if crowded and not telling and words < BUSY_SIMILAR and not wave:
            # A city shelled many times a day, a town fought over all day: hours later, its
            # name and the day are not enough; a report must look back at this incident
            # (its aftermath, its toll rising, its part of the day) or give no toll of its
            # own (a claim, a reaction), and then it joins only weakly. Without the hour of
            # either report (a bare date), nothing tells how far apart they are: apart.
            if not (story.timed and report.timed):
                return 0.0
            if front:
                return 0.0  # a town fought over all day: an assault hours later is another
            # Failing a part named, the part of the day its first report came in: an alarm
            # post at 02:50 is the night's attack, which the morning's summary tells.
            if (
                report.follow_up
                or report.revised
                or report.later_count
                or report.part in told_parts
                or rising
                or _same_hour(story, report)
            ):
                return 2.0 + words + bonus - 0.1 * day_apart
            if report.tolls:
                return 0.0
            return 1.0 + words
        return 2.0 + words + bonus - 0.1 * day_apart
    if sequel and counts is not False:
        return 1.0 + words + bonus
    if day_apart and not next_cycle:
        return 0.0  # a late toll update must name where
    # One side says only the region (or nothing): the wording must say it is the same.
    if not (story.regions & report.regions):
        # No place in common at all ("soldiers killed in the east"): a rewrite, or the
        # same distinctive toll told in much the same words.
        if words >= REWRITE and counts is not False:
            return 1.0 + words + bonus
        if _retold(story, report, counts, frames):
            return 1.0 + words + bonus
        return 0.0
    if words >= SIMILAR or _retold(story, report, counts, frames):
        return 1.0 + words + bonus
    if (
        _EVACUATION in story.families & report.families
        and story.day == report.day
        and counts is not False
        and not report.failed
    ):
        # "The first buses with evacuees from Sumy Oblast reached Lokhvytsia": the day's
        # evacuation from the region, of which there is seldom more than one.
        return 0.5 + words
    if counts and _marked(story, report, counts) and story.day == report.day:
        # The region only, but the same toll and the same detail ("a man killed as a drone
        # hit his car", in Belgorod Oblast and in its village), the same day.
        return 1.0 + words + bonus
    if (
        counts is None
        and not report.tolls
        and story.weapon is not None
        and report.weapon is story.weapon
        and story.day == report.day
        and _marked(story, report, None)
    ):
        # An aggregator's headline with the region only and no toll, the same weapon and
        # target the same day: "Росіяни вдарили дроном по пасажирському автобусу на Сумщині"
        # after the bus at Bilopillia.
        return 0.5 + words
    return 0.0


_RETOLD_WITHIN = timedelta(hours=36)


def toll_affinity(story: Frame, report: Frame) -> float:
    """How near the report's death toll is to the story's, 0 to 1 (one half when they do
    not both give one): of two strikes one day in one city, a report of 12 killed is more
    likely the one that had 6 than the one that had 1 or none."""
    mine = {name: high for name, _, high in story.tolls}
    for name, low, _ in report.tolls:
        if name is FigureName.KILLED and name in mine and low and mine[name]:
            return min(low, mine[name]) / max(low, mine[name])
    return 0.5


def _told_before(frames: Sequence[Frame], report: Frame) -> bool:
    """Every count the report gives is one a report of the story gave before."""
    told = {(name, low) for f in frames for name, low, _ in f.tolls}
    return bool(report.tolls) and all((name, low) in told for name, low, _ in report.tolls)


def _killed_holds(story: Frame, report: Frame) -> bool:
    """The report's death toll is the story's or above it (its other counts may lag)."""
    mine = {name: low for name, low, _ in story.tolls}
    return any(
        name is FigureName.KILLED and name in mine and low >= mine[name]
        for name, low, _ in report.tolls
    )


def _none_lower(story: Frame, report: Frame) -> bool:
    """No toll the report gives is below the story's."""
    mine = {name: low for name, low, _ in story.tolls}
    return all(name not in mine or low >= mine[name] for name, low, _ in report.tolls)


def _rose(story: Frame, report: Frame) -> bool:
    """The report gives a toll above the story's."""
    mine = {name: high for name, _, high in story.tolls}
    return any(name in mine and low > mine[name] for name, low, _ in report.tolls)


def _same_hour(story: Frame, report: Frame) -> bool:
    """Whether the report's clock time ("близько 15:00") is the story's incident's: a little
    before its first report (or the time its own reports told), or soon after."""
    if report.clock is None:
        return False
    if story.clock is not None:
        return abs(report.clock - story.clock) <= CLOCK_AFTER
    first = story.first_at or story.at
    return first - CLOCK_BEFORE <= report.clock <= first + CLOCK_AFTER


def clock_part(at: datetime) -> int:
    """The part of the day (see `_PARTS`) a moment falls in, on Kyiv's clock."""
    hour = at.astimezone(LOCAL_TZ).hour
    if hour >= 22 or hour < 5:
        return 0
    if hour < 11:
        return 1
    return 2 if hour < 17 else 3


def _hours_apart(a: int, b: int) -> bool:
    """Two parts of the day that are not next to each other (night and afternoon, morning
    and evening): two incidents, not one told at different hours."""
    gap = abs(a - b)
    return min(gap, len(_PARTS) - gap) >= 2


def _toll_update(
    story: Frame, report: Frame, counts: bool | None, frames: Sequence[Frame] = ()
) -> bool:
    """A later report, with its place, saying a toll rose above the story's: it may look
    back a few days. ("Rose to three" where the story has three already is another
    incident's count, unless the story was told so on the report's own day.)"""
    if not (report.later_count and counts):
        return False
    if not (story.places and report.places):
        return False
    mine = {name: high for name, _, high in story.tolls}
    if report.at >= story.at and any(
        name in mine and low > mine[name] for name, low, _ in report.tolls
    ):
        return True
    # (or the rise a report of the same day told already: an aggregator's "the wounded man
    # died: three dead" polled after the administration's post saying so)
    told = set(report.tolls)
    return any(
        f.later_count
        and (
            f.day == report.day
            or f.at.astimezone(LOCAL_TZ).date() == report.at.astimezone(LOCAL_TZ).date()
        )
        and told <= set(f.tolls)
        for f in frames
    )


def _front(story: Frame, report: Frame) -> bool:
    """Both tell fighting: a front-line town sees many assaults a day, told alike."""
    return story.families == report.families == _FIGHTING


def _distinctive(story: Frame, report: Frame, *, at_least: int = 2) -> bool:
    """The tolls they share say more than "one person died" (one killed and one hurt is
    a daily line of the front): a count of two (or `at_least`) or more on both sides."""
    mine = {name: low for name, low, _ in story.tolls}
    return any(
        name in mine and mine[name] >= at_least and low >= at_least
        for name, low, _ in report.tolls
    )


def _retold(
    story: Frame, report: Frame, counts: bool | None, frames: Sequence[Frame] = ()
) -> bool:
    """Two vague reports of one day that give the same distinctive toll in much the same
    content words: "Six Ukrainian servicemen killed in armed clash in the east" and "Six
    Ukrainian soldiers killed in ambush in eastern Ukraine"."""
    if not counts or not _distinctive(story, report):
        return False
    if story.day is None or story.day != report.day:
        return False
    if _distinctive(story, report, at_least=MASS_TOLL) or _marked(story, report, counts):
        # "49 killed in east Ukraine plane downing" and "Separatists down military jet,
        # killing 49": a toll this high told twice on one day is one incident's.
        return True
    for f in frames or (story,):
        shared = len(f.stems & report.stems)
        if shared >= _RETOLD_STEMS and shared >= RETOLD * min(len(f.stems), len(report.stems)):
            return True
    return False


def _busy(frames: Sequence[Frame], report: Frame) -> bool:
    """The only places shared are big cities, where several incidents a day are usual."""
    shared = [b for f in frames for b in report.places for a in f.places if near(a, b)]
    return all(p.population >= BUSY_CITY for p in shared)


def places_fit(story: Frame, report: Frame) -> bool:
    """They share a place, and neither names a place the other lacks that is not near
    one of the other's: "Kalininsky district of Donetsk" and "Kuibyshevsky district of
    Donetsk" share the city and are still two incidents. Where both name a town, the towns
    decide: "Pokrovske, Nikopol raion" and "Nikopol" share the raion, not the town."""
    if story.order and report.order:
        # An evacuation order widened: "to the five villages of Shakhove hromada three more
        # were added": the area it covers grows; a hromada or raion in common is the order.
        return any(near(a, b) for a in story.places for b in report.places)
    mine, yours = _towns(story.places), _towns(report.places)
    if mine and yours:
        story_places, report_places = mine, yours
    else:
        # "у Запорізькому районі ... у Кушугумській громаді": the hromada says where, its
        # raion only frames it (and would reach the raion's city)
        story_places, report_places = _narrowest(story.places), _narrowest(report.places)
    if not any(near(a, b) for a in story_places for b in report_places):
        return False
    own = [a for a in story_places if not any(near(a, b) for b in report_places)]
    theirs = [b for b in report_places if not any(near(a, b) for a in story_places)]
    return not (own and theirs)


_PRECISION = {PlaceLevel.DISTRICT: 1, PlaceLevel.COMMUNITY: 2}


def _narrowest(places: Sequence[Place]) -> tuple[Place, ...]:
    """The places without a raion or hromada another of them lies in."""
    rank = {id(p): _PRECISION.get(p.level, 3) for p in places}
    return tuple(
        p
        for p in places
        if not any(rank[id(q)] > rank[id(p)] and p.level in _UNITS and near(p, q) for q in places)
    )


def _towns(places: Sequence[Place]) -> tuple[Place, ...]:
    return tuple(p for p in places if p.level in (PlaceLevel.SETTLEMENT, PlaceLevel.FACILITY))


def _counts_fit(story: Frame, report: Frame) -> bool | None:
    """True when a toll both give is the same (or the report's is a later, higher count),
    False when they differ otherwise, None when they give no common toll."""
    mine = {name: (low, high) for name, low, high in story.tolls}
    theirs = {name: (low, high) for name, low, high in report.tolls}
    # The wounded who died since: "a man died in intensive care overnight; four more are
    # being treated" after 5 injured, told as a later count, is the same five.
    died = 0
    if report.later_count and FigureName.KILLED in theirs:
        died = theirs[FigureName.KILLED][0] - mine.get(FigureName.KILLED, (0, 0))[1]
    verdict: bool | None = None
    for name, low, high in report.tolls:
        if name not in mine:
            continue
        s_low, s_high = mine[name]
        if (
            (low <= s_high and s_low <= high)
            or (report.later_count and low > s_high)
            or (name is FigureName.INJURED and 0 < s_low - high <= died)
            or (report.at < story.at and high < s_low)
            or (
                story.places
                and report.places
                and min(low, s_low) >= MASS_TOLL
                and max(high, s_high) < MASS_SPREAD * min(low, s_low)
            )
        ):
            # The same count, "the toll rose to 5", a report older than the story's
            # latest that still gives the earlier count, or a large toll still being counted.
            verdict = True
        else:
            return False
    return verdict


def _days_apart(a: date | None, b: date | None) -> int:
    if a is None or b is None:
        return 0
    return abs((a - b).days)


def merge_frames(frames: Iterable[Frame]) -> Frame:
    """A story's frame: every place and region its reports named, its first day and weapon,
    the wording of its reports, the time of the latest."""
    items = list(frames)
    # The first weapon named outright, else the first "обстріл".
    weapon = next((f for f in items if f.weapon is not None and not f.generic_fire), None)
    weapon = weapon or next((f for f in items if f.weapon is not None), None)
    places: dict[PlaceKey, Place] = {}
    guesses: dict[PlaceKey, Place] = {}
    for f in items:
        for p in f.places:
            places.setdefault(place_key(p), p)
        for p in f.guesses:
            guesses.setdefault(place_key(p), p)
    return Frame(
        families=_story_families(items),
        kinds=frozenset(k for f in items for k in f.kinds),
        places=tuple(places.values()),
        regions=frozenset(r for f in items for r in f.regions),
        guesses=tuple(guesses.values()),
        day=next((f.day for f in items if f.day is not None), None),
        weapon=weapon.weapon if weapon is not None else None,
        generic_fire=weapon is not None and weapon.generic_fire,
        words=frozenset(w for f in items for w in f.words),
        at=max(f.at for f in items),
        first_at=min(f.first_at or f.at for f in items),
        timed=all(f.timed for f in items),
        marks=frozenset(m for f in items for m in f.marks),
        tolls=_latest_tolls(items),
        stems=frozenset(w for f in items for w in f.stems),
        feeds=frozenset(f.feed for f in items if f.feed),
        clock=min((f.clock for f in items if f.clock is not None), default=None),
        districts=frozenset(d for f in items for d in f.districts),
    )


# "у Святошинському районі", "Sviatoshynskyi district": a city's district named in the
# event's own sentences (a raion of an oblast reads alike and is as telling).
_DISTRICT_IN_TEXT = re.compile(r"[\w’'ʼ-]+\s+(?:район\w*|district)\b", re.IGNORECASE)
_DISTRICT_NAMED = re.compile(
    r"^([\w’'ʼ-]+)\s+(?:район\w*|district|raion)\b|\b(?:район\w*|district)\s+([\w’'ʼ-]+)$",
    re.IGNORECASE,
)


_DISTRICT_WORD_AFTER = re.compile(r"\s+(?:район|district)", re.IGNORECASE)


def _district_after(mention: str, text: str) -> bool:
    """Whether the text names the mention as a district's adjective ("Святошинском районе")."""
    at = text.find(mention)
    return at >= 0 and _DISTRICT_WORD_AFTER.match(text, at + len(mention)) is not None


def districts_of(mentions: Iterable[str]) -> frozenset[str]:
    """The sound of each city district a place was named by ("Святошинському районі"):
    the first letters of its consonant skeleton, the same in the three languages."""
    out = set()
    for mention in mentions:
        m = _DISTRICT_NAMED.search(mention.strip())
        if m is None:
            continue
        word = romanize(m.group(1) or m.group(2)).casefold()
        sound = latin_sound(word)
        if sound:
            out.add(sound[:7])
    return frozenset(out)


# "близько 15:00", "о 14:40", "около 3:15", "at 14:40", "around 15.00": when it happened, as a
# post tells it (not "станом на 16:00", "as of 4 p.m.": when the count was made).
_CLOCK = re.compile(
    r"(?<!на )(?<!as of )"
    r"\b(?:близько|приблизно|о|об|около|примерно|в|at|around|about|approximately|shortly before|"
    r"shortly after)\s+(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\b",
    re.IGNORECASE,
)
CLOCK_BEFORE = timedelta(hours=3)  # a report's clock time this long before a story's first
CLOCK_AFTER = timedelta(minutes=45)  # ... or this long after it: the same incident's hour


def told_clock(text: str, at: datetime) -> datetime | None:
    """The moment a report's clock time names, on the day (Kyiv's) it was reported; a time
    later than the report is the day before's ("о 23:40" in a post at 00:30)."""
    m = _CLOCK.search(text)
    if m is None:
        return None
    local = at.astimezone(LOCAL_TZ)
    moment = local.replace(
        hour=int(m.group("h")), minute=int(m.group("m")), second=0, microsecond=0
    )
    if moment > local + timedelta(minutes=30):
        moment -= timedelta(days=1)
    return moment


def _story_families(frames: Sequence[Frame]) -> frozenset[str]:
    """The families a story's reports agree on: a toll (strike or battle) told then as a
    strike is a strike's story. Reports of unrelated families (the evacuation an article
    told beside its strike) each keep theirs, so a later report of either finds it."""
    lines: list[frozenset[str]] = []
    for f in frames:
        for i, line in enumerate(lines):
            if line & f.families:
                lines[i] = line & f.families
                break
        else:
            lines.append(f.families)
    return frozenset().union(*lines)


def _latest_tolls(frames: Sequence[Frame]) -> tuple[tuple[FigureName, int, int], ...]:
    """Each toll as the latest report that gave it: counts are replaced, not added."""
    latest: dict[FigureName, tuple[int, int]] = {}
    for f in sorted(frames, key=lambda f: f.at):
        for name, low, high in f.tolls:
            latest[name] = (low, high)
    return tuple((name, low, high) for name, (low, high) in latest.items())
