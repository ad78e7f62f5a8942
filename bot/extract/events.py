"""Assemble sentence-level findings into events: merge what belongs together, set place roles."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from bot.extract.attribution import (
    headline_source,
    merge_speakers,
    pronoun_speaker,
    resolve_short_names,
    speakers,
)
from bot.extract.dates import dated
from bot.extract.facilities import named_plant, nearest_plant
from bot.extract.figures import DIED_OF_WOUNDS, ORDINAL_DEAD, YET_TO_LEAVE, sentence_figures
from bot.extract.numbers import find_numbers
from bot.extract.placenames import spells_name
from bot.extract.sentences import Sentence
from bot.extract.triggers import (
    DENIAL,
    NO_CASUALTIES,
    TRIGGERS,
    has_war_context,
    kinds_in,
    weapon_in,
    weapon_told,
)
from bot.extract.wordindex import gated
from bot.kinds import CAMPAIGN, CASUALTY_FIGURES, KINDS
from bot.records import (
    Attribution,
    EventKind,
    Figure,
    FigureName,
    Place,
    PlaceLevel,
    PlaceMention,
    PlaceRole,
    Qualifier,
    Weapon,
)

_HIT_WORDS = gated(
    r"\b(?:hit|struck|damaged|destroyed (?:a|an|the|several)|killed|injured|wounded|fire\b|fires\b|blaze|"
    r"debris|fell|влуч|пошкод|поврежд|загин|поранен|погиб|ранен|постражд|пострада|уламк|обломк|"
    r"падіння|падени|зруйн|разруш|пожеж|пожар|загорі|загорел|детонац)\w*"
)
_FROM_N_PLACES = re.compile(
    r"\b(?:from|of) (?:the )?(?:[\w-]+ ){0,2}?(?:cities|towns|villages|settlements|communities|"
    r"districts)\b|"
    # "з 14 населених пунктів", "из 8 сел", "розширили зону примусової евакуації"
    r"\b(?:з|із|из)\s+(?:[\w’'-]+\s+){0,2}?(?:населен\w+\s+пункт\w*|сіл|сел|селищ|громад|міст|"
    r"городов)\b|\bзон\w*\s+(?:примусов\w*|обов['’]язков\w*|принудительн\w*|обязательн\w*)\s+"
    r"евакуац\w*|\bзон\w*\s+(?:примусов\w*|принудительн\w*|обязательн\w*)?\s*эвакуац\w*|"
    # "Примусову евакуацію дітей розширено. ... додано ще три — A, B та C": the order widened
    r"\b(?:розширен\w*|розширил\w*|розширю\w*|расширен\w*|расширил\w*|расширя\w*|widened|"
    r"widens|widening|expanded|expands|extended|extends)\b",
    re.IGNORECASE,
)
# "Зокрема йдеться про Кругле, Рублене та Плоске", "including Vasylivka": the list's cue.
_LISTING = re.compile(
    r"\b(?:зокрема|йдеться|ідеться|стосується|стосуються|серед\s+них|в\s+том\s+числе|речь\s+идет|"
    r"касается|including|among\s+them|such\s+as|covers?)\b",
    re.IGNORECASE,
)
_DESTINATION_PREP = re.compile(
    r"(?:\bto|\binto|\btowards?|\bfor|\bbound for|\bheaded for|\breached|\breaching|"
    r"\barrived in|\barrived at|\barriving in|\bдо|\bв|\bу|\bк|"
    # "were resettled in Odesa region", "most were sheltered in Mykolaiv": where they stay
    r"\b(?:resettled|rehoused|housed|sheltered|accommodated|relocated)\s+in|"
    # "в сторону Запорожья", "у бік Харкова", "в направлении Днепра"
    r"\b(?:в|у)\s+(?:сторону|бік|направлении|напрямку|напрямі))\s*$",
    re.IGNORECASE,
)
_ORIGIN_PREP = re.compile(
    r"(?:\bfrom|\bout of|\bleft|\bleaving|\bdeparted|\bfled|\bescaped|\bз|\bіз|\bиз)\s*$",
    re.IGNORECASE,
)
_ROLE_PREP = re.compile(
    r"\b(?:from|out of|left|leaving|departed|fled|escaped|to|into|towards?|for|reached|reaching|"
    r"arrived in|arrived at|arriving in|(?:resettled|rehoused|housed|sheltered|accommodated|"
    r"relocated)\s+in|з|із|из|до|к|"
    r"сторону|бік|направлении|напрямку|напрямі)\b",
    re.IGNORECASE,
)
# "в Харьков", "у Полтаву": after в/у a place in the accusative is where people go, while
# the locative ("в Харькове", "у Полтаві") only says where something is.
_INTO_PREP = re.compile(r"(?:^|\s)(?:в|у|во)\s+$", re.IGNORECASE)
_LISTED = r"(?:[A-ZА-ЯІЇЄҐ][\w'’-]*(?:\s+[A-ZА-ЯІЇЄҐ][\w'’-]*)?\s*(?:,|\s(?:и|і|та|й))\s*)+"
_INTO_LIST = re.compile(rf"(?:^|\s)(?:в|у|во)\s+{_LISTED}$")
# ... but "у Богодухівській громаді", "в Харьковской области": a feminine adjective's
# locative ends in -ій/-ой/-ей too.
# And a masculine or neuter name's locative ends in -у too: "у Покровську", "у Харкову", "у
# Кам'янському" (the accusative of a feminine name is "у Полтаву", "у Нову Каховку").
_ACCUSATIVE_END = re.compile(
    r"(?:(?<![іое])й|[бвгґджзклмнпрстфхцчшщ]|(?<!ськ)(?<!цьк)(?<!зьк)(?<!ов)(?<!ев)(?<!єв)(?<!ом)(?<!ем)у|"
    r"ю|и|ы)$",
    re.IGNORECASE,
)
# Words allowed between a preposition and the place it governs in a list.
_LIST_FILLER = re.compile(
    r"^(?:,|\band\b|\bthe\b|\bof\b|\bregions?\b|\bcity\b|\bcities\b|\btowns?\b|\bannexed\b|"
    # "out of border districts, including the town of Sudzha": the area, then its towns
    r"\bborder\b|\bfrontline\b|\bfront-line\b|\bdistricts?\b|\bareas?\b|\bvillages?\b|"
    r"\bsettlements?\b|\bcommunities\b|\bhromadas?\b|\bincluding\b|\bsuch\s+as\b|"
    r"\bneighbouring\b|\bneighboring\b|\brussian\b|\bukrainian\b|\boccupied\b|\bpartially\b|"
    r"\bnearby\b|\bі\b|\bта\b|\bи\b|[A-ZА-ЯІЇЄҐ][\w'’-]*|"
    # "out of flooded districts of Kherson", "from shelled border villages": a participle
    r"\b[a-z]+ed\b|"
    # "з окупованих Олешок", "из прифронтовых сел": an adjective between "from" and the name
    r"[а-яіїєґ][\w'’-]*(?:их|ых|ого|ої|ій|ий|ый|ой|ое)\b|\s)+$",
)


@dataclass(slots=True)
class Draft:
    """An event being assembled from one or more sentences."""

    kind: EventKind
    sentences: list[Sentence]
    places: list[PlaceMention]
    figures: dict[FigureName, Figure]
    speakers: list[Attribution]
    dates: list[date]
    weapon: Weapon | None = None
    denied: bool = False
    no_casualties: bool = False
    disputed_by: list[Attribution] = field(default_factory=list)
    also: set[EventKind] = field(default_factory=set)  # kinds folded into this incident
    # The weapon is only "shelling"/"обстріл" (any attack), read as artillery for want of
    # another: a weapon named in another sentence of the event says more.
    weapon_generic: bool = False
    # A weapon its sentences name outright, whatever its kind ("30 people died from Russian
    # missiles" is told as casualties): what a strike it joins was made with.
    named_weapon: Weapon | None = None
    # Of `dates`, those only said ("..., the governor said Tuesday"): the report's day, which
    # tells no incident apart from another.
    said_on: list[date] = field(default_factory=list)

    def take_weapon(self, other: Draft) -> None:
        """Keep the weapon named most surely: "Shelling of a convoy: 30 died from Russian
        missiles" is a missile strike."""
        if self.weapon is None:
            self.weapon, self.weapon_generic = other.weapon, other.weapon_generic
            if self.weapon is None and self.kind is EventKind.STRIKE:
                self.weapon = other.named_weapon
        elif self.weapon_generic and other.named_weapon is not None:
            self.weapon, self.weapon_generic = other.named_weapon, False

    @property
    def last(self) -> int:
        return self.sentences[-1].index

    def regions(self) -> set[str]:
        """Where it happened; an evacuation's destinations do not say where it happened."""
        return {
            m.place.admin1
            for m in self.places
            if m.place.admin1
            and m.place.level is not PlaceLevel.COUNTRY
            and m.role is not PlaceRole.DESTINATION
        }

    def absorb_places(self, other: Draft) -> None:
        for m in other.places:
            if not any(_same_place(m.place, p.place) for p in self.places):
                self.places.append(m)

    def fold(self, other: Draft) -> None:
        """Take in another kind's draft of the same incident: its kind becomes a facet of
        this one (`also`), its places and speakers join."""
        self.also |= {other.kind, *other.also}
        self.absorb_places(other)
        self.speakers = merge_speakers([*self.speakers, *other.speakers])
        # its counts this one lacks: "About 12,000 consumers lost power" after the strike
        for label, fig in other.figures.items():
            if label not in self.figures and _figure_fits(self.kind, label):
                self.figures[label] = fig

    def absorb(self, other: Draft) -> None:
        # "Russian attacks killed three civilians in two cities. In Kherson, two men died":
        # the lead's count is both towns'; the town's own count is its incident's.
        lead_self, lead_other = _sums_places(self), _sums_places(other)
        self.sentences.extend(s for s in other.sentences if s not in self.sentences)
        self.sentences.sort(key=lambda s: s.index)
        for m in other.places:
            same = next(
                (i for i, p in enumerate(self.places) if _same_place(m.place, p.place)), None
            )
            if same is None:
                self.places.append(m)
            elif (
                m.role is not PlaceRole.LOCATION
                and self.places[same].role is not m.role
                # a move within a city ("з острівної частини Херсона ... до Корабельного
                # району міста"): a district named for the city does not make it the end
                and (
                    self.places[same].role is not PlaceRole.ORIGIN
                    or spells_name(m.mention, m.place.name)
                )
            ):
                # A headline's "Покровськ – Львів" has no roles; the body's "до Львова" has.
                self.places[same] = replace(self.places[same], role=m.role)
        # A later count is the toll so far when it says so ("the toll rose to 2"), or when
        # this one told a death since ("У лікарні помер чоловік ... Загиблих — четверо").
        cumulative = any(_TOLL_UPDATE.search(s.text) for s in (*other.sentences, *self.sentences))
        for label, fig in other.figures.items():
            now = self.figures.get(label)
            if label in CASUALTY_FIGURES and now is not None and lead_self != lead_other:
                if lead_self:
                    self.figures[label] = fig
                continue
            if (
                cumulative
                and label in CASUALTY_FIGURES
                and now is not None
                and fig.value > now.value
            ):
                # "...died in hospital. The toll rose to 2": the later, higher total stands.
                self.figures[label] = fig
            elif (
                now is not None
                and now.value == fig.value
                and now.qualifier is Qualifier.EXACT
                and fig.qualifier is not Qualifier.EXACT
            ):
                # "Police move 5,700 people out" over "more than 5,700": headlines drop hedges.
                self.figures[label] = fig
            else:
                self.figures.setdefault(label, fig)
        self.speakers = merge_speakers([*self.speakers, *other.speakers])
        self.dates.extend(other.dates)
        self.said_on.extend(other.said_on)
        self.take_weapon(other)
        self.no_casualties = self.no_casualties or other.no_casualties
        self.disputed_by.extend(a for a in other.disputed_by if a not in self.disputed_by)
        self.also |= other.also


def _same_place(a: Place, b: Place) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.code is not None and a.code == b.code:
        return True
    return (a.name, a.admin1, a.level) == (b.name, b.admin1, b.level)


# "wounded in Tuesday's attack", "killed in the strike": the incident already told.
_BACK_REFERENCE = gated(
    r"\b(?:in|from|during|by|after)\s+(?:the|this|that|(?:\w+day|yesterday|last night)['’]s)\s+"
    r"(?:\w+\s+)?(?:attack|strike|shelling|bombardment|barrage|explosion|blast)s?\b|"
    r"\b(?:внаслідок|унаслідок|під час|після|в результаті|в результате|во время|после)\s+"
    r"(?:[\w’'-]+\s+)?(?:атаки|удару|обстрілу|удара|обстрела)\b"
)


_TOLL_FAMILY = frozenset({EventKind.STRIKE, EventKind.CASUALTIES})
# A wounded person who died later, in hospital or of the wounds: "Overnight a 61-year-old man
# died in hospital", "Уночі в лікарні помер", "в больнице скончалась".
_DIED_LATER = re.compile(
    DIED_OF_WOUNDS.pattern + r"|"
    r"\bdied\s+(?:\w+\s+)?in\s+(?:the\s+|a\s+)?hospital\b|"
    r"\b(?:в|у)\s+(?:лікарн|больниц|реанімац|реанимац)\w*\s+(?:[\w’'-]+\s+)?(?:помер|померл|умер|скончал)\w*",
    re.IGNORECASE,
)


def _same_regions(a: Draft, b: Draft) -> bool:
    ra, rb = a.regions(), b.regions()
    return not (ra and rb and not ra & rb)


def _compatible(a: Draft, b: Draft) -> bool:
    ra, rb = a.regions(), b.regions()
    if ra and rb and not ra & rb:
        return False
    # "Friday's strikes" and "Monday's strikes" are different events.
    da, db = _told_dates(a), _told_dates(b)
    return not da or not db or bool(da & db)


def _told_dates(d: Draft) -> set[date]:
    """The days a draft's sentences tell of, not counting the days things were said."""
    return set((Counter(d.dates) - Counter(d.said_on)).elements())


_RESIDENTS_OF = re.compile(
    r"(?:\b(?:з|із|с|со)\s+(?:[\w’'-]+\s+)?(?:мешканц\w*|жител\w*|людьми|переселенц\w*)|"
    # "Жителей Глушково и Суджи переправили": the people of a town, moved out of it
    r"(?:^|(?<=\s))(?:мешканц(?:ів|і|ям)|жител(?:ів|і|ей|и|ям))|"
    r"\b(?:residents|inhabitants|people|civilians|families|population)\s+of(?:\s+the)?"
    # "residents of the flooded villages of Korsunka and Dnipriany"
    r"(?:\s+(?:[\w-]+\s+){0,2}?(?:villages?|towns?|settlements?|city|communities|hromadas?)\s+of"
    r"(?:\s+the)?)?)\s+"
    # and the rest of their list: "residents of Stepnohirsk and Mala Tokmachka"
    r"(?:[\w’'-]+(?:\s+[\w’'-]+)?\s*(?:,|\band\b|\bі\b|\bта\b|\bи\b)\s*){0,4}$",
    re.IGNORECASE,
)


_DESTINATION_AFTER_NOUN = re.compile(
    r"\b(?:to|for|towards?|into|bound\s+for|headed\s+for)\s+"
    # (not "sheltered for weeks in Mariupol": how long, not where to)
    r"(?!(?:\d+\s+|a\s+|an\s+|several\s+|many\s+|few\s+|two\s+|three\s+|the\s+past\s+)?"
    r"(?:weeks?|days?|hours?|months?|years?|nights?)\b)(?:[\w-]+\s+){1,3}?"
    r"(?:in|at|near|such\s+as|like|including)\s+(?:(?-i:[A-Z])[\w’'-]+(?:\s*,\s*|\s+and\s+))*$|"
    # "Потяг Краматорськ — Львів", "the Kramatorsk–Lviv train": the second end of a dash route
    r"(?-i:[A-ZА-ЯІЇЄ])[\w’']+\s*[—–-]\s*$|"
    # "до медзакладів Харкова", "в пункты временного размещения в Белгороде", "до
    # транзитного центру в Павлограді"
    r"\bдо\s+(?-i:[а-яіїєґ])[\w’'-]+\s+$|\b(?:в|у)\s+пункт\w*\s+(?:[\w’'-]+\s+){0,2}(?:в|у)\s+$|"
    r"\bдо\s+(?:(?-i:[а-яіїєґ])[\w’'-]+\s+){1,3}(?:в|у)\s+$|"
    # "до таборів під Воронежем", "в лагеря под Воронежем": near the place they went to
    r"\b(?:до|в|у)\s+(?-i:[а-яіїєґё])[\w’'-]+\s+(?:[\w’'-]+\s+)?(?:під|под|біля|возле|около|поблизу)\s+$",
    re.IGNORECASE,
)


