"""The measurement scripts still run and print what their readers look for (no timing checks)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from tests.paths import CORPUS, REPO, need

FIELDS = ("kind", "places", "admin1", "figures", "weapon", "who", "date")


def run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def figures(out: str, name: str) -> dict[str, float]:
    line = next((x for x in out.splitlines() if x.split(" ", 1)[0] == name), None)
    assert line is not None, f"no {name} line in:\n{out}"
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}


def test_eval_extract_scores_cases_seed_and_a_ucdp_slice() -> None:
    out = run("bench/eval_extract.py", "--limit", "30")
    for field in FIELDS:
        score = figures(out, f"cases.{field}")
        assert score["fair"] > 0, field
        assert 0.0 <= score["precision"] <= 1.0
        assert score["correct"] <= score["fair"]
    assert figures(out, "cases[en].kind")["fair"] > 0
    assert "cases.agrees:" in out
    if (CORPUS / "ucdp_ukraine.csv").exists():
        assert "UCDP single-headline rows: 30 " in out
        assert figures(out, "oblast")["fair"] <= 30
    else:
        assert "ucdp: skipped" in out
    assert re.search(r"^seed\.facts: \d+/\d+ fully found", out, re.M) or "seed: skipped" in out


def test_eval_extract_json_has_the_same_figures() -> None:
    report = json.loads(run("bench/eval_extract.py", "--limit", "5", "--json"))
    kind = report["cases"]["fields"]["kind"]
    assert set(kind) == {"fair", "predicted", "correct", "precision", "recall", "agreement"}
    assert report["cases"]["by_lang"]["en"]["kind"]["fair"] > 0
    assert "rows" in report["ucdp"] or "skipped" in report["ucdp"]


def test_eval_extract_scores_one_writing_batch_apart() -> None:
    report = json.loads(run("bench/eval_extract.py", "--only", "devset", "--batch", "h", "--json"))
    for split in ("tune", "heldout"):
        part = report[f"devset.{split}"]
        assert part["files"] == [f"analyst_note_h.{split}.yaml"]
        assert 0 < part["passing"] <= part["items"]
    whole = json.loads(
        run("bench/eval_extract.py", "--only", "devset", "--batch", "a,h", "--json")
    )
    assert whole["devset.heldout"]["items"] > report["devset.heldout"]["items"]
    assert any("_" not in f.split(".")[0] for f in whole["devset.heldout"]["files"])


def test_bench_extract_prints_its_figures_for_each_language() -> None:
    need(CORPUS / "feeds")
    out = run("bench/bench_extract.py", "0.5")
    for label in (
        "start-up:",
        "articles/s after start-up:",
        "articles/s including start-up:",
        "peak RSS:",
    ):
        assert re.search(rf"^{re.escape(label)} [\d.]+", out, re.M), (label, out)
    for lang in ("en", "uk", "ru"):
        mean = re.search(rf"^mix \[{lang}\]: (\d+) articles, mean (\d+) chars", out, re.M)
        assert mean is not None, (lang, out)
        assert 1500 <= int(mean.group(2)) <= 6000, "articles should be ~2 KB"
        assert re.search(rf"^articles/s \[{lang}\]: \d+ \(\d+ articles", out, re.M), out


def test_eval_stories_prints_pairwise_figures_and_speed() -> None:
    need(CORPUS / "ucdp_ukraine.csv")
    out = run("bench/eval_stories.py", "--limit", "300", "--open", "2000")
    line = next(x for x in out.splitlines() if x.startswith("stories.ucdp pairwise"))
    scores = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}
    assert 0.0 <= scores["recall_all"] <= scores["recall_with_events"] <= 1.0
    assert scores["stories_per_incident"] >= 1.0
    # The development streams, tuning and held-out apart, through the stories interface.
    for split in ("tune", "heldout"):
        line = next(
            x for x in out.splitlines() if x.startswith(f"stories.devset.{split} pairwise")
        )
        scores = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}
        assert 0.0 <= scores["precision"] <= 1.0
        assert 0.0 < scores["recall"] <= 1.0
        assert scores["stories_per_incident"] >= 1.0
        alerts = re.search(
            rf"^stories\.devset\.{split} alerts sent=(\d+) expected=(\d+)", out, re.M
        )
        assert alerts is not None
        assert int(alerts.group(2)) > 0
    assert re.search(r"^stories\.speed articles/s=[\d,]+ .* open_stories=2,000$", out, re.M)


def test_the_soak_runs_a_short_spell_and_prints_its_figures() -> None:
    out = run("bench/soak.py", "--minutes", "0.4")
    line = next(x for x in out.splitlines() if x.startswith("soak.lost="))
    found = dict(re.findall(r"soak\.(\w+)=(\d+)", line))
    assert found["lost"] == "0"
    assert found["repeated_sends"] == "0"
    published = int(re.search(r"items_published=(\d+)", out).group(1))  # type: ignore[union-attr]
    assert published >= 5
    assert "soak.store rows_before" in out
    assert "soak.faults store_refusals=" in out
    assert "soak.malloc_arenas_capped=True" in out


def test_the_map_bench_renders_and_prints_its_timings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = run("bench/bench_map.py", "--rounds", "2", "--out", str(tmp_path / "map.png"))
    assert "ms" in out
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")


def test_the_source_pages_bench_prints_each_kind_of_page() -> None:
    out = run("bench/bench_source_pages.py", "--rounds", "3")
    for name in ("channel page (20 posts)", "article page (trafilatura)", "listing page"):
        assert re.search(rf"^{re.escape(name)}.*median [0-9.]+ ms", out, re.M), out


def test_the_store_calls_bench_prints_both_costs_of_each_call() -> None:
    out = run("bench/bench_store_calls.py", "--rounds", "5", "--articles", "50")
    lines = [line for line in out.splitlines() if line.startswith("store_calls.")]
    assert len(lines) == 4, out
    for line in lines:
        plain, lean, ratio = (float(v) for v in re.findall(r"=([\d.]+)", line))
        assert plain > 0
        assert lean > 0
        assert abs(ratio - lean / plain) < 0.05


def test_the_fetch_bench_prints_each_way_through() -> None:
    out = run("bench/bench_fetch.py", "--feeds", "20", "--rounds", "1")
    ways = dict(re.findall(r"way=(\w+) cpu_ms_per_poll=([\d.]+)", out))
    assert set(ways) == {"stream", "poll", "aiohttp"}, out
    assert all(float(cost) > 0 for cost in ways.values())
