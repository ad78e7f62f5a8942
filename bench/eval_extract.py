"""Score the extractor: UCDP wire headlines, the project's labelled cases, the seed article.

Prints, per field, how many items were fair to score, how many the extractor predicted,
how many it got right, precision, recall and agreement (correct / items both labelled and
predicted). `--json` prints the same figures as one JSON object instead.

## UCDP (real wire headlines, human-coded Ukraine events)

Which rows are fair to score, and why:
- Only rows with exactly one headline in `source_headline`: with several headlines joined by
  ";" we cannot tell which one the coders read for each field.
- Oblast: rows whose `adm_1` is filled. `Kiev Special Republican city` is scored as `Kyiv`;
  spelling variants (`Zaporizhzhya`, `Mykolayiv`, `Odessa`) are mapped to today's names.
  Precision counts rows where we named any oblast; recall counts all fair rows, including
  headlines that name no place at all (those cap recall for any headline-only method).
- Deaths: UCDP codes deaths per event, and often sums a week's reports into one row, so a
  headline's toll and the coded `best` disagree for reasons no extractor can fix. Fair rows
  are those where `low == best == high` (the coders were sure) and the headline states that
  very number, in digits or words ("a" and "an" do not count as one, nor does "one" in
  "one day": "three killed in a day" is not a toll of one). A row agrees when our `killed`
  figure equals `best`.
- Who said it: `source_original` is free text ("Oleg Sinegubov, head of the Kharkiv OVA");
  a row agrees when any attributed name or body shares a word of four letters or more with
  it (transliterations differ: Syniehubov/Sinegubov, so this is a loose check). Fair rows
  are those whose headline contains an attribution cue ("said", " - ", ":" at the end, "according to").
The UCDP file is third-party data in ../shared/corpus; when it is absent that part is skipped.

## Labelled cases (tests/data/extract_cases*.yaml, written by the project)

Each expected event is compared with the extracted event of the same kind that agrees on
the most fields (the one a reader would line it up with). Items, per field:
- kind: each expected event; found when an event of that kind was extracted. Its precision
  is over extracted events: right when their kind is expected in that case, wrong in cases
  with `events: []`, wrong when their kind is listed in `absent:`. Events of kinds a case
  does not label (a case with only `absent:`) are not judged.
- places / admin1: each expected name or region, found among the matched event's places
  (admin1: its regions or its places' regions).
- figures: each expected label; right when value, qualifier (and upper bound) are exact.
- weapon, who (substring of an attribution), date, no_casualties: one item per event.
An item counts as predicted when the matched event has a value for that field. Values on
events judged wrong by kind also count as predicted and wrong, so precision reports the
share of what the extractor said that is right, while agreement only looks at items that
were both labelled and predicted. Cases with `xfail:` are scored like the others (leaving
out what we know we miss would flatter the figures); the count of those that now pass is
printed. `lang` (default en) splits the figures per language. The `agrees` line is the
test suite's own verdict (tests/extract/test_extract_cases.py): every given field at once.

## The seed article (../shared/seeds)

The facts a reader takes from it are written below (SEED_FACTS) in the cases' format, with
who said each where the article says; each is matched and checked like a case event.

The development set's files are `<genre>[_<batch>].<split>.yaml`; `--batch c,d` scores only
those writing batches (`a` is the files with no letter), which is how each new batch gets its
first look before any rule is changed after reading it.

Run from the repo root: `python bench/eval_extract.py [--ucdp PATH] [--limit N] [--json]
[--only part] [--batch letters] [--failing]`.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as `python bench/eval_extract.py` from anywhere
    sys.path.insert(0, str(REPO))

from bot.config.schema import PlacesSettings  # noqa: E402
from bot.extract import Extractor  # noqa: E402
from bot.extract.gazetteer import Gazetteer  # noqa: E402
from bot.extract.numbers import parse_number  # noqa: E402
from bot.extract.places import PlaceMatcher  # noqa: E402
from bot.records import Article, Event, Figure, FigureName  # noqa: E402
from bot.render.summary import summary_line  # noqa: E402

DEFAULT = REPO.parent / "shared" / "corpus" / "ucdp_ukraine.csv"
SEED = REPO.parent / "shared" / "seeds" / "000_5fa3452b8dbc7d06.txt"
CASES_DIR = REPO / "tests" / "data"
FIELDS = (
    "kind",
    "places",
    "admin1",
    "figures",
    "roles",
    "weapon",
    "who",
    "date",
    "no_casualties",
)
DEVSET_DIR = CASES_DIR / "devset"
SPLITS = ("tune", "heldout")

OBLAST_NAMES = {
    "kiev special republican city": "Kyiv",
    "zaporizhzhya oblast": "Zaporizhzhia Oblast",
    "mykolayiv oblast": "Mykolaiv Oblast",
    "odessa oblast": "Odesa Oblast",
}
_NUMBER_WORDS = re.compile(r"\b\d[\d,]*\b|\b[a-z]+(?:-[a-z]+)?\b", re.IGNORECASE)
_SPAN_OF_TIME = re.compile(r"\b(?:a|an|one)\s+(?:day|week|month|year|night)\b", re.IGNORECASE)
_CUE = re.compile(
    r"\bsaid\b|\bsays\b|\baccording to\b|\s[-–—]\s|:\s*$|\breported\b|\bclaims?\b", re.I
)

# The AP story ran on Friday 14 October 2022: "Monday" is the 10th, "Thursday" the 13th and
# "two days ago" the 12th. Names are the gazetteer's, not the article's misspellings.
SEED_PUBLISHED = datetime(2022, 10, 14, 9, 0, tzinfo=UTC)
_KHERSON_TOWNS = ["Kherson", "Nova Kakhovka", "Hola Prystan", "Chornobaivka"]
_REINTEGRATION = "Ministry of Reintegration"
SEED_FACTS: tuple[dict[str, Any], ...] = (
    {
        "fact": "evacuation from four Kherson-region towns to southern Russia and Crimea",
        "kind": "evacuation",
        "places": _KHERSON_TOWNS,
        "admin1": [
            "Kherson Oblast",
            "Rostov Oblast",
            "Krasnodar Krai",
            "Stavropol Krai",
            "Crimea",
        ],
        # Husnurin announced it; Sardo ("Vladimir Sardo said") asked for it.
        "who": ["Husnurin", "Sardo"],
        "date": "2022-10-13",
    },
    {
        "fact": "those towns hit daily by missiles",
        "kind": "strike",
        "weapon": "missile",
        "places": _KHERSON_TOWNS,
        "who": ["Sardo"],
    },
    {
        "fact": "missile strikes on Zaporizhzhia infrastructure overnight, no casualties",
        "kind": "strike",
        "weapon": "missile",
        "places": ["Zaporizhzhia"],
        "admin1": ["Zaporizhzhia Oblast"],
        "who": ["Oleksandr Starukh"],
        "date": "2022-10-14",
        "no_casualties": True,
    },
    {
        # The article states the toll itself, naming no source.
        "fact": "Monday's strike: 19 killed, more than 100 injured, Kyiv among the places hit",
        "kind": "strike",
        "places": ["Kyiv"],
        "figures": {"killed": [19, "exact"], "injured": [100, "more_than"]},
        "date": "2022-10-10",
    },
    {
        # Also unattributed in the article.
        "fact": "Zaporizhzhia nuclear plant back on diesel generator power",
        "kind": "nuclear_safety",
        "places": ["Zaporizhzhia Nuclear Power Plant"],
        "admin1": ["Zaporizhzhia Oblast"],
        "date": "2022-10-12",
    },
    *(
        {
            "fact": f"{count} settlements recaptured in {region}",
            "kind": "territorial_change",
            "admin1": [region],
            "figures": {"settlements": [count, "exact"]},
            "who": [_REINTEGRATION],  # "according to the ministry" names it again
        }
        for region, count in (
            ("Kherson Oblast", 75),
            ("Kharkiv Oblast", 502),
            ("Donetsk Oblast", 43),
            ("Luhansk Oblast", 7),
        )
    ),
)


@dataclass
class Score:
    """Counts for one field; `right` and `correct` differ only where predictions outnumber labels."""

    fair: int = 0  # labelled items
    predicted: int = 0  # values the extractor gave that the labels can judge
    right: int = 0  # predicted values that were right (precision)
    correct: int = 0  # labelled items the extractor got right (recall)
    both: int = 0  # labelled items the extractor gave a value for (agreement)

    def add(self, *, labelled: bool, predicted: bool, correct: bool) -> None:
        self.fair += labelled
        self.predicted += predicted
        self.right += predicted and correct
        self.correct += labelled and correct
        self.both += labelled and predicted

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "fair": self.fair,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": ratio(self.right, self.predicted),
            "recall": ratio(self.correct, self.fair),
            "agreement": ratio(self.correct, self.both),
        }

    def line(self, name: str) -> str:
        f = self.figures()
        return (
            f"{name:<26} fair={f['fair']:<5} predicted={f['predicted']:<5} "
            f"correct={f['correct']:<5} precision={f['precision']:.3f} "
            f"recall={f['recall']:.3f} agreement={f['agreement']:.3f}"
        )


# Ukraine's oblast capitals, as the gazetteer names them.
CAPITALS = frozenset(
    [
        "Cherkasy",
        "Chernihiv",
        "Chernivtsi",
        "Dnipro",
        "Donetsk",
        "Ivano-Frankivsk",
        "Kharkiv",
        "Kherson",
        "Khmelnytskyi",
        "Kropyvnytskyi",
        "Kyiv",
        "Luhansk",
        "Lutsk",
        "Lviv",
        "Mykolaiv",
        "Odesa",
        "Poltava",
        "Rivne",
        "Simferopol",
        "Sumy",
        "Ternopil",
        "Uzhhorod",
        "Vinnytsia",
        "Zaporizhzhia",
        "Zhytomyr",
    ]
)


def load_extractor() -> Extractor:
    gazetteer = Gazetteer.load(PlacesSettings())
    return Extractor(PlaceMatcher(gazetteer), gazetteer)


# --- UCDP ------------------------------------------------------------------------------------


def oblast(adm1: str) -> str | None:
    text = adm1.strip()
    if not text:
        return None
    mapped = OBLAST_NAMES.get(text.lower())
    if mapped:
        return mapped
    return re.sub(r"\s+oblast$", " Oblast", text, flags=re.IGNORECASE)


def published(row: dict[str, str]) -> datetime | None:
    raw = row["date_start"].split(" ")[0]
    for fmt in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, fmt).replace(hour=12, tzinfo=UTC)
        except ValueError:
            continue
    return None


def states_number(headline: str, value: int) -> bool:
    """Whether the headline writes the number; "a"/"an" and "one" before a span of time
    ("in a day", "in one week") are not a toll of one."""
    text = _SPAN_OF_TIME.sub(" ", headline)
    return any(
        parse_number(token) == value
        for token in _NUMBER_WORDS.findall(text)
        if token.lower() not in ("a", "an")
    )


def killed(events: Iterable[Event]) -> int | None:
    values = [f.value for e in events if (f := e.figure(FigureName.KILLED)) is not None]
    return max(values) if values else None


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="cp1252", newline="") as fh:
        return [
            r
            for r in csv.DictReader(fh)
            if r["source_headline"].strip() not in ("", "-") and ";" not in r["source_headline"]
        ]


def score_ucdp_row(extractor: Extractor, r: dict[str, str], scores: dict[str, Score]) -> None:
    headline = r["source_headline"].strip()
    when = published(r)
    events = extractor.extract(
        Article("ucdp", r["id"], None, headline, "", when, when or datetime.now(UTC))
    )
    scores["any event"].add(labelled=True, predicted=bool(events), correct=bool(events))
    truth = oblast(r["adm_1"])
    if truth:
        regions = {reg for e in events for reg in e.regions}
        scores["oblast"].add(labelled=True, predicted=bool(regions), correct=truth in regions)
    best, low, high = (int(float(r[k] or 0)) for k in ("best", "low", "high"))
    if best == low == high and best > 0 and states_number(headline, best):
        got = killed(events)
        scores["killed"].add(labelled=True, predicted=got is not None, correct=got == best)
    source = r["source_original"].strip()
    if source and _CUE.search(headline):
        names = " ".join(a.who for e in events for a in e.attribution)
        words = {w.lower() for w in re.findall(r"\w{4,}", source)}
        hit = any(w.lower() in words for w in re.findall(r"\w{4,}", names))
        scores["who"].add(labelled=True, predicted=bool(names), correct=hit)


def score_ucdp(extractor: Extractor, path: Path, limit: int | None) -> dict[str, Any]:
    data = rows(path)[:limit]
    scores = {name: Score() for name in ("any event", "oblast", "killed", "who")}
    started = time.perf_counter()
    for r in data:
        score_ucdp_row(extractor, r, scores)
    elapsed = time.perf_counter() - started
    return {
        "rows": len(data),
        "seconds": round(elapsed, 2),
        "fields": {k: s.figures() for k, s in scores.items()},
        "_scores": scores,
    }


def print_ucdp(result: dict[str, Any]) -> None:
    n, elapsed = result["rows"], result["seconds"]
    rate = n / elapsed if elapsed else 0.0
    print(f"UCDP single-headline rows: {n} ({elapsed:.1f}s, {rate:.0f} rows/s)")
    for name, score in result["_scores"].items():
        text = score.line(name)
        print(text.replace("correct", "with-event") if name == "any event" else text)


# --- labelled cases and the seed ---------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One labelled item compared with an extracted event."""

    field: str
    item: str
    predicted: bool
    correct: bool
    labelled: bool = True  # False: the case says there must be no value (`injured: null`)


