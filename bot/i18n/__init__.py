"""What a person reads, in their language: gettext catalogs kept with Babel.

Every text a chat shows is written in English in the code, marked with `_()`/`gettext()`
or `ngettext()`, collected by `python -m bot.i18n.catalog update` into
`bot/i18n/locale/newsalert.pot` and translated in `bot/i18n/locale/<lang>/LC_MESSAGES/
newsalert.po`. Install compiles the `.mo` files (`python -m bot.i18n.catalog compile`); a
catalog whose `.mo` is missing or older than its `.po` is compiled in memory instead, so a
checkout never shows English where a translation exists.

Messages use named `{placeholders}` filled by `Translator.gettext(message, **values)`; a
translation whose placeholders do not fit falls back to the English text rather than fail.
"""

from __future__ import annotations

import gettext as _gettext
import io
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from functools import cache
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.records import ChatSettings, PlaceLevel

log = logging.getLogger(__name__)

DOMAIN = "newsalert"
LOCALE_DIR = Path(__file__).resolve().with_name("locale")
# The languages a chat can pick; English is the source, the others have catalogs.
LANGUAGES: tuple[str, ...] = ("en", "uk")
LANGUAGE_NAMES = {"en": "English", "uk": "Українська"}
DEFAULT_LANGUAGE = "en"
DEFAULT_TIMEZONE = "Europe/Kyiv"


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark, translate later"
    """Marks a message for the catalog where it is defined; it is translated where shown."""
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802
    """Marks a message whose words mean something else elsewhere ("official" the role,
    "official" the state of a story): translated with `Translator.pgettext(context, ...)`."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Marks a message with a plural form, for `Translator.ngettext(*pair, n)` later."""
    return singular, plural


def language_of(code: str | None) -> str | None:
    """The supported language a platform's code means: `uk`, `uk-UA` → `uk`; else None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-", 1)[0].strip().lower()
    return base if base in LANGUAGES else None


def zone_of(name: str | None) -> tzinfo | None:
    """An IANA time zone by name (`Europe/Kyiv`, `UTC`); None for one that does not exist."""
    if not name or len(name) > 64 or ".." in name or name.startswith("/"):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class Translator:
    """One language's messages, numbers and dates."""

    language: str
    catalog: _gettext.NullTranslations

    def gettext(self, message: str, /, **values: object) -> str:
        """The message in this language, its `{placeholders}` filled from `values`."""
        return _fill(self.catalog.gettext(message), message, values)

    def pgettext(self, context: str, message: str, /, **values: object) -> str:
        """The message as meant in `context` (see `NP_`)."""
        return _fill(self.catalog.pgettext(context, message), message, values)

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """The form for `n` (Ukrainian has three); `{n}` is filled with the number."""
        values.setdefault("n", self.number(n))
        english = singular if n == 1 else plural
        return _fill(self.catalog.ngettext(singular, plural, n), english, values)

    def number(self, n: int) -> str:
        """`1,200` in English, `1 200` in Ukrainian."""
        if self.language == "en":
            return f"{n:,}"
        from babel.numbers import format_decimal

        return format_decimal(n, locale=self.language, group_separator=True)

    def weekday(self, day: date) -> str:
        """`Monday`, `понеділок`."""
        from babel.dates import format_date

        return format_date(day, "EEEE", locale=self.language)

    def short_date(self, day: date) -> str:
        """`20 May 2024`, `20 трав. 2024`."""
        from babel.dates import format_date

        return format_date(day, "d MMM y", locale=self.language)

    def time(self, moment: datetime, zone: tzinfo, *, with_date: bool = True) -> str:
        """`2024-05-20 10:00 Kyiv`, `2024-05-20 07:00 UTC`: the moment in the chat's zone."""
        local = moment.astimezone(zone)
        shown = f"{local:%Y-%m-%d %H:%M}" if with_date else f"{local:%H:%M}"
        return self.gettext("{time} {zone}", time=shown, zone=self.zone_name(zone))

    def zone_name(self, zone: tzinfo) -> str:
        """The zone's city in this language (`Kyiv`, `Київ`), or `UTC`."""
        key = getattr(zone, "key", None) or str(zone)
        if key in ("UTC", "Etc/UTC", "Z"):
            return "UTC"
        from babel.dates import get_timezone_location

        try:
            return get_timezone_location(key, locale=self.language, return_city=True)
        except (LookupError, ValueError):
            return key


def _fill(translated: str, english: str, values: dict[str, object]) -> str:
    if not values:
        return translated
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        log.warning("translation does not fit its placeholders message=%r", english)
        return english.format(**{k: str(v) for k, v in values.items()})


@cache
def translator(language: str | None) -> Translator:
    """The translator for a language; English (the messages as written) for any other."""
    language = language_of(language) or DEFAULT_LANGUAGE
    return Translator(language, _catalog(language))


def _catalog(language: str) -> _gettext.NullTranslations:
    if language == "en":
        return _gettext.NullTranslations()
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return _gettext.GNUTranslations(f)
    if not po.exists():
        log.warning("no catalog for language=%s, showing English", language)
        return _gettext.NullTranslations()
    return _gettext.GNUTranslations(io.BytesIO(compile_po(po)))


def compile_po(po: Path) -> bytes:
    """A `.po` file as `.mo` bytes; fuzzy entries are left out, as msgfmt does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


class PlaceNames(Protocol):
    """A place's name in a language other than English, from the codifier or gazetteer;
    None when none is known (the English name is shown)."""

    def name(
        self, name: str, *, level: PlaceLevel, admin1: str | None, code: str | None
    ) -> str | None: ...


class _Named(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def level(self) -> PlaceLevel: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def code(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Audience:
    """Who reads a message: their language, their time zone, and places named their way."""

    tr: Translator = field(default_factory=lambda: translator(DEFAULT_LANGUAGE))
    zone: tzinfo = UTC
    names: PlaceNames | None = None
    # When the reader wants no alerts ("23:00-07:00", in `zone`); see bot.alerts.timing.
    quiet: str | None = None

    @property
    def language(self) -> str:
        return self.tr.language

    def place(self, place: _Named) -> str:
        """`Kharkiv`, or `Харків` for a Ukrainian reader."""
        if self.names is None or self.tr.language == "en":
            return place.name
        found = self.names.name(
            place.name, level=place.level, admin1=place.admin1, code=place.code
        )
        return found or place.name

    def region(self, admin1: str) -> str:
        """A region by its English name (`Kharkiv Oblast`) in the reader's language."""
        if self.names is None or self.tr.language == "en":
            return admin1
        return self.names.name(admin1, level=PlaceLevel.REGION, admin1=admin1, code=None) or admin1

    def time(self, moment: datetime, *, with_date: bool = True) -> str:
        return self.tr.time(moment, self.zone, with_date=with_date)

    def day(self, moment: datetime) -> date:
        """The calendar day a moment falls on where the reader is."""
        return moment.astimezone(self.zone).date()


ENGLISH = Audience()


def audience_of(
    chosen: ChatSettings,
    *,
    user_language: str | None = None,
    default_language: str = DEFAULT_LANGUAGE,
    default_zone: tzinfo = UTC,
    names: PlaceNames | None = None,
) -> Audience:
    """A chat's reader: what the chat chose, else the user's own language (Telegram's
    language_code), else the operator's defaults."""
    language = language_of(chosen.language) or language_of(user_language) or default_language
    zone = zone_of(chosen.timezone) or default_zone
    return Audience(translator(language), zone, names, chosen.quiet)
