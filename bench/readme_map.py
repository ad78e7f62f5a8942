"""The README's map: `/sitrep Сумщина 48h`, asked in Ukrainian, over writer sh's first stories
episode (Sumy, Chernihiv and Poltava regions; realistic text written for testing), each
article extracted and told into stories by the real pipeline on a throwaway SQLite store.

Run: `.venv/bin/python bench/readme_map.py [--out docs/sitrep-map-uk.png]`
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from eval_stories import load_stream  # noqa: E402

from bot.app import Parts  # noqa: E402
from bot.commands import CommandContext, dispatch  # noqa: E402
from bot.config.loader import load_settings  # noqa: E402
from bot.records import Article, ChatRef, CommandRequest, Reply  # noqa: E402
from bot.store.sql import open_store  # noqa: E402
from bot.stories import StoryBook  # noqa: E402

EPISODE = REPO / "tests" / "data" / "stories" / "sh_1.tune.yaml"


async def sitrep(line: str) -> Reply:
    parts = Parts(load_settings(REPO / "config" / "newsalert.yaml"), REPO)
    extractor = parts.extractor
    folder = Path(tempfile.mkdtemp())
    store = await open_store(f"sqlite+aiosqlite:///{folder / 'map.db'}", base_dir=folder)
    book = StoryBook(store)
    last: datetime | None = None
    for item in load_stream(EPISODE):
        published = item["published"]
        if not isinstance(published, datetime):
            published = datetime.fromisoformat(str(published))
        url = item.get("url") or f"https://example.invalid/{item['id']}"
        article = Article(
            item["source"], item.get("id"), url, item["title"], item.get("text", ""),
            published, published,
        )  # fmt: skip
        for stored in await store.record_articles([article]):
            events = extractor.extract(stored.article)
            await store.record_events(stored.id, events)
            await book.assign(stored.article, events, article_id=stored.id)
        last = published if last is None or published > last else last
    assert last is not None
    moment = last + timedelta(hours=1)
    ctx = CommandContext(
        store=store,
        places=parts.resolver,
        severity=parts.settings.severity,
        sources={},
        clock=lambda: moment,
        platform="telegram",
        within=parts.within,
        place_names=parts.place_names,
    )
    name, _, rest = line.partition(" ")
    reply = await dispatch(
        CommandRequest(ChatRef("telegram", "1"), "u", name, rest, language="uk"), ctx
    )
    await store.close()
    return reply


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "sitrep-map-uk.png")
    parser.add_argument("--sitrep", default="sitrep Сумщина 48h")
    args = parser.parse_args(argv)
    reply = asyncio.run(sitrep(args.sitrep))
    print(reply.document.plain_text())
    if reply.picture is None:
        print("no map", file=sys.stderr)
        return 1
    args.out.write_bytes(reply.picture.png)
    size = len(reply.picture.png) / 1024
    print(f"\n{reply.picture.alt_text}\nwritten: {args.out} ({size:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
