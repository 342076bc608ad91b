"""The stage functions: each reads its inputs through the context and returns its outputs.

They are thin: the work lives in the stage packages (``ingest``, ``analyze``, ``adapt``, ``write``,
``formats``). Nothing here writes a file; the runner does, atomically.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from microdrama.errors import ArtifactError
from microdrama.model import (
    Bible,
    Cast,
    EpisodeScript,
    Events,
    Places,
    Plan,
    Quotes,
    ScriptSources,
    Source,
)
from microdrama.pipeline.context import Outputs, StageContext

MEGABYTE = 1024 * 1024
KNOWN_CAST = "story/known_cast.json"


def episode_file(number: int, suffix: str) -> str:
    """Project-relative path of an episode's script file, e.g. ``script/ep007.fountain``."""
    return f"script/ep{number:03d}{suffix}"


def run_ingest(ctx: StageContext) -> Outputs:
    """Decode the novel named in the settings into ``source/source.json``."""
    from microdrama.ingest import read_novel

    source = read_novel(ctx.novel_path(), max_bytes=ctx.settings.ingest.max_megabytes * MEGABYTE)
    return {"source/source.json": source.to_bytes()}


def run_analyze(ctx: StageContext) -> Outputs:
    """Find cast, quotations, places and events in the source."""
    from microdrama.analyze import analyze

    source = ctx.load(Source, "source/source.json")
    known_cast = None
    if KNOWN_CAST in ctx.inputs:
        try:
            known_cast = json.loads(ctx.path(KNOWN_CAST).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ArtifactError(ctx.path(KNOWN_CAST), f"not a JSON list of characters ({exc})") from exc
    if ctx.settings.engines.text != "offline":
        from microdrama.refine.stage import analyze_with_model

        return analyze_with_model(ctx, source, known_cast)
    cast, quotes, places, events = analyze(source, known_cast=known_cast)
    return {
        "story/cast.json": cast.to_bytes(),
        "story/quotes.json": quotes.to_bytes(),
        "story/places.json": places.to_bytes(),
        "story/events.json": events.to_bytes(),
    }


def run_adapt(ctx: StageContext) -> Outputs:
    """Plan the series from the story."""
    from microdrama.adapt import adapt

    series = ctx.settings.series
    bible, plan, coverage = adapt(
        ctx.load(Source, "source/source.json"),
        ctx.load(Cast, "story/cast.json"),
        ctx.load(Quotes, "story/quotes.json"),
        ctx.load(Places, "story/places.json"),
        ctx.load(Events, "story/events.json"),
        episodes=series.episodes,
        episode_ms=series.episode_seconds * 1000,
        paywall_episode=series.paywall_episode,
        cold_open=series.cold_open,
        title=ctx.settings.project.title,
    )
    outputs = {
        "series/bible.json": bible.to_bytes(),
        "series/plan.json": plan.to_bytes(),
        "series/coverage.json": coverage.to_bytes(),
    }
    if ctx.settings.engines.text != "offline":
        from microdrama.refine.stage import adapt_with_model

        outputs = adapt_with_model(ctx, outputs)
    return outputs


@lru_cache(maxsize=2)
def _story(project: str, stamp: tuple[tuple[str, int, int], ...]) -> tuple[Source, Cast, Quotes, Places, Events, Bible, Plan]:
    """Artifacts the writer needs, loaded once per worker process (``stamp`` invalidates the cache)."""
    root = Path(project)
    return (
        Source.load(root / "source/source.json"),
        Cast.load(root / "story/cast.json"),
        Quotes.load(root / "story/quotes.json"),
        Places.load(root / "story/places.json"),
        Events.load(root / "story/events.json"),
        Bible.load(root / "series/bible.json"),
        Plan.load(root / "series/plan.json"),
    )


_WRITE_INPUTS = (
    "source/source.json",
    "story/cast.json",
    "story/quotes.json",
    "story/places.json",
    "story/events.json",
    "series/bible.json",
    "series/plan.json",
)


def _write_one(item: tuple[str, int]) -> tuple[int, str, bytes]:
    """Write one episode (runs in a worker process)."""
    from microdrama.write import write_episode

    project, number = item
    root = Path(project)
    stamp = tuple((p, (root / p).stat().st_mtime_ns, (root / p).stat().st_size) for p in _WRITE_INPUTS)
    source, cast, quotes, places, events, bible, plan = _story(project, stamp)
    episode = next(e for e in plan.episodes if e.number == number)
    text, sources = write_episode(
        episode, source=source, cast=cast, quotes=quotes, places=places, events=events, bible=bible
    )
    return number, text, sources.to_bytes()


def run_write(ctx: StageContext) -> Outputs:
    """Write every episode's Fountain file (in parallel through the executor)."""
    plan = ctx.load(Plan, "series/plan.json")
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
        outputs[episode_file(number, ".fountain")] = text.encode("utf-8")
        outputs[episode_file(number, ".sources.json")] = sources
    if ctx.settings.engines.text != "offline":
        from microdrama.refine.stage import write_with_model

        outputs = write_with_model(ctx, outputs)
    return outputs


def run_parse(ctx: StageContext) -> Outputs:
    """Parse one episode's Fountain file (as the user may have edited it) into ``epNNN.json``."""
    from microdrama.formats import fountain
    from microdrama.write import attach_sources

    assert ctx.unit is not None
    number = int(ctx.unit)
    bible = ctx.load(Bible, "series/bible.json")
    path = ctx.path(episode_file(number, ".fountain"))
    text = path.read_text(encoding="utf-8")
    parsed = fountain.read_episode(text, language=bible.language, where=str(path))
    sources_rel = episode_file(number, ".sources.json")
    if sources_rel in ctx.inputs:
        sources = ctx.load(ScriptSources, sources_rel)
    else:
        sources = ScriptSources(episode=number, lines=[], provenance={"stage": "write"})
    script = attach_sources(parsed, sources, language=bible.language)
    script = script.model_copy(update={"episode": number})
    script.provenance.parents = ctx.parents()
    return {episode_file(number, ".json"): script.to_bytes()}


def run_export(ctx: StageContext) -> Outputs:
    """Export the whole series screenplay in Fountain, Final Draft, HTML and PDF."""
    from microdrama.formats import fdx, fountain, html, pdf

    bible = ctx.load(Bible, "series/bible.json")
    scripts = [ctx.load(EpisodeScript, rel) for rel in sorted(ctx.inputs) if rel.startswith("script/ep")]
    scripts.sort(key=lambda s: s.episode)
    return {
        "script/series.fountain": fountain.write_series(scripts, bible).encode("utf-8"),
        "script/series.fdx": fdx.write_series(scripts, bible).encode("utf-8"),
        "script/series.html": html.write_series(scripts, bible).encode("utf-8"),
        "script/series.pdf": pdf.write_series(scripts, bible),
    }

