"""Fidelity and novelty per episode, as ``microdrama check`` shows them: how many lines of each script
(as it is on disk, hand edits included) come from the book, how many were cut down from a quotation,
how many are new, and which of the planned events its lines come from. Who wrote it (a model or the
offline writer) is read from ``epNNN.sources.json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from microdrama.check.project import Project
from microdrama.model import ScriptSources
from microdrama.write.align import normalise


@dataclass(frozen=True)
class SourceRow:
    """One episode's figures."""

    episode: int
    writer: str
    lines: int
    from_book: int
    edited: int
    new: int
    fidelity: float
    novelty: float
    events_planned: list[str] = field(default_factory=list)
    events_covered: list[str] = field(default_factory=list)


def source_rows(project: Project) -> list[SourceRow]:
    """The figures of every episode that parses."""
    plans = {e.number: e for e in project.plan.episodes}
    spans = {e.id: (e.start, e.end) for e in project.events.events} if project.events else {}
    rows = []
    for episode in project.episodes:
        if episode.script is None:
            continue
        sources = _sources(project.root, episode.number)
        edited_keys = {normalise(ls.text) for ls in sources.lines if ls.new and ls.quote} if sources else set()
        elements = [e for s in episode.script.scenes for e in s.elements if e.kind in ("dialogue", "action")]
        book = [e for e in elements if not e.new and e.source is not None]
        edited = [e for e in elements if e.new and normalise(e.text) in edited_keys]
        total = len(elements)
        new = total - len(book) - len(edited)
        plan = plans.get(episode.number)
        planned = list(plan.events) if plan is not None else []
        starts = [e.source.start for e in book if e.source is not None]
        covered = [i for i in planned if i in spans and any(spans[i][0] <= s < spans[i][1] for s in starts)]
        writer = (sources.provenance.model or sources.provenance.engine) if sources else "?"
        rows.append(
            SourceRow(
                episode=episode.number,
                writer=writer,
                lines=total,
                from_book=len(book),
                edited=len(edited),
                new=new,
                fidelity=round((len(book) + len(edited)) / total, 3) if total else 0.0,
                novelty=round(new / total, 3) if total else 0.0,
                events_planned=planned,
                events_covered=covered,
            )
        )
    return rows


def _sources(root: Path, number: int) -> ScriptSources | None:
    path = root / f"script/ep{number:03d}.sources.json"
    return ScriptSources.load(path) if path.is_file() else None
