"""The ``adapt`` stage: the series bible, the episode plan and its coverage of the story.

With a text model the logline, synopsis, titles, hooks and cliffhangers are refined
(:func:`~microdrama.adapt.refine.refine_adapt`) and ``series/refine.json`` records each unit's outcome.
"""

from __future__ import annotations

from microdrama.adapt import adapt
from microdrama.adapt.refine import refine_adapt
from microdrama.engines.text.refinement import model_engine, report
from microdrama.model import Bible, Cast, Events, Places, Plan, Quotes, Source
from microdrama.project import Outputs, StageContext, paths


def run_adapt(ctx: StageContext) -> Outputs:
    """Plan the series from the story."""
    series = ctx.settings.series
    bible, plan, coverage = adapt(
        ctx.load(Source, paths.source),
        ctx.load(Cast, paths.cast),
        ctx.load(Quotes, paths.quotes),
        ctx.load(Places, paths.places),
        ctx.load(Events, paths.events),
        episodes=series.episodes,
        episode_ms=series.episode_seconds * 1000,
        paywall_episode=series.paywall_episode,
        cold_open=series.cold_open,
        title=ctx.settings.project.title,
    )
    outputs = {
        paths.bible: bible.to_bytes(),
        paths.plan: plan.to_bytes(),
        paths.coverage: coverage.to_bytes(),
    }
    if ctx.settings.engines.text != "offline":
        outputs = adapt_with_model(ctx, outputs)
    return outputs


def adapt_with_model(ctx: StageContext, outputs: Outputs) -> Outputs:
    """The adapt stage's outputs with logline, synopsis, titles, hooks and cliffhangers refined."""
    engine = model_engine(ctx)
    assert engine is not None
    bible = Bible.from_json(outputs[paths.bible], where=paths.bible)
    plan = Plan.from_json(outputs[paths.plan], where=paths.plan)
    bible, plan, outcomes = refine_adapt(
        engine, ctx.load(Source, paths.source), ctx.load(Events, paths.events), bible, plan
    )
    path, data = report("adapt", engine, outcomes, ctx.parents())
    return {**outputs, paths.bible: bible.to_bytes(), paths.plan: plan.to_bytes(), path: data}
