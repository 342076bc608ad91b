"""Subtitle QC on every corpus novel's series: share of cues passing every rule before and after auto-fix.

Usage: .venv/bin/python benchmarks/subtitles.py [--episodes 10] [--executor serial|local] [NOVEL ...]

Each novel is produced into a fresh temporary project (only the stages subtitles need), with the
script's language plus, for Chinese novels, zh-Hant (Taiwan phrasing) and zh-Hant-HK. For each
language it prints: cues before/after the fixes, the share with no error-level violation before and
after, the share with no violation at all (warnings included) after, the rules still broken, and the
subtitle stage's time per episode. Reads ../shared/corpus beside the checkout.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from microdrama.cli.subtitle import needed_stages
from microdrama.pipeline import Runner, make_executor
from microdrama.pipeline.stages import stage_named
from microdrama.settings import Settings
from microdrama.subtitle.report import load_reports

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("novels", nargs="*", help="corpus file names (default: all)")
    parser.add_argument("--episodes", type=int, default=10)
    parser.add_argument("--executor", default="serial", choices=("local", "serial"))
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    novels = [CORPUS / n for n in args.novels] or sorted(CORPUS.glob("*.txt"))
    header = f"{'novel':<30}{'lang':<11}{'eps':>4}{'cues':>6}{'pass':>8}{'cues':>6}{'pass':>8}{'clean':>8}{'ms/ep':>8}  errors left"
    print(header)
    print(f"{'':<30}{'':<11}{'':>4}{'before':>14}{'after auto-fix':>22}")
    totals: dict[str, list[int]] = {}
    for novel in novels:
        languages = ["zh-Hant", "zh-Hant-HK"] if novel.name.startswith("zh_") else []
        settings = Settings().with_values(
            {
                "project.novel": str(novel),
                "series.episodes": args.episodes,
                "run.executor": args.executor,
                "subtitles.languages": languages,
            }
        )
        executor = make_executor(args.executor)
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "p"
            summary = Runner(project, settings, stages=needed_stages(), executor=executor).run()
            executor.close()
            # The fanned-out stage reports one outcome for the whole stage: time it again per episode.
            started = time.perf_counter()
            Runner(project, settings, stages=(stage_named("subtitle"),)).run("subtitle", force=True)
            seconds = time.perf_counter() - started
            reports = load_reports(project)
            del summary
        per_episode_ms = seconds * 1000 / max(1, len(reports))
        by_language: dict[str, list[int]] = {}
        left: dict[str, Counter[str]] = {}
        for report in reports:
            for qc in report.languages:
                row = by_language.setdefault(qc.language, [0, 0, 0, 0, 0, 0])
                clean = sum(1 for c in range(1, qc.cues + 1) if not any(v.cue == c for v in qc.violations))
                row[0] += 1
                row[1] += qc.cues_before
                row[2] += qc.passing_before
                row[3] += qc.cues
                row[4] += qc.passing
                row[5] += clean
                left.setdefault(qc.language, Counter()).update(v.rule for v in qc.violations if v.severity == "error")
        for language, (eps, before, ok_before, after, ok_after, clean) in by_language.items():
            family = "zh" if language.startswith("zh") else language
            agg = totals.setdefault(f"{family}:{language}", [0, 0, 0, 0, 0])
            for i, value in enumerate((before, ok_before, after, ok_after, clean)):
                agg[i] += value
            errors = ", ".join(f"{rule}×{n}" for rule, n in sorted(left[language].items())) or "-"
            print(
                f"{novel.name[:29]:<30}{language:<11}{eps:>4}{before:>6}{_share(ok_before, before):>8}{after:>6}"
                f"{_share(ok_after, after):>8}{_share(clean, after):>8}{per_episode_ms:>8.0f}  {errors}"
            )
    print()
    for key, (before, ok_before, after, ok_after, clean) in sorted(totals.items()):
        language = key.partition(":")[2]
        print(
            f"{'ALL':<30}{language:<11}{'':>4}{before:>6}{_share(ok_before, before):>8}{after:>6}"
            f"{_share(ok_after, after):>8}{_share(clean, after):>8}"
        )
    print(
        "\npass = no error-level violation; clean = no violation at all (warnings included);"
        " ms/ep = subtitle stage time per episode, all languages, serial"
    )
    return 0


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


if __name__ == "__main__":
    sys.exit(main())
