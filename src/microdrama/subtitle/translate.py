"""Translation of short lines (subtitles) through the text engine, in checked chunks."""

from __future__ import annotations

from pydantic import BaseModel, Field

from microdrama.engines.text.chat import ChatEngine
from microdrama.engines.text.prompts import fence, load_prompt, render
from microdrama.engines.text.protocol import TextRequest
from microdrama.engines.text.units import run_units

CHUNK = 40
LANGUAGES = {
    "en": "English",
    "zh": "Simplified Chinese",
    "zh-Hans": "Simplified Chinese",
    "zh-Hant": "Traditional Chinese",
}


class Translated(BaseModel):
    """One translated line."""

    index: int = Field(description="Index of the line, as given.")
    text: str = Field(min_length=1, max_length=1000, description="The translation.")


class TranslateReply(BaseModel):
    """Translations of one chunk."""

    lines: list[Translated] = Field(description="One item per line given, in order.")


def translate(
    engine: ChatEngine,
    lines: list[str],
    *,
    source_language: str,
    target_language: str,
    stage: str = "subtitles",
    unit: str = "lines",
) -> list[str | None]:
    """Each line translated; ``None`` for the lines of a chunk that failed (the ledger records it)."""
    prompt = load_prompt("translate")
    chunks = [list(range(i, min(i + CHUNK, len(lines)))) for i in range(0, len(lines), CHUNK)]

    def work(indices: list[int], name: str) -> list[str]:
        listing = "\n".join(f"{k}: {fence(lines[i])}" for k, i in enumerate(indices))
        system, user = render(
            prompt,
            source_language=LANGUAGES.get(source_language, source_language),
            target_language=LANGUAGES.get(target_language, target_language),
            lines=listing,
        )

        def check(reply: TranslateReply) -> None:
            if [x.index for x in reply.lines] != list(range(len(indices))):
                raise ValueError(f"return exactly the indices 0..{len(indices) - 1}, in order")
            for x in reply.lines:
                if "\n" in x.text.strip():
                    raise ValueError(f"line {x.index}: one line only")

        request = TextRequest(
            stage=stage,
            unit=name,
            system=system,
            user=user,
            schema=TranslateReply,
            prompt_sha256=prompt.sha256,
            max_tokens=sum(len(lines[i]) for i in indices) * 2 + 100,
        )
        return [x.text.strip() for x in engine.complete(request, check=check).value.lines]

    units = [
        (f"{unit}-{n + 1:03d}", (lambda c=c, name=f"{unit}-{n + 1:03d}": work(c, name))) for n, c in enumerate(chunks)
    ]
    out: list[str | None] = [None] * len(lines)
    for (result, _), indices in zip(
        run_units(stage, units, ledger=engine.options.ledger, concurrency=engine.options.settings.concurrency), chunks
    ):
        if result is not None:
            for i, text in zip(indices, result):
                out[i] = text
    return out
