"""The ``write`` stage: every episode's screenplay in Fountain, with where each line came from.

Episodes are written in parallel through the executor. With a text model each episode's dialogue
is tightened (:func:`~microdrama.write.refine.refine_episode`) and ``script/refine.json`` records
each unit's outcome.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from microdrama.engines.text.refinement import model_engine, report
from microdrama.engines.text.units import run_units
from microdrama.model import Bible, Cast, Events, Places, Plan, Quotes, ScriptSources, Source
from microdrama.project import Outputs, StageContext, paths
from microdrama.write import write_episode
from microdrama.write.refine import refine_episode

#: what the writer reads (their sizes and times invalidate a worker's cache)
_WRITE_INPUTS = (paths.source, paths.cast, paths.quotes, paths.places, paths.events, paths.bible, paths.plan)


@lru_cache(maxsize=2)
def _story(
    project: str, stamp: tuple[tuple[str, int, int], ...]
) -> tuple[Source, Cast, Quotes, Places, Events, Bible, Plan]:
    """Artifacts the writer needs, loaded once per worker process (``stamp`` invalidates the cache)."""
    root = Path(project)
    return (
        Source.load(root / paths.source),
        Cast.load(root / paths.cast),
        Quotes.load(root / paths.quotes),
        Places.load(root / paths.places),
        Events.load(root / paths.events),
        Bible.load(root / paths.bible),
        Plan.load(root / paths.plan),
    )


def _write_one(item: tuple[str, int]) -> tuple[int, str, bytes]:
    """Write one episode (runs in a worker process)."""
    project, number = item
    root = Path(project)
    stamp = tuple((p, (root / p).stat().st_mtime_ns, (root / p).stat().st_size) for p in _WRITE_INPUTS)
    source, cast, quotes, places, events, bible, plan = _story(project, stamp)
    episode = next(e for e in plan.episodes if e.number == number)
    upcoming = next((e for e in plan.episodes if e.number == number + 1), None)
    text, sources = write_episode(
        episode, source=source, cast=cast, quotes=quotes, places=places, events=events, bible=bible, upcoming=upcoming
    )
    return number, text, sources.to_bytes()


def run_write(ctx: StageContext) -> Outputs:
    """Write every episode's Fountain file (in parallel through the executor)."""
    outputs = draft_outputs(ctx)
    if ctx.settings.engines.text != "offline":
        outputs = write_with_model(ctx, outputs)
    return outputs


def draft_outputs(ctx: StageContext) -> Outputs:
    """The offline draft of every episode: Fountain and sources (the writers' room grounds on it)."""
    plan = ctx.load(Plan, paths.plan)
    items = [(str(ctx.project), e.number) for e in plan.episodes]
    total = len(items)
    done = 0

    def advance(_: int, __: object) -> None:
        nonlocal done
        done += 1
        if ctx.progress:
            ctx.progress(done, total)

    outputs: Outputs = {}
    for number, text, sources in ctx.executor.map(_write_one, items, on_done=advance):
        outputs[paths.fountain(number)] = text.encode("utf-8")
        outputs[paths.sources(number)] = sources
    return outputs


def write_with_model(ctx: StageContext, outputs: Outputs) -> Outputs:
    """The write stage's outputs with each episode's dialogue tightened by the model."""
    engine = model_engine(ctx)
    assert engine is not None
    bible = ctx.load(Bible, paths.bible)
    numbers = sorted(paths.episode_of(rel) for rel in outputs if rel.endswith(".fountain"))

    def unit(number: int) -> tuple[str, ScriptSources] | None:
        text = outputs[paths.fountain(number)].decode("utf-8")
        sources = ScriptSources.from_json(outputs[paths.sources(number)])
        return refine_episode(engine, number, bible.language, text, sources)

    units = [(paths.episode(n), (lambda n=n: unit(n))) for n in numbers]
    results = run_units("write", units, ledger=engine.options.ledger, concurrency=engine.options.settings.concurrency)
    refined = dict(outputs)
    outcomes = []
    for number, (result, outcome) in zip(numbers, results):
        if outcome.status == "refined" and result is None:
            outcome = outcome.model_copy(update={"status": "unchanged"})
        outcomes.append(outcome)
        if result is not None:
            text, sources = result
            refined[paths.fountain(number)] = text.encode("utf-8")
            refined[paths.sources(number)] = sources.to_bytes()
    path, data = report("write", engine, outcomes, ctx.parents())
    refined[path] = data
    return refined
