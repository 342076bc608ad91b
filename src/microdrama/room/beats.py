"""An episode's beat sheet: title, core conflict, opening hook, 3–5 beats, emotional curve, ending hook,
the lines kept verbatim from the book and the minor roles it adds (``script/room/epNNN.beats.json``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from microdrama.adapt import defects
from microdrama.engines.text.chat import ChatEngine
from microdrama.engines.text.prompts import fence, render
from microdrama.engines.text.protocol import TextRequest
from microdrama.model import BeatSheet, Provenance, SeriesArc
from microdrama.room.brief import Story, cast_listing, continuity, events_listing, excerpt
from microdrama.room.prompts import room_prompt
from microdrama.room.verbatim import occurs_in, squeeze


class BeatReply(BaseModel):
    """The model's beat sheet of one episode."""

    title: str = Field(min_length=1, max_length=60, description="At most 6 words / 8 字.")
    conflict: str = Field(min_length=4, max_length=400, description="A wants X, B blocks it.")
    opening_hook: str = Field(min_length=4, max_length=400, description="The first shot.")
    beats: list[str] = Field(min_length=3, max_length=5, description="3 to 5 beats, one sentence each.")
    emotional_curve: str = Field(min_length=2, max_length=400, description="How the feeling moves.")
    ending_hook: str = Field(min_length=4, max_length=400, description="The unresolved peak it cuts on.")
    keep_lines: list[str] = Field(min_length=1, max_length=3, description="Lines copied verbatim from the passage.")
    minor_roles: list[str] = Field(default_factory=list, max_length=6, description="Unnamed speaking roles.")


def arc_text(arc: SeriesArc | None) -> str:
    """The arc as one paragraph for the beat-sheet request."""
    if arc is None:
        return "(none)"
    wants = "; ".join(f"{c.name} wants {c.want}, and {c.change}" for c in arc.characters)
    return fence(f"{arc.logline} {arc.season_arc} {wants}")


def beats_request(story: Story, arc: SeriesArc | None, number: int) -> TextRequest[BeatReply]:
    """The beat-sheet request of episode ``number``."""
    episode = story.episode(number)
    prompt = room_prompt(story.lang, "beats")
    previous, following = continuity(story, number)
    system, user = render(
        prompt,
        number=str(number),
        total=str(len(story.plan.episodes)),
        seconds=str(round(episode.target_ms / 1000)),
        arc=arc_text(arc),
        cast=cast_listing(story, episode),
        previous=previous,
        next=following,
        events=events_listing(story, episode.events),
        cliffhanger=fence(episode.cliffhanger or "(none planned)"),
        excerpt=fence(excerpt(story, episode)),
    )
    return TextRequest(
        stage="write",
        unit=f"ep{number:03d}.beats",
        system=system,
        user=user,
        schema=BeatReply,
        prompt_sha256=prompt.sha256,
        max_tokens=900,
    )


def beat_problems(reply: BeatReply, story: Story, number: int) -> list[str]:
    """What is wrong with a beat sheet: a bad title, a kept line not in the passage, a cast member as a
    minor role."""
    episode = story.episode(number)
    passage = story.source.text[episode.source_start : episode.source_end]
    problems = [f"title {reply.title!r}: {p}" for p in defects.title_defects(reply.title, story.bible.language)]
    for line in reply.keep_lines:
        if not occurs_in(line, passage):
            problems.append(f"keep_lines: {line[:60]!r} is not word for word in the passage")
    cast = {" ".join(n.split()).casefold() for c in story.cast.characters for n in [c.name, *c.aliases]}
    for role in reply.minor_roles:
        if " ".join(role.split()).casefold() in cast:
            problems.append(f"minor_roles: {role!r} is in the cast; list only unnamed roles")
    return problems


def write_beats(
    engine: ChatEngine, story: Story, arc: SeriesArc | None, number: int, parents: dict[str, str]
) -> BeatSheet:
    """Episode ``number``'s beat sheet (raises ``TextEngineError`` when no valid reply comes)."""

    def check(reply: BeatReply) -> None:
        problems = beat_problems(reply, story, number)
        if problems:
            raise ValueError("; ".join(problems))

    request = beats_request(story, arc, number)
    reply = engine.complete(request, check=check).value
    provenance = Provenance(
        stage="write", engine=engine.id, model=engine.model, prompt_sha256=request.prompt_sha256, parents=parents
    )
    return BeatSheet(
        episode=number,
        title=" ".join(reply.title.split()),
        conflict=reply.conflict,
        opening_hook=reply.opening_hook,
        beats=reply.beats,
        emotional_curve=reply.emotional_curve,
        ending_hook=reply.ending_hook,
        keep_lines=[squeeze(line) for line in reply.keep_lines],
        minor_roles=[" ".join(r.split()) for r in reply.minor_roles],
        provenance=provenance,
    )
