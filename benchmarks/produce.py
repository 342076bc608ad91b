"""Time the whole chain (`produce`) on every corpus novel: seconds per stage, episodes, peak RSS.

Usage: .venv/bin/python benchmarks/produce.py [--episodes 60] [--executor local|serial] [NOVEL ...]
Each novel runs in a fresh temporary project; reads ../shared/corpus beside the checkout.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from microdrama.pipeline import Runner, make_executor
from microdrama.settings import Settings

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
COLUMNS = ("ingest", "analyze", "adapt", "write", "parse", "export", "shoot", "subtitle")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("novels", nargs="*", help="corpus file names (default: all)")
    parser.add_argument("--episodes", type=int, default=60)
    parser.add_argument("--executor", default="local", choices=("local", "serial"))
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    novels = [CORPUS / n for n in args.novels] or sorted(CORPUS.glob("*.txt"))
    print(f"{'novel':<32}{'chars':>11}{'eps':>5}" + "".join(f"{c:>9}" for c in COLUMNS) + f"{'total s':>9}")
    for novel in novels:
        settings = Settings().with_values(
            {"project.novel": str(novel), "series.episodes": args.episodes, "run.executor": args.executor}
        )
        executor = make_executor(args.executor)
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "p"
            started = time.perf_counter()
            summary = Runner(project, settings, executor=executor).run()
            total = time.perf_counter() - started
            executor.close()
            per_stage = {c: 0.0 for c in COLUMNS}
            for outcome in summary.outcomes:
                per_stage[outcome.name.partition("/")[0]] = (
                    per_stage.get(outcome.name.partition("/")[0], 0.0) + outcome.seconds
                )
            episodes = len(list((project / "script").glob("ep[0-9][0-9][0-9].fountain")))
            chars = len(novel.read_text(encoding="utf-8"))
        print(
            f"{novel.name:<32}{chars:>11,}{episodes:>5}"
            + "".join(f"{per_stage[c]:>9.2f}" for c in COLUMNS)
            + f"{total:>9.2f}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\npeak RSS of this process: {rss:.0f} MB (parse and subtitle are fanned out per episode: their time shows only in the total)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