_OUT_OF_A_SITE_IN = re.compile(
    r"\b(?:out\s+of|from)\s+(?:the\s+)?(?:(?!(?:to|for|into|were|was|are|is|had|have|has|been|"
    r"be|being|arrived|housed|placed|taken|brought|moved)\b)[\w’'-]+\s+){1,4}?(?:in|at)\s+$",
    re.IGNORECASE,
)


_PART_OF = re.compile(
    r"(?:^|\s)(?P<prep>from|to|з|із|зі|до|из|с|со|в|во)\s+(?:the\s+)?"
    r"(?:(?!(?:from|to|in|into|з|із|зі|до|из|с|со|в|во|у)\s)[\w’'-]+\s+){0,2}?"
    r"(?:part|parts|outskirts|bank|частин[аиуі]|околиц[ьіяю]|окраин[ыу]|берег[ау]?)"
    r"\s+(?:of\s+)?$",
    re.IGNORECASE,
)


# After a region's name, a body that speaks ("Donetsk regional police said"), not where a
# place lies nor either end of a move.
SPEAKING_BODY = re.compile(
    r"\s+(?:police|administration|military|governor|authorities|council|prosecutor'?s?|head|"
    r"officials?|office|department|service|emergency|state|energy|power)\b",
    re.IGNORECASE,
)
_SPEAKING_REGION = re.compile(
    rf"[\w’'-]+\s+regional{SPEAKING_BODY.pattern}|"
    # "..., Belgorod governor Vyacheslav Gladkov said": a region's officer, by the region
    r"[\w’'-]+\s+(?:governor|police|authorities|officials)\b",
    re.IGNORECASE,
)


def place_role(sentence: str, start: int) -> PlaceRole:
    """Origin after "from", destination after "to", skipping list fillers in between."""
    if _SPEAKING_REGION.match(sentence, start):
        return PlaceRole.LOCATION
    head = sentence[:start]
    if (part := _PART_OF.search(head[-70:])) is not None:
        # "з острівної частини Херсона", "from the left-bank part of Kherson": the town's part
        origin = part.group("prep").lower() in ("from", "з", "із", "зі", "из", "с", "со")
        return PlaceRole.ORIGIN if origin else PlaceRole.DESTINATION
    for m in reversed(list(_ROLE_PREP.finditer(head))):
        gap = head[m.end() :]
        if gap.strip() and not _LIST_FILLER.match(gap):
            break
        if _ORIGIN_PREP.search(head[: m.end()]):
            return PlaceRole.ORIGIN
        if _DESTINATION_PREP.search(head[: m.end()]):
            return PlaceRole.DESTINATION
    if _OUT_OF_A_SITE_IN.search(head[-80:]):
        # "taken out of the Azovstal steel works in Mariupol": the town of the place they left
        return PlaceRole.ORIGIN
    if _DESTINATION_AFTER_NOUN.search(head[-80:]):
        # "left for holiday camps in Kaliningrad", "bound for towns such as Skadovsk"
        return PlaceRole.DESTINATION
    tail = sentence[start:]
    if re.match(
        # "Kupiansk residents", "Kupiansk district residents" (not "Kramatorsk ... with 61
        # residents")
        r"^[\w'’-]+(?:[ -](?!with\b|on\b|and\b|at\b|in\b|by\b)[\w'’-]+)?\s+"
        r"(?:residents|civilians|inhabitants|population)\b",
        tail,
    ):
        return PlaceRole.ORIGIN
    if _RESIDENTS_OF.search(head[-90:]):
        # "автобуси з мешканцями Куп'янська", "колонна с жителями Волчанска": people of a
        # town on their way out of it.
        return PlaceRole.ORIGIN
    word = re.match(r"[\w'’-]+", tail)
    if (
        (_INTO_PREP.search(head) or _INTO_LIST.search(head))
        and word
        and _ACCUSATIVE_END.search(word.group(0))
    ):
        # "переправили в Курск и Курчатов": each name of the list after "в" is a destination
        return PlaceRole.DESTINATION
    return PlaceRole.LOCATION


_ALERT = gated(
    r"\b(?:air[- ]raid\s+(?:alert|alarm|warning|siren)s?|повітрян\w*\s+тривог\w*|воздушн\w*\s+тревог\w*|"
    r"загроз\w*\s+(?:застосування|удару|атаки|ударів)|угроз\w*\s+(?:применения|удара|атаки|ударов)|"
    r"threat\s+of\s+(?:\w+\s+){0,2}?(?:strikes?|attacks?|bombs?|missiles?|drones?)|"
    r"(?:пройдіть|пройдите|залишайтеся|оставайтесь)\s+(?:в|у)\s+укритт\w*|"
    r"(?:take|seek)\s+shelter|"
    # "Можливе падіння уламків", "возможно падение обломков", "debris may fall": a warning
    r"можлив\w*\s+падін\w*|возможн\w*\s+падени\w*|"
    r"(?:debris|wreckage)\b[^.;]{0,40}?\b(?:may|could|might)\s+fall|"
    r"працює\s+ппо|работает\s+пво)\b"
)
_RETURN = gated(
    r"\b(?:повернул\w*|повертаються|повертатися|повертаю\w*|вернул\w*|возвращают\w*|"
    r"возвращаться|returned|returning|return\s+home|came\s+back|coming\s+back)\b"
)
_HEDGE = gated(
    r"\b(?:likely|expect\w*|could|might|(?<!\d )may(?! \d)|would|plans? to|planning|threat\w*|fears?|feared|"
    r"warn\w*|prepar(?:e|es|ing) (?:to|for)\b|possible|possibly|if|"
    r"можуть|може|можливо|ймовірно|планую\w*|плану(?:є|ють)|загроз\w*|готу\w*|якщо|очіку\w*|"
    r"может|могут|возможно|вероятно|планиру\w*|угроз\w*|готовя\w*|если|ожида\w*)\b"
)


# What ends the clause of a deed before a hedge in a later one: the reason or the aim
# ("withdrawn ... because of the threat of encirclement", "to preserve personnel after
# Russian forces threatened to encircle the town").
_REASON_OR_AIM = re.compile(
    r"\b(?:because|after|due\s+to|amid|since|following|to\s+(?:preserve|avoid|save|prevent)|"
    r"через|після|щоб|из-за|после|чтобы)\b|;",
    re.IGNORECASE,
)


# A capture named as a time: "after the town's recapture", "since its liberation", "після
# звільнення", "после освобождения".
_SINCE_CAPTURE = gated(
    r"\b(?:after|since|following|before)\s+(?:the\s+|its\s+|their\s+)?(?:[\w’'-]+['’]s\s+|"
    r"[\w-]+\s+){0,2}?(?:recapture|liberation|capture|occupation|seizure|fall|de-?occupation)\b|"
    r"\b(?:після|з моменту|від|до|после|с момента)\s+(?:[\w’'-]+\s+)?(?:звільнення|деокупації|"
    r"окупації|захоплення|освобождения|деоккупации|оккупации|захвата)\b"
)


def _hedged(text: str, kind: EventKind) -> bool:
    """Whether a hedge governs the kind's trigger: it comes before it, or after it in the
    same clause ("captured the town, which could open the road" is hedged; "withdrew
    because of the threat of encirclement" is not)."""
    if _HEDGE.search(text) is None:
        return False
    trigger = TRIGGERS[kind].search(text)
    for hedge in _HEDGE.rx.finditer(text):
        if trigger is None or hedge.start() < trigger.start():
            return True
        if not _REASON_OR_AIM.search(text, trigger.end(), hedge.start()):
            return True
    return False


# "СБУ задержала боевика, который штурмовал админздания": a court or arrest story tells of
# past deeds in a relative clause; they are no new event.
_JUSTICE = gated(
    r"\b(?:затрима\w*|задержа\w*|засуди\w*|осуди\w*|вирок\w*|приговор\w*|підозр\w*|"
    r"подозр\w*|арештува\w*|арестова\w*|detain\w*|arrest\w*|sentenced|convicted|charged)\b"
)
_RELATIVE = re.compile(r"\b(?:який|яка|які|якого|якій|котор\w*|who|whom)\b", re.IGNORECASE)


# "sentenced ... to 15 years for adjusting missile strikes", "засуджено за коригування
# ударів": what the sentence is for.
_FOR_A_DEED = re.compile(
    r"\b(?:for|of)\s+(?:[\w-]+\s+){0,2}?[\w-]+ing\b|"
    r"\bза\s+(?:коригуван|корегуван|корректир|наведен|шпигун|шпион|співпрац|сотрудничеств|"
    r"передач|державн\w*\s+зрад|госизмен|колаборац|коллаборац|пособництв|посібництв)\w*",
    re.IGNORECASE,
)


def _past_deed(text: str) -> bool:
    m = _JUSTICE.search(text)
    if m is None or kinds_in(text[: m.start()]):
        return False  # "shelling killed two; police detained a looter": the strike stands
    return _RELATIVE.search(text, m.end()) is not None or bool(_FOR_A_DEED.search(text, m.end()))


# What makes a sentence with an "attack" a strike rather than a ground assault.
_STRIKE_PROPER = gated(
    r"\b(?:strikes?|struck|shell\w*|bomb\w*|explosion\w*|blasts?|hit|fired|pounded|"
    r"airstrikes?|targeted|удар\w*|обстр\w*|вибух\w*|взрыв\w*|прил[іе]т\w*|прильот\w*|влуч\w*)"
)
_BACKGROUND = gated(
    r"\b(?:citing|amid|because of|due to|owing to|under|intensified|intensifying|constant|"
    r"continu\w*|persistent|relentless|ongoing|regular|daily|heavy|after (?:\w+\s+){0,2}?shelling|"
    r"через|на тлі|постійн\w*|систематичн\w*|щоденн\w*|під обстріл\w*|посилен\w*|"
    r"из-за|на фоне|постоянн\w*|под обстрел\w*|усилени\w*|усилив\w*|посилил\w*|непрекращающ\w*|ежедневн\w*|"
    # "вивозять дітей після обстрілів": why they leave
    r"після (?:[\w’'-]+\s+){0,2}?обстріл\w*|после (?:[\w’'-]+\s+){0,2}?обстрел\w*|"
    # "у зв'язку з регулярними обстрілами", "в связи с активизацией обстрелов": the reason
    r"у зв['’]язку з|в связи с|регулярн\w*|активізац\w*|активизац\w*|"
    # "10 населених пунктів, що найбільше потерпають від обстрілів": which places, not when
    r"(?:потерпа|стражда|страда)\w*\s+(?:[\w’'-]+\s+)?(?:від|от)\s+(?:[\w’'-]+\s+)?(?:обстріл|обстрел)\w*|"
    r"suffer\w*\s+(?:\w+\s+)?from\s+(?:the\s+)?(?:[\w-]+\s+)?(?:shelling|attacks|strikes))\b"
)
_EVACUATION_TO_COME = gated(
    r"\b(?:possible|potential|prepare[sd]?\s+for|preparing\s+for|plans?\s+(?:to|for)|planned|"
    r"considering|could|might)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?evacuat\w*|"
    r"\b(?:можлив\w*|возможн\w*|підготовк\w* до|подготовк\w* к|планує\w*|планиру\w*)\s+(?:[\w’'-]+\s+){0,2}?(?:евакуац|эвакуац)\w*"
)
# The war's first months as when people left: "виїхали в перші місяці повномасштабного
# вторгнення", "fled in the first weeks of the invasion", "в начале войны": background, no
# evacuation under way.
_EARLY_WAR = gated(
    r"\b(?:in|during)\s+the\s+(?:first|early|opening)\s+(?:days|weeks|months)\s+of\s+(?:the\s+)?"
    r"(?:russian\s+)?(?:full-scale\s+)?(?:war|invasion)\b|"
    r"\bat\s+the\s+(?:start|beginning|outset)\s+of\s+(?:the\s+)?(?:russian\s+)?(?:full-scale\s+)?"
    r"(?:war|invasion)\b|"
    r"\b(?:в|у)\s+перш\w+\s+(?:дн|тижн|місяц)\w*\s+(?:повномасштабн\w+\s+)?(?:вторгнення|війни)\b|"
    r"\bна\s+початку\s+(?:повномасштабн\w+\s+)?(?:вторгнення|війни)\b|"
    r"\bв\s+перв\w+\s+(?:дн|недел|месяц)\w*\s+(?:полномасштабн\w+\s+)?(?:вторжения|войны)\b|"
    r"\bв\s+начале\s+(?:полномасштабн\w+\s+)?(?:вторжения|войны)\b"
)
# A count of the whole war: "has killed more than 10,000 people since 2014", "з початку
# повномасштабного вторгнення загинули 1200". A statistic, not an incident.
_WHOLE_WAR = gated(
    r"\bsince\s+(?:(?:april|february|march)\s+)?(?:2014|2022)\b|"
    r"\bsince\s+(?:the\s+)?(?:start|beginning|outbreak)\s+of\s+(?:the\s+)?(?:russian\s+)?"
    r"(?:full-scale\s+)?(?:war|invasion|conflict|aggression)\b|"
    r"\bsince\s+the\s+(?:war|conflict|invasion|full-scale invasion)\s+(?:began|started|broke out)\b|"
    r"\b(?:з|із|від)\s+початку\s+(?:повномасштабн\w+\s+)?(?:вторгнення|війни|агресії|"
    r"російськ\w+\s+агресії)\b|"
    r"\bс\s+начала\s+(?:полномасштабн\w+\s+)?(?:вторжения|войны|конфликта|агрессии|СВО|"
    r"специальной военной операции|спецоперации)\b"
)
# "one of the deadliest attacks since the war began", "наймасованіша атака з початку
# вторгнення": the war as the measure of an incident, not a count of it.
_SUPERLATIVE_SINCE = re.compile(
    r"\b(?:deadliest|largest|biggest|worst|heaviest|most\s+\w+|first|"
    r"най\w+|наиболее\s+\w+|крупнейш\w*|сам\w+\s+\w+|перш\w+|перв\w+)\s+"
    # ("the largest number of civilians injured in a single attack on the city since ...")
    r"(?:[\w’'-]+\s+){0,12}?(?:since|з|із|від|с)\s+(?:the\s+)?(?:start|beginning|outbreak|"
    r"war|conflict|invasion|full-scale|(?:april|february|march)\s+|2014|2022|початку|начала)",
    re.IGNORECASE,
)


def _whole_war_count(text: str) -> bool:
    """A count of the war so far, not a count measured against it."""
    return _WHOLE_WAR.search(text) is not None and _SUPERLATIVE_SINCE.search(text) is None


