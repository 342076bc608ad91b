"""Gender of the discovered cast, measured on PDNC (English): how many characters get a gender, and how many are right.

Run from the repository root::

    .venv/bin/python benchmarks/cast_gender.py                   # all 22 novels (under a minute)
    .venv/bin/python benchmarks/cast_gender.py --novels Emma,PrideAndPrejudice

Each discovered character is mapped to a gold character as ``benchmarks/attribution.py`` does (by
canonical name, else by most aliases). ``known`` is the share of mapped characters given a gender,
``right`` the share of those whose gender matches ``character_info.csv`` (gold "unknown"/other is
skipped). Wrong genders are listed with ``--show``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribution import BENCH, gold_aliases, load_pdnc, map_cast  # noqa: E402


def main() -> None:
    """Print one row per novel and a micro-average."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--novels", help="comma-separated PDNC folder names (default: all)")
    parser.add_argument("--show", action="store_true", help="list characters with a wrong or missing gender")
    args = parser.parse_args()
    from microdrama.analyze import story_regions
    from microdrama.analyze.cast import discover_cast
    from microdrama.ingest import read_novel

    root = BENCH / "pdnc"
    folders = sorted(p for p in root.iterdir() if (p / "novel_text.txt").exists())
    if args.novels:
        wanted = set(args.novels.split(","))
        folders = [f for f in folders if f.name in wanted]
    print(f"{'novel':<30}{'mapped':>8}{'known':>8}{'right':>8}{'wrong':>7}{'sec':>6}")
    totals = [0, 0, 0, 0]
    for folder in folders:
        _, _, characters = load_pdnc(folder)
        source = read_novel(folder / "novel_text.txt")
        started = time.perf_counter()
        drafts = discover_cast(source.text, story_regions(source), "en")
        seconds = time.perf_counter() - started
        for draft in drafts:
            draft.id = draft.key  # map_cast reads .id
        mapping = map_cast(drafts, gold_aliases(characters))
        mapped = known = right = wrong = 0
        for draft in drafts:
            gold = characters.get(mapping.get(draft.key, ""), {}).get("gender", "unknown")
            if gold == "unknown":
                continue
            mapped += 1
            if draft.gender != "unknown":
                known += 1
                right += int(draft.gender == gold)
                wrong += int(draft.gender != gold)
            if args.show and draft.gender != gold:
                print(f"    {draft.name!r}: {draft.gender} (gold {gold})")
        totals = [t + v for t, v in zip(totals, (mapped, known, right, wrong), strict=True)]
        print(
            f"{folder.name:<30}{mapped:>8}{known / max(mapped, 1):>8.3f}{right / max(known, 1):>8.3f}{wrong:>7}{seconds:>6.1f}"
        )
    mapped, known, right, wrong = totals
    print(f"{'MICRO-AVERAGE':<30}{mapped:>8}{known / max(mapped, 1):>8.3f}{right / max(known, 1):>8.3f}{wrong:>7}")


if __name__ == "__main__":
    main()
