"""Logs (issue 11): secrets never written, plain text or JSON lines with fields."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import yaml

from bot.logs import JsonFormatter, RedactSecrets, redact
from tests.test_cli import newsalert


def test_tokens_and_passwords_are_redacted_in_messages_and_tracebacks() -> None:
    token = "123456789:AAE" + "x" * 30
    assert redact(f"GET https://api.telegram.org/bot{token}/getMe") == (
        "GET https://api.telegram.org/bot<token>/getMe"
    )
    assert redact("token xoxb-1234-abcd and xapp-1-A0-99") == "token <token> and <token>"
    assert redact("store postgresql+asyncpg://bot:hunter2@db/news failed") == (
        "store postgresql+asyncpg://bot:***@db/news failed"
    )
    try:
        raise RuntimeError("cannot connect to postgresql://bot:hunter2@db/news")
    except RuntimeError:
        record = logging.LogRecord(
            "bot", logging.ERROR, __file__, 1, "failed %s", ("x",), exc_info=None
        )
        import sys

        record.exc_info = sys.exc_info()
    RedactSecrets().filter(record)
    text = logging.Formatter().format(record)
    assert "hunter2" not in text
    assert "bot:***@db" in text


def test_json_lines_carry_the_messages_pairs_as_fields() -> None:
    record = logging.LogRecord(
        "bot.pipeline",
        logging.INFO,
        __file__,
        1,
        "polled source=%s new=%d events=%d error=%r",
        ("kyiv-independent", 3, 2, "HTTP 500 from server"),
        None,
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "info"
    assert line["logger"] == "bot.pipeline"
    assert line["source"] == "kyiv-independent"
    assert line["new"] == 3
    assert line["error"] == "HTTP 500 from server"
    assert line["message"].startswith("polled source=kyiv-independent")


def test_the_bot_writes_json_lines_when_the_config_asks(tmp_path: Path) -> None:
    from tests.test_cli import DEMO

    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    data["store"]["url"] = f"sqlite+aiosqlite:///{tmp_path / 'logs.db'}"
    for source in data["sources"]:
        source["url"] = str(DEMO.parent / source["url"])
    data["logs"] = {"format": "json"}
    config = tmp_path / "c.yaml"
    config.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = newsalert("-v", "run", "--once", "-c", str(config))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    polled = [line for line in lines if line["message"].startswith("polled ")]
    assert {line["source"] for line in polled} == {"demo-wire", "demo-regional", "demo-briefs"}
    # No migration chatter at -v.
    assert not [line for line in lines if line["logger"].startswith("alembic")]
