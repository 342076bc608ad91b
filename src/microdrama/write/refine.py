"""Model refinement of an episode's dialogue: tighter lines, each keeping its source quotation or marked new.

Only dialogue lines change; the model never touches headings, action or cues, and every reply is
checked: same line indices, one line each, no Fountain markup, never longer than the original, and a
source that is the line's own quotation or null. The Fountain file and its ``.sources.json`` are
updated together, so ``parse`` keeps each line's reference.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from microdrama.engines.text.chat import ChatEngine
from microdrama.engines.text.prompts import fence, load_prompt, render
from microdrama.engines.text.protocol import TextRequest
from microdrama.formats.fountain import _escape, _unescape
from microdrama.model import ScriptSources

#: a line starting like this would become Fountain structure (heading, section, note, cue…)
_MARKUP = re.compile(r"^\s*(?:INT\b|EXT\b|EST\b|I/E\b|INT\./EXT|[#=!@~>.]|\[\[|/\*|\()", re.IGNORECASE)
SLACK_CHARS = 4


class TightLine(BaseModel):
    """One rewritten dialogue line."""

    index: int = Field(description="Index of the line, as given.")
    text: str = Field(min_length=1, max_length=600, description="The tightened line.")
    source: str | None = Field(default=None, description="The line's quotation id, or null when new.")


class WriteReply(BaseModel):
    """Every dialogue line of the episode, tightened."""

    lines: list[TightLine] = Field(description="One item per line given.")


def _dialogue(fountain: str, sources: ScriptSources) -> list[tuple[int, int, str]]:
    """(index into sources.lines, line number in the Fountain text, speaker cue) of each dialogue line."""
    lines = fountain.split("\n")
    found: list[tuple[int, int, str]] = []
    cursor = 0
    for index, ls in enumerate(sources.lines):
        if ls.quote is None:
            continue
        for n in range(cursor, len(lines)):
            if _unescape(lines[n].strip()) == ls.text.strip():
                back = n - 1
                while back >= 0 and lines[back].strip().startswith("("):
                    back -= 1
                cue = lines[back].strip() if back >= 0 else ""
                found.append((index, n, cue))
                cursor = n + 1
                break
    return found


def refine_episode(
    engine: ChatEngine, number: int, language: str, fountain: str, sources: ScriptSources
) -> tuple[str, ScriptSources] | None:
    """The episode with tightened dialogue (``None`` when it has no dialogue). Raises ``TextEngineError``."""
    dialogue = _dialogue(fountain, sources)
    if not dialogue:
        return None
    prompt = load_prompt("write_episode")
    listing = "\n".join(
        f"{i}. {cue} [{sources.lines[idx].quote}] {fence(sources.lines[idx].text)}"
        for i, (idx, _, cue) in enumerate(dialogue)
    )
    system, user = render(
        prompt, number=str(number), language="Chinese" if language.startswith("zh") else "English", lines=listing
    )
    originals = [sources.lines[idx] for idx, _, _ in dialogue]

    def check(reply: WriteReply) -> None:
        if sorted(x.index for x in reply.lines) != list(range(len(dialogue))):
            raise ValueError(f"return exactly the indices 0..{len(dialogue) - 1}, each once")
        for x in reply.lines:
            original = originals[x.index]
            if "\n" in x.text.strip():
                raise ValueError(f"line {x.index}: one line only")
            if _MARKUP.match(x.text):
                raise ValueError(f"line {x.index}: plain spoken words only, no markup or directions")
            if len(x.text.strip()) > len(original.text) + SLACK_CHARS:
                raise ValueError(f"line {x.index}: longer than the original ({len(original.text)} characters)")
            if x.source not in (None, original.quote):
                raise ValueError(f"line {x.index}: source must be {original.quote!r} or null")

    request = TextRequest(
        stage="write",
        unit=f"ep{number:03d}",
        system=system,
        user=user,
        schema=WriteReply,
        prompt_sha256=prompt.sha256,
        max_tokens=sum(len(o.text) for o in originals) // 2 + 200,
    )
    reply = engine.complete(request, check=check).value
    lines = fountain.split("\n")
    new_sources = list(sources.lines)
    for x in sorted(reply.lines, key=lambda x: x.index):
        idx, line_no, _ = dialogue[x.index]
        original = sources.lines[idx]
        text = " ".join(x.text.split())
        if text == original.text.strip():
            continue
        lines[line_no] = _escape(text)
        new_sources[idx] = original.model_copy(update={"text": text, "quote": x.source, "new": True})
    provenance = sources.provenance.model_copy(
        update={"engine": engine.id, "model": engine.model, "prompt_sha256": prompt.sha256}
    )
    return "\n".join(lines), sources.model_copy(update={"lines": new_sources, "provenance": provenance})