_TOLL_OF_A_PERIOD = gated(
    r"\b(?:over|in|during|within)\s+(?:the\s+)?(?:past|last|previous)\s+(?:day|24 hours|week|month|night)\b|"
    r"\bза\s+(?:минулу\s+|прошедшие\s+|минулі\s+|останню\s+|последние\s+)?(?:добу|сутки|тиждень|неделю|місяць|месяц)\b"
)
_PURPOSE = gated(
    r"\b(?:to|would|could|help|helps)\s+(?:protect|defend|shield|guard)\s+(?:[\w’'-]+\s+){0,6}?(?:from|against)\b|"
    r"\b(?:щоб|чтобы)\s+(?:захистити|защитить|захищати|защищать)\b"
)
_FIRE_AS_BACKGROUND = gated(
    r"\b(?:despite|amid|amidst|because of|due to|owing to)\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:daily|constant|regular|persistent|ongoing|continuous|continued|heavy|relentless|frequent|"
    r"intensified|intensifying|incessant)\s+(?:russian\s+|enemy\s+)?(?:shelling|attacks?|strikes?|"
    r"bombardments?|fire|drone attacks?)\b|"
    r"\b(?:when|whenever|if|once)\s+(?:the\s+)?(?:shelling|fighting|situation|security situation)\s+(?:allows?|permits?|subsides?|eases?)\b|"
    r"\b(?:is|are|was|were|remains?|remained|lies|lie|came|come|comes)\s+under\s+(?:russian\s+)?(?:fire|shelling|attack)\s+"
    r"(?:almost\s+|nearly\s+)?(?:every\s+(?:day|night)|daily|nightly|constantly|regularly|all\s+the\s+time)\b|"
    r"\b(?:is|are|was|were|remains?|remained|lies|lie|came|come|comes)\s+under\s+(?:constant|daily|heavy|continuous|"
    r"relentless|intense|regular|almost\s+daily|near-constant|near-daily|nearly\s+daily|nightly|"
    r"frequent|repeated|incessant|persistent)\s+(?:russian\s+)?(?:shelling|fire|attacks?|bombardment)\b|"
    r"\b(?:через|на тлі|попри|незважаючи на|из-за|на фоне|несмотря на)\s+(?:(?:постійн|щоденн|регулярн|"
    r"систематичн|інтенсивн|постоянн|ежедневн|регулярн|систематическ|интенсивн|непрекращающ)\w*\s+"
    r"(?:[\w’'-]+\s+)?)?(?:обстріл|обстрел|удар|атак)\w*|"
    # "as Russian shelling of the town intensified": a trend, the setting of what is told
    r"\bas\s+(?:[\w-]+\s+){0,2}?(?:shelling|attacks|strikes|bombardments?|fire)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:intensified|increased|escalated|grew|worsened|mounted|picked\s+up)\b|"
    # "Kupiansk and Borova, both of which face regular shelling": what a place lives with
    r"\b(?:face|faces|facing|faced|endure|endures|enduring|endured|suffer|suffers|suffering|"
    r"see|sees|experience|experiences)\s+(?:almost\s+|near-|nearly\s+)?(?:constant|daily|regular|"
    r"continuous|relentless|frequent|repeated|incessant|persistent|nightly)\s+(?:russian\s+)?"
    r"(?:shelling|fire|attacks?|bombardments?|strikes)\b"
)
# The campaign around the news: "as Moscow's forces pressed their offensive toward
# Pokrovsk", "на тлі наступу російських військ на Покровськ".
_CAMPAIGN = re.compile(CAMPAIGN, re.IGNORECASE)
_NEWS_BESIDE_THE_CAMPAIGN = frozenset(
    {
        EventKind.STRIKE,
        EventKind.AIR_DEFENSE,
        EventKind.EVACUATION,
        EventKind.INFRASTRUCTURE_DAMAGE,
        EventKind.NUCLEAR_SAFETY,
    }
)
_ENTERED = re.compile(
    r"\b(?:entered|pushed\s+into|broke\s+into|увійшли|зайшли|вошли|зашли)\b", re.IGNORECASE
)
# A capture claim answered with fighting that goes on ("claimed full control of Izyum, while
# Ukrainian officials said fighting was continuing"): two events, the claim and the fighting.
_CLAIM_ANSWERED_BY_FIGHTING = re.compile(
    r"\b(?:fighting|battles?|clashes|combat|assaults?)\s+(?:(?:was|were|is|are|has\s+been|had\s+been)\s+)?"
    r"(?:still\s+)?(?:continu|going\s+on|ongoing|under\s*way|raging)\w*|"
    r"\bstill\s+(?:fighting|holding|defending|resisting|clashing)\b|"
    r"\bcontinu\w*\s+(?:to\s+)?(?:fight|assault|attack|storm|clash)\w*|"
    r"\b(?:бо[їи]|зіткнення|бои|столкновения)\s+(?:[\w’'-]+\s+){0,4}?(?:трива|продовжу|трив|продолжа|идут|ідуть)\w*|"
    r"\b(?:трива|продовжу|продолжа|ид)\w*\s+(?:[\w’'-]+\s+){0,1}?(?:бо[їи]|зіткнення|бои|столкновения)\b",
    re.IGNORECASE,
)
# Words that say who holds a place changed: a capture, a liberation, a withdrawal.
_CONTROL_CHANGED = re.compile(
    r"recaptur|liberat|retook|retak|captur|seiz|took\s+control|taken\s+control|withdr|pulled out|"
    r"звільн|освобод|захоп|захват|окупув|оккупир|контрол",
    re.IGNORECASE,
)
# "remote learning because of shelling": the fire as the cause of something else, told
# without a hit of its own.
_BECAUSE_OF_FIRE = gated(
    r"\b(?:because\s+of|due\s+to|owing\s+to)\s+(?:the\s+)?(?:russian\s+|enemy\s+)?"
    r"(?:shelling|attacks|strikes|bombardments?)\b"
)
# A place being under fire given as the reason for something else: no one incident.
_UNDER_FIRE_REASON = gated(
    r"\b(?:because|since|as|after)\s+(?:[\w’'-]+\s+){1,4}?(?:was|were|is|are|had been|has been|"
    r"kept|keeps|remains?|remained)\s+(?:coming\s+|increasingly\s+|constantly\s+)?under\s+"
    r"(?:fire|shelling|attack)\b|"
    r"\b(?:бо|оскільки|адже|так як|так как|потому что|поскольку)\s+(?:[\w’'-]+\s+){0,5}?"
    r"(?:під|под)\s+(?:постійними\s+|постоянными\s+)?(?:обстріл|обстрел|удар|атак)\w*"
)
_AS_REASON = gated(
    r"\b(?:as|with|because|since)\s+(?:the\s+)?(?:fighting|front ?line|battles?|clashes|russian|"
    r"enemy|troops|forces)\b|\b(?:у зв['’]язку з|в связи с|оскільки|поскольку)\b"
)
# "people left as Russian guided bombs hit the town": the fire is why they left
_FIRE_AS_REASON = gated(
    r"\b(?:as|while|after|because)\s+(?:the\s+)?(?:russian\s+|enemy\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:bombs?|shells?|missiles?|drones?|shelling|strikes?|attacks?|fire)\s+(?:\w+\s+)?"
    r"(?:hit|hits|pounded|struck|rained|continued|intensified|made|destroyed)\b|"
    r"\bunder\s+(?:constant|daily|heavy|continuous|relentless|intense)\s+(?:shelling|fire|attack)|"
    r"\bas\s+(?:[\w-]+\s+){0,3}?(?:stepped\s+up|intensified|increased|escalated)\s+(?:[\w-]+\s+)?(?:attacks|shelling|strikes|fire)\b"
)
_CAPTURE_AS_BACKGROUND = re.compile(
    r"\b(?:since|after|when|before|until)\s+(?:[\w’'-]+\s+){0,5}?(?:were|was|had\s+been|has\s+been|"
    r"have\s+been)\s+(?:\w+\s+)?(?:retaken|liberated|recaptured|captured|occupied|seized|de-?occupied)\b|"
    # "after Russian troops withdrew from Bucha, the mayor said ...": the setting
    r"\b(?:after|since|when)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?(?:troops|forces|army|units)\s+"
    r"(?:withdrew|retreated|pulled\s+out)\s+from\b|"
    r"\b(?:після|после)\s+(?:відходу|отхода|виходу|выхода|відступу|отступления)\b|"
    # "After the Government of Ukraine regained control over Izium in September 2022, ..."
    r"\b(?:since|after|when|once)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,5}?(?:regained|retook|recaptured|"
    r"liberated)\s+(?:control\s+(?:over|of)\s+)?(?:[\w’'-]+\s+){0,2}?(?:in|on)\s+(?:\w+\s+)?(?:19|20)\d\d\b|"
    r"\b(?:a|the)\s+(?:village|town|city|settlement)\s+(?:retaken|liberated|recaptured|captured|"
    r"occupied|seized)\s+(?:in|the|last|previous|earlier|by|on)\b|"
    # "the town Ukraine liberated in September 2022": who took it, then when
    r"\b(?:a|the)\s+(?:village|town|city|settlement)\s+(?:that\s+|which\s+)?(?:[\w’'-]+\s+){1,3}?(?:had\s+)?"
    r"(?:retook|liberated|recaptured|captured|occupied|seized|took)\s+(?:back\s+)?(?:in|on|last|"
    r"back\s+in)\s+(?:\w+\s+)?(?:\d{1,2}\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_DEBRIS_HIT = gated(
    r"\b(?:debris|fragments|wreckage|уламк\w*|обломк\w*)\b[^.;]{0,80}?"
    r"\b(?:fell|hit|damag\w*|set|caus\w*|впал\w*|падін\w*|пошкод\w*|зайнял\w*|загорі\w*|"
    r"упал\w*|поврежд\w*|загорел\w*|спричин\w*|вызвал\w*)"
)
# "FPV-дрон атакував авто", "a Shahed drone attacked": the weapon is who attacked.
_WEAPON_ATTACKED = re.compile(
    r"\b(?:дрон|безпілотник|бпла|шахед|ракет|беспилотник|drones?|uavs?|shaheds?|missiles?|"
    r"quadcopters?|квадрокоптер)\w*\s+(?:[\w’'-]+\s+){0,2}?(?:атакува|атакова|attack)\w*",
    re.IGNORECASE,
)
# "debris from a downed drone", "уламки збитого БпЛА", "обломки сбитой ракеты": whose debris
_DEBRIS_OF_DOWNED = re.compile(
    r"\b(?:debris|fragments|wreckage|уламк\w*|обломк\w*)\s+(?:(?:of|from)\s+)?(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:downed|intercepted|destroyed|shot-down|збит\w*|сбит\w*|знищен\w*|"
    r"уничтожен\w*|перехоплен\w*|перехвачен\w*)\s+(?:[\w-]+\s+)?[\w-]+",
    re.IGNORECASE,
)
# Soldiers on the ground, and their attacks beaten back.
_TROOPS = re.compile(
    r"\b(?:troops|infantry|soldiers|servicemen|units|assault\s+groups?|sabotage|repel\w*|repuls\w*|"
    r"beaten\s+back|pushed\s+back|піхот\w*|військов\w*|підрозділ\w*|штурмов\w*|відбит\w*|"
    r"пехот\w*|военн\w*|подразделени\w*|отбит\w*|отраж\w*)",
    re.IGNORECASE,
)
_FIGHTING_PROPER = gated(
    r"\b(?:fighting|clash\w*|battles?|combat|assaults?|storm\w*|бо[їий]\w*|боях|штурм\w*|"
    r"зіткнен\w*|столкновени\w*)\b"
)
# "attacking ... under cover of heavy artillery fire", "supported by air units", "driven back
# with artillery and air strikes": the fire that backs a ground attack or beats it back is part
# of the fighting, not a strike of its own.
_SUPPORTING_FIRE = gated(
    r"\b(?:under\s+(?:the\s+)?cover\s+of|(?:supported|backed|covered)\s+by|with\s+(?:the\s+)?"
    r"(?:support|backing|cover)\s+of|(?:driven|beaten|pushed|forced)\s+back\s+(?:by|with)|"
    r"repelled\s+(?:by|with))\s+(?:[\w'’-]+\s+){0,3}?(?:artillery|mortars?|air\s+units?|aviation|"
    r"air\s*strikes?|airstrikes?|drones?|fire|shelling|tanks?|armou?red\s+vehicles?)"
    r"(?:\s+(?:and|or)\s+(?:[\w'’-]+\s+){0,2}?(?:artillery|mortars?|air\s+units?|aviation|"
    r"air\s*strikes?|airstrikes?|drones?|fire|shelling|tanks?))*(?:\s+fire)?\b|"
    r"(?:під\s+прикриттям|за\s+підтримки|при\s+підтримці|под\s+прикрытием|при\s+поддержке|"
    r"с\s+поддержкой)\s+(?:[\w'’-]+\s+){0,2}?(?:артилері\w*|авіаці\w*|мінометі\w*|дрон\w*|"
    r"бронетехні\w*|танк\w*|артиллери\w*|авиаци\w*|миномет\w*|бронетехник\w*)"
)
_ONGOING = gated(
    r"\b(?:shelling|attacks|strikes)\s+(?:\w+\s+){0,3}?(?:continues?|continued|goes on|went on|"
    r"(?:has|had)\s+(?:intensified|increased|grown|continued))\b|"
    r"\b(?:обстріли|обстрели|удари|атаки)\s+(?:\w+\s+){0,3}?(?:тривають|продовжуються|не припиняються|"
    r"продолжаются|не прекращаются)\b|"
    # the verb first: "продолжают обстрелы", "в городе продолжаются обстрелы", "в связи с
    # усилением обстрелов", "посилення обстрілів"
    r"\b(?:продовжу\w*|продолжа\w*|тривають|не припиня\w*|не прекраща\w*|усилени\w*|усилил\w*|"
    r"посилен\w*|посилил\w*|интенсивн\w*|інтенсивн\w*)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:обстріл|обстрел|удар|атак)\w*|"
    # a habit, not an incident: "ворог щодня б'є по ньому КАБами", "обстреливают ежедневно",
    # "Russian forces shell the town every day"
    r"\b(?:щодня|щоночі|щоденно|ежедневно|еженощно|каждый\s+день|каждую\s+ночь|кожного\s+дня|"
    r"кожної\s+ночі|every\s+(?:day|night)|daily|nightly)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:б['’]є|б'ють|бьет|бьют|обстрілю\w*|обстрелива\w*|атаку\w*|shell\w*|attack\w*|strik\w*|"
    r"pound\w*|hit\w*)|"
    r"\b(?:б['’]є|б'ють|бьет|бьют|обстрілю\w*|обстрелива\w*|shell(?:s|ing)?|attacks?|pound(?:s|ing)?)\s+"
    r"(?:[\w’'-]+\s+){0,4}?(?:щодня|щоночі|ежедневно|каждый\s+день|every\s+(?:day|night)|daily|nightly)\b"
)
# "Гуманітарний коридор ... зірвано: російські війська продовжують обстріли", "shelling
# stopped evacuation buses": the fire is why an evacuation failed, told with it.
_EVACUATION_FAILED = gated(
    r"\b(?:зірва\w*|зрив\w*|сорва\w*|срыв\w*|failed|fails|did\s+not\s+work|could\s+not\s+be|"
    r"blocked|blocks|stopped|prevented|halted|suspended|призупин\w*|приостанов\w*|перенесен\w*)\b"
)
_MINE = gated(
    r"\b(?:struck|hit|ran over|drove over|stepped on|detonated)\s+(?:an?\s+)?(?:[\w'’-]+\s+){0,3}?mines?\b|"
    # "a cluster submunition left over from earlier shelling", "explosive remnants of war"
    r"\b(?:sub-?munitions?|explosive remnants|left\s*over (?:from|after)|leftover (?:ordnance|munitions?))\b|"
    r"\b(?:підірва\w*|подорва\w*)\s+на\s+(?:\w+\s+)?(?:міні|мине|вибухівці|взрывчатке)"
)
_TOLL_UPDATE = gated(
    r"\b(?:death toll|toll|number of (?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:dead|killed|victims))\s+(?:[\w'’,-]+\s+){0,20}?"
    r"(?:rose|rises|risen|climbed|climbs|reached|increased)|"
    r"\b(?:died|dies)\s+(?:of\s+(?:his\s+|her\s+|their\s+)?(?:wounds|injuries)\s+)?(?:in|at) (?:a |the )?hospital|"
    # "the bodies of two civilians killed in earlier shelling were recovered"
    r"\bbod(?:y|ies)\s+of\s+(?:[\w'’-]+\s+){0,8}?(?:was|were|had been|have been)\s+(?:\w+\s+)?"
    r"(?:recovered|found|pulled|retrieved)|"
    # "Boy dies of wounds after Orikhiv shelling": a death after the attack, told later
    r"\b(?:dies|died|die)\s+of\s+(?:his\s+|her\s+|their\s+)?(?:wounds|injuries)\s+(?:\w+\s+)?after\b|"
    # "died of wounds he had sustained two days earlier", "succumbed to injuries received on Monday"
    r"\b(?:died|dies|succumbed)\s+(?:of|from|to)\s+(?:the\s+)?(?:his\s+|her\s+|their\s+)?(?:wounds|injuries)\s+"
    r"(?:\w+\s+){0,2}?(?:sustained|received|suffered)\s+(?:\w+\s+){0,3}?(?:earlier|before|ago|on\s+\w+day|last\s+\w+|in\s+(?:a|an|the))\b|"
    r"\b(?:помер|померла|помер\w+|скончал\w*|умер\w*)\s+(?:\w+\s+){0,3}?(?:від|от)\s+(?:отриманих|полученных)\s+(?:\w+\s+){0,2}?(?:раніше|ранее|поранень|ранений|травм)\w*|"
    # "the number of injured rose to 17", "Всего ранены 22 человека": a later total
    r"\b(?:number\s+of|count\s+of)\s+(?:the\s+)?(?:injured|wounded|dead|victims)\s+(?:[\w'’,-]+\s+){0,10}?"
    r"(?:rose|rises|risen|climbed|reached|increased)|"
    r"\b(?:всього|всего|загалом|в\s+общей\s+сложности|in\s+total|altogether)\b[^.;]{0,30}?"
    r"\b(?:поранен|ранен|загину|погиб|травмован|постражда|пострада|injured|wounded|killed)\w*|"
    r"\b(?:кількість|число|количество)\s+(?:загиблих|жертв|погибших|поранених|постраждалих|"
    r"травмованих|раненых|пострадавших)\s+(?:[\w’'-]+\s+){0,10}?"
    r"(?:зросл|збільшил|сягнул|досягл|возросл|вырос|увеличил|достигл)\w*|"
    r"\bзросла кількість\b|\bвозросло число\b|"
    # "Тепер відомо про чотирьох загиблих", "now known to have killed four": the count so far
    r"\b(?:тепер|теперь|наразі|now)\b[^.;]{0,20}?\b(?:відомо|известно|known)\b|"
    r"\b(?:у|в)\s+(?:лікарні|больнице|реанімації|реанимации)\s+(?:\w+\s+){0,2}?(?:помер|помер\w+|скончал\w*|умер\w*)|"
    r"\b(?:помер|померла|скончал\w*|умер\w*)\s+(?:\w+\s+){0,2}?(?:у|в)\s+(?:лікарні|больнице)|"
    # "..., bringing the death toll to 12", "raising the toll to nine"
    r"\b(?:bringing|raising|taking|pushing)\s+(?:the\s+)?(?:death\s+)?toll\b|"
    # "by Wednesday afternoon the regional administration put the toll at 47 dead"
    r"\b(?:put|puts|putting|placed|raised|revised)\s+(?:the\s+)?(?:death\s+)?toll\s+(?:at|to)\b|"
    # "rescuers recovered the bodies of two more people", "з-під завалів дістали тіла",
    # "спасатели извлекли тело"
    r"\b(?:recovered|pulled|retrieved|found)\s+(?:the\s+)?bod(?:y|ies)\s+of\b|"
    r"\b(?:дістали|вилучили|виявили|знайшли|деблокували)\s+(?:\w+\s+){0,2}?тіл[оа]\b|"
    r"\b(?:извлекли|достали|обнаружили|нашли)\s+(?:\w+\s+){0,2}?тел[оа]\b"
)
_DEMINING = gated(
    r"\b(?:de-?min\w*|mine[- ]?clear\w*|clear\w* (?:of |the )?(?:mines|explosives)|cleared mines|"
    r"sappers?|pyrotechnic\w*|unexploded|розмінув\w*|розмінуван\w*|сапер\w*|піротехнік\w*|"
    r"вибухонебезпечн\w*|взрывоопасн\w*|"
    r"разминир\w*|пиротехник\w*)"
)


