"""The command line as a user runs it: exit codes, the extract stream, sources, SIGTERM."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.paths import REPO, SEED, need

DEMO = REPO / "config" / "demo.yaml"


def newsalert(
    *args: str, stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


@pytest.fixture
def demo_config(tmp_path: Path) -> Path:
    """The demo config with its feeds, but a store of its own."""
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    data["store"]["url"] = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    for source in data["sources"]:
        source["url"] = str(DEMO.parent / source["url"])
    path = tmp_path / "demo.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_check_config_summarises_a_good_file() -> None:
    result = newsalert("check-config", "-c", str(DEMO))
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout
    assert "demo-wire" in result.stdout


def test_check_config_names_the_bad_key_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - {id: a, url: a.xml, interval: 5 minutes}\n", encoding="utf-8")
    result = newsalert("check-config", "-c", str(bad))
    assert result.returncode == 2
    assert "sources[0].interval: '5 minutes' is not a duration" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_config_hides_the_store_password_and_finds_missing_feed_files(
    tmp_path: Path,
) -> None:
    # Issue 11: check-config printed the store password, and passed a missing feed file.
    feed = tmp_path / "here.xml"
    feed.write_text('<rss version="2.0"><channel><title>t</title></channel></rss>')
    good = tmp_path / "good.yaml"
    good.write_text(
        'store: {url: "postgresql://bot:${PW}@db/news"}\nsources:\n  - {id: a, url: here.xml}\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check-config", "-c", str(good)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "PW": "hunter2"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql+asyncpg://bot:***@db/news" in result.stdout
    assert "hunter2" not in result.stdout + result.stderr
    missing = tmp_path / "missing.yaml"
    missing.write_text("sources:\n  - {id: a, url: gone.xml}\n", encoding="utf-8")
    result = newsalert("check-config", "-c", str(missing))
    assert result.returncode == 2
    assert "sources[0].url: 'gone.xml': no such file" in result.stderr


def test_stories_reads_a_stream_and_says_which_story_each_article_joined(tmp_path: Path) -> None:
    from tests.stories.scenario import REPORTS

    lines = []
    for i, (outlet, title, text) in enumerate(REPORTS["en"]):
        lines.append(
            json.dumps(
                {
                    "id": f"r{i}",
                    "source": outlet,
                    "url": f"https://{outlet}-news.example/{i}",
                    "title": title,
                    "text": text.format(day="Monday", day_s="Monday's"),
                    "published": f"2024-05-20T{8 + 2 * i:02d}:00:00+00:00",
                }
            )
        )
    lines.insert(1, "{not json")
    lines.append(json.dumps({"id": "sport", "title": "Cup final", "text": "Dynamo won 2-1."}))
    result = newsalert("stories", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("status", "error") for o in out] == [
        "new",
        "error",
        "duplicate",
        "update",
        "none",
    ]
    assert out[0]["story"] == out[2]["story"] == out[3]["story"] is not None
    assert out[3]["sources"] == 2
    assert out[3]["events"][0]["story"] == out[0]["story"]
    assert out[4] == {"id": "sport", "story": None, "status": "none", "events": []}
    # With --store the stories persist: a second run of the update joins the same story.
    store = f"sqlite+aiosqlite:///{tmp_path / 'stories.db'}"
    first = newsalert("stories", "--store", store, stdin=lines[0] + "\n")
    again = newsalert("stories", "--store", store, stdin=lines[3] + "\n")
    assert json.loads(first.stdout)["status"] == "new"
    assert json.loads(again.stdout)["story"] == json.loads(first.stdout)["story"]


def test_extract_answers_each_line_in_order_and_survives_bad_lines() -> None:
    title, _, body = need(SEED).read_text(encoding="utf-8").partition("\n")
    lines = [
        json.dumps(
            {"id": "seed", "title": title, "text": body, "published": "2022-10-14", "url": None}
        ),
        "{not json",
        json.dumps({"id": "empty", "title": "", "text": ""}),
        json.dumps({"id": "bad-date", "title": "t", "text": "x", "published": "last week"}),
        json.dumps(
            {"id": "sport", "title": "Cup final", "text": "Dynamo won 2-1.", "published": None}
        ),
    ]
    result = newsalert("extract", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["seed", None, "empty", "bad-date", "sport"]
    kinds = {e["kind"] for e in out[0]["events"]}
    assert {"evacuation", "strike", "territorial_change", "nuclear_safety"} <= kinds
    evacuation = next(e for e in out[0]["events"] if e["kind"] == "evacuation")
    assert {"mention", "name", "admin1", "country", "lat", "lon", "role"} <= set(
        evacuation["places"][0]
    )
    assert all("error" in o for o in out[1:4])
    assert out[4] == {"id": "sport", "events": []}


@pytest.mark.parametrize("command", ["extract", "stories"])
def test_a_lone_surrogate_in_a_line_does_not_end_the_stream(command: str) -> None:
    # Issue 11: "\ud800" in a line's title or id made the output unencodable and the
    # process died, losing every later line.
    lines = [
        '{"id": "bad\\ud800", "title": "Missile hits Kharkiv \\ud800\\u202e, 3 killed"}',
        json.dumps({"id": "next", "title": "Shelling of Kherson kills 2"}),
    ]
    result = newsalert(command, stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["bad\ufffd", "next"]
    assert out[1]["events"]
    assert "\u202e" not in result.stdout


def test_run_once_then_sources_table(demo_config: Path, tmp_path: Path) -> None:
    # Before any run: every source "not yet polled", and no store made as a side effect.
    before = newsalert("sources", "-c", str(demo_config))
    assert before.returncode == 0, before.stderr
    assert "no store yet" in before.stderr
    assert before.stdout.count("not yet polled") == 3
    assert not (tmp_path / "cli.db").exists()
    first = newsalert("run", "--once", "-c", str(demo_config))
    assert first.returncode == 0, first.stderr
    assert "Nuclear safety" in first.stdout
    again = newsalert("run", "--once", "-c", str(demo_config))
    assert again.returncode == 0
    assert again.stdout == ""
    table = newsalert("sources", "-c", str(demo_config))
    assert table.returncode == 0
    rows = {line.split()[0]: line for line in table.stdout.splitlines()[1:]}
    assert set(rows) == {"demo-wire", "demo-regional", "demo-briefs"}
    assert all(" ok " in f" {line} " for line in rows.values())
    # Each interval now (adaptive: the second run found nothing new, so it slowed) and when due.
    assert table.stdout.split()[:5] == ["SOURCE", "LAST", "FETCH", "STATUS", "EVERY"]
    assert all(re.search(r" \d+[smh]\S*\s+in \d+[smh]", line) for line in rows.values()), rows


def start_bot(config: Path) -> subprocess.Popen[str]:
    """The long-running bot in a process of its own, on `config`."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "-c", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "NO_COLOR": "1"},
    )


