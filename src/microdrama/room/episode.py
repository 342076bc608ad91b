"""The episode in Fountain: the request that writes it from its beat sheet, and the one that sends it
back with the checker's findings."""

from __future__ import annotations

from pydantic import BaseModel, Field

from microdrama.engines.text.prompts import fence, render
from microdrama.engines.text.protocol import TextRequest
from microdrama.model import BeatSheet
from microdrama.room.brief import Story, allowed_cues, cast_listing, continuity, excerpt, target_units
from microdrama.room.prompts import room_prompt

#: completion tokens allowed per second of runtime (Fountain markup and JSON escaping included)
TOKENS_PER_SECOND = 12


class FountainReply(BaseModel):
    """The model's episode."""

    fountain: str = Field(min_length=40, max_length=40_000, description="The whole episode in Fountain.")


def beats_text(beats: BeatSheet | None) -> str:
    """The beat sheet as the episode request shows it."""
    if beats is None:
        return "(none: follow the offline draft's shape)"
    listed = "\n".join(f"{i}. {b}" for i, b in enumerate(beats.beats, 1))
    return fence(
        f"Title: {beats.title}\nConflict: {beats.conflict}\nOpening hook: {beats.opening_hook}\n"
        f"Beats:\n{listed}\nEmotional curve: {beats.emotional_curve}\nEnding hook: {beats.ending_hook}"
    )


def _common(story: Story, beats: BeatSheet | None, number: int, note: str) -> dict[str, str]:
    episode = story.episode(number)
    keep = "\n".join(fence(line) for line in beats.keep_lines) if beats and beats.keep_lines else "(none)"
    return {
        "number": str(number),
        "heading": f"# EP{number:02d}",
        "total": str(len(story.plan.episodes)),
        "seconds": str(round(episode.target_ms / 1000)),
        "words": str(target_units(story, episode)),
        "cues": ", ".join(allowed_cues(story, beats.minor_roles if beats else [])),
        "keep": keep,
        "cliffhanger": fence(episode.cliffhanger) if episode.cliffhanger else "(none planned: end on the peak)",
        "excerpt": fence(excerpt(story, episode)),
        "note": f"\nThe producer's note for this episode (follow it): {note}\n" if note else "",
    }


def _max_tokens(story: Story, number: int) -> int:
    return max(800, round(story.episode(number).target_ms / 1000 * TOKENS_PER_SECOND))


def episode_request(
    story: Story, beats: BeatSheet | None, number: int, draft: str, note: str = ""
) -> TextRequest[FountainReply]:
    """The request that writes episode ``number`` (``draft`` is its offline Fountain draft)."""
    prompt = room_prompt(story.lang, "episode")
    previous, following = continuity(story, number)
    system, user = render(
        prompt,
        **_common(story, beats, number, note),
        beats=beats_text(beats),
        cast=cast_listing(story, story.episode(number)),
        previous=previous,
        next=following,
        draft=fence(draft),
    )
    return TextRequest(
        stage="write",
        unit=f"ep{number:03d}",
        system=system,
        user=user,
        schema=FountainReply,
        prompt_sha256=prompt.sha256,
        max_tokens=_max_tokens(story, number),
    )


def repair_request(
    story: Story, beats: BeatSheet | None, number: int, attempt: int, text: str, findings: list[str], note: str = ""
) -> TextRequest[FountainReply]:
    """The request that sends ``text`` back with ``findings`` (``attempt`` counts repairs from 1)."""
    prompt = room_prompt(story.lang, "repair")
    system, user = render(
        prompt,
        **_common(story, beats, number, note),
        findings="\n".join(f"- {f}" for f in findings),
        previous_draft=fence(text),
    )
    return TextRequest(
        stage="write",
        unit=f"ep{number:03d}.repair{attempt}",
        system=system,
        user=user,
        schema=FountainReply,
        prompt_sha256=prompt.sha256,
        max_tokens=_max_tokens(story, number),
    )