def figure_spec(fig: Figure | None) -> list[Any] | None:
    """A figure in the cases' notation: [value, qualifier] or [value, qualifier, upper]."""
    if fig is None:
        return None
    return [fig.value, fig.qualifier.value] + ([fig.upper] if fig.upper else [])


def regions_of(event: Event) -> set[str]:
    return set(event.regions) | {m.place.admin1 for m in event.places if m.place.admin1}


def checks(event: Event | None, want: Mapping[str, Any]) -> list[Check]:
    """Every labelled item of an expected event against one extracted event (or none)."""
    names = {m.place.name for m in event.places} if event else set()
    regions = regions_of(event) if event else set()
    out = [Check("places", n, bool(names), n in names) for n in want.get("places", [])]
    out += [Check("admin1", r, bool(regions), r in regions) for r in want.get("admin1", [])]
    for name, role in want.get("roles", {}).items():
        roles = {m.role.value for m in event.places if m.place.name == name} if event else set()
        out.append(Check("roles", f"{name}:{role}", bool(roles), role in roles))
    for label, spec in want.get("figures", {}).items():
        got = figure_spec(event.figure(label)) if event else None
        if spec is None:  # a figure that must not be there: only a wrong prediction counts
            out.append(Check("figures", label, got is not None, False, labelled=False))
        else:
            out.append(Check("figures", label, got is not None, got == spec))
    if "weapon" in want:
        weapon = event.weapon.value if event and event.weapon else None
        out.append(Check("weapon", want["weapon"], weapon is not None, weapon == want["weapon"]))
    who = want.get("who", [])
    speakers = [a.who for a in event.attribution] if event else []
    for name in [who] if isinstance(who, str) else who:
        hit = any(name.casefold() in s.casefold() for s in speakers)
        out.append(Check("who", name, bool(speakers), hit))
    if "date" in want:
        day = event.date.isoformat() if event and event.date else None
        out.append(Check("date", want["date"], day is not None, day == want["date"]))
    if want.get("no_casualties"):
        flag = bool(event and event.no_casualties)
        out.append(Check("no_casualties", "yes", flag, flag))
    return out


