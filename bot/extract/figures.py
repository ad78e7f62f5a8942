"""What a reported number counts: killed, injured, evacuated, settlements, interceptions..."""

from __future__ import annotations

import re

from bot.extract.numbers import NumberSpan, find_numbers, parse_number
from bot.extract.wordindex import may_match, register, stems
from bot.kinds import CASUALTY_FIGURES
from bot.records import Figure, FigureName

# Up to three words between a number and what it counts, but not across "and"/"but".
# Nor across another casualty word: in "three wounded, one killed" three were not killed.
_GAP = (
    r"(?:[–—-]\s+)?(?:(?!and\b|but\b|or\b|і\b|и\b|та\b|а\b|ще\b|еще\b|ещё\b|"
    r"(?:wounded|injured|killed|dead|died|hurt)\b)[\w’'-]+,?\s+(?:[–—-]\s+)?){0,4}?"
)
_SHORT_GAP = r"(?:(?!and\b|but\b|or\b)\w+\s+){0,2}?"
_BE = r"(?:(?:were|have been|has been|was|had been|had|have|are|було|были|был[аио]?)\s+)?"
# Hedges allowed between a verb and its number: "killing at least 3".
_TO_NUMBER = (
    # "Killed: 2", "Загиблих — 3": a label and its count
    r"\s*(?:[:—–-]\s*)?(?:at least|more than|about|over|some|between|from|all|ще|еще|ещё|всі|усі|все|"
    r"від|от|уже|вже|останніх|последних|the last|\s)*$"
)


