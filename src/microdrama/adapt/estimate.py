"""How much screen time a source event can fill once written as a scene.

The estimate mirrors what the offline writer does with an event: a cut into the scene, the summary as
an action block, each quotation as a dialogue block (a very long speech counted at its condensed
length). Narration the writer may add is left out: it is the first thing cut to fit an episode.
"""

from __future__ import annotations

from microdrama.adapt.excerpts import clean
from microdrama.model import Event, Quote
from microdrama.text.speech_rate import LONG_SPEECH_MS, TRANSITION_MS, action_ms, dialogue_ms


def event_runtime_ms(event: Event, quotes_by_id: dict[str, Quote], language: str) -> int:
    """Estimated screen time of ``event`` written in full, in milliseconds."""
    total = TRANSITION_MS + action_ms(clean(event.summary, language), language)
    for quote_id in event.quotes:
        quote = quotes_by_id.get(quote_id)
        if quote is None or not quote.text.strip():
            continue
        total += min(dialogue_ms(clean(quote.text, language), language), LONG_SPEECH_MS)
    return total


def event_runtimes(events: list[Event], quotes_by_id: dict[str, Quote], language: str) -> list[int]:
    """:func:`event_runtime_ms` for each event, in order."""
    return [event_runtime_ms(event, quotes_by_id, language) for event in events]
