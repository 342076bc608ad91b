"""The review gate: costly paid stages (images, voices) wait until a person approves the scripts.

``microdrama approve PROJECT`` records the sha256 of every episode script in
``review/approval.json``; editing a script afterwards changes the hash and closes the gate again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from microdrama.errors import ArtifactError
from microdrama.model.base import Provenance
from microdrama.model.room import RevisionLog
from microdrama.model.usage import Approval
from microdrama.pipeline.stages import Stage
from microdrama.project import sha256_file
from microdrama.settings import Settings

APPROVAL_FILE = "review/approval.json"
SCRIPTS = "script/ep[0-9][0-9][0-9].fountain"
#: the writers' room's revision logs (a model version may wait there for `microdrama accept`)
REVISION_LOGS = "script/revisions/ep[0-9][0-9][0-9].json"
#: engines whose use costs money per call, with their free embedded defaults
COSTLY = {"engines.image": "panel", "engines.speech": "espeak"}


def script_hashes(project: Path) -> dict[str, str]:
    """Project-relative path -> sha256 of every episode script."""
    return {p.relative_to(project).as_posix(): sha256_file(p) for p in sorted(project.glob(SCRIPTS))}


def combined(files: dict[str, str]) -> str:
    """One hash over paths and contents."""
    return hashlib.sha256("".join(f"{k}\0{v}\n" for k, v in sorted(files.items())).encode()).hexdigest()


def make_approval(project: Path) -> Approval:
    """The approval record for the scripts as they are now."""
    files = script_hashes(project)
    return Approval(scripts_sha256=combined(files), files=files, provenance=Provenance(stage="approve"))


def needs_approval(stage: Stage, settings: Settings) -> bool:
    """Whether ``stage`` uses a paid engine for images or voices."""
    return any(k in COSTLY and str(settings.get(k)) != COSTLY[k] for k in stage.engines)


def review_block(project: Path, settings: Settings, stage: Stage) -> str | None:
    """Why ``stage`` may not run yet (None when it may)."""
    if not needs_approval(stage, settings):
        return None
    path = project / APPROVAL_FILE
    if not path.is_file():
        return (
            f"stage {stage.name} uses a paid engine: review the scripts in {project / 'script'}, "
            f"then run `microdrama approve {project}` and run again"
        )
    try:
        approval = Approval.load(path)
    except ArtifactError as exc:
        return f"{path} cannot be read ({exc}); run `microdrama approve {project}` again"
    current = script_hashes(project)
    if approval.scripts_sha256 != combined(current):
        changed = sorted(k for k in set(current) | set(approval.files) if current.get(k) != approval.files.get(k))
        return (
            f"scripts changed since approval ({', '.join(changed[:5])}); review them, then run "
            f"`microdrama approve {project}` again"
        )
    return None


def pending_revisions(project: Path) -> list[tuple[int, str]]:
    """(episode, revision file) of every model revision that waits for ``microdrama accept``: scripts
    are not approved while one does (the approved script would not be the one the model last wrote)."""
    waiting = []
    for path in sorted(project.glob(REVISION_LOGS)):
        try:
            log = RevisionLog.load(path)
        except ArtifactError:
            continue
        pending = [r for r in log.revisions if r.state == "pending"]
        if pending:
            waiting.append((log.episode, pending[-1].file))
    return waiting
