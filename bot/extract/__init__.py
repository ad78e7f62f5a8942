"""Facts from articles: `Extractor.extract(article)` returns the events the article reports."""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol, TypeVar

from bot.extract.aspects import aspect_of
from bot.extract.attribution import lead_source, people_named, signature, signer_region
from bot.extract.dates import local_date, month_number, resolve_date, told_later
from bot.extract.demonyms import addressed, cities_named
from bot.extract.events import (
    DEBRIS_WORD,
    SEPARATELY,
    SPEAKING_BODY,
    Draft,
    adopt_attacked_origin,
    adopt_debris_weapon,
    adopt_destinations,
    adopt_evacuee_counts,
    adopt_launch_counts,
    adopt_listed_origins,
    assign_roles,
    gather_bullets,
    learn_speakers,
    mark_no_casualties,
    merge_drafts,
    place_role,
    sentence_drafts,
    settle_places,
    split_per_region,
)
from bot.extract.facilities import PLANT_TOWNS
from bot.extract.figures import coded_toll
from bot.extract.home import TOWN, named_region, named_town, one_town
from bot.extract.language import detect_language
from bot.extract.namesakes import MAJOR, raion_keys
from bot.extract.placenames import spells_name
from bot.extract.places import REGIONAL_CAPITAL
from bot.extract.placetext import words
from bot.extract.sentences import Sentence, split_sentences
from bot.extract.triggers import (
    WAR_LIKE_KINDS,
    is_about_war,
    kinds_in,
    may_be_war,
    names_a_party,
    weapon_in,
)
from bot.extract.wordindex import gated
from bot.kinds import CAMPAIGN, CASUALTY_FIGURES, DAY_AFTER, FIGHTING_SINCE
from bot.records import (
    Article,
    Attribution,
    Event,
    EventKind,
    Figure,
    FigureName,
    Place,
    PlaceLevel,
    PlaceMention,
    PlaceRole,
)

__all__ = ["Extractor", "LocatedMention", "PlaceFinder", "PlaceLookup"]

# "KYIV, Ukraine (AP) — " names where the reporter is, not where anything happened.
_DATELINE = re.compile(
    # ("KIEV, June 9, 2018 (AFP) -": a place, a date and a year, the agency)
    r"^\s*(?:(?:[A-ZА-ЯІЇЄҐ][\w’'. -]{1,40}(?:,\s*[\w’'. -]{2,30}){0,2}\s*\([^)]{1,30}\)"
    # "KRAMATORSK, Ukraine (AP) -", and two cities of one story: "MOSCOW/KYIV, July 22 -"
    r"|[A-ZА-ЯІЇЄҐ]{3,}[A-ZА-ЯІЇЄҐ’'. /-]*(?:,\s*[\w’'. -]{2,30}){0,2}(?:\s*\([^)]{1,30}\))?)"
    r"\s*[—–-]{1,2}\s+"
    # "ДОНЕЦК, 9 июня. /ТАСС/.": the agency between slashes
    r"|[A-ZА-ЯІЇЄҐ]{3,}[A-ZА-ЯІЇЄҐ’'. -]*,\s*[\w .]{2,30}?\.?\s*/[^/\n]{2,20}/\.?\s+)"
)


def _composed(article: Article) -> Article:
    """The article with its accents composed (see `composed`), unless it is all ASCII."""
    if article.title.isascii() and article.text.isascii():
        return article
    return replace(article, title=composed(article.title), text=composed(article.text))


def composed(text: str) -> str:
    """The text with accents composed ("Ovi" and a combining acute are "Oví") and stress
    marks dropped ("Оде́са" is "Одеса"): a word is read whole, however it was typed."""
    if _STRESS not in text and unicodedata.is_normalized("NFC", text):
        return text  # nearly every article: nothing to compose
    return unicodedata.normalize("NFC", text).replace(_STRESS, "")


_STRESS = "\u0301"  # the combining acute left after composing: a Cyrillic stress mark


def strip_dateline(text: str) -> str:
    m = _DATELINE.match(text)
    return text[m.end() :] if m and m.end() < 80 else text


log = logging.getLogger(__name__)
# What extraction reads of an article, and the most events it reports: a long roundup lists
# a few dozen places; more is a dump that would flood every subscriber.
MAX_TEXT = 30_000
# A post addresses the people of a town at least this big ("Чорноморці!"), not a village's.
_ADDRESSED = 20_000
# Short texts in each language, one place misspelled, read once at start (Extractor.warm).
_WARM_TEXTS = (
    (
        "Shelling near Vovchanks",
        "Russian forces shelled Kupyansk and Vovchanks, Kharkiv region, the governor said.",
    ),
    ("Удар по Одесі", "Внаслідок ракетного удару по Одесі загинули троє людей."),
    ("Обстрел Херсона", "Российские войска обстреляли Херсон, погиб один человек."),
)
MAX_TITLE = 1_000
MAX_EVENTS = 40
_CAPITAL_CITIES = frozenset({"Kyiv", "Moscow", "Minsk", "Washington", "London", "Brussels"})
_GOVERNMENT_AFTER = re.compile(
    # ("Moscow's new offensive", "Kyiv's summer counteroffensive": the same, a word between)
    r"^(?:['’]s)?\s+(?:(?:new|latest|renewed|full-scale|ongoing|major|massive|main|summer|spring|"
    r"winter|autumn|own|still|now|also|officially)\s+)?(?:forces|troops|military|army|says|said|claims|claimed|regime|authorities|"
    # "Krasnoarmeisk, the Soviet-era name Moscow uses for Pokrovsk": the state naming
    r"uses|calls|names|renamed|"
    r"government|officials|shelling|shellings|attacks?|artillery|side|denies|denied|accuses|soldiers|reports?|reported|"
    r"accused|wants|will|has|have|is|was|must|should|insists?|backed|controlled|trade|traded|trading|"
    # "Kyiv's terrorists attacked Vasylivka": who attacked, in an occupation post's words
    r"terrorists?|militants?|nationalists?|neo-?nazis?|junta|punishers|formations|"
    # "more than a week into Kyiv's cross-border incursion": the state's deed
    r"(?:cross-border\s+|surprise\s+)?(?:incursion|offensive|counter-?offensive|operation|drones|"
    r"missiles|allies|partners|leadership))\b|"
    # "Kyiv at first blamed a faulty air-conditioner", "Kiev blamed the separatists",
    # "Київ звинуватив", "Москва заявила": the government speaking
    r"^,?\s+(?:(?:at\s+first|initially|later|then|also|quickly|immediately|has|had|again)\s+)?"
    r"(?:blam\w+|accus\w+|den(?:y|ies|ied)|insist\w*|respond\w*|reject\w*|condemn\w*|"
    r"announc\w+|confirm\w*|alleg\w+|warn\w*|call(?:s|ed)|argu\w+|maintain\w*|retort\w*)\b|"
    # "as Moscow and Kyiv trade blame": both capitals the governments
    r"^\s+(?:and|і|та|и)\s+(?:Kyiv|Kiev|Moscow|Київ|Киев|Москва)\s+(?:trade|traded|trading|blam\w+|accus\w+|"
    r"exchang\w+|обмінюю\w+|обменива\w+|звинувачу\w+|обвиня\w+)\b|"
    r"^\s+(?:(?:спочатку|потім|також|знову|сначала|затем|также|снова)\s+)?"
    r"(?:заяв|звинувати|звинувачу|заперечи|заперечу|відкида|обвини|обвиня|отрица|отверг|назва|"
    r"поясни|пояснил|утвержда|наполяга|настаива|"
    # "де Москва розгорнула новий наступ", "где Москва начала наступление": the state acting
    r"розгорну|разверну|розпоча|почал|начал|готу|стягу|стягива|перекину|перебросил|"
    r"наступа|кину|бросил)\w*",
    re.IGNORECASE,
)
_IN_REGION = re.compile(
    r"\s*(?:,?\s*(?:in|of)\s+(?:the\s+)?|,\s*|\(\s*|\s+(?:на|в|у|во)\s+|\s+)", re.IGNORECASE
)
# A region in the accusative after "в"/"на": a direction ("в Крым", "у Запорізьку область").
_TOWARDS_REGION = re.compile(
    r"^(?:крым|крим)$|(?:ую|юю|ську|цьку|зьку|ську|ськую)\s+област[ьі]$|\bобласть$|щину$",
    re.IGNORECASE,
)
# Between a settlement and the region that qualifies it: "Selydove, Donetsk", "X (Donetsk".
# "Selydove, Donetsk", "Kupiansk (Kharkiv", "Kherson city, Kherson", "Балаклія на Харківщині"
_QUALIFIER_GAP = re.compile(
    # "Koriukivka communities, Chernihiv", "Burshtyn TPP, Ivano-Frankivsk": a unit word or a
    # site of the town may stand between the town and its region.
    r"(?:\s+(?:cit(?:y|ies)|towns?|villages?|settlements?|raions?|districts?|hromadas?|"
    r"communit(?:y|ies)|(?-i:TPP|HPP|CHPP|CHP|NPP|TES|GES)|(?:thermal\s+|hydro(?:electric)?\s+)?"
    r"power\s+(?:plant|station)|refinery|oil\s+depot|airfield|air\s+base|port|substation))?"
    r"\s*\)?\s*(?:,|\()\s*(?:the\s+)?|\s+на\s+",
    re.IGNORECASE,
)
# "Donetsk Governor Vadym Filashkin", "the Kharkiv regional governor", "Sumy city council"
_TITLE_AFTER = re.compile(
    r"\s+(?:(?:regional|oblast|provincial|region's|city|military|police)\s+)?"
    r"(governor|mayor|police chief|prosecutors?|council|governor's office)\b",
    re.IGNORECASE,
)
# "18 Zaporizhzhia settlements", "Kharkiv villages near the border": the region's places.
_PLACES_OF_REGION_AFTER = re.compile(
    r"\s+(?:frontline\s+|front-line\s+|border\s+)?(?:settlements|villages|towns|communities|"
    r"hromadas|districts|localities)\b",
    re.IGNORECASE,
)


# "an unspecified location in Sumy", "an unknown village, Kharkiv": a place in the region.
# This and the other end-anchored context patterns are searched at every position of a
# name's left context: gated by their words, they cost a set lookup where those are missing.
_UNNAMED_PLACE_IN = gated(
    r"\b(?:unknown|unspecified|undisclosed|unidentified|unnamed)\s+(?:[\w-]+\s+)?"
    r"(?:village|settlement|location|area|town|place|locality|site)s?\s*(?:,|\s+in|\s+of)"
    r"\s+(?:the\s+)?$"
)
# "the Kupiansk district of Kharkiv": the oblast the district lies in. But "the Kirovsky
# district of Donetsk", a part of the city, names the city (see `_raion_of_region`).
_DISTRICT_OF = re.compile(r"\b(?:district|raion|community|hromada)\s+of\s+(?:the\s+)?$", re.I)


def _raion_of_region(text: str, located: LocatedMention, spans: Sequence[LocatedMention]) -> bool:
    """ "the Kupiansk district of Kharkiv", "Pokrovsk raion of Donetsk": a raion, named by
    its town, of the region named after it. A city's district ("the Kirovsky district of
    Donetsk", "Kyivskyi district of Kharkiv") is no town of its own: it names the city."""
    start = located.start
    m = _DISTRICT_OF.search(text, max(0, start - 60), start)
    if m is None:
        return False
    named = next(
        (
            s
            for s in spans
            if s.start < m.start()
            and not text[s.start + len(s.mention.mention) : m.start()].strip()
        ),
        None,
    )
    if named is None or named.mention.place.admin1 != located.mention.place.admin1:
        return False
    if named.mention.place == located.mention.place:
        return False  # the district was read as the city itself: one of its own
    return named.mention.place.level is PlaceLevel.DISTRICT or named.mention.place.population > 0


