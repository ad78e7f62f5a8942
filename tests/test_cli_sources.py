"""`newsalert sources add|test|import|export`: what a URL is, the config written with its
comments kept, OPML both ways, and clear errors; URLs served on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.config import load_settings
from tests.platforms.support import STRIKE, rss
from tests.sources.feedserver import FeedServer, Route
from tests.sources.telegram_pages import FakePost, preview_page
from tests.sources.web_pages import article, empty_shell, listing

CONFIG = """\
# The operator's own notes, which `sources add` must keep.
store:
  url: sqlite+aiosqlite:///{db}
console:
  enabled: false
sources:
  # The wire we trust most.
  - id: wire
    name: The Wire
    url: {feed}
    kind: media
"""
HTML = "text/html; charset=utf-8"


@pytest.fixture
def config(tmp_path: Path, server: FeedServer) -> Path:
    server.routes["/wire.xml"] = Route(rss(STRIKE))
    path = tmp_path / "newsalert.yaml"
    path.write_text(
        CONFIG.format(db=tmp_path / "s.db", feed=server.url("/wire.xml")), encoding="utf-8"
    )
    return path


def run(*args: str) -> int:
    return main(["sources", *args])


def test_add_finds_a_feed_a_page_and_a_channel_and_keeps_the_comments(
    config: Path, server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/feed.xml"] = Route(rss(STRIKE))
    server.routes["/news"] = Route(
        listing(
            [
                (f"/news/{n}", f"Evacuation from Kupiansk continues, day {n} of it")
                for n in range(3)
            ]
        ),
        content_type=HTML,
    )
    server.routes["/s/synegubov"] = Route(
        preview_page(
            "synegubov",
            [FakePost(9, "Удар по Харкову.", __import__("datetime").datetime(2024, 5, 20))],
        ),
        content_type=HTML,
    )
    # A home page that names its feed: the feed is what is added.
    server.routes["/home"] = Route(
        f'<html><head><title>Home</title><link rel="alternate" type="application/rss+xml" href="{server.url("/feed.xml")}"></head><body></body></html>'.encode(),
        content_type=HTML,
    )

    assert run("add", server.url("/feed.xml"), "-c", str(config), "--kind", "media") == 0
    assert (
        run(
            "add",
            server.url("/news"),
            "-c",
            str(config),
            "--id",
            "ministry",
            "--kind",
            "official",
            "--side",
            "ua",
        )
        == 0
    )
    assert run("add", server.url("/s/synegubov"), "-c", str(config), "--kind", "official") == 0
    assert run("add", server.url("/home"), "-c", str(config), "--id", "home-feed") == 0

    said = capsys.readouterr().out
    assert "a feed" in said
    assert "a page listing 3 headline links" in said
    assert "Telegram channel" in said
    assert "the feed the page links to" in said
    text = config.read_text(encoding="utf-8")
    assert "# The operator's own notes, which `sources add` must keep." in text
    assert "# The wire we trust most." in text
    assert "# Added by `newsalert sources add`: a page listing 3 headline links." in text
    settings = load_settings(config)
    by_id = {s.id: s for s in settings.sources}
    print(sorted(by_id))
    assert set(by_id) == {"wire", "t", "ministry", "synegubov", "home-feed"}
    assert by_id["ministry"].type == "page"
    assert (by_id["ministry"].kind, by_id["ministry"].side) == ("official", "ua")
    channel = by_id["synegubov"]
    assert (channel.type, channel.url, channel.name) == (
        "telegram_channel",
        server.url("/s/synegubov"),
        "Олег Синєгубов",
    )
    assert by_id["home-feed"].url == server.url("/feed.xml")


def test_add_refuses_what_is_no_source_and_leaves_the_file_alone(
    config: Path, server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/app"] = Route(empty_shell(), content_type=HTML)
    before = config.read_text(encoding="utf-8")

    assert run("add", server.url("/app"), "-c", str(config)) == 1
    assert run("add", server.url("/missing"), "-c", str(config)) == 1
    assert run("add", "ftp://example.org/feed", "-c", str(config)) == 1
    assert run("add", server.url("/wire.xml"), "-c", str(config), "--id", "wire") == 1

    errors = capsys.readouterr().err
    assert "is neither a feed, a Telegram channel nor a news page" in errors
    assert "HTTP 404" in errors
    assert "no http(s) URL or t.me link" in errors
    assert "a source with id 'wire' already" in errors
    assert config.read_text(encoding="utf-8") == before


def test_test_prints_what_would_be_extracted_and_stores_nothing(
    config: Path, server: FeedServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    buses = ("first", "second", "third")
    headlines = [f"Evacuation of children from Kupiansk: the {bus} buses" for bus in buses]
    server.routes["/news"] = Route(
        listing([(f"/news/{n}", headlines[n]) for n in range(3)]), content_type=HTML
    )
    for n in range(3):
        server.routes[f"/news/{n}"] = Route(
            article(
                headlines[n],
                f"Authorities evacuated {n + 1}0 children from Kupiansk in Kharkiv Oblast, the "
                "regional governor Oleh Syniehubov said.",
            ),
            content_type=HTML,
        )

    assert run("test", server.url("/news"), "-c", str(config)) == 0

    out = capsys.readouterr().out
    assert "a page listing 3 headline links; 3 items" in out
    assert "- Evacuation of children from Kupiansk: the first buses" in out
    assert "Evacuation: Kupiansk; 10 evacuated" in out
    assert not (tmp_path / "s.db").exists()


def test_opml_export_then_import_round_trips(
    config: Path, server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/news"] = Route(
        listing(
            [
                (f"/news/{n}", f"Evacuation from Kupiansk continues, day {n} of it")
                for n in range(3)
            ]
        ),
        content_type=HTML,
    )
    assert (
        run(
            "add", server.url("/news"), "-c", str(config), "--id", "ministry", "--kind", "official"
        )
        == 0
    )
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["sources"].append(
        {"id": "kh-ova", "telegram_channel": "synegubov", "kind": "official", "side": "ua"}
    )
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    opml = tmp_path / "sources.opml"
    assert run("export", "-c", str(config), "-o", str(opml)) == 0
    text = opml.read_text(encoding="utf-8")
    assert 'type="rss"' in text
    assert 'xmlUrl="' + server.url("/wire.xml") + '"' in text

    fresh = tmp_path / "fresh.yaml"
    fresh.write_text("# a new machine\nsources: []\n", encoding="utf-8")
    capsys.readouterr()
    assert run("import", str(opml), "-c", str(fresh)) == 0
    assert "3 sources added" in capsys.readouterr().out
    before = [(s.id, s.type, s.url, s.kind, s.side) for s in load_settings(config).sources]
    after = [(s.id, s.type, s.url, s.kind, s.side) for s in load_settings(fresh).sources]
    assert after == before
    # Importing the same file again adds nothing.
    assert run("import", str(opml), "-c", str(fresh)) == 0
    assert "0 sources added to" in capsys.readouterr().out


def test_import_refuses_a_file_that_is_no_opml(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "feeds.opml"
    bad.write_text("<html><body>no</body></html>", encoding="utf-8")
    assert run("import", str(bad), "-c", str(config)) == 1
    assert "not an OPML file" in capsys.readouterr().err