def _words(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


_KILLED_WORDS = _words(
    "lost (?:their|his|her) li(?:ves|fe)",
    "погиб\\b",
    "killed",
    # (whole words: "its 20 diesel generators" are no dead)
    "dead\\b",
    "died",
    "dies\\b",
    "die\\b",
    "deaths",
    "fatalities",
    "lives",
    "bodies",
    "perished",
    "загинул",
    "загинули",
    "загиблих",
    "загинуло",
    "погибл",
    "погибших",
    "убит",
    "вбит",
    "загибли",
    "загибель",
    "жертв",
    "загибл\\w*",
    "погибш\\w*",
    "помер\\w*",
    "умер\\w*",
    "скончал\\w*",
)
_INJURED_WORDS = _words(
    "injured",
    "wounded",
    "hurt",
    "injuries",
    "поранен",
    "ранен",
    "травмован",
    "постраждал",
    "пострадал",
    "травмирован",
    "поранених",
    "раненых",
)
_TOLL_ROSE = (
    # "the number of ambulance workers killed in the shelling rose to four"
    r"(?:number of (?:the\s+)?(?:[\w’'-]+\s+){0,3}?(?:killed|dead|victims)|death toll|"
    r"toll(?!\s+of\s+(?:the\s+)?(?:wounded|injured)))\s+(?:[\w’',-]+\s+){0,20}?"
    r"(?:has\s+|had\s+)?(?:risen|rose|rises|climbed|climbs|increased|increases|reached|reaches|jumped|"
    r"jumps|grew|grows)\s+to|"
    # "..., bringing the number of dead from the attack to three"
    # ("bringing the number of civilians killed in the attack to 22")
    r"(?:bringing|raising|pushing|taking)\s+(?:the\s+)?(?:death toll|toll|number of (?:the\s+)?(?:dead|"
    r"(?:[\w’'-]+\s+)?(?:killed|dead)|victims))"
    r"\s+(?:[\w’'-]+\s+){0,8}?to"
)
# "the number of wounded had climbed to 21", "bringing the number of injured to 30"
_INJURED_ROSE = (
    r"(?:(?:number|count|toll)\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?(?:wounded|injured|hurt|injuries))"
    r"\s+(?:[\w’',-]+\s+){0,20}?(?:has\s+|had\s+)?(?:risen|rose|rises|climbed|climbs|increased|"
    r"increases|reached|reaches|jumped|jumps|grew|grows)\s+to|"
    r"(?:bringing|raising|pushing|taking)\s+(?:the\s+)?(?:number|count|toll)\s+of\s+(?:the\s+)?"
    r"(?:wounded|injured|people\s+(?:wounded|injured|hurt))\s+(?:[\w’'-]+\s+){0,8}?to"
)
# "кількість загиблих зросла до 19", "число погибших возросло до 12"
_TOLL_ROSE_CYR = (
    r"(?:кількість|число|количество)\s+(?:{what})\s+(?:[\w’'-]+\s+){{0,12}}?"
    r"(?:зросл\w*|збільшил\w*|сягнул\w*|досягл\w*|зріс|возросл\w*|вырос\w*|увеличил\w*|"
    r"достигл\w*)(?:\s+(?:з|із|с|від|от)\s+\d[\d\s,]*)?(?:\s+до)?"
)
_TOLL_IS = (
    rf"death toll\s+{_GAP}(?:rose|rises|risen|climbed|reached|increased|is|stands at|"
    r"stood at|has risen)?\s*(?:to|at)?"
)

# What interceptions and launches count, in the plural after a number.
_WEAPONS_COUNTED = _words(
    "засоб\\w* повітряного нападу",
    "засоб\\w* ураження",
    "средств\\w* воздушного нападения",
    "(?:aerial|air) attack (?:weapons|assets|means)",
    # "destroyed 58 aerial targets", "shot down 13 projectiles": the Air Force's and the
    # Russian defence ministry's English
    "(?:aerial|air|airborne) targets",
    "(?:aerial\\s+)?projectiles",
    "повітряних цілей",
    "воздушных целей",
    "drones",
    "missiles",
    "shaheds",
    "uavs",
    "unmanned aerial vehicles",
    "безпілотних літальних апаратів",
    "беспилотных летательных аппаратов",
    "rockets",
    "дронів",
    "ракет",
    "безпілотників",
    "дронов",
    "беспилотников",
    "шахедів",
    "шахедов",
    "ракети",
    "ракеты",
)

# What a number counts, judged from the words right after it ...
_PEOPLE_PLURAL = (
    r"(?:people|persons|men|women|children|civilians|residents|farmers|workers|employees|"
    r"pensioners|teenagers|volunteers|rescuers|firefighters|medics|miners|drivers|passengers|"
    r"fishermen|villagers|locals|journalists|soldiers|servicemen|guards|staff)"
)
_AFTER_RULES: tuple[tuple[FigureName, re.Pattern[str]], ...] = tuple(
    (label, re.compile(p, re.IGNORECASE))
    for label, p in (
        (FigureName.KILLED, r"^\s*(?:KIA|killed in action)\b"),
        (
            FigureName.KILLED,
            r"^\s*(?:[\w-]+\s+){0,2}?(?:soldiers|servicem[ae]n|troops|militants|fighters|"
            r"mercenaries|personnel)\b(?:\s+[\w-]+){0,8}?\s+(?:were|was)\s+"
            r"(?:destroyed|eliminated|liquidated)\b",
        ),
        (FigureName.INJURED, r"^\s*(?:WIA|wounded in action)\b"),
        # "280 people had been buried in mass graves", "280 людей поховали у братських
        # могилах": the dead counted where they lie
        (
            FigureName.KILLED,
            r"^\s*(?:[\w-]+\s+){0,2}?(?:had\s+been|have\s+been|were|was)\s+(?:\w+\s+)?buried\b|"
            r"^\s*(?:[\w’'-]+\s+){0,2}?(?:поховали|поховано|похоронили|похоронены|похоронено)\b",
        ),
        (FigureName.KILLED, rf"^\s*{_GAP}{_BE}{_KILLED_WORDS}"),
        # "Four people are now known to have died", "were confirmed dead"
        (
            FigureName.KILLED,
            r"^\s*(?:[\w-]+\s+){0,2}?(?:are|were|is|was)\s+(?:now\s+)?(?:known|confirmed|reported|"
            r"believed|said)\s+(?:to\s+(?:have\s+)?(?:been\s+)?)?(?:killed|died|dead)\b",
        ),
        (FigureName.INJURED, rf"^\s*{_GAP}{_BE}{_INJURED_WORDS}"),
        # "Two farmers working in a sunflower field were injured": people, then what they
        # were doing, then what happened to them.
        (
            FigureName.INJURED,
            rf"^\s*(?:[\w-]+\s+)?{_PEOPLE_PLURAL}\s+\w+ing\s+(?:[\w’'-]+\s+){{0,5}}?[\w’'-]+,?\s+"
            rf"{_BE}{_INJURED_WORDS}",
        ),
        (
            FigureName.KILLED,
            rf"^\s*(?:[\w-]+\s+)?{_PEOPLE_PLURAL}\s+\w+ing\s+(?:[\w’'-]+\s+){{0,5}}?[\w’'-]+,?\s+"
            rf"{_BE}{_KILLED_WORDS}",
        ),
        # "12 were taken to hospital with injuries": the hurt, not people moved to safety
        (
            FigureName.INJURED,
            rf"^\s*{_GAP}{_BE}(?:taken|rushed|brought|admitted|airlifted|hospitali[sz]ed)\s+"
            r"(?:to\s+)?(?:a\s+|the\s+)?(?:local\s+|nearby\s+)?(?:hospitals?|medical\s+facilit\w+)\b",
        ),
        (
            FigureName.EVACUATED,
            rf"^\s*{_GAP}{_BE}"
            + _words(
                "evacuated",
                "relocated",
                "евакуйован",
                "эвакуирован",
                "евакуювал",
                "эвакуировал",
                "вивезли",
                "вывезли",
                "перевезли",
                "вивезен",
                "вывезен",
                "переправлен",
                # "12 родин, разом 43 людини, переселили до Одещини", "отвезли в Сумы"
                "переселил[иа]",
                # (the participle, not "переселенців": displaced people counted, not moved)
                "переселен[іиоа]\\b",
                "відвезли",
                "отвезли",
                "taken out",
                "brought out",
                "moved out",
                # "pulled 47 people out of Kupiansk", "took 19 residents off the islands"
                "out of (?=(?-i:[A-ZА-ЯІЇЄҐ]))",
                "off the (?:islands?|island\\w*|left bank|front(?:line)?|coast)",
                "moved to",
                "brought to",
                "taken to",
                "bus+ed to",
                "taken from",
                "driven out",
                "boarded",
                "(?:agreed|decided|chose|managed) to leave",
                "leave",
                "bussed",
                "rescued",
                "left(?!\\s+(?:without|behind|homeless|injured|wounded|dead|stranded|with))",
                "fled",
                "escaped",
                "got out",
                "made it out",
                "(?:managed|were able|was able|able) to (?:leave|get out|escape|flee)",
                "crossed",
                "arrived",
                "reached",
                "passengers",
                "пасажир\\w*",
                "пассажир\\w*",
                "виїхал\\w*",
                "выехал\\w*",
                "прибул\\w*",
                "прибыл\\w*",
                "вийшл\\w*",
                "вышл\\w*",
            ),
        ),
        (
            FigureName.SETTLEMENTS,
            r"^\s*(?:\w+\s+)?"
            + _words(
                "settlements",
                "villages",
                "towns",
                "localities",
                "населен\\w* пункт\\w*",
                "сіл",
                "сел(?:ах|ам)?",
                "селах",
            ),
        ),
        (
            FigureName.WITHOUT_POWER,
            rf"^\s*{_SHORT_GAP}"
            + _words(
                "households",
                "homes",
                "consumers",
                "subscribers",
                "customers",
                "residents",
                "people",
                "абонент\\w*",
                "споживач\\w*",
                "домогосподарств\\w*",
                "будинк\\w*",
                "домов",
                "потребител\\w*",
                "родин",
                "семей",
            )
            # ("4,000 residents of the two towns without electricity")
            + r"\s+(?:\w+\s+){0,5}"
            + _words(
                # without power, not "without water or heating"
                "without (?:power|electricity|light|(?:the\\s+)?electricity\\s+supply)",
                "lost (?:power|electricity)",
                "left without (?:power|electricity|light)",
                "disconnected",
                "de-energi[sz]ed",
                "знеструмлен",
                "без світла",
                "без електро",
                "залишил\\w* без",
                "лишил\\w* без",
                "обесточен",
                "без света",
                "без электр",
                "остал\\w* без",
            ),
        ),
        (
            # "Forty-two residents of Myrnohrad, Selydove and Novohrodivka boarded two buses"
            FigureName.EVACUATED,
            r"^\s*(?:residents|people|civilians|inhabitants|villagers|patients|children)\s+of\s+"
            r"(?:[\w’'-]+(?:\s*,\s*|\s+and\s+|\s+)){1,6}?(?:boarded|left|fled|got\s+out|were\s+(?:taken|moved|"
            r"evacuated|brought|driven|bus+ed)|have\s+(?:left|fled|been\s+(?:taken|moved|evacuated)))\b",
        ),
        (
            # "Понад 200 тисяч харків'ян залишилися без світла"
            FigureName.WITHOUT_POWER,
            # ("близько 10 тисяч мешканців Щастя та сусідніх сіл залишилися без світла")
            r"^\s*(?:[\w’'-]+\s+){1,6}?(?:залишил\w*|лишил\w*|опинил\w*|остал\w*|оказал\w*)\s+"
            r"без\s+(?:світла|електро\w*|света|электр\w*)|"
            # ("About 30,000 households in the area were left without electricity")
            # ("about 10,000 residents of Shchastia and nearby villages were without electricity")
            r"^\s*(?:[\w’'-]+\s+){1,7}?(?:were|are|remain(?:ed)?|was|had\s+been|have\s+been)\s+"
            r"(?:left\s+)?without\s+(?:power|electricity)|"
            r"^\s*(?:[\w’'-]+\s+){1,2}?(?:were|was|have been|had been)\s+cut\s+off\s+from\s+(?:electricity|power)",
        ),
        (
            # "Russia launched 116 drones; 61 were shot down": the weapons named before
            FigureName.INTERCEPTED,
            r"^\s+(?:of\s+them\s+)?(?:were|have\s+been|had\s+been)\s+(?:shot\s+down|downed|"
            r"intercepted|destroyed|neutrali[sz]ed)\b",
        ),
        (
            FigureName.INTERCEPTED,
            rf"^\s*{_SHORT_GAP}{_WEAPONS_COUNTED}"
            + r"\s+(?:[\w-]+\s+){0,3}?(?:(?:were|was|have been|had been|були|были)\s+)?"
            + _words(
                "shot down",
                "downed",
                "destroyed",
                "intercepted",
                "neutrali[sz]ed",
                "збито",
                "знищено",
                "збили",
                "знищили",
                "сбиты",
                "сбито",
                "уничтожены",
                "уничтожено",
            ),
        ),
        (
            FigureName.LAUNCHED,
            rf"^\s*{_SHORT_GAP}{_WEAPONS_COUNTED}"
            + r"\s+(?:\w+\s+){0,3}"
            + _words(
                "launched",
                "fired",
                "were launched",
                "attacked",
                "випустил",
                "запустил",
                "выпустил",
                "атакувал",
                "атаковал",
            ),
        ),
    )
)
# ... or right before it.
_BEFORE_RULES: tuple[tuple[FigureName, re.Pattern[str]], ...] = tuple(
    # From a word start: "skilled 3 workers" is no toll.
    (label, re.compile(r"\b" + p + _TO_NUMBER, re.IGNORECASE))
    for label, p in (
        (
            FigureName.KILLED,
            _words(
                "killed",
                "killing",
                "kills",
                "kill",
                "claimed the lives of",
                "(?:the\\s+)?deaths?\\s+of",
                "bodies of",
                "remains of",
                "claiming the lives of",
                _TOLL_ROSE,
                _TOLL_IS,
                "dead",
                "загинули",
                "загинуло",
                "загинув",
                "погибли",
                "погибло",
                "убиты",
                "вбито",
                "вбили",
                "убили",
                "загинул[аи]",
                "погиб(?:л[аио]?)?",
                "загиблих",
                "погибших",
                # the count told after where, with "already": "погибших на рынке в Донецке уже
                # шестеро", "загиблих у Сумах вже троє", "жертв атаки на Дніпро вже троє" (not "серед загиблих": a part of them)
                "(?<!серед\\s)(?<!среди\\s)(?:загиблих|погибших|жертв)(?:\\s+[\\w’'-]+){1,6}?\\s+(?:уже|вже)",
                # ... and with an aside: "Погибших, к сожалению, трое", "Загиблих, на жаль, вже четверо"
                "(?:загиблих|погибших),\\s+(?:на\\s+жаль|к\\s+сожалению|на\\s+сьогодні|на\\s+сегодня),?"
                "(?:\\s+(?:уже|вже))?",
                # ... and in English with "now": "the dead at the market now number six",
                # "the number of dead in Donetsk is now six"
                "(?:the\\s+)?(?:number\\s+of\\s+(?:the\\s+)?)?(?:dead|deaths|fatalities)"
                "(?:\\s+[\\w’'-]+){1,6}?\\s+(?:is\\s+|are\\s+)?now(?:\\s+(?:number|total|stands?\\s+at))?",
                "жертвами (?:[\\w’'-]+\\s+){0,2}?стали",
                # "дістали тіла двох людей", "извлекли тела трёх человек": the bodies counted
                "(?:дістали|вилучили|виявили|знайшли|деблокували|извлекли|достали|обнаружили|"
                # (not "тіла ще двох": two more, beside a total told elsewhere)
                "нашли)\\s+(?:[\\w’'-]+\\s+){0,2}?(?:тіла|тела)(?!\\s+(?:ще|еще|ещё)\\b)",
                # "підтверджено загибель 10 людей", "сообщили о гибели двух человек"
                "(?:загибель|загибел[іь]|гибель|гибели)",
                "(?:число|кількість|количество)\\s+(?:жертв|загиблих|погибших|вбитих|убитых)",
                # "Загальна кількість загиблих внаслідок атаки 22 липня — 12": the label, what
                # it counts, a dash, the count
                "(?:число|кількість|количество)\\s+(?:жертв|загиблих|погибших|вбитих|убитых)"
                "(?:\\s+[\\w’'-]+){1,8}?\\s+[—–]",
                # "забрала життя однієї людини", "унес жизнь одного человека"
                "забра(?:в|ла|ло|ли) житт(?:я|ів)",
                "(?:забрал|унес)(?:а|о|и)? жизн(?:ь|и|ей)",
                _TOLL_ROSE_CYR.format(what=r"загиблих|погибших|жертв|убитих|убитых"),
            ),
        ),
        (
            FigureName.INJURED,
            _words(
                "injured",
                "injuring",
                "wounded",
                "wounding",
                "injures",
                "injure",
                "wound",
                "hurt",
                "injured were",
                _INJURED_ROSE,
                "поранено",
                "поранені",
                "ранены",
                "ранено",
                "травмовано",
                "постраждали",
                "пострадали",
                "поранен[оіи]",
                "ранен[оы]",
                "травмован[оі]",
                "травмирован[оы]",
                # the wound first: "Ранения получили четверо", "Поранення дістали 5 людей"
                "(?:поранення|ранения|травми|травмы|травмування)\\s+(?:різного\\s+ступеня\\s+"
                "(?:тяжкості\\s+)?|различной\\s+степени\\s+(?:тяжести\\s+)?)?"
                "(?:отрима(?:в|ла|ли)|дістал(?:а|и)?|дістав|получил[аи]?)",
                # the singular verb before one victim: "пострадал 1 человек", "ранена одна
                # женщина", "постраждав один чоловік"
                "(?:пострадал|постраждал)[аои]?",
                "постраждав",
                "(?:ранен|поранен|травмирован|травмован)(?:а|ий|ый|ая)?",
                "поранили",
                "ранили",
                "поранених",
                "раненых",
                "постраждалих",
                "пострадавших",
                # "раненых в Белгороде уже 12", "поранених у місті вже п'ятеро"
                "(?<!серед\\s)(?<!среди\\s)(?:поранених|раненых|постраждалих|пострадавших)"
                "(?:\\s+[\\w’'-]+){1,6}?\\s+(?:уже|вже)",
                "(?:the\\s+)?(?:number\\s+of\\s+(?:the\\s+)?)?(?:wounded|injured)"
                "(?:\\s+[\\w’'-]+){1,6}?\\s+(?:is\\s+|are\\s+)?now(?:\\s+(?:number|total|stands?\\s+at))?",
                _TOLL_ROSE_CYR.format(
                    what=r"поранених|постраждалих|раненых|пострадавших|травмованих"
                ),
            ),
        ),
        (
            FigureName.EVACUATED,
            _words(
                "evacuated",
                "evacuating",
                "evacuate",
                "evacuation of",
                "relocated",
                "евакуйовано",
                "эвакуировано",
                "евакуювали",
                "евакуйовані",
                "эвакуировали",
                "эвакуированы",
                "вивезли",
                "вывезли",
                "вивіз",
                "вивезла",
                "вывез",
                "вывезла",
                "вивезено",
                "вывезено",
                "вивезені",
                "вывезены",
                # "евакуювали з Торецька 14 людей", "эвакуированы в Старобельск 120 жителей"
                "(?:евакуювали|евакуйовано|евакуйовані|вивезли|вивезено|вивезені|эвакуировали|"
                "эвакуированы|эвакуировано|вывезли|вывезены|вывезено|переправлены|переправлено|"
                # "мешканців Антонівки перевезли до Миколаєва — 23 людини"
                "перевезли|перевезено|перевезені|перевезены)"
                "(?:\\s+(?:за\\s+добу|за\\s+сутки|сьогодні|сегодня|вчора|учора|вчера|уже|вже))?"
                # ("вивезли з підтоплених районів Херсона 143 людини")
                "(?:\\s+(?:з|із|из|с|в|у|до|к|на)\\s+[\\w’'-]+(?:\\s+[\\w’'-]+){0,2}){1,2}",
                "переправлен[оы]",
                "переправил[аи]?",
                "перевезли",
                "перевезен[оыі]",
                # "в пункты временного размещения доставлены 186 человек"
                "доставлен[оыі]",
                "доставили",
                # "отправлены 64 ребенка", "відправили 40 дітей" (the place words between)
                "(?:відправлен[оі]|відправили|отправлен[оы]|отправили)(?:\\s+(?:на\\s+время|тимчасово|временно))?",
                "переправля(?:ють|ют)",
                "(?:временно\\s+)?отселен[оы]",
                "эвакуирован",
                "евакуйован(?:о|і)?",
                "прибул[иао]",
                "прибыл[иао]",
                "перевезл[иао]",
                "перевезено",
                "(?:тимчасово\\s+)?відселен[оі]",
                # "в Мелитополь временно перемещены 340 жителей"
                "(?:тимчасово\\s+|временно\\s+)?(?:переміщен[оі]|перемещен[оы])",
                # "вдалося виїхати близько 3 тисячам людей"
                "(?:вдалося|вдалось|удалось|змогли|смогли)\\s+(?:виїхати|выехать|евакуюватися|"
                "эвакуироваться)",
                "вивезти",
                "вывезти",
                "carrying",
                "carried",
                "moved",
                "drove",
                "take",
                "brought out",
                "took out",
                "bus+ed",
                "ferried",
                "took out",
                "taken out",
                "brought out",
                "got out",
                "on board",
                "на борту\\s*(?:—|-|:)?",
                "у ньому",
                "в нем",
                "with",
                "brought",
                "took",
                "евакуації",
                "эвакуации",
                # "виїхали понад 1200 людей", "за сутки выехали 450 человек"
                "виїхал[иао]",
                "выехал[иао]",
                "покинул[иао]",
                "евакуювал(?:ися|ось)",
                "эвакуировал(?:ись|ось)",
            ),
        ),
        (
            FigureName.SETTLEMENTS,
            _words(
                "recaptured",
                "liberated",
                "retook",
                "regained",
                "retaken",
                "звільнено",
                "звільнили",
                "освобождено",
                "освободили",
                "деокупували",
            ),
        ),
        (
            FigureName.INTERCEPTED,
            _words(
                "shot down",
                "shooting down",
                "downing of",
                "downing",
                "downed",
                "destroyed",
                "intercepted",
                "neutrali[sz]ed",
                # every gender and number of the past tense: "ППО знищила", "знищив", "сбил"
                "зби(?:в|ла|ло|ли)",
                "знищи(?:в|ла|ло|ли)",
                "сбил[аои]?",
                "уничтожил[аои]?",
                "збито",
                "знищено",
                "сбито",
                "сбиты",
                "уничтожено",
                "уничтожены",
                "знешкоди(?:в|ла|ло|ли)",
                "знешкоджено",
                "перехопи(?:в|ла|ло|ли)",
                "перехоплено",
                "перехватил[аои]?",
                "перехвачено",
                "перехвачены",
                "перехоплені",
                "знищені",
                "збиті",
                "подавили",
                "подавлено",
                # "підтверджено збиття 89 ударних БпЛА", "подтверждено сбитие 20 дронов"
                "збиття",
                "сбитие",
                "знищення",
                "уничтожение",
            ),
        ),
        (
            FigureName.WITHOUT_POWER,
            _words(
                "знеструмлено",
                "обесточено",
                "обесточены",
                "без світла (?:залишил\\w*|лишил\\w*|опинил\\w*)",
                "без (?:світла|електроенергії|електропостачання|света|электричества|электроснабжения|"
                "электроэнергии)(?:\\s+(?:залишил\\w*|лишил\\w*|опинил\\w*|остал\\w*|оказал\\w*|"
                "залишаються|остаются|остается|залишається))?"
                "(?:\\s+(?:понад|більше|близько|около|более|свыше|майже|почти))?",
                "без света (?:остал\\w*|оказал\\w*)",
                "без электричества (?:остал\\w*|оказал\\w*)",
                "без електропостачання (?:залишил\\w*|лишил\\w*)",
            ),
        ),
        (
            FigureName.WITHOUT_POWER,
            # "cutting power to about 3,500 homes", "knocked out electricity for 200,000"
            _words(
                "(?:cut|cutting|cuts|knocked out|knocking out|disrupted|disrupting)\\s+"
                "(?:off\\s+)?(?:the\\s+)?(?:power|electricity|the electricity supply|power supply)"
                # "cutting electricity and water supply to about 150,000 residents"
                "(?:\\s+and\\s+(?:water|heat(?:ing)?|gas))?"
                "\\s+(?:supply\\s+|supplies\\s+)?(?:to|for|of)",
                "left without (?:power|electricity|light)",
                "(?:electricity|power|supply)\\s+(?:was|were|has been|had been)\\s+cut\\s+(?:off\\s+)?(?:to|for)",
                # "causing power outages for about 10,000 consumers", "blackouts affecting"
                "(?:power\\s+|electricity\\s+)?(?:outages?|blackouts?)\\s+(?:for|to|affecting|hitting)",
            ),
        ),
        (
            FigureName.LAUNCHED,
            _words(
                "launched",
                "fired",
                "sent",
                # "attacked Ukraine overnight with 47 Shahed drones"
                "(?:attacked|struck|targeted|hit)\\s+(?:[\\w’'-]+\\s+){0,4}?with",
                "випустил[аи]",
                "запустил[аи]",
                "выпустил[аи]",
                "атакувал[аи]",
                "атаковал[аи]",
                "атакував",
                "атаковал",
                "запустив",
                "випустив",
                "запустил",
                "выпустил",
                # "ворог застосував 20 засобів повітряного нападу"
                "застосував",
                "застосувал[аи]",
                "применил[аи]?",
                "used",
                "deployed",
            )
            + r"(?:\s+(?:по|на)\s+[\w’'-]+|\s+[\w’'-]+)?",
        ),
    )
)
# "eliminated 40 Russians", "destroyed about 85 Ukrainian soldiers": claimed enemy dead.
_ELIMINATED = re.compile(
    r"(?:eliminated|liquidated|neutrali[sz]ed|destroyed|killed)\s+"
    r"(?:up to|about|more than|over|at least|some|\s)*$",
    re.IGNORECASE,
)
_PEOPLE_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:soldiers|servicem[ae]n|troops|militants|fighters|invaders|occupiers|"
    r"mercenaries|russians|ukrainians|personnel|militiam[ae]n|people|civilians)\b",
    re.IGNORECASE,
)
# "over the past 24 hours", "shelled 10 times", "killed and wounded": not a toll of its own.
# "claimed six lives", "cost 12 lives", "took the lives of": lives lost, not saved.
_TOOK_BEFORE = re.compile(
    r"\b(?:claim(?:ed|s|ing)?|cost(?:s|ing)?|took|takes?|taking)\s+(?:the\s+|at\s+least\s+|"
    r"some\s+|about\s+|over\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
_LIVES_AFTER = re.compile(r"^\s+(?:more\s+|human\s+|civilian\s+)?lives\b", re.IGNORECASE)
_NOT_A_COUNT_AFTER = re.compile(
    r"^[\s-]*(?:hours?|days?|times|minutes|km|kilomet(?:er|re)s?|miles|years?|months?|weeks?|%|"
    r"percent|per cent|met(?:er|re)s?|tons?|tonnes?|mm|kg|\w+ killed and wounded|killed and wounded|"
    r"години|годин|днів|дні|раз|рази|разів|часов|суток|дней|раза|дня|доби|діб|часа|"
    r"км|кілометр\w*|километр\w*|метр\w*|відсотк\w*|процент\w*|років|року|роки|лет|года|год|"
    r"хвилин\w*|минут\w*|тижн\w*|недел\w*|місяц\w*|месяц\w*|гривень|гривен|грн|рублей|доларів|"
    r"долларов|тонн\w*|"
    # "61 were shot down over 13 oblasts", "над 13 областями": where, not how many
    r"oblasts?|regions?|провінц\w*|област(?:ях|ями|ей|і)|регіон\w*|регион\w*)\b",
    re.IGNORECASE,
)
_ASIDE = re.compile(
    r"^((?:\s*[\w’'-]+){0,2})\s*,\s*(?:including|among them|among whom|mostly|many of them|"
    r"серед них|зокрема|у тому числі|в тому числі|среди них|в том числе)\s[^,]{1,60},",
    re.IGNORECASE,
)
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:including|among them|of whom|among whom|серед них|в том числе|\bno|\bnot|"
    r"\bnot a single)\s*$",
    re.IGNORECASE,
)
_BEFORE_RULES_BY_LABEL = dict(reversed(_BEFORE_RULES))
# "evacuation of 11 villages", "destroyed 3 houses": what the number counts is no people.
_THINGS_AFTER = re.compile(
    r"^\s*(?:(?!(?:from|of|in|near|to|and|for|across|with|з|із|из|в|у|на|до|і|и|та)\s)[\w’'-]+\s+){0,2}?"
    r"(?:villages?|settlements?|towns?|cities|communities|hromadas?|"
    r"districts?|houses?|homes?|buildings?|apartments?|cars?|vehicles?|trucks?|buses|trains?|"
    r"tanks?|schools?|hospitals?|enterprises|facilities|objects|families|households|"
    # "повреждены две линии электропередачи, ранен один человек": lines, not the hurt
    r"(?:power\s+)?lines?|pylons?|substations?|roofs?|windows?|garages?|shops?|stores?|"
    r"warehouses?|bridges?|лін(?:ії|ій|ія)|лини(?:и|й|я)|ЛЕП|ЛЭП|опор\w*|підстанці\w*|"
    r"подстанци\w*|гараж\w*|магазин\w*|склад(?:и|ів|а|ов)?|мост(?:и|ів|а|ов)?|"
    r"сімей|семей|родин|"
    r"сел[оаі]?|сіл|селищ\w*|населен\w*|громад\w*|будин\w*|будівл\w*|домів|дом(?:а|ов)?|"
    r"здани\w*|квартир\w*|автомобіл\w*|автомобил\w*|машин\w*|автобус\w*|поїзд\w*|поезд\w*|"
    r"потяг\w*|шкіл|школ\w*|лікарн\w*|больниц\w*|підприєм\w*|предприят\w*|об['’]єкт\w*|объект\w*)\b",
    re.IGNORECASE,
)
# What a count of places without power counts: "2 населённых пункта", "14 villages".
_SETTLEMENTS_AFTER = re.compile(
    r"^\s*(?:[\w’'-]+\s+)?(?:villages?|settlements?|towns?|communities|hromadas?|"
    r"населен\w*\s+пункт\w*|населён\w*\s+пункт\w*|сіл|сел[аоі]?|селищ\w*|громад\w*)\b",
    re.IGNORECASE,
)
# "троє жителів села": people of a village, not villages.
_PEOPLE_AFTER_NUMBER = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,1}?(?:people|residents|civilians|persons|children|passengers|patients|"
    r"пацієнт\w*|пациент\w*|"
    r"жител\w*|мешкан\w*|люд\w*|цивільн\w*|мирн\w*|діт\w*|дет\w*|человек\w*|пасажир\w*|"
    r"пассажир\w*)\b",
    re.IGNORECASE,
)
_PEOPLE_LABELS = frozenset({FigureName.KILLED, FigureName.INJURED, FigureName.EVACUATED})