# A place that only locates another: "south of Bakhmut", "20 km north-west of Kherson".
_REFERENCE_POINT = re.compile(
    r"(?:\b(?:north|south|east|west)(?:[- ]?(?:east|west))?\s+of\s+"
    r"(?:the\s+)?(?:city\s+of\s+|town\s+of\s+|village\s+of\s+)?"
    # ("3km from Donetsk city": the unit may follow the digits with no space)
    r"|(?:\b|(?<=\d))km\s+(?:from|of)\s+|\bkilomet(?:er|re)s?\s+(?:from|of)\s+"
    # "за 3 км від Донецька", "в 3 км от Донецка"
    r"|(?:\b|(?<=\d))(?:км|кілометр\w*|километр\w*)\s+(?:від|от)\s+"
    r"|\b(?:на\s+)?(?:північ|південь|схід|захід|північний\s+схід|південний\s+захід)\s+від\s+"
    r"|\b(?:північніше|південніше|східніше|західніше|севернее|южнее|восточнее|западнее)\s+"
    r"|\b(?:к|на)\s+(?:северу|югу|востоку|западу)\s+от\s+"
    # "a strip along the border with Russia's Kursk region", "вздовж кордону з Курською
    # областю": the neighbour the border is shared with locates, it is not where
    r"|\b(?:along|near|on|at|by|across)\s+the\s+border\s+with\s+(?:russia['’]s\s+|belarus['’]s\s+|ukraine['’]s\s+)?(?:the\s+)?"
    r"|\b(?:вздовж|уздовж|біля|на)\s+(?:державн\w+\s+)?кордон\w*\s+(?:з|із)\s+(?:рф\s+|росією\s+)?"
    r"|\b(?:вдоль|у|на|возле)\s+(?:государственн\w+\s+)?границ\w*\s+с\s+"
    # "Krasnogorovka, a town on the western outskirts of the Russian-held city of Donetsk",
    # "Lastochkyne, a village near Avdiivka": the place a town is described by
    r"|\ban?\s+(?:[\w-]+\s+){0,2}?(?:town|village|city|settlement|suburb)\s+(?:just\s+)?"
    r"(?:on\s+the\s+(?:[\w-]+\s+)?outskirts\s+of|near|outside|close\s+to)\s+"
    r"(?:the\s+)?(?:[\w-]+-held\s+|occupied\s+)?(?:city\s+of\s+|town\s+of\s+)?"
    # "Antonivka, on the eastern edge of Kherson city", "Антонівка, на східній околиці
    # Херсона": after a place and its comma, where that place lies
    r"|,\s+(?:just\s+)?(?:on|at)\s+the\s+(?:[\w-]+\s+)?(?:edge|outskirts|fringes?)\s+of\s+"
    r"(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?"
    r"|,\s+(?:на|у|в)\s+(?:[\w’'-]+\s+)?(?:околиц\w*|окраин\w*)\s+(?:міста\s+|города\s+)?)$",
    re.IGNORECASE,
)
# "Andriivka near Sevastopol", "Robotyne near Orikhiv": right after a place, "near" and its
# kin bring the town that locates it (see `_locates_the_one_before`).
_NEAR = re.compile(
    r"\s(?:near|close\s+to|outside|біля|поблизу|неподалік\s+від|під|возле|около|под|вблизи)\s+$",
    re.IGNORECASE,
)
# Monitors' words for the two sides of the line of contact in Donbas (OSCE, UN).
_CONTACT_LINE = re.compile(
    r"\b(?:non-?)?government-controlled\b|\b(?:не)?подконтрольн\w+\s+правительству\b|"
    r"\b(?:не)?підконтрольн\w+\s+уряду\b",
    re.IGNORECASE,
)
_CONTACT_LINE_OBLASTS = ("Donetsk Oblast", "Luhansk Oblast")
# An old name given after the new one: "Holubivske (formerly Kirovsk)", "Покровськ (колишній
# Красноармійськ)"; the other side's name for the place named: "Artemovsk, which Ukraine
# calls Bakhmut", "Артемовск (в Украине его называют Бахмут)".
_FORMERLY = re.compile(
    r"\b(?:formerly|previously|once\s+called|колишн\w*|раніше|бывш\w*|ранее)\s+$|"
    r"\b(?:(?:which|what)\s+(?:the\s+)?(?:Ukraine|Ukrainians|Kyiv|Kiev|Russia|Russians|Moscow)\s+"
    r"(?:calls?|names?|has\s+renamed)|known\s+(?:in|to)\s+(?:Ukraine|Ukrainians|Russia|Russians)\s+as|"
    r"(?:called|named)\s+(?:\w+\s+)?in\s+(?:Ukrainian|Russian))\s+$|"
    r"\b(?:(?:яке|який|яку|що)\s+(?:в\s+Україні|українці|росіяни|в\s+Росії)\s+(?:його\s+|її\s+)?"
    r"назива\w*|(?:который|которое|которую|что)\s+(?:на\s+Украине|в\s+Украине|украинцы|россияне|в\s+России)\s+"
    r"(?:его\s+|ее\s+|её\s+)?называ\w*|(?:в\s+Україні|в\s+Украине|на\s+Украине)\s+(?:його|его|її|ее|её)\s+"
    r"(?:назива|называ)\w*)\s+$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"-\d")
_NEAR_AFTER = re.compile(
    r",?\s+(?:near|close\s+to|around|in\s+the\s+(?:area|vicinity)\s+of|поблизу|біля|"
    r"в\s+районі|у\s+районі|вблизи|возле|около|в\s+районе)\s",
    re.IGNORECASE,
)
_TOWARDS_BEFORE = re.compile(
    r"\b(?:attack\w*|advanc\w*|push\w*|assault\w*|operations)\s+(?:towards?|in\s+the\s+direction\s+of)"
    r"\s+(?:the\s+)?$|"
    r"\b(?:атакува\w*|наступа\w*|штурмува\w*|атакова\w*|наступал\w*)\s+(?:[\w’'-]+\s+)?(?:у|в)\s+"
    r"(?:напрямку|направлении)\s+$",
    re.IGNORECASE,
)
# "on the road towards Myrnohrad", "на дорозі в бік Мирнограда", "по дороге на Купянск":
# where a road leads, a landmark beside the place it happened.
_ROAD_TO_BEFORE = re.compile(
    r"\b(?:road|highway|route|way)\s+(?:(?:leading|that\s+leads|heading)\s+)?(?:to|towards?)\s+"
    r"(?:the\s+)?$|"
    r"\b(?:дорог\w*|дороз\w*|трас\w*|шосе|автошлях\w*),?\s+(?:(?:(?:що|яка|которая)\s+)?"
    r"(?:веде|ведет|ведуч\w*|ведущ\w*)\s+(?:в|у)\s+|(?:в\s+бік|у\s+бік|в\s+сторону|у\s+напрямку|до|на|к)\s+)$",
    re.IGNORECASE,
)
# Who told a monitor or a reporter, and where they sit: "Police in Mariupol later told the
# Mission", "hospital staff in Shchastia said". Their town is not where it happened.
_INFORMANT_BEFORE = re.compile(
    r"\b(?:police|officials?|authorities|staff|employees?|representatives?|doctors|medics|"
    r"personnel|workers|spokes(?:man|woman|person)|sources?|interlocutors?)\s+"
    r"(?:(?:at|of)\s+(?:the\s+|a\s+)?[\w-]+\s+)?(?:in|at|from)\s+(?:the\s+)?$|"
    r"(?:поліці|полици|медик|лікар|врач|персонал|працівник|сотрудник|представник|представител|"
    r"джерел|источник|посадовц|чиновник)\w*\s+(?:[\w’'-]+\s+)?(?:в|у|із|из|з)\s+$",
    re.IGNORECASE,
)
_TOLD_AFTER = re.compile(
    r"(?:\s*\([^)]{0,60}\))?,?(?:\s+[\w’'-]+){0,2}?\s+(?:later\s+|also\s+|пізніше\s+|позже\s+)?"
    r"(?:told|said|reported|informed|confirmed|повідоми|сказа|розповіл|розповіла|сообщи|"
    r"рассказа|заяви|підтверди|подтверди)\w*",
    re.IGNORECASE,
)
# The campaign a report sets its news in: "..., as Moscow's forces pressed their offensive
# toward Pokrovsk", "Lyptsi has been at the center of fighting since Moscow launched ...".
# "taking control of Guyevo ... and attacking towards Korenevo", "атакував у напрямку
# Покровська": where attacks head, beside the place they were, to the end of its clause.
_HEADING_TOWARD = (
    r"\b(?:attack(?:ed|ing|s)?|advanc(?:ed|ing|es)|push(?:ed|ing|es)|press(?:ed|ing|es))\s+"
    r"(?:further\s+|farther\s+)?(?:toward|towards|in\s+the\s+direction\s+of)\b[^.;]*|"
    r"\b(?:атакува|наступа|штурмува|просува|атакова|штурмова|продвига)\w*\s+(?:[\w’'-]+\s+)?"
    r"(?:у|в)\s+(?:напрямку|бік|направлении|сторону)\b[^.;]*"
)
# "a string of gains since the fall of Avdiivka in February", "після звільнення Херсона",
# "после захвата Соледара": an earlier capture dates the news; its town is not the news's.
_NAMES = (
    r"(?:(?:the\s+)?(?:town|city|village|settlement)\s+of\s+|(?:міста|села|селища|города|поселка)\s+)?"
    r"(?-i:[A-ZА-ЯІЇЄҐ])[\w’'-]+(?:[\s-]+(?-i:[A-ZА-ЯІЇЄҐ])[\w’'-]+)?"
    r"(?:\s*(?:,|\band\b|\bі\b|\bта\b|\bи\b)\s*(?-i:[A-ZА-ЯІЇЄҐ])[\w’'-]+)*"
)
_SINCE_THE_FALL = (
    r"\b(?:since|after|before|until|following)\s+(?:the\s+)?(?:\w+(?:-\w+)?\s+)?(?:fall|capture|"
    rf"loss|liberation|seizure|occupation|recapture|encirclement)\s+of\s+{_NAMES}|"
    r"\b(?:після|з\s+часу|до)\s+(?:падіння|захоплення|звільнення|окупації|втрати|оточення|"
    rf"деокупації)\s+{_NAMES}|"
    r"\b(?:после|с\s+момента|до)\s+(?:падения|захвата|освобождения|оккупации|потери|взятия|"
    rf"окружения|деоккупации)\s+{_NAMES}"
)
_SETTING = re.compile(
    rf"{CAMPAIGN}|{FIGHTING_SINCE}|{_HEADING_TOWARD}|{_SINCE_THE_FALL}", re.IGNORECASE
)


# An appeal to people of a wider area: "asked residents in the Odesa, Mykolaiv and Kherson
# regions to limit electricity use", "закликали мешканців області економити світло".
_APPEAL = re.compile(
    r"\b(?:ask(?:ed|s)?|urg(?:ed|es)|call(?:ed|s)\s+on|appeal(?:ed|s)\s+to|advis(?:ed|es))\s+"
    r"(?:all\s+)?(?:residents|people|citizens|consumers|customers|households|everyone)\b[^.;]*|"
    r"\b(?:закликал\w*|закликає|закликають|просять|просить|попросил\w*|призвал\w*|призыва\w*|"
    r"просит|рекоменду\w*)\s+(?:[\w’'-]+\s+){0,2}?(?:мешкан|жител|громадян|граждан|споживач|"
    r"потребител|людей)\w*[^.;]*",
    re.IGNORECASE,
)


_TO_LEAVE = re.compile(
    r"\b(?:leav|evacuat|relocat|flee|move\s+(?:to|out|away)|go\s+to|покин|залиш|виїх|виїзд|"
    r"выех|выезд|уїх|уех|переїх|переех|переїзд|переезд|переселит|переселя|евакуа|эвакуа|"
    r"переправ|перебра|відсел|отсел)\w*",
    re.IGNORECASE,
)


def _setting(text: str, spans: Sequence[Any]) -> list[tuple[int, int]]:
    """Where the sentence tells the campaign around its news, when it names a place outside
    that too: the places in it are not where the news happened. An appeal to the people of
    an area ("asked residents in the Odesa, Mykolaiv and Kherson regions to limit electricity
    use") places nothing, whatever else the sentence names."""
    backdrop = [m.span() for m in _DAY_AFTER.finditer(text)]
    if spans:
        # (not an appeal to leave: "призвал жителей Херсона немедленно покинуть город" is
        # the evacuation, and its town its origin)
        backdrop += [m.span() for m in _APPEAL.finditer(text) if not _TO_LEAVE.search(m.group())]
    if len(spans) < 2:
        return backdrop
    found = [m.span() for m in _SETTING.finditer(text)]
    if not found or all(any(a <= s.start < b for a, b in found) for s in spans):
        return backdrop
    return found + backdrop


_DAY_AFTER = re.compile(DAY_AFTER, re.IGNORECASE)


# Where the wounded are treated is not where it happened ...
_TREATED_IN = re.compile(
    r"(?:\b(?:hospital|clinic|morgue|лікарн\w*|лікарень|больниц\w*|госпітал\w*|госпитал\w*)\s+"
    r"(?:(?:in|of|у|в)\s+)?"
    r"|\b(?:wounded|injured|hurt)\b[^.;]{0,40}\b(?:evacuated|taken|brought|rushed|airlifted|transported)"
    r"\s+to\s+(?:(?:an?\s+|the\s+)?(?:[\w-]+\s+)?hospitals?\s+in\s+)?"
    # "Поранена 59-річна жінка, її евакуювали до Запоріжжя", "раненых доставили в Днепр"
    r"|\b(?:поранен|ранен|постраждал|пострадавш|травмован|травмирован)\w*[^.;]{0,60}?\b"
    r"(?:евакую\w*|евакуйов\w*|эвакуир\w*|доставил\w*|доставлен\w*|доправил\w*|доправлен\w*|"
    r"госпіталізув\w*|госпіталізован\w*|госпитализир\w*|перевезл\w*|перевезен\w*|везуть|везут|"
    r"відвезл\w*|отвезл\w*)\s+(?:до|в|у)\s+(?:(?:лікарн\w*|лікарень|больниц\w*)\s+)?"
    # "died of his injuries en route to Kramatorsk": the road to the hospital
    r"|\b(?:en\s+route|on\s+the\s+way|on\s+(?:his|her|their)\s+way)\s+to\s+)$",
    re.IGNORECASE,
)
# "the landing ship Novocherkassk", "крейсер «Москва»": a vessel named after a town.
_VESSEL_BEFORE = re.compile(
    r"\b(?:ship|vessel|frigate|corvette|cruiser|submarine|tanker|tug(?:boat)?|flagship|"
    r"patrol\s+boat|minesweeper|корабл\w*|судн\w*|фрегат\w*|корвет\w*|крейсер\w*|"
    r"підводн\w*\s+човн\w*|подводн\w*\s+лодк\w*|танкер\w*|буксир\w*)\s+[«\"“']?$",
    re.IGNORECASE,
)
# ... nor where its patients are moved from: "15 пацієнтів обласної лікарні Херсона
# переправили до Одеси" evacuates Kherson's hospital.
_PATIENTS_BEFORE = re.compile(
    r"\b(?:patients|пацієнт\w*|пациент\w*|хвор\w*|больн\w*|породіл\w*|рожениц\w*)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
_PATIENTS_MOVED = re.compile(
    r"\b(?:evacuat\w*|moved|transferred|relocated|переправ\w*|евакуй\w*|евакуюв\w*|эвакуир\w*|"
    r"вивез\w*|вывез\w*|перевез\w*|перевел\w*|переведен\w*|транспорт\w*)",
    re.IGNORECASE,
)
# ... unless the hospital is what was hit: "bombed the maternity hospital in Mariupol".
_HOSPITAL_HIT = re.compile(
    r"\b(?:bomb\w*|hit|hits|struck|strikes?|shell\w*|destroy\w*|damag\w*|target\w*|attack\w*|"
    r"влуч\w*|обстріл\w*|пошкод\w*|зруйн\w*|удар\w*|обстрел\w*|поврежд\w*|разруш\w*|атак\w*|"
    # "ракеты попали в больницу", "снаряд поцілив у лікарню"
    r"попал\w*|поцілил\w*|поцілив|угодил\w*|прилетіл\w*|прилетел\w*)\b"
    # "влучила в лікарню", "удар по больнице": the hit's own preposition
    r"(?:\s+(?:в|у|по|on|into|at))?"
    r"(?:\s+(?!(?:taken|brought|rushed|to|до|в|у)\b)[\w’'.-]+){0,10}?\s+"
    r"(?:hospital|clinic|лікарн\w*|больниц\w*|госпітал\w*|госпитал\w*)\s+(?:(?:in|of|у|в)\s+)?$",
    re.IGNORECASE,
)
# ... nor where the drones were launched from ("з району Приморсько-Ахтарська").
_LAUNCHED_FROM = re.compile(
    r"\b(?:з|із|из|с|со|from)\s+(?:the\s+)?(?:району|районів|района|районов|напрямк\w*|напрямів|"
    r"направлени\w*|бік|боку|сторон\w*|area of|directions? of|territory of|територі\w*|"
    r"территори\w*)\s+"
    # the rest of a list of launch areas: "з напрямків Брянськ, Курськ, Орел"
    r"(?:[\w’'ʼ-]+(?:\s+[\w’'ʼ-]+)?\s*(?:,|\bі\b|\bта\b|\bи\b|\band\b)\s+){0,6}$",
    re.IGNORECASE,
)
# What is launched, and launching it: "ракети з Бєлгорода", "drones launched from Kursk".
_LAUNCHED = (
    r"ракет|дрон|шахед|бпла|іскандер|искандер|калібр|калибр|кинджал|кинжал|missile|drone|"
    r"rocket|iskander|kalibr|shahed|launch|запуст|випуст|выпуст"
)
_LAUNCH_TOLD = re.compile(
    rf"(?:{_LAUNCHED}|безпілот|беспилот|uav|запуск|пуск|"
    r"авіац|авиац|aircraft|bomber|бомбардувальн|бомбардировщ|"
    # "ВСУ из района Орехова обстреляли Васильевку": where the fire came from
    r"обстр|shell|fired|firing|стріля|стреля|артилер|артиллер|mortar|міномет|миномет|рсзо|mlrs)",
    re.IGNORECASE,
)
# "на Ореховском направлении": a sector's name, found whether or not the gazetteer spells it.
_SECTOR_NAMED = re.compile(
    r"([\w’'ʼ-]+)\s+(?:напрям\w*|направлени\w*|direction|axis|sector)\b", re.IGNORECASE
)
_SECTOR_WORD = re.compile(r"напрям|направлени|direction|axis|sector", re.IGNORECASE)
# "на Покровському напрямку", "the Zaporizhzhia front": a sector of the front, not a town.
_FRONT_AFTER = re.compile(
    r"\s+(?:напрям\w*|направлени\w*|direction|axis|front|sector)\b", re.IGNORECASE
)
_SECTOR_ELLIPSIS = re.compile(r"\s*[—–:]\s")
_ON_BEFORE = re.compile(r"(?:^|\s)(?:на|На)\s+$")
_LOCATIVE_ADJECTIVE = re.compile(r"(?:ському|ськім|ском|цькому|цком|ому)$", re.IGNORECASE)
# "ракетою «Іскандер-М» з Бєлгородської області", "drones launched from Kursk": where the
# weapon came from, not where it struck.
_FIRED_FROM = re.compile(
    # (and the guns: "fired artillery across the Dnipro River from Energodar")
    rf"(?:{_LAUNCHED}|fired|shelled|artillery)\w*[^.;:]{{0,60}}?"
    r"\b(?:з|із|из|с|from)\s+(?:the\s+)?"
    # ... and the rest of a list of them: "launched from the Kursk and Primorsko-Akhtarsk
    # areas", "from Kursk, Oryol and Primorsko-Akhtarsk"
    r"(?:(?-i:[A-ZА-ЯІЇЄҐ])[\w’'ʼ-]*(?:\s+(?:area|region|oblast|області|области|району|района))?"
    r"\s*(?:,|\bі\b|\bта\b|\bи\b|\band\b)\s+){0,6}$",
    re.IGNORECASE,
)
# "the Kupiansk-Petropavlivka road": the town before the dash is the route's other end.
_ROUTE_END = re.compile(r"(?-i:[A-ZА-ЯІЇЄҐ])[\w’']+\s*[-–—]\s*$")
# "the Azov coast", "the Dnipro river": a sea, a river, a road, not the town of the name.
_FEATURE_AFTER = re.compile(
    r"\s+(?:coast|sea|river|bank|shore|highway|road|reservoir|canal|bay|strait|lake|forest|dam|HPP|"
    r"hydroelectric|(?:nuclear|atomic)\s+(?:power\s+)?(?:plant|station)|NPP|"
    r"узбережж\w*|мор[ея]\w*|річк\w*|рек[аеиу]\w*|трас[аиі]\w*|водосховищ\w*|побережь\w*)\b",
    re.IGNORECASE,
)
# "the Minsk ceasefire talks", "Istanbul agreements", "Мінські домовленості", "Минских
# соглашений": talks named after the city they were held in, no place of the war.
_PROCESS_AFTER = re.compile(
    r"\s+(?:(?:ceasefire|peace|truce|security|grain)\s+)?(?:talks|agreements?|accords?|"
    r"protocols?|format|negotiations|memorand(?:um|a)|summit|deal|process)\b|"
    r"\s+(?:(?:мирн|миротворч)\w*\s+)?(?:домовленост|угод|переговор|протокол|соглашени|"
    r"договор[её]нност|меморандум|саміт|саммит|формат)\w*",
    re.IGNORECASE,
)
# "у Донецькій обласній військовій адміністрації": the office that speaks, not a place.
_OFFICE_AFTER = re.compile(
    r"\s+(?:(?:обласн|міськ|районн|городск|областн)\w*\s+)?(?:(?:військов|военн)\w*\s+)?"
    r"(?:адміністрац\w*|администрац\w*)\b|\s+(?:ОВА|ОДА|ОГА|ВЦА|МВА)\b"
)
# "the Tavria group of forces", "the Khortytsia operational-strategic group": a military
# command named after a place, not the place.
_FORCES_AFTER = re.compile(
    r"\s+(?:group\s+of\s+(?:forces|troops)|operational[- ](?:strategic\s+|tactical\s+)?group|"
    r"grouping|military\s+group)\b",
    re.IGNORECASE,
)
# A formation's quoted name: "речник ОСУВ «Таврія»", "группировки «Днепр»", "brigade 'Kyiv'".
_FORCES_BEFORE = re.compile(
    r"(?:\b(?:ОСУВ|ОТУ|ОСГВ|ОСГ|угрупован\w*|угрупуван\w*|группировк\w*|бригад\w*|батальйон\w*|"
    r"батальон\w*|полк\w*|загон\w*|отряд\w*|group|brigade|battalion|regiment|task\s+force)"
    r"(?:\s+(?:військ|войск|forces|troops))?\s*[«\"“'‘]\s*)$",
    re.IGNORECASE,
)
# "across the Dnipro", "along the Desna": with "the", a river that shares a town's name.
_THE_RIVER = re.compile(r"\b(?:the|a)\s+$", re.IGNORECASE)
_RIVER_NAMES = frozenset(
    (
        "dnipro",
        "dnieper",
        "dniepr",
        "desna",
        "oskil",
        "oskol",
        "inhulets",
        "donets",
        "psel",
        "vorskla",
        "southern buh",
        "dniester",
        "dnister",
        "seym",
        "seim",
        "irpin",
    )
)
# "вдоль Днепра", "уздовж Дніпра", "along the Dnipro", "на лівому березі Дніпра": the river,
# not the city that shares its name.
_ALONG = re.compile(
    r"\b(?:along|вдоль|уздовж|вздовж|по\s+(?:берегу|берегах)|на\s+(?:[\w’'-]+\s+)?(?:березі|берегу)|"
    r"(?:лівобережж\w*|правобережж\w*|левобережь\w*|правобережь\w*))\s+$",
    re.IGNORECASE,
)
_RIVER_WORD = re.compile(
    "|".join(re.escape(n) for n in sorted(_RIVER_NAMES))
    # (and the Cyrillic stems of the same rivers, in any case: "вдоль Днепра")
    + r"|дніпр|днепр|десн|оскол|інгульц|ингульц|дінц|донц|сейм",
    re.IGNORECASE,
)
# Russia's oblasts on the border, shelled and fought over: a strike there is this war's
# even when the text has no word of war ("Удар по Белгороду: погибли 6 человек").
_FRONT_ABROAD = frozenset({"Belgorod Oblast", "Kursk Oblast", "Bryansk Oblast"})
_QUALIFIED_LEVELS = frozenset({PlaceLevel.SETTLEMENT, PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY})
# "The convoy passed through Bezimenne", "через блокпост біля Василівки": a stop on the way.
_PASSED_THROUGH = gated(
    r"\b(?:passed\s+through|passing\s+through|through|via|by\s+way\s+of|checkpoints?\s+(?:near|at|in|outside)|"
    r"через(?:\s+блокпост\w*\s+(?:біля|у|в|під|возле|около))?|транзитом\s+через)\s+(?:the\s+)?"
    # and the rest of a list of them: "through Okhtyrka and Kotelva"
    r"(?:[\w’'-]+(?:\s+[\w’'-]+)?\s*(?:,|\band\b|\bі\b|\bта\b|\bи\b)\s*){0,4}$"
)
# "на улице Октябрьской", "вул. Харківська", "Kharkivska Street": a street named after a place.
_STREET_BEFORE = gated(
    r"\b(?:вул\.|вулиц\w*|улиц\w*|ул\.|просп\.|проспект\w*|провул\w*|переул\w*|бульвар\w*|"
    r"площ\w*|шосе|шоссе)\s*$"
)
_STREET_AFTER = re.compile(r"\s+(?:Street|Avenue|Boulevard|Lane|St\.|Ave\.)", re.IGNORECASE)
# "the left bank of the Dnipro": the river, not the city.
_BANK_OF = re.compile(
    r"\b(?:bank|banks|shore|coast)\s+of\s+(?:the\s+)?$|\bберег\w*\s+$|\bберезі\s+$", re.IGNORECASE
)
# "the Luhansk thermal power plant in Shchastia", "Zaporizhzhia TPP near Enerhodar": the
# name is the plant's, the place is the one after "in"/"near".
_NAMED_PLANT_IN = re.compile(
    r"\s+(?:thermal\s+|hydroelectric\s+|coal\s+|nuclear\s+)?(?:power\s+)?(?:plant|station|TPP|CHP|"
    r"HPP|NPP)\s+(?:in|near|at|outside)\s+[A-Z]",
)
# "доставили в городскую больницу № 2 Белгорода": the hospital's city, after it.
_HOSPITAL_OF = re.compile(
    r"\b(?:лікарн\w*|больниц\w*|госпітал\w*|госпитал\w*|шпитал\w*|hospital)"
    r"(?:\s+(?:№|no\.?|n)\s*\d+)?\s+(?:(?:in|of)\s+)?$",
    re.IGNORECASE,
)
_TAKEN_TO = re.compile(
    r"\b(?:доставил\w*|доставлен\w*|госпіталізува\w*|госпитализирова\w*|відвезл\w*|отвезл\w*|"
    r"перебува\w*|находит\w*|лікуют\w*|лечат\w*|taken|brought|admitted|rushed|treated)\b[^.;]{0,50}$",
    re.IGNORECASE,
)


_HOSPITAL_AFTER = re.compile(r"(?:'s)?\s+(?:military\s+|regional\s+|city\s+)?hospital\b", re.I)
_UNIT_AFTER = re.compile(
    r"\s+(district|raion|rayon|community|hromada|район\w*|громад\w*|округ\w*)\b", re.IGNORECASE
)
_LIST_GOES_ON = re.compile(r"\s*(?:,|\band\b|\bor\b|&|і|та|и)\s*", re.IGNORECASE)
_DISTRICT = re.compile(r"^\s+(?:district|raion|район\w*)\b", re.IGNORECASE)
_CAPITAL_OF = re.compile(
    r"(?:capital|centre|center|administrative centre) of (?:the )?$", re.IGNORECASE
)
# Ukraine's capital named by the word alone (Ukrainian case forms: Russian-language posts of
# Russian officials mean Moscow by "столица"), or called the Ukrainian capital.
_THE_CAPITAL = re.compile(
    r"\bстолиц(?:я|і|ю|ею)\b|\b(?:the\s+)?(?:Ukrainian\s+capital|Ukraine['’]s\s+capital)\b",
    re.IGNORECASE,
)
_OTHER_CAPITAL = re.compile(r"російськ|росії|рф\b|москв|білорус|бєлорус", re.IGNORECASE)


def _names_the_capital(text: str) -> re.Match[str] | None:
    """Where a text calls Kyiv "the capital", not Russia's or Belarus's."""
    found = _THE_CAPITAL.search(text)
    if found is None or _OTHER_CAPITAL.search(text, max(0, found.start() - 15), found.end() + 20):
        return None
    return found


# Regions not named after their capital.
_CAPITALS = {"Crimea": "Simferopol", "Volyn Oblast": "Lutsk", "Zakarpattia Oblast": "Uzhhorod"}
_KIND_ORDER = tuple(EventKind)
S = TypeVar("S")


# What a local channel tells of its own region without naming a place: a hit, its toll, the
# damage (not fighting, an interception tally or an evacuation, which name where they are).
_OWN_REGION_KINDS = frozenset(
    {EventKind.STRIKE, EventKind.CASUALTIES, EventKind.INFRASTRUCTURE_DAMAGE}
)
_NEEDS_A_PLACE = frozenset(
    {
        EventKind.STRIKE,
        EventKind.GROUND_FIGHTING,
        EventKind.TERRITORIAL_CHANGE,
        EventKind.EVACUATION,
    }
)
# A capitalised name after a place preposition: a place, known to the gazetteer or not.
_UNKNOWN_PLACE = re.compile(
    r"\b(?:near|in|at|outside|towards?|into|entered|of|біля|поблизу|під|в|у|до|возле|около|под|"
    r"околиц\w*|окраин\w*|окрестност\w*|села|селища|міста|города|поселка)\s+"
    r"(?!(?:the|a|an|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b)"
    r"[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’-]{3,}"
)
# "37 combat engagements", "132 бойових зіткнення": the day's fighting, counted, front-wide.
_ENGAGEMENTS = re.compile(
    r"\b\d+\s+(?:combat\s+engagements|engagements|clashes|assaults|"
    r"бойов\w*\s+зіткнен\w*|зіткнен\w*|боєзіткнен\w*|боестолкновени\w*|боевых\s+столкновени\w*)",
    re.IGNORECASE,
)
# "the city", "there", "місто", "город": the place the text named just before.
_ANAPHORA = re.compile(
    r"\b(?:the (?:city|town|village|settlement|area|region|outskirts|community|peninsula)|its|there|"
    r"півостр\w*|полуостр\w*|"
    r"outskirts|nearby|міст[оаі]|містом|селищ[еіа]|сел[оаі]|громад[аиі]|околиц\w*|там|"
    r"город[аеу]?|посел[оке]\w*|окраин\w*|окрестност\w*|"
    # the building the sentence before told of: "Из дома эвакуированы 40 человек"
    r"the (?:building|house|block|apartment block|high-rise)|будин(?:ок|ку|ку)|будівл\w*|"
    r"під['’ʼ]?їзд\w*|багатоповерхів\w*|дом(?:а|е)?|здани[еия]|подъезд\w*|многоэтажк\w*)\b",
    re.IGNORECASE,
)
# Follow-ups of a strike that rarely name its place again: the toll, the outage.
_FOLLOW_UPS = frozenset({EventKind.CASUALTIES, EventKind.INFRASTRUCTURE_DAMAGE})


def _once(sentences: Sequence[Sentence]) -> tuple[Sentence, ...]:
    """The sentences less verbatim repeats (a feed that pastes its lead twice): a repeat
    would name its places and figures again. Indexes stay as they were. A wire's credit
    line ("AP writer Hanna Arhirova contributed from Kyiv") tells nothing and goes too."""
    seen: set[str] = set()
    out = []
    for s in sentences:
        key = " ".join(s.text.lower().split())
        if s.is_title or (key not in seen and not _CREDIT.search(s.text)):
            out.append(s)
        seen.add(key)
    return tuple(out)


# A wire's credit line: "Associated Press writer Hanna Arhirova contributed from Kyiv.",
# "Reporting by Olena Harmash; Editing by Alex Richardson".
_CREDIT = re.compile(
    r"^\W*(?:(?:additional\s+)?reporting\s+by|writing\s+by|editing\s+by)\b|"
    r"\bcontributed(?:\s+reporting)?(?:\s+to\s+this\s+(?:report|story))?"
    r"(?:\s+from\s+[\w’' -]{2,40})?\W*$",
    re.IGNORECASE,
)


class _Mentions(Mapping[int, list[tuple[int, PlaceMention]]]):
    """Each sentence's places in context, resolved the first time something asks."""

    def __init__(
        self,
        scans: dict[int, tuple[str, Any]],
        resolve: Callable[[str, Any], list[tuple[int, PlaceMention]]],
    ) -> None:
        self._scans = scans
        self._resolve = resolve
        self._done: dict[int, list[tuple[int, PlaceMention]]] = {}

    def __getitem__(self, index: int) -> list[tuple[int, PlaceMention]]:
        if index not in self._done:
            text, scanned = self._scans[index]  # KeyError for a sentence not in the article
            self._done[index] = self._resolve(text, scanned)
        return self._done[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self._scans)

    def __len__(self) -> int:
        return len(self._scans)

    def best_readings(self, titles: frozenset[int]) -> dict[str, PlaceMention]:
        """How the text (the sentences resolved so far, `titles` left out) reads each name
        best: a name it reads one way, or one way better than the others, with that place.
        A headline has no room for "Stanislav, Kherson Oblast"; its text has."""
        readings: dict[str, dict[Place, float]] = {}
        mentions: dict[tuple[str, Place], PlaceMention] = {}
        for index, found in self._done.items():
            if index in titles:
                continue
            for _, pm in found:
                key = pm.mention.casefold()
                seen = readings.setdefault(key, {})
                if pm.score > seen.get(pm.place, -1.0):
                    seen[pm.place] = pm.score
                    mentions[key, pm.place] = pm
        best: dict[str, PlaceMention] = {}
        for key, scores in readings.items():
            ranked = sorted(scores.values(), reverse=True)
            if len(ranked) == 1 or ranked[0] > ranked[1]:
                place = max(scores, key=lambda p: scores[p])
                best[key] = mentions[key, place]
        return best


def _one_sense(drafts: Sequence[Draft], best: dict[str, PlaceMention]) -> None:
    """One sense per article: a headline's names read as its text reads them ("Shelling of
    Stanislav" is the Stanislav of "Stanislav, Kherson Oblast" below, not the old name of
    Ivano-Frankivsk). Only events told by the headline alone are changed."""
    if not best:
        return
    for d in drafts:
        if not all(s.is_title for s in d.sentences):
            continue
        for i, pm in enumerate(d.places):
            chosen = best.get(pm.mention.casefold())
            # A settlement stays a settlement: "Kharkiv" in a headline is not made the
            # oblast because the text says "Kharkiv region".
            if (
                chosen is not None
                and chosen.place != pm.place
                and chosen.place.level is pm.place.level
            ):
                d.places[i] = PlaceMention(pm.mention, chosen.place, pm.role, chosen.score)


# Kinds whose placeless report in an article about one town is that town's.
_TOLD_OF_A_PLACE = frozenset(
    {
        EventKind.STRIKE,
        EventKind.CASUALTIES,
        EventKind.INFRASTRUCTURE_DAMAGE,
    }
)


def _sole_settlement(context: Sequence[Place]) -> Place | None:
    towns = [p for p in context if p.level is PlaceLevel.SETTLEMENT]
    return towns[0] if len(towns) == 1 else None


_SAME_DAY = re.compile(
    r"\b(?:the same (?:day|night|morning|afternoon|evening)|that (?:day|morning|afternoon|evening)|"
    r"later that (?:day|morning|afternoon|evening|night)|того ж дня|того же дня|"
    r"в тот же день|тієї ж ночі|той же ночью|в тот же вечер|того ж вечора)\b",
    re.IGNORECASE,
)


def _same_day(drafts: Sequence[Draft]) -> None:
    """ "The same day a guided bomb hit Toretsk", "Separately, fighting continued near
    Tabaivka": the day of the event told before it."""
    last: date | None = None
    for d in sorted(drafts, key=lambda d: d.sentences[0].index):
        if (
            not d.dates
            and last is not None
            and any(_SAME_DAY.search(s.text) or SEPARATELY.search(s.text) for s in d.sentences)
        ):
            d.dates.append(last)
        if d.dates:
            last = min(d.dates)


# An event dated this long before its article is history told as background (an
# anniversary, "where paratroopers landed on 24 February 2022"), not news.
_HISTORY = timedelta(days=31)


def _category_title(s: Sentence, scanned: Any) -> bool:
    """A title that only names a kind of event ("Air/drone strike", "Armed clash",
    "Shelling/artillery/missile attack"): a dataset's category over its note, no headline of
    its own; the note's sentences tell the events."""
    return (
        s.is_title
        and not scanned.hits
        and not _DIGITS.search(s.text)
        and len(s.text.split()) <= 6
        and ("/" in s.text or not names_a_party(s.text))
    )


_DIGITS = re.compile(r"\d")


def _history(d: Draft, published: datetime | None, whole: str) -> bool:
    """An event the text tells as background: dated long before the article in a text
    written from a later day ("two years ago", "on Saturday"), or a capture long past. A
    dated note with nothing of the kind keeps its event whatever its publish date says (a
    dataset's notes are published weeks later); whether it is news, the stories decide."""
    if published is None:
        return False
    if d.dates:
        return min(d.dates) < local_date(published) - _HISTORY and told_later(whole)
    if d.kind is not EventKind.TERRITORIAL_CHANGE:
        return False
    # "Since the area was liberated in September 2022": a capture of a month or year long past.
    return _months_past(d, published)


def _months_past(d: Draft, published: datetime) -> bool:
    """Whether a sentence of the draft dates it by a month or a year at least two months
    before the article ("in January 2023")."""
    today = local_date(published)
    for s in d.sentences:
        if _YEAR.search(s.text) is None:
            continue  # (most sentences name no year: no need to read them for one)
        for m in _MONTH_YEAR.finditer(s.text):
            year = int(m.group("year") or m.group("year2"))
            # "in March 2023" is that month; "in 2023" or "in Summer 2023" its last.
            month = month_number(m.group("month") or m.group("month2") or "") or 12
            if (today.year - year) * 12 + today.month - month >= 2:
                return True
    return False


def _backdrop(d: Draft, published: datetime | None, whole: str) -> bool:
    """ "Dnipro has been a frequent target. In January 2023, a missile strike on a high-rise
    killed 46 people.": an incident of a month long past, told as the backdrop of today's
    news; it must not join the news it stands beside."""
    return (
        published is not None
        and not d.dates
        and not any(s.is_title for s in d.sentences)
        and _months_past(d, published)
        and told_later(whole)
    )


_YEAR = re.compile(r"(?:19|20)\d\d")


_MONTH_YEAR = re.compile(
    r"\b(?:in|since|from|during|until|by|of)\s+(?:(?:early|mid|late)[- ])?"
    r"(?:(?P<month>(?-i:[A-Z])[a-z]{2,8})\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-–]\d)|"
    # "у січні 2023 року", "в январе 2023 года", "з 2014 року"
    r"(?<!\w)(?:у|в|во|з|із|с|від|от|до|навесні|влітку|восени|взимку)\s+"
    r"(?:(?P<month2>січн|лют|берез|квітн|травн|червн|липн|серпн|вересн|жовтн|листопад|грудн|"
    r"январ|феврал|март|апрел|ма[ея]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*\s+)?"
    r"(?P<year2>(?:19|20)\d\d)(?:\s+(?:року|рік|году|год|р\.|г\.))?(?!\s*[-–]\d)(?!\w)",
    re.IGNORECASE,
)


_CAPITALISED_BEFORE_COMMA = re.compile(
    r"(?<=[\w,;:)]\s)(?:(the)\s+)?((?-i:[A-ZА-ЯІЇЄҐ])[\w’'-]+(?:\s+(?-i:[A-ZА-ЯІЇЄҐ])[\w’'-]+)?)"
    r"(\s+river)?,\s*$"
)
# Capitalised words that are no place: "On Monday, Kharkiv ...", "In March, Kherson ...".
_NOT_A_NAME = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "meanwhile",
        "however",
        "earlier",
        "later",
        "overnight",
        "today",
        "yesterday",
    ]
)


