"""Dramaturgy benchmark: key-event recall, the linter and episode durations over the corpus, and speed.

Run from the repository root::

    .venv/bin/python benchmarks/key_events.py            # every corpus novel
    .venv/bin/python benchmarks/key_events.py shangshi   # novels whose file name contains a word

Each novel runs in its own subprocess pinned to one CPU: a fresh project, the pipeline up to ``write``
(ingest → analyze → adapt → write, serial executor), timed, then ``microdrama check`` on the result.
Episodes: 60 (100 for The Count of Monte Cristo) of 90 s.

Key events (``benchmarks/data/key_events/<novel>.json``) are the plot points any adaptation must keep,
each located by a verbatim anchor phrase of the novel. A key event counts as *kept* when the script
holds a line taken from the story event that contains the anchor (the dramatic unit was played, not
cut); *near* is stricter: a line from within :data:`NEAR` characters of the anchor; *exact*: a line
whose source span holds the anchor itself.

Targets (issue 4): recall (kept) ≥ 0.8 on every novel with key events; no check errors on any novel;
every episode within ±10 % of its runtime; Pride and Prejudice to scripts ≤ 60 s, Monte Cristo ≤ 180 s.
Exits 1 when a target is missed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
KEY_EVENTS = ROOT / "benchmarks" / "data" / "key_events"
EPISODES = {"en_count_of_monte_cristo.txt": 100}
SPEED_TARGETS = {"en_pride_and_prejudice.txt": 60.0, "en_count_of_monte_cristo.txt": 180.0}
RECALL_TARGET = 0.8
#: a "near" line lies within this many characters of the anchor (English, Chinese)
NEAR = {"en": 1500, "zh": 400}


def anchor_offsets(text: str, anchor: str) -> list[int]:
    """Offsets where ``anchor`` occurs in ``text``, whitespace in either ignored."""
    pattern = r"\s*".join(re.escape(c) for c in anchor if not c.isspace())
    return [m.start() for m in re.finditer(pattern, text)]


def key_event_recall(project: Path, data: dict[str, object]) -> dict[str, object]:
    """Kept / near / missed key events of one produced project."""
    from microdrama.model import Events, ScriptSources, Source

    source = Source.load(project / "source/source.json")
    events = Events.load(project / "story/events.json").events
    lines = []
    for path in sorted((project / "script").glob("ep[0-9][0-9][0-9].sources.json")):
        lines += [(line.start, line.end) for line in ScriptSources.load(path).lines if not line.new]
    near = NEAR["zh" if source.language == "zh" else "en"]
    kept, close, exact, missed, bad = 0, 0, 0, [], []
    key_events = data["key_events"]
    assert isinstance(key_events, list)
    for key in key_events:
        found = anchor_offsets(source.text, key["anchor"])
        if len(found) != 1:
            bad.append(f"{key['id']} ({len(found)} matches)")
            continue
        offset = found[0]
        event = next((e for e in events if e.start <= offset < e.end), None)
        in_event = event is not None and any(a < event.end and b > event.start for a, b in lines)
        is_near = any(abs(a - offset) <= near or (a <= offset < b) for a, b in lines)
        kept += in_event
        close += is_near
        exact += any(a <= offset < b for a, b in lines)
        if not in_event:
            missed.append(key["id"])
    total = len(key_events) - len(bad)
    return {
        "key_events": total,
        "kept": kept,
        "near": close,
        "exact": exact,
        "recall": kept / total if total else 0.0,
        "near_recall": close / total if total else 0.0,
        "missed": missed,
        "bad_anchors": bad,
    }


def measure_one(path: Path) -> dict[str, object]:
    """Produce ``path`` up to the scripts in a fresh project and measure it (runs in a subprocess)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from microdrama.check import check_project
    from microdrama.check.project import load_project
    from microdrama.pipeline import Runner, make_executor
    from microdrama.settings import Settings

    episodes = EPISODES.get(path.name, 60)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        settings = Settings().with_values(
            {
                "project.novel": str(path),
                "series.episodes": episodes,
                "series.episode_seconds": 90,
            }
        )
        executor = make_executor("serial", 1)
        began = time.perf_counter()
        try:
            Runner(project, settings, executor=executor).run("write")
        finally:
            executor.close()
        seconds = time.perf_counter() - began
        report = check_project(project)
        plan = json.loads((project / "series/plan.json").read_text(encoding="utf-8"))
        durations = [e.script.duration_ms for e in load_project(project).episodes if e.script is not None]
        target = 90_000
        row: dict[str, object] = {
            "file": path.name,
            "asked": episodes,
            "episodes": len(plan["episodes"]),
            "within": sum(1 for d in durations if abs(d - target) <= target * 0.1),
            "min_s": min(durations, default=0) / 1000,
            "max_s": max(durations, default=0) / 1000,
            "paywall": plan.get("paywall_episode"),
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "error_rules": sorted({f.rule for f in report.findings if f.severity == "error"}),
            "seconds": seconds,
        }
        coverage = json.loads((project / "series/coverage.json").read_text(encoding="utf-8"))
        row["events_used"] = sum(1 for e in coverage["entries"] if e["status"] != "cut")
        row["events"] = len(coverage["entries"])
        data_file = KEY_EVENTS / f"{path.stem}.json"
        if data_file.exists():
            row |= key_event_recall(project, json.loads(data_file.read_text(encoding="utf-8")))
    return row