_REMEMBRANCE = gated(
    r"\b(?:anniversary|commemorat\w*|laid flowers|memorial (?:service|ceremony)|in memory of|"
    # (not a town's fall, which dates news: "a year after the fall of Bakhmut, Russian forces
    # shelled Chasiv Yar")
    r"years? (?:after|since)(?!\s+(?:the\s+)?(?:fall|capture|loss|seizure|occupation|encirclement)\s+of\b)|"
    r"years? ago|mourn\w* the victims|"
    r"роковин\w*|вшанува\w*|вшановув\w*|поклали квіти|пам['’]ят\w* жертв|річниц\w*|"
    r"(?:рік|роки|років|год|года|лет) (?:тому|назад)|"
    r"годовщин\w*|почтили память|возложили цвет\w*|память жертв|"
    r"дн(?:ем|ь)\s+жалоби|дн(?:ем|ь)\s+траура|day\s+of\s+mourning|mourning\s+day|"
    # condolences to the families of those a strike killed: the strike was told before
    r"співчутт\w*|соболезнован\w*|соболезну\w*|condolences|"
    r"\bжалоб[аиуі]\b|\bтраур\w*|(?:declared|declares|announced)\s+(?:a\s+)?(?:\w+[- ]day\s+)?mourning|"
    # "Ровно год назад ракета попала в дом. Тогда погибли 9 человек.": the toll of then
    r"^\W*(?:тоді|тогда|back then|at the time)\b)"
)
_DRILL = gated(
    r"\b(?:drills?|(?:military |snap |joint |staff )?exercises|simulat\w*|rehears\w*|mock (?:targets?|attack)|"
    r"(?:військов|спільн|командно-штабн)\w* навчан\w*|тренуван\w*|учени[яй]|"
    # "учебная тревога", "учебные стрельбы" are drills; "учебный центр" is a target
    r"учебн\w* (?:тревог|стрельб|пуск|атак|бо[йяю]|задач)\w*|"
    r"навчальн\w* (?:тривог|стрільб|пуск)\w*)\b"
)
# A medical evacuation that moves patients away by train, bus or plane ("a medical
# evacuation train left Kramatorsk with 36 patients, bound for Lviv"): an evacuation, not
# the wounded taken to hospital.
_PATIENTS_MOVED = gated(
    r"\b(?:train|trains|bus|buses|convoy|flight|plane|aircraft|потяг\w*|поїзд\w*|поезд\w*|"
    r"автобус\w*|літак\w*|самолет\w*)\b"
)
# The vehicle an attack hit, told by what it was doing: "атаковал микроавтобус фонда, который
# вывозил пожилых людей", "влучив у автобус, що евакуював людей", "a van that was evacuating
# residents": the attack is the news, not an evacuation.
_HIT_WHILE_CARRYING = re.compile(
    r"\b(?:котор\w+|як(?:ий|а|е|і)|що|that|which)\s+(?:[\w’'-]+\s+){0,2}?(?:вывозил\w*|вивозив\w*|"
    r"евакуював\w*|эвакуировал\w*|забирав\w*|забирал\w*|везл\w*|віз\b|вез\b|перевозив\w*|"
    r"перевозил\w*|(?:was|were)\s+(?:evacuating|carrying|taking|ferrying|transporting|driving))\b",
    re.IGNORECASE,
)
# Debris of what was shot down: "уламки пошкодили дах", "debris fell on the plant's grounds".
DEBRIS_WORD = re.compile(r"\b(?:уламк|обломк|debris\b|wreckage\b)\w*", re.IGNORECASE)
# Shelling as the standing cause of outages ("через ворожі обстріли", "due to Russian
# attacks"), in the plural: not one attack told as an incident ("внаслідок атаки дронів
# пошкоджено підстанцію" is one).
_FIRE_AS_CAUSE = gated(
    r"\b(?:через|из-за|due\s+to|because\s+of)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:обстріли|обстрілів|атаки|атак|удари|ударів|обстрелы|обстрелов|ударов|shelling|attacks|strikes)\b|"
    # "внаслідок масованих обстрілів ... діють графіки відключень": shelling in general (the
    # plural: "внаслідок нічної атаки" tells one attack) as the cause of a grid's outages
    r"\b(?:внаслідок|в\s+результате|у\s+зв['’]язку\s+з|в\s+связи\s+с|as\s+a\s+result\s+of)\s+"
    r"(?:[\w’'-]+\s+){0,2}?(?:обстрілів|атак|ударів|обстрелов|ударов|обстрілами|обстрелами|атаками|"
    r"ударами|attacks|strikes)\b"
)
_SPORT = gated(
    r"\b(?:match|goals?|scored|striker|midfielder|league|penalty|referee|first half|second half|"
    r"матч\w*|гол(?:ом|и|ів)?|пенальт\w*|тайм\w*|чемпіонат\w*|чемпионат\w*)\b"
)
# "Six were injured and another 23 residents were evacuated": others moved out, not the hurt.
_OTHERS_MOVED = re.compile(
    r"\b(?:another|other|more|ще|щe|еще|ещё|інш\w*|други\w*)\s+(?:\d[\d\s,]*|[\w’'-]+)\s+"
    r"(?:[\w’'-]+\s+)?(?:residents|people|civilians|tenants|жител\w*|мешканц\w*|людей|люди|"
    r"человек|жильц\w*|жильця|мешкан\w*)\b[^.;]{0,30}?(?:evacuat\w*|евакуйов\w*|эвакуир\w*|"
    r"відселен\w*|отселен\w*)",
    re.IGNORECASE,
)
_MEDICAL = gated(
    r"\b(?:wounded|injured|hurt|casualties|victims?)\b[^.;]{0,60}\b(?:evacuated|taken|brought|"
    r"transported|transferred|driven)\b[^.;]{0,30}\b(?:to (?:a |the )?(?:[\w-]+ )?(?:hospital|medical|clinic)|"
    r"to \w+ for treatment)|"
    r"\bmedical evacuation\b|\bmedevac\b|\bevacuated (?:\w+ ){0,3}to (?:a |the )?(?:hospital|medical)|"
    r"\b(?:taken|brought|rushed|driven|admitted|transported|transferred)\s+to\s+(?:a\s+|the\s+)?"
    r"(?:[\w-]+\s+)?(?:hospitals?|clinics?|medical)|"
    r"\b(?:wounded|injured)\b[^.;]{0,40}\bevacuated\b|"
    r"\b(?:поранен|ранен|постраждал|пострадавш)\w*[^.;]{0,60}(?:евакуйов|евакую|эвакуирова|доставл|"
    r"доставил|доправ|госпіталізов|госпіталізув|госпитализирова)\w*"
)


def decide_kinds(text: str, figures: dict[FigureName, Figure]) -> set[EventKind]:
    """Trigger words, then the rules that keep the kinds honest to the spec.

    Only called for articles already judged to be about the war.
    """
    return _settle_kinds(text, kinds_in(text), figures)


def _settle_kinds(
    text: str,
    kinds: set[EventKind],
    figures: dict[FigureName, Figure],
    *,
    placed: bool = False,
    war: bool = False,
) -> set[EventKind]:
    """`decide_kinds` once the trigger words' kinds are known; `placed`: the sentence names
    a place below country level ("Удар по Одесі"), which is war context enough, as is `war`
    (the sentences around it are the war's)."""
    if not kinds:
        return kinds
    in_war = placed or war or has_war_context(text)
    toll = bool(CASUALTY_FIGURES & figures.keys())
    if EventKind.TERRITORIAL_CHANGE in kinds and _CAPTURE_AS_BACKGROUND.search(text):
        # "the first convoy since the two towns were retaken", "a village retaken the previous
        # November": a capture told as the setting, not as news.
        rest = _CAPTURE_AS_BACKGROUND.sub(" ", text)
        if EventKind.TERRITORIAL_CHANGE not in kinds_in(rest):
            kinds = kinds - {EventKind.TERRITORIAL_CHANGE}
            if not kinds:
                return kinds
    if (
        EventKind.AIR_DEFENSE in kinds
        and FigureName.INTERCEPTED not in figures
        and _DEBRIS_HIT.search(text)
        and (
            EventKind.STRIKE not in kinds
            # "Debris from a downed drone fell on a warehouse": the shooting down only says
            # whose debris it was
            or EventKind.AIR_DEFENSE not in kinds_in(_DEBRIS_OF_DOWNED.sub(" ", text))
        )
    ):
        # "уламки збитого БпЛА впали, зайнялося авто": what fell and burnt, not a count of
        # what was shot down.
        kinds.discard(EventKind.AIR_DEFENSE)
        kinds.add(EventKind.STRIKE)
    if (
        EventKind.CASUALTIES in kinds
        and not kinds & {EventKind.STRIKE, EventKind.AIR_DEFENSE}
        and _DEBRIS_HIT.search(text)
    ):
        # "Обломки одной из них упали на частный дом, ранены три человека": what was shot
        # down hit a house; its casualties are that strike's.
        kinds.discard(EventKind.CASUALTIES)
        kinds.add(EventKind.STRIKE)
    if EventKind.AIR_DEFENSE in kinds:
        shot = FigureName.INTERCEPTED in figures or re.search(
            r"drone|missile|shahed|uav|rocket|ракет|дрон|безпілот|беспилот|шахед|бпла|бпла|ціл|цел|"
            # aircraft shot down: "a combat plane of the invaders was shot down"
            r"plane|jet|aircraft|helicopter|\bsu-\d|\bka-\d|\bmi-\d|літак|самол[её]т|гелікоптер|"
            r"вертол[её]т|винищувач|истребител|бомбардувальник|бомбардировщик|\bсу-\d",
            text,
            re.IGNORECASE,
        )
        if not shot:
            kinds.discard(EventKind.AIR_DEFENSE)
        elif not toll and not _tells_of_a_hit(text):
            # Interceptions are not strikes that hit.
            kinds.discard(EventKind.STRIKE)
    if EventKind.STRIKE in kinds and not (in_war or toll or weapon_in(text)):
        kinds.discard(EventKind.STRIKE)
    if EventKind.STRIKE in kinds and EventKind.GROUND_FIGHTING in kinds:
        # The fire that backs a ground attack or beats it back is the fighting's, so it is
        # read out before asking whether a strike is told too.
        support = _SUPPORTING_FIRE.search(text)
        rest = f"{text[: support.start()]} {text[support.end() :]}" if support else text
        if (weapon_in(rest) is None and not _STRIKE_PROPER.search(rest)) or (
            support and not toll and EventKind.STRIKE not in kinds_in(rest)
        ):
            # "attacked near Synkivka but were repelled": troops on foot, not a strike.
            kinds.discard(EventKind.STRIKE)
    if (
        EventKind.STRIKE in kinds
        and EventKind.GROUND_FIGHTING in kinds
        and _WEAPON_ATTACKED.search(text)
        and not _FIGHTING_PROPER.search(text)
    ):
        # "Дрон атакував маршрутку", "a drone attacked a car": a weapon attacked, no troops.
        kinds.discard(EventKind.GROUND_FIGHTING)
    if (
        EventKind.STRIKE in kinds
        and EventKind.GROUND_FIGHTING in kinds
        and weapon_in(text, generic_fire=False) in (Weapon.MISSILE, Weapon.DRONE, Weapon.AIR)
        and not _FIGHTING_PROPER.search(text)
        and not _TROOPS.search(text)
    ):
        # "Russia attacked an air base near Starokostiantyniv with missiles and drones": an
        # attack from afar, no troops.
        kinds.discard(EventKind.GROUND_FIGHTING)
    if _DEMINING.search(text):
        # Sappers clearing a retaken village, or ordnance made safe: no event of the war.
        kinds -= {EventKind.TERRITORIAL_CHANGE, EventKind.STRIKE, EventKind.AIR_DEFENSE}
    if EventKind.EVACUATION in kinds and not toll:
        if EventKind.STRIKE in kinds and (
            _BACKGROUND.search(text)
            or _FIRE_AS_REASON.search(text)
            or _EVACUATION_FAILED.search(text)
        ):
            # "evacuation ..., citing intensified shelling": the reason, not an incident.
            kinds.discard(EventKind.STRIKE)
        if EventKind.GROUND_FIGHTING in kinds and (
            not _FIGHTING_PROPER.search(text)
            or _BACKGROUND.search(text)
            or _AS_REASON.search(text)
        ):
            # "as Russian troops advanced", "as the fighting drew closer": why people leave.
            kinds.discard(EventKind.GROUND_FIGHTING)
    if EventKind.STRIKE in kinds and not toll and _UNDER_FIRE_REASON.search(text):
        kinds.discard(
            EventKind.STRIKE
        )  # "moved the departure point because the line was under fire"
    if (
        {EventKind.STRIKE, EventKind.INFRASTRUCTURE_DAMAGE} <= kinds
        and not toll
        and _FIRE_AS_CAUSE.search(text)
        and EventKind.STRIKE not in kinds_in(_FIRE_AS_CAUSE.sub(" ", text))
    ):
        # "Через ворожі обстріли є нові знеструмлення в Харківській ... областях": a grid
        # operator's notice of outages, the shelling only their cause.
        kinds.discard(EventKind.STRIKE)
    bg = _FIRE_AS_BACKGROUND.search(text) if EventKind.STRIKE in kinds and not toll else None
    if bg is not None and EventKind.STRIKE not in kinds_in(
        f"{text[: bg.start()]} {text[bg.end() :]}"
    ):
        # "aid delivered to those who stay despite daily shelling": the fire is the setting;
        # a strike is told only if the rest of the sentence tells one.
        kinds.discard(EventKind.STRIKE)
    if (
        EventKind.GROUND_FIGHTING in kinds
        and (
            kinds & _NEWS_BESIDE_THE_CAMPAIGN
            or not (toll or EventKind.CASUALTIES in kinds)  # ("dozens killed as ...")
        )
        and _CAMPAIGN.search(text)
        and EventKind.GROUND_FIGHTING not in kinds_in(_CAMPAIGN.sub(" ", text))
    ):
        # "Russian strikes on Selydove killed three, as Moscow's forces pressed their
        # offensive toward Pokrovsk", "met the Finnish president, as Russian troops pressed
        # their advance": the campaign is the setting. With a toll and nothing else ("two
        # killed as fighting rages in Donetsk") it is where they died, and stays.
        kinds.discard(EventKind.GROUND_FIGHTING)
    if (
        EventKind.STRIKE in kinds
        and not toll
        and EventKind.CASUALTIES not in kinds
        and _BECAUSE_OF_FIRE.search(text)
        and not _tells_of_a_hit(text)
        and EventKind.STRIKE not in kinds_in(_BECAUSE_OF_FIRE.sub(" ", text))
    ):
        # "schools will keep teaching online because of shelling": why, not what happened
        kinds.discard(EventKind.STRIKE)
    if EventKind.STRIKE in kinds and not toll and _ONGOING.search(text):
        kinds.discard(EventKind.STRIKE)  # "Обстріли міста тривають": no one incident
    if _MINE.search(text):
        kinds.discard(EventKind.STRIKE)  # a tractor that struck a mine
    if (
        _TOLL_UPDATE.search(text)
        and EventKind.STRIKE in kinds
        # ("В больнице скончался еще один раненый после удара": a death, no count)
        and (toll or DIED_OF_WOUNDS.search(text))
        and not ORDINAL_DEAD.search(text)  # "two died on the spot, a third in hospital"
    ):
        # "the toll from Friday's strike rose to 19", "помер у лікарні": a later count
        kinds.discard(EventKind.STRIKE)
        kinds.add(EventKind.CASUALTIES)
    if (
        {EventKind.TERRITORIAL_CHANGE, EventKind.GROUND_FIGHTING} <= kinds
        and _ENTERED.search(text)
        and not _CONTROL_CHANGED.search(text)
    ):
        # "battalions entered Ilovaisk and fought separatist forces street by street": in
        # the town, fighting for it, not holding it.
        kinds.discard(EventKind.TERRITORIAL_CHANGE)
    if (
        EventKind.TERRITORIAL_CHANGE in kinds
        and EventKind.GROUND_FIGHTING in kinds
        and not toll
        and not _CLAIM_ANSWERED_BY_FIGHTING.search(text)
    ):
        # "в ходе наступательных действий освободили Каменское": the capture is the news,
        # the fighting that won it is not another event.
        kinds.discard(EventKind.GROUND_FIGHTING)
    if EventKind.CASUALTIES in kinds and (not toll or kinds & _TOLD_WITH_A_TOLL):
        kinds.discard(EventKind.CASUALTIES)
    if _past_deed(text):
        # (and the deed's toll: "convicted ... for the downing of flight MH17, which killed
        # all 298 people on board")
        kinds -= {
            EventKind.STRIKE,
            EventKind.GROUND_FIGHTING,
            EventKind.TERRITORIAL_CHANGE,
            EventKind.CASUALTIES,
            EventKind.AIR_DEFENSE,
        }
    if _REMEMBRANCE.search(text) or _DRILL.search(text):
        return set()  # flowers laid a year after a strike, a drill: no new event
    if _SPORT.search(text):
        kinds -= {EventKind.STRIKE, EventKind.GROUND_FIGHTING}  # "struck twice in the first half"
    if (
        EventKind.EVACUATION in kinds
        and _MEDICAL.search(text)
        and not _PATIENTS_MOVED.search(text)
        and not _OTHERS_MOVED.search(text)
    ):
        kinds.discard(EventKind.EVACUATION)  # the wounded taken to hospital
    if not toll and _PURPOSE.search(text):
        # "needs seven more Patriots to protect its cities from Russian missile attacks": what
        # the systems are for, not an attack that happened.
        kinds -= {EventKind.STRIKE, EventKind.AIR_DEFENSE, EventKind.INFRASTRUCTURE_DAMAGE}
    if (
        EventKind.STRIKE in kinds
        and EventKind.EVACUATION in kinds
        and _HIT_WHILE_CARRYING.search(text)
    ):
        kinds.discard(EventKind.EVACUATION)
    if EventKind.EVACUATION in kinds and _EARLY_WAR.search(text):
        kinds.discard(EventKind.EVACUATION)
    if EventKind.EVACUATION in kinds and _EVACUATION_TO_COME.search(text):
        # "to prepare for a possible evacuation of 18 communities": nobody has left yet
        kinds.discard(EventKind.EVACUATION)
    since = _SINCE_CAPTURE.search(text) if EventKind.TERRITORIAL_CHANGE in kinds else None
    if since is not None:
        found = TRIGGERS[EventKind.TERRITORIAL_CHANGE].search(text)
        if found is not None and since.start() <= found.start() < since.end():
            # "six days after the town's recapture", "з моменту звільнення": when, not what
            kinds.discard(EventKind.TERRITORIAL_CHANGE)
    for kind in kinds & {EventKind.GROUND_FIGHTING, EventKind.TERRITORIAL_CHANGE}:
        if _hedged(text, kind):
            # "They likely expect the fighting to reach the city" reports no fighting yet.
            kinds.discard(kind)
    if not toll and FigureName.INTERCEPTED not in figures and _ALERT.search(text):
        # "Повітряна тривога в Харкові. Загроза застосування КАБів": a warning, not a strike
        # (a count of what was shot down is news, whatever warning comes with it).
        kinds -= {EventKind.STRIKE, EventKind.AIR_DEFENSE}
    if EventKind.EVACUATION in kinds and _RETURN.search(text):
        # "до Херсона повернулися 1 200 мешканців", "8 тысяч жителей вернулись": coming home.
        kinds.discard(EventKind.EVACUATION)
    if EventKind.INFRASTRUCTURE_DAMAGE in kinds and not re.search(
        r"attack|strike|\bhit|damag|destroy|shell|outage|blackout|without|\bcut|de-?energi|explosion|\bfire\b|"
        r"удар|атак|пошкод|поврежд|знеструм|обесточ|без світла|вибух|взрыв|обстр|зруйн|разруш|"
        r"без света|без електр|без электр|без водо|без тепло|без газо|відключ|отключ|вимкн|пожеж|пожар|"
        r"влуч|попадан|підірва|подорва|blew up|blown up",
        text,
        re.IGNORECASE,
    ):
        kinds.discard(EventKind.INFRASTRUCTURE_DAMAGE)
    if EventKind.NUCLEAR_SAFETY in kinds:
        # A nuclear sentence's "power line" or "front line" is part of the plant story.
        kinds -= {EventKind.INFRASTRUCTURE_DAMAGE, EventKind.TERRITORIAL_CHANGE}
    if (
        EventKind.TERRITORIAL_CHANGE in kinds
        and re.search(r"\bfront ?line\b", text, re.IGNORECASE)
        and not _CONTROL_CHANGED.search(text)
    ):
        kinds.discard(EventKind.TERRITORIAL_CHANGE)
    return kinds


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """Sentences about the same happening become one event; a title joins its body's event;
    a toll told after a strike is the strike's toll."""
    # (each draft's body sentences and places as told, before merging changes them)
    told = [
        (
            {s.index for s in d.sentences if not s.is_title},
            tuple(m.place for m in d.places),
            dict(d.figures),
        )
        for d in drafts
        if not any(s.is_title for s in d.sentences)
    ]
    merged: list[Draft] = []
    # Where each merged event's body sentences put it: a headline that names two towns
    # ("Shelling hits Kherson bus stop and Bilozerka") does not make the body's second
    # incident, in the other town, the first one's.
    body_told: dict[int, set[tuple[str, str | None]]] = {}
    for d in drafts:
        target: Draft | None = None
        back = not d.places and _BACK_REFERENCE.search(d.sentences[0].text) is not None
        for m in reversed(merged):
            same_kind = m.kind is d.kind or (back and {m.kind, d.kind} <= _TOLL_FAMILY)
            gap = d.sentences[0].index - m.last
            # (the same incident told on: a journey's other end, fighting "also" reported,
            # "the attack occurred in ...")
            goes_on = (
                _journey_goes_on(m, d, gap)
                or _fighting_goes_on(m, d, gap)
                or (gap <= 2 and _tells_where(d))
            )
            if (
                not same_kind
                and not d.places
                and {m.kind, d.kind} <= _TOLL_FAMILY
                and 0 < d.sentences[0].index - m.last <= 2
            ):
                # "Увечері FPV-дрон атакував громаду. Загинула жінка.": a bare toll right after
                # a strike is that strike's (told below), not the toll of one before it
                break
            if not same_kind or not (
                _compatible(m, d) or (back and _same_regions(m, d)) or goes_on
            ):
                continue
            # (a headline joins the body's first event; once it has, that event takes later
            # sentences as any body event does: "Separately, ..." is still another one)
            title_join = all(s.is_title for s in m.sentences) or d.sentences[0].is_title
            if title_join and _headline_taken(m, d, merged):
                continue
            if not title_join and (
                _separate(d)
                or (_elsewhere(m, d, body_told.get(id(m))) and not goes_on)
                or _another_part(m, d)
                or _part_of_a_period_total(m, d)
            ):
                break
            if title_join and _another_part_of_body(m, d):
                # "Вечером ... обстреляли Петровский район. Днем ВСУ ударили по рынку": the
                # headline's event is the evening's; the day's strike is another one.
                break
            if (
                d.kind is EventKind.EVACUATION
                or title_join
                or gap <= 2
                or (gap <= 4 and not d.places)
            ):
                target = m
            break
        told_here = set() if d.sentences[0].is_title else _settlements(d)
        if target is None:
            merged.append(d)
            body_told[id(d)] = told_here
        elif d.denied and not target.denied:
            target.disputed_by.extend(a for a in d.speakers if a not in target.disputed_by)
        elif target.denied and not d.denied and target.sentences[0].is_title:
            # "Occupiers claimed a strike on Oleshky; the Defence Forces denied it" as the
            # headline, the claim told in the body: the claim is the event, disputed.
            d.disputed_by.extend(a for a in target.speakers if a not in d.disputed_by)
            merged[merged.index(target)] = d
            body_told[id(d)] = body_told[id(target)] | told_here
        else:
            target.absorb(d)
            body_told[id(target)] |= told_here
            if d.kind is not target.kind:
                target.also.add(d.kind)
    merged = _tolls_into_strikes(merged)
    merged = _one_event_per_incident(merged)
    merged = _without_lead_total(merged)
    _headline_places_kept_apart(merged, told)
    # A denial that disputes no claim in the article is not itself an event.
    return [d for d in merged if not d.denied]


