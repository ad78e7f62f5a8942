"""The operator's YAML config as frozen pydantic models; every default lives here."""

from __future__ import annotations

import importlib.util
import math
import re
from datetime import timedelta
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    field_validator,
    model_validator,
)

from bot.kinds import KINDS
from bot.records import EventKind, Severity

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
_SIZE = re.compile(r"(?i)^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$")
_SIZE_UNITS = {
    "b": 1,
    "kb": 1000,
    "kib": 1024,
    "mb": 1000**2,
    "mib": 1024**2,
    "gb": 1000**3,
    "gib": 1024**3,
}


def parse_duration(value: object) -> timedelta:
    """`90s`, `5m`, `1h30m`, `2d`, or a number of seconds."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a duration (use e.g. 90s, 5m, 1h30m)")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"{value!r} is not a duration: it is negative")
        return _bounded(float(value), value)
    text = str(value).strip().lower().replace(" ", "")
    pos, total = 0, 0.0
    for m in _DURATION.finditer(text):
        if m.start() != pos:
            break
        total += float(m.group(1)) * _UNITS[m.group(2)]
        pos = m.end()
    if not text or pos != len(text):
        raise ValueError(f"{value!r} is not a duration (use e.g. 90s, 5m, 1h30m)")
    return _bounded(total, value)


_LONGEST = timedelta(days=36525)  # a hundred years: "forever" in any setting


def _bounded(seconds: float, value: object) -> timedelta:
    """A duration no longer than a hundred years; `.inf` or 99999999999d is an error the
    operator reads, not an overflow deep in timedelta."""
    if not math.isfinite(seconds) or seconds > _LONGEST.total_seconds():
        raise ValueError(f"{value!r} is too long a duration (at most {_LONGEST.days}d)")
    return timedelta(seconds=seconds)


def parse_size(value: object) -> int:
    """`5MB`, `512KiB`, or a number of bytes."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    m = _SIZE.match(str(value))
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"{value!r} is not a size (use e.g. 5MB, 512KiB)")
    return int(float(m.group(1)) * _SIZE_UNITS[(m.group(2) or "b").lower()])


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
Size = Annotated[int, BeforeValidator(parse_size)]
_ID = r"^[a-z0-9][a-z0-9_.-]*$"
_SYSTEM_DIRS = ("/proc/", "/sys/", "/dev/")
# The largest feed body worth reading: more is not a feed.
_MAX_BODY = 1024**3


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StoreSettings(_Model):
    """Where newsalert keeps what it has seen; relative SQLite paths are relative to the config."""

    url: str = "sqlite+aiosqlite:///newsalert.db"

    @field_validator("url")
    @classmethod
    def _a_store_url(cls, v: str) -> str:
        # What `run` would refuse is refused here, so check-config says so first; the
        # messages never repeat the URL (it may hold a password).
        from bot.errors import StoreError
        from bot.store.engine import NO_ASYNCPG, is_sqlite_file, resolve_url

        try:
            url = resolve_url(v)
        except StoreError as exc:
            raise ValueError(str(exc)) from None
        if is_sqlite_file(url) and str(url.database).startswith(_SYSTEM_DIRS):
            raise ValueError(f"{url.database} is in a system folder, not a place for a database")
        if url.get_backend_name() == "postgresql" and importlib.util.find_spec("asyncpg") is None:
            raise ValueError(NO_ASYNCPG)
        return v


class FetchSettings(_Model):
    user_agent: str = "newsalert/0.1 (+https://github.com/newsalert/newsalert)"
    timeout: Duration = timedelta(seconds=20)
    max_body: Size = 5 * 1024 * 1024
    default_interval: Duration = timedelta(minutes=10)
    # Spreads polls so that many sources do not hit the network at the same instant.
    jitter: Duration = timedelta(seconds=30)
    max_concurrency: int = Field(default=16, ge=1, le=256)
    # Adaptive polling: a source that changes often is polled more often, down to `fastest`;
    # one that rarely changes less often, up to `slowest`. A source's `interval` (or
    # `default_interval`) is where it starts, and widens the bounds if it lies outside.
    adaptive: bool = True
    fastest: Duration = timedelta(minutes=2)
    slowest: Duration = timedelta(hours=1)
    # The HTTP stack under httpx: `aiohttp` (httpx-aiohttp's transport) costs a fraction of
    # the CPU per request of httpx's own (bench/bench_polling.py); `httpx` is the fallback.
    transport: Literal["aiohttp", "httpx"] = "aiohttp"

    @field_validator("default_interval", "fastest")
    @classmethod
    def _min_interval(cls, v: timedelta) -> timedelta:
        if v < timedelta(seconds=10):
            raise ValueError(f"{v} is too short: polling more often than every 10s is impolite")
        return v

    @model_validator(mode="after")
    def _bounds_in_order(self) -> FetchSettings:
        if self.fastest > self.slowest:
            raise ValueError(f"fastest ({self.fastest}) is slower than slowest ({self.slowest})")
        return self

    @field_validator("max_body")
    @classmethod
    def _sane_body(cls, v: int) -> int:
        if v > _MAX_BODY:
            raise ValueError(f"{v:,} bytes is more than any feed needs (at most 1GiB)")
        return v


