"""The series arc: logline, the season's shape, each main character's want and change — the top level
the beat sheets are written against (``script/room/arc.json``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from microdrama.engines.text.chat import ChatEngine
from microdrama.engines.text.prompts import fence, render
from microdrama.engines.text.protocol import TextRequest
from microdrama.model import CharacterArc, Provenance, SeriesArc
from microdrama.room.brief import Story, cast_listing, events_listing
from microdrama.room.prompts import room_prompt

#: most events listed in the arc request (the most important ones)
ARC_EVENTS = 40


class ArcReply(BaseModel):
    """The model's series arc."""

    logline: str = Field(min_length=8, max_length=400, description="One sentence: who wants what, against what.")
    season_arc: str = Field(min_length=20, max_length=2000, description="Three to five sentences.")
    characters: list[CharacterArc] = Field(min_length=1, max_length=12, description="Main characters.")


def arc_request(story: Story, seconds: int) -> TextRequest[ArcReply]:
    """The arc request for ``story``."""
    prompt = room_prompt(story.lang, "arc")
    plan = "\n".join(f"{e.number}. {fence(e.title)} ({', '.join(e.events[:6])})" for e in story.plan.episodes)
    ranked = sorted(story.events.events, key=lambda e: -e.importance)[:ARC_EVENTS]
    events = events_listing(story, [e.id for e in sorted(ranked, key=lambda e: e.start)])
    system, user = render(
        prompt,
        title=story.bible.title,
        episodes=str(len(story.plan.episodes)),
        seconds=str(seconds),
        logline=fence(story.bible.logline or "(none)"),
        cast=cast_listing(story),
        plan=plan,
        events=events,
    )
    return TextRequest(
        stage="write",
        unit="arc",
        system=system,
        user=user,
        schema=ArcReply,
        prompt_sha256=prompt.sha256,
        max_tokens=900,
    )


def write_arc(engine: ChatEngine, story: Story, seconds: int, parents: dict[str, str]) -> SeriesArc:
    """The series arc (raises ``TextEngineError`` when no valid reply comes)."""
    names = {" ".join(n.split()).casefold() for c in story.cast.characters for n in [c.name, *c.aliases]}
    names |= {c.name.casefold() for c in story.bible.characters}

    def check(reply: ArcReply) -> None:
        unknown = [c.name for c in reply.characters if " ".join(c.name.split()).casefold() not in names]
        if unknown:
            raise ValueError(f"characters not in the cast: {', '.join(unknown)}; use the names exactly as listed")

    request = arc_request(story, seconds)
    reply = engine.complete(request, check=check).value
    provenance = Provenance(
        stage="write", engine=engine.id, model=engine.model, prompt_sha256=request.prompt_sha256, parents=parents
    )
    return SeriesArc(
        logline=reply.logline, season_arc=reply.season_arc, characters=reply.characters, provenance=provenance
    )
