"""Every bad config names its key path and bad value; nothing starts on a bad config."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import load_settings, parse_settings
from bot.config.schema import parse_duration, parse_size
from bot.errors import ConfigError
from tests.paths import REPO


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {
                "sources": [
                    {"id": "a", "url": "a.xml"},
                    {"id": "b", "url": "b.xml"},
                    {"id": "c", "url": "c.xml", "interval": "5 minutes"},
                ]
            },
            "sources[2].interval: '5 minutes' is not a duration",
        ),
        (
            {"sources": [{"id": "a", "url": "a.xml", "intervl": "5m"}]},
            "sources[0].intervl: unknown key",
        ),
        ({"sources": [{"url": "a.xml"}]}, "sources[0].id: is required"),
        ({"sources": [{"id": "Bad Id", "url": "a.xml"}]}, "sources[0].id: 'Bad Id'"),
        (
            {"sources": [{"id": "a", "url": "ftp://x/feed"}]},
            "sources[0].url: 'ftp://x/feed' is not an http(s) URL",
        ),
        (
            {"sources": [{"id": "a", "url": "a.xml", "interval": "2s"}]},
            "sources[0].interval: '2s': 0:00:02 is too short",
        ),
        (
            {"sources": [{"id": "a", "url": "x"}, {"id": "a", "url": "y"}]},
            "sources[1].id: 'a' is used by an earlier source",
        ),
        ({"fetch": {"max_body": "lots"}}, "fetch.max_body: 'lots' is not a size"),
        ({"fetch": {"timeout": "soon"}}, "fetch.timeout: 'soon' is not a duration"),
        (
            {"severity": {"rules": [{"severity": "extreme"}]}},
            "severity.rules[0].severity: 'extreme' is not one of flash, urgent, routine",
        ),
        (
            {"severity": {"rules": [{"severity": "flash", "kinds": ["earthquake"]}]}},
            "severity.rules[0].kinds[0]: 'earthquake'",
        ),
        (
            {"places": {"countries": ["Ukraine"]}},
            "places.countries: 'Ukraine' is not a two-letter ISO country code",
        ),
        ({"consol": {}}, "consol: unknown key"),
        (["a", "list"], "the top level must be a mapping"),
    ],
)
def test_bad_config_names_key_path_and_value(data: object, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings(data, env={})
    assert expected in str(info.value)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings({"fetch": {"timeout": "x", "max_body": "y"}}, env={})
    assert len(info.value.problems) == 2


def test_env_references_expand_and_unset_ones_are_errors() -> None:
    data = {"sources": [{"id": "a", "url": "https://${HOST}/feed", "name": "${NAME:-Default}"}]}
    settings = parse_settings(data, env={"HOST": "news.example"})
    assert settings.sources[0].url == "https://news.example/feed"
    assert settings.sources[0].name == "Default"
    with pytest.raises(
        ConfigError, match=r"sources\[0\]\.url: environment variable HOST is not set"
    ):
        parse_settings(data, env={})


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("5m", 300),
        ("1h30m", 5400),
        ("2d", 172800),
        (45, 45),
        ("1.5h", 5400),
        ("500ms", 0.5),
    ],
)
def test_durations(text: object, seconds: float) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["5 minutes", "m5", "", "5x", True, -3])
def test_not_durations(text: object) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["99999999999d", float("inf"), float("nan"), 1e300, "36526d"])
def test_durations_too_long_are_errors_not_overflows(text: object) -> None:
    # Issue 11: `interval: 99999999999d` and `fetch.timeout: .inf` crashed with a traceback.
    with pytest.raises(ValueError, match="too long a duration"):
        parse_duration(text)


@pytest.mark.parametrize(("key", "value"), [("interval", "99999999999d"), ("timeout", ".inf")])
def test_a_huge_duration_in_the_config_is_named_by_its_key(key: str, value: str) -> None:
    where = {"interval": "sources[0].interval", "timeout": "fetch.timeout"}[key]
    data: dict[str, object] = {
        "sources": [{"id": "a", "url": "https://example.org/feed"}],
    }
    if key == "interval":
        data["sources"][0]["interval"] = value  # type: ignore[index]
    else:
        data["fetch"] = {"timeout": float("inf")}  # what YAML reads `.inf` as
    with pytest.raises(ConfigError, match=rf"{re.escape(where)}: .*too long a duration"):
        parse_settings(data, env={})


@pytest.mark.parametrize(
    ("text", "size"), [("5MB", 5_000_000), ("5MiB", 5 * 1024**2), ("512KiB", 524288), (1000, 1000)]
)
def test_sizes(text: object, size: int) -> None:
    assert parse_size(text) == size


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - id: a\n    url: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line \d+, column \d+: not valid YAML"):
        load_settings(bad)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.yaml")


@pytest.mark.parametrize("name", ["demo.yaml", "newsalert.yaml"])
def test_shipped_configs_are_valid(name: str) -> None:
    settings = load_settings(REPO / "config" / name, env={})
    assert settings.sources


@pytest.mark.parametrize(
    ("data", "said"),
    [
        # Issue 11: an unknown key got no "did you mean".
        ({"fetch": {"timout": "5s"}}, "fetch.timout: unknown key (did you mean 'timeout'?)"),
        (
            {"sources": [{"id": "a", "url": "https://x.example/f", "intervall": "5m"}]},
            "sources[0].intervall: unknown key (did you mean 'interval'?)",
        ),
        ({"retention": {"artcles": "10d"}}, "retention.artcles: unknown key (did you mean"),
        ({"zzz": 1}, "zzz: unknown key (check its spelling); known keys here: alerts"),
        # Store URLs that `run` would refuse are refused here, without their password.
        ({"store": {"url": "mysql://u:pw@h/db"}}, "unsupported database"),
        ({"store": {"url": "not a url"}}, "is not a database URL"),
        ({"store": {"url": "sqlite:////proc/x.db"}}, "system folder"),
        # Sizes past any feed.
        ({"fetch": {"max_body": "50GiB"}}, "more than any feed needs"),
        ({"retention": {"articles": "12h"}}, "shorter than a day"),
        ({"retention": {"articles": "30d", "seen": "10d"}}, "seen must be at least as long"),
        ({"ops": {"notify": ["C0123"]}}, "is not a chat: write platform:chat"),
    ],
)
def test_bad_values_are_named_with_what_to_do(data: dict[str, object], said: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings(data, env={})
    text = str(info.value)
    assert said in text
    assert "pw@" not in text


def test_a_password_in_a_url_is_never_printed() -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings({"store": {"url": "mysql://bot:hunter2@db/news"}}, env={})
    assert "hunter2" not in str(info.value)
    assert "bot:***@db" in str(info.value)


def test_story_memory_margin_is_a_bounded_duration() -> None:
    assert parse_settings({}, env={}).stories.late_margin == timedelta(days=1)
    assert parse_settings(
        {"stories": {"late_margin": "0s"}}, env={}
    ).stories.late_margin == timedelta(0)
    with pytest.raises(ConfigError) as info:
        parse_settings({"stories": {"late_margin": "30d"}}, env={})
    assert "stories.late_margin" in str(info.value)