class SourceSettings(_Model):
    """One configured source: a feed URL or a local feed file, a public Telegram channel
    (`telegram_channel: synegubov`, or a t.me URL; `type: telegram_channel` with the `url`
    of a preview page on any host, for mirrors and tests), or a web page without a feed
    (`page: https://...`: its new links, or its own changed text).

    `kind`, `side` and `language` say who the source is: an `official` source's report makes
    its story official, unless it tells of the other side (a ministry's claim about the
    enemy's losses stays reported)."""

    id: Annotated[str, Field(pattern=_ID)]
    type: Literal["feed", "telegram_channel", "page"] = "feed"
    url: str
    name: str | None = None
    interval: Duration | None = None
    enabled: bool = True
    # A page source: its links are the news ("list"), the page is ("article"), or "auto".
    page_mode: Literal["auto", "list", "article"] = "auto"
    kind: Literal["official", "media", "monitor", "aggregator"] | None = None
    side: Literal["ua", "ru"] | None = None
    language: str | None = None
    # The oblast a regional source writes about ("Kherson Oblast"): its posts' namesakes
    # are read there when they name no place that says. Unset, newsalert guesses it from
    # the source's name and learns it from its posts.
    region: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _telegram_channel(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        from bot.sources.telegram import channel_url

        page = data.get("page")
        if page is not None:
            rest = {k: v for k, v in data.items() if k != "page"}
            return {**rest, "type": "page", "url": page}
        named = data.get("telegram_channel")
        if named is not None:
            url = channel_url(str(named))
            if url is None:
                raise ValueError(
                    f"telegram_channel: {named!r} is not a public channel's name "
                    "(5-32 letters, digits and _) or t.me link"
                )
            rest = {k: v for k, v in data.items() if k != "telegram_channel"}
            return {**rest, "type": "telegram_channel", "url": url}
        url = data.get("url")
        if isinstance(url, str) and data.get("type") in (None, "telegram_channel"):
            preview = (
                channel_url(url) if re.match(r"^(https?://)?(t|telegram)\.me/", url) else None
            )
            if preview is not None:
                return {**data, "type": "telegram_channel", "url": preview}
        return data

    @field_validator("interval")
    @classmethod
    def _min_interval(cls, v: timedelta | None) -> timedelta | None:
        if v is not None and v < timedelta(seconds=10):
            raise ValueError(f"{v} is too short: polling more often than every 10s is impolite")
        return v

    @model_validator(mode="after")
    def _polite_to_telegram(self) -> SourceSettings:
        # t.me's preview pages are a courtesy, not an API: a minute between polls at least.
        too_often = self.interval is not None and self.interval < timedelta(minutes=1)
        if self.type == "telegram_channel" and too_often:
            raise ValueError(
                f"interval {self.interval} is too short for a Telegram channel: "
                "poll t.me's preview at most once a minute"
            )
        return self

    @field_validator("url")
    @classmethod
    def _url_shape(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("is empty")
        if "://" in v and not v.startswith(("http://", "https://", "file://")):
            raise ValueError(f"{v!r} is not an http(s) URL or a file path")
        return v

    @property
    def title(self) -> str:
        return self.name or self.id


class PlacesSettings(_Model):
    """Which countries' settlements the gazetteer indexes; regions are always known.

    min_population applies to GeoNames settlements; with UA among the countries, every
    settlement of Ukraine's KATOTTG codifier is indexed too."""

    countries: tuple[str, ...] = ("UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU", "GE")
    min_population: int = Field(default=500, ge=0)
    cache_dir: str | None = None

    @field_validator("countries")
    @classmethod
    def _iso(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [c for c in v if not re.fullmatch(r"[A-Z]{2}", c)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a two-letter ISO country code")
        return v


class SeverityRule(_Model):
    """Rules are tried in order; the first that matches an event sets its severity."""

    severity: Severity
    kinds: tuple[EventKind, ...] = ()
    min_killed: int | None = Field(default=None, ge=0)
    min_injured: int | None = Field(default=None, ge=0)
    min_evacuated: int | None = Field(default=None, ge=0)
    regions: tuple[str, ...] = ()

    @field_validator("severity", mode="before")
    @classmethod
    def _severity_name(cls, v: object) -> object:
        if isinstance(v, str):
            try:
                return Severity[v.upper()]
            except KeyError:
                raise ValueError(f"{v!r} is not one of flash, urgent, routine") from None
        return v


def _default_rules() -> tuple[SeverityRule, ...]:
    """Each kind's own severity (bot/kinds.py), with tolls raising any kind: flash kinds
    first, then tolls, then urgent kinds."""
    flash = tuple(k for k, spec in KINDS.items() if spec.severity is Severity.FLASH)
    urgent = tuple(k for k, spec in KINDS.items() if spec.severity is Severity.URGENT)
    return (
        *(SeverityRule(severity=Severity.FLASH, kinds=(k,)) for k in flash),
        SeverityRule(severity=Severity.FLASH, min_killed=10),
        SeverityRule(severity=Severity.FLASH, min_injured=50),
        SeverityRule(severity=Severity.URGENT, min_killed=1),
        SeverityRule(severity=Severity.URGENT, min_injured=1),
        *(SeverityRule(severity=Severity.URGENT, kinds=(k,)) for k in urgent),
    )


class SeveritySettings(_Model):
    rules: tuple[SeverityRule, ...] = Field(default_factory=_default_rules)
    default: Severity = Severity.ROUTINE

    @field_validator("default", mode="before")
    @classmethod
    def _severity_name(cls, v: object) -> object:
        return SeverityRule._severity_name(v)


class ConsoleSettings(_Model):
    """The console platform: prints alerts to the terminal; on when no chat platform is."""

    enabled: bool | Literal["auto"] = "auto"
    color: bool | Literal["auto"] = "auto"
    subscriptions: tuple[str, ...] = ("",)


class TelegramSettings(_Model):
    """The Telegram platform. The token comes from ${ENV}; with `enabled: auto` the platform
    runs when the token is set, so one config serves machines with and without a bot."""

    enabled: bool | Literal["auto"] = "auto"
    token: SecretStr = SecretStr("")
    # Operators of a self-hosted telegram-bot-api server point this at it; tests at a fake.
    base_url: str = "https://api.telegram.org/bot"
    operators: tuple[int, ...] = ()
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = None
    poll_timeout: Duration = timedelta(seconds=30)
    # Telegram's published flood limits; exceeding them earns 429s with retry_after.
    per_chat_per_second: float = Field(default=1.0, gt=0)
    per_group_per_minute: int = Field(default=20, ge=1)
    overall_per_second: int = Field(default=30, ge=1)
    # Alerts of these severities (and digests of them) arrive without a sound.
    silent: tuple[Severity, ...] = (Severity.ROUTINE,)

    @field_validator("silent", mode="before")
    @classmethod
    def _severity_names(cls, v: object) -> object:
        if isinstance(v, list | tuple):
            return tuple(SeverityRule._severity_name(x) for x in v)
        return v

    @field_validator("token")
    @classmethod
    def _token_shape(cls, v: SecretStr) -> SecretStr:
        token = v.get_secret_value()
        if token and not re.fullmatch(r"\d+:[A-Za-z0-9_-]{20,}", token):
            # Never echo the value: it is a secret, even when malformed.
            raise ValueError("does not look like a bot token from @BotFather (digits:letters)")
        return v

    @property
    def active(self) -> bool:
        return self.enabled is True or (
            self.enabled == "auto" and bool(self.token.get_secret_value())
        )

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", v.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return v

    @model_validator(mode="after")
    def _webhook_needs_url(self) -> TelegramSettings:
        if self.enabled is True and not self.token.get_secret_value():
            raise ValueError("telegram.token is empty: set TELEGRAM_BOT_TOKEN (from @BotFather)")
        if self.mode == "webhook" and not self.webhook_url:
            raise ValueError("telegram.webhook_url is required when mode is webhook")
        return self


class SlackSettings(_Model):
    """The Slack platform. Socket Mode needs the bot and app tokens; HTTP mode the bot token
    and the signing secret. With `enabled: auto` it runs when the bot token is set."""

    enabled: bool | Literal["auto"] = "auto"
    bot_token: SecretStr = SecretStr("")
    app_token: SecretStr = SecretStr("")
    signing_secret: SecretStr = SecretStr("")
    mode: Literal["socket", "http"] = "socket"
    http_listen: str = "0.0.0.0"
    http_port: int = Field(default=3000, ge=0, le=65535)
    http_path: str = "/slack/events"
    # GovSlack and tests use another Web API host.
    base_url: str = "https://slack.com/api/"
    command: str = "/newsalert"
    operators: tuple[str, ...] = ()
    # chat.postMessage allows about one message a second per channel.
    per_channel_per_second: float = Field(default=1.0, gt=0)
    # The workspace-wide limit is "several hundred messages per minute".
    overall_per_second: float = Field(default=5.0, gt=0)

    @property
    def active(self) -> bool:
        return self.enabled is True or (
            self.enabled == "auto" and bool(self.bot_token.get_secret_value())
        )

    @model_validator(mode="after")
    def _tokens_for_mode(self) -> SlackSettings:
        if not self.active:
            return self
        problems = []
        if not self.bot_token.get_secret_value().startswith("xoxb-"):
            problems.append("slack.bot_token must be a bot token (xoxb-...): set SLACK_BOT_TOKEN")
        if self.mode == "socket" and not self.app_token.get_secret_value().startswith("xapp-"):
            problems.append(
                "slack.app_token must be an app-level token (xapp-...) for Socket Mode: set SLACK_APP_TOKEN"
            )
        if self.mode == "http" and not self.signing_secret.get_secret_value():
            problems.append(
                "slack.signing_secret is required in HTTP mode: set SLACK_SIGNING_SECRET"
            )
        if problems:
            raise ValueError("; ".join(problems))
        return self


class StorySettings(_Model):
    """How reports become stories: one incident, however many outlets tell it."""

    # A story no one has reported on for this long is closed; a later report starts another.
    quiet_after: Duration = timedelta(hours=48)

    # How late a report may arrive (counted from the newest one fetched) and still find a
    # quiet story in memory: open stories are kept for `quiet_after` plus this.
    late_margin: Duration = timedelta(days=1)

    @field_validator("quiet_after")
    @classmethod
    def _sane_quiet(cls, v: timedelta) -> timedelta:
        if not timedelta(minutes=10) <= v <= timedelta(days=14):
            raise ValueError(f"{v} is outside 10m..14d")
        return v

    @field_validator("late_margin")
    @classmethod
    def _sane_margin(cls, v: timedelta) -> timedelta:
        if not timedelta(0) <= v <= timedelta(days=14):
            raise ValueError(f"{v} is outside 0s..14d")
        return v


class AlertSettings(_Model):
    """When stories alert: how old a report may be, and how a story's update reaches a chat."""

    # No article published longer ago than this alerts, whatever the store remembers.
    max_age: Duration = timedelta(hours=6)
    # A story the chat already has a message for: edit that message to the new card, reply
    # to it with a one-line update, or both.
    updates: Literal["edit", "reply", "both"] = "both"
    # A source's first poll: `baseline` records what it finds as already known (no alerts),
    # `alert` treats it like any later poll (still bounded by max_age).
    first_poll: Literal["baseline", "alert"] = "baseline"


class ChatDefaults(_Model):
    """What a chat gets until it chooses: `/lang` and `/timezone` change it per chat. A
    Telegram user's own app language, when newsalert speaks it, comes before `language`."""

    language: Literal["en", "uk"] = "en"
    timezone: str = "Europe/Kyiv"
    # Alerts of this severity and above reach a chat during its quiet hours (/quiet) and
    # outside its digest subscriptions' times; the rest wait for one digest.
    quiet_breakthrough: Severity = Severity.FLASH

    @field_validator("quiet_breakthrough", mode="before")
    @classmethod
    def _severity_name(cls, v: object) -> object:
        return SeverityRule._severity_name(v)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        from bot.i18n import zone_of

        if zone_of(v) is None:
            raise ValueError(f"{v!r} is not a time zone; use a name such as Europe/Kyiv or UTC")
        return v


class RetentionSettings(_Model):
    """How long the store keeps what it no longer needs, pruned in the background in small
    batches; `null` keeps it for ever. Undelivered alerts and articles not yet matched are
    never pruned."""

    # After this an article keeps only what says it was seen (its key, source and dates):
    # its text and its events go. A feed that still lists it does not make it news again.
    articles: Duration | None = timedelta(days=30)
    # After this the article's row goes too (and the alerts sent about it).
    seen: Duration | None = timedelta(days=365)
    # Stories last reported longer ago than this, with their timelines.
    stories: Duration | None = timedelta(days=30)
    # Alerts sent (or given up on) longer ago than this, unless their story is still kept.
    deliveries: Duration | None = timedelta(days=30)
    every: Duration = timedelta(hours=1)
    batch: int = Field(default=500, ge=10, le=100_000)

    @field_validator("articles", "seen", "stories", "deliveries")
    @classmethod
    def _at_least_a_day(cls, v: timedelta | None) -> timedelta | None:
        if v is not None and v < timedelta(days=1):
            raise ValueError(f"{v} is shorter than a day; use null to keep rows for ever")
        return v

    @field_validator("every")
    @classmethod
    def _sane_every(cls, v: timedelta) -> timedelta:
        if not timedelta(minutes=1) <= v <= timedelta(days=7):
            raise ValueError(f"{v} is outside 1m..7d")
        return v

    @model_validator(mode="after")
    def _seen_outlives_articles(self) -> RetentionSettings:
        if self.seen is not None and (self.articles is None or self.seen < self.articles):
            raise ValueError(
                "seen must be at least as long as articles (and null when articles is null): "
                "an article's key is what keeps it from alerting again"
            )
        return self


class OpsSettings(_Model):
    """HTTP endpoints for operators: /healthz, /readyz and Prometheus /metrics."""

    enabled: bool = False
    listen: str = "127.0.0.1"  # 0.0.0.0 inside a container, behind its own network
    port: int = Field(default=9464, ge=0, le=65535)
    # Chats that hear what an operator must: "telegram:-1001234567890", "slack:C0123456",
    # "telegram:-100123/42" (a forum topic). Sources failing, chats gone, alerts given up on,
    # start and stop; each topic at most once per `notify_every`.
    notify: tuple[str, ...] = ()
    notify_every: Duration = timedelta(hours=1)
    # Consecutive failed polls before a source is reported.
    notify_after: int = Field(default=3, ge=1, le=1000)

    @field_validator("notify")
    @classmethod
    def _chats(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for ref in v:
            platform, _, chat = ref.partition(":")
            if platform not in ("telegram", "slack", "console") or not chat.strip():
                raise ValueError(
                    f"{ref!r} is not a chat: write platform:chat, e.g. telegram:-1001234567890"
                )
        return v


class LogSettings(_Model):
    """How the long-running bot logs: plain lines for a terminal, or one JSON object per
    line (fields: time, level, logger, message, and source, article, story, chat...)."""

    format: Literal["text", "json"] = "text"


class Settings(_Model):
    """The whole config file."""

    store: StoreSettings = StoreSettings()
    fetch: FetchSettings = FetchSettings()
    places: PlacesSettings = PlacesSettings()
    severity: SeveritySettings = SeveritySettings()
    stories: StorySettings = StorySettings()
    alerts: AlertSettings = AlertSettings()
    chats: ChatDefaults = ChatDefaults()
    retention: RetentionSettings = RetentionSettings()
    ops: OpsSettings = OpsSettings()
    logs: LogSettings = LogSettings()
    console: ConsoleSettings = ConsoleSettings()
    telegram: TelegramSettings | None = None
    slack: SlackSettings | None = None
    sources: tuple[SourceSettings, ...] = ()

    @model_validator(mode="after")
    def _unique_ids(self) -> Settings:
        seen: set[str] = set()
        for i, s in enumerate(self.sources):
            if s.id in seen:
                raise ValueError(f"sources[{i}].id: {s.id!r} is used by an earlier source")
            seen.add(s.id)
        return self

    def interval(self, source: SourceSettings) -> timedelta:
        return source.interval or self.fetch.default_interval