def _before_stems(rule: re.Pattern[str]) -> frozenset[str] | None:
    keys = stems(rule.pattern[: -len(_TO_NUMBER)])
    if keys is not None:
        register(keys)
    return keys


# The words a rule before a number must end on start with one of these: most numbers' left
# context has none of them, and the rules' end-anchored searches are the costly part.
_BEFORE_STEMS = tuple(_before_stems(rule) for _, rule in _BEFORE_RULES)
_PEOPLE_FIRST = tuple(zip(_BEFORE_RULES, _BEFORE_STEMS, strict=True))
# Beside drones and missiles, "attacked with 47" counts weapons before it could count people.
_WEAPONS_FIRST = tuple(
    sorted(
        _PEOPLE_FIRST,
        key=lambda rule: rule[0][0] not in (FigureName.INTERCEPTED, FigureName.LAUNCHED),
    )
)
# "три будинки, постраждалих немає": the number counts houses; nobody was hurt.
_NONE_AFTER = re.compile(
    r"^\s*(?:[\w’'-]+,?\s+){0,3}?(?:постраждал|загибл|поранен|пострадавш|погибш|ранен|жертв)\w*"
    r"\s+(?:немає|нема|нет|не)\b",
    re.IGNORECASE,
)
_OF_TOTAL = re.compile(
    r"^\s*(?:of|out of|із|з|из)\s+(?:the\s+)?(\d[\d,]*)(?!\s*(?:години|годин|часов|год|лет|років))",
    re.IGNORECASE,
)
_OF_THEM_DOWNED = re.compile(
    r"^\s+(?:з|із|из)\s+них\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:збил|збит|сбил|сбит|знищ|уничтож|знешкод|перехоп|перехват)|"
    # "said 114 of them were intercepted"
    r"^\s+of\s+them\s+(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?"
    r"(?:intercepted|shot\s+down|downed|destroyed|neutrali[sz]ed)",
    re.IGNORECASE,
)
# "destroyed 38 of the drones": a part of the weapons launched, so an interception count.
_OF_THE_WEAPONS = re.compile(
    r"^\s+of\s+(?:the|them)\s+(?:\w+\s+)?(?:drones|missiles|shaheds|uavs|rockets)\b", re.I
)
# What an interception or launch count counts: weapons, or "of them" pointing back to them.
_WEAPON_NEAR = re.compile(
    r"drone|missile|shahed|uav|unmanned|rocket|ракет|дрон|безпілот|беспилот|шахед|бпла|ціл|цел|"
    r"(?:aerial|air|airborne)\s+targets?|projectiles?|(?:aerial|air)\s+attack\s+(?:weapons|assets|means)|"
    r"засоб\w* (?:повітряного нападу|ураження)|средств\w* воздушного нападения|"
    r"^\s+(?:of\s+them|(?:з|із|из)\s+них)\b",
    re.IGNORECASE,
)
_ALL_OF = re.compile(r"\b(?:all|усі|всі|все)\s+$", re.IGNORECASE)
_INTERCEPT_AFTER = re.compile(
    r"(?:shot down|downed|destroyed|intercepted|neutrali[sz]ed|збит|знищен|сбит|уничтожен)",
    re.IGNORECASE,
)


# "одним із загиблих курсантів", "двое из раненых": a part of those already counted.
_PART_OF_CYR = re.compile(
    r"^\s+(?:з|із|зі|из|изо)\s+(?:[\w’'-]+\s+)?(?:загибл|поранен|постраждал|погибш|ранен|"
    r"пострадавш|травмован)\w*",
    re.IGNORECASE,
)


# People yet to go, not gone: "about 11,000 people must leave", "мають виїхати",
# "выехать должны", "подлежат эвакуации".
_MUST = (
    r"(?:must|have\s+to|has\s+to|need\s+to|needs\s+to|are\s+to|is\s+to|will\s+have\s+to|should|"
    r"мають|повинні|треба|потрібно|должны|нужно|необходимо)"
)
_LEAVE = (
    r"(?:leave|evacuat\w*|relocat\w*|moved|виїхати|евакуюватися|евакуювати\w*|выехать|"
    r"эвакуироваться|эвакуировать\w*)"
)
YET_TO_LEAVE = re.compile(
    rf"\b{_MUST}\s+(?:be\s+)?{_LEAVE}(?!\w)|\b{_LEAVE}\s+{_MUST}\b|"
    r"\bпідляга\w*\s+евакуац\w*|\bподлежа\w*\s+эвакуац\w*",
    re.IGNORECASE,
)
_TO_LEAVE_AFTER = re.compile(
    rf"^\s+(?:[\w,’'-]+\s+){{0,6}}?(?:{_MUST}\s+(?:be\s+)?{_LEAVE}|{_LEAVE}\s+{_MUST}\b)",
    re.IGNORECASE,
)
_WITH_BEFORE = re.compile(r"\bwith\s+(?:another\s+|a\s+further\s+)?$", re.IGNORECASE)
_BEFELL_AFTER = re.compile(
    # "with 5 Ukrainian soldiers killed", "with two local residents injured"
    r"^\s+(?:(?!and\b|or\b)[\w-]+\s+){0,2}?(?:wounded|injured|killed|dead|hurt)\b",
    re.IGNORECASE,
)