def first_alert(proc: subprocess.Popen[str]) -> str:
    """What the bot printed up to its first alert (at most a minute's wait)."""
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    seen = ""
    while "Why:" not in seen and time.monotonic() < deadline:
        seen += proc.stdout.readline()
    return seen


def test_sigterm_finishes_cleanly_and_keeps_what_was_done(demo_config: Path) -> None:
    proc = start_bot(demo_config)
    try:
        seen = first_alert(proc)
        assert "Why:" in seen, "no alert printed by the long-running process"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    # Everything the first run printed is recorded as sent: a restart prints nothing again.
    again = newsalert("run", "--once", "-c", str(demo_config))
    assert again.returncode == 0
    assert again.stdout == ""


def test_run_once_exits_3_when_a_source_failed_and_prune_reports(tmp_path: Path) -> None:
    # Issue 11: `run --once` exited 0 when every source failed, so cron noticed nothing.
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"\x00\x01 not a feed at all")
    config = tmp_path / "c.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "store": {"url": f"sqlite+aiosqlite:///{tmp_path / 'c.db'}"},
                "console": {"enabled": False},
                "sources": [{"id": "broken", "url": str(broken)}],
            }
        ),
        encoding="utf-8",
    )
    result = newsalert("run", "--once", "-c", str(config))
    assert result.returncode == 3, result.stderr
    # The error once (the log line naming the source), then the outcome.
    assert result.stderr.count("source failed source=broken") == 1
    assert "newsalert: 1 of 1 sources failed: broken" in result.stderr
    pruned = newsalert("prune", "-c", str(config))
    assert pruned.returncode == 0, pruned.stderr
    assert pruned.stdout.startswith("pruned: 0 articles emptied")


def test_sighup_reloads_instead_of_ending_the_bot_and_ctrl_c_at_start_up_is_heeded(
    demo_config: Path,
) -> None:
    # Issue 11: SIGHUP killed the bot (it now reads the config again); SIGINT in the first
    # second of start-up was ignored.
    proc = start_bot(demo_config)
    try:
        first_alert(proc)
        proc.send_signal(signal.SIGHUP)
        time.sleep(1.0)
        assert proc.poll() is None, "SIGHUP ended the bot"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    # SIGHUP reads the config again (unchanged here) and the bot runs on.
    assert "SIGHUP received: reading the config again" in err
    assert "config reloaded added=- removed=- changed=-" in err
    # At default verbosity the long-running bot says what it does (issue 11: it said
    # nothing), without third-party chatter.
    assert "running sources=3" in err
    assert "polled source=demo-wire" in err
    assert "HTTP Request" not in err
    assert "alembic" not in err

    early = start_bot(demo_config)
    try:
        time.sleep(0.8)  # imports done, places still loading
        early.send_signal(signal.SIGINT)
        _, err = early.communicate(timeout=30)
    finally:
        if early.poll() is None:
            early.kill()
    assert early.returncode in (0, 130), err
    assert "Traceback" not in err


def test_a_second_bot_on_one_sqlite_store_stops_with_a_clear_message(demo_config: Path) -> None:
    # Issue 12: two bots draining one SQLite outbox could send an alert twice.
    first = start_bot(demo_config)
    try:
        first_alert(first)
        second = newsalert("run", "--once", "-c", str(demo_config))
        assert second.returncode == 1
        assert "another newsalert is already running on this store" in second.stderr
        assert f"pid {first.pid}" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        first.terminate()
        first.communicate(timeout=30)
    after = newsalert("run", "--once", "-c", str(demo_config))  # the lock went with it
    assert after.returncode == 0, after.stderr