def _locates_the_one_before(
    text: str, before: str, start: int, place: Place, spans: Sequence[Any]
) -> bool:
    """The name comes right after a smaller place and "near" (or its kin): "Andriivka near
    Sevastopol" happened in Andriivka, and Sevastopol only says where that is. Not when the
    place before is itself a reference point ("north of Avdiivka near Stepove": the attacks
    were near Stepove)."""
    near = _NEAR.search(before)
    if near is None:
        return False
    cut = start - len(before) + near.start()  # where the gap before "near" begins
    for other in spans:
        end = other.start + len(other.mention.mention)
        if not (other.start < start and 0 <= cut - end <= 1):
            continue
        smaller = other.mention.place
        return (
            text[end:cut].strip(" ,") == ""
            and smaller.level is PlaceLevel.SETTLEMENT
            and place.population > smaller.population
            and not _REFERENCE_POINT.search(text[max(0, other.start - 60) : other.start])
        )
    return False


def _qualifies_an_unknown(before: str, spans: Sequence[LocatedMention], start: int) -> bool:
    """Whether a capital's name comes right after a capitalised name that is no place we
    know (a village the gazetteer lacks) or a river, and a comma: "Lastochkyne, Donetsk"."""
    if not before.rstrip().endswith(","):
        return False
    m = _CAPITALISED_BEFORE_COMMA.search(before)
    if m is None or m.group(2).lower() in _NOT_A_NAME:
        return False
    word_start = start - len(before) + m.start(2)
    known = next((s for s in spans if s.start == word_start), None)
    if known is None:
        return True
    # "the Dnipro, Kherson", "the Dnipro river, Kherson"
    return bool(m.group(1) or m.group(3)) and known.mention.mention.lower() in _RIVER_NAMES


