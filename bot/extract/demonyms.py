"""The people of a city named for it: "Уважаемые херсонцы!", "загинули 5 запоріжців",
"Kharkivites". City posts address and count their residents so, and name the city no other
way; the word's stem, in Ukrainian, Russian and English, names the city.

Only cities whose residents' name is in common use in the news; each stem is matched at a
word's start, lowercase or capitalised, with any ending.
"""

from __future__ import annotations

import re
from functools import cache

# City (as the gazetteer names it, with its oblast) → stems of its residents' name.
DEMONYMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Kyiv", "Kyiv"): ("киян", "киянк", "киевлян", "киевлянк", "kyivan", "kievan"),
    ("Kharkiv", "Kharkiv Oblast"): ("харків'ян", "харків’ян", "харьковчан", "kharkivite"),
    ("Odesa", "Odesa Oblast"): ("одесит", "одессит", "odesan", "odessan", "odessite"),
    ("Zaporizhzhia", "Zaporizhzhia Oblast"): ("запоріжц", "запоріжанк", "запорожан"),
    ("Kherson", "Kherson Oblast"): ("херсонц", "херсонок", "херсонк", "khersonite"),
    ("Mykolaiv", "Mykolaiv Oblast"): ("миколаївц", "николаевц", "николаевцев"),
    ("Dnipro", "Dnipropetrovsk Oblast"): ("дніпрян", "днепрян"),
    ("Sumy", "Sumy Oblast"): ("сумчан", "сумчанк"),
    ("Chernihiv", "Chernihiv Oblast"): ("чернігівц", "черниговц"),
    ("Lviv", "Lviv Oblast"): ("львів'ян", "львів’ян", "львовян"),
    ("Kramatorsk", "Donetsk Oblast"): ("краматорчан", "краматорц"),
    ("Belgorod", "Belgorod Oblast"): ("белгородц", "бєлгородц"),
    ("Kryvyi Rih", "Dnipropetrovsk Oblast"): ("криворіжц", "криворожан", "криворожц"),
    ("Nikopol", "Dnipropetrovsk Oblast"): ("нікопольц", "никопольц"),
    ("Poltava", "Poltava Oblast"): ("полтавц", "полтавчан"),
    ("Kupiansk", "Kharkiv Oblast"): ("куп'янч", "куп’янч", "купянч"),
}


@cache
def _pattern() -> re.Pattern[str]:
    stems = sorted({s for group in DEMONYMS.values() for s in group}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE)


@cache
def _city_of() -> dict[str, tuple[str, str]]:
    return {s.casefold(): city for city, stems in DEMONYMS.items() for s in stems}


def cities_named(text: str) -> list[tuple[str, tuple[str, str]]]:
    """Each residents' word in the text with the city it names: [(word, (city, oblast))]."""
    found = []
    for m in _pattern().finditer(text):
        city = _city_of().get(m.group(1).casefold())
        if city is not None:
            found.append((m.group(0), city))
    return found


# A post that opens by addressing a city's people ("Чорноморці!", "Павлоградцы!", "Ізмаїльці,
# увага!") names the city by a word made from it: its name (without "-ськ"/"-ск") and the
# plural of "-ець"/"-ец". The same word is a village's locative ("у Чорноморці": in
# Chornomorka), which needs a preposition; an address has none.
_ADDRESS = re.compile(
    r"^\s*(?:(?:шановні|дорогі|уважаемые|дорогие)\s+)?([А-ЯІЇЄҐ][\w’'ʼ-]+?)(ці|цы)\s*[!,]",
    re.IGNORECASE,
)


def addressed(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The word a post addresses its readers with, and the names of the city it may be made
    from ("Чорноморці!" -> "Чорноморськ", "Чорноморск", "Чорномор"), or None."""
    m = _ADDRESS.match(text)
    if m is None:
        return None
    stem = m.group(1)
    word = stem + m.group(2)
    return word, (f"{stem}ськ", f"{stem}ск", stem)
