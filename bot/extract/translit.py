"""Romanise Ukrainian (and, roughly, Russian) names with Ukraine's official 2010 rules."""

from __future__ import annotations

# Cabinet of Ministers resolution No. 55 (2010): the second column applies at a word start.
_UK: dict[str, str | tuple[str, str]] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": ("ie", "ye"),
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": ("i", "yi"),
    "й": ("i", "y"),
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": ("iu", "yu"),
    "я": ("ia", "ya"),
    "'": "",
    "’": "",
    "ʼ": "",
    # Russian letters, so Russian-language names come out readable too.
    "ё": "io",
    "ы": "y",
    "э": "e",
    "ъ": "",
}


def romanize(text: str) -> str:
    out: list[str] = []
    prev_letter = False
    lower = text.lower()
    for i, ch in enumerate(lower):
        rule = _UK.get(ch)
        if rule is None:
            out.append(text[i])
            prev_letter = ch.isalpha()
            continue
        if ch == "г" and i > 0 and lower[i - 1] == "з":
            latin = "gh"  # "зг" is "zgh", so it is not read back as "ж" (zh).
        elif isinstance(rule, tuple):
            latin = rule[0] if prev_letter else rule[1]
        else:
            latin = rule
        if text[i].isupper() and latin:
            upper_next = i + 1 < len(text) and text[i + 1].isupper()
            latin = latin.upper() if upper_next else latin[0].upper() + latin[1:]
        out.append(latin)
        prev_letter = True
    return "".join(out)