def _heading_date(sentences: Sequence[Sentence], published: datetime | None) -> date | None:
    """ "14 Feb 2024." or "Chernihiv Oblast, 27 March 2024." heading a note: the date of
    whatever the note tells without a date of its own."""
    for s in sentences[:3]:
        if s.is_title:
            continue
        if len(s.text.split()) <= 6 and not kinds_in(s.text):
            return resolve_date(s.text, published)
        # "On 30 April 2023, a car hit a mine near Balakliia. 3 civilians were killed.": a
        # note that opens on its date dates what it goes on to tell.
        if (lead := _LEADING_DATE.match(s.text)) is not None:
            return resolve_date(lead.group(0), published)
        return None
    return None


_LEADING_DATE = re.compile(
    r"\s*(?:(?:on|by|as of|around|since)\s+)?(?:the\s+)?(?:night of\s+)?"
    # (a monitor's "On 26 January, the SMM ...": the year is the report's)
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]+(?:\s+\d{4})?|"
    r"[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\b",
    re.IGNORECASE,
)


def _located(d: Draft) -> bool:
    return any(p.place.level is not PlaceLevel.COUNTRY for p in d.places)


# "відселяємо", "эвакуируем": a city's own evacuation under way, told in its own voice, worth
# telling though the post names no place (its channel is the city's).
_MOVED_OUT_NOW = re.compile(r"\b(?:відселяємо|отселяем|евакуюємо|эвакуируем)\b", re.IGNORECASE)
# "Харьков.", "Шебекино.", "Запорізький район:": a post's heading that names the place only.
_HEADING = re.compile(r"\s*\W{0,3}\s*(?:[\w’'-]+[\s,]*){1,4}[.:]?\s*")


