"""Technological empowerment: which stages ran on which engines, the model requests, tokens and cost
from the usage ledger, and an estimate of the hours the chain saved (``assess/data/effort.yaml``)."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from microdrama.errors import SettingsError
from microdrama.model.lock import Lock
from microdrama.model.usage import UsageLedger

EFFORT = "data/effort.yaml"


def load_effort(path: Path | None = None) -> list[dict[str, Any]]:
    """The effort table (hours a person would spend per unit of each stage's work)."""
    where = str(path) if path else f"microdrama/assess/{EFFORT}"
    text = (
        path.read_text(encoding="utf-8")
        if path
        else resources.files("microdrama.assess").joinpath(EFFORT).read_text("utf-8")
    )
    rows = (yaml.safe_load(text) or {}).get("effort")
    if not isinstance(rows, list):
        raise SettingsError(f"{where}: needs a list 'effort'")
    for i, row in enumerate(rows):
        for key in ("stage", "unit", "count", "hours"):
            if key not in row:
                raise SettingsError(f"{where}: effort[{i}] lacks '{key}'")
        if not isinstance(row["hours"], int | float) or row["hours"] < 0:
            raise SettingsError(f"{where}: effort[{i}].hours must be a number ≥ 0")
    return rows


def work_counts(root: Path, episodes: int, scenes: int, cues: int) -> dict[str, int]:
    """How much of each kind of work the project's artifacts hold."""
    source = root / "source/source.json"
    chars = len(json.loads(source.read_text(encoding="utf-8")).get("text", "")) if source.exists() else 0
    return {
        "source_10k_chars": -(-chars // 10_000),
        "episodes": episodes,
        "scenes": scenes if (root / "shoot/schedule.json").exists() else 0,
        "panels": len(list(root.glob("board/ep[0-9][0-9][0-9]/s[0-9][0-9][0-9].png"))),
        "voice_lines": len(list(root.glob("voice/ep[0-9][0-9][0-9]/*.wav"))),
        "cuts": len(list(root.glob("cut/ep[0-9][0-9][0-9].vertical.mp4"))),
        "cues": cues,
    }


def technology(root: Path, counts: dict[str, int], effort: list[dict[str, Any]]) -> dict[str, Any]:
    """Engines per stage (from the lock), model usage (ledger), and hours saved (effort × counts)."""
    lock_path = root / ".microdrama/lock.json"
    lock = Lock.load(lock_path) if lock_path.exists() else None
    engines: dict[str, dict[str, str]] = {}
    units: Counter[str] = Counter()
    for name, record in sorted((lock.stages if lock else {}).items()):
        stage = name.split("/")[0]
        units[stage] += 1
        if record.engines:
            engines.setdefault(stage, {}).update(record.engines)
    usage_path = root / ".microdrama/usage.json"
    usage = UsageLedger.load(usage_path) if usage_path.exists() else None
    per_stage: dict[str, dict[str, float]] = {}
    for entry in usage.entries if usage else []:
        row = per_stage.setdefault(entry.stage, Counter())
        for key in ("requests", "cached", "prompt_tokens", "completion_tokens", "cost", "fallbacks"):
            row[key] += getattr(entry, key)
    engine_ids = sorted({e for stage in engines.values() for e in stage.values()})
    models = sorted(
        {e for stage in engines.values() for k, e in stage.items() if k == "engines.text" and e != "offline"}
    )
    saved = []
    for row in effort:
        if row["stage"] not in units:
            continue
        n = counts.get(row["count"], 0)
        saved.append(
            {
                "stage": row["stage"],
                "unit": row["unit"],
                "count": n,
                "hours_per_unit": row["hours"],
                "hours": round(n * row["hours"], 1),
                "basis": row.get("basis", ""),
            }
        )
    totals = Counter()
    for row in per_stage.values():
        totals.update(row)
    return {
        "source": ".microdrama/lock.json, .microdrama/usage.json, assess/data/effort.yaml",
        "stages_run": dict(sorted(units.items())),
        "engines": engines,
        "engine_ids": engine_ids,
        "model_engines": models,
        "model_usage": {k: {kk: round(vv, 4) for kk, vv in sorted(v.items())} for k, v in sorted(per_stage.items())},
        "totals": {k: round(v, 4) for k, v in sorted(totals.items())} or {"requests": 0, "cost": 0.0},
        "usage_ledger": usage is not None,
        "time_saved": saved,
        "hours_saved": round(sum(r["hours"] for r in saved), 1),
    }
