"""Glue between the stage functions and the refiners: open the engine, write the refinement report.

Stage functions call these only when ``engines.text`` is not ``offline``; the report file
(``story/refine.json``, ``series/refine.json``, ``script/refine.json``) records per unit whether
the model's output was used or the offline result kept.
"""

from __future__ import annotations

from typing import Any

from microdrama.engines.text.chat import ChatEngine
from microdrama.engines.text.ledger import session
from microdrama.engines.text.prompts import STAGE_PROMPTS, load_prompt
from microdrama.engines.text.registry import open_text_engine
from microdrama.model import Bible, Events, Plan, ScriptSources, Source
from microdrama.model.base import Provenance
from microdrama.model.usage import RefineReport, UnitOutcome
from microdrama.pipeline.context import Outputs, StageContext

REPORTS = {"analyze": "story/refine.json", "adapt": "series/refine.json", "write": "script/refine.json"}


def model_engine(ctx: StageContext) -> ChatEngine | None:
    """The text engine of the project, or None when it is ``offline``."""
    url = ctx.settings.engines.text
    if url == "offline":
        return None
    ledger = session(ctx.project, max_cost=ctx.settings.model.max_cost)
    engine = open_text_engine(
        url,
        project=ledger.cache_project or ctx.project,
        settings=ctx.settings.model,
        ledger=ledger,
        dry_run=ledger.dry_run,
        read_only_cache=ledger.dry_run,
    )
    assert isinstance(engine, ChatEngine)
    return engine


def report(stage: str, engine: ChatEngine, outcomes: list[UnitOutcome], parents: dict[str, str]) -> tuple[str, bytes]:
    """(path, bytes) of the stage's refinement report."""
    doc = RefineReport(
        stage=stage,
        engine=engine.id,
        model=engine.model,
        prompts={name: load_prompt(name).sha256 for name in STAGE_PROMPTS[stage]},
        units=outcomes,
        provenance=Provenance(stage=stage, engine=engine.id, model=engine.model, parents=parents),
    )
    return REPORTS[stage], doc.to_bytes()


def analyze_with_model(ctx: StageContext, source: Source, known_cast: list[dict[str, Any]] | None) -> Outputs:
    """The analyze stage with the model attributing the quotations the rules are unsure of."""
    from microdrama.analyze import RuleAttributor, analyze
    from microdrama.refine.attribution import ModelAttributor

    engine = model_engine(ctx)
    assert engine is not None
    refiner = ModelAttributor(engine)
    cast, quotes, places, events = analyze(source, known_cast=known_cast, attributors=[RuleAttributor(), refiner])
    if any(o.status == "refined" for o in refiner.outcomes):
        quotes = quotes.model_copy(update={"provenance": _stamped(quotes.provenance, engine, "attribute")})
    path, data = report("analyze", engine, refiner.outcomes, ctx.parents())
    return {
        "story/cast.json": cast.to_bytes(),
        "story/quotes.json": quotes.to_bytes(),
        "story/places.json": places.to_bytes(),
        "story/events.json": events.to_bytes(),
        path: data,
    }


def adapt_with_model(ctx: StageContext, outputs: Outputs) -> Outputs:
    """The adapt stage's outputs with logline, synopsis, titles, hooks and cliffhangers refined."""
    from microdrama.refine.adapt import refine_adapt

    engine = model_engine(ctx)
    assert engine is not None
    bible = Bible.from_json(outputs["series/bible.json"], where="series/bible.json")
    plan = Plan.from_json(outputs["series/plan.json"], where="series/plan.json")
    bible, plan, outcomes = refine_adapt(
        engine, ctx.load(Source, "source/source.json"), ctx.load(Events, "story/events.json"), bible, plan
    )
    path, data = report("adapt", engine, outcomes, ctx.parents())
    return {**outputs, "series/bible.json": bible.to_bytes(), "series/plan.json": plan.to_bytes(), path: data}


def write_with_model(ctx: StageContext, outputs: Outputs) -> Outputs:
    """The write stage's outputs with each episode's dialogue tightened by the model."""
    from microdrama.refine.units import run_units
    from microdrama.refine.write import refine_episode

    engine = model_engine(ctx)
    assert engine is not None
    bible = ctx.load(Bible, "series/bible.json")
    numbers = sorted(int(rel[len("script/ep") : -len(".fountain")]) for rel in outputs if rel.endswith(".fountain"))

    def unit(number: int) -> tuple[str, ScriptSources] | None:
        text = outputs[f"script/ep{number:03d}.fountain"].decode("utf-8")
        sources = ScriptSources.from_json(outputs[f"script/ep{number:03d}.sources.json"])
        return refine_episode(engine, number, bible.language, text, sources)

    units = [(f"ep{n:03d}", (lambda n=n: unit(n))) for n in numbers]
    results = run_units("write", units, ledger=engine.options.ledger, concurrency=engine.options.settings.concurrency)
    refined = dict(outputs)
    outcomes = []
    for number, (result, outcome) in zip(numbers, results):
        if outcome.status == "refined" and result is None:
            outcome = outcome.model_copy(update={"status": "unchanged"})
        outcomes.append(outcome)
        if result is not None:
            text, sources = result
            refined[f"script/ep{number:03d}.fountain"] = text.encode("utf-8")
            refined[f"script/ep{number:03d}.sources.json"] = sources.to_bytes()
    path, data = report("write", engine, outcomes, ctx.parents())
    refined[path] = data
    return refined


def _stamped(provenance: Provenance, engine: ChatEngine, prompt: str) -> Provenance:
    return provenance.model_copy(update={"engine": engine.id, "model": engine.model, "prompt_sha256": load_prompt(prompt).sha256})