# Where the people counted are from, between them and what befell them: "2,000 residents of
# the Glushkovo district of Russia's Kursk region have been bused", "2000 жителів
# Глушковського району Курської області вивезли".
_OF_AREA = re.compile(
    r"(?:\s+of\s+(?:the\s+)?(?:(?-i:[A-Z])[\w’'-]+(?:'s|’s)?\s+){1,3}(?:district|region|oblast|raion|"
    r"community|hromada|area|province|county)\b)+|"
    r"(?:\s+(?-i:[А-ЯІЇЄҐ])[\w’'-]+(?:ого|ої|ой|ей|ського|ської|ского|ской|цького|цької|цкого|цкой)\s+"
    r"(?:району|района|області|области|громади|громады|округу|округа))+",
    re.IGNORECASE,
)


def label_numbers(sentence: str, spans: list[NumberSpan]) -> list[tuple[FigureName, Figure]]:
    """Attach each number in the sentence to what it counts; unlabelled numbers are dropped."""
    found: list[tuple[FigureName, Figure]] = []
    previous_label: FigureName | None = None
    for span in spans:
        # "Two people, including a WWII veteran, died": the aside does not count.
        after = _ASIDE.sub(r"\1", sentence[span.end : span.end + 160])
        after = _OF_AREA.sub("", after)[:80]
        before = sentence[max(0, span.start - 110) : span.start]
        if (
            _NOT_A_COUNT_AFTER.match(after)
            or _NOT_A_COUNT_BEFORE.search(before)
            or _NONE_AFTER.match(after)
        ):
            continue
        # "two of the injured": a part of a count given elsewhere, unless "14 of the 16".
        if (
            re.match(r"^\s+of\s+(?:the|them|those)\b", after)
            and not _OF_TOTAL.match(after)
            and not _OF_THE_WEAPONS.match(after)
            # "shot down 44 of them": the part of the weapons just named
            and not (
                re.match(r"^\s+of\s+them\b", after)
                and _BEFORE_RULES_BY_LABEL[FigureName.INTERCEPTED].search(before)
            )
            and not _OF_THEM_DOWNED.match(after)
        ):
            continue
        if _PART_OF_CYR.match(after):
            continue  # "з одним із загиблих", "двоє з поранених": part of a count, not one
        label: FigureName | None = None
        total = _OF_TOTAL.match(after)
        if total and (
            _INTERCEPT_AFTER.search(after[:80])
            or _BEFORE_RULES_BY_LABEL[FigureName.INTERCEPTED].search(before)
        ):
            found.append((FigureName.INTERCEPTED, span.figure))
            launched = parse_number(total.group(1))
            if launched is not None:
                found.append((FigureName.LAUNCHED, Figure(launched)))
            previous_label = FigureName.INTERCEPTED
            continue
        if _OF_THEM_DOWNED.match(after):
            # "атакувала 40 дронами, 35 з них збили": the part shot down.
            found.append((FigureName.INTERCEPTED, span.figure))
            previous_label = FigureName.INTERCEPTED
            continue
        if (_ELIMINATED.search(before) and _PEOPLE_AFTER.match(after)) or (
            _TOOK_BEFORE.search(before) and _LIVES_AFTER.match(after)
        ):
            # "eliminated 40 Russians"; "an ambush that claimed six lives".
            found.append((FigureName.KILLED, span.figure))
            previous_label = FigureName.KILLED
            continue
        # "killed 19 people and injured 100": a verb right before the number decides first.
        things = _THINGS_AFTER.match(after) is not None and not _PEOPLE_AFTER_NUMBER.match(after)
        weaponry = _WEAPON_NEAR.search(after[:40] + before) is not None
        # "the toll rose to five, with 34 people wounded": what befell them, said right
        # after, tells more than a bare "with" (a bus "with 34 people" on board) before.
        told_after = _WITH_BEFORE.search(before) is not None and _BEFELL_AFTER.match(after)
        for (name, rule), keys in (
            () if told_after else (_WEAPONS_FIRST if weaponry else _PEOPLE_FIRST)
        ):
            if may_match(keys, before) and rule.search(before):
                label = None if things and name in _PEOPLE_LABELS else name
                break
        if label is None:
            for name, rule in _AFTER_RULES:
                if rule.search(after):
                    label = None if things and name in _PEOPLE_LABELS else name
                    if name is FigureName.EVACUATED and _SETTLEMENTS_AFTER.match(after):
                        # "з 11 сіл Чугуївського району вивезли 230 людей": the villages
                        # left, not people
                        label = FigureName.SETTLEMENTS
                    break
        if label is None and previous_label and re.match(r"^\s*in\s", after):
            # "502 settlements in Kharkiv region, 43 in Donetsk region": the list continues.
            label = previous_label
        if label in (FigureName.INTERCEPTED, FigureName.LAUNCHED) and not _WEAPON_NEAR.search(
            after[:40] + before
        ):
            label = None
        if label is FigureName.WITHOUT_POWER and _SETTLEMENTS_AFTER.match(after):
            # "без электроснабжения остались 2 населённых пункта": places, not households
            label = FigureName.SETTLEMENTS
        if label is FigureName.EVACUATED and _TO_LEAVE_AFTER.match(after):
            label = None  # "about 11,000 people must leave": who is to go, not who went
        if label is FigureName.SETTLEMENTS and re.search(r"\bthe\s+$", before, re.IGNORECASE):
            label = None  # "residents of the two towns": the towns just named, not a count
        if label:
            found.append((label, span.figure))
            previous_label = label
            if label is FigureName.INTERCEPTED and _ALL_OF.search(before):
                # "destroyed all 11 Kalibr missiles": as many were launched as shot down.
                found.append((FigureName.LAUNCHED, span.figure))
    return found


_WEAPON_COUNTS = (FigureName.LAUNCHED, FigureName.INTERCEPTED)
# "усього 89 засобів повітряного нападу", "загалом — 161 ціль", "a total of 89 drones and
# missiles": the sum the Air Force gives of the kinds it has just counted.
_WEAPON_TOTAL = re.compile(
    r"\b(?:усього|всього|загалом|всего|в\s+общей\s+сложности|итого|in\s+total|a\s+total\s+of|"
    r"altogether|total(?:ling)?)\s*[—–:-]?\s*$",
    re.IGNORECASE,
)
# A number that counts weapons: "90 ударними БпЛА", "трьома балістичними ракетами".
_WEAPON_NOUN_AFTER = re.compile(
    r"\s+(?:[\w’'«»-]+\s+){0,3}?(?:ракет|дрон|бпла|безпілот|беспилот|шахед|каб|бомб|засоб|средств|"
    r"ціл|цел|missile|drone|rocket|shahed|uav|bomb|target|(?:aerial|air)\s+attack)",
    re.IGNORECASE,
)
# Between two counts of one list: no sentence break and no other verb of firing or downing.
_SAME_LIST = re.compile(
    r"^[^.;:!?]{0,60}?(?:,|\band\b|\bта\b|\bі\b|\bй\b|\bи\b)\s*$", re.IGNORECASE
)
_ACTION = re.compile(
    r"\b(?:launch|fired|shot\s+down|downed|intercept|destroy|neutrali|атакува|атакова|запусти|"
    r"випусти|выпусти|збит|збил|знешкод|знищ|сбит|сбил|уничтож|перехопл|перехвач)\w*",
    re.IGNORECASE,
)


def _weapons_summed(
    sentence: str, numbers: list[NumberSpan], found: list[tuple[FigureName, Figure]]
) -> list[tuple[FigureName, Figure]]:
    """ "атакував 90 ударними БпЛА та трьома балістичними ракетами": the weapons launched are
    all the kinds listed, 93; "..., усього 89 засобів": the total given wins over its parts."""
    counts = [n for n in numbers if _WEAPON_NOUN_AFTER.match(sentence, n.end)]
    told = dict(found)
    out = list(found)

    def put(name: FigureName, figure: Figure) -> None:
        nonlocal out
        out = [(n, figure if n is name else f) for n, f in out]
        if name not in told:
            out.append((name, figure))
        told[name] = figure

    chain: list[NumberSpan] = []
    labels: list[FigureName] = []  # what the chain's first count was read as
    for n in counts:
        if _WEAPON_TOTAL.search(sentence, max(0, n.start - 30), n.start):
            # the total takes the label of the last verb (or count) told before it
            before = [name for name, _ in found if name in _WEAPON_COUNTS]
            total_of = _last_action(sentence[: n.start]) or (before[-1] if before else None)
            if total_of is not None:
                put(total_of, n.figure)
            chain, labels = [], []
            continue
        if (
            chain
            and _SAME_LIST.match(sentence[chain[-1].end : n.start])
            and not _ACTION.search(sentence, chain[-1].end, n.start)
        ):
            chain.append(n)
        else:
            chain = [n]
            # (both, when "destroyed all 9 drones" read 9 as launched and as downed)
            labels = [k for k, f in told.items() if k in _WEAPON_COUNTS and f == n.figure]
        if len(chain) > 1 and not any(c.figure.upper for c in chain):
            total = Figure(sum(c.figure.value for c in chain), chain[0].figure.qualifier)
            for label in labels:
                put(label, total)
    return out


# "shot down 34 of 45 missiles and 63 of 81 drones", "збито 34 з 45 ракет і 63 з 81 дрона":
# each kind's downed and launched, told in pairs
_DOWNED_OF_LAUNCHED = re.compile(
    r"(?<![\d,.])(\d{1,4})\s+(?:out\s+of|of|з|із|из)\s+(\d{1,4})(?="
    + _WEAPON_NOUN_AFTER.pattern
    + ")",
    re.IGNORECASE,
)


def _pairs_summed(
    sentence: str, found: list[tuple[FigureName, Figure]]
) -> list[tuple[FigureName, Figure]]:
    """Two or more "N of M" pairs of weapons: the downed and the launched are their sums."""
    pairs = [(int(m.group(1)), int(m.group(2))) for m in _DOWNED_OF_LAUNCHED.finditer(sentence)]
    if len(pairs) < 2 or any(a > b for a, b in pairs):
        return found
    sums = {
        FigureName.INTERCEPTED: Figure(sum(a for a, _ in pairs)),
        FigureName.LAUNCHED: Figure(sum(b for _, b in pairs)),
    }
    return [(n, f) for n, f in found if n not in sums] + list(sums.items())


def _last_action(text: str) -> FigureName | None:
    """Whether the last verb before a total fired weapons or downed them."""
    last = None
    for m in _ACTION.finditer(text):
        last = m.group().lower()
    if last is None:
        return None
    fired = ("launch", "fired", "атакува", "атакова", "запусти", "випусти", "выпусти")
    return FigureName.LAUNCHED if last.startswith(fired) else FigureName.INTERCEPTED