def _headline_taken(title: Draft, d: Draft, merged: Sequence[Draft]) -> bool:
    """The headline's incident is a body event told before `d`, of its kind (or of its
    toll), at its town: "Family of three killed in Selydove" over "Russian strikes on
    Selydove killed a family of three ... Two other people were wounded in nearby
    Myrnohrad" is the strike's headline, not the later toll's."""
    if not all(s.is_title for s in title.sentences) or d.sentences[0].is_title:
        return False
    towns = _settlements(title)
    return bool(towns) and any(
        o is not title
        and not any(s.is_title for s in o.sentences)
        and o.sentences[0].index < d.sentences[0].index
        and (o.kind is title.kind or {o.kind, title.kind} <= _TOLL_FAMILY)
        and bool(_settlements(o) & towns)
        for o in merged
    )


_NEAR_WORDS = (
    r"\b(?:near|outside|close\s+to|поблизу|біля|під|неподалік\s+від|недалеко\s+від|под|возле|около|"
    r"недалеко\s+от|вблизи)"
)


def _headline_places_kept_apart(
    merged: list[Draft],
    told: list[tuple[set[int], tuple[Place, ...], dict[FigureName, Figure]]],
) -> None:
    """ "Cruise missiles kill 20 in Uman; woman and child killed in Dnipro": a headline that
    sums up two incidents names both, and joins the first. A town only the headline gave the
    event, that the body tells as another incident, is that incident's alone; so is a count
    only the headline gave it that the other incident's body tells ("Assaults repelled near
    Kupyansk, woman killed in Borova": the fighting near Kupiansk killed nobody)."""
    body: dict[int, list[Place]] = {id(m): [] for m in merged}
    counts: dict[int, list[tuple[FigureName, Figure]]] = {id(m): [] for m in merged}
    for m in merged:
        held = {s.index for s in m.sentences}
        for indices, places, figures in told:
            if indices <= held:
                body[id(m)].extend(places)
                counts[id(m)].extend(figures.items())
    for m in merged:
        if not body[id(m)] or not any(s.is_title for s in m.sentences):
            continue
        # "Drone strike on bus near Kherson" over "... in the village of Bilozerka, west of
        # Kherson": the headline's town only says where the body's village lies.
        title = " ".join(s.text for s in m.sentences if s.is_title)
        villages = [q for q in body[id(m)] if q.level is PlaceLevel.SETTLEMENT]
        # ... and "villages near Kupiansk" over "10 villages in the Kupiansk district": the
        # body's raion or hromada says where, the headline's town only names it.
        units = {
            q.admin1
            for q in body[id(m)]
            if q.level in (PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY) and q.admin1
        }
        m.places = [
            p
            for p in m.places
            if not (
                (villages or p.place.admin1 in units)
                and p.place.level is PlaceLevel.SETTLEMENT
                and not any(_same_place(p.place, q) for q in body[id(m)])
                and p.mention
                and re.search(rf"{_NEAR_WORDS}\s+{re.escape(p.mention)}", title, re.IGNORECASE)
            )
        ]
        # (whatever the other incident's kind: "Assaults repelled near Kupyansk, woman killed
        # in Borova" is fighting and a strike)
        others = [q for o in merged if o is not m for q in body[id(o)]]
        dropped = [
            p.place
            for p in m.places
            if p.place.level in (PlaceLevel.SETTLEMENT, PlaceLevel.FACILITY)
            and not any(_same_place(p.place, q) for q in body[id(m)])
            and any(_same_place(p.place, q) for q in others)
        ]
        if not dropped:
            continue
        m.places = [p for p in m.places if p.place not in dropped]
        own: dict[FigureName, Figure] = {}
        for label, fig in counts[id(m)]:
            if label not in own or fig.value > own[label].value:
                own[label] = fig
        for label, fig in own.items():
            # ("Russian strikes kill three in Kherson and Nikopol" over two killed in Kherson:
            # the headline's count is both towns')
            if label in CASUALTY_FIGURES and m.figures.get(label, fig).value > fig.value:
                m.figures[label] = fig
        theirs = [
            (label, fig)
            for o in merged
            if o is not m and any(_same_place(q, g) for q in body[id(o)] for g in dropped)
            for label, fig in counts[id(o)]
        ]
        for label, fig in theirs:
            if label not in own and m.figures.get(label) == fig:
                del m.figures[label]


def _part_of_a_period_total(lead: Draft, d: Draft) -> bool:
    """ "Russian attacks killed four people across Ukraine over the past day. ... In Donetsk
    Oblast, one person was killed in Kostiantynivka": a part of the period's total, told at
    its own towns with its own count, is not the total's incident."""
    return (
        lead.kind is EventKind.CASUALTIES
        and all(m.place.level in (PlaceLevel.COUNTRY, PlaceLevel.REGION) for m in lead.places)
        and any(_TOLL_OF_A_PERIOD.search(s.text) for s in lead.sentences)
        and any(m.place.level not in (PlaceLevel.COUNTRY, PlaceLevel.REGION) for m in d.places)
        and bool(CASUALTY_FIGURES & d.figures.keys())
    )


def _without_lead_total(drafts: list[Draft]) -> list[Draft]:
    """A roundup's lead ("Russian attacks killed seven civilians across Ukraine over the past
    day"), told before the strikes that make it up, is their sum, not an incident. When the
    strikes it sums were told as one ("Під ворожим вогнем перебували Костянтинівка,
    Дружківка, Лиман ... — Костянтинівка: двоє поранених; — Дружківка: поранена жінка"), the
    lead's count is that event's whole toll."""
    local = [
        d
        for d in drafts
        if d.kind is EventKind.STRIKE
        and any(m.place.level not in (PlaceLevel.COUNTRY, PlaceLevel.REGION) for m in d.places)
    ]
    if not local:
        return drafts
    first = min(d.sentences[0].index for d in local)
    leads = [
        d
        for d in drafts
        if d.kind is EventKind.CASUALTIES
        and d.sentences[-1].index < first
        and all(m.place.level in (PlaceLevel.COUNTRY, PlaceLevel.REGION) for m in d.places)
        and any(_TOLL_OF_A_PERIOD.search(s.text) for s in d.sentences)
    ]
    if len(local) == 1:
        strike = local[0]
        # (only a list the rules read as one event: beside one town's strike, the region's
        # toll of the day may count deaths elsewhere, and stays its own)
        listed = len(_settlements(strike)) >= 2
        leads = [d for d in leads if listed and d.regions() and d.regions() <= strike.regions()]
        for lead in leads:
            for label, fig in lead.figures.items():
                now = strike.figures.get(label)
                if now is None or fig.value > now.value:
                    strike.figures[label] = fig
            strike.speakers = merge_speakers([*strike.speakers, *lead.speakers])
    return [d for d in drafts if not any(d is lead for lead in leads)]


# A count across several places: "killed three civilians in two southern cities", "у трьох
# громадах", "в нескольких районах".
_ACROSS_PLACES = re.compile(
    r"\b(?:in|across|at)\s+(?:two|three|four|five|six|several|multiple|various|\d+)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:cities|towns|villages|regions|oblasts|provinces|settlements|communities|districts|locations)\b|"
    r"\b(?:у|в)\s+(?:двох|трьох|чотирьох|п['’]ятьох|п['’]яти|кількох|декількох|\d+)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:містах|селах|областях|громадах|населених|районах)|"
    r"\b(?:в|во)\s+(?:двух|тр[её]х|четыр[её]х|пяти|нескольких|\d+)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:городах|селах|областях|регионах|населенных|районах)",
    re.IGNORECASE,
)


def _sums_places(d: Draft) -> bool:
    """Every sentence of the draft's body counts across several places."""
    body = [s for s in d.sentences if not s.is_title]
    return bool(body) and all(_ACROSS_PLACES.search(s.text) for s in body)


# "Separately, ...", "In a separate attack", "Elsewhere", "Окремо", "Кроме того": a new event.
SEPARATELY = re.compile(
    r"^\W*(?:separately|in (?:a|another) separate|elsewhere|in another|also on|meanwhile|"
    r"later (?:the same|that) (?:day|night|morning|afternoon|evening)|пізніше того ж дня|"
    r"позже в тот же день|"
    r"окремо|крім того|також|тим часом|отдельно|кроме того|также|тем временем)\b|"
    # "In the Snovsk community a separate artillery attack set a barn on fire."
    r"\b(?:a|another) separate (?:[\w-]+\s+){0,2}?(?:attack|strike|shelling|incident|explosion)|"
    r"\b(?:окрем\w*|ще одн\w*|еще одн\w*|отдельн\w*) (?:[\w’'-]+\s+)?(?:атак|удар|обстріл|обстрел)\w*",
    re.IGNORECASE,
)


