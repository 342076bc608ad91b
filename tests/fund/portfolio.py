"""Generated portfolios for the fund tests: seeded random assess reports and application files."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

LANGUAGES = ["zh-Hans", "zh-Hant", "en", "es", "ja"]


def random_report(rng: random.Random, title: str) -> dict[str, Any]:
    """An assess report holding the figures the rubric reads, drawn at random."""
    languages = rng.sample(LANGUAGES, rng.randint(1, 4))
    return {
        "schema": "AssessReport.1",
        "series": {"title": title, "language": languages[0]},
        "craft": {
            "series": {
                "runtime_ok_share": rng.random(),
                "hook_ok_share": rng.random(),
                "cliffhanger_share": rng.random(),
                "turns_per_minute": rng.uniform(0, 6),
                "paywall_ok": rng.random() < 0.5,
                "episodes_written": rng.randint(3, 90),
            }
        },
        "check": {"counts": {"error": rng.randint(0, 40)}},
        "fidelity": {"events": {"importance_kept_share": rng.random()}},
        "originality": {
            "sameness": {"index": rng.random() * 0.8},
            "tropes": {"concentration_top3": rng.uniform(0.3, 1)},
        },
        "technology": {
            "stages_run": {f"s{i}": 1 for i in range(rng.randint(4, 15))},
            "hours_saved": rng.uniform(0, 300),
            "model_engines": ["openai://h/v1?model=m"] if rng.random() < 0.3 else [],
        },
        "international": {
            "languages": languages,
            "subtitles": [{"language": lang, "pass_rate": rng.uniform(0.7, 1)} for lang in languages],
            "localised_metadata": {lang: 1 for lang in languages[: rng.randint(0, len(languages))]},
        },
        "industry": {
            "platforms": rng.sample(["douyin", "kuaishou", "hongguo", "reelshort"], rng.randint(0, 3))
            if rng.random() < 0.5
            else "not available",
            "large_screen_versions": rng.randint(0, 2),
            "vertical_cuts": rng.randint(0, 4),
            "launch_calendar": "not available",
        },
    }


def write_portfolio(folder: Path, count: int, seed: int, cap: float = 3_000_000) -> Path:
    """``count`` applications with their reports in ``folder``; requests up to the cap."""
    rng = random.Random(seed)
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    for i in range(count):
        app_id = f"a{i:03d}"
        (folder / "reports" / f"{app_id}.json").write_text(json.dumps(random_report(rng, f"Series {i}")))
        budget = rng.randint(30, 600) * 10_000
        requested = min(cap, rng.randint(5, max(6, budget // 10_000)) * 10_000)
        platforms = ", ".join(
            f'"{p}"' for p in rng.sample(["douyin", "kuaishou", "hongguo", "reelshort"], rng.randint(0, 2))
        )
        markets = ", ".join(f'"{m}"' for m in rng.sample(["CN", "TW", "US", "JP", "MX"], rng.randint(0, 3)))
        (folder / f"{app_id}.toml").write_text(
            f'[application]\nid = "{app_id}"\napplicant = "Studio {i}"\nreport = "reports/{app_id}.json"\n'
            f"budget = {budget}\nrequested = {min(requested, budget)}\n\n"
            f'[declared]\nplatforms = [{platforms}]\nmarkets = [{markets}]\nbroadcast_partners = []\nteam = ["director: X"]\n',
            encoding="utf-8",
        )
    return folder