# Who a lone victim is said to be: "a soldier", "an elderly woman", and with the words that
# say whose: a nationality or side ("Ukraine soldier", "Georgian volunteer", "pro-Russian
# fighter"), a service ("army medic", "Red Cross worker").
_PERSON_MODIFIERS = (
    r"(?:(?:(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old|elderly|young|local|civilian|female|male|[DL]PR|Ukraine|Russia|Ukrainian|Russian|"
    r"\w{3,}(?:ian|ean|ese|ish)|pro-\w+|army|military|police|border|rebel|separatist|foreign|"
    r"aid|humanitarian|rescue|emergency|medical|ambulance|Red Cross|UN|OSCE|ICRC|TV|news|"
    r"power|rail(?:way)?|energy|utility|company|plant|mine|factory|farm)\s+){0,3}"
)
_PERSON_NOUN = (
    r"(?:man|woman|child|boy|girl|person|civilian|resident|teenager|driver|soldier|policeman|rescuer|"
    r"medic|paramedic|pensioner|infant|baby|serviceman|militiaman|militia member|fighter|officer|"
    r"wife|husband|son|daughter|mother|father|grandmother|grandfather|neighbou?r|farmer|worker|"
    r"employee|volunteer|journalist|reporter|correspondent|cameraman|photographer|activist|"
    r"militant|rebel|separatist|commander|priest|teacher|student|miner|electrician|engineer|"
    r"contractor|guardsman|border guard|marine|paratrooper|sniper|pilot|sailor|nurse|doctor|"
    r"firefighter|caretaker|guard|passenger|cyclist|pedestrian|tractor driver|deminer|sapper|"
    r"bomb disposal (?:expert|specialist|technician)|pyrotechnist|lineman|repairman|official|"
    r"security guard|shepherd|fisherman|postman|courier|customs officer|victim|"
    # a trade named by what the person works with: "a truck driver", "a crane operator",
    # "a gas station attendant"
    r"(?:[a-z]+\s+){1,2}?(?:driver|worker|operator|attendant|vendor|seller|keeper|assistant)\b)"
)
_PERSON = _PERSON_MODIFIERS + _PERSON_NOUN
# "a resident of Yasynuvata died", "one serviceman of the brigade was killed"
_OF = r"(?:\s+(?:of|from|in)\s+(?:the\s+)?[\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})?"
# What a text says of a victim before it says what happened to them: an age, a place, what
# they were doing ("in her sixties", "aged 68", "working in a sunflower field").
_DESCRIBED = (
    r"(?:,?\s+(?:in\s+(?:his|her|their)\s+(?:early\s+|late\s+|mid-?)?\w+(?:ies|s)|aged\s+\d+|"
    r"\w+ing\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+),?)"
)
_BE_PASSIVE = r"(?:was\s+|were\s+|has\s+been\s+|have\s+been\s+|had\s+been\s+)?"
_WOUNDED_THEN_DIED = r"who\s+(?:had\s+been|was)\s+(?:\w+\s+)?(?:wounded|injured)\b[^.;]{0,120}?\b(?:died|dies|succumbed)\b"
# (one person: "a nurse", "the 52-year-old driver", "its driver")
_ONE_OF = r"(?:a|an|one|the|its|their|his|her)"
# ("A man wounded in the shelling died in hospital": dead, not hurt)
_NOT_DIED_AFTER = r"(?![^.;]{0,120}?\b(?:died|dies|succumbed)\b)"
_SINGLE_VICTIM: tuple[tuple[FigureName, re.Pattern[str]], ...] = tuple(
    (label, re.compile(p, re.IGNORECASE))
    for label, p in (
        # "killed a man and his daughter": two, each named without a number.
        (
            FigureName.KILLED,
            rf"(?:killed|killing|kills)\s+{_ONE_OF}\s+{_PERSON}\s+and\s+{_ONE_OF}\s+{_PERSON}",
        ),
        (
            # "killing its 56-year-old driver"
            FigureName.KILLED,
            rf"(?:killed|killing|kills)\s+{_ONE_OF}\s+{_PERSON}",
        ),
        (
            FigureName.KILLED,
            rf"\b(?:a|an|one)\s+{_PERSON}{_OF}\s+(?:was|has been|had been|is)\s+killed",
        ),
        (FigureName.KILLED, rf"\b(?:a|an|one|the)\s+{_PERSON}{_OF}\s+(?:died|dies)"),
        # "a man who had been wounded in the shelling on 27 December died in hospital"
        (FigureName.KILLED, rf"\b(?:a|an|one|the)\s+{_PERSON}{_OF},?\s+{_WOUNDED_THEN_DIED}"),
        (FigureName.KILLED, r"\b(?:died|dies) of (?:his |her |their )?(?:wounds|injuries)"),
        # "claiming the life of a 60-year-old man"
        (
            FigureName.KILLED,
            rf"\b(?:claim(?:ed|ing|s)?|took|taking|cost(?:ing)?)\s+the\s+life\s+of\s+(?:a|an|one|the|his|her)\s+{_PERSON}",
        ),
        (FigureName.KILLED, r"\bsuccumbed to (?:his |her |their )?(?:wounds|injuries)"),
        # "recorded the death of a 12-year-old boy"
        (FigureName.KILLED, rf"\bdeath\s+of\s+(?:a|an|one)\s+{_PERSON}\b"),
        (FigureName.KILLED, rf"\b(?:his|her|their)\s+{_PERSON}\s+(?:was\s+)?killed\b"),
        (
            FigureName.KILLED,
            rf"(?:^|[,;:—–]\s*|\s-\s|\band\s+)(?:a\s+|the\s+)?{_PERSON}{_OF}\s+"
            r"(?:was\s+|has\s+been\s+|reported\s+|reportedly\s+)?(?:killed|died|dies)\b",
        ),
        # "Kyiv says soldier killed in Donbas": a lone victim after who reports it.
        (
            FigureName.KILLED,
            rf"\b(?:says?|said|reports?|reported|confirms?|confirmed)\s+(?:a\s+|the\s+|one\s+)?"
            rf"{_PERSON}{_OF}\s+(?:was\s+|has\s+been\s+)?(?:killed|died|dies)\b",
        ),
        (
            FigureName.INJURED,
            rf"(?:^|[,;:—–]\s*|\s-\s|\band\s+)(?:a\s+|the\s+)?{_PERSON}\s+(?:was\s+)?(?:injured|wounded)\b"
            + _NOT_DIED_AFTER,
        ),
        (
            FigureName.INJURED,
            rf"(?:injured|injuring|wounded|wounding|injures)\s+(?:a|an|one|the|his|her|its|their)\s+{_PERSON}",
        ),
        (
            FigureName.INJURED,
            r"\band another (?:\w+\s+)?(?:was\s+|were\s+)?(?:injured|wounded|hurt)\b",
        ),
        # "dropped an explosive on a man riding a bicycle, killing him"
        (FigureName.KILLED, r"\b(?:killing|killed)\s+(?:him|her)\b"),
        # The person a sentence before described: "He died at the scene."
        (
            FigureName.KILLED,
            r"\b(?:he|she)\s+(?:later\s+|subsequently\s+|also\s+)?"
            r"(?:was\s+|had\s+been\s+|has\s+been\s+)?(?:killed|died|dies)\b",
        ),
        (
            FigureName.INJURED,
            r"\b(?:he|she)\s+(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?"
            r"(?:injured|wounded|hurt)\b",
        ),
        (FigureName.INJURED, r"\b(?:injuring|wounding|injured|wounded)\s+(?:him|her)\b"),
        (
            FigureName.INJURED,
            # ("a resident of Khotin was injured", as "a resident of Yasynuvata died")
            rf"\b(?:a|an|one)\s+{_PERSON}{_OF}\s+(?:was|has been|had been|is)\s+(?:injured|wounded|hurt)"
            + _NOT_DIED_AFTER,
        ),
        (
            FigureName.INJURED,
            rf"\b(?:his|her|their)\s+{_PERSON}\s+(?:was\s+)?(?:injured|wounded|hurt)\b",
        ),
        (
            FigureName.INJURED,
            rf"\b(?:a|an|one)\s+{_PERSON}(?:,\s*\d+,)?\s+(?:was\s+)?(?:injured|wounded|hurt|"
            r"suffered (?:shrapnel |minor |serious |light )?(?:wounds|injuries)|sustained (?:\w+ )?injuries)"
            + _NOT_DIED_AFTER,
        ),
        (
            FigureName.INJURED,
            rf"\b(?:one|a|an)\s+{_PERSON}\s+(?:\w+\s+){{0,2}}?(?:suffered|sustained|received)\s+"
            r"(?:\w+\s+)?(?:wounds|injuries)",
        ),
        # "A second man, who was following in a car, was injured": the person, what they
        # were doing, then what befell them
        (
            FigureName.INJURED,
            rf"\b(?:a|an|one|another|a\s+second|a\s+third)\s+{_PERSON},\s+(?:who|which)\s+[^,;.]{{3,80}},\s+"
            r"(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:injured|wounded|hurt)\b"
            + _NOT_DIED_AFTER,
        ),
        (
            FigureName.KILLED,
            rf"\b(?:a|an|one|another|a\s+second|a\s+third)\s+{_PERSON},\s+(?:who|which)\s+[^,;.]{{3,80}},\s+"
            r"(?:was|has\s+been|had\s+been)\s+killed\b",
        ),
        # "The victim suffered blast and shrapnel injuries": the one the text told of
        (
            FigureName.INJURED,
            r"\bthe\s+(?:victim|injured\s+(?:man|woman))\s+(?:\w+\s+)?(?:suffered|sustained|received)\s+"
            r"(?:[\w-]+\s+){0,4}?(?:wounds|injuries|burns|concussion)\b" + _NOT_DIED_AFTER,
        ),
        # "a woman in her sixties had been injured", "a man working in his garden was
        # wounded": the victim described between who and what happened.
        (
            FigureName.INJURED,
            rf"\b(?:one|a|an)\s+{_PERSON}{_DESCRIBED}\s+{_BE_PASSIVE}(?:injured|wounded|hurt)\b",
        ),
        (
            FigureName.KILLED,
            rf"\b(?:one|a|an)\s+{_PERSON}{_DESCRIBED}\s+(?:{_BE_PASSIVE}killed|died)\b",
        ),
        # "a 58-year-old man had been admitted on 13 May with shrapnel wounds"
        (
            FigureName.INJURED,
            rf"\b(?:one|a|an)\s+{_PERSON}{_DESCRIBED}?\s+{_BE_PASSIVE}(?:later\s+|\w+ly\s+)?"
            r"(?:admitted|hospitali[sz]ed|"
            r"taken\s+to\s+(?:a\s+|the\s+)?hospital)\b[^.;]{0,40}?\bwith\s+(?:[\w-]+\s+){0,2}?"
            r"(?:wounds|injuries)\b",
        ),
    )
)