def _journey_goes_on(m: Draft, d: Draft, gap: int) -> bool:
    """ "Ten buses left Enerhodar. The convoy arrived in Zaporizhzhia.": the next sentence
    of an evacuation that tells where people arrived, or only where they are taken
    ("Evacuees are being taken by bus to Pavlohrad"), is the same evacuation."""
    if m.kind is not EventKind.EVACUATION or d.kind is not EventKind.EVACUATION:
        return False
    if gap <= 2 and _ARRIVAL.search(d.sentences[0].text) is not None:
        return True
    # (where they are taken may come after a quote or two of the official's)
    return gap <= 4 and bool(d.places) and all(p.role is PlaceRole.DESTINATION for p in d.places)


# "Fighting was also reported near Pokrovsk", "бої також тривають поблизу": the same report's
# fighting, told on (an "also" that opens a sentence starts another incident: `SEPARATELY`).
_ALSO_WITHIN = re.compile(r"(?<=\w)\s+(?:also|too|також|теж|также|тоже)\b", re.IGNORECASE)


def _fighting_goes_on(m: Draft, d: Draft, gap: int) -> bool:
    return (
        m.kind is EventKind.GROUND_FIGHTING
        and d.kind is EventKind.GROUND_FIGHTING
        and gap <= 2
        and _ALSO_WITHIN.search(d.sentences[0].text) is not None
    )


# "The attack occurred at around 2:40 p.m. in Kupiansk-Vuzlovyi", "Удар стався в ...": the
# incident just told, and where exactly it was.
_THE_INCIDENT_WAS = re.compile(
    r"^\W*(?:the|this)\s+(?:[\w-]+\s+)?(?:attack|strike|shelling|explosion|blast|hit)\s+"
    r"(?:occurred|happened|took\s+place|was\s+(?:carried\s+out|recorded))\b|"
    r"^\W*(?:ця\s+|цей\s+)?(?:атака|удар|обстріл|вибух|влучання)\s+(?:ста(?:в|ла|ло)ся|відбу\w*|"
    r"зафіксован\w*)|"
    r"^\W*(?:эта\s+|этот\s+)?(?:атака|удар|обстрел|взрыв|попадание)\s+(?:произош\w*|случил\w*|"
    r"зафиксирован\w*)",
    re.IGNORECASE,
)


def _tells_where(d: Draft) -> bool:
    return d.kind is EventKind.STRIKE and _THE_INCIDENT_WAS.search(d.sentences[0].text) is not None


def _separate(d: Draft) -> bool:
    return SEPARATELY.search(d.sentences[0].text) is not None


# A sentence that opens with the part of the day ("Вранці росіяни гатили по Марганцю ...
# Увечері FPV-дрон атакував громаду"): a post's list of the day's incidents.
_PART_OPENING = (
    (0, r"вночі|уночі|ночью|overnight|at night|last night"),
    (1, r"вранці|уранці|зранку|утром|in the morning|this morning"),
    (2, r"вдень|удень|днем|днём|в обед|in the afternoon|this afternoon"),
    (3, r"ввечері|увечері|вечером|in the evening|this evening|late in the evening"),
)
# (one pattern, one search: the merge asks it of every pair of drafts it weighs)
_PART_OPENS = re.compile(
    r"^\W*(?:" + "|".join(rf"(?P<p{part}>{words})" for part, words in _PART_OPENING) + r")\b",
    re.IGNORECASE,
)


def _part_opening(text: str) -> int | None:
    m = _PART_OPENS.search(text)
    return None if m is None or m.lastgroup is None else int(m.lastgroup[1:])


def _parts_differ(a: Sentence, b: Sentence) -> bool:
    pa = _part_opening(a.text)
    if pa is None:
        return False
    pb = _part_opening(b.text)
    return pb is not None and pa != pb


def _another_part(a: Draft, b: Draft) -> bool:
    """Each opens its sentence with a part of the day, and not the same one (a headline's
    event by its first body sentence)."""
    first = next((s for s in a.sentences if not s.is_title), a.sentences[0])
    return _parts_differ(first, b.sentences[0])


def _another_part_of_body(a: Draft, b: Draft) -> bool:
    """The first body sentence of a headline's event and another sentence each open with a
    part of the day, not the same one."""
    body = next((s for s in a.sentences if not s.is_title), None)
    return body is not None and not b.sentences[0].is_title and _parts_differ(body, b.sentences[0])


def _settlements(d: Draft) -> set[tuple[str, str | None]]:
    return {
        (m.place.name, m.place.admin1)
        for m in d.places
        if m.place.level in (PlaceLevel.SETTLEMENT, PlaceLevel.FACILITY)
    }


def _elsewhere(a: Draft, b: Draft, a_told: set[tuple[str, str | None]] | None = None) -> bool:
    """Both name settlements and share none: the same kind of thing in two places (`a`'s
    settlements those its body told, when it told any)."""
    sa, sb = a_told or _settlements(a), _settlements(b)
    return bool(sa) and bool(sb) and not sa & sb


# Objects of the energy system, and the system as what an attack aimed at (not
# "infrastructure" at large).
_ENERGY_OBJECTS = (
    r"substations?|energy (?:facilit|object)\w*|power (?:plant|station)s?|"
    r"підстанц\w*|подстанц\w*|об['’]?єкт\w* енергетики|объект\w* энергетики|"
    r"енергооб['’]?єкт\w*|энергообъект\w*"
)
_ENERGY_OBJECT = gated(rf"\b(?:{_ENERGY_OBJECTS})")
_ENERGY_TARGET = gated(
    rf"\b(?:{_ENERGY_OBJECTS}|power (?:grid|line|facilit)\w*|energy (?:infrastructure|"
    r"system|grid)\w*|(?:electrical|electricity|power|energy) (?:grid|network|supply)|"
    r"thermal power|hydroelectric|енергетичн\w*|энергетическ\w*|"
    r"ТЕС|ТЭС|ТЕЦ|ТЭЦ|ГЕС|ГЭС|ЛЕП|ЛЭП)\b"
)


def _tells_of_a_hit(text: str) -> bool:
    """A hit, damage or a toll, not counting "no one was hurt"."""
    return _HIT_WORDS.search(NO_CASUALTIES.sub(" ", text)) is not None


def _harmless(strike: Draft) -> bool:
    """A strike no sentence of which tells of a hit, damage, a toll or a figure."""
    if strike.figures:
        return False
    return not any(_tells_of_a_hit(s.text) for s in strike.sentences if not s.is_title)


_TALLY_FIGURES = frozenset({FigureName.LAUNCHED, FigureName.INTERCEPTED})


def _part_of_the_tally(strike: Draft, shield: Draft) -> bool:
    """A night's interceptions counted, then what got through told without a toll: "Hits
    were recorded in Sumy and Odesa oblasts", "Falling debris damaged several cars in the
    city": the tally's own footnote, not an incident of its own. A named town hit, or anyone
    hurt, is one."""
    if shield.kind is not EventKind.AIR_DEFENSE or strike.figures:
        return False
    if not _TALLY_FIGURES & shield.figures.keys():
        return False
    gap = strike.sentences[0].index - shield.sentences[0].index
    if strike.places and all(
        m.place.level in (PlaceLevel.REGION, PlaceLevel.COUNTRY) for m in strike.places
    ):
        return abs(gap) <= 3  # the regions hit, in the same summary
    # Debris of what was shot down, where it was shot down.
    return (
        0 < gap <= 2
        and all(DEBRIS_WORD.search(s.text) for s in strike.sentences if not s.is_title)
        and (
            not shield.places  # "над регіоном збито 12 дронів": the region's, wherever it fell
            or all(
                any(_same_place(m.place, n.place) for n in shield.places) for m in strike.places
            )
        )
    )


def _one_event_per_incident(drafts: list[Draft]) -> list[Draft]:
    """A strike and the damage it did are one incident, told once, as the strike (with the
    outage's figure, and infrastructure damage as its second kind). Damage with no attack
    told as an incident (a grid operator's outage notice) stays infrastructure damage."""
    out = list(drafts)
    for strike in [d for d in drafts if d.kind is EventKind.STRIKE]:
        shield = next(
            (
                d
                for d in out
                if d.kind is EventKind.AIR_DEFENSE
                and abs(d.sentences[0].index - strike.sentences[0].index) <= 1
            ),
            None,
        )
        if shield is not None and _harmless(strike):
            # "Ворог атакував Київ ракетами. Усі цілі знищено": the attack and its
            # interception are one incident, told as the interception.
            shield.fold(strike)
            shield.weapon = shield.weapon or strike.weapon
            out.remove(strike)
            continue
        tally = next((d for d in out if _part_of_the_tally(strike, d)), None)
        if tally is not None:
            tally.fold(strike)
            tally.weapon = tally.weapon or strike.weapon
            tally.no_casualties = tally.no_casualties or strike.no_casualties
            out.remove(strike)
            continue
        damage = next(
            (
                d
                for d in out
                if d.kind is EventKind.INFRASTRUCTURE_DAMAGE
                and not _elsewhere(strike, d)
                and _compatible(strike, d)
                and (
                    set(d.sentences) & set(strike.sentences)
                    or 0 < d.sentences[0].index - strike.last <= 1
                )
            ),
            None,
        )
        if damage is None:
            continue
        # An attack told as an incident stays a strike, whatever it hit: the outage it
        # caused is its figure and its second kind ("Николаев атаковали шахеды. Поврежден
        # объект энергетики, без света 5 тысяч абонентов").
        strike.fold(damage)
        for name, fig in damage.figures.items():
            strike.figures.setdefault(name, fig)
        strike.no_casualties = strike.no_casualties or damage.no_casualties
        out.remove(damage)
    return out


def _figures_agree(a: dict[FigureName, Figure], b: dict[FigureName, Figure]) -> bool:
    """Every figure both give is the same count ("killing 4" and "4 killed"), or one's range
    holds the other's value ("12 to 15 hurt", "12 injured"). A different count is a later
    report, not the same one told twice."""
    for name in a.keys() & b.keys():
        x, y = a[name], b[name]
        lo_x, hi_x = x.value, x.upper or x.value
        lo_y, hi_y = y.value, y.upper or y.value
        if hi_x < lo_y or hi_y < lo_x:
            return False
    return True


# What a toll told just after belongs to: a strike's dead, or a battle's ("clashes near
# Pivnichne. 2 Ukrainian soldiers were killed").
_TOLD_WITH_A_TOLL = frozenset({EventKind.STRIKE, EventKind.GROUND_FIGHTING})


def _tolls_into_strikes(drafts: list[Draft]) -> list[Draft]:
    """ "A missile hit Izium. Three people were killed.": the casualties are the strike's
    when they follow it closely, name no other place and tell the strike's toll, or one
    it has not told yet."""
    out: list[Draft] = []
    for d in drafts:
        strike = next(
            (
                m
                for m in reversed(out)
                if _tells_a_toll(m)
                and not m.denied
                and any(0 <= d.sentences[0].index - s.index <= 2 for s in m.sentences)
            ),
            None,
        )
        if strike is None and d.kind is EventKind.CASUALTIES:
            # "Наслідки атаки на Одесу" over a list of damage and the hurt: the one strike
            # the headline names is theirs.
            strikes = [m for m in out if m.kind is EventKind.STRIKE and not m.denied]
            if len(strikes) == 1 and strikes[0].sentences[0].is_title:
                strike = strikes[0]
        if strike is None and d.sentences[0].is_title:
            # "Купянск: двое погибших" over "Российские войска обстреляли Купянск": the
            # headline's toll is the body's strike's.
            strike = next(
                (
                    m
                    for m in drafts
                    if m.kind is EventKind.STRIKE
                    and not m.denied
                    and 0 < m.sentences[0].index - d.last <= 2
                ),
                None,
            )
        if d.kind is EventKind.CASUALTIES and not d.denied and _toll_joins(d, strike):
            assert strike is not None
            _fold_toll(d, strike)
            continue
        if (
            d.kind is EventKind.CASUALTIES
            and strike is not None
            and strike.kind is EventKind.STRIKE
            and not d.denied
            and not any(s.is_title for s in d.sentences)
            and _elsewhere(strike, d)
            and _MORE_OF_THEM.search(d.sentences[0].text) is not None
        ):
            # "Russian strikes on Selydove killed a family of three. Two other people were
            # wounded in nearby Myrnohrad": the same attacks' toll in another town, its strike.
            d.kind = EventKind.STRIKE
        out.append(d)
    # A toll told just before its strike ("Харків: двоє поранених" heading a post whose
    # next line tells the strike, and the line after repeats the toll) is the strike's too.
    for d in [x for x in out if x.kind is EventKind.CASUALTIES and not x.denied]:
        strike = next(
            (
                m
                for m in out
                if m.kind is EventKind.STRIKE
                and not m.denied
                and m.sentences[0].index > d.sentences[0].index
                and any(abs(ds.index - s.index) <= 1 for s in m.sentences for ds in d.sentences)
            ),
            None,
        )
        if _toll_joins(d, strike):
            assert strike is not None
            _fold_toll(d, strike)
            out.remove(d)
    return out


def _tells_a_toll(d: Draft) -> bool:
    """A strike or fighting, or an event a strike was folded into (the plant's drone hit)."""
    return d.kind in _TOLD_WITH_A_TOLL or bool(_TOLD_WITH_A_TOLL & d.also)


# "Two other people were wounded in nearby Myrnohrad", "Ще двоє поранених у Мирнограді":
# more of the same attacks' victims.
_MORE_OF_THEM = re.compile(
    r"\b(?:other|more|another|also|too|as\s+well|further|nearby|neighbou?ring|ще|також|теж|"
    r"інш\w*|сусідн\w*|еще|ещё|также|тоже|друг\w*|соседн\w*)\b",
    re.IGNORECASE,
)


def _toll_joins(toll: Draft, strike: Draft | None) -> bool:
    """A toll may join a strike that tells the same count (or none yet), at no other place,
    on the same day, unless the toll is said to be separate; or it is the strike's toll
    risen, told right after it ("killing three ... by Monday morning the toll had risen to
    five"), which replaces the count told first."""
    if strike is None or _elsewhere(strike, toll) or _separate(toll):
        return False
    if _figures_agree(strike.figures, toll.figures) and _compatible(strike, toll):
        return True
    return _risen(toll, strike)


def _risen(toll: Draft, strike: Draft) -> bool:
    """The article's own later count of the strike it told just before."""
    told = CASUALTY_FIGURES & strike.figures.keys() & toll.figures.keys()
    body = [s.index for s in toll.sentences if not s.is_title]
    return (
        bool(told)
        and bool(body)
        # (right after it, or after one more line of it: "The missiles hit shortly after an
        # air raid alert sounded. ... by Wednesday afternoon ... put the toll at 47 dead")
        and 0 < body[0] - strike.last <= 2
        and any(_TOLL_UPDATE.search(s.text) for s in toll.sentences)
        and all(toll.figures[n].value >= strike.figures[n].value for n in told)
    )


def _fold_toll(toll: Draft, strike: Draft) -> None:
    risen = _risen(toll, strike)
    strike.fold(toll)
    strike.take_weapon(toll)
    for name, fig in toll.figures.items():
        if risen and name in CASUALTY_FIGURES:
            strike.figures[name] = fig  # the count as it stands: 3 killed, then 5
        else:
            strike.figures.setdefault(name, fig)
    if not strike.dates and toll.dates:
        # "Missile strike on Sumy kills two" over "A missile struck Sumy on Tuesday morning,
        # killing two": the headline gives no day, its toll's sentence does.
        strike.dates.append(min(toll.dates))
    strike.sentences.extend(s for s in toll.sentences if s not in strike.sentences)
    strike.sentences.sort(key=lambda s: s.index)
    strike.no_casualties = False


def split_per_region(
    draft: Draft, sentence: str, finder_regions: list[tuple[int, PlaceMention]]
) -> list[Draft]:
    """ "502 settlements in the Kharkiv region, 43 in the Donetsk region" → one event each."""
    pairs: list[tuple[Figure, PlaceMention]] = []
    for m in re.finditer(r"(\d[\d,]*)\s+(?:\w+\s+)?in\s+(?:the\s+)?", sentence):
        nxt = next((pm for pos, pm in finder_regions if pos == m.end()), None)
        if nxt is not None:
            value = int(m.group(1).replace(",", ""))
            pairs.append((Figure(value), nxt))
    if len(pairs) < 2:
        return [draft]
    out = []
    for fig, pm in pairs:
        label = (
            FigureName.SETTLEMENTS
            if FigureName.SETTLEMENTS in draft.figures
            else next(iter(draft.figures), FigureName.SETTLEMENTS)
        )
        out.append(
            Draft(
                draft.kind,
                list(draft.sentences),
                [pm],
                {label: fig},
                list(draft.speakers),
                list(draft.dates),
                draft.weapon,
                draft.denied,
                said_on=list(draft.said_on),
            )
        )
    return out


