"""Every version of an episode the room writes is kept: ``script/revisions/epNNN.rNNN.fountain``, a
readable unified diff from the revision before (``.diff``), and ``epNNN.json`` (who, when, the note,
which one is current). A Fountain file whose hash is none of the revisions the room wrote was edited by
hand: it is never overwritten — the model's version waits as a ``pending`` revision until
``microdrama accept``.

The revision files are history, not stage outputs: the runner never removes them, and they carry
times (the stage outputs stay reproducible)."""

from __future__ import annotations

import difflib
from datetime import UTC, datetime
from pathlib import Path

from microdrama.errors import PipelineError
from microdrama.model import Provenance, Revision, RevisionLog
from microdrama.model.room import RevisionAuthor, RevisionState
from microdrama.project import atomic_write, sha256_bytes, sha256_file

FOLDER = "script/revisions"


def log_path(number: int) -> str:
    """``script/revisions/epNNN.json``."""
    return f"{FOLDER}/ep{number:03d}.json"


def revision_path(number: int, revision: int, suffix: str = "fountain") -> str:
    """``script/revisions/epNNN.rNNN.fountain`` (or ``.diff``, ``.sources.json``)."""
    return f"{FOLDER}/ep{number:03d}.r{revision:03d}.{suffix}"


def load_log(project: Path, number: int) -> RevisionLog | None:
    """The episode's revision log, or None when the room never wrote it."""
    path = project / log_path(number)
    return RevisionLog.load(path) if path.is_file() else None


def hand_edited(project: Path, number: int, log: RevisionLog | None) -> bool:
    """True when ``script/epNNN.fountain`` is none of the versions the room wrote (a person edited it)."""
    path = project / f"script/ep{number:03d}.fountain"
    if log is None or not path.is_file():
        return False
    known = {r.sha256 for r in log.revisions if r.by != "hand"} | {log.written_sha256}
    return sha256_file(path) not in known


def _write(project: Path, rel: str, data: bytes) -> None:
    atomic_write(project / rel, data, tmp_dir=project / ".microdrama" / "tmp")


def record(
    project: Path,
    number: int,
    text: str,
    *,
    by: RevisionAuthor,
    state: RevisionState,
    note: str = "",
    sources: bytes | None = None,
) -> int:
    """Store ``text`` as a revision of episode ``number`` (the same text as the latest revision of that
    state is not stored twice) and return its number. A ``current`` revision supersedes the others."""
    log = load_log(project, number) or RevisionLog(episode=number, provenance=Provenance(stage="write"))
    data = text.encode("utf-8")
    digest = sha256_bytes(data)
    same = [r for r in log.revisions if r.sha256 == digest and r.by == by]
    if same and same[-1].state == state and (state != "current" or log.written_sha256 == digest):
        return same[-1].number
    number_ = (log.revisions[-1].number + 1) if log.revisions else 1
    rel = revision_path(number, number_)
    _write(project, rel, data)
    if sources is not None:
        _write(project, revision_path(number, number_, "sources.json"), sources)
    diff_rel = ""
    if log.revisions:
        before = log.revisions[-1]
        old = (project / before.file).read_text(encoding="utf-8") if (project / before.file).is_file() else ""
        diff = "".join(
            difflib.unified_diff(
                old.splitlines(keepends=True), text.splitlines(keepends=True), fromfile=before.file, tofile=rel
            )
        )
        diff_rel = revision_path(number, number_, "diff")
        _write(project, diff_rel, diff.encode("utf-8"))
    revisions = list(log.revisions)
    if state == "current":
        revisions = [r.model_copy(update={"state": "superseded"}) if r.state == "current" else r for r in revisions]
    revisions.append(
        Revision(
            number=number_,
            file=rel,
            sha256=digest,
            by=by,
            when=datetime.now(UTC).isoformat(timespec="seconds"),
            note=note,
            state=state,
            diff=diff_rel,
        )
    )
    update: dict[str, object] = {"revisions": revisions}
    if state == "current" and by != "hand":
        update["written_sha256"] = digest
    _write(project, log_path(number), log.model_copy(update=update).to_bytes())
    return number_


def pending(project: Path, number: int) -> Revision | None:
    """The latest revision of episode ``number`` that awaits ``microdrama accept``."""
    log = load_log(project, number)
    if log is None:
        return None
    waiting = [r for r in log.revisions if r.state == "pending"]
    return waiting[-1] if waiting else None


def accept(project: Path, number: int) -> Revision:
    """Make the latest pending revision of episode ``number`` its Fountain file (and its sources).

    Raises:
        PipelineError: the episode has no revision waiting.
    """
    chosen = pending(project, number)
    if chosen is None:
        raise PipelineError(f"episode {number} has no revision waiting to be accepted")
    current = project / f"script/ep{number:03d}.fountain"
    before = load_log(project, number)
    if before is not None and current.is_file() and sha256_file(current) not in {r.sha256 for r in before.revisions}:
        # a version nobody stored yet (edited by hand since): keep it in the history
        record(project, number, current.read_text(encoding="utf-8"), by="hand", state="superseded")
    log = load_log(project, number)
    assert log is not None
    data = (project / chosen.file).read_bytes()
    sources = project / chosen.file.replace(".fountain", ".sources.json")
    if sources.is_file():
        _write(project, f"script/ep{number:03d}.sources.json", sources.read_bytes())
    _write(project, f"script/ep{number:03d}.fountain", data)
    revisions = []
    for r in log.revisions:
        if r.number == chosen.number:
            revisions.append(r.model_copy(update={"state": "current"}))
        elif r.state in ("current", "pending"):
            revisions.append(r.model_copy(update={"state": "superseded"}))
        else:
            revisions.append(r)
    updated = log.model_copy(update={"revisions": revisions, "written_sha256": chosen.sha256})
    _write(project, log_path(number), updated.to_bytes())
    return chosen


def all_pending(project: Path) -> list[tuple[int, Revision]]:
    """(episode, revision) of every revision waiting for ``microdrama accept``."""
    found = []
    for path in sorted((project / FOLDER).glob("ep[0-9][0-9][0-9].json")):
        number = int(path.stem[2:])
        waiting = pending(project, number)
        if waiting is not None:
            found.append((number, waiting))
    return found


def reject(project: Path, number: int) -> Revision:
    """Mark the latest pending revision of episode ``number`` rejected (the Fountain file stays).

    Raises:
        PipelineError: the episode has no revision waiting.
    """
    chosen = pending(project, number)
    log = load_log(project, number)
    if log is None or chosen is None:
        raise PipelineError(f"episode {number} has no revision waiting to be accepted or rejected")
    revisions = [r.model_copy(update={"state": "rejected"}) if r.number == chosen.number else r for r in log.revisions]
    _write(project, log_path(number), log.model_copy(update={"revisions": revisions}).to_bytes())
    return chosen
