"""Ingest throughput: every corpus novel through ``read_novel``, each in a fresh process, as a table.

Run from the repository root::

    .venv/bin/python benchmarks/ingest.py

Each file is read in its own subprocess pinned to one CPU, so the peak RSS is that file's alone (it
includes the interpreter and imports). ``seconds`` is the ``read_novel`` call: decoding, language,
chapters and the Source model. Exits 1 when The Count of Monte Cristo misses 5 s or 500 MB.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
TARGET_FILE = "en_count_of_monte_cristo.txt"
TARGET_SECONDS = 5.0
TARGET_RSS_MB = 500.0


def measure_one(path: Path) -> dict[str, object]:
    """Ingest one file in this process and report what the table shows."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from microdrama.ingest import read_novel

    started = time.perf_counter()
    source = read_novel(path)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "file": path.name,
        "chars": len(source.text),
        "encoding": source.encoding,
        "language": f"{source.language}/{source.script or '-'}",
        "chapters": sum(1 for c in source.chapters if c.label == "chapter"),
        "sections": len(source.chapters),
        "seconds": seconds,
        "peak_rss_mb": peak_kb / 1024,
    }


def main() -> int:
    """Print the table; return 1 when the Monte Cristo target is missed."""
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(measure_one(Path(sys.argv[2]))))
        return 0
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    rows = []
    for path in files:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(path)], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    header = (
        f"{'file':34} {'chars':>9} {'encoding':9} {'lang':8} {'chapters':>8} {'sections':>8} "
        f"{'seconds':>8} {'peak RSS MB':>11}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['file']:34} {row['chars']:>9,} {row['encoding']:9} {row['language']:8} {row['chapters']:>8} "
            f"{row['sections']:>8} {row['seconds']:>8.3f} {row['peak_rss_mb']:>11.1f}"
        )
    target = next((r for r in rows if r["file"] == TARGET_FILE), None)
    if target is None:
        print(f"{TARGET_FILE} missing from the corpus", file=sys.stderr)
        return 1
    ok = float(target["seconds"]) <= TARGET_SECONDS and float(target["peak_rss_mb"]) <= TARGET_RSS_MB
    verdict = "meets" if ok else "MISSES"
    print(f"\n{TARGET_FILE}: {verdict} the target ({TARGET_SECONDS:.0f} s, {TARGET_RSS_MB:.0f} MB on one core)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
