"""The demo end to end: bundled feeds → facts → console alerts; a second run prints nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.app import App
from bot.config import Settings, load_settings
from bot.config.schema import ConsoleSettings, StoreSettings
from tests.paths import REPO

DEMO = REPO / "config" / "demo.yaml"


def demo_settings(tmp_path: Path, **console: object) -> Settings:
    settings = load_settings(DEMO)
    update: dict[str, object] = {
        "store": StoreSettings(url=f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}")
    }
    if console:
        update["console"] = ConsoleSettings(**console)
    return settings.model_copy(update=update)


async def run_once(settings: Settings) -> str:
    out = io.StringIO()
    app = await App.open(settings, base_dir=DEMO.parent, stream=out)
    try:
        reports, _ = await app.run_once()
        assert not [r for r in reports if r.error]
    finally:
        await app.close()
    return out.getvalue()


async def test_demo_prints_each_kind_once_and_nothing_for_unrelated_news(tmp_path: Path) -> None:
    first = await run_once(demo_settings(tmp_path))
    headings = [
        line
        for line in first.splitlines()
        if " · " in line and line.split(" · ")[0] in ("FLASH", "URGENT", "ROUTINE")
    ]
    text = first
    assert "Nuclear safety" in text
    assert "diesel" in text
    assert "Evacuation" in text
    assert "Druzhkivka" in text
    # The Dnipro strike and its toll update arrive in one poll: one story, one card, with
    # the toll as it stands (the waiting card took the newer facts).
    assert "Missile strike on Dnipro (Dnipropetrovsk Oblast): 6 killed, 27 injured" in text, text
    assert text.count("Missile strike on Dnipro") == 1
    assert "4 killed" not in text
    assert "47,000" in text  # the outage
    assert "Territorial change" in text
    # "Novoandriivka ..., west of Orikhiv": Orikhiv only says where the village is.
    assert "Territory recaptured in Novoandriivka (Zaporizhzhia Oblast)" in text
    assert "Orikhiv" not in text
    assert "38 intercepted" in text or "38 shot down" in text
    assert "Oleh Syniehubov" in text  # the Ukrainian-language item, romanised
    for unrelated in ("hryvnia", "Gdansk", "book fair", "film festival", "Shakhtar", "price war"):
        assert unrelated.lower() not in text.lower(), unrelated
    assert len(headings) >= 10
    second = await run_once(demo_settings(tmp_path))
    assert second == ""


async def test_console_subscription_filters_what_prints(tmp_path: Path) -> None:
    out = await run_once(demo_settings(tmp_path, subscriptions=("nuclear",), color=False))
    assert "Nuclear safety" in out
    assert "Evacuation" not in out
    assert "\x1b[" not in out


async def test_bad_console_subscription_is_a_config_error(tmp_path: Path) -> None:
    from bot.errors import ConfigError

    with pytest.raises(ConfigError, match=r"console.subscriptions\[0\]"):
        await run_once(demo_settings(tmp_path, subscriptions=("earthquakes in:atlantis",)))