# A person named by their trade, in the forms a victim takes: "кранівника", "машинист".
_TRADE_CYR = (
    r"(?:кранівник|крановщик|машиніст|машинист|оператор|сторож|охоронц|охоронець|охранник|"
    r"продавц|продавець|продавец|слюсар|слесар|електрик|электрик|двірник|дворник|листонош|"
    r"почтальон|комбайнер|енергетик|энергетик|залізничник|железнодорожник|лікар|врач|"
    r"медсестр|вчител|учител|кур['’]єр|курьер|таксист|далекобійник|дальнобойщик|будівельник|"
    r"строител|шахтар|шахтер|шахтёр|пожежн|пожарн|сапер|сапёр|пастух)(?:а|я|у|ь|ка|ки|ку|и)?"
)
# "загинула жінка", "ранен мужчина", "чоловік загинув": one victim, no number written.
_PERSON_CYR = (
    r"(?:(?:\d+-річн\w*|\d+-летн\w*|літн\w*|пожил\w*|місцев\w*|местн\w*|мирн\w*|цивільн\w*|"
    r"українськ\w*|украинск\w*|російськ\w*|российск\w*|наш\w*)\s+)*"
    r"(?:чоловік(?:а)?|жінк[аиу]|дитин[аиу]|хлопчик(?:а)?|хлопц[яь]|хлопець|дівчин(?:к[аиу]|у|а)|"
    r"підліт(?:ок|ка)|пенсіонер(?:к[аиу]|а)?|водій|водія|військов(?:ий|а|ого)|рятувальник(?:а)?|"
    r"мешкан(?:ець|ка|ку|ця)|людин[аиу]|мужчин[аиу]|женщин[аиу]|ребен(?:о|ё)к|ребенка|мальчик(?:а)?|"
    r"девочк[аиу]|подрост(?:ок|ка)|пенсионер(?:к[аиу]|а)?|водител(?:ь|я)|военн(?:ый|ая|ого)|"
    r"спасател(?:ь|я)|жител(?:ь|ьниц[аиу]|ьк[аиу]|я)|медик(?:а)?|працівник(?:а)?|работник(?:а)?|"
    r"тракторист(?:а|ка)?|фермер(?:а|ка)?|грибник(?:а)?|рибалк[аиу]|рыбак(?:а)?|пастух(?:а)?|"
    r"військовослужбов(?:ець|ця|иця)|военнослужащ(?:ий|его|ая)|бо(?:єць|йця)|бо(?:ец|йца)|"
    r"журналіст(?:а|ка)?|журналист(?:а|ка)?|волонтер(?:а|ка)?|поліцейськ(?:ий|ого)|"
    r"полицейск(?:ий|ого)|прикордонник(?:а)?|пограничник(?:а)?|"
    r"син(?:а)?|сын(?:а)?|доньк[аиу]|дочк[аиу]|доч(?:ь|ери)|дружин[аиу]|жен[аиу]|"
    r"матір|мат(?:ь|ери)|батьк(?:а|о)|отц(?:а)|онук(?:а)?|онучк[аиу]|внук(?:а)?|внучк[аиу]|"
    r"брат(?:а)?|сестр[аиу]|сусід(?:а|ку|ка)?|сосед(?:а|ку|ка)?|пасажир(?:а|ку|ка)?|пассажир(?:а|ку|ка)?|"
    # "помер наш земляк", "погибла односельчанка": one of the community's own
    r"земляк(?:а)?|землячк[аиу]|односельчан(?:ин|ина|ка|ку|ки)|"
    # a trade: "поранено кранівника", "погиб машинист"
    rf"{_TRADE_CYR})"
)
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_KILLED_CYR = (
    # (the attack as the subject: "удар вбив чоловіка", "обстрел убил женщину")
    r"(?:загину(?:в|ла)|загинула|вбит(?:о|а|и|ий)?|вбил[иао]|вбив|убив|погиб(?:ла)?|убит(?:а|ы|ый)?|"
    r"убил[иао]?|"
    r"помер(?:ла)?|умер(?:ла)?|скончал(?:ся|ась))"
)
_INJURED_CYR = (
    r"(?:(?:отрима\w*|дістал?\w*|получил?\w*)\s+(?:\w+\s+)?(?:поранен\w*|ранени\w*|травм\w*)|"
    # the noun first: "Поранення дістали 67-річна жінка та 70-річний чоловік"
    r"(?:поранення|ранения|травми|травмы)\s+(?:отрима\w*|дістал?\w*|получил?\w*)|"
    r"поранен(?:а|о|ий|і|их|ого)?|поранил[иао]|поранив|ранен(?:а|о|ы|ый)?|ранил[иао]?|"
    r"травмован(?:а|о|ий|і)?|"
    r"травмирован(?:а|о|ы|ый)?|постражда(?:в|ла)|пострада(?:л|ла)|госпіталізован\w*|госпитализирован\w*|"
    r"травмувал(?:ся|ася|ись)|травмировал(?:ся|ась|ись))"
)
_KILLED_PLURAL_CYR = (
    r"(?:загинул[иао]|загинув|погибл[иао]|погиб|убит[ыоа]|вбит[іиоа]|помер(?:л[иао])?|умерл?[иао]?|"
    r"скончал(?:ись|ся|ась))"
)
# A married couple: two victims in one word.
_COUPLE_CYR = r"(?:подружжя|подружня пара|супруги|супружеская пара|семейная пара|сімейна пара)"
# What may stand beside a person named: an age or a year of birth ("водій, 1964 р.н.,",
# "мужчина 45 лет", "пасажирка 1987 року народження").
_ABOUT_CYR = (
    r"(?:,?\s*(?:\d+\s+(?:рок\w*|лет|год\w*)|\d{4}\s*(?:р\.\s*н\.|року\s+народження|г\.\s*р\.|"
    r"года\s+рождения))\s*,?)?\s+"
)
_SINGLE_VICTIM_CYR: tuple[tuple[FigureName, re.Pattern[str]], ...] = tuple(
    (label, re.compile(p, re.IGNORECASE))
    for label, p in (
        # "загинули чоловік і жінка", "погибли мужчина и его сын": two, named one by one.
        (
            FigureName.KILLED,
            rf"\b{_KILLED_PLURAL_CYR}\s+{_PERSON_CYR}{_ABOUT_CYR}(?:і|й|и|та)\s+(?:(?:його|її|его|ее|её)\s+)?{_PERSON_CYR}\b",
        ),
        (FigureName.KILLED, rf"\b{_KILLED_PLURAL_CYR}\s+(?:[\w’'-]+\s+)?{_COUPLE_CYR}"),
        # "поранено 61-річну жінку та 14-річного хлопця": two, named one by one
        (
            FigureName.INJURED,
            rf"\b{_INJURED_CYR}\s+(?:\d+-?(?:річн|летн)\w*\s+)?{_PERSON_CYR}{_ABOUT_CYR}"
            rf"(?:і|й|и|та)\s+(?:(?:його|її|его|ее|её)\s+)?(?:\d+-?(?:річн|летн)\w*\s+)?{_PERSON_CYR}\b",
        ),
        (FigureName.KILLED, rf"\b{_COUPLE_CYR}\s+(?:[\w’'-]+\s+)?{_KILLED_CYR}"),
        # "Погибшие — женщина и ее сын": the dead listed one by one
        (
            FigureName.KILLED,
            rf"\b(?:загибл|погибш)\w*\s*[—–-]\s*{_PERSON_CYR}\s+(?:і|й|и|та)\s+(?:(?:його|її|его|ее|её)\s+)?{_PERSON_CYR}\b",
        ),
        # "Водій, 38-річний чоловік, отримав поранення": one person told twice.
        (FigureName.KILLED, rf"\b{_PERSON_CYR},\s+[^,.;]{{3,40}},\s+{_KILLED_CYR}\b"),
        (FigureName.INJURED, rf"\b{_PERSON_CYR},\s+[^,.;]{{3,40}},\s+{_INJURED_CYR}"),
        # The person a sentence before described: "Від отриманих травм він загинув на місці",
        # "От полученных ранений она скончалась в больнице".
        (FigureName.KILLED, rf"\b(?:він|вона|он|она)\s+(?:\w+\s+)?{_KILLED_CYR}\b"),
        (
            FigureName.INJURED,
            r"\b(?:він|вона|он|она)\s+(?:був\s+|була\s+|был\s+|была\s+)?"
            r"(?:поранен(?:ий|а)|ранен(?:а)?|травмован(?:ий|а)|травмирован(?:а)?|"
            r"(?:отрима\w*|дістав|дістала|получил\w*)\s+(?:\w+\s+)?(?:поранен\w*|ранени\w*|травм\w*))\b",
        ),
        # "є загиблий", "есть погибший": one dead, in the style of a headline.
        (
            FigureName.KILLED,
            r"\b(?:є|есть)\s+(?:один\s+)?(?:загиблий|загибла|погибший|погибшая)\b",
        ),
        (
            FigureName.INJURED,
            r"\b(?:є|есть)\s+(?:один\s+)?(?:поранений|поранена|раненый|раненая)\b",
        ),
        (
            FigureName.KILLED,
            rf"\b{_KILLED_CYR}\s+(?:ще\s+|еще\s+|ещё\s+)?(?:один\s+|одна\s+)?"
            # ("Загинув його 56-річний водій": the possessive, as the injured have it)
            rf"(?:(?:його|її|їхній|їхня|его|ее|её|их|свій|своя|свой)\s+)?"
            rf"(?:\d+-?(?:річн|летн)\w*\s+)?{_PERSON_CYR}\b",
        ),
        (FigureName.KILLED, rf"\b{_PERSON_CYR}\s+(?:\w+\s+)?{_KILLED_CYR}\b"),
        # "скончался от ранений мужчина", "помер у лікарні чоловік"
        (
            FigureName.KILLED,
            rf"\b{_KILLED_CYR}\s+(?:(?:від|от|в|у|на)\s+[\w’'-]+\s+)(?:[\w’'-]+\s+)?{_PERSON_CYR}\b",
        ),
        (
            FigureName.INJURED,
            rf"\b{_INJURED_CYR}\s+(?:ще\s+|еще\s+|ещё\s+)?(?:один\s+|одна\s+)?"
            rf"(?:(?:його|її|їхнього|его|ее|её|их|свого|своего|свою)\s+)?"
            rf"(?:\d+-?(?:річн|летн)\w*\s+)?{_PERSON_CYR}\b",
        ),
        (FigureName.INJURED, rf"\b{_PERSON_CYR}\s+(?:\w+\s+)?{_INJURED_CYR}\b"),
        # "Другий чоловік, який їхав слідом, був поранений", "Второй мужчина, который ехал
        # следом, был ранен": the person, what they were doing, then what befell them
        (
            FigureName.INJURED,
            rf"\b{_PERSON_CYR},\s+(?:який|яка|котор\w+)\s+[^,;.]{{3,80}},\s+"
            rf"(?:(?:був|була|был|была)\s+)?{_INJURED_CYR}",
        ),
        (
            FigureName.KILLED,
            rf"\b{_PERSON_CYR},\s+(?:який|яка|котор\w+)\s+[^,;.]{{3,80}},\s+"
            rf"(?:(?:був|була|был|была)\s+)?{_KILLED_CYR}\b",
        ),
        # "Потерпілий отримав вибухову травму та осколкові поранення", "Пострадавшая
        # получила ранения": the one victim the post has been telling of, hurt
        (
            FigureName.INJURED,
            r"\b(?:потерпіл|постраждал|пострадавш|поранен|ранен)(?:ий|а|ая|ый)\s+(?:[\w’'-]+\s+)?"
            r"(?:отрима|получи|дістав|дістала|зазна)\w*\s+(?:[\w’'-]+\s+){0,4}?"
            r"(?:травм|поранен|ранени|опік|ожог|контузі|контузи)\w*",
        ),
    )
)


# A person noun phrase with no number in it, for counting victims named one by one: "a man",
# "his friend", "the driver's wife", "an elderly couple" (two), "one local woman".
_DETERMINER = (
    r"(?:(?:a|an|one|another|his|her|their|its)\s+|the\s+(?:[\w-]+['’]s\s+)?|[\w-]+['’]s\s+)"
)
_KIN = (
    r"(?:friend|relative|brother|sister|colleague|grandson|granddaughter|grandchild|nephew|niece|"
    r"cousin|uncle|aunt|toddler|schoolboy|schoolgirl|elderly person|owner|tenant|shepherd|"
    r"fisherman|hunter|mushroom picker|courier|postman|postwoman|bus driver|taxi driver)"
)


def _one_person(couple: str) -> str:
    """The phrase, with `couple` the pattern for that word. Any two words may qualify the
    person: "a locomotive driver", "the night watchman"."""
    return rf"{_DETERMINER}(?:[\w-]+\s+){{0,2}}?(?:{_PERSON_NOUN}|{_KIN}|{couple})\b"


_ONE_PERSON = _one_person("couple")
_VICTIM_LIST = re.compile(
    rf"\b(?P<people>{_ONE_PERSON}(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+){_ONE_PERSON}){{0,4}})"
    r"\s*,?\s+(?:who\s+)?(?:(?:was|were|has been|have been|had been|is|are|got|reportedly)\s+)*"
    r"(?:(?:\w+ly|also|both)\s+)?(?P<what>killed|died|dies|dead|found dead|injured|wounded|hurt)\b",
    re.IGNORECASE,
)
_LATIN_LETTER = re.compile(r"[a-z]", re.IGNORECASE)
# "killed a family of five": a count in words after "family of".
_FAMILY_OF = re.compile(
    r"\b(?:загинул\w*|погибл\w*|вбил\w*|убил\w*)\s+(?:[\w’'-]+\s+)?(?:сім['’]ю|сім['’]я|родин[аиу]|семья|семью)\s+"
    r"(?:з|із|из)\s+([\w’'-]+)\s+(?:осіб|людей|человек)|"
    r"\b(?:killed|killing|kills)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?family\s+of\s+(\w+)\b|"
    r"\b(?:an?\s+|the\s+)?(?:[\w-]+\s+)?family\s+of\s+(\w+)\s+(?:was|were|has been|have been)\s+(?:\w+\s+)?killed\b",
    re.IGNORECASE,
)
# "she lost her foot": one hurt
_LOST_A_LIMB = re.compile(
    r"\b(?:he|she|who|man|woman|boy|girl|child|teenager|resident|civilian|farmer|driver)\s+"
    r"(?:\w+\s+)?lost\s+(?:his|her|a|an|both)\s+(?:foot|feet|leg|legs|arm|arms|hand|hands|eye|eyes|limbs?)\b",
    re.IGNORECASE,
)
# "wounding the driver and five passengers", "killing a woman and her two children": a list
# of victims after an active verb, each one or a number.
_PLURAL_PERSON = (
    r"(?:people|civilians|residents|passengers|children|men|women|boys|girls|soldiers|"
    r"servicemen|workers|employees|farmers|volunteers|rescuers|medics|policemen|pensioners)"
)
_NOT_A_VERB = r"(?!(?:wounding|injuring|killing|wounded|injured|killed|leaving|hurting)\b)"
_ACTIVE_VICTIMS = re.compile(
    r"\b(?P<verb>wounding|injuring|killing|wounded|injured|killed)\s+"
    # (an item is no other verb's: "killing a woman and wounding three people" lists one)
    rf"(?P<list>(?:(?:{_ONE_PERSON}|{_NOT_A_VERB}(?:\w+(?:-\w+)?)\s+(?:[\w-]+\s+)?{_PLURAL_PERSON})"
    # (what is told of a person between: "the driver, born in 1964, and a passenger")
    r"(?:\s*,\s*(?:born\s+in\s+\d{4}|aged\s+\d+|\d{1,3})(?=\s*,))?"
    r"(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)?){2,4})",
    re.IGNORECASE,
)
_COUNTED_RX = re.compile(
    rf"(?:^|(?<=\s))(\w+(?:-\w+)?)\s+(?:([\w-]+)\s+)?{_PLURAL_PERSON}\b", re.IGNORECASE
)


