"""The ``parse`` stage: one episode's Fountain file (hand edits included) back into ``script/epNNN.json``.

A line whose text still matches a line the writer took from the book keeps its source reference
(``epNNN.sources.json``); any other line is marked ``new``.
"""

from __future__ import annotations

from microdrama.formats import fountain
from microdrama.model import Bible, ScriptSources
from microdrama.project import Outputs, StageContext, paths
from microdrama.write import attach_sources


def run_parse(ctx: StageContext) -> Outputs:
    """Parse one episode's Fountain file (as the user may have edited it) into ``epNNN.json``."""
    assert ctx.unit is not None
    number = int(ctx.unit)
    bible = ctx.load(Bible, paths.bible)
    path = ctx.path(paths.fountain(number))
    text = path.read_text(encoding="utf-8")
    parsed = fountain.read_episode(text, language=bible.language, where=str(path))
    sources_rel = paths.sources(number)
    if sources_rel in ctx.inputs:
        sources = ctx.load(ScriptSources, sources_rel)
    else:
        sources = ScriptSources(episode=number, lines=[], provenance={"stage": "write"})
    script = attach_sources(parsed, sources, language=bible.language)
    script = script.model_copy(update={"episode": number})
    script.provenance.parents = ctx.parents()
    return {paths.script(number): script.to_bytes()}
