"""A story begun by a report whose only place was a guess among namesakes ("Покровське", one
of a dozen) lies there once a later report of the same morning names the place's hromada for
sure: one story, not two. Through `newsalert stories`, the real extractor."""

from __future__ import annotations

import pytest

from bot.extract import Extractor
from tests.stories.scenario import channel_posts, run_stories

REPORTS = {
    "uk": (
        "Покровське. Близько 09:15 ворог скинув на селище дві керовані авіабомби. Зруйновано два "
        "приватні будинки. На жаль, є загиблі та поранені.",
        "Синельниківщина. Росіяни атакували КАБами Покровську громаду. Двоє людей загинули, ще "
        "п'ятеро поранені.",
    ),
    "ru": (
        "Покровское. Около 09:15 враг сбросил на поселок две управляемые авиабомбы. Разрушены два "
        "частных дома. К сожалению, есть погибшие и раненые.",
        "Синельниковский район. Россияне атаковали КАБами Покровскую громаду. Два человека "
        "погибли, еще пятеро ранены.",
    ),
    "en": (
        "Pokrovske. At about 09:15 the enemy dropped two guided aerial bombs on the settlement. "
        "Two private houses were destroyed. Sadly, there are dead and wounded.",
        "Synelnykove district: Russian forces hit Pokrovske hromada with guided bombs. Two people "
        "were killed and five injured.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
async def test_a_guessed_village_is_confirmed_by_its_hromada_told_later(
    extractor: Extractor, lang: str
) -> None:
    times = ("2025-08-12T09:34:00+03:00", "2025-08-12T10:18:00+03:00")
    out = await run_stories(extractor, channel_posts(REPORTS[lang], times))
    first = [p for e in out[0]["events"] for p in e["places"]]
    assert first
    assert all(p["confidence"] < 0.5 for p in first), first  # a guess
    assert out[0]["status"] == "new"
    assert out[1]["story"] == out[0]["story"], out
    assert out[1]["status"] == "update"  # the toll first told
