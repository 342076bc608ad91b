"""The ``release`` stage: the packages of the platforms the settings name (``release.platforms``), as a
step of every run. Off by default, so ``produce`` is no slower; ``microdrama release PROJECT --platforms …``
packages on demand either way.

A package is replaced in a single move (``release/package.py``), which the runner's per-file outputs cannot
express: the stage builds and publishes the packages itself and returns ``release/release.json``, a
summary of what each holds (the manifest's sha256, files, bytes). The packages' manifests are inputs of
the stage, so a package deleted or changed by hand is rebuilt by the next run (unchanged masters reused).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from microdrama.project import Outputs, StageContext, sha256_file
from microdrama.release.build import release
from microdrama.release.errors import ReleaseError
from microdrama.release.package import MANIFEST, RELEASE_DIR
from microdrama.release.profile import load_profiles, select

SUMMARY = f"{RELEASE_DIR}/release.json"


def launch_day(value: str) -> date:
    """The calendar's first day: the setting, or the day after today.

    Raises:
        ReleaseError: not a YYYY-MM-DD date.
    """
    if not value:
        return date.today() + timedelta(days=1)
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ReleaseError(f"release.launch = {value!r} is not a date (YYYY-MM-DD)") from exc


def run_release(ctx: StageContext) -> Outputs:
    """Build and publish the packages of ``release.platforms``; nothing when it names none."""
    chosen = ctx.settings.release.platforms
    if not chosen:
        return {}
    profiles = select(load_profiles(ctx.project / RELEASE_DIR / "profiles"), ",".join(chosen))
    launch = launch_day(ctx.settings.release.launch)
    manifests = release(ctx.project, profiles, ctx.settings, ctx.executor, launch)
    platforms: dict[str, Any] = {}
    for pid, manifest in manifests.items():
        files = manifest["files"]
        platforms[pid] = {
            "folder": f"{RELEASE_DIR}/{pid}/",
            "manifest_sha256": sha256_file(ctx.project / RELEASE_DIR / pid / MANIFEST),
            "files": len(files),
            "bytes": sum(f["bytes"] for f in files.values()),
            "truncated": len(manifest.get("truncated", [])),
            "notes": manifest.get("notes", []),
        }
    summary = {"schema": "ReleaseSummary.1", "launch": launch.isoformat(), "platforms": platforms}
    return {SUMMARY: json.dumps(summary, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"}