def _places_before(
    d: Draft,
    sentences: Sequence[Sentence],
    places_of: Mapping[int, list[tuple[int, PlaceMention]]],
) -> list[PlaceMention]:
    """The places of the nearest sentence before a placeless event, when it points back to
    them ("обстріляли місто", "The city was left without power") or follows up on them."""
    # (a headline joined by its body looks back from the body's first sentence)
    first = next((s for s in d.sentences if not s.is_title), None)
    if first is None:
        return []
    text = " ".join(s.text for s in d.sentences if not s.is_title)
    before = sentences[first.index - 1] if first.index > 0 else None
    # (a heading names a place: "Nine people were injured." is as short, and no heading)
    heading = (
        before is not None
        and not before.is_title
        and _HEADING.fullmatch(before.text)
        and bool(places_of.get(before.index))
    )
    if d.kind not in _FOLLOW_UPS and not _ANAPHORA.search(text) and not heading:
        return []
    for s in reversed(sentences[max(0, first.index - 2) : first.index]):
        found = [
            # an evacuation keeps the ends the earlier sentence gave: "Residents of Irpin
            # walked on to Kyiv. ... 2,000 people got out of the town."
            replace(
                pm,
                role=place_role(s.text, pos)
                if d.kind is EventKind.EVACUATION
                else PlaceRole.LOCATION,
            )
            for pos, pm in places_of.get(s.index, [])
            if pm.place.level is not PlaceLevel.COUNTRY
        ]
        if found:
            return found
    return []


