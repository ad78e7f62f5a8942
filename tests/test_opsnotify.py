"""The operations channel (issue 11): persistent source failures and recoveries, chats gone,
alerts given up on, start and stop reach the operators' chats, each topic rate-limited."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import App
from bot.config.schema import ConsoleSettings, OpsSettings, SourceSettings
from bot.opsnotify import OpsNotifier
from bot.records import ChatRef, Document, Severity
from tests.test_app import DEMO, demo_settings


class Chats:
    name = "telegram"

    def __init__(self) -> None:
        self.said: list[tuple[ChatRef, str]] = []

    async def send(
        self,
        chat: ChatRef,
        document: Document,
        *,
        severity: Severity,
        reply_to: str | None = None,
    ) -> tuple[str, ...]:
        self.said.append((chat, document.plain_text()))
        return ("1",)


async def test_each_topic_speaks_once_per_window_and_a_recovery_is_always_told() -> None:
    now = [datetime(2026, 3, 10, 12, tzinfo=UTC)]
    chats = Chats()
    ops = ChatRef("telegram", "-100999")
    notifier = OpsNotifier(
        chats=[ops],
        platforms={"telegram": chats},  # type: ignore[dict-item]
        clock=lambda: now[0],
        every=timedelta(hours=1),
        failures=3,
    )
    for n in range(1, 6):
        await notifier.source_failed("wire", n, "HTTP 500")
    assert [t for _, t in chats.said] == [
        "newsalert ops: source wire has failed 3 times in a row: HTTP 500"
    ]
    now[0] += timedelta(minutes=61)
    await notifier.source_failed("wire", 9, "HTTP 500")
    await notifier.source_ok("wire")
    await notifier.source_ok("wire")  # told once
    await notifier.source_ok("kyiv")  # never reported failing: nothing to say
    assert [t for _, t in chats.said][1:] == [
        "newsalert ops: source wire has failed 9 times in a row: HTTP 500",
        "newsalert ops: source wire works again",
    ]
    assert {c for c, _ in chats.said} == {ops}


async def test_a_failing_source_and_the_bots_start_and_stop_reach_the_ops_chat(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"\x00\x01 not a feed")
    settings = demo_settings(tmp_path).model_copy(
        update={
            "sources": (SourceSettings(id="broken", url=str(broken)),),
            "ops": OpsSettings(notify=("console:terminal",), notify_after=2),
            "console": ConsoleSettings(subscriptions=("nuclear",), color=False),
        }
    )
    out = io.StringIO()
    app = await App.open(settings, base_dir=DEMO.parent, stream=out)
    try:
        for _ in range(3):
            await app.poll("broken")
        broken.write_bytes((DEMO.parent / "demo" / "wire.xml").read_bytes())
        await app.poll("broken")
        stop = asyncio.Event()
        running = asyncio.create_task(app.run_forever(stop))
        await asyncio.sleep(0.2)
        stop.set()
        await running
    finally:
        await app.close()
    said = [line for line in out.getvalue().splitlines() if "newsalert ops:" in line]
    assert said[0].startswith("newsalert ops: source broken has failed 2 times in a row:")
    assert said[1] == "newsalert ops: source broken works again"
    assert said[2].startswith("newsalert ops: started: 1 sources")
    assert said[-1] == "newsalert ops: stopped"
    assert len(said) == 4  # the third failure fell in the same hour: not told again


async def test_a_store_refusing_work_and_its_recovery_reach_the_ops_chat(
    tmp_path: Path,
) -> None:
    """A full disk (sends not recorded) and an outage (the outbox unreadable) are each told
    once, and so is each recovery; alerts are neither lost nor sent twice."""
    from bot.errors import StoreError

    settings = demo_settings(tmp_path).model_copy(
        update={
            "ops": OpsSettings(notify=("console:terminal",)),
            "console": ConsoleSettings(subscriptions=("",), color=False),
        }
    )
    out = io.StringIO()
    app = await App.open(settings, base_dir=DEMO.parent, stream=out)
    faults = {"mark_sent": 2, "pending": 0}
    for name in faults:
        real = getattr(app.store, name)

        def failing(name: str = name, real: object = real) -> object:
            async def call(*args: object, **kwargs: object) -> object:
                if faults[name] > 0:
                    faults[name] -= 1
                    raise StoreError(f"store sqlite: {name}: database or disk is full")
                return await real(*args, **kwargs)  # type: ignore[operator]

            return call

        setattr(app.store, name, failing())
    try:
        reports, _ = await app.run_once()
        assert not [r for r in reports if r.error]
        stop = asyncio.Event()
        running = asyncio.create_task(app.run_forever(stop))
        # The deliver job runs every 5 s: the second refusal, then the send recorded. The
        # waits end as soon as the line comes; their length only spares a slow machine.
        for _ in range(400):
            await asyncio.sleep(0.1)
            if "works again (recording sends)" in out.getvalue():
                break
        faults["pending"] = 3
        for _ in range(600):  # three refusals, then one ok
            await asyncio.sleep(0.1)
            if "works again (deliveries)" in out.getvalue():
                break
        stop.set()
        await running
        pending, _ = await app.store.backlog()
    finally:
        await app.close()
    said = [line for line in out.getvalue().splitlines() if "newsalert ops:" in line]
    store_lines = [line for line in said if "store" in line]
    assert store_lines == [
        "newsalert ops: the store is failing (recording sends): "
        "store sqlite: mark_sent: database or disk is full",
        "newsalert ops: the store works again (recording sends)",
        "newsalert ops: the store is failing (deliveries): "
        "store sqlite: pending: database or disk is full",
        "newsalert ops: the store works again (deliveries)",
    ]
    assert pending == 0
    # Each story alerted once (an article can start two stories: a strike and the air
    # defence around it), the one whose send was not recorded included.
    stories = [line for line in out.getvalue().splitlines() if "• Story #" in line]
    assert len(stories) >= 10
    assert len(stories) == len(set(stories))


async def test_recovery_is_told_only_once_the_store_has_answered_again(tmp_path: Path) -> None:
    """A job that touched nothing (a 304 poll: source states are written behind) says
    nothing of the store; telling "works again" then would flap through an outage."""
    from bot.errors import StoreError

    settings = demo_settings(tmp_path).model_copy(
        update={"ops": OpsSettings(notify=("console:terminal",))}
    )
    out = io.StringIO()
    app = await App.open(settings, base_dir=DEMO.parent, stream=out)

    async def refused() -> None:
        raise StoreError("store sqlite: saving source states failed: disk I/O error")

    async def untouched() -> None:
        return None

    async def answering() -> None:
        await app.store.ping()

    try:
        await app._job(refused, "polls")
        await app._job(untouched, "polls")
        quiet = [line for line in out.getvalue().splitlines() if "works again" in line]
        await app._job(answering, "polls")
    finally:
        await app.close()
    assert quiet == []
    said = [line for line in out.getvalue().splitlines() if "store" in line]
    assert said == [
        "newsalert ops: the store is failing (polls): "
        "store sqlite: saving source states failed: disk I/O error",
        "newsalert ops: the store works again (polls)",
    ]
