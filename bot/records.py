"""Frozen records that flow between the stages: sources, extract, alerts, render, platforms."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

# --- sources ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Article:
    """One item of a source, normalised: plain text, canonical URL, aware datetimes."""

    source_id: str
    guid: str | None
    url: str | None
    title: str
    text: str
    published_at: datetime | None
    fetched_at: datetime

    @property
    def key(self) -> str:
        """What makes an article the same article again: its guid, else its canonical URL."""
        if self.guid:
            return f"guid:{self.guid}"
        if self.url:
            return f"url:{self.url}"
        return f"title:{self.title.strip().lower()}"


@dataclass(frozen=True, slots=True)
class Worker:
    """One `newsalert run` process among several sharing a PostgreSQL store."""

    id: str
    host: str
    pid: int
    started_at: datetime
    seen_at: datetime
    leader: bool = False


@dataclass(frozen=True, slots=True)
class SourceState:
    """A source's health and HTTP cache validators, kept by the store between polls."""

    source_id: str
    etag: str | None = None
    last_modified: str | None = None
    last_fetch_at: datetime | None = None
    last_ok_at: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    consecutive_failures: int = 0
    error_count: int = 0
    paused: bool = False
    next_poll_at: datetime | None = None  # not polled before (Retry-After, backoff, max-age)
    interval_seconds: float | None = None  # its interval now; None: the configured one
    # Where the source left off, in its own terms (a channel's newest post id): what a
    # poll after a long pause reads back to, and no further.
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one poll of a source produced; `state` carries the new validators."""

    articles: tuple[Article, ...]
    state: SourceState
    not_modified: bool = False
    # How long the answer stays fresh by its server's word (Cache-Control max-age, Expires,
    # a feed's <ttl>): the source is not polled again before.
    fresh_for: timedelta | None = None
    # hash(Article.key) of every item the source lists now, when `articles` leaves out the
    # ones the caller said it knew (None: `articles` is the whole list).
    listed: frozenset[int] | None = None


# --- facts -----------------------------------------------------------------------------------


class EventKind(enum.StrEnum):
    EVACUATION = "evacuation"
    STRIKE = "strike"
    CASUALTIES = "casualties"
    INFRASTRUCTURE_DAMAGE = "infrastructure_damage"
    TERRITORIAL_CHANGE = "territorial_change"
    NUCLEAR_SAFETY = "nuclear_safety"
    AIR_DEFENSE = "air_defense"
    GROUND_FIGHTING = "ground_fighting"


class FigureName(enum.StrEnum):
    """What a reported number counts."""

    KILLED = "killed"
    INJURED = "injured"
    EVACUATED = "evacuated"
    SETTLEMENTS = "settlements"
    WITHOUT_POWER = "without_power"  # households, consumers
    INTERCEPTED = "intercepted"
    LAUNCHED = "launched"


class Aspect(enum.StrEnum):
    """What an event is about where its kind leaves it open; render words it."""

    DIESEL_POWER = "diesel_power"  # a nuclear plant on its diesel generators
    OFFSITE_POWER_LOST = "offsite_power_lost"
    UNDER_ATTACK = "under_attack"
    RADIATION = "radiation"
    POWER = "power"  # infrastructure damage to the power grid
    GAINED = "gained"  # territory Ukraine took back
    LOST = "lost"  # territory Ukraine lost
    # An evacuation that did not go: the corridor did not open, the buses came back empty.
    STALLED = "stalled"


class Weapon(enum.StrEnum):
    MISSILE = "missile"
    DRONE = "drone"
    ARTILLERY = "artillery"
    AIR = "air"
    UNKNOWN = "unknown"


class PlaceRole(enum.StrEnum):
    LOCATION = "location"
    ORIGIN = "origin"
    DESTINATION = "destination"


class PlaceLevel(enum.StrEnum):
    COUNTRY = "country"
    REGION = "region"
    DISTRICT = "district"  # a Ukrainian raion
    COMMUNITY = "community"  # a Ukrainian hromada
    SETTLEMENT = "settlement"
    FACILITY = "facility"


class Qualifier(enum.StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    UP_TO = "up_to"


@dataclass(frozen=True, slots=True)
class Place:
    """A place resolved against the gazetteer."""

    name: str
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    level: PlaceLevel = PlaceLevel.SETTLEMENT
    geonameid: int | None = None
    population: int = 0
    # Ukraine's KATOTTG code, when the place is a unit of the codifier. A village GeoNames
    # does not list has a code and no geonameid; its coordinates are its hromada centre's.
    code: str | None = None


GUESSED_BELOW = 0.3


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place as the text named it, and the role it plays in one event."""

    mention: str
    place: Place
    role: PlaceRole = PlaceRole.LOCATION
    score: float = 1.0  # how sure the name is this place: match quality x namesake sureness

    @property
    def guessed(self) -> bool:
        """One Novoselivka of thirty, nothing in the text to tell which: it may be wrong, so
        it alerts no subscriber of its region and alerts show its region as a guess."""
        return self.score < GUESSED_BELOW


