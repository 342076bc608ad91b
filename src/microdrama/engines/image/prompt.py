"""Image prompts: the shot in words, with every character's fixed visual description for consistency."""

from __future__ import annotations

import hashlib

from microdrama.model.media import Look, Shot

SIZE_WORDS = {
    "ECU": "extreme close-up",
    "CU": "close-up",
    "MCU": "medium close-up",
    "MS": "medium shot",
    "WS": "wide shot",
    "EWS": "extreme wide shot",
}
STYLE = "vertical 9:16 storyboard frame, clean cel-shaded illustration, cinematic lighting, no text, no captions"


def shot_prompt(shot: Shot, looks: dict[str, Look]) -> str:
    """A prompt for one frame; the same character is described in the same words in every shot."""
    people = [
        looks[i].description or looks[i].name for i in shot.subject + ([shot.over] if shot.over else []) if i in looks
    ]
    where = f"{'exterior' if shot.setting.upper().startswith('EXT') else 'interior'} {shot.location.lower()}, {shot.time_of_day.lower()}"
    parts = [STYLE, f"{SIZE_WORDS[shot.size]}, {shot.angle} angle, {shot.framing}", where]
    if people:
        parts.append("characters: " + "; ".join(people))
    if shot.blocking:
        parts.append(f"blocking: {shot.blocking}")
    parts.append("faces in the upper third, lower third kept simple for subtitles")
    return ". ".join(parts)


def prompt_seed(prompt: str) -> int:
    """A stable seed from the prompt (same shot, same picture)."""
    return int.from_bytes(hashlib.sha256(prompt.encode()).digest()[:4], "big")
