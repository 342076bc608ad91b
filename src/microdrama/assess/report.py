"""Assemble the assessment of one project and write ``report/assess.json`` (+ HTML, PDF).

The JSON is the record (``"schema": "AssessReport.1"``, sorted keys, no timestamps: the same project
gives the same bytes); the HTML and PDF are views of it with charts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from microdrama.assess import html, pdf, reach
from microdrama.assess.craft import series_craft
from microdrama.assess.fidelity import fidelity
from microdrama.assess.sameness import (
    Entry,
    compare,
    report_entry,
    signature,
    signature_json,
)
from microdrama.assess.tech import load_effort, technology, work_counts
from microdrama.assess.text import series_text, shingles
from microdrama.assess.tropes import load_catalogue, trope_profile
from microdrama.check import check_project
from microdrama.check.project import Project, load_project
from microdrama.errors import ArtifactError
from microdrama.model.subtitles import SubtitleReport
from microdrama.project import atomic_write

SCHEMA = "AssessReport.1"
REPORT_DIR = "report"
FORMATS = ("json", "html", "pdf")


def _entry(project: Project, catalogue: list[dict[str, Any]]) -> tuple[Entry, dict[str, Any]]:
    text = series_text(project)
    profile = trope_profile(text, project.bible.language, catalogue)
    sh = shingles(text)
    entry = Entry(
        name=project.bible.title or project.root.name,
        path=str(project.root),
        signature=signature(sh),
        tropes={t["id"]: t["per_10k"] for t in profile["tropes"]},
        shingles=sh,
    )
    return entry, profile


def library_entries(library: Path, exclude: Path, catalogue: list[dict[str, Any]]) -> list[Entry]:
    """Every series in ``library``: project folders (with ``series/plan.json``) and assess reports (``*.json``)."""
    if not library.is_dir():
        raise ArtifactError(library, "the library must be a folder of projects or assess reports")
    entries = []
    for path in sorted(library.iterdir()):
        if path.resolve() == exclude.resolve():
            continue
        if (path / "series/plan.json").exists():
            entry = _entry(load_project(path), catalogue)[0]
        elif path.is_file() and path.suffix == ".json":
            entry = report_entry(path)
        elif (path / REPORT_DIR / "assess.json").exists():
            entry = report_entry(path / REPORT_DIR / "assess.json")
        else:
            continue
        entry.path = path.name  # relative to the library: reports name no machine's folders
        entries.append(entry)
    return entries


def assess_project(
    root: Path,
    *,
    library: Path | None = None,
    tropes: Path | None = None,
    effort: Path | None = None,
    redact: bool = False,
) -> dict[str, Any]:
    """The assessment of the project at ``root``.

    Args:
        library: a folder of other projects or assess reports to measure sameness against.
        tropes, effort: replacements for the shipped trope catalogue and effort table.
        redact: figures only — leave out quoted lines and shared phrases (for reports shipped or published).

    Raises:
        ArtifactError: the project has no plan or bible (run ``microdrama produce`` first).
    """
    project = load_project(root)
    catalogue = load_catalogue(tropes)
    events = {e.id: e.tension for e in project.events.events} if project.events else {}
    craft = series_craft(project, events)
    checked = check_project(root).to_dict()
    entry, profile = _entry(project, catalogue)
    others = library_entries(library, root, catalogue) if library else []
    sameness = compare(entry, others, redact=redact) if library else {"verdict": "no library", "library_size": 0}
    qc = root / "subs/qc.json"
    cues = sum(r.cues for r in SubtitleReport.load(qc).languages) if qc.exists() else 0
    counts = work_counts(root, len(craft["episodes"]), craft["series"]["scenes"], cues)
    fid = fidelity(project)
    findings = checked["findings"]
    if redact:  # figures only: no line of the book or the scripts leaves the project
        for line in fid["signature_lines"]:
            line.pop("text", None)
        for figures in craft["episodes"]:
            figures.pop("title", None)
        findings = [{k: v for k, v in f.items() if k != "message"} for f in findings]
    bible = project.bible
    report = {
        "schema": SCHEMA,
        "series": {
            "title": bible.title,
            "language": bible.language,
            "genre": bible.genre,
            "episodes": len(project.plan.episodes),
            "episode_ms": project.plan.episode_ms,
            **({} if redact else {"logline": bible.logline}),
        },
        "redacted": redact,
        "craft": craft,
        "check": {k: checked[k] for k in ("ok", "counts", "rules")}
        | {"findings": findings, "source": "microdrama check"},
        "fidelity": fid,
        "originality": {"tropes": profile, "sameness": sameness, "minhash": signature_json(entry.signature)},
        "technology": technology(root, counts, load_effort(effort)),
        "international": reach.international(root),
        "industry": reach.industry(root),
        "compliance": reach.compliance(root),
    }
    return report


def report_bytes(report: dict[str, Any]) -> bytes:
    """The report as canonical JSON."""
    return (json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def write_report(
    root: Path, report: dict[str, Any], formats: tuple[str, ...] = FORMATS, out: Path | None = None
) -> list[Path]:
    """Write the report's files (atomically) into ``out`` (default ``PROJECT/report``); returns their paths."""

    folder = out or root / REPORT_DIR
    # the project's temp folder only for its own report folder (same file system); elsewhere beside the target
    tmp = root / ".microdrama/tmp" if out is None and (root / ".microdrama").is_dir() else None
    writers = {
        "json": lambda: report_bytes(report),
        "html": lambda: html.render(report).encode("utf-8"),
        "pdf": lambda: pdf.render(report),
    }
    written = []
    for fmt in formats:
        path = folder / f"assess.{fmt}"
        atomic_write(path, writers[fmt](), tmp_dir=tmp)
        written.append(path)
    return written