_HEDGES = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "about ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.UP_TO: "up to ",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """A reported number with its hedge: `more than 100` is value 100, qualifier more_than."""

    value: int
    qualifier: Qualifier = Qualifier.EXACT
    upper: int | None = None

    def __str__(self) -> str:
        """As a person writes it: `more than 100`, `about 1,200`, `10–15`."""
        if self.upper is not None and self.upper != self.value:
            # A range is its own hedge, except "about 10–15".
            hedge = _HEDGES[Qualifier.ABOUT] if self.qualifier is Qualifier.ABOUT else ""
            return f"{hedge}{self.value:,}–{self.upper:,}"
        return f"{_HEDGES[self.qualifier]}{self.value:,}"


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said it: a person or body, and their role when the text gives one."""

    who: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One fact extracted from an article."""

    kind: EventKind
    places: tuple[PlaceMention, ...]
    figures: tuple[tuple[FigureName, Figure], ...]
    attribution: tuple[Attribution, ...]
    date: date | None
    evidence: str
    weapon: Weapon | None = None
    aspect: Aspect | None = None
    denied: bool = False
    no_casualties: bool = False
    disputed_by: tuple[Attribution, ...] = ()
    language: str | None = None  # the article's, as bot.extract.language detects it
    # Kinds folded into this one incident: a strike that cut the power is also
    # infrastructure damage, one that killed people also casualties.
    also: tuple[EventKind, ...] = ()

    @property
    def kinds(self) -> tuple[EventKind, ...]:
        """Its own kind first, then the ones folded into it."""
        return (self.kind, *(k for k in self.also if k is not self.kind))

    def figure(self, name: FigureName) -> Figure | None:
        return next((f for n, f in self.figures if n == name), None)

    @property
    def regions(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for m in self.places:
            if m.place.admin1:
                seen.setdefault(m.place.admin1, None)
        return tuple(seen)


# --- stories ---------------------------------------------------------------------------------


class Verification(enum.StrEnum):
    """How far a story is established: one outlet, several, an authority, or contested."""

    REPORTED = "reported"
    CORROBORATED = "corroborated"
    OFFICIAL = "official"
    DISPUTED = "disputed"


class StoryStatus(enum.StrEnum):
    """What one report did to its story."""

    NEW = "new"  # the first report: alerts
    UPDATE = "update"  # a material change (toll rose, new kind, upgrade, correction): alerts
    DUPLICATE = "duplicate"  # the same facts again: only the card's counts change


@dataclass(frozen=True, slots=True)
class Report:
    """One article's report of a story: a line of the story's timeline."""

    article_id: int | None
    source_id: str
    outlet: str
    title: str
    url: str | None
    published_at: datetime | None
    status: StoryStatus
    figures: tuple[tuple[FigureName, Figure], ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """An incident with every report of it; `event` holds its facts as they stand now
    (figures replaced by later counts, kinds and places joined, speakers gathered)."""

    id: int
    event: Event
    outlets: tuple[str, ...]  # independent outlets, first reporter first
    reports: int
    verification: Verification
    first_seen: datetime
    last_seen: datetime
    corrected: bool = False  # a correction, retraction or denial has been reported

    @property
    def sources(self) -> int:
        return len(self.outlets)


@dataclass(frozen=True, slots=True)
class Change:
    """What one report did to a story: the card before and after, and what made it news."""

    story: Story
    status: StoryStatus
    before: Story | None = None
    rose: tuple[FigureName, ...] = ()  # figures that rose or were first given
    new_kinds: tuple[EventKind, ...] = ()
    upgraded: bool = False  # the verification state moved up (or became disputed)
    corrected: bool = False  # this report corrects, retracts or denies
    widened: tuple[str, ...] = ()  # places an evacuation now covers that it did not

    @property
    def alerts(self) -> bool:
        return self.status is not StoryStatus.DUPLICATE


# --- alerts ----------------------------------------------------------------------------------


class Severity(enum.IntEnum):
    ROUTINE = 1
    URGENT = 2
    FLASH = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class ChatRef:
    """Where an alert goes: a platform, a chat and, for forum topics or threads, a thread."""

    platform: str
    chat_id: str
    thread_id: str | None = None

    def __str__(self) -> str:
        tail = f"/{self.thread_id}" if self.thread_id else ""
        return f"{self.platform}:{self.chat_id}{tail}"


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """What a chat chose for itself; None leaves a choice to the defaults (the user's
    Telegram language, the operator's language and time zone)."""

    language: str | None = None
    timezone: str | None = None
    # Quiet hours in the chat's zone, "23:00-07:00": alerts below the operator's
    # breakthrough severity wait for their end and come as one digest.
    quiet: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place a subscription names, at any level (country, region, settlement)."""

    name: str
    level: PlaceLevel
    country: str
    admin1: str | None = None
    geonameid: int | None = None
    code: str | None = None  # KATOTTG code of a raion or hromada


@dataclass(frozen=True, slots=True)
class Near:
    """Events within `km` of a point: a place a user named, or a location they shared."""

    lat: float
    lon: float
    km: float
    # How the filter writes the point: a place's name, or "49.9935,36.2304" for a location.
    name: str
    level: PlaceLevel = PlaceLevel.SETTLEMENT
    admin1: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Filter:
    """What a subscription wants. Empty tuples mean "any"."""

    kinds: tuple[EventKind, ...] = ()
    places: tuple[PlaceRef, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    min_severity: Severity = Severity.ROUTINE
    # "hourly" or "daily HH:MM": matching alerts come together as a digest at that time.
    digest: str | None = None
    # Events near a point; with `places` too, an event in either is wanted.
    near: Near | None = None


@dataclass(frozen=True, slots=True)
class Subscription:
    id: int
    chat: ChatRef
    filter: Filter
    filter_text: str
    created_by: str | None
    created_at: datetime
    paused: bool = False


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article the store has accepted as new, with the row id it was given."""

    id: int
    article: Article


@dataclass(frozen=True, slots=True)
class Alert:
    """The events of one article that one subscription wants, at one severity."""

    article_id: int
    article: Article
    events: tuple[Event, ...]
    severity: Severity
    subscription: Subscription
    reason: str
    # The story the events are part of, and what this article changed in it.
    change: Change | None = None


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Delivery:
    """One alert for one chat, written before it is sent (the outbox row)."""

    id: int
    article_id: int
    subscription_id: int
    chat: ChatRef
    severity: Severity
    document: Document
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    message_ids: tuple[str, ...] = ()
    error: str | None = None
    created_at: datetime | None = None
    sent_at: datetime | None = None
    story_id: int | None = None
    # An update of a story the chat was already sent: `document` is the new card, to edit
    # the first message into; `note` the one-line update, to reply to it with.
    note: Document | None = None
    # Held back until then (quiet hours, a digest subscription), and why ("quiet", "daily",
    # "hourly"): the chat's alerts held until the same moment go out as one digest, where
    # each says `brief` (its region and one line, written for the chat).
    held_until: datetime | None = None
    held_for: str | None = None
    brief: tuple[str, str] | None = None


# --- commands --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommandRequest:
    """A chat command as every platform hands it over: `/subscribe strikes in:kherson`."""

    chat: ChatRef
    user_id: str
    name: str  # lower-case, without "/" or "@botname"
    text: str = ""  # everything after the command name, as typed
    user_name: str | None = None
    is_operator: bool = False
    is_private: bool = False
    # The user's interface language as the platform tells it (Telegram's language_code).
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Picture:
    """An image a reply shows before its text (a sitrep's map), with the words a screen
    reader says for it and a short caption."""

    png: bytes
    alt_text: str
    caption: str = ""
    filename: str = "map.png"


@dataclass(frozen=True, slots=True)
class Reply:
    """A command's answer; `ephemeral` replies are shown only to the asker where possible."""

    document: Document
    ephemeral: bool = False
    picture: Picture | None = None
    # An answer to a button press that takes the place of the message the button was on
    # (the next step of a wizard), instead of coming as a new one.
    replace: bool = False


# --- render ----------------------------------------------------------------------------------


class BlockKind(enum.StrEnum):
    HEADING = "heading"
    TEXT = "text"
    FACTS = "facts"
    SOURCE = "source"
    REASON = "reason"


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of a neutral document; splitting never cuts inside a FACTS item or a link."""

    kind: BlockKind
    text: str = ""
    items: tuple[str, ...] = ()
    url: str | None = None
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Button:
    """A button under a message. Pressing it runs `action`, a command line as the chat
    would type it without the prefix ("unsubscribe 3", "mute 12"), for the one who
    pressed; Telegram carries it in 64 bytes, so actions stay short."""

    label: str
    action: str


@dataclass(frozen=True, slots=True)
class Document:
    """Platform-neutral message: each platform escapes and lays it out in its own dialect."""

    blocks: tuple[Block, ...] = field(default_factory=tuple)
    # Rows of buttons under the message (under its last part when it is split).
    buttons: tuple[tuple[Button, ...], ...] = ()

    def plain_text(self) -> str:
        lines: list[str] = []
        for b in self.blocks:
            if b.text:
                lines.append(b.text)
            lines.extend(f"• {i}" for i in b.items)
            if b.url:
                lines.append(b.url)
        return "\n".join(lines)