def adopt_listed_origins(
    drafts: list[Draft],
    sentences: tuple[Sentence, ...],
    places_of: Mapping[int, list[tuple[int, PlaceMention]]],
) -> None:
    """ "evacuations from four cities" names them in the next sentences: take those as origins."""
    for d in drafts:
        if d.kind is not EventKind.EVACUATION:
            continue
        anchor = next((s for s in d.sentences if _FROM_N_PLACES.search(s.text)), None)
        if anchor is None:
            continue
        for s in sentences[anchor.index + 1 : anchor.index + 3]:
            listed = [
                pm
                for pos, pm in places_of.get(s.index, [])
                if pm.place.level
                in (PlaceLevel.SETTLEMENT, PlaceLevel.COMMUNITY, PlaceLevel.DISTRICT)
                and place_role(s.text, pos) is not PlaceRole.DESTINATION
            ]
            if len(listed) >= 2 or (listed and _LISTING.search(s.text)):
                for pm in listed:
                    if not any(_same_place(pm.place, p.place) for p in d.places):
                        d.places.append(
                            PlaceMention(pm.mention, pm.place, PlaceRole.ORIGIN, pm.score)
                        )
                break


def adopt_attacked_origin(drafts: list[Draft]) -> None:
    """ "Ukrainian forces shelled Shebekino ... About 2,500 residents had been taken to
    temporary accommodation centres in Belgorod": an evacuation that names only where people
    went left the town the sentence before told an attack on."""
    for d in drafts:
        if (
            d.kind is not EventKind.EVACUATION
            or any(p.role is PlaceRole.ORIGIN for p in d.places)
            or not any(p.role is PlaceRole.DESTINATION for p in d.places)
        ):
            continue
        before = d.sentences[0].index - 1
        attacked = {
            p.place.name: p
            for other in drafts
            if other.kind in (EventKind.STRIKE, EventKind.GROUND_FIGHTING)
            and any(s.index == before for s in other.sentences)
            for p in other.places
            if p.place.level is PlaceLevel.SETTLEMENT
            and not any(_same_place(p.place, q.place) for q in d.places)
        }
        if len(attacked) == 1:
            (place,) = attacked.values()
            d.places.insert(0, replace(place, role=PlaceRole.ORIGIN))


# After an evacuation, where people were brought: "They were driven to Pavlohrad", "Їх
# доправили в Дніпро", "Людей доставляют в Харьков".
_ARRIVAL = re.compile(
    r"\b(?:brought|driven|taken|moved|bussed|transported|transferred|sent|housed|"
    r"accommodated|arrived|arriving|reached|reaching|settled|relocated|headed|continued|went on|"
    r"(?:are|is|were)\s+(?:now|already)\s+(?:in|safe\s+in)|placed|"
    # "were sheltered in schools in Zaporizhzhia" (not "who had sheltered in Mariupol")
    r"(?<!had )(?<!who )(?<!have )sheltered|"
    r"(?:вже|уже)\s+(?:були|были|перебувають|находятся|в|у)|"
    r"доправил\w*|доставил\w*|доставля\w*|доставлен\w*|розмістил\w*|розміщу\w*|розміщен\w*|"
    r"прибул\w*|прибыл\w*|прибуде|прибудут|добрал\w*|дісталис\w*|відправ\w*|отправ\w*|"
    r"разместил\w*|размещ\w*|поселил\w*|поселят\w*|перевез\w*|привез\w*)\b",
    re.IGNORECASE,
)


def adopt_launch_counts(drafts: list[Draft], sentences: Sequence[Sentence]) -> None:
    """ "Росіяни запустили 24 БпЛА. ППО знищили 21 з них": how many were launched, and
    what, is told in the interception's sentences or the one just before."""
    for d in drafts:
        if d.kind is not EventKind.AIR_DEFENSE or FigureName.LAUNCHED in d.figures:
            continue
        first = d.sentences[0].index
        for s in sentences:
            if not first - 1 <= s.index <= d.last:
                continue
            launched = dict(sentence_figures(s.text)).get(FigureName.LAUNCHED)
            if launched is not None:
                d.figures[FigureName.LAUNCHED] = launched
                # What was launched, not the missiles of the units that shot it down.
                d.weapon = weapon_in(s.text) or d.weapon
                break


def adopt_evacuee_counts(drafts: list[Draft], sentences: Sequence[Sentence]) -> None:
    """ "... ordered the evacuation of Myrnohrad. Volunteers took out 86 people by the
    evening, the administration said.": how many left, and who says so, is often told a
    sentence or two after the evacuation itself."""
    for d in drafts:
        if d.kind is not EventKind.EVACUATION or FigureName.EVACUATED in d.figures:
            continue
        first = d.sentences[0].index
        for s in sentences:
            if s.index < first or s.index > d.last + 2 or s.is_title:
                continue
            if s.index > d.last and SEPARATELY.search(s.text):
                break
            evacuated = dict(sentence_figures(s.text)).get(FigureName.EVACUATED)
            if evacuated is None:
                continue
            d.figures[FigureName.EVACUATED] = evacuated
            if not d.speakers:
                d.speakers = resolve_short_names(speakers(s.text), [])
            break
        else:
            # "Some 2,000 residents of Irpin were ... bused towards Kyiv", "22 маленьких
            # пацієнтів ... переправили до Миколаєва": the people the evacuation's own
            # sentence counts, however far from its verb, are who left.
            counted = _people_counted(d.sentences)
            if counted is not None:
                d.figures[FigureName.EVACUATED] = counted


# Who an evacuation moves, counted: the noun right after the number (an adjective or two
# between: "22 маленьких пацієнтів", "3 тисячі мирних жителів"); not cars or families.
_PEOPLE_AFTER_COUNT = re.compile(
    r"\s+(?:(?:more|other|local|elderly|young|small|sick|[\w-]+ian|[а-яіїєґё’'-]+[иоы]х)\s+){0,2}?"
    r"(?:people|persons|residents|civilians|inhabitants|children|"
    r"patients|pensioners|evacuees|villagers|locals|tenants|occupants|жильц\w*|"
    r"людей|люди|осіб|особи|жител\w*|мешканц\w*|діт\w*|дет\w*|пацієнт\w*|пациент\w*|"
    r"человек|громадян|граждан|пенсіонер\w*|пенсионер\w*|переселенц\w*)\b",
    re.IGNORECASE,
)
# ... unless they stay, or are part of a count told before ("among them 600 children").
_STAYING = re.compile(
    r"\b(?:remain\w*|still\s+(?:live|lived|living|there)|stay\w*|live\s+in|living\s+in|"
    r"залиша\w*|лишаються|проживає|проживають|остаются|остается|проживает|проживают)\b",
    re.IGNORECASE,
)
_SUBCOUNT_BEFORE = re.compile(
    r"(?:among\s+them|including|of\s+whom|серед\s+них|зокрема|у\s+тому\s+числі|в\s+том\s+числе|"
    r"среди\s+них|з\s+них|из\s+них)\W*(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _people_counted(sentences: Sequence[Sentence]) -> Figure | None:
    """The first count of people in an evacuation's own sentences, none of them staying."""
    for s in sentences:
        if _STAYING.search(s.text) or YET_TO_LEAVE.search(s.text):  # (or are yet to go)
            continue
        for span in find_numbers(s.text):
            if _HARMED_BEFORE.search(s.text, max(0, span.start - 30), span.start):
                continue  # "Травмовано шестеро людей, ще 23 мешканців евакуйовано": the hurt
            if _PEOPLE_AFTER_COUNT.match(s.text, span.end) and not _SUBCOUNT_BEFORE.search(
                s.text, 0, span.start
            ):
                return span.figure
    return None


_HARMED_BEFORE = re.compile(
    r"\b(?:травмован|поранен|загину|загибл|постражда|ранен|погиб|пострада|injured|wounded|"
    r"killed|hurt|dead)\w*\s+(?:[\w’'-]+\s+)?$",
    re.IGNORECASE,
)


def adopt_destinations(
    drafts: list[Draft],
    sentences: tuple[Sentence, ...],
    places_of: Mapping[int, list[tuple[int, PlaceMention]]],
) -> None:
    """ "120 people left Kupiansk. They were brought to Kharkiv.": the places after an arrival
    verb in the sentences that follow an evacuation are where people went, and places a
    later sentence gives a route's "from" or "to" are its ends."""
    claimed = {s.index for d in drafts if d.kind is not EventKind.EVACUATION for s in d.sentences}
    for d in drafts:
        if d.kind is not EventKind.EVACUATION:
            continue
        first = d.sentences[0].index
        for s in sentences[first : d.last + 3]:
            if s.index in claimed and s not in d.sentences:
                continue
            verb = _ARRIVAL.search(s.text)
            for pos, pm in places_of.get(s.index, []):
                if pm.place.level is PlaceLevel.COUNTRY:
                    continue
                role = place_role(s.text, pos)
                if verb is None or pos < verb.start():
                    # "Residents of Enerhodar will be able to travel to Zaporizhzhia. A second
                    # route runs from Tokmak": a route told later names its ends outright.
                    if s in d.sentences or role is PlaceRole.LOCATION:
                        continue
                elif role is PlaceRole.ORIGIN or _SPEAKING_REGION.match(s.text, pos):
                    continue  # (and "..., Donetsk regional police said": who said it)
                else:
                    role = PlaceRole.DESTINATION
                same = next((p for p in d.places if _same_place(p.place, pm.place)), None)
                if same is None:
                    d.places.append(replace(pm, role=role))
                elif same.role is PlaceRole.LOCATION:
                    d.places[d.places.index(same)] = replace(same, role=role)


# A line of a post's list: "▪️Куп'янськ – поранено чоловіка;", "• Izium: a house damaged".
# A list's line: a mark ("▪️", "•", "-") or a number ("1.", "2)") before it.
_BULLET = re.compile(r"^\s*(?:[^\w\s\"'«„“(\[]|\d{1,2}[.)]\s)")
_TOTAL_LINE = re.compile(
    r"^\W*(?:загалом|всього|усього|разом|всего|итого|в\s+общей\s+сложности|in\s+total|overall|"
    r"altogether)\b",
    re.IGNORECASE,
)
_ATTACK_FAMILY = frozenset(
    {EventKind.STRIKE, EventKind.CASUALTIES, EventKind.INFRASTRUCTURE_DAMAGE}
)


def gather_bullets(
    drafts: list[Draft],
    sentences: Sequence[Sentence],
    places_of: Mapping[int, list[tuple[int, PlaceMention]]],
) -> list[Draft]:
    """ "Наслідки обстрілів Харківщини за добу:" over a list "▪️Куп'янськ – ...",
    "▪️Чугуїв – ...": one day's attacks on the places listed, told as one event. The list's
    places join the lead's event; so do its lines' tolls, added up unless the lead gives
    the totals itself ("росіяни вбили 2 і поранили 6 жителів Донеччини:")."""
    bullets = {s.index for s in sentences if not s.is_title and _BULLET.match(s.text)}
    if len(bullets) < 2:
        return drafts
    first = min(bullets)
    lead = next(
        (
            d
            for d in reversed(drafts)
            if d.kind in _ATTACK_FAMILY
            and d.sentences[0].index < first
            and d.sentences[0].index not in bullets
            and not d.denied
        ),
        None,
    )
    if lead is None:
        return drafts
    stated = {label for label in lead.figures if label in CASUALTY_FIGURES}
    out: list[Draft] = []
    for d in drafts:
        if d is lead or d.kind not in _ATTACK_FAMILY or d.sentences[0].index not in bullets:
            out.append(d)
            continue
        lead.sentences.extend(s for s in d.sentences if s not in lead.sentences)
        lead.absorb_places(d)
        for label, fig in d.figures.items():
            now = lead.figures.get(label)
            if label in stated:
                continue
            if label in CASUALTY_FIGURES and now is not None:
                lead.figures[label] = Figure(now.value + fig.value, now.qualifier)
            elif now is None and label in KINDS[lead.kind].figures | CASUALTY_FIGURES:
                lead.figures[label] = fig
        if d.kind is EventKind.STRIKE and lead.kind is EventKind.CASUALTIES:
            lead.also.add(lead.kind)
            lead.kind = EventKind.STRIKE
        elif d.kind is not lead.kind:
            lead.also.add(d.kind)
        lead.take_weapon(d)
        lead.no_casualties = lead.no_casualties or d.no_casualties
    for s in sentences:
        # "Загалом поранено 3 цивільних" under the list: the post's own total wins over the
        # lines added up, and is no event of its own.
        if s.index <= first or s.index in bullets or not _TOTAL_LINE.match(s.text):
            continue
        told = {n: f for n, f in sentence_figures(s.text) if n in CASUALTY_FIGURES}
        if not told:
            continue
        lead.figures.update(told)
        for d in [d for d in out if d is not lead and d.sentences[0].index == s.index]:
            if d.kind in _ATTACK_FAMILY and not d.places:
                out.remove(d)
        if s not in lead.sentences:
            lead.sentences.append(s)
    if CASUALTY_FIGURES & lead.figures.keys():
        lead.no_casualties = False
    lead.sentences.sort(key=lambda s: s.index)
    for index in sorted(bullets):
        for _, pm in places_of.get(index, []):
            if pm.place.level is not PlaceLevel.COUNTRY and not any(
                _same_place(pm.place, p.place) for p in lead.places
            ):
                lead.places.append(replace(pm, role=PlaceRole.LOCATION))
    return out


def assign_roles(d: Draft) -> None:
    if d.kind is not EventKind.EVACUATION:
        return
    has_specific = any(p.place.level is not PlaceLevel.COUNTRY for p in d.places)
    out: list[PlaceMention] = []
    for p in d.places:
        if has_specific and p.place.level is PlaceLevel.COUNTRY:
            continue
        role = p.role if p.role is not PlaceRole.LOCATION else PlaceRole.ORIGIN
        out.append(PlaceMention(p.mention, p.place, role, p.score))
    d.places = out


def settle_places(d: Draft, article_places: list[Place], article_text: str) -> None:
    """Drop country-level places when something more precise is known; find the plant."""
    if d.kind is EventKind.NUCLEAR_SAFETY:
        text = " ".join(s.text for s in d.sentences)
        plant = (
            named_plant(text)
            or nearest_plant([p.place for p in d.places])
            or named_plant(article_text)
            or nearest_plant(article_places)
        )
        if plant is not None:
            d.places = [PlaceMention(_plant_mention(text, plant), plant, PlaceRole.LOCATION)] + [
                p for p in d.places if p.place.level is PlaceLevel.FACILITY and p.place != plant
            ]
            return
    if any(p.place.level is not PlaceLevel.COUNTRY for p in d.places):
        d.places = [p for p in d.places if p.place.level is not PlaceLevel.COUNTRY]
    # "a strike on Zaporizhzhia ... the Zaporizhzhia region's governor": the city says more.
    settled = {
        (p.place.admin1, p.role)
        for p in d.places
        if p.place.level
        in (PlaceLevel.SETTLEMENT, PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY, PlaceLevel.FACILITY)
    }
    d.places = [
        p
        for p in d.places
        if not (p.place.level is PlaceLevel.REGION and (p.place.name, p.role) in settled)
    ]


def _plant_mention(text: str, plant: Place) -> str:
    m = re.search(
        r"(?:[A-ZА-ЯІЇЄҐ][\w'’-]+\s+)*nuclear (?:power )?(?:plant|station)|[\w-]+ NPP|ZNPP|\w+ АЕС|\w+ АЭС",
        text,
    )
    return m.group(0).strip() if m else plant.name


def mark_no_casualties(drafts: list[Draft], sentence: Sentence) -> None:
    """ "Preliminary reports indicate no casualties" belongs to the events just before."""
    if not NO_CASUALTIES.search(sentence.text):
        return
    for d in reversed(drafts):
        if sentence.index - d.last > 2:
            break
        spares = any(KINDS[k].spares for k in (d.kind, *d.also))
        if spares and not (CASUALTY_FIGURES & d.figures.keys()):
            d.no_casualties = True
            if sentence not in d.sentences:
                d.sentences.append(sentence)


def learn_speakers(
    sentence: Sentence, known_speakers: list[Attribution], *, places: Set[str] = frozenset()
) -> list[Attribution]:
    """Who the sentence says is speaking, in full where an earlier sentence named them
    ("Syniehubov said", "he said"); they join those known to later sentences. places: the
    names the sentence gives places, none of which is a headline's source ("Shelling/
    artillery/missile attack: Bilozerka")."""
    text = sentence.text
    said = resolve_short_names(speakers(text), known_speakers)
    if (
        sentence.is_title
        and not said
        and (source := headline_source(text)) is not None
        and source.who not in places
    ):
        said = resolve_short_names([source], known_speakers)
    if not said and (pronoun := pronoun_speaker(text, known_speakers)) is not None:
        said = [pronoun]
    known_speakers.extend(a for a in said if a not in known_speakers)
    return said


# Another attack a sentence dates itself by, told after its own clause: "..., a day after an
# attack on a bus stop killed three", "через добу після удару, що забрав життя трьох".
_BACKDROP_AFTER = re.compile(
    r"(?<=\w)[,;]?\s+(?:just\s+|only\s+)?(?:a|one|two|three|\d+|several)\s+(?:day|days|hours?|weeks?|nights?)"
    r"\s+after\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,4}?(?:attacks?|strikes?|shelling|bombing|barrage|"
    r"raids?|blasts?)\b[^.;]*|"
    r"(?<=\w)[,;]?\s+(?:через|наступного)\s+(?:\w+\s+)?(?:добу|день|дня|годин\w*)\s+після\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:удар|атак|обстріл)\w*[^.;]*|"
    r"(?<=\w)[,;]?\s+(?:на\s+следующий\s+день|через\s+(?:\w+\s+)?(?:сутки|день|час\w*))\s+после\s+"
    r"(?:[\w-]+\s+){0,3}?(?:удар|атак|обстрел)\w*[^.;]*",
    re.IGNORECASE,
)


def sentence_drafts(
    sentence: Sentence,
    mentions: list[tuple[int, PlaceMention]],
    *,
    published_at: datetime | None,
    known_speakers: list[Attribution],
    war: bool = False,
) -> list[Draft]:
    text = sentence.text
    figures: dict[FigureName, Figure] = {}
    kinds = kinds_in(text)
    if kinds:  # most sentences trigger no kind, and then need no figures
        # "Shelling hits Kherson hospital a day after bus-stop attack killed three": the toll
        # of the attack the sentence dates itself by is not its own.
        counted = (
            _BACKDROP_AFTER.sub(" ", text)
            if "after" in text or "після" in text or "после" in text
            else text
        )
        for label, fig in sentence_figures(counted):
            now = figures.get(label)
            if (
                now is not None
                and label in CASUALTY_FIGURES
                and fig.value > now.value
                and _TOLL_UPDATE.search(counted) is not None
            ):
                # "At least 18 were killed ...; the toll later rose to 20": the count as it
                # stands, told last
                figures[label] = fig
            else:
                figures.setdefault(label, fig)
        # A headline naming places in several regions sums up the body; its own kind must
        # not glue the body's separate events together.
        regions = {
            pm.place.admin1 for _, pm in mentions if pm.place.level is not PlaceLevel.COUNTRY
        }
        placed = bool(regions) and (not sentence.is_title or len(regions) == 1)
        kinds = _settle_kinds(text, kinds, figures, placed=placed, war=war)
        if kinds and figures and _whole_war_count(text):
            return []  # the war's count so far: background, not an incident
        towns = any(
            pm.place.level
            in (
                PlaceLevel.SETTLEMENT,
                PlaceLevel.DISTRICT,
                PlaceLevel.COMMUNITY,
                PlaceLevel.FACILITY,
            )
            for _, pm in mentions
        )
        if (
            EventKind.STRIKE in kinds
            and CASUALTY_FIGURES & figures.keys()
            and _TOLL_OF_A_PERIOD.search(text)
            and not towns
        ):
            # "Russian attacks killed six civilians across Ukraine over the past day", "за
            # минулу добу у Донецькій області загинули 3 людини": a period's toll, told
            # without the strikes or the towns that made it. (Towns named make it a summary
            # of the day's shelling there: a strike.)
            kinds = (kinds - {EventKind.STRIKE}) | {EventKind.CASUALTIES}
    if kinds == {EventKind.CASUALTIES} and not figures and NO_CASUALTIES.search(text):
        # "No casualties." after a strike: that strike harmed no one (`mark_no_casualties`),
        # not a toll of its own.
        kinds = set()
    said = learn_speakers(sentence, known_speakers, places={pm.mention for _, pm in mentions})
    if not kinds:
        return []
    if FigureName.WITHOUT_POWER in figures and not any(
        _figure_fits(k, FigureName.WITHOUT_POWER) for k in kinds
    ):
        # "About 12,000 consumers lost power and two workers were injured": the toll's
        # sentence tells the outage too
        kinds = kinds | {EventKind.INFRASTRUCTURE_DAMAGE}
    when, only_said = dated(text, published_at)
    # the day only the report was made on ("..., the governor said Tuesday"), or the day a
    # wounded person died ("Уночі в лікарні помер 61-річний чоловік"): neither tells the
    # incident apart from the attack that hurt them
    only_said = only_said or (when is not None and _DIED_LATER.search(text) is not None)
    said_on = [when] if when is not None and only_said else []
    weapon, generic = weapon_told(text)
    denied = _denied(text)
    evacuation = EventKind.EVACUATION in kinds

    def role_of(pos: int) -> PlaceRole:
        return place_role(text, pos) if evacuation else PlaceRole.LOCATION

    located = [
        # Only an evacuation has ends; the other kinds' places are where it happened.
        (pos, PlaceMention(pm.mention, pm.place, role_of(pos), pm.score))
        for pos, pm in mentions
        if not _is_actor(text, pos, pm)
    ]
    drafts = []
    folded: set[EventKind] = set()
    if EventKind.NUCLEAR_SAFETY in kinds and EventKind.STRIKE in kinds:
        # "a drone struck the dome of reactor No. 6": the strike on the plant is the plant's
        # news, one event with the strike's weapon and toll.
        kinds = kinds - {EventKind.STRIKE}
        folded.add(EventKind.STRIKE)
    spans = _kind_spans(text, kinds) if len(kinds) > 1 and len(located) > 1 else {}
    for kind in sorted(kinds, key=list(EventKind).index):
        own = located
        split = _strikes_apart(text, located) if kind is EventKind.STRIKE else []
        if split:
            # "a drone strike on Kupiansk wounded three, while shelling of Vovchansk killed a
            # man": two strikes, each with its own place, toll and weapon.
            for a, b in split:
                clause = text[a:b]
                clause_figures: dict[FigureName, Figure] = {}
                for label, fig in sentence_figures(clause):
                    if _figure_fits(kind, label):
                        clause_figures.setdefault(label, fig)
                drafts.append(
                    Draft(
                        kind,
                        [sentence],
                        [
                            replace(pm, role=PlaceRole.LOCATION)
                            for pos, pm in located
                            if a <= pos < b
                        ],
                        clause_figures,
                        list(said),
                        [when] if when else [],
                        weapon_in(clause) or weapon,
                        denied and _denial_covers(text, kind),
                        said_on=list(said_on),
                    )
                )
            continue
        if spans.get(kind):
            # "pounded Hlyboke with artillery, while an advance near Starytsia was stopped":
            # each kind takes the places of its own clauses.
            own = [(pos, pm) for pos, pm in located if any(a <= pos < b for a, b in spans[kind])]
            own = own or located
        if kind is EventKind.EVACUATION:
            places = [pm for pos, pm in own if _evacuation_place(text, pos, pm)]
            places = _onward(text, own, places)
        else:
            # Only evacuations have two ends; "shelling from two towns" is still where it hit.
            # But of a convoy shelled "as it left Berdiansk for Zaporizhzhia, near
            # Vasylivka", the ends of the journey are not where it was hit.
            # Nor is where people were headed ("посадка на евакуаційний поїзд до Львова").
            at = [pm for _, pm in own if pm.role is PlaceRole.LOCATION] if evacuation else []
            places = [
                replace(pm, role=PlaceRole.LOCATION)
                for _, pm in own
                if (not at or pm in at) and pm.role is not PlaceRole.DESTINATION
            ]
        told = {kind} | (folded if kind is EventKind.NUCLEAR_SAFETY else set())
        kind_figures = {k: v for k, v in figures.items() if any(_figure_fits(t, k) for t in told)}
        draft = Draft(
            kind,
            [sentence],
            places,
            kind_figures,
            list(said),
            [when] if when else [],
            weapon
            if told & {EventKind.STRIKE, EventKind.AIR_DEFENSE}
            # "debris of a drone fell on the grounds of the plant": what hit it, if anything
            or (kind is EventKind.NUCLEAR_SAFETY and DEBRIS_WORD.search(text))
            else None,
            denied and _denial_covers(text, kind),
            # "дрони атакували Київ, ніхто не постраждав": said in the same sentence.
            no_casualties=any(KINDS[t].spares for t in told)
            and not (CASUALTY_FIGURES & kind_figures.keys())
            and NO_CASUALTIES.search(text) is not None,
        )
        draft.also |= told - {kind}
        draft.said_on = list(said_on)
        draft.weapon_generic = draft.weapon is not None and generic
        draft.named_weapon = None if generic else weapon
        drafts.append(draft)
    return drafts


# Where one clause of a sentence ends and another, possibly about another happening, begins.
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:while|whereas|but|and|meanwhile)\s+|\s+while\s+|\s+[—–]\s+|"
    r",\s+(?:а|тоді як|тогда как|в то время как|поки|пока|натомість|однако|але|но)\s+",
    re.IGNORECASE,
)


