"""Model-backed speaker attribution for the quotations the rules are unsure of (an ``Attributor``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from microdrama.analyze.attribution import AttributionContext
from microdrama.engines.text.chat import ChatEngine
from microdrama.engines.text.prompts import fence, load_prompt, render
from microdrama.engines.text.protocol import TextRequest
from microdrama.engines.text.units import run_units
from microdrama.model import UNKNOWN_SPEAKER, Quote
from microdrama.model.usage import UnitOutcome

PASSAGE_CHARS = 700
MAX_CAST = 60


class SpeakerChoice(BaseModel):
    """The model's answer for one quotation."""

    id: str = Field(description="Quotation id, as given.")
    speaker: str = Field(description="Cast id of the speaker, or 'unknown'.")
    confidence: float = Field(ge=0.0, le=1.0, description="How sure, 0-1.")


class SpeakerReply(BaseModel):
    """The model's answer for one chunk of quotations."""

    items: list[SpeakerChoice] = Field(description="One item per quotation asked about.")


class ModelAttributor:
    """Asks the model who speaks each quotation whose rule-based confidence is under ``threshold``.

    Runs after :class:`~microdrama.analyze.attribution.RuleAttributor`; never lowers a confidence,
    never invents a character (replies naming an id outside the cast are repaired or dropped).
    """

    def __init__(self, engine: ChatEngine, *, threshold: float = 0.5, chunk: int = 10, max_quotes: int = 3000) -> None:
        self.engine = engine
        self.threshold = threshold
        self.chunk = chunk
        self.max_quotes = max_quotes
        self.outcomes: list[UnitOutcome] = []
        self.prompt = load_prompt("attribute")

    def _cast_lines(self, context: AttributionContext) -> tuple[str, set[str]]:
        names: dict[str, list[str]] = {}
        for alias, key in sorted(context.names.owner.items()):
            names.setdefault(key, []).append(alias)
        keys = sorted(names, key=lambda k: (-len(names[k]), k))[:MAX_CAST]
        return "\n".join(f"{k}: {', '.join(sorted(names[k])[:6])}" for k in sorted(keys)), set(keys)

    def attribute(self, quotes: list[Quote], context: AttributionContext) -> list[Quote]:
        """See :class:`~microdrama.analyze.attribution.Attributor`."""
        cast_text, keys = self._cast_lines(context)
        unsure = [q for q in quotes if q.confidence < self.threshold][: self.max_quotes]
        if not unsure or not keys:
            return quotes
        chunks = [unsure[i : i + self.chunk] for i in range(0, len(unsure), self.chunk)]
        allowed = keys | {UNKNOWN_SPEAKER}

        def work(chunk: list[Quote], unit: str) -> SpeakerReply:
            items = []
            for q in chunk:
                start, end = context.paragraph_at(q.start)
                lo = max(min(start, q.start - PASSAGE_CHARS // 2), 0)
                hi = min(max(end, q.end + PASSAGE_CHARS // 4), len(context.text), lo + PASSAGE_CHARS)
                items.append(f"[{q.id}] quotation: {fence(q.text)}\npassage: {fence(context.text[lo:hi])}")
            system, user = render(self.prompt, cast=cast_text, items="\n\n".join(items))
            ids = {q.id for q in chunk}

            def check(reply: SpeakerReply) -> None:
                for item in reply.items:
                    if item.id not in ids:
                        raise ValueError(f"quotation id {item.id!r} was not asked about")
                    if item.speaker not in allowed:
                        raise ValueError(f"speaker {item.speaker!r} is not a cast id (nor 'unknown')")

            request = TextRequest(
                stage="analyze",
                unit=unit,
                system=system,
                user=user,
                schema=SpeakerReply,
                prompt_sha256=self.prompt.sha256,
                max_tokens=60 * len(chunk) + 100,
            )
            return self.engine.complete(request, check=check).value

        units = [
            (f"quotes-{i + 1:03d}", (lambda c=c, u=f"quotes-{i + 1:03d}": work(c, u))) for i, c in enumerate(chunks)
        ]
        results = run_units(
            "analyze", units, ledger=self.engine.options.ledger, concurrency=self.engine.options.settings.concurrency
        )
        choices: dict[str, SpeakerChoice] = {}
        for reply, outcome in results:
            self.outcomes.append(outcome)
            for item in reply.items if reply else []:
                choices[item.id] = item
        result = []
        for q in quotes:
            choice = choices.get(q.id)
            if choice and choice.speaker != UNKNOWN_SPEAKER and choice.confidence > q.confidence:
                q = q.model_copy(
                    update={
                        "speaker": choice.speaker,
                        "attribution": "implicit",
                        "confidence": min(choice.confidence, 0.9),
                        "cue": None,
                    }
                )
            result.append(q)
        return result
