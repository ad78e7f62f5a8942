"""Score the extractor against UCDP's human-coded Ukraine events (real wire headlines).

Prints, per field, how many rows were fair to score, precision, recall and agreement.

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
  very number, in digits or words. A row agrees when our `killed` figure equals `best`.
- Who said it: `source_original` is free text ("Oleg Sinegubov, head of the Kharkiv OVA");
  a row agrees when any attributed name or body shares a word of four letters or more with
  it (transliterations differ: Syniehubov/Sinegubov, so this is a loose check). Fair rows
  are those whose headline contains an attribution cue ("said", " - ", ":" at the end, "according to").

Run: `python bench/eval_extract.py [path/to/ucdp_ukraine.csv]` (default ../shared/corpus).
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.config.schema import PlacesSettings
from bot.extract import Extractor
from bot.extract.gazetteer import Gazetteer
from bot.extract.numbers import parse_number
from bot.extract.places import PlaceMatcher
from bot.records import Article, Event

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ucdp_ukraine.csv"
OBLAST_NAMES = {
    "kiev special republican city": "Kyiv",
    "zaporizhzhya oblast": "Zaporizhzhia Oblast",
    "mykolayiv oblast": "Mykolaiv Oblast",
    "odessa oblast": "Odesa Oblast",
}
_NUMBER_WORDS = re.compile(r"\b\d[\d,]*\b|\b[a-z]+(?:-[a-z]+)?\b", re.IGNORECASE)
_CUE = re.compile(
    r"\bsaid\b|\bsays\b|\baccording to\b|\s[-–—]\s|:\s*$|\breported\b|\bclaims?\b", re.I
)


@dataclass
class Score:
    fair: int = 0
    predicted: int = 0
    correct: int = 0

    def line(self, name: str) -> str:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.correct / self.fair if self.fair else 0.0
        return (
            f"{name:<10} fair={self.fair:<5} predicted={self.predicted:<5} correct={self.correct:<5} "
            f"precision={precision:.3f} recall={recall:.3f}"
        )


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
    return any(parse_number(token) == value for token in _NUMBER_WORDS.findall(headline))


def killed(events: Iterable[Event]) -> int | None:
    values = [f.value for e in events if (f := e.figure("killed")) is not None]
    return max(values) if values else None


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="cp1252", newline="") as fh:
        return [
            r
            for r in csv.DictReader(fh)
            if r["source_headline"].strip() not in ("", "-") and ";" not in r["source_headline"]
        ]


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.exists():
        print(f"no UCDP file at {path}", file=sys.stderr)
        return 1
    gazetteer = Gazetteer.load(PlacesSettings())
    extractor = Extractor(PlaceMatcher(gazetteer), gazetteer)
    data = rows(path)
    place, deaths, who, any_event = Score(), Score(), Score(), Score()
    started = time.perf_counter()
    for r in data:
        headline = r["source_headline"].strip()
        when = published(r)
        events = extractor.extract(
            Article("ucdp", r["id"], None, headline, "", when, when or datetime.now(UTC))
        )
        any_event.fair += 1
        any_event.predicted += bool(events)
        any_event.correct += bool(events)
        truth = oblast(r["adm_1"])
        if truth:
            place.fair += 1
            regions = {reg for e in events for reg in e.regions}
            if regions:
                place.predicted += 1
                place.correct += truth in regions
        best, low, high = (int(float(r[k] or 0)) for k in ("best", "low", "high"))
        if best == low == high and best > 0 and states_number(headline, best):
            deaths.fair += 1
            got = killed(events)
            if got is not None:
                deaths.predicted += 1
                deaths.correct += got == best
        source = r["source_original"].strip()
        if source and _CUE.search(headline):
            who.fair += 1
            names = " ".join(a.who for e in events for a in e.attribution)
            if names:
                who.predicted += 1
                words = {w.lower() for w in re.findall(r"\w{4,}", source)}
                who.correct += any(w.lower() in words for w in re.findall(r"\w{4,}", names))
    elapsed = time.perf_counter() - started
    print(
        f"UCDP single-headline rows: {len(data)} ({elapsed:.1f}s, {len(data) / elapsed:.0f} rows/s)"
    )
    print(any_event.line("any event").replace("correct", "with-event"))
    print(place.line("oblast"))
    print(deaths.line("killed"))
    print(who.line("who"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