def _people_listed(phrase: str) -> int:
    """How many people a list names: each person phrase one (a couple two), each number its
    value ("the driver and five passengers": six)."""
    total = 0
    rest = phrase
    for part in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", phrase):
        m = _COUNTED_RX.search(part)
        n = next((v for g in (m.groups() if m else ()) if g and (v := parse_number(g))), None)
        if n is not None:
            total += n
            rest = rest.replace(part, " ")
    return total + _people_in(rest)


# "the body of a man was recovered", "bodies of two women were found": the dead.
_BODY_OF = re.compile(
    rf"\bbod(?:y|ies)\s+of\s+(?P<people>{_ONE_PERSON}(?:\s+and\s+{_ONE_PERSON})?)"
    r"(?:\s+[\w-]+){0,6}?\s+(?:was|were|had been|have been)\s+(?:\w+\s+)?"
    r"(?:found|recovered|pulled|retrieved)",
    re.IGNORECASE,
)
# The same phrase telling a couple apart: two people, not one.
_ONE_PERSON_RX = re.compile(_one_person("(?P<couple>couple)"), re.IGNORECASE)
# An aside in brackets that tells no toll: an age "(62)", "(aged 12 and 14)", a unit.
_BRACKETS = re.compile(r"\s*\(([^()]{1,40})\)")


def _people_in(phrase: str) -> int:
    """How many people a list of person phrases names: a couple is two."""
    return sum(2 if m.group("couple") else 1 for m in _ONE_PERSON_RX.finditer(phrase))


# Two of a family named bare, as headlines do: "Mother and son killed", "Мати і син загинули".
_KIN_PAIR = re.compile(
    r"\b(?:mother|father|husband|wife|son|daughter|brother|sister|grandmother|grandfather|"
    r"grandson|granddaughter|man|woman)\s+and\s+(?:her\s+|his\s+|their\s+)?(?:son|daughter|"
    r"husband|wife|mother|father|brother|sister|grandson|granddaughter|grandchild)\s+"
    r"(?:were\s+|are\s+|have\s+been\s+)?(?P<en>killed|died|dead|injured|wounded|hurt)\b|"
    r"\b(?:мати|мама|батько|тато|чоловік|дружина|син|донька|дочка|брат|сестра|бабуся|дідусь|мать|"
    r"отец|муж|жена|сын|дочь|бабушка|дедушка)\s+(?:і|й|та|и)\s+(?:її\s+|його\s+|ее\s+|её\s+|его\s+)?"
    r"(?:син|донька|дочка|чоловік|дружина|мати|батько|онук|онука|сын|дочь|муж|жена|мать|отец|внук|"
    r"внучка)\s+(?P<cyr>загинул\w*|погибл\w*|поранен\w*|ранен\w*|постраждал\w*|пострадал\w*)",
    re.IGNORECASE,
)


def _victims_named(sentence: str) -> list[tuple[FigureName, Figure]]:
    """Victims named one by one, without a number: "a man and his son were killed" (2)."""
    found: list[tuple[FigureName, Figure]] = []
    if (kin := _KIN_PAIR.search(sentence)) is not None:
        verb = (kin.group("en") or kin.group("cyr")).lower()
        dead = verb.startswith(("kill", "die", "dead", "загин", "погиб"))
        found.append((FigureName.KILLED if dead else FigureName.INJURED, Figure(2)))
    latin = _LATIN_LETTER.search(sentence) is not None
    if (m := _FAMILY_OF.search(sentence)) is not None and (
        n := parse_number(next(g for g in m.groups() if g))
    ):
        found.append((FigureName.KILLED, Figure(n)))
    if not latin:
        # "Поранено водія та двох пасажирок" (3), "Загинули чоловік і двоє дітей" (3)
        if (listed := _cyrillic_victims(sentence)) is not None:
            found.append(listed)
        return found  # the rest read English
    if _LOST_A_LIMB.search(sentence):
        found.append((FigureName.INJURED, Figure(1)))
    if (m := _BODY_OF.search(sentence)) is not None:
        found.append((FigureName.KILLED, Figure(_people_in(m.group("people")))))
    if (m := _ACTIVE_VICTIMS.search(sentence)) is not None:
        label = (
            FigureName.KILLED if m.group("verb").lower().startswith("kill") else FigureName.INJURED
        )
        n = _people_listed(m.group("list"))
        if n > 1:
            found.append((label, Figure(n)))
    if (
        m := _COUNT_AND_ONE_MORE.search(sentence) or _ONE_AND_COUNT_MORE.search(sentence)
    ) is not None and (n := parse_number(m.group("n"))):
        # "Three children and a teacher were injured": four.
        verb = m.group("verb").lower()
        label = (
            FigureName.KILLED if verb.startswith(("kill", "die", "dead")) else FigureName.INJURED
        )
        found.append((label, Figure(n + 1)))
    for m in _VICTIM_LIST.finditer(sentence):
        what = m.group("what").lower()
        label = (
            FigureName.KILLED
            if what in ("killed", "died", "dies", "dead", "found dead")
            else FigureName.INJURED
        )
        if label is FigureName.INJURED and _DIED_LATER.search(sentence, m.end(), m.end() + 120):
            continue  # "A man wounded in the shelling died in hospital": dead, not hurt
        if all(n is not label for n, _ in found):
            people = m.group("people")
            count = 1 if _APPOSITION.match(people) else _people_in(people)
            found.append((label, Figure(count)))
    return found


# Victims listed one by one in Ukrainian and Russian, each a person or a count of people:
# "Поранено 56-річного водія та двох пасажирок", "Загинули чоловік і двоє дітей",
# "Мужчина и двое детей погибли".
_CYR_ONE = (
    r"(?:чоловік(?:а)?|жінк[аиу]|дитин[аиу]|хлопчик(?:а)?|дівчинк[аиу]|підліт(?:ок|ка)|"
    r"пенсіонер(?:а|к[аиу])?|воді(?:й|я)|пасажир(?:а|к[аиу])?|мешкан(?:ець|ця|к[аиу])|"
    r"жител(?:ь|я|ьк[аиу])|мужчин[аыу]|женщин[аыу]|ребен(?:ок|ка)|мальчик(?:а)?|девочк[аиу]|"
    r"подрост(?:ок|ка)|пенсионер(?:а|к[аиу])?|водител(?:ь|я)|пассажир(?:а|к[аиу])?|"
    r"жительниц[аыу]|військов(?:ий|ого)|цивільн(?:ий|ого|а|у)|бі(?:єць|йця)|волонтер(?:а|к[аиу])?|"
    r"военн(?:ый|ого)|мирн(?:ый|ого)|бо(?:ец|йца)|"
    rf"{_TRADE_CYR})"
)
_CYR_MANY = (
    r"(?:чоловік(?:ів|и)|жін(?:ок|ки)|діт(?:ей|и)|хлопчик(?:ів|и)|дівчат(?:ок|а)?|"
    r"підлітк(?:ів|и)|пенсіонер(?:ів|и|ок|ки)|пасажир(?:ів|и|ок|ки)|мешканц(?:ів|і)|"
    r"жител(?:ів|і|ей|и)|людей|люди|людини|осіб|особи|мужчин(?:ы)?|женщин(?:ы)?|дет(?:ей|и)|"
    r"мальчик(?:ов|и)|девоч(?:ек|ки)|подростк(?:ов|и)|пенсионер(?:ов|ы|ок|ки)|"
    r"пассажир(?:ов|ы|ок|ки)|человек(?:а)?|військов(?:их|і)|цивільн(?:их|і)|бійц(?:ів|і)|"
    r"волонтер(?:ів|и|ов|ы)|военн(?:ых|ые)|мирн(?:ых|ые)|бойц(?:ов|ы))"
)
# (an item is no part of a count already made, "серед них дитина", nor another clause's
# people, "ще двоє людей поранені")
_CYR_NOT_ITEM = (
    r"(?!(?:серед|среди|з|із|из|у|в|зокрема|включно|ще|еще|ещё|також|также|а|але|но|та\s+ще)\s)"
)
# (no word before an item tells what befell it: "погиб водитель, ранены пассажир и мужчина"
# is two lists)
_CYR_NOT_HARM = r"(?!(?:загин|загиб|поранен|поранил|постражд|травмов|погиб|ранен|ранил|пострад|убит|вбит|вбил|убил))"
_CYR_ITEM = (
    rf"{_CYR_NOT_ITEM}(?:{_CYR_NOT_HARM}[\w’'-]+\s+){{0,2}}?(?:{_CYR_ONE}|{_CYR_MANY})(?!\w)"
)
_CYR_AND = r"\s*,\s*|\s+(?:і|й|та|и)\s+"
# (the last two joined by "і", "та", "и": "водія та двох пасажирок", "A, B і C"; a comma
# alone parts clauses, "Загинув водій, шестеро пасажирів поранені")
_CYR_LIST = rf"(?P<list>{_CYR_ITEM}(?:\s*,\s*{_CYR_ITEM}){{0,3}}\s+(?:і|й|та|и)\s+{_CYR_ITEM})"
_CYR_HARM = (
    r"(?P<verb>загину\w*|загибл\w*|поранен\w*|поранил\w*|постражда\w*|травмован\w*|"
    r"погиб\w*|ранен\w*|ранил\w*|пострада\w*|убит\w*|вбит\w*|вбил\w*|убил\w*)"
)
_CYR_VICTIMS = (
    re.compile(rf"\b{_CYR_HARM}\s+{_CYR_LIST}", re.IGNORECASE),
    re.compile(rf"(?:^|[.,:;—–-]\s*){_CYR_LIST}\s+{_CYR_HARM}", re.IGNORECASE),
)
_CYR_ONE_RX = re.compile(rf"{_CYR_ONE}$", re.IGNORECASE)
_CYR_DEAD_VERB = re.compile(r"^(?:загин|загиб|погиб|убит|вбит|вбил|убил)", re.IGNORECASE)


def _cyrillic_victims(sentence: str) -> tuple[FigureName, Figure] | None:
    """The victims a Cyrillic list names, added up: a person one, a count its number; None
    unless every item can be counted (people with no number say no count)."""
    m = next((m for rule in _CYR_VICTIMS if (m := rule.search(sentence))), None)
    if m is None:
        return None
    list_text = m.group("list") or ""
    total = 0
    for item in re.split(_CYR_AND, list_text):
        words = [w for w in item.split() if not re.search(r"\d-(?:річн|летн)", w)]
        numbers = [n for w in words[:-1] if (n := parse_number(w)) is not None]
        if numbers:
            total += numbers[0]
        elif _CYR_ONE_RX.search(words[-1] if words else ""):
            total += 1
        else:
            return None
    label = FigureName.KILLED if _CYR_DEAD_VERB.match(m.group("verb")) else FigureName.INJURED
    return (label, Figure(total)) if total > 1 else None


_DIED_LATER = re.compile(r"\b(?:died|dies|succumbed|passed\s+away)\b", re.IGNORECASE)
_AND = re.compile(r"\s(?:and|і|та|и)\s", re.IGNORECASE)
# "The driver, a 38-year-old man, was injured": the same person twice, not a list of two.
_APPOSITION = re.compile(r"(?i)(?:the|his|her|their)\s[^,]+,\s*an?\s[^,]+,?\s*$")


# A small count and people in the plural, then one person more, and what befell them: "Three
# children and a teacher were injured" is four, "A girl and two adults were killed" three.
_SMALL_COUNT = r"(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten)"
_PEOPLE_PLURAL = (
    r"(?:[\w-]+\s+)?(?:children|people|civilians|women|men|adults|residents|soldiers|servicemen|"
    r"workers|employees|passengers|rescuers|boys|girls|teenagers|pensioners|others)"
)
_BEFELL = r"\s+(?:were|have\s+been|had\s+been)\s+(?P<verb>killed|injured|wounded|hurt|dead)\b"
_COUNT_AND_ONE_MORE = re.compile(
    rf"\b{_SMALL_COUNT}\s+{_PEOPLE_PLURAL}\s+and\s+{_ONE_OF}\s+{_PERSON}{_BEFELL}",
    re.IGNORECASE,
)
_ONE_AND_COUNT_MORE = re.compile(
    rf"\b{_ONE_OF}\s+{_PERSON}\s+and\s+{_SMALL_COUNT}\s+(?:other\s+)?{_PEOPLE_PLURAL}{_BEFELL}",
    re.IGNORECASE,
)