def main() -> int:
    """Print the tables; return 1 when a target is missed."""
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(measure_one(Path(sys.argv[2])), ensure_ascii=False))
        return 0
    words = sys.argv[1:]
    files = [p for p in sorted(CORPUS.glob("*.txt")) if not words or any(w in p.name for w in words)]
    if not files:
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    rows = []
    for path in files:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(path)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            print(f"{path.name}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
            return 1
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))

    print("Series plan and scripts (90 s episodes; check = `microdrama check` errors/warnings)\n")
    print(
        f"| {'novel':30} | asked | episodes | within ±10% | min–max s | paywall | events used | "
        f"check E/W | to scripts s |"
    )
    print(
        f"|{'-' * 32}|------:|---------:|------------:|----------:|--------:|------------:|----------:|-------------:|"
    )
    failed = False
    for r in rows:
        print(
            f"| {r['file']:30} | {r['asked']:5} | {r['episodes']:8} | {r['within']:>5}/{r['episodes']:<5} | "
            f"{r['min_s']:4.0f}–{r['max_s']:<4.0f} | {str(r['paywall']):>7} | "
            f"{r['events_used']:>5}/{r['events']:<5} | {r['errors']:>4}/{r['warnings']:<4} | {r['seconds']:12.1f} |"
        )
        failed |= bool(r["errors"]) or r["within"] != r["episodes"]
        limit = SPEED_TARGETS.get(str(r["file"]))
        failed |= limit is not None and float(r["seconds"]) > limit  # type: ignore[arg-type]
    print(
        "\nKey-event recall (kept: a line of the event holding the anchor is in the scripts; "
        "near: a line within a few sentences of it)\n"
    )
    print(f"| {'novel':30} | key events | kept | near | exact | recall | near recall | missed |")
    print(f"|{'-' * 32}|-----------:|-----:|-----:|------:|-------:|------------:|--------|")
    for r in rows:
        if "key_events" not in r:
            continue
        print(
            f"| {r['file']:30} | {r['key_events']:10} | {r['kept']:4} | {r['near']:4} | {r['exact']:5} | "
            f"{r['recall']:6.2f} | "
            f"{r['near_recall']:11.2f} | {', '.join(r['missed']) or '—'} |"
        )  # type: ignore[arg-type]
        failed |= float(r["recall"]) < RECALL_TARGET or bool(r["bad_anchors"])  # type: ignore[arg-type]
        if r["bad_anchors"]:
            print(f"  bad anchors: {r['bad_anchors']}")
    for r in rows:
        if r["error_rules"]:
            print(f"{r['file']}: check errors from {', '.join(r['error_rules'])}")  # type: ignore[arg-type]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
