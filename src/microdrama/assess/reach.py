"""International dissemination, industry promotion and compliance, from the artifacts that exist.

Subtitles (``subs/qc.json``, ``subs/epNNN.meta.json``) give languages and QC pass rates; the cut gives
large-screen (16:9) versions; ``release/`` and ``compliance/report.json`` come from other stages and
are read only when present — otherwise the report says "not available" rather than guess.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from microdrama.model.subtitles import EpisodeLocalization, SubtitleReport

NOT_AVAILABLE = "not available"


def international(root: Path) -> dict[str, Any]:
    """Languages, subtitle QC pass rates, localised metadata, overseas release profiles."""
    qc_path = root / "subs/qc.json"
    languages = []
    if qc_path.exists():
        report = SubtitleReport.load(qc_path)
        for row in report.languages:
            languages.append(
                {
                    "language": row.language,
                    "episodes": row.episodes,
                    "cues": row.cues,
                    "pass_rate": round(row.passing / row.cues, 3) if row.cues else None,
                    "pass_rate_before_fix": round(row.passing_before / row.cues_before, 3) if row.cues_before else None,
                    "errors": row.errors,
                    "warnings": row.warnings,
                }
            )
        pending = report.pending
    else:
        pending = {}
    meta: dict[str, int] = {}
    for path in sorted(root.glob("subs/ep[0-9][0-9][0-9].meta.json")):
        for lang, texts in EpisodeLocalization.load(path).languages.items():
            if texts.title or texts.synopsis:
                meta[lang] = meta.get(lang, 0) + 1
    release = _release(root)
    return {
        "source": "subs/qc.json, subs/epNNN.meta.json, release/",
        "subtitles": languages if qc_path.exists() else NOT_AVAILABLE,
        "languages": [r["language"] for r in languages],
        "pending_translations": pending,
        "localised_metadata": meta,
        "overseas_profiles": release.get("profiles", NOT_AVAILABLE),
    }


def industry(root: Path) -> dict[str, Any]:
    """Platforms, large-screen versions, launch calendar."""
    release = _release(root)
    return {
        "source": "cut/, release/",
        "vertical_cuts": len(list(root.glob("cut/ep[0-9][0-9][0-9].vertical.mp4"))),
        "large_screen_versions": len(list(root.glob("cut/ep[0-9][0-9][0-9].horizontal.mp4"))),
        "platforms": release.get("platforms", NOT_AVAILABLE),
        "launch_calendar": release.get("calendar", NOT_AVAILABLE),
        "release_files": release.get("files", []),
    }


def compliance(root: Path) -> dict[str, Any]:
    """The compliance report's summary, when the compliance stage has written one."""
    path = root / "compliance/report.json"
    if not path.exists():
        return {"status": NOT_AVAILABLE, "source": "compliance/report.json"}
    data = _json(path)
    if data is None:
        return {"status": "unreadable", "source": "compliance/report.json"}
    summary = {k: data[k] for k in ("ok", "passed", "counts", "summary", "tier", "status") if k in data}
    findings = data.get("findings")
    if isinstance(findings, list):
        severities: dict[str, int] = {}
        for f in findings:
            sev = str(f.get("severity", "info")) if isinstance(f, dict) else "info"
            severities[sev] = severities.get(sev, 0) + 1
        summary["findings"] = dict(sorted(severities.items()))
    return {"status": "available", "source": "compliance/report.json", **summary}


def _release(root: Path) -> dict[str, Any]:
    """What ``release/`` holds: profiles/platforms/calendar when its files name them."""
    folder = root / "release"
    if not folder.is_dir():
        return {}
    files = sorted(str(p.relative_to(root)) for p in folder.rglob("*") if p.is_file())
    out: dict[str, Any] = {"files": files}
    platforms: set[str] = set()
    profiles: set[str] = set()
    for path in folder.rglob("*.json"):
        data = _json(path)
        if not isinstance(data, dict):
            continue
        for key in ("platform", "profile"):
            if isinstance(data.get(key), str):
                (platforms if key == "platform" else profiles).add(data[key])
        for key in ("platforms", "profiles"):
            if isinstance(data.get(key), list):
                (platforms if key == "platforms" else profiles).update(str(v) for v in data[key])
        if "calendar" in data or "schedule" in data:
            out["calendar"] = data.get("calendar", data.get("schedule"))
    if platforms:
        out["platforms"] = sorted(platforms)
    if profiles:
        out["profiles"] = sorted(profiles)
    return out


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