class LocatedMention(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def mention(self) -> PlaceMention: ...

    @property
    def ambiguous(self) -> bool: ...


class PlaceFinder(Protocol[S]):
    """Finds gazetteer places in text; `places.PlaceMatcher` is the real one.

    `scan` does the costly reading once per sentence; `resolve` decides namesakes against
    the regions in context, first without any, then with the article's."""

    def scan(self, text: str) -> S: ...

    def resolve(
        self, scanned: S, *, context_regions: Iterable[str] = ()
    ) -> Sequence[LocatedMention]: ...

    def elsewhere(self, scanned: S) -> bool: ...

    def rivals(self, scanned: S, start: int, place: Place) -> int: ...

    def district_city(self, scans: Iterable[S]) -> Place | None: ...


class PlaceLookup(Protocol):
    def lookup(self, name: str) -> tuple[Place, ...]: ...

    def region(self, name: str) -> Place | None: ...

    def unit_of(self, town: Place, level: PlaceLevel) -> Place | None: ...


class Extractor:
    """Rule-based extraction: sentences → kinds, figures, places, speakers, dates → events."""

    def __init__(
        self, places: PlaceFinder[Any], gazetteer: PlaceLookup, *, home_country: str = "UA"
    ) -> None:
        self._places = places
        self._gazetteer = gazetteer
        self._home = home_country

    def places_named(self, article: Article) -> tuple[Place, ...]:
        """The places the opening of an article names, read as `extract` reads them (each
        sure on its own, or settled beside the oblasts it names; a city by its districts):
        what an article that tells no event, a look back, is about."""
        article = _composed(
            replace(article, title=article.title[:MAX_TITLE], text=article.text[:1000])
        )
        sentences = split_sentences(article.title, strip_dateline(article.text))
        found = self._context(self._places.scan(s.text) for s in sentences)
        return tuple(p for p in found if p.level is not PlaceLevel.COUNTRY)

    def named_region(self, name: str) -> str | None:
        """The region a source's name or id names, if one (`home.named_region`)."""
        return named_region(name, self._gazetteer)

    def named_town(self, name: str) -> Place | None:
        """The town a local source's name or id names, if one (`home.named_town`)."""
        return named_town(name, self._gazetteer)

    def warm(self) -> None:
        """Load what reading the first articles would load (the Ukrainian and Russian word
        dictionaries, the index of names a misspelling is matched against): a bot calls
        this at start, so its first alerts do not wait a tenth of a second or more."""
        now = datetime.now(UTC)
        for n, (title, text) in enumerate(_WARM_TEXTS):
            self.extract(Article("warm-up", f"warm-{n}", None, title, text, now, now))

    def _own_place(self, own: str) -> Place | None:
        """The region or town (`HomeRegions.own_place`) a local source's posts are about."""
        if (region := self._gazetteer.region(own)) is not None:
            return region
        # (the town `home.named_town` chose among namesakes, chosen the same way)
        return one_town(
            p for p in self._gazetteer.lookup(own) if p.name == own and p.population >= TOWN
        )

    def extract(
        self, article: Article, *, home: str | None = None, own: str | None = None
    ) -> tuple[Event, ...]:
        """The events an article tells. home: the region its source mostly writes about
        (configured, or learned by `home.HomeRegions`): when the text names no place that
        says which oblast it is in, the namesake in that region is the one meant (a Kherson
        channel's "Корабельний район" is Kherson's district, not Mykolaiv's). own: the town
        or region a local authority or newsroom always writes about, by its config or its
        name (`HomeRegions.own_place`): an attack its post tells without naming any place
        ("Ракетний удар по залізничному вокзалу. Є постраждалі." on Pokrovsk's channel) is
        that town's (or region's), where it would otherwise be dropped."""
        if len(article.text) > MAX_TEXT or len(article.title) > MAX_TITLE:
            # A news report says what happened at the top; a longer text is an archive or a
            # broken item, and reading all of it would cost every restart its CPU.
            log.info(
                "article text cut for extraction chars=%d kept=%d", len(article.text), MAX_TEXT
            )
            article = replace(
                article, title=article.title[:MAX_TITLE], text=article.text[:MAX_TEXT]
            )
        return self._extract(_composed(article), home, own)[:MAX_EVENTS]

    def _extract(
        self, article: Article, home: str | None = None, own: str | None = None
    ) -> tuple[Event, ...]:
        whole = f"{article.title}\n{article.text}"
        about_war = is_about_war(whole)
        if not about_war and not may_be_war(whole):
            return ()
        sentences = _once(split_sentences(article.title, strip_dateline(article.text)))
        if not any(kinds_in(s.text) for s in sentences):
            return ()  # no sentence tells an event: nothing to place (most feed items)
        if not about_war and home is None and not self._war_places(sentences):
            # "attack" and "killed" with no place of the war: a crime, a match (a local
            # channel of a region of the war need not name its town: "8 загиблих, 41
            # поранений" on the city's channel is the war's toll)
            return ()
        scans = [self._places.scan(s.text) for s in sentences]
        context = self._context(scans)
        signer = signature(article.text)
        signed = signer_region(signer)
        if signer is None and not article.title.strip():
            signer = lead_source(article.text)  # "Міноборони: ...": who leads the post
        sectors = (
            [words().front_sector(m.group(1)) for m in _SECTOR_NAMED.finditer(whole)]
            if _SECTOR_WORD.search(whole)
            else []
        )
        # "near government-controlled Novotroitske": the line of contact of 2014-2022, which
        # ran through Donetsk and Luhansk oblasts only.
        contact = _CONTACT_LINE_OBLASTS if _CONTACT_LINE.search(whole) else ()
        sectors = [*sectors, *contact]
        for oblast in (signed, *sectors):
            # "Сумська ОВА" under a post, "на Ореховском направлении": the region its villages
            # are in, not their namesakes'.
            region = self._gazetteer.region(oblast) if oblast else None
            if region is not None and region not in context:
                context = [*context, region]
        abroad = any(self._places.elsewhere(scanned) for scanned in scans)
        if not context and not names_a_party(whole) and abroad:
            return ()  # another war: "Israeli strikes near Gaza" names nothing of this one
        # The region of a local source's post that names no place at all.
        own_region = self._own_place(own) if own and not context else None
        if home and not context and (region := self._gazetteer.region(home)) is not None:
            context = [region]  # nothing in the text says where: the source's own region
        places_of = _Mentions(
            {s.index: (s.text, scanned) for s, scanned in zip(sentences, scans, strict=True)},
            lambda text, scanned: self._mentions(text, scanned, context, only_in=contact),
        )
        drafts: list[Draft] = []
        known: list[Attribution] = []
        unheard: list[Sentence] = []
        bodied = any(not s.is_title for s in sentences)
        by_index = {s.index: s for s in sentences}
        for s, scanned in zip(sentences, scans, strict=True):
            # Resolving places costs; a sentence without a trigger needs them only if an
            # event elsewhere looks back at it.
            if not kinds_in(s.text) or (bodied and _category_title(s, scanned)):
                # No event here; who it names matters to a later sentence's "he said", and
                # to the events just told if they have no one yet ("... about 4,000 children.
                # Vadym Filashkin, the regional governor, said so").
                # (those it tells of before "Nobody was hurt" joins them)
                unsaid = [d for d in drafts if not d.speakers and 0 < s.index - d.last <= 2]
                mark_no_casualties(drafts, s)
                if unsaid and not s.is_title and (said := learn_speakers(s, known)):
                    for d in unsaid:
                        d.speakers = list(said)
                else:
                    unheard.append(s)
                continue
            for earlier in unheard:
                learn_speakers(earlier, known)
            unheard.clear()
            mentions = places_of[s.index]
            # "Дніпро. Балістика. Є влучання.": after a post's heading, in an article of the
            # war, a bare "a hit" is the war's.
            before = by_index.get(s.index - 1)
            headed = (about_war or home is not None) and (
                (before is not None and _HEADING.fullmatch(before.text) is not None)
                # "Уламки пошкодили дах": in an article of the war, debris is what was shot
                # down.
                or DEBRIS_WORD.search(s.text) is not None
            )
            found = sentence_drafts(
                s,
                mentions,
                published_at=article.published_at,
                known_speakers=known,
                war=bool(headed),
            )
            if headed and before is not None and (weapon := weapon_in(before.text)) is not None:
                # "Миколаїв, балістика. Влучання у склад ...": the heading names what hit.
                for d in found:
                    if d.kind is EventKind.STRIKE and d.weapon is None:
                        d.weapon = weapon
            for d in found:
                if d.kind is EventKind.TERRITORIAL_CHANGE:
                    drafts.extend(split_per_region(d, s.text, mentions))
                else:
                    drafts.append(d)
            if not found:
                # ("Falling debris damaged three houses. Nobody was hurt, the governor said.":
                # a sentence of no event of its own tells the one just before, and who says so)
                unsaid = [d for d in drafts if not d.speakers and 0 < s.index - d.last <= 2]
                mark_no_casualties(drafts, s)
                if unsaid and not s.is_title and (said := learn_speakers(s, known)):
                    for d in unsaid:
                        d.speakers = list(said)
        titles = frozenset(s.index for s in sentences if s.is_title)
        _one_sense(drafts, places_of.best_readings(titles))
        drafts = [d for d in drafts if not _backdrop(d, article.published_at, whole)]
        drafts = merge_drafts(drafts)
        drafts = gather_bullets(drafts, sentences, places_of)
        if signer is not None:
            for d in drafts:
                if not d.speakers:
                    d.speakers = [signer]
        adopt_listed_origins(drafts, sentences, places_of)
        adopt_destinations(drafts, sentences, places_of)
        adopt_attacked_origin(drafts)
        adopt_launch_counts(drafts, sentences)
        adopt_evacuee_counts(drafts, sentences)
        _coded_toll(drafts, whole)
        adopt_debris_weapon(drafts)
        _same_day(drafts)
        default_date = _heading_date(sentences, article.published_at) or (
            local_date(article.published_at) if article.published_at else None
        )
        sole = _sole_settlement(context)
        named = {s.index: bool(scanned.hits) for s, scanned in zip(sentences, scans, strict=True)}
        residents = self._residents_city(whole) if any(not d.places for d in drafts) else None
        for d in drafts:
            if (d.kind is not EventKind.EVACUATION and not _located(d)) or not d.places:
                d.places.extend(_places_before(d, sentences, places_of))
            if not d.places and residents is not None:
                # "Уважаемые херсонцы! ... покинуть город", "загинули 5 запоріжців": the one
                # city whose people the text names.
                role = PlaceRole.ORIGIN if d.kind is EventKind.EVACUATION else PlaceRole.LOCATION
                d.places.append(PlaceMention(residents[0], residents[1], role, 0.7))
            if (
                sole is not None
                and d.kind in _TOLD_OF_A_PLACE
                and not _located(d)
                # A name its own sentences gave was left out on purpose ("south of
                # Bakhmut", "in hospital in Dnipro", ": Kiev" as who says so).
                and not any(named[s.index] for s in d.sentences)
            ):
                # "reports of a casualty in Popasna. ... a woman had died of injuries
                # sustained when her house was hit": the one town the article is about.
                d.places.append(PlaceMention(sole.name, sole, PlaceRole.LOCATION, 0.7))
            assign_roles(d)
            settle_places(d, context, whole)
            if d.kind is EventKind.NUCLEAR_SAFETY:
                self._add_plant_towns(d)
        # A name the gazetteer lacks counts as a place only in an article of this war.
        ours = bool(context) or names_a_party(whole)
        # A city's own evacuation told in its own voice is worth it though it names no place.
        own_voice = about_war and _MOVED_OUT_NOW.search(whole) is not None
        if own_region is not None and about_war:
            for d in drafts:
                if not d.places and d.kind in _OWN_REGION_KINDS:
                    d.places.append(
                        PlaceMention(own_region.name, own_region, PlaceRole.LOCATION, 0.7)
                    )
        kept = [
            d
            for d in drafts
            if (
                self._worth(d, unknown_places=ours and not abroad)
                or (own_voice and d.kind is EventKind.EVACUATION)
            )
            and not _history(d, article.published_at, whole)
        ]
        language = detect_language(whole) if kept else ""  # most articles report nothing
        return tuple(self._event(d, default_date, language) for d in kept)

    def _launched_from(self, text: str, place: Place) -> bool:
        """ "з напрямків Курськ, Брянськ": where drones, missiles and shells came from, abroad
        or told with the launch or the fire. "Attempted to advance from the direction of
        Krasnohorivka" is where troops fought, and "explosions from the direction of
        Shyrokyne" where shells fell."""
        return place.country != self._home or _LAUNCH_TOLD.search(text) is not None

    def _add_plant_towns(self, d: Draft) -> None:
        """A plant's town beside the plant: "the Zaporizhzhia NPP" is Enerhodar's news too."""
        for m in list(d.places):
            town_name = (
                PLANT_TOWNS.get(m.place.name) if m.place.level is PlaceLevel.FACILITY else None
            )
            if town_name is None or any(p.place.name == town_name for p in d.places):
                continue
            town = next(
                (
                    p
                    for p in self._gazetteer.lookup(town_name)
                    if p.admin1 == m.place.admin1 and p.level is PlaceLevel.SETTLEMENT
                ),
                None,
            )
            if town is not None:
                d.places.append(PlaceMention(m.mention, town, PlaceRole.LOCATION, m.score))

    def _war_places(self, sentences: Sequence[Sentence]) -> bool:
        """Whether an article without war words names a place of the war where it reports
        an event of it: only those sentences are scanned, most articles have none."""
        hits = [i for i, s in enumerate(sentences) if kinds_in(s.text) & WAR_LIKE_KINDS]
        # Each such sentence and the one before it, and the first: a post's heading names
        # the place the whole post is about ("Київ, Святошинський район. Рятувальники ...").
        near = sorted({j for i in hits for j in (0, i - 1, i) if j >= 0})
        scans = [self._places.scan(sentences[j].text) for j in near]
        if any(self._places.elsewhere(scanned) for scanned in scans):
            return False
        if any(_names_the_capital(sentences[j].text) for j in near):
            return True  # "Вже 9 постраждалих у столиці": Kyiv, unnamed
        if any(cities_named(sentences[j].text) for j in near):
            return True  # "загинули 5 запоріжців": a city of the war, by its people
        return any(
            (p.country == self._home or p.admin1 in _FRONT_ABROAD)
            and p.level is not PlaceLevel.COUNTRY
            for p in self._article_places(scans)
        )

    def _context(self, scans: Iterable[Any]) -> list[Place]:
        """The places an article names (`_article_places`), and the city whose districts it
        names alone ("у Приморському районі ... у Київському районі")."""
        scans = list(scans)
        context = self._article_places(scans)
        city = self._places.district_city(scans)
        return context if city is None or city in context else [*context, city]

    def _article_places(self, scans: Sequence[Any]) -> list[Place]:
        """The places an article names, each read on its own; a name that other oblasts'
        places share is read again beside the sure ones ("с. Хотінь" under "Сумщина" is
        Sumy Oblast's Khotin, not Chernivtsi Oblast's bigger Khotyn)."""
        found: list[Place] = []
        unsure: list[tuple[Any, int]] = []
        for scanned in scans:
            for located in self._places.resolve(scanned):
                place = located.mention.place
                # A name several big places share says nothing yet about the article.
                if located.ambiguous or place in found:
                    continue
                if self._places.rivals(scanned, located.start, place):
                    unsure.append((scanned, located.start))
                else:
                    found.append(place)
        # Only an oblast named outright settles them: other towns of a roundup may be anywhere.
        regions = {p.name for p in found if p.level is PlaceLevel.REGION}
        for scanned, start in unsure:
            if any(p in found for p in scanned.places_at(start)):
                # "Ракетний удар по Кривому Рогу. ... в Покровському районі": the city the
                # article names is one of what the name may mean (its district), not a
                # raion of another oblast.
                continue
            for located in self._places.resolve(scanned, context_regions=regions):
                place = located.mention.place
                if located.start == start and place not in found:
                    found.append(place)
        return found

    def _mentions(
        self,
        text: str,
        scanned: Any,
        context: Sequence[Place],
        *,
        only_in: Sequence[str] = (),
    ) -> list[tuple[int, PlaceMention]]:
        """The places a sentence names, as the event's mentions. only_in: the oblasts the
        text's own words confine its villages to (the Donbas line of contact), where a
        namesake there wins over a bigger town elsewhere."""
        out: list[tuple[int, PlaceMention]] = []
        # Regions the article names outright, and the regions of the places it names, decide
        # between namesakes ("near Novomykhailivka, southwest of Marinka, and near Kreminna in
        # Luhansk Oblast": Marinka's Donetsk Oblast counts as much as the Luhansk named).
        named = {p.name for p in context if p.level is PlaceLevel.REGION}
        regions = named | {p.admin1 for p in context if p.admin1}
        regions |= raion_keys(context)
        spans = list(self._places.resolve(scanned, context_regions=regions))
        qualifiers = self._qualifying_regions(text, spans)
        people = people_named(text) if spans else []
        setting = _setting(text, spans)
        for located in spans:
            pm = located.mention
            if any(a <= located.start < b for a, b in people):
                continue  # "spokesman Nazar Voloshyn said": a surname, not a village
            if any(a <= located.start < b for a, b in setting):
                continue  # "... as Russian forces pressed their offensive toward Pokrovsk"
            if _FORMERLY.search(text, max(0, located.start - 40), located.start):
                continue  # "Holubivske (formerly Kirovsk, ...)": the place before, renamed
            if _NUMBERED.match(text, located.start + len(pm.mention)):
                continue  # "battalions Donbas and Dnipro-1": a unit named after a place
            if (
                len(spans) > 1
                and _TOWARDS_BEFORE.search(text, max(0, located.start - 50), located.start)
                and _NEAR_AFTER.match(text, located.start + len(pm.mention))
            ):
                # "attacked towards Kostiantynivka near Bila Hora and Ivanopillia": where
                # they head, not where they fought
                continue
            if _ROAD_TO_BEFORE.search(text, max(0, located.start - 40), located.start) and (
                len(spans) > 1
                or any(p.level is PlaceLevel.SETTLEMENT and p != pm.place for p in context)
            ):
                # "a car on the road towards Myrnohrad" was hit where the text (or the
                # post's heading) says
                continue
            if (
                len(spans) > 1
                and _INFORMANT_BEFORE.search(text, max(0, located.start - 60), located.start)
                and _TOLD_AFTER.match(text, located.start + len(pm.mention))
            ):
                continue  # "Police in Mariupol told the Mission that ... in Shyrokyne"
            before = text[max(0, located.start - 60) : located.start]
            if id(located) in qualifiers:
                # "Vuhledar, Donetsk": the name after the comma is the region, not its capital,
                # and a town with namesakes is the one in that region.
                pm = PlaceMention(pm.mention, qualifiers[id(located)], pm.role, pm.score)
                out.append((located.start, pm))
                continue
            if _qualifies_an_unknown(before, spans, located.start) and (
                region := self._region_of(pm.place)
            ):
                # "withdrew from Lastochkyne, Donetsk", "on the left bank of the Dnipro,
                # Kherson": a place the gazetteer lacks (or a river) qualified by its region.
                out.append((located.start, PlaceMention(pm.mention, region, pm.role, pm.score)))
                continue
            title = _TITLE_AFTER.match(text, located.start + len(pm.mention))
            if title is not None and len(spans) > 1:
                # "Donetsk Governor Vadym Filashkin", "Kharkiv mayor Ihor Terekhov": an
                # office's name. A governor's names the region, a mayor's nothing more.
                region = self._region_of(pm.place)
                if title.group(1).lower() == "governor" and region is not None:
                    out.append(
                        (located.start, PlaceMention(pm.mention, region, pm.role, pm.score))
                    )
                continue
            after = text[located.start + len(pm.mention) :]
            if (
                _PLACES_OF_REGION_AFTER.match(after)
                or _UNNAMED_PLACE_IN.search(before)
                or _raion_of_region(text, located, spans)
            ) and (region := self._region_of(pm.place)):
                # "an unspecified location in Kharkiv", "an unknown village, Sumy": the region.
                out.append((located.start, PlaceMention(pm.mention, region, pm.role, pm.score)))
                continue
            if _REFERENCE_POINT.search(before) or _locates_the_one_before(
                text, before, located.start, pm.place, spans
            ):
                # "Lastochkyne, west of Avdiivka", "Andriivka near Sevastopol": the town that
                # locates another is not where it happened, but its oblast is (the other may
                # be a village the gazetteer lacks).
                region = self._gazetteer.region(pm.place.admin1 or "")
                if region is not None and pm.place.level is PlaceLevel.SETTLEMENT:
                    out.append((located.start, PlaceMention(pm.mention, region, pm.role, 0.7)))
                continue
            if (
                self._city_district(text, located, spans)
                or self._metonym(text, located)
                or (
                    _TREATED_IN.search(before)
                    and not (
                        _PATIENTS_BEFORE.search(before)
                        and _PATIENTS_MOVED.search(text, located.start)
                    )
                    and not _HOSPITAL_HIT.search(text, max(0, located.start - 120), located.start)
                )
                or (_LAUNCHED_FROM.search(before) and self._launched_from(text, pm.place))
                or _VESSEL_BEFORE.search(before)
                or _FIRED_FROM.search(before)
                or (_BANK_OF.search(before) and pm.place.level is PlaceLevel.SETTLEMENT)
                or (_THE_RIVER.search(before) and pm.mention.lower() in _RIVER_NAMES)
                or (_ALONG.search(before) and _RIVER_WORD.match(pm.mention) is not None)
                or _HOSPITAL_AFTER.match(text, located.start + len(pm.mention))
                or (_HOSPITAL_OF.search(before) and _TAKEN_TO.search(before))
                or _PASSED_THROUGH.search(before)
                or _STREET_BEFORE.search(before)
                or _STREET_AFTER.match(text, located.start + len(pm.mention))
                or (
                    _FEATURE_AFTER.match(text, located.start + len(pm.mention))
                    and not _ROUTE_END.search(before)
                )
                or _PROCESS_AFTER.match(text, located.start + len(pm.mention))
                or _NAMED_PLANT_IN.match(text, located.start + len(pm.mention))
                or _FORCES_AFTER.match(text, located.start + len(pm.mention))
                or _FORCES_BEFORE.search(before)
                or (
                    _OFFICE_AFTER.match(text, located.start + len(pm.mention))
                    and len(spans) > 1  # alone, the office's region is all the text says
                )
            ):
                # "south of Bakhmut", "in hospital in Dnipro": where it happened is elsewhere.
                continue
            if _FRONT_AFTER.match(text, located.start + len(pm.mention)) or (
                # "На Лиманському — чотири спроби просунутися": the General Staff's list goes
                # on sector by sector, "напрямку" said once.
                _SECTOR_ELLIPSIS.match(text, located.start + len(pm.mention))
                and _ON_BEFORE.search(before)
                and _LOCATIVE_ADJECTIVE.search(pm.mention)
                and words().front_sector(pm.mention) is not None
            ):
                # "на Покровському напрямку", "the Kupiansk direction": a sector of the front
                # in that town's oblast, not the town. The sector's own name decides first: the
                # adjective "Лиманському" also spells an Odesa Oblast village.
                oblast = words().front_sector(pm.mention) or pm.place.admin1 or ""
                sector = self._gazetteer.region(oblast)
                if sector is not None:
                    out.append(
                        (located.start, PlaceMention(pm.mention, sector, pm.role, pm.score))
                    )
                continue
            unit = _UNIT_AFTER.match(text, located.start + len(pm.mention))
            if (
                unit is not None
                and pm.place.level is PlaceLevel.SETTLEMENT
                # not a city's own district named after no town ("Приморський район" of Odesa)
                and spells_name(pm.mention, pm.place.name)
            ):
                # "the Polohy district", "Snovsk community": the raion or hromada, not the town.
                pm = PlaceMention(
                    pm.mention, self._unit_of(pm.place, unit.group(1)), pm.role, pm.score
                )
            stated = self._stated_region(text, located, spans, qualifiers)
            if stated is not None:
                # "Novoandriivka in Zaporizhzhia region", "Selydove, Donetsk": the text says
                # which namesake it is.
                namesakes = [
                    p
                    for p in self._gazetteer.lookup(pm.mention)
                    if p.admin1 == stated.name and p.level is PlaceLevel.SETTLEMENT
                ]
                if pm.place.admin1 != stated.name:
                    if not namesakes:
                        continue
                    pm = PlaceMention(pm.mention, namesakes[0], pm.role, max(pm.score, 0.9))
                else:
                    # Sure of the region; of the village only if the region has one such.
                    sure = 0.9 if len(namesakes) <= 1 else 0.5
                    pm = PlaceMention(pm.mention, pm.place, pm.role, max(pm.score, sure))
            if (
                only_in
                and pm.place.level is PlaceLevel.SETTLEMENT
                and pm.place.admin1 not in only_in
                and pm.place.population < MAJOR
            ):
                there = list(
                    dict.fromkeys(
                        p
                        for p in (
                            *self._gazetteer.lookup(pm.mention),
                            *self._gazetteer.lookup(pm.place.name),
                        )
                        if p.admin1 in only_in and p.level is PlaceLevel.SETTLEMENT
                    )
                )
                if there:
                    sure = 0.9 if len(there) == 1 else 0.5
                    pm = PlaceMention(pm.mention, there[0], pm.role, min(pm.score, sure))
            if pm.place.level is PlaceLevel.REGION and _CAPITAL_OF.search(text[: located.start]):
                capital = self._capital(pm.place)
                if capital is not None:
                    pm = PlaceMention(pm.mention, capital, pm.role, pm.score)
            out.append((located.start, pm))
        if not out and (capital_word := _names_the_capital(text)) is not None:
            # "Внаслідок атаки на столицю загинула людина", "the Ukrainian capital": Kyiv,
            # as Ukrainian posts and wires name it without its name.
            kyiv = self._kyiv
            if kyiv is not None:
                mention = PlaceMention(capital_word.group(0), kyiv, PlaceRole.LOCATION, 0.8)
                out.append((capital_word.start(), mention))
        return out

    @functools.cached_property
    def _kyiv(self) -> Place | None:
        """The capital, looked up once."""
        return self._town("Kyiv", "Kyiv")

    def _town(self, name: str, oblast: str) -> Place | None:
        """The biggest settlement of that name in that oblast."""
        towns = [
            p
            for p in self._gazetteer.lookup(name)
            if p.admin1 == oblast and p.level is PlaceLevel.SETTLEMENT
        ]
        return max(towns, key=lambda p: p.population, default=None)

    def _region_of(self, capital: Place) -> Place | None:
        """The region a regional capital names, when the place is one."""
        region = self._gazetteer.region(capital.admin1 or "")
        return region if region is not None and self._capital(region) == capital else None

    def _qualifying_regions(self, text: str, spans: Sequence[LocatedMention]) -> dict[int, Place]:
        """Spans that name a region by its capital's name right after a settlement of it:
        "Selydove, Donetsk", "Kupiansk (Kharkiv)", mapped to the region (and the settlement
        to its namesake in that region, if another was chosen). A list of cities
        ("Kharkiv, Donetsk and Luhansk") goes on with another place, and then they are
        cities."""
        out: dict[int, Place] = {}
        for a, b in zip(spans, spans[1:], strict=False):
            pa, pb = a.mention.place, b.mention.place
            # "Hroza village of Kupiansk district, Kharkiv": a raion or hromada is qualified too
            if pa.level not in _QUALIFIED_LEVELS or pb.level is not PlaceLevel.SETTLEMENT:
                continue
            gap = text[a.start + len(a.mention.mention) : b.start]
            if pb.population < REGIONAL_CAPITAL or not _QUALIFIER_GAP.fullmatch(gap):
                continue
            region = self._gazetteer.region(pb.admin1 or "")
            if region is not None and region.name == pb.name and pa.admin1 == f"{pb.name} Oblast":
                # "Borodianka, Kyiv": the oblast around a capital of its own status.
                region = self._gazetteer.region(pa.admin1)
                if region is not None:
                    out[id(b)] = region
                continue
            if region is None or self._capital(region) != pb:
                continue  # "Kharkiv, Donetsk" names two cities; "Toretsk, Donetsk" does not
            # The town itself, or a namesake of it, lies in the region: "Novomykhaylivka,
            # Donetsk" (found by its variant spelling) as much as "Toretsk, Donetsk".
            namesake: Place | None = pa
            if pa.admin1 != region.name:
                namesake = next(
                    (
                        p
                        for p in (
                            *self._gazetteer.lookup(a.mention.mention),
                            *self._gazetteer.lookup(pa.name),
                        )
                        if p.admin1 == region.name and p.level is PlaceLevel.SETTLEMENT
                    ),
                    None,
                )
            if namesake is None and pa.population >= REGIONAL_CAPITAL:
                continue  # "Kharkiv, Donetsk": two cities
            end = b.start + len(b.mention.mention)
            if _LIST_GOES_ON.match(text, end) and any(s.start > end for s in spans):
                nxt = next(s for s in spans if s.start > end)
                # "Kharkiv, Donetsk and Luhansk" lists cities; "Toretsk, Donetsk, and
                # Huliaipole, Zaporizhzhia" goes on with a town of another region.
                if _LIST_GOES_ON.fullmatch(text[end : nxt.start]) and self._region_of(
                    nxt.mention.place
                ):
                    continue
            out[id(b)] = region
            if namesake is not None and namesake != pa:
                out[id(a)] = namesake  # the region settles which of the namesakes it is
        return out

    def _unit_of(self, town: Place, word: str) -> Place:
        """The raion or hromada named after a town: "Polohy district" is Polohy Raion, as the
        codifier has it; a unit it lacks (abroad) keeps the town's name and region."""
        community = word.lower().startswith(("community", "hromada", "громад"))
        level = PlaceLevel.COMMUNITY if community else PlaceLevel.DISTRICT
        found = self._gazetteer.unit_of(town, level)
        if found is not None:
            return found
        name = f"{town.name} {'Hromada' if community else 'Raion'}"
        return replace(town, name=name, level=level, geonameid=None, population=0, code=None)

    @staticmethod
    def _city_district(
        text: str, located: LocatedMention, spans: Sequence[LocatedMention]
    ) -> bool:
        """ "the city's Dniprovskyi district" names a part of a city, not a namesake elsewhere."""
        after = text[located.start + len(located.mention.mention) :]
        if not _DISTRICT.match(after) or located.mention.place.level is PlaceLevel.DISTRICT:
            return False  # "в Бучанском районе" found as the raion itself
        admin1 = located.mention.place.admin1
        others = {s.mention.place.admin1 for s in spans if s is not located}
        place = located.mention.place
        if not others and place.population >= MAJOR and located.mention.score >= 0.5:
            return False  # the city itself, which its districts named together point to
        return admin1 not in others

    @staticmethod
    def _stated_region(
        text: str,
        located: LocatedMention,
        spans: Sequence[LocatedMention],
        qualifiers: dict[int, Place],
    ) -> Place | None:
        if located.mention.place.level is not PlaceLevel.SETTLEMENT:
            return None
        end = located.start + len(located.mention.mention)
        m = _IN_REGION.match(text, end)
        if m is None:
            return None
        region = next((s for s in spans if s.start == m.end()), None)
        if region is None:
            return None
        if m.group().strip().lower() in ("в", "у", "во", "на") and _TOWARDS_REGION.search(
            region.mention.mention
        ):
            return None  # "из Голой Пристани в Крым": where people went, not where it lies
        if id(region) in qualifiers:
            return qualifiers[id(region)]
        if region.mention.place.level is not PlaceLevel.REGION:
            return None
        if SPEAKING_BODY.match(text, region.start + len(region.mention.mention)):
            return None  # "... to Dnipro, Donetsk regional police said": who said it
        return region.mention.place

    @staticmethod
    def _metonym(text: str, located: LocatedMention) -> bool:
        """ "Kiev forces shell DPR", "Moscow says": a capital standing for its government."""
        if located.mention.place.name not in _CAPITAL_CITIES:
            return False
        end = located.start + len(located.mention.mention)
        if _GOVERNMENT_AFTER.match(text[end:]) or text[: located.start].endswith("pro-"):
            return True
        # A headline's closing source: "Two soldiers killed in the east: Kiev".
        return (
            re.match(r"^\s*(?:military|army|says)?\s*$", text[end:]) is not None
            and re.search(r"(?:[:–—-])\s*$", text[: located.start]) is not None
        )

    def _residents_city(self, text: str) -> tuple[str, Place] | None:
        """The city whose residents the text names ("херсонцы", "Kharkivites"), if just one."""
        found = cities_named(text)
        if len({city for _, city in found}) != 1:
            return self._addressed_city(text)
        word, (name, oblast) = found[0]
        town = self._town(name, oblast)
        return (word, town) if town is not None else None

    def _addressed_city(self, text: str) -> tuple[str, Place] | None:
        """The city a post's opening address names ("Чорноморці!": Chornomorsk), when its
        word is made from one town's name only (a town of at least `_ADDRESSED` people)."""
        found = addressed(text.lstrip())
        if found is None:
            return None
        word, names = found
        towns = {
            p
            for name in names
            for p in self._gazetteer.lookup(name)
            if p.level is PlaceLevel.SETTLEMENT and p.admin1 and p.population >= _ADDRESSED
        }
        return (word, towns.pop()) if len(towns) == 1 else None

    def _capital(self, region: Place) -> Place | None:
        name = _CAPITALS.get(
            region.name, region.name.removesuffix(" Oblast").removesuffix(" Krai")
        )
        return self._town(name, region.name)

    @staticmethod
    def _worth(d: Draft, *, unknown_places: bool) -> bool:
        # A kind word with nothing concrete attached (no place, figure or speaker) is noise;
        # a place the gazetteer does not know ("near Lastochkyne") is still a place.
        return bool(
            d.places
            or d.figures
            or (d.speakers and d.kind is not EventKind.GROUND_FIGHTING)
            or any(_ENGAGEMENTS.search(s.text) for s in d.sentences)
            or (
                unknown_places
                and d.kind in _NEEDS_A_PLACE
                and any(_UNKNOWN_PLACE.search(s.text) for s in d.sentences if not s.is_title)
            )
        )

    @staticmethod
    def _event(d: Draft, default_date: date | None, language: str) -> Event:
        evidence = " ".join(s.text for s in d.sentences if not s.is_title) or d.sentences[0].text
        figures = tuple(sorted(d.figures.items(), key=lambda kv: _FIGURE_ORDER.index(kv[0])))
        return Event(
            kind=d.kind,
            places=_once_each(d.places),
            figures=figures,
            attribution=tuple(d.speakers),
            date=min(d.dates) if d.dates else default_date,
            evidence=evidence,
            weapon=d.weapon,
            aspect=aspect_of(d.kind, evidence),
            denied=d.denied,
            no_casualties=d.no_casualties,
            disputed_by=tuple(d.disputed_by),
            language=language,
            also=tuple(k for k in _KIND_ORDER if k in _also(d) and k is not d.kind),
        )


_FIGURE_ORDER = tuple(FigureName)


def _once_each(places: Sequence[PlaceMention]) -> tuple[PlaceMention, ...]:
    """An event's places, each once in each role ("Vuhledar (Ugledar)" names one town), at
    the surest of its mentions: "the Kirovsky district of Donetsk" is a guess at a district
    of three cities, and the city named after it says which."""
    at: dict[tuple[Place, PlaceRole], int] = {}
    out: list[PlaceMention] = []
    for m in places:
        i = at.get((m.place, m.role))
        if i is None:
            at[(m.place, m.role)] = len(out)
            out.append(m)
        elif m.score > out[i].score:
            out[i] = replace(out[i], score=m.score)
    return tuple(out)


_TOLL_KINDS = frozenset(
    {EventKind.STRIKE, EventKind.GROUND_FIGHTING, EventKind.CASUALTIES, EventKind.AIR_DEFENSE}
)


def _coded_toll(drafts: Sequence[Draft], text: str) -> None:
    """A dataset note's coded toll ("2 fatalities coded to this event") is its events' killed
    figure: it replaces the claims its sentences quote, and a coded 0 leaves none."""
    coded = coded_toll(text)
    if coded is None:
        return
    told = [d for d in drafts if FigureName.KILLED in d.figures]
    for d in told or [d for d in drafts if d.kind in _TOLL_KINDS][:1]:
        if coded:
            d.figures[FigureName.KILLED] = Figure(coded)
        else:
            d.figures.pop(FigureName.KILLED, None)


def _also(d: Draft) -> set[EventKind]:
    """The kinds folded into a draft, with casualties for any event that has a toll."""
    return d.also | ({EventKind.CASUALTIES} if CASUALTY_FIGURES & d.figures.keys() else set())