# "two boys aged 12 and 14 were injured", "троє дітей віком 9, 11 та 15 років": the ages of
# the people counted, read out of the sentence so the count meets its verb.
_AGE_WORD = re.compile(r"\b(?:aged|віком|возрасте)\s+\d", re.IGNORECASE)
_AGES = re.compile(
    r",?\s*\b(?:aged|віком|в\s+возрасте)\s+\d+(?:\s*(?:,|and|or|to|і|та|и|-|–)\s*\d+)*"
    r"(?:\s+(?:years?(?:\s+old)?|років|роки|рік|лет|года?))?",
    re.IGNORECASE,
)


# "the bodies of two more people were recovered, bringing the death toll to 12": "two more"
# adds to a toll; beside the toll itself it is none.
_INCREMENT = re.compile(r"\b([\w-]+)\s+more\b|\b(?:ще|еще|ещё)\s+([\w’'-]+)", re.IGNORECASE)


def _without_increments(
    sentence: str, found: list[tuple[FigureName, Figure]]
) -> list[tuple[FigureName, Figure]]:
    added = {
        n
        for m in _INCREMENT.finditer(sentence)
        if (n := parse_number(m.group(1) or m.group(2))) is not None
    }
    if not added:
        return found
    out = found
    for label in CASUALTY_FIGURES:
        told = [f for n, f in found if n is label]
        if any(f.value not in added for f in told):
            out = [(n, f) for n, f in out if n is not label or f.value not in added]
    return out


# "Ще двоє людей — 37-річна жінка та 66-річний чоловік — поранені", "Two more people — a
# woman of 37 and a man of 66 — were injured": who they were, between dashes, between the
# count and what befell them.
_DASH_ASIDE = re.compile(r"\s[—–]\s+([^—–.;!?]{1,120}?)\s+[—–]\s+(?=\w)")


def _without_dash_asides(sentence: str) -> str:
    """The sentence less asides between two dashes that hold no casualty word (the count
    before them is what the verb after them tells)."""
    return _DASH_ASIDE.sub(
        lambda m: " " if not _VICTIM_WORD.search(m.group(1)) else m.group(0), sentence
    )


def _without_asides(sentence: str) -> str:
    """The sentence less bracketed asides that hold no casualty word."""
    return _BRACKETS.sub(
        lambda m: "" if not _VICTIM_WORD.search(m.group(1)) else m.group(0), sentence
    )


def sentence_figures(sentence: str) -> list[tuple[FigureName, Figure]]:
    """Every labelled figure of one sentence, including "a man was killed" as 1."""
    # Russian writes ё or е in the same word ("населённых", "населенных"); the rules say е.
    sentence = sentence.replace("ё", "е").replace("Ё", "Е")
    if "(" in sentence:
        sentence = _without_asides(sentence)
    if _AGE_WORD.search(sentence):
        sentence = _AGES.sub("", sentence)
    if "—" in sentence or "–" in sentence:
        sentence = _without_dash_asides(sentence)
    if _WOUNDED_DIED_EN.search(sentence):
        # "Two more civilians injured in the strike died in hospital": the wounded who died,
        # not a count of the hurt
        sentence = _WOUNDED_DIED_EN.sub(
            lambda m: " " * len(m.group("hurt")) + m.group("rest"), sentence
        )
    if _WOUNDED_DIED_CYR.search(sentence):
        # "померли ще двоє поранених": the wounded who died, counted neither as hurt (they
        # were counted) nor as a toll (it is how many more, not how many)
        sentence = _WOUNDED_DIED_CYR.sub(lambda m: " " * len(m.group()), sentence)
    numbers = find_numbers(sentence)
    found = label_numbers(sentence, numbers)
    if any(name in _WEAPON_COUNTS for name, _ in found):
        found = _weapons_summed(sentence, numbers, found)
        if FigureName.INTERCEPTED in dict(found):
            found = _pairs_summed(sentence, found)
    if not _VICTIM_WORD.search(sentence):
        return found  # no word for the dead or hurt: no victim without a number either
    labels = {label for label, _ in found}
    rules = (_SINGLE_VICTIM if _LATIN_LETTER.search(sentence) else ()) + (
        _SINGLE_VICTIM_CYR if _CYRILLIC.search(sentence) else ()
    )
    for label, rule in rules:
        if label not in labels and (m := rule.search(sentence)):
            two = _TWO_VICTIMS.search(m.group(0)) or re.search(_COUPLE_CYR, m.group(0), re.I)
            found.append((label, Figure(2 if two else 1)))
            labels.add(label)
    told = dict(found)
    # (a list may add one to any count: "killing 3 servicemen and a civilian" is four)
    upgrade = _AND.search(sentence) is not None or any(
        told.get(name) is None or told[name].value <= 2 for name in CASUALTY_FIGURES
    )
    for label, figure in _victims_named(sentence) if upgrade else ():
        if label not in labels:
            found.append((label, figure))
            labels.add(label)
        elif figure.value > 1:
            # "a man and his son were killed": the rules above counted the first only;
            # "a girl and two adults were killed", the two.
            found = [
                (n, figure) if n is label and f.value in (1, figure.value - 1) else (n, f)
                for n, f in found
            ]
    killed = next((f for n, f in found if n is FigureName.KILLED), None)
    ordinal = ORDINAL_DEAD.search(sentence) if killed is not None else None
    if ordinal is not None and killed is not None:
        # "Two civilians were found dead; a third died of wounds": three in all.
        word = (ordinal.group(1) or ordinal.group(2)).lower().replace("’", "'")
        nth = next(v for k, v in _ORDINALS.items() if word.startswith(k))
        if nth == killed.value + 1:
            found = [(n, f) for n, f in found if n is not FigureName.KILLED]
            found.append((FigureName.KILLED, Figure(nth, killed.qualifier)))
    found = _without_increments(sentence, found)
    if (
        any(n is FigureName.EVACUATED for n, _ in found)
        and any(n in CASUALTY_FIGURES for n, _ in found)
        and not _MOVED_WORD.search(sentence)
    ):
        # "Поранено водія та двох пасажирок", "a bus with 30 passengers was hit": the hurt
        # and the people on board, nobody taken out.
        found = [(n, f) for n, f in found if n is not FigureName.EVACUATED]
    one_hurt = any(n is FigureName.INJURED and f.value == 1 for n, f in found)
    if one_hurt and DIED_OF_WOUNDS.search(sentence):
        # "a soldier wounded near Zaitseve died of his wounds": one dead, not one hurt.
        found = [(n, f) for n, f in found if not (n is FigureName.INJURED and f.value == 1)]
    return found


_ORDINALS = {
    "seco": 2,
    "thir": 3,
    "four": 4,
    "fift": 5,
    "sixt": 6,
    "seve": 7,
    "eigh": 8,
    "nint": 9,
    "tent": 10,
    "друг": 2,
    "трет": 3,
    "четв": 4,
    "п'ят": 5,
    "пят": 5,
}
ORDINAL_DEAD = re.compile(
    r"\b(?:a|the)\s+(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+"
    r"(?:\w+\s+){0,2}?(?:died|was killed|succumbed|was found dead)|"
    r"\b(друг\w*|трет\w*|четверт\w*|п['’]ят\w*|пят\w*)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:помер\w*|загину\w*|загинул\w*|скончал\w*|умер\w*|погиб\w*)",
    re.IGNORECASE,
)
_TWO_VICTIMS = re.compile(
    r"\s+and\s+(?:a|an|one|the|his|her|their)\s+\w|\s(?:і|й|и|та)\s+\w", re.IGNORECASE
)
# Words for people taken out or leaving, which an evacuation's count goes with.
_MOVED_WORD = re.compile(
    r"evacu|rescued|bus+ed|ferried|taken\s+out|brought\s+out|left|fled|relocat|"
    r"евакуа|эвакуа|вивез|вывез|виїха|выеха|переправ|відсел|отсел|вивоз|вывоз|доставлен|прибул|прибыл",
    re.IGNORECASE,
)
_VICTIM_WORD = re.compile(
    r"kill|dead|death|die[ds]|injur|wound|hurt|succumb|bod(?:y|ies) of|lost (?:his|her|a|an|both) |life of|загин|загиб|поранен|поранив|ранен|ранил|травм|"
    r"постражд|пострада|погиб|убит|убил|вбит|вбил|вбив|убив|помер|умер|скончал|госпітал|госпитал",
    re.IGNORECASE,
)
_WOUNDED_DIED_EN = re.compile(
    r"(?P<hurt>\b(?:\w+\s+)?(?:more\s+|other\s+)?(?:civilians?|people|persons?|residents?|men|women|"
    r"children|soldiers|servicemen)\s+(?:who\s+(?:had\s+been|were)\s+)?(?:injured|wounded|hurt))"
    r"(?P<rest>\s+(?:in|during|by|when)\b[^.;]{0,120}?\b(?:died|succumbed|passed\s+away)\b)",
    re.IGNORECASE,
)
_WOUNDED_DIED_CYR = re.compile(
    # (not "скончался от ранений": of his wounds, the one who died)
    r"\b(?:помер|померла|померли|скончал\w*|умер\w*)\s+(?:ще\s+|еще\s+)?"
    r"(?:(?!від\b|от\b|через\b|внаслідок\b|из-за\b)[\w’'-]+\s+)?"
    r"(?:з\s+|із\s+|из\s+)?(?:поранен|ранен|травмован|травмирован|постраждал|пострадавш)\w*",
    re.IGNORECASE,
)
DIED_OF_WOUNDS = re.compile(
    rf"\b(?:died|dies|succumbed)\s+(?:of|to|from)\s+(?:his|her|their)?\s*(?:wounds|injuries)|\b{_WOUNDED_THEN_DIED}|"
    r"\b(?:помер|померла|померли|скончал\w*|умер\w*)\s+(?:від|от|в|у)\s+(?:поранен|ранени|лікарн|больниц)|"
    # "one more injured person died", and the verb first: "помер ще один поранений"
    r"\b(?:one more|another)\s+(?:of the\s+)?(?:injured|wounded)\b[^.;]{0,60}?\b(?:died|succumbed)|"
    + _WOUNDED_DIED_CYR.pattern,
    re.IGNORECASE,
)


# Conflict-event datasets state in a bracket what their coders counted for the one event a
# note records ("[Russian MoD reported 300 fatalities. Coded as 10 fatalities split across 6
# events. 2 fatalities coded to this event]"). That is the note's own toll, whatever figure a
# side claimed in its sentences.
_CODED_TO_THIS_EVENT = re.compile(
    r"\b(\d{1,6}|one|no)\s+(?:fatalit(?:y|ies)|deaths?)\s+(?:(?:was|were|is|are|has\s+been|"
    r"have\s+been)\s+)?(?:coded|attributed|assigned)\s+to\s+this\s+event\b",
    re.IGNORECASE,
)
_CODED_AS = re.compile(
    r"\bcoded\s+as\s+(\d{1,6}|one|no)\s+(?:fatalit(?:y|ies)|deaths?)\b(?!\s+(?:split|spread|divided))",
    re.IGNORECASE,
)


# "Deaths: best 13, low 13, high 15", "| best 10, low 10, high 11 |", "deaths_best 7 |
# deaths_low 5 | deaths_high 12": a UCDP row's estimates
_UCDP_BEST = re.compile(
    r"\b(?:deaths?_)?best(?:\s+estimate|_est(?:imate)?)?[:=\s]\s*(\d+)\s*[,;|]\s*(?:deaths?_)?"
    r"low(?:_est(?:imate)?)?[:=\s]\s*\d+\s*[,;|]\s*(?:deaths?_)?high(?:_est(?:imate)?)?[:=\s]\s*\d+"
)
# An ACLED-style closing bracket with the count alone: "[0 fatalities]", "[2 fatalities]"
_BRACKET_FATALITIES = re.compile(r"\[\s*(\d{1,6}|no)\s+fatalit(?:y|ies)\s*\.?\s*\]", re.IGNORECASE)


def coded_toll(text: str) -> int | None:
    """The deaths a dataset's coder assigned to the note's event, when the note says so: an
    ACLED-style "[2 fatalities coded to this event]" or "[0 fatalities]", or a UCDP row's best
    estimate ("best 10, low 10, high 11")."""
    if "best" in text and (ucdp := _UCDP_BEST.search(text)) is not None:
        return int(ucdp.group(1))
    if "coded" not in text and "Coded" not in text:
        m = _BRACKET_FATALITIES.search(text) if "[" in text else None
    else:
        m = _CODED_TO_THIS_EVENT.search(text) or _CODED_AS.search(text)
    if m is None:
        return None
    word = m.group(1).lower()
    return {"one": 1, "no": 0}.get(word) if not word.isdigit() else int(word)
