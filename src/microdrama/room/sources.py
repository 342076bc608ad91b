"""Where each line of a model-written episode comes from: a quotation (its id), a passage of the book,
a quotation cut down (its id, marked new), or nothing — new. With the fidelity and novelty figures and
the planned events the episode's lines come from (``script/epNNN.sources.json``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from microdrama.model import EpisodeScript, LineSource, ScriptSources, SourceFigures
from microdrama.model.base import Provenance
from microdrama.room.brief import Story
from microdrama.write.align import normalise

#: a cut-down quotation must keep at least this many letters to count as the quotation's
MIN_EDITED = 8
#: a line found in the book's narration must have at least this many letters
MIN_PASSAGE = 12


@dataclass
class QuoteIndex:
    """The book's quotations, normalised once per run."""

    story: Story
    exact: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    folded: list[tuple[str, str, int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for quote in self.story.quotes.quotes:
            key = normalise(quote.text)
            if not key:
                continue
            self.exact.setdefault(key, []).append((quote.id, quote.start, quote.end))
            self.folded.append((key, quote.id, quote.start, quote.end))

    def match(self, text: str, lo: int, hi: int) -> tuple[str, int, int, bool] | None:
        """(quote id, start, end, edited) of the quotation ``text`` is, nearest the range [lo, hi)."""
        key = normalise(text)
        if not key:
            return None
        found = self.exact.get(key)
        if found:
            qid, start, end = min(found, key=lambda f: _distance(f[1], lo, hi))
            return qid, start, end, False
        if len(key) < MIN_EDITED:
            return None
        edited = [(qid, s, e) for k, qid, s, e in self.folded if key in k]
        if not edited:
            return None
        qid, start, end = min(edited, key=lambda f: _distance(f[1], lo, hi))
        return qid, start, end, True


def _distance(offset: int, lo: int, hi: int) -> int:
    return 0 if lo <= offset < hi else min(abs(offset - lo), abs(offset - hi))


def _in_passage(text: str, source: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Offsets of ``text`` in the book's range [lo, hi), whitespace-insensitive."""
    words = text.split()
    if len(normalise(text)) < MIN_PASSAGE or not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = pattern.search(source, lo, hi)
    return (found.start(), found.end()) if found else None


def episode_sources(
    script: EpisodeScript, story: Story, number: int, index: QuoteIndex, provenance: Provenance
) -> ScriptSources:
    """Every dialogue and action line of ``script`` with where it comes from, and the figures."""
    episode = story.episode(number)
    lo, hi = episode.source_start, episode.source_end
    lines: list[LineSource] = []
    verbatim = edited = 0
    for scene in script.scenes:
        for element in scene.elements:
            if element.kind not in ("dialogue", "action"):
                continue
            text = element.text
            quoted = index.match(text, lo, hi) if element.kind == "dialogue" else None
            if quoted is not None:
                qid, start, end, cut = quoted
                lines.append(LineSource(text=text, quote=qid, start=start, end=end, new=cut))
                edited += cut
                verbatim += not cut
                continue
            span = _in_passage(text, story.source.text, lo, hi)
            if span is not None:
                lines.append(LineSource(text=text, start=span[0], end=span[1]))
                verbatim += 1
                continue
            lines.append(LineSource(text=text, start=lo, end=lo, new=True))
    return ScriptSources(
        episode=number,
        lines=lines,
        provenance=provenance,
        figures=figures(lines, verbatim, edited, story, number),
    )


def figures(lines: list[LineSource], verbatim: int, edited: int, story: Story, number: int) -> SourceFigures:
    """Fidelity and novelty of the lines, and the planned events they come from."""
    total = len(lines)
    new = total - verbatim - edited
    planned = story.episode(number).events
    spans = {e.id: (e.start, e.end) for e in story.events.events}
    grounded = [ls.start for ls in lines if not (ls.new and ls.quote is None)]
    covered = [i for i in planned if i in spans and any(spans[i][0] <= s < spans[i][1] for s in grounded)]
    return SourceFigures(
        lines=total,
        from_book=verbatim,
        edited=edited,
        new=new,
        fidelity=round((verbatim + edited) / total, 3) if total else 0.0,
        novelty=round(new / total, 3) if total else 0.0,
        events_planned=list(planned),
        events_covered=covered,
    )
