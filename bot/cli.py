"""The `newsalert` command line: the only place that turns errors into exit codes."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot import __version__, logs
from bot.config import Settings, load_settings
from bot.errors import ConfigError, NewsalertError

if TYPE_CHECKING:
    import httpx

    from bot.sources.manage import Found

log = logging.getLogger("bot")
EXIT_OK, EXIT_ERROR, EXIT_CONFIG = 0, 1, 2
# `run --once`: it ran, but a source failed (cron and systemd timers notice a non-zero exit).
EXIT_SOURCES = 3
_REPO_CONFIG = Path(__file__).resolve().parent.parent / "config" / "demo.yaml"


def default_config() -> Path:
    """`$NEWSALERT_CONFIG`, else `config/demo.yaml` here, else the one beside the package."""
    env = os.environ.get("NEWSALERT_CONFIG")
    if env:
        return Path(env)
    local = Path("config/demo.yaml")
    return local if local.exists() else _REPO_CONFIG


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsalert",
        description="Conflict news turned into facts and alerts (console, Telegram, Slack).",
    )
    parser.add_argument("--version", action="version", version=f"newsalert {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more logging (-vv: debug)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_config(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "-c",
            "--config",
            type=Path,
            default=None,
            help="YAML config (default: $NEWSALERT_CONFIG or config/demo.yaml)",
        )

    run = sub.add_parser("run", help="poll sources and deliver alerts until stopped")
    with_config(run)
    run.add_argument("--once", action="store_true", help="poll every source once, deliver, exit")
    check = sub.add_parser("check-config", help="validate the config and print a summary")
    with_config(check)
    extract = sub.add_parser(
        "extract", help="JSON Lines articles on stdin → one JSON line of events each on stdout"
    )
    extract.add_argument(
        "-c", "--config", type=Path, default=None, help="config for place settings"
    )
    stories = sub.add_parser(
        "stories",
        help="JSON Lines articles on stdin, in arrival order → the story each joined, one line each",
    )
    stories.add_argument(
        "-c", "--config", type=Path, default=None, help="config for place and story settings"
    )
    stories.add_argument(
        "--store",
        default=None,
        help="keep stories in this store URL (default: in memory for this stream)",
    )
    sources = sub.add_parser(
        "sources",
        help="configured sources with last fetch, status, errors; add, test, import, export",
    )
    with_config(sources)
    tools = sources.add_subparsers(dest="action", metavar="ACTION")
    listed = tools.add_parser("list", help="the table of sources (the default)")
    with_config(listed)
    add = tools.add_parser(
        "add", help="find what a URL is (feed, Telegram channel, page), check it, add it"
    )
    with_config(add)
    add.add_argument("url", help="a feed, a t.me/<channel> link or a web page")
    add.add_argument("--id", default=None, help="the source's id (default: from its title)")
    add.add_argument("--name", default=None, help="its name in alerts (default: its title)")
    add.add_argument("--kind", choices=("official", "media", "monitor", "aggregator"))
    add.add_argument("--side", choices=("ua", "ru"))
    add.add_argument("--language", default=None)
    test = tools.add_parser(
        "test", help="fetch a URL once and print what would be extracted; stores nothing"
    )
    with_config(test)
    test.add_argument("url")
    imported = tools.add_parser("import", help="add the sources an OPML file lists")
    with_config(imported)
    imported.add_argument("file", type=Path)
    exported = tools.add_parser("export", help="the configured sources as OPML")
    with_config(exported)
    exported.add_argument("-o", "--output", type=Path, default=None, help="file (default: stdout)")
    workers = sub.add_parser(
        "workers", help="the workers sharing a PostgreSQL store: alive, leading, sources held"
    )
    with_config(workers)
    prune = sub.add_parser(
        "prune", help="remove old rows from the store now, as `retention` says (for cron)"
    )
    with_config(prune)
    return parser


def _load(path: Path | None) -> tuple[Settings, Path]:
    file = path or default_config()
    return load_settings(file), file.resolve().parent


_EARLY_STOP = threading.Event()


def _remember_stop(signum: int, frame: object) -> None:
    _EARLY_STOP.set()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # The long-running bot says what it does (start, each poll, stop); one-off commands and
    # `run --once` under cron stay quiet unless something is wrong.
    long_running = args.command == "run" and not args.once
    if long_running:
        # A Ctrl-C or SIGTERM from here until the event loop's own handlers are in place is
        # remembered, not lost (it once fell in asyncio's start-up and the bot went on).
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, _remember_stop)
    logs.setup(args.verbose, default=logging.INFO if long_running else logging.WARNING)
    try:
        if args.command == "run":
            if long_running:
                # Before any thread starts: each thread's arena would otherwise grow for good.
                from bot.memory import limit_malloc_arenas

                limit_malloc_arenas()
            settings, base = _load(args.config)
            logs.use_format(settings.logs.format)
            path = args.config or default_config()
            return asyncio.run(_run(settings, base, once=args.once, path=path))
        if args.command == "check-config":
            settings, base = _load(args.config)
            return asyncio.run(_check(settings, base, args.config or default_config()))
        if args.command == "extract":
            settings = _load(args.config)[0] if args.config else Settings()
            return _extract(settings)
        if args.command == "stories":
            settings = _load(args.config)[0] if args.config else Settings()
            base = args.config.resolve().parent if args.config else Path.cwd()
            return asyncio.run(_stories(settings, base, args.store))
        if args.command == "sources":
            settings, base = _load(args.config)
            action = getattr(args, "action", None) or "list"
            if action == "list":
                return asyncio.run(_sources(settings, base))
            path = args.config or default_config()
            return asyncio.run(_source_tool(action, args, settings, path))
        if args.command == "workers":
            settings, base = _load(args.config)
            return asyncio.run(_workers(settings, base))
        if args.command == "prune":
            settings, base = _load(args.config)
            return asyncio.run(_prune(settings, base))
    except ConfigError as exc:
        print(f"newsalert: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except NewsalertError as exc:
        print(f"newsalert: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `newsalert sources | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return EXIT_OK
    return EXIT_ERROR


async def _run(settings: Settings, base: Path, *, once: bool, path: Path) -> int:
    from bot.app import App, install_stop_signals

    stop, reload = asyncio.Event(), asyncio.Event()
    if not once:
        # Before start-up, so a Ctrl-C while the places load is not lost.
        install_stop_signals(stop, reload)
        if _EARLY_STOP.is_set():
            log.info("stopped during start-up")
            return EXIT_OK
    app = await App.open(settings, base_dir=base, workers=not once)
    try:
        if once:
            reports, drained = await app.run_once()
            failed = [r for r in reports if r.error and r.error != "paused"]
            if failed:
                # Each error was logged once already, with its source; this says the outcome.
                names = ", ".join(r.source_id for r in failed)
                print(
                    f"newsalert: {len(failed)} of {len(reports)} sources failed: {names}",
                    file=sys.stderr,
                )
            log.info("once: sources=%d failed=%d sent=%d", len(reports), len(failed), drained.sent)
            return EXIT_SOURCES if failed else EXIT_OK
        # A Ctrl-C that came while the places loaded waits in the loop's self-pipe: a short
        # turn of the loop lets its handler run before polling starts.
        await asyncio.sleep(0.05)
        if stop.is_set():
            log.info("stopped during start-up")
            return EXIT_OK
        await app.run_forever(stop, reload=reload, load=lambda: load_settings(path))
        return EXIT_OK
    finally:
        await app.close()


async def _check(settings: Settings, base: Path, path: Path) -> int:
    from bot.alerts.filters import format_filter, parse_filter
    from bot.app import Parts
    from bot.errors import FilterError
    from bot.extract.home import configured_regions
    from bot.sources.files import resolve_path
    from bot.store.engine import redacted, resolve_url

    parts = Parts(settings, base)
    await parts.load_places()
    gazetteer, resolver = parts.gazetteer, parts.resolver
    problems = []
    normal = []
    for i, text in enumerate(settings.console.subscriptions):
        try:
            normal.append(format_filter(parse_filter(text, places=resolver)) or "everything")
        except FilterError as exc:
            problems.append(f"console.subscriptions[{i}]: {text!r}: {exc}")
    problems += configured_regions(((s.id, s.region) for s in settings.sources), gazetteer)[0]
    for i, source in enumerate(settings.sources):
        if source.enabled and not source.url.startswith(("http://", "https://")):
            local = resolve_path(source.url, base)
            if not local.is_file():
                problems.append(f"sources[{i}].url: {source.url!r}: no such file ({local})")
    if problems:
        raise ConfigError(problems, path=str(path))
    print(f"{path}: OK")
    print(f"  store:    {redacted(resolve_url(settings.store.url, base_dir=base))}")
    print(
        f"  places:   {', '.join(settings.places.countries)} ({len(gazetteer):,} places indexed)"
    )
    print(
        f"  severity: {len(settings.severity.rules)} rules, default {settings.severity.default.label}"
    )
    print(f"  console:  {len(normal)} subscription(s): {'; '.join(normal)}")
    tg = settings.telegram
    if tg is None:
        print("  telegram: not configured")
    elif tg.active:
        print(f"  telegram: on ({tg.mode}, {len(tg.operators)} operator(s), API {tg.base_url})")
    else:
        print("  telegram: off (no token: set TELEGRAM_BOT_TOKEN)")
    sl = settings.slack
    if sl is None:
        print("  slack:    not configured")
    elif sl.active:
        where = f"HTTP on :{sl.http_port}{sl.http_path}" if sl.mode == "http" else "Socket Mode"
        print(f"  slack:    on ({where}, command {sl.command}, {len(sl.operators)} operator(s))")
    else:
        print("  slack:    off (no token: set SLACK_BOT_TOKEN)")
    print(f"  sources:  {len(settings.sources)}")
    for s in settings.sources:
        state = "" if s.enabled else " (disabled)"
        every = settings.interval(s)
        kind = "" if s.type == "feed" else f"  [{s.type.replace('_', ' ')}]"
        print(f"    - {s.id:<24} every {every}  {s.url}{kind}{state}")
    return EXIT_OK


def _extract(settings: Settings) -> int:
    from bot.app import Parts
    from bot.extract.jsonl import run_lines

    # Only place settings matter here: nothing is opened relative to a base folder.
    extractor = Parts(settings, Path.cwd()).extractor
    out = sys.stdout
    for line in run_lines(sys.stdin, extractor):
        out.write(line + "\n")
        out.flush()
    return EXIT_OK


async def _stories(settings: Settings, base: Path, store_url: str | None) -> int:
    from bot.app import Parts
    from bot.stories import MemoryStories
    from bot.stories.jsonl import story_lines

    parts = Parts(settings, base)
    await parts.load_places(hierarchy=False)
    extractor = parts.extractor
    store = await parts.open_store(store_url) if store_url else None
    try:
        book = parts.story_book(store or MemoryStories())
        if store is not None:
            # A stream may replay the past: reopen what was open when the store last grew.
            newest = await store.recent_stories(limit=1)
            await book.load(newest[0].last_seen if newest else datetime.now(UTC))
        out = sys.stdout
        async for line in story_lines(sys.stdin, extractor, book, homes=parts.home_regions):
            out.write(line + "\n")
            out.flush()
    finally:
        if store is not None:
            await store.close()
    return EXIT_OK


async def _prune(settings: Settings, base: Path) -> int:
    from bot.app import Parts

    parts = Parts(settings, base)
    store = await parts.open_store()
    try:
        report = await store.prune(datetime.now(UTC), parts.retention())
    finally:
        await store.close()
    print(
        f"pruned: {report.articles_emptied} articles emptied, {report.articles_deleted} removed, "
        f"{report.events_deleted} events, {report.stories_deleted} stories, "
        f"{report.deliveries_deleted} delivered alerts"
    )
    return EXIT_OK


async def _sources(settings: Settings, base: Path) -> int:
    from bot.app import Parts
    from bot.records import SourceState
    from bot.store.engine import is_sqlite_file, resolve_url

    url = resolve_url(settings.store.url, base_dir=base)
    states: dict[str, SourceState] = {}
    if is_sqlite_file(url) and not await asyncio.to_thread(Path(str(url.database)).exists):
        # Nothing has run yet: say so, rather than create an empty store as a side effect.
        print(f"(no store yet at {url.database}: nothing has been polled)", file=sys.stderr)
    else:
        store = await Parts(settings, base).open_store()
        try:
            states = {s.source_id: s for s in await store.all_source_states()}
        finally:
            await store.close()
    now = datetime.now(UTC)

    def ago(moment: datetime | None) -> str:
        if moment is None:
            return "never"
        secs = int((now - moment).total_seconds())
        return (
            f"{secs}s ago"
            if secs < 120
            else f"{secs // 60}m ago"
            if secs < 7200
            else f"{secs // 3600}h ago"
        )

    def every(st: SourceState | None, configured: timedelta) -> str:
        seconds = st.interval_seconds if st and st.interval_seconds else None
        return _span(timedelta(seconds=seconds) if seconds else configured)

    def due(st: SourceState | None) -> str:
        if st is None or st.next_poll_at is None:
            return "-"
        left = int((st.next_poll_at - now).total_seconds())
        return "now" if left <= 0 else f"in {_span(timedelta(seconds=left))}"

    rows = [("SOURCE", "LAST FETCH", "STATUS", "EVERY", "NEXT", "ERRORS", "LAST ERROR")]
    for s in settings.sources:
        st = states.get(s.id)
        if not s.enabled:
            status = "disabled"
        elif st is None or st.last_fetch_at is None:
            status = "not yet polled"
        elif st.paused:
            status = "paused"
        elif st.consecutive_failures:
            status = f"failing ({st.consecutive_failures}x)"
        else:
            status = "ok"
        rows.append(
            (
                s.id,
                ago(st.last_fetch_at if st else None),
                status,
                every(st, settings.interval(s)),
                due(st),
                str(st.error_count if st else 0),
                # The last column: the whole error, on one line.
                " ".join((st.last_error or "").split())[:500] if st else "",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    for r in rows:
        print("  ".join(r[i].ljust(widths[i]) for i in range(6)) + "  " + r[6])
    return EXIT_OK


async def _workers(settings: Settings, base: Path) -> int:
    from bot.app import Parts

    store = await Parts(settings, base).open_store()
    try:
        if not store.shared:
            print(
                f"newsalert: {store.name} is SQLite: one bot runs on it, and workers share "
                "only a PostgreSQL store",
                file=sys.stderr,
            )
            return EXIT_ERROR
        now = datetime.now(UTC)
        known = await store.workers(now)
    finally:
        await store.close()
    if not known:
        print("(no worker has run on this store in the last hour)", file=sys.stderr)
        return EXIT_OK
    rows = [("WORKER", "HOST", "PID", "STATE", "SOURCES", "SEEN", "STARTED")]
    for worker, sources, alive in known:
        state = ("leader" if worker.leader else "worker") if alive else "gone"
        rows.append(
            (
                worker.id,
                worker.host,
                str(worker.pid),
                state,
                str(sources),
                f"{_span(now - worker.seen_at)} ago",
                f"{_span(now - worker.started_at)} ago",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(r, widths, strict=True)).rstrip())
    return EXIT_OK


def _span(span: timedelta) -> str:
    """A duration as an operator reads it: 45s, 12m, 2h30m."""
    seconds = int(span.total_seconds())
    if seconds < 120:
        return f"{seconds}s"
    if seconds < 7200:
        return f"{seconds // 60}m"
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours}h{minutes:02d}m" if minutes else f"{hours}h"


async def _source_tool(
    action: str, args: argparse.Namespace, settings: Settings, path: Path
) -> int:
    """`newsalert sources add|test|import|export`: the operator's tools for sources."""
    from bot.sources import build_http_client, manage

    try:
        if action == "export":
            opml = manage.to_opml(settings.sources)
            if args.output is None:
                sys.stdout.write(opml)
            else:
                await asyncio.to_thread(args.output.write_text, opml, encoding="utf-8")
                print(f"{len(settings.sources)} sources written to {args.output}")
            return EXIT_OK
        if action == "import":
            body = await asyncio.to_thread(args.file.read_bytes)
            known = {s.url for s in settings.sources}
            taken = [s.id for s in settings.sources]
            added = skipped = 0
            for entry in manage.from_opml(body):
                if entry["url"] in known or entry["id"] in taken:
                    skipped += 1
                    continue
                manage.add_to_config(path, entry, comment=f"Imported from {args.file.name}.")
                taken.append(entry["id"])
                known.add(entry["url"])
                added += 1
            print(f"{added} sources added to {path}, {skipped} already there")
            return EXIT_OK
        async with build_http_client(settings.fetch) as client:
            found = await manage.detect(args.url, client, max_body=settings.fetch.max_body)
            if action == "add":
                return _add_source(found, args, settings, path)
            return await _test_source(found, settings, client, path)
    except manage.SourceProblem as exc:
        print(f"newsalert: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _add_source(found: Found, args: argparse.Namespace, settings: Settings, path: Path) -> int:
    from bot.sources import manage

    title = args.name or found.title
    taken = [s.id for s in settings.sources]
    # A channel is known by its name (synegubov); anything else by its title.
    named = found.url.rstrip("/").rsplit("/", 1)[1] if found.type == "telegram_channel" else title
    entry: dict[str, object] = {
        "id": args.id or manage.source_id_for(named, taken),
        "name": title,
    }
    if found.type == "telegram_channel" and found.url.startswith("https://t.me/s/"):
        entry["telegram_channel"] = found.url.rsplit("/", 1)[1]
    elif found.type == "telegram_channel":  # a preview on another host (a mirror)
        entry |= {"type": "telegram_channel", "url": found.url}
    elif found.type == "page":
        entry["page"] = found.url
    else:
        entry["url"] = found.url
    for key in ("kind", "side", "language"):
        if getattr(args, key):
            entry[key] = getattr(args, key)
    manage.add_to_config(path, entry, comment=f"Added by `newsalert sources add`: {found.how}.")
    print(f"added {entry['id']}: {found.how}, {found.url}")
    return EXIT_OK


async def _test_source(
    found: Found, settings: Settings, client: httpx.AsyncClient, path: Path
) -> int:
    """Fetch once as the bot would and print each article's facts; nothing is stored."""
    from bot.app import Parts
    from bot.config.schema import SourceSettings
    from bot.records import SourceState
    from bot.render.alert import fact_line
    from bot.sources import build_source

    entry = SourceSettings(id="test", type=found.type, url=found.url)
    source = build_source(
        entry,
        client=client,
        base_dir=path.parent,
        max_body=settings.fetch.max_body,
        clock=lambda: datetime.now(UTC),
    )
    result = await source.fetch(SourceState("test"))
    extractor = Parts(settings, path.parent).extractor
    print(f"{found.url}: {found.how}; {len(result.articles)} items")
    for article in result.articles:
        events = extractor.extract(article)
        when = f"{article.published_at:%Y-%m-%d %H:%M}" if article.published_at else "no date"
        print(f"- {article.title} ({when})")
        for event in events:
            print(f"    {fact_line(event)}")
        if not events:
            print("    (no events)")
    return EXIT_OK
