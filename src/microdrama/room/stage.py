"""The ``write`` stage with the writers' room: the offline draft first (the grounding and the fallback),
then — when a text engine is configured — the model writes every episode: series arc, beat sheets,
Fountain, checked and repaired. With no engine the offline draft is the stage's whole output.

Outputs besides the episodes: ``script/room/arc.json``, ``script/room/epNNN.beats.json`` and
``script/room_report.json`` (per episode: written, repaired, offline with the reason, or a hand edit
kept). Revisions go to ``script/revisions/`` as history (see :mod:`microdrama.room.revisions`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from microdrama.engines.text.chat import ChatEngine
from microdrama.engines.text.errors import BudgetExceededError, TextEngineError
from microdrama.engines.text.refinement import model_engine
from microdrama.model import (
    BeatSheet,
    Bible,
    Cast,
    EpisodeOutcome,
    Events,
    Plan,
    Provenance,
    Quotes,
    RoomReport,
    ScriptSources,
    SeriesArc,
    Source,
)
from microdrama.project import Outputs, StageContext, paths
from microdrama.room import revisions
from microdrama.room.accept import check_episode
from microdrama.room.arc import write_arc
from microdrama.room.beats import write_beats
from microdrama.room.brief import Story
from microdrama.room.episode import repair_request
from microdrama.room.notes import load_notes, note_text
from microdrama.room.prompts import room_prompts
from microdrama.room.repair import MAX_FINDINGS, Attempted, write_checked
from microdrama.room.sources import QuoteIndex
from microdrama.write.stage import draft_outputs, write_with_model

ARC_FILE = "script/room/arc.json"
REPORT_FILE = "script/room_report.json"


def beats_file(number: int) -> str:
    """``script/room/epNNN.beats.json``."""
    return f"script/room/ep{number:03d}.beats.json"


def run_write(ctx: StageContext) -> Outputs:
    """The offline draft; with a text engine, the episodes the model wrote (or tightened, when
    ``model.writer = "tighten"``)."""
    outputs = draft_outputs(ctx)
    if ctx.settings.engines.text == "offline":
        return keep_hand_edits(ctx, outputs)
    if ctx.settings.model.writer == "tighten":
        return keep_hand_edits(ctx, write_with_model(ctx, outputs))
    return write_room(ctx, outputs)


def keep_hand_edits(ctx: StageContext, outputs: Outputs) -> Outputs:
    """``outputs`` with every episode the room has written before and a person edited since kept as it
    is on disk (without a model, e.g. after switching back to ``offline``): hand edits survive re-runs."""
    kept = dict(outputs)
    for rel in [r for r in outputs if r.endswith(".fountain")]:
        number = paths.episode_of(rel)
        if revisions.hand_edited(ctx.project, number, revisions.load_log(ctx.project, number)):
            current = (ctx.project / rel).read_text(encoding="utf-8")
            revisions.record(ctx.project, number, current, by="hand", state="current")
            kept[rel] = current.encode("utf-8")
            if (ctx.project / paths.sources(number)).is_file():
                kept[paths.sources(number)] = (ctx.project / paths.sources(number)).read_bytes()
    return kept


def load_story(ctx: StageContext) -> Story:
    """The artifacts the room reads."""
    return Story(
        source=ctx.load(Source, paths.source),
        cast=ctx.load(Cast, paths.cast),
        quotes=ctx.load(Quotes, paths.quotes),
        events=ctx.load(Events, paths.events),
        bible=ctx.load(Bible, paths.bible),
        plan=ctx.load(Plan, paths.plan),
    )


@dataclass
class Written:
    """One episode as the room leaves it (before revisions and hand edits are considered)."""

    number: int
    beats: BeatSheet | None = None
    attempted: Attempted = field(default_factory=Attempted)
    reason: str = ""


def write_room(ctx: StageContext, outputs: Outputs) -> Outputs:
    """``outputs`` with every episode the model wrote and that passed the checks replaced."""
    engine = model_engine(ctx)
    assert engine is not None
    story = load_story(ctx)
    ledger = engine.options.ledger
    parents = ctx.parents()
    seconds = round(story.plan.episode_ms / 1000)
    arc: SeriesArc | None = None
    try:
        arc = write_arc(engine, story, seconds, parents)
    except BudgetExceededError:
        raise
    except TextEngineError as exc:
        ledger.fallback("write", "arc", _first_line(exc))
    notes = load_notes(ctx.project)
    index = QuoteIndex(story)
    numbers = [e.number for e in story.plan.episodes]
    provenance = Provenance(stage="write", engine=engine.id, model=engine.model, parents=parents)

    def one(number: int) -> Written:
        return _write_one(engine, ctx, story, arc, number, outputs, note_text(notes.of(number)), index, provenance)

    workers = max(1, min(engine.options.settings.concurrency, len(numbers)))
    if workers == 1:
        done = [one(n) for n in numbers]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(one, numbers))
    result = dict(outputs)
    report: list[EpisodeOutcome] = []
    for written in done:
        report.append(_settle(ctx, engine, written, outputs, result, notes_of=note_text(notes.of(written.number))))
        if written.beats is not None:
            result[beats_file(written.number)] = written.beats.to_bytes()
    if arc is not None:
        result[ARC_FILE] = arc.to_bytes()
    doc = RoomReport(
        engine=engine.id,
        model=engine.model,
        prompts=room_prompts(),
        episodes=report,
        provenance=Provenance(stage="write", engine=engine.id, model=engine.model, parents=parents),
    )
    result[REPORT_FILE] = doc.to_bytes()
    return result


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [""])[0][:300]


def _write_one(
    engine: ChatEngine,
    ctx: StageContext,
    story: Story,
    arc: SeriesArc | None,
    number: int,
    outputs: Outputs,
    note: str,
    index: QuoteIndex,
    provenance: Provenance,
) -> Written:
    """Beat sheet, then the checked episode; engine failures become the reason to keep the draft."""
    written = Written(number=number)
    dry_run = engine.options.ledger.dry_run
    try:
        written.beats = write_beats(engine, story, arc, number, ctx.parents())
    except BudgetExceededError:
        raise
    except TextEngineError as exc:
        if not dry_run:  # an estimate goes on, to count the episode request too
            written.reason = f"beat sheet: {_first_line(exc)}"
            return written
    draft = outputs[paths.fountain(number)].decode("utf-8")
    try:
        written.attempted = write_checked(
            engine,
            story,
            number,
            written.beats,
            draft,
            note=note,
            index=index,
            provenance=provenance.model_copy(update={"prompt_sha256": room_prompts()[f"{story.lang}/episode"]}),
            repairs=ctx.settings.model.write_repairs,
            cost_limit=ctx.settings.model.episode_cost,
        )
    except BudgetExceededError:
        raise
    except TextEngineError as exc:
        written.reason = _first_line(exc)
        if dry_run:
            _count_repair(engine, story, number, written.beats, draft, outputs, note)
        return written
    if not written.attempted.accepted:
        written.reason = written.attempted.reason
    return written


def _count_repair(
    engine: ChatEngine, story: Story, number: int, beats: BeatSheet | None, draft: str, outputs: Outputs, note: str
) -> None:
    """In an estimate: count one repair for an episode whose offline draft — the model's grounding —
    fails the checks itself (the model tends to keep what it is grounded on)."""
    sources = ScriptSources.from_json(outputs[paths.sources(number)])
    verdict = check_episode(draft, story, number, beats, sources)
    if verdict.ok:
        return
    try:
        engine.complete(repair_request(story, beats, number, 1, draft, verdict.findings[:MAX_FINDINGS], note))
    except TextEngineError:
        pass  # counted, not sent


def _settle(
    ctx: StageContext, engine: ChatEngine, written: Written, draft: Outputs, result: Outputs, *, notes_of: str
) -> EpisodeOutcome:
    """Put the episode's text into ``result``, keep its revisions, never overwrite a hand edit."""
    number = written.number
    fountain_rel, sources_rel = paths.fountain(number), paths.sources(number)
    attempted = written.attempted
    outcome = EpisodeOutcome(episode=number, status="offline", attempts=attempted.attempts, findings=attempted.findings)
    if attempted.accepted:
        outcome.status = "written" if attempted.attempts == 1 else "repaired"
    else:
        outcome.reason = written.reason or "no reply"
        engine.options.ledger.fallback("write", paths.episode(number), f"kept the offline draft: {outcome.reason}")
    if engine.options.ledger.dry_run:
        return outcome
    project = ctx.project
    edited = revisions.hand_edited(project, number, revisions.load_log(project, number))
    if edited:
        current = (project / fountain_rel).read_text(encoding="utf-8")
        revisions.record(project, number, current, by="hand", state="current")
        result[fountain_rel] = current.encode("utf-8")
        if (project / sources_rel).is_file():
            result[sources_rel] = (project / sources_rel).read_bytes()
    if attempted.accepted:
        assert attempted.text is not None and attempted.sources is not None
        text, sources = attempted.text, attempted.sources.to_bytes()
        if edited:
            outcome.status = "kept-edit"
            outcome.revision = revisions.record(
                project, number, text, by="model", state="pending", note=notes_of, sources=sources
            )
        else:
            result[fountain_rel], result[sources_rel] = text.encode("utf-8"), sources
            outcome.revision = revisions.record(
                project, number, text, by="model", state="current", note=notes_of, sources=sources
            )
    elif not edited:
        offline = draft[fountain_rel].decode("utf-8")
        outcome.revision = revisions.record(
            project, number, offline, by="offline", state="current", sources=draft[sources_rel]
        )
    return outcome
