"""Assessment benchmark: sameness between series (same novel vs different novels), assess speed, fund speed.

Run from the repository root::

    .venv/bin/python benchmarks/assess.py                 # builds 8 small corpus projects in a temp folder
    .venv/bin/python benchmarks/assess.py --projects DIR  # every project folder in DIR instead

Pairs of projects adapted from the *same* novel (same ``@novel`` hash in the lock, or the same novel
adapted twice with other settings) should score as near-duplicates (Jaccard ≥ 0.5); pairs from
*different* novels should be distinct (< 0.15). The fund part times the CP-SAT allocation on random
portfolios of 25, 100 and 400 applications. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from microdrama.assess import assess_project  # noqa: E402 (after the sys.path line)
from microdrama.assess.report import _entry  # noqa: E402 (after the sys.path line)
from microdrama.assess.sameness import NEAR_DUPLICATE, SIMILAR, jaccard  # noqa: E402 (after the sys.path line)
from microdrama.assess.tropes import load_catalogue  # noqa: E402 (after the sys.path line)
from microdrama.check.project import load_project  # noqa: E402 (after the sys.path line)
from microdrama.fund.allocate import Candidate, Terms, allocate  # noqa: E402 (after the sys.path line)
from microdrama.fund.rubric import CRITERIA  # noqa: E402 (after the sys.path line)
from microdrama.model.lock import Lock  # noqa: E402 (after the sys.path line)

CORPUS = ROOT.parent / "shared" / "corpus"
NOVELS = ("en_a_scandal_in_bohemia", "zh_luxun_shangshi", "zh_luxun_ah_q_zhengzhuan", "en_alice_in_wonderland")
EPISODES = (8, 16)


def build(folder: Path) -> list[Path]:
    """Each novel adapted twice (8 and 16 episodes of 60 s)."""
    out = []
    for novel in NOVELS:
        for episodes in EPISODES:
            project = folder / f"{novel}-{episodes}"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "microdrama",
                    "produce",
                    str(CORPUS / f"{novel}.txt"),
                    "-o",
                    str(project),
                    "--episodes",
                    str(episodes),
                    "--episode-seconds",
                    "60",
                    "--executor",
                    "serial",
                ],
                check=True,
                capture_output=True,
                env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
            )
            out.append(project)
    return out


def novel_of(project: Path) -> str:
    lock = project / ".microdrama/lock.json"
    return Lock.load(lock).stages["ingest"].inputs.get("@novel", project.name) if lock.exists() else project.name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        projects = (
            sorted(p for p in args.projects.iterdir() if (p / "series/plan.json").exists())
            if args.projects
            else build(Path(tmp))
        )
        catalogue = load_catalogue()
        print(f"{'project':42s} {'episodes':>8s} {'assess s':>9s}")
        entries = {}
        for project in projects:
            start = time.perf_counter()
            report = assess_project(project)
            elapsed = time.perf_counter() - start
            entries[project] = _entry(load_project(project), catalogue)[0]
            print(f"{project.name:42s} {report['series']['episodes']:8d} {elapsed:9.2f}")
        print(f"\n{'pair':70s} {'same novel':>10s} {'Jaccard':>8s}")
        same, different = [], []
        for a, b in combinations(projects, 2):
            score = jaccard(entries[a], entries[b])[0]
            is_same = novel_of(a) == novel_of(b)
            (same if is_same else different).append(score)
            print(f"{a.name + ' ~ ' + b.name:70s} {'yes' if is_same else 'no':>10s} {score:8.3f}")
    ok = True
    if same:
        print(f"\nsame novel:      min Jaccard {min(same):.3f} (target ≥ {NEAR_DUPLICATE})")
        ok &= min(same) >= NEAR_DUPLICATE
    if different:
        print(f"different novels: max Jaccard {max(different):.3f} (target < {SIMILAR})")
        ok &= max(different) < SIMILAR
    print(f"\n{'applications':>12s} {'allocate s':>11s} {'funded':>7s}")
    rng = random.Random(0)
    for n in (25, 100, 400):
        cands = [
            Candidate(
                f"a{i:04d}",
                round(rng.uniform(20, 95), 2),
                {c: rng.uniform(0, 100) for c in CRITERIA},
                True,
                rng.randint(10, 300) * 10_000,
            )
            for i in range(n)
        ]
        start = time.perf_counter()
        result = allocate(cands, Terms(pool=11_970_000 * n / 22, cap=3_000_000, cover=True))
        elapsed = time.perf_counter() - start
        print(f"{n:12d} {elapsed:11.2f} {sum(1 for g in result.grants.values() if g):7d}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
