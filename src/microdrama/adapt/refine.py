"""Model refinement of the series plan: logline, synopsis, episode titles, hooks and cliffhanger lines.

Every text the model writes must cite the source events it comes from (ids checked against the
episode's own events), so nothing is grounded in thin air; an episode whose reply never validates
keeps the offline plan.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from microdrama.engines.text.chat import ChatEngine
from microdrama.engines.text.prompts import fence, load_prompt, render
from microdrama.engines.text.protocol import TextRequest
from microdrama.engines.text.units import run_units
from microdrama.model import Bible, Event, Events, Plan, Source
from microdrama.model.series import EpisodePlan
from microdrama.model.usage import UnitOutcome

EVENT_TEXT_CHARS = 400
SERIES_EVENTS = 14


class SeriesReply(BaseModel):
    """Logline and synopsis, with the events they rest on."""

    logline: str = Field(min_length=10, max_length=400, description="One sentence.")
    synopsis: str = Field(min_length=20, max_length=2500, description="One paragraph.")
    events: list[str] = Field(min_length=1, description="Ids of the events used.")


class EpisodeReply(BaseModel):
    """Title, hook and cliffhanger of one episode, with the events they rest on."""

    title: str = Field(min_length=1, max_length=80, description="Short title.")
    hook: str = Field(min_length=5, max_length=400, description="Opening hook line.")
    cliffhanger: str = Field(min_length=5, max_length=400, description="Closing cliffhanger line.")
    events: list[str] = Field(min_length=1, description="Ids of the episode's events used.")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_events(allowed: set[str]):  # type: ignore[no-untyped-def]
    def check(reply: SeriesReply | EpisodeReply) -> None:
        unknown = [e for e in reply.events if e not in allowed]
        if unknown:
            raise ValueError(f"events {unknown[:5]} are not among the events given; cite only given ids")

    return check


def _language_name(language: str) -> str:
    return "Chinese" if language.startswith("zh") else "English"


def refine_adapt(
    engine: ChatEngine, source: Source, events: Events, bible: Bible, plan: Plan
) -> tuple[Bible, Plan, list[UnitOutcome]]:
    """Improved copies of ``bible`` and ``plan``, and the outcome of each unit ('series', 'ep001'…)."""
    by_id = {e.id: e for e in events.events}
    language = _language_name(bible.language)
    series_prompt, episode_prompt = load_prompt("adapt_series"), load_prompt("adapt_episode")

    def describe(event: Event, with_text: bool) -> str:
        line = f"{event.id}: {_one_line(event.summary)}"
        if with_text:
            line += "\n" + fence(source.text[event.start : min(event.end, event.start + EVENT_TEXT_CHARS)])
        return line

    used = [by_id[e] for ep in plan.episodes for e in ep.events if e in by_id]
    key_events = sorted(sorted(used, key=lambda e: -e.importance)[:SERIES_EVENTS], key=lambda e: e.start)

    def series_unit() -> SeriesReply:
        system, user = render(
            series_prompt,
            language=language,
            title=bible.title,
            characters=", ".join(c.name for c in bible.characters[:6]),
            events="\n".join(describe(e, False) for e in key_events),
        )
        request = TextRequest(
            stage="adapt",
            unit="series",
            system=system,
            user=user,
            schema=SeriesReply,
            prompt_sha256=series_prompt.sha256,
            max_tokens=700,
        )
        return engine.complete(request, check=_check_events({e.id for e in key_events})).value

    def episode_unit(episode: EpisodePlan) -> EpisodeReply:
        hook = next((b.text for b in episode.beats if b.kind == "hook"), "")
        own = [by_id[e] for e in episode.events if e in by_id]
        system, user = render(
            episode_prompt,
            language=language,
            number=str(episode.number),
            episodes=str(len(plan.episodes)),
            title=episode.title,
            hook=hook,
            cliffhanger=episode.cliffhanger,
            events="\n".join(describe(e, True) for e in own),
        )
        request = TextRequest(
            stage="adapt",
            unit=f"ep{episode.number:03d}",
            system=system,
            user=user,
            schema=EpisodeReply,
            prompt_sha256=episode_prompt.sha256,
            max_tokens=400,
        )
        return engine.complete(request, check=_check_events({e.id for e in own})).value

    units: list[tuple[str, object]] = [("series", series_unit)]
    units += [(f"ep{ep.number:03d}", (lambda ep=ep: episode_unit(ep))) for ep in plan.episodes if ep.events]
    results = run_units("adapt", units, ledger=engine.options.ledger, concurrency=engine.options.settings.concurrency)  # type: ignore[arg-type]
    outcomes = [outcome for _, outcome in results]
    replies = {outcome.unit: reply for reply, outcome in results}

    series = replies.get("series")
    if isinstance(series, SeriesReply):
        bible = bible.model_copy(update={"logline": _one_line(series.logline), "synopsis": series.synopsis.strip()})
    episodes = []
    for ep in plan.episodes:
        reply = replies.get(f"ep{ep.number:03d}")
        if isinstance(reply, EpisodeReply):
            beats = list(ep.beats)
            for i, beat in enumerate(beats):
                if beat.kind == "hook":
                    beats[i] = beat.model_copy(update={"text": _one_line(reply.hook)})
                    break
            for i in range(len(beats) - 1, -1, -1):
                if beats[i].kind == "cliffhanger":
                    beats[i] = beats[i].model_copy(update={"text": _one_line(reply.cliffhanger)})
                    break
            ep = ep.model_copy(
                update={"title": _one_line(reply.title), "cliffhanger": _one_line(reply.cliffhanger), "beats": beats}
            )
        episodes.append(ep)
    provenance = {"engine": engine.id, "model": engine.model, "prompt_sha256": episode_prompt.sha256}
    bible = bible.model_copy(
        update={"provenance": bible.provenance.model_copy(update={**provenance, "prompt_sha256": series_prompt.sha256})}
    )
    plan = plan.model_copy(update={"episodes": episodes, "provenance": plan.provenance.model_copy(update=provenance)})
    return bible, plan, outcomes
