"""The ``analyze`` stage: cast, quotations and their speakers, places and events, from the source.

With a text model (``engines.text`` not ``offline``) the model attributes the quotations the rules
are unsure of (:class:`~microdrama.analyze.model_attribution.ModelAttributor`) and
``story/refine.json`` records each unit's outcome.
"""

from __future__ import annotations

import json
from typing import Any

from microdrama.analyze import RuleAttributor, analyze
from microdrama.analyze.model_attribution import ModelAttributor
from microdrama.engines.text.refinement import model_engine, report, stamped
from microdrama.errors import ArtifactError
from microdrama.model import Source
from microdrama.project import Outputs, StageContext, paths


def run_analyze(ctx: StageContext) -> Outputs:
    """Find cast, quotations, places and events in the source."""
    source = ctx.load(Source, paths.source)
    known_cast = None
    if paths.known_cast in ctx.inputs:
        try:
            known_cast = json.loads(ctx.path(paths.known_cast).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ArtifactError(ctx.path(paths.known_cast), f"not a JSON list of characters ({exc})") from exc
    if ctx.settings.engines.text != "offline":
        return analyze_with_model(ctx, source, known_cast)
    cast, quotes, places, events = analyze(source, known_cast=known_cast)
    return {
        paths.cast: cast.to_bytes(),
        paths.quotes: quotes.to_bytes(),
        paths.places: places.to_bytes(),
        paths.events: events.to_bytes(),
    }


def analyze_with_model(ctx: StageContext, source: Source, known_cast: list[dict[str, Any]] | None) -> Outputs:
    """The analyze stage with the model attributing the quotations the rules are unsure of."""
    engine = model_engine(ctx)
    assert engine is not None
    refiner = ModelAttributor(engine)
    cast, quotes, places, events = analyze(source, known_cast=known_cast, attributors=[RuleAttributor(), refiner])
    if any(o.status == "refined" for o in refiner.outcomes):
        quotes = quotes.model_copy(update={"provenance": stamped(quotes.provenance, engine, "attribute")})
    path, data = report("analyze", engine, refiner.outcomes, ctx.parents())
    return {
        paths.cast: cast.to_bytes(),
        paths.quotes: quotes.to_bytes(),
        paths.places: places.to_bytes(),
        paths.events: events.to_bytes(),
        path: data,
    }
