"""Model-engine load of a whole series: requests, tokens and cache hits per stage, against the fake server.

Run from the repository root::

    .venv/bin/python benchmarks/engine.py [NOVEL] [--episodes 60]

    .venv/bin/python benchmarks/engine.py [NOVEL] [--episodes 60] [--languages zh-Hans]

Starts the tests' fake OpenAI-compatible server on 127.0.0.1 (scripted valid replies; the writers'
room's episodes are the offline drafts retitled), then runs the chain up to ``write`` — on to the
subtitles when ``--languages`` asks for translations — three times on a fresh project:
``--estimate`` (nothing sent), a first run, and a forced re-run (everything answered by the
response cache). Token counts are the fake's (100 prompt + 20 completion per request) except in the
estimate, which counts the real prompts; costs use DeepSeek-chat-like prices (0.27 / 1.10 per million
tokens) so the columns show the shape of a bill. Default novel:
../shared/corpus/en_pride_and_prejudice.txt.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fake_openai import FakeServer, smart_reply  # noqa: E402

from microdrama.engines.text import ledger as ledger_module  # noqa: E402
from microdrama.engines.text.ledger import begin_session  # noqa: E402
from microdrama.pipeline import Runner, SerialExecutor  # noqa: E402
from microdrama.pipeline.usage import estimate, estimate_stages  # noqa: E402
from microdrama.settings import Settings  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "en_pride_and_prejudice.txt"
STAGES = ("analyze", "adapt", "write", "subtitle")
#: per million tokens, like hosted DeepSeek-chat
PRICES = {"fake-model": {"input": 0.27, "output": 1.10}}


def room_outcomes(project: Path) -> str:
    """written / repaired / offline counts of the writers' room."""
    report = json.loads((project / "script/room_report.json").read_text(encoding="utf-8"))
    counts = Counter(e["status"] for e in report["episodes"])
    return ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))


def table(title: str, ledger, seconds: float) -> None:  # type: ignore[no-untyped-def]
    print(f"\n{title} ({seconds:.1f} s)")
    print(
        f"{'stage':<10}{'units':>7}{'requests':>10}{'cached':>8}{'prompt tok':>12}{'compl. tok':>12}"
        f"{'cost':>9}{'fallbacks':>11}"
    )
    for stage in STAGES:
        u = ledger.total(stage)
        units = len({unit for s, unit in ledger.usage if s == stage})
        falls = sum(1 for s, _, _ in ledger.fallbacks if s == stage)
        print(
            f"{stage:<10}{units:>7}{u.requests:>10}{u.cached:>8}{u.prompt_tokens:>12}{u.completion_tokens:>12}"
            f"{u.cost:>9.4f}{falls:>11}"
        )
    t = ledger.total()
    print(
        f"{'total':<10}{len(ledger.usage):>7}{t.requests:>10}{t.cached:>8}{t.prompt_tokens:>12}{t.completion_tokens:>12}"
        f"{t.cost:>9.4f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("novel", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--episodes", type=int, default=60)
    parser.add_argument("--languages", nargs="*", default=[], help="subtitle languages to translate into")
    args = parser.parse_args()
    server = FakeServer()
    server.responder = smart_reply
    server.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "series"
            settings = Settings().with_values(
                {
                    "project.novel": str(args.novel.resolve()),
                    "series.episodes": args.episodes,
                    "run.executor": "serial",
                    "engines.text": server.url(),
                    "model.prices": PRICES,
                    "subtitles.languages": args.languages,
                }
            )
            stages, last = estimate_stages(settings)
            started = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                estimate(project, settings)
            # the estimate ran in a scratch folder; its ledger is the latest session begun
            est = list(ledger_module._SESSIONS.values())[-1]
            table(
                f"--estimate, {args.novel.name}, {args.episodes} episodes (nothing sent: {len(server.requests)} requests)",
                est,
                time.perf_counter() - started,
            )
            estimated = est.total().requests
            for title, force in (("first run", False), ("forced re-run (cache)", True)):
                ledger = begin_session(project)
                started = time.perf_counter()
                Runner(project, settings, stages=stages, executor=SerialExecutor()).run(last, force=force)
                table(title, ledger, time.perf_counter() - started)
                if not force:
                    sent = len(server.requests)
                    print(
                        f"estimate {estimated} vs sent {sent} requests: {100 * (estimated - sent) / max(sent, 1):+.1f} %"
                        f"; writers' room: {room_outcomes(project)}"
                    )
            print(f"\nrequests the server received in all: {len(server.requests)}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
