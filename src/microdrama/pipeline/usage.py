"""Model usage around a run: the per-run ledger, its summary lines, and the dry-run cost estimate (used by the CLI and the studio)."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

import click

from microdrama.engines.text.ledger import Ledger, begin_session
from microdrama.engines.text.registry import parse_url
from microdrama.errors import ArtifactError
from microdrama.model import RoomReport
from microdrama.pipeline.executors import SerialExecutor
from microdrama.pipeline.runner import Runner, RunSummary
from microdrama.pipeline.stages import STAGES, Stage
from microdrama.settings import Settings

#: the writers' room's per-episode report (written by the write stage)
ROOM_REPORT = "script/room_report.json"
#: the last stage of the chain that may call the text engine for every project
LAST_TEXT_STAGE = "write"
#: the stages an estimate runs when subtitles are translated: the chain to ``write``, then what the
#: subtitle stage reads from it (the media stages are optional inputs and are not run)
SUBTITLE_ESTIMATE = ("ingest", "analyze", "adapt", "write", "parse", "subtitle")


def estimate_stages(settings: Settings) -> tuple[tuple[Stage, ...], str]:
    """The stages an estimate runs, and the last one: up to ``write``, or on to the subtitles when other
    languages are asked for (each is machine-translated per episode)."""
    if not settings.subtitles.languages:
        return STAGES, LAST_TEXT_STAGE
    return tuple(s for s in STAGES if s.name in SUBTITLE_ESTIMATE), "subtitle"


def begin_model_session(project: Path, settings: Settings) -> Ledger | None:
    """A fresh ledger for this run (None with the offline engine); a bad engine URL fails here, before any work."""
    if settings.engines.text == "offline":
        return None
    parse_url(settings.engines.text)
    return begin_session(project, max_cost=settings.model.max_cost)


def usage_lines(ledger: Ledger) -> list[str]:
    """Per-stage usage and every fallback, as lines for the terminal."""
    lines = []
    for stage in sorted({s for s, _ in ledger.usage}):
        u = ledger.total(stage)
        lines.append(
            f"  {stage:<10} {u.requests:>5} requests {u.cached:>5} cached {u.prompt_tokens:>9} + "
            f"{u.completion_tokens:>8} tokens  cost {u.cost:.4f}  ({u.repairs} repairs, {u.retries} retries)"
        )
    for stage, unit, reason in sorted(ledger.fallbacks):
        lines.append(f"  fallback: {stage}/{unit} kept the offline result: {reason}")
    return lines


def end_model_session(project: Path, ledger: Ledger | None) -> None:
    """Add this run's usage to ``.microdrama/usage.json`` and print it (fallbacks are always shown)."""
    if ledger is None:
        return
    ledger.absorb_spool(project)
    if not ledger.usage and not ledger.fallbacks:
        return
    if (project / ".microdrama").is_dir():
        ledger.save(project)
    total = ledger.total()
    click.echo(f"model: {total.requests} request(s), {total.cached} cached, cost {total.cost:.4f}", err=True)
    for line in usage_lines(ledger):
        click.echo(line, err=True)
    room = _room_summary(project) if any(s == "write" and u.startswith("ep") for s, u in ledger.usage) else ""
    if room:
        click.echo(room, err=True)
    if ledger.fallbacks:
        click.echo(
            f"warning: {len(ledger.fallbacks)} unit(s) kept the offline result (see */refine.json, "
            "script/room_report.json)",
            err=True,
        )


def _room_summary(project: Path) -> str:
    """``writers' room: 57 written, 2 repaired, 1 offline`` from the room's report ('' when absent)."""
    path = project / ROOM_REPORT
    if not path.is_file():
        return ""
    try:
        report = RoomReport.load(path)
    except ArtifactError:
        return ""
    counts = Counter(e.status for e in report.episodes)
    listed = ", ".join(f"{counts[s]} {s}" for s in ("written", "repaired", "offline", "kept-edit") if counts[s])
    return f"writers' room: {listed} ({ROOM_REPORT})"


def estimate(project: Path, settings: Settings) -> RunSummary:
    """Run the chain up to ``write`` (and the subtitles' translations, when asked for) in a scratch folder
    with the engine counting instead of sending.

    Replies already in ``project``'s cache count as cached (free). Prints a table; sends nothing.
    """
    if settings.engines.text == "offline":
        click.echo("estimate: the text engine is offline; a run needs no model calls and costs nothing")
        return RunSummary()
    scratch = Path(tempfile.mkdtemp(prefix="microdrama-estimate-"))
    try:
        ledger = begin_session(scratch, dry_run=True, cache_project=project if project.is_dir() else None)
        dry = settings.with_values({"model.max_cost": 0.0})
        stages, last = estimate_stages(settings)
        summary = Runner(scratch, dry, stages=stages, executor=SerialExecutor()).run(last)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    total = ledger.total()
    click.echo(
        f"estimate for {settings.engines.text.split('?')[0]} (model {settings.engines.text.partition('model=')[2] or '?'}):"
    )
    for line in usage_lines(ledger):
        if not line.startswith("  fallback"):
            click.echo(line)
    click.echo(
        f"total: {total.requests} request(s) to send, {total.cached} cached, about "
        f"{total.prompt_tokens + total.completion_tokens} tokens, cost about {total.cost:.4f} "
        "(first attempts, and one repair per episode whose offline draft fails the checks; more repairs and "
        "retries add to it)"
    )
    return summary
