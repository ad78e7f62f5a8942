"""Table-driven extraction: tests/data/extract_cases*.yaml, one case per labelled article.

extract_cases.yaml is English; extract_cases_uk_ru.yaml holds Ukrainian and Russian articles
that must yield the same (English) events. A case with `xfail: reason` names a known gap and
must fail (strict), so a fix shows up at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import yaml

from bot.extract import Extractor
from bot.records import Article, Event
from bot.render.summary import summary_line
from tests.paths import DATA

CASES: list[dict[str, Any]] = [
    case
    for name in ("extract_cases.yaml", "extract_cases_uk_ru.yaml")
    for case in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
]


def case_param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
    return pytest.param(case, id=case["id"], marks=marks)


def agrees(event: Event, want: dict[str, Any]) -> list[str]:
    """What differs between an extracted event and an expected one (empty: it matches)."""
    problems = []
    names = {m.place.name for m in event.places}
    for name in want.get("places", []):
        if name not in names:
            problems.append(f"place {name} not in {sorted(names)}")
    for name in want.get("not_places", []):
        if name in names:
            problems.append(f"place {name} should not be in {sorted(names)}")
    for label in want.get("not_figures", []):
        if event.figure(label) is not None:
            problems.append(f"figure {label} should not be there")
    for region in want.get("admin1", []):
        if region not in event.regions and region not in {m.place.admin1 for m in event.places}:
            problems.append(f"region {region} not in {event.regions}")
    for name, role in want.get("roles", {}).items():
        roles = {m.role.value for m in event.places if m.place.name == name}
        if role not in roles:
            problems.append(f"{name} role {roles} != {role}")
    for label, spec in want.get("figures", {}).items():
        fig = event.figure(label)
        got = (
            None
            if fig is None
            else [fig.value, fig.qualifier.value] + ([fig.upper] if fig.upper else [])
        )
        if got != spec:
            problems.append(f"{label} {got} != {spec}")
    if "weapon" in want and (event.weapon.value if event.weapon else None) != want["weapon"]:
        problems.append(f"weapon {event.weapon} != {want['weapon']}")
    # (a name or body as written or as normalised: "air force" is the "Air Force")
    if "who" in want and not any(
        want["who"].casefold() in a.who.casefold() for a in event.attribution
    ):
        problems.append(f"who {[a.who for a in event.attribution]} lacks {want['who']}")
    if "date" in want and (event.date.isoformat() if event.date else None) != want["date"]:
        problems.append(f"date {event.date} != {want['date']}")
    if want.get("no_casualties") and not event.no_casualties:
        problems.append("no_casualties not set")
    folded = {k.value for k in event.also}
    for kind in want.get("also", []):
        if kind not in folded:
            problems.append(f"also {sorted(folded)} lacks {kind}")
    return problems


def check_case(extractor: Extractor, case: dict[str, Any]) -> None:
    """Every expected event of a case is among the extracted ones; no absent kind is."""
    published = datetime.fromisoformat(case["published"])
    article = Article("case", case["id"], None, case["title"], case["text"], published, published)
    events = extractor.extract(article)
    if case.get("events") == []:
        assert events == (), [summary_line(e) for e in events]
    for want in case.get("events", []):
        candidates = [e for e in events if e.kind.value == want["kind"]]
        reports = [agrees(e, want) for e in candidates]
        assert any(not r for r in reports), (
            want["kind"],
            reports or [[summary_line(e)] for e in events],
        )
    kinds = {e.kind.value for e in events}
    for kind in case.get("absent", []):
        assert kind not in kinds, [summary_line(e) for e in events]
    named = {m.place.name for e in events for m in e.places}
    for name in case.get("nowhere", []):
        assert name not in named, [summary_line(e) for e in events]


@pytest.mark.parametrize("case", [case_param(c) for c in CASES])
def test_case(extractor: Extractor, case: dict[str, Any]) -> None:
    check_case(extractor, case)
