"""The series' trope profile against a catalogue shipped as data (``assess/data/tropes.yaml``).

A trope is found by its signals: English words or phrases on word boundaries (``*`` ends a stem),
Chinese substrings. The profile gives, per trope, the hits per 10,000 speech units of the series'
text (bible, plan, scripts) and the signals that fired, so a reader sees *why* a trope was found.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from microdrama.errors import SettingsError
from microdrama.text.speech_rate import is_chinese, speech_units

CATALOGUE = "data/tropes.yaml"
#: a trope counts as present at this many hits per 10,000 units and at least :data:`PRESENT_HITS` hits
#: (one passing mention is not a trope)
PRESENT_DENSITY = 5.0
PRESENT_HITS = 2


def load_catalogue(path: Path | None = None) -> list[dict[str, Any]]:
    """The trope catalogue: the shipped one, or ``path`` (same shape), checked field by field."""
    where = str(path) if path else f"microdrama/assess/{CATALOGUE}"
    text = (
        path.read_text(encoding="utf-8")
        if path
        else resources.files("microdrama.assess").joinpath(CATALOGUE).read_text("utf-8")
    )
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SettingsError(f"{where}: not valid YAML ({exc})") from exc
    tropes = data.get("tropes") if isinstance(data, dict) else None
    if not isinstance(tropes, list) or not tropes:
        raise SettingsError(f"{where}: needs a non-empty list 'tropes'")
    seen: set[str] = set()
    for i, trope in enumerate(tropes):
        at = f"{where}: tropes[{i}]"
        if not isinstance(trope, dict) or not isinstance(trope.get("id"), str):
            raise SettingsError(f"{at}: needs a string 'id'")
        if trope["id"] in seen:
            raise SettingsError(f"{at}: duplicate id {trope['id']!r}")
        seen.add(trope["id"])
        signals = trope.get("signals")
        if not isinstance(signals, dict) or not any(signals.get(k) for k in ("en", "zh")):
            raise SettingsError(f"{at} ({trope['id']}): needs 'signals' with an 'en' or 'zh' list")
        for lang in ("en", "zh"):
            values = signals.get(lang, [])
            if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
                raise SettingsError(f"{at} ({trope['id']}): signals.{lang} must be a list of non-empty strings")
    return tropes


@lru_cache(maxsize=256)
def _pattern(signal: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in signal.lower().split()]
    body = r"\s+".join(words)
    if body.endswith(r"\*"):
        body = body[:-2] + r"[\w'-]*"
    return re.compile(rf"(?<![\w-]){body}(?![\w-])")


def count_signal(signal: str, text: str, chinese: bool) -> int:
    """Occurrences of one signal in ``text`` (lowercased for English)."""
    if chinese:
        return text.count(signal)
    return len(_pattern(signal).findall(text))


def trope_profile(text: str, language: str, catalogue: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-trope density and the signals that fired, strongest trope first."""
    chinese = is_chinese(language)
    lang = "zh" if chinese else "en"
    haystack = text if chinese else text.lower()
    units = max(speech_units(text, language), 1)
    rows = []
    for trope in catalogue:
        fired = {s: n for s in trope["signals"].get(lang, []) if (n := count_signal(s, haystack, chinese))}
        hits = sum(fired.values())
        density = hits * 10_000 / units
        present = density >= PRESENT_DENSITY and hits >= PRESENT_HITS
        names = trope.get("names", {})
        rows.append(
            {
                "id": trope["id"],
                "name": names.get(lang) or names.get("en") or trope["id"],
                "hits": hits,
                "per_10k": round(density, 2),
                "present": present,
                "signals": dict(sorted(fired.items(), key=lambda kv: (-kv[1], kv[0]))[:5]),
                **({"pressure": trope["pressure"]} if trope.get("pressure") and present else {}),
            }
        )
    rows.sort(key=lambda r: (-r["per_10k"], r["id"]))
    present = [r for r in rows if r["present"]]
    total = sum(r["per_10k"] for r in rows) or 1.0
    return {
        "catalogue_size": len(catalogue),
        "units": units,
        "present": [r["id"] for r in present],
        "concentration_top3": round(sum(r["per_10k"] for r in rows[:3]) / total, 3),
        "under_pressure": [r["id"] for r in present if "pressure" in r],
        "tropes": rows,
    }