def values_of(event: Event) -> dict[str, int]:
    """How many values an event states per field: all wrong when the event should not exist."""
    return {
        "places": len({m.place.name for m in event.places}),
        "admin1": len(regions_of(event)),
        "figures": len(event.figures),
        "roles": sum(m.role.value != "location" for m in event.places),
        "weapon": int(event.weapon is not None),
        "who": int(bool(event.attribution)),
        "date": int(event.date is not None),
        "no_casualties": int(event.no_casualties),
    }


def best_match(events: Sequence[Event], want: Mapping[str, Any]) -> Event | None:
    """The extracted event of the expected kind that gets most labelled items right."""
    candidates = [e for e in events if e.kind.value == want["kind"]]
    if not candidates:
        return None
    return max(candidates, key=lambda e: sum(c.correct for c in checks(e, want)))


def load_cases(directory: Path = CASES_DIR) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(directory.glob("extract_cases*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append({**case, "_file": path.name})
    return cases


def case_events(extractor: Extractor, case: Mapping[str, Any]) -> tuple[Event, ...]:
    """The case's events; a case without `published` is an article with no publish time, as
    `newsalert extract` reads a line without one."""
    published = case.get("published")
    when = datetime.fromisoformat(published) if published else None
    fetched = when or datetime.now(UTC)
    return extractor.extract(
        Article("case", case["id"], None, case.get("title", ""), case["text"], when, fetched)
    )


def judged_wrong(event: Event, case: Mapping[str, Any]) -> bool | None:
    """Whether an extracted event is wrong by kind; None when the case does not say."""
    kind = event.kind.value
    if kind in case.get("absent", []):
        return True
    if "events" not in case:
        return None
    return kind not in {w["kind"] for w in case["events"]}


def score_case(
    events: Sequence[Event], case: Mapping[str, Any], scores: Mapping[str, Score]
) -> None:
    wants = case.get("events", [])
    for event in events:
        wrong = judged_wrong(event, case)
        if wrong is None:
            continue
        scores["kind"].predicted += 1
        scores["kind"].right += not wrong
        if wrong:
            for field, count in values_of(event).items():
                scores[field].predicted += count
    for want in wants:
        matched = best_match(events, want)
        scores["kind"].fair += 1
        scores["kind"].correct += matched is not None
        scores["kind"].both += bool(events)
        for c in checks(matched, want):
            scores[c.field].add(labelled=c.labelled, predicted=c.predicted, correct=c.correct)


def case_passes(events: Sequence[Event], case: Mapping[str, Any]) -> tuple[int, bool]:
    """Expected events the tests' `agrees` accepts, and whether the whole case passes."""
    from tests.extract.test_extract_cases import agrees  # the suite's own verdict

    kinds = {e.kind.value for e in events}
    ok = 0
    for want in case.get("events", []):
        ok += any(not agrees(e, want) for e in events if e.kind.value == want["kind"])
    passes = ok == len(case.get("events", [])) and not (kinds & set(case.get("absent", [])))
    if case.get("events") == []:
        passes = passes and not events
    return ok, passes


def score_cases(extractor: Extractor, cases: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    by_lang: dict[str, dict[str, Score]] = defaultdict(lambda: {f: Score() for f in FIELDS})
    overall = {f: Score() for f in FIELDS}
    agreeing = expected = xfail = xpass = 0
    for case in cases:
        events = case_events(extractor, case)
        score_case(events, case, overall)
        score_case(events, case, by_lang[case.get("lang", "en")])
        ok, passes = case_passes(events, case)
        agreeing += ok
        expected += len(case.get("events", []))
        if case.get("xfail"):
            xfail += 1
            xpass += passes
    return {
        "cases": len(cases),
        "files": sorted({c["_file"] for c in cases}),
        "agrees": {"expected_events": expected, "agreeing": agreeing},
        "xfail": {"cases": xfail, "now_passing": xpass},
        "fields": {f: s.figures() for f, s in overall.items()},
        "by_lang": {lang: {f: s.figures() for f, s in sc.items()} for lang, sc in by_lang.items()},
        "_scores": overall,
        "_by_lang": dict(by_lang),
    }


def print_cases(result: dict[str, Any]) -> None:
    print(f"labelled cases: {result['cases']} from {', '.join(result['files'])}")
    for field, score in result["_scores"].items():
        print(score.line(f"cases.{field}"))
    for lang, scores in sorted(result["_by_lang"].items()):
        n = scores["kind"].fair
        print(f"cases in {lang}: {n} expected events")
        for field, score in scores.items():
            if score.fair or score.predicted:
                print(score.line(f"cases[{lang}].{field}"))
    agrees = result["agrees"]
    print(
        f"cases.agrees: {agrees['agreeing']}/{agrees['expected_events']} expected events agree "
        "on every given field (tests/extract/test_extract_cases.py's verdict)"
    )
    xf = result["xfail"]
    print(f"cases.xfail: {xf['cases']} cases marked xfail, {xf['now_passing']} now pass")


# --- the development set -----------------------------------------------------------------------


def batch_of(filename: str) -> str:
    """The writing batch of a devset file: `wire_b.tune.yaml` is b, `wire_za.tune.yaml` za,
    `wire.tune.yaml` a (the batches after z have two letters; no genre's last word has one
    or two)."""
    stem = filename.split(".")[0]
    genre, _, letter = stem.rpartition("_")
    return letter if genre and len(letter) <= 2 else "a"


def load_devset(
    split: str, directory: Path = DEVSET_DIR, batches: Iterable[str] | None = None
) -> list[dict[str, Any]]:
    """Items of one split of tests/data/devset (`<genre>[_<batch>].<split>.yaml`)."""
    wanted = set(batches) if batches is not None else None
    items: list[dict[str, Any]] = []
    for path in sorted(directory.glob(f"*.{split}.yaml")):
        if wanted is not None and batch_of(path.name) not in wanted:
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            items.append({**item, "_file": path.name})
    return items


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def score_devset(extractor: Extractor, items: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The case scores, per genre and language, plus the measures the held-out goals name."""
    overall = {f: Score() for f in FIELDS}
    by_genre: dict[str, dict[str, Score]] = defaultdict(lambda: {f: Score() for f in FIELDS})
    by_lang: dict[str, dict[str, Score]] = defaultdict(lambda: {f: Score() for f in FIELDS})
    tags: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # tag: [items passing, items]
    killed = [0, 0]  # exact killed figures right, labelled
    corridor = [0, 0]  # corridor items with an expected evacuation read as one
    ends = {"origin": [0, 0], "destination": [0, 0]}
    capital = [0, 0]  # "Town, Region" items whose events carry the region's capital
    failing: list[str] = []
    for item in items:
        events = case_events(extractor, item)
        genre, lang = item.get("genre", "other"), item.get("lang", "en")
        for scores in (overall, by_genre[genre], by_lang[lang]):
            score_case(events, item, scores)
        _, passes = case_passes(events, item)
        if not passes:
            failing.append(item["id"])
        for tag in map(str, item.get("tags", [])):  # (a writer's unquoted year is an int)
            tags[tag][0] += passes
            tags[tag][1] += 1
        kinds = {e.kind.value for e in events}
        for want in item.get("events", []):
            matched = best_match(events, want)
            if (spec := want.get("figures", {}).get("killed")) is not None:
                got = figure_spec(matched.figure(FigureName.KILLED)) if matched else None
                killed[0] += got == spec
                killed[1] += 1
            for name, role in want.get("roles", {}).items():
                if role in ends:
                    places = matched.places if matched else ()
                    roles = {m.role.value for m in places if m.place.name == name}
                    ends[role][0] += role in roles
                    ends[role][1] += 1
            if genre == "corridor" and want["kind"] == "evacuation":
                corridor[0] += "evacuation" in kinds
                corridor[1] += 1
        # "X, Donetsk": items whose labels forbid an oblast's capital (not other towns).
        banned = {n for w in item.get("events", []) for n in w.get("not_places", [])}
        if "town_region" in item.get("tags", []) and banned & CAPITALS:
            named = {m.place.name for e in events for m in e.places}
            capital[0] += bool(banned & CAPITALS & named)
            capital[1] += 1
    posts = by_genre.get("official_post")
    goals = {
        "kind_recall": overall["kind"].figures()["recall"],
        "kind_precision": overall["kind"].figures()["precision"],
        "oblast_right": overall["admin1"].figures()["recall"],
        "place_found": overall["places"].figures()["recall"],
        "killed_exact": _ratio(*killed),
        "corridor_as_evacuation": _ratio(*corridor),
        "origin_found": _ratio(*ends["origin"]),
        "destination_found": _ratio(*ends["destination"]),
        "town_region_put_in_capital": _ratio(*capital),
    }
    if posts is not None:
        goals |= {
            f"posts_{f}": posts[field].figures()["recall"]
            for f, field in (("kind", "kind"), ("oblast", "admin1"), ("place", "places"))
        }
    return {
        "items": len(items),
        "files": sorted({i["_file"] for i in items}),
        "passing": len(items) - len(failing),
        "goals": goals,
        "fields": {f: s.figures() for f, s in overall.items()},
        "by_genre": {g: {f: s.figures() for f, s in sc.items()} for g, sc in by_genre.items()},
        "by_lang": {g: {f: s.figures() for f, s in sc.items()} for g, sc in by_lang.items()},
        "tags": {t: {"passing": p, "items": n} for t, (p, n) in sorted(tags.items())},
        "_scores": overall,
        "_failing": failing,
    }


def print_devset(split: str, result: dict[str, Any], *, show_failing: bool) -> None:
    name = f"devset.{split}"
    print(
        f"{name}: {result['items']} items from {', '.join(result['files'])}; "
        f"{result['passing']} pass whole"
    )
    for goal, value in result["goals"].items():
        print(f"{name}.goal {goal:<28} {'-' if value is None else f'{value:.3f}'}")
    for field, score in result["_scores"].items():
        print(score.line(f"{name}.{field}"))
    for genre, fields in sorted(result["by_genre"].items()):
        parts = " ".join(
            f"{f}={fields[f]['recall']:.2f}/{fields[f]['precision']:.2f}"
            for f in ("kind", "admin1", "places", "figures")
        )
        print(f"{name}[{genre}] recall/precision {parts}")
    tags = " ".join(f"{t}={v['passing']}/{v['items']}" for t, v in result["tags"].items())
    print(f"{name}.tags (items passing whole) {tags}")
    if show_failing:
        print(f"{name}.failing {' '.join(result['_failing'])}")


def score_seed(extractor: Extractor, path: Path) -> dict[str, Any]:
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    article = Article(
        "seed", "seed", None, title.strip(), body.strip(), SEED_PUBLISHED, SEED_PUBLISHED
    )
    events = extractor.extract(article)
    facts = []
    matched_ids: set[int] = set()
    for want in SEED_FACTS:
        matched = best_match(events, want)
        matched_ids.add(id(matched))
        found = checks(matched, want)
        facts.append(
            {
                "fact": want["fact"],
                "kind_found": matched is not None,
                "checks": len(found),
                "passed": sum(c.correct for c in found),
                "missing": [f"{c.field} {c.item}" for c in found if not c.correct],
            }
        )
    extra = [f"{e.kind.value}: {summary_line(e)}" for e in events if id(e) not in matched_ids]
    return {"events": len(events), "facts": facts, "unmatched_events": extra}


def print_seed(result: dict[str, Any]) -> None:
    facts = result["facts"]
    whole = sum(f["kind_found"] and f["passed"] == f["checks"] for f in facts)
    passed, total = sum(f["passed"] for f in facts), sum(f["checks"] for f in facts)
    print(f"seed article: {result['events']} events extracted")
    for f in facts:
        verdict = (
            "found  "
            if f["kind_found"] and not f["missing"]
            else "partial"
            if f["kind_found"]
            else "MISSING"
        )
        missing = f"  (missing: {'; '.join(f['missing'])})" if f["missing"] else ""
        print(f"seed {verdict} {f['passed']}/{f['checks']} {f['fact']}{missing}")
    for summary in result["unmatched_events"]:
        print(f"seed extra   {summary}")
    print(
        f"seed.facts: {whole}/{len(facts)} fully found, {passed}/{total} checks pass, "
        f"{len(result['unmatched_events'])} extracted events match no listed fact"
    )


# --- entry point -------------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", nargs="?", type=Path, help="UCDP CSV (same as --ucdp)")
    parser.add_argument("--ucdp", type=Path, help=f"UCDP CSV (default {DEFAULT})")
    parser.add_argument("--limit", type=int, help="score only the first N UCDP rows")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--failing",
        action="store_true",
        help="list the ids of tuning items that do not pass (never the held-out ones)",
    )
    parser.add_argument(
        "--only", choices=("ucdp", "cases", "devset", "seed"), help="score one part only"
    )
    parser.add_argument(
        "--batch",
        help="score only these devset writing batches, e.g. `c,d` (a: files with no letter)",
    )
    return parser.parse_args(argv)


def public(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if not k.startswith("_")}


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv[1:])
    ucdp_path: Path = args.ucdp or args.path or DEFAULT
    extractor = load_extractor()
    report: dict[str, Any] = {}
    wanted = {args.only} if args.only else {"ucdp", "cases", "devset", "seed"}
    if "ucdp" in wanted:
        if ucdp_path.exists():
            report["ucdp"] = score_ucdp(extractor, ucdp_path, args.limit)
        else:
            report["ucdp"] = {"skipped": f"no UCDP file at {ucdp_path}"}
    if "cases" in wanted:
        report["cases"] = score_cases(extractor, load_cases())
    if "devset" in wanted:
        batches = args.batch.split(",") if args.batch else None
        for split in SPLITS:
            report[f"devset.{split}"] = score_devset(
                extractor, load_devset(split, batches=batches)
            )
    if "seed" in wanted:
        if SEED.exists():
            report["seed"] = score_seed(extractor, SEED)
        else:
            report["seed"] = {"skipped": f"no seed article at {SEED}"}
    if args.json:
        print(json.dumps({k: public(v) for k, v in report.items()}, indent=2))
        return 0
    printers: dict[str, Any] = {
        "ucdp": print_ucdp,
        "cases": print_cases,
        "devset.tune": lambda r: print_devset("tune", r, show_failing=args.failing),
        # The held-out part is reported, never listed item by item: rules are not tuned on it.
        "devset.heldout": lambda r: print_devset("heldout", r, show_failing=False),
        "seed": print_seed,
    }
    for part, result in report.items():
        if "skipped" in result:
            print(f"{part}: skipped, {result['skipped']}")
        else:
            printers[part](result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