def _strikes_apart(text: str, located: list[tuple[int, PlaceMention]]) -> list[tuple[int, int]]:
    """The clauses of a sentence that each tell a strike on places of their own, when there
    are two or more; else []."""
    if len(located) < 2:
        return []
    bounds = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
    clauses = []
    for a, b in itertools.pairwise(bounds):
        own = {pm.place.name for pos, pm in located if a <= pos < b}
        if own and EventKind.STRIKE in kinds_in(text[a:b]):
            clauses.append(((a, b), own))
    if len(clauses) < 2:
        return []
    names = [own for _, own in clauses]
    if any(x & y for x, y in itertools.combinations(names, 2)):
        return []
    return [span for span, _ in clauses]


def _kind_spans(text: str, kinds: set[EventKind]) -> dict[EventKind, list[tuple[int, int]]]:
    """The clauses each kind is told in, when the kinds sit in different clauses; a kind
    told across the whole sentence (or in every clause) gets none, and keeps every place."""
    bounds = [0]
    for m in _CLAUSE_BREAK.finditer(text):
        bounds.append(m.start())
    bounds.append(len(text))
    clauses = [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
    if len(clauses) < 2:
        return {}
    found = [kinds_in(text[a:b]) for a, b in clauses]
    out: dict[EventKind, list[tuple[int, int]]] = {}
    for kind in kinds:
        mine = [c for c, ks in zip(clauses, found, strict=True) if kind in ks]
        if mine and len(mine) < len(clauses):
            out[kind] = mine
    return out if len(out) > 1 else {}


_ACTOR_VERB = re.compile(
    r"^(?:['’]s\s+)?\s*(?:has|have|had|is|was|will|would|continued|continues|launched|launches|"
    r"fired|fires|attacked|attacks|struck|strikes|shelled|shells|says|said|claims|claimed|wants|"
    r"evacuates|evacuated|denies|denied|accused|accuses|targeted|targets|sent|sends|used|uses|"
    r"атакувал[аи]|атаковал[аи]?|запустил[аи]|випустил[аи]|выпустил[аи]|завдал[аи]|нанесл[аи]|"
    r"обстріляла|обстреляла|вдарила|ударила|продовжує|продолжает)\b|"
    # "Russia's defence ministry said", "Ukraine's air force": the country's body speaking
    r"^['’]s\s+(?:[\w-]+\s+)?(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|military|army|"
    r"armed\s+forces|air\s+force|general\s+staff|foreign\s+ministry|government|president|"
    r"prime\s+minister|forces|troops|officials|authorities|security\s+service|navy|"
    r"prosecutor\w*|border\s+guards?|emergency\s+service)\b",
    re.IGNORECASE,
)
_EVAC_TRIGGER = re.compile(r"evacua|евакуа|эвакуа|relocat|flee", re.IGNORECASE)


_TO_AFTER_FROM = re.compile(r"(?:^|\s)(?:в|у|во|на|до)\s+$", re.IGNORECASE)


def _onward(
    text: str, located: list[tuple[int, PlaceMention]], places: list[PlaceMention]
) -> list[PlaceMention]:
    """ "из Бердянска в Запорожье": after an origin, в/у/на names where people go, whatever
    the case ending says."""
    origin_at = min((pos for pos, pm in located if pm.role is PlaceRole.ORIGIN), default=None)
    if origin_at is None:
        return places
    out = []
    last_end = -1  # where the last destination's name ends
    for pm in places:
        pos = next((p for p, m in located if m is pm), None)
        if (
            pos is not None
            and pos > origin_at
            and pm.role is PlaceRole.LOCATION
            and not _SPEAKING_REGION.match(text, pos)
            and (
                _TO_AFTER_FROM.search(text[:pos])
                # "в Бердянск и Мелитополь": the list after "в" goes on
                or (last_end >= 0 and _LIST_JOIN.fullmatch(text[last_end:pos]))
            )
        ):
            pm = replace(pm, role=PlaceRole.DESTINATION)
        if pos is not None and pm.role is PlaceRole.DESTINATION:
            last_end = pos + len(pm.mention)
        out.append(pm)
    return out


_LIST_JOIN = re.compile(r"\s*(?:,|\bі\b|\bта\b|\bи\b|\band\b)\s*(?:(?:в|у|до)\s+)?", re.IGNORECASE)


def _is_actor(text: str, pos: int, pm: PlaceMention) -> bool:
    """ "Russia launched 40 drones", "drones launched by Russia": a country as the one who
    attacks is no location."""
    if pm.place.level is not PlaceLevel.COUNTRY:
        return False
    if re.search(r"\bby\s+(?:the\s+)?$", text[max(0, pos - 8) : pos], re.IGNORECASE):
        return True
    return _ACTOR_VERB.match(text[pos + len(pm.mention) :]) is not None


_FROM_LIST_GOES_ON = re.compile(
    r"\b(?:from|out\s+of|з|із|зі|из|от|від)\s+(?:[\w’'-]+\s*(?:,|\bи\b|\bі\b|\bта\b|\band\b|\s)\s*){1,6}$",
    re.IGNORECASE,
)


def _evacuation_place(text: str, pos: int, pm: PlaceMention) -> bool:
    """Before the evacuation word, only "residents of X", "in X", "X residents" are its places."""
    trigger = _EVAC_TRIGGER.search(text)
    if trigger is None or pos > trigger.start() or pm.role is not PlaceRole.LOCATION:
        return True  # "з Покровська до Ужгорода вирушив потяг": the ends come first
    if _FROM_LIST_GOES_ON.search(text, max(0, pos - 90), pos):
        return True  # "Из Алешек и Голой Пристани ... вывезены": the list after "from" goes on
    before = text[max(0, pos - 25) : pos]
    return (
        re.search(
            r"(?:\bin|\bof|\bfrom|\bnear|\bу|\bв|\bз|\bіз|\bиз|\bбіля|\bвозле|"
            r"\bжителів|\bмешканців|\bжителей|\bжителям|\bмешканцям)\s+(?:the\s+)?$",
            before,
            re.IGNORECASE,
        )
        is not None
    )


def _figure_fits(kind: EventKind, name: FigureName) -> bool:
    return name in KINDS[kind].figures


def adopt_debris_weapon(drafts: Sequence[Draft]) -> None:
    """Debris that hit a house came from what was shot down: a strike told by its debris
    takes the weapon of the article's interception ("all 10 ballistic missiles ... falling
    debris injured two")."""
    shot = next((d.weapon for d in drafts if d.kind is EventKind.AIR_DEFENSE and d.weapon), None)
    if shot is None:
        return
    for d in drafts:
        if (
            d.kind is EventKind.STRIKE
            and d.weapon is None
            and any(_DEBRIS_HIT.search(s.text) for s in d.sentences)
        ):
            d.weapon = shot


# "denied that the city had fallen and said fighting continued": what the denier says next
# is told as fact.
_AND_SAID = re.compile(
    r"\b(?:and|but)\s+(?:\w+\s+){0,2}?(?:said|says|added|adds|noted|stressed|reported|confirmed)\b|"
    r",\s+(?:saying|adding)\b|"
    r"\b(?:і|та|але|и|но)\s+(?:\w+\s+){0,2}?(?:заявив|заявила|заявили|повідомив|повідомила|"
    r"додав|додала|заявил|заявила|сообщил|сообщила|добавил|добавила)\b",
    re.IGNORECASE,
)


def _denial_covers(text: str, kind: EventKind) -> bool:
    """Whether the sentence's denial covers this kind: not when the kind is told after the
    denier goes on to say something else ("denied the city had fallen and said fighting
    continued in its south-western part": the fighting stands)."""
    denial = DENIAL.search(text)
    trigger = TRIGGERS[kind].search(text)
    if denial is None or trigger is None or trigger.start() < denial.end():
        return True
    return _AND_SAID.search(text, denial.end(), trigger.start()) is None


def _denied(text: str) -> bool:
    """Whether the sentence denies what it tells. "Russian forces took over Krasnohorivka;
    Ukrainian forces denied losing the village": the denial is another clause's, and the
    claim stands (attributed to whoever made it)."""
    m = DENIAL.search(text)
    if m is None:
        return False
    claim = kinds_in(text[: m.start()])
    cut = max((b.end() for b in _CLAUSE_BREAK.finditer(text, 0, m.start())), default=0)
    return not (cut and kinds_in(text[:cut]) and claim)
