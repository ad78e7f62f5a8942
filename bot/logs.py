"""Logging as operators read it: one line per event, secrets never written, plain text for a
terminal or JSON for a log pipeline.

newsalert's own lines are written as `what key=value key=value` ("polled source=kyiv new=3"),
so the JSON formatter turns those pairs into fields a log search can filter on.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Literal

# Bot tokens (PTB and httpx put them in every request URL), Slack tokens, and passwords in
# URLs ("postgresql://bot:secret@db").
_SECRETS = (
    (re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}"), "<token>"),
    (re.compile(r"xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+"), "<token>"),
    (re.compile(r"(://[^/@:\s]*:)[^/@\s]+@"), r"\1***@"),
)
_PAIR = re.compile(r"""(\w+)=('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+)""")
_TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """No token or password reaches a log line, whoever logged it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_info[1] is not None:
            # A traceback's last line repeats the exception's message: format it redacted.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the message's
    `key=value` pairs as fields (`source`, `article`, `story`, `chat`...)."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        out: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": message,
        }
        for key, value in _PAIR.findall(message):
            if key not in out:
                out[key] = _value(value)
        if record.exc_info:
            out["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def _value(raw: str) -> object:
    if raw[:1] in "'\"" and raw[-1:] == raw[:1] and len(raw) >= 2:
        return raw[1:-1]
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    return raw


def setup(verbosity: int, *, default: int = logging.WARNING) -> None:
    """Levels: `default` with no -v, INFO with -v, DEBUG with -vv; third-party chatter
    (httpx request lines, the scheduler, migrations) only at -vv."""
    level = default if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(level=level, stream=sys.stderr, format=_TEXT_FORMAT, force=True)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactSecrets())
    quiet = logging.DEBUG if verbosity > 1 else logging.WARNING
    for name in ("httpx", "apscheduler", "alembic", "aiohttp.access"):
        logging.getLogger(name).setLevel(quiet)


def use_format(kind: Literal["text", "json"]) -> None:
    """Switch every handler to plain text or JSON lines (the config's `logs.format`)."""
    formatter: logging.Formatter = (
        JsonFormatter() if kind == "json" else logging.Formatter(_TEXT_FORMAT)
    )
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter)
