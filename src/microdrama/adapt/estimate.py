"""How much screen time a source event can fill once written as a scene: the least and the most.

The estimate mirrors what the offline writer does with an event. At the least, a cut into the scene
and the summary as an action block (the writer never drops it). At the most, also every quotation as
a dialogue block (a very long speech counted at its condensed length) and the narration turned into
action lines — of which only a share (:data:`NARRATION_USE`) is counted, since the writer skips speech tags,
fragments and sentences holding quotations. A narration-heavy book (a first-person memoir like 伤逝)
thus fills episodes from its action, not only from its few speeches.
"""

from __future__ import annotations

from dataclasses import dataclass

from microdrama.adapt.excerpts import clean
from microdrama.model import UNKNOWN_SPEAKER, Event, Quote
from microdrama.text.speech_rate import (
    ACTION_PAUSE_MS,
    LONG_SPEECH_MS,
    TRANSITION_MS,
    action_ms,
    dialogue_ms,
    is_chinese,
    speech_ms,
)

#: share of an event's narration the writer can turn into action lines, by language: English drops
#: more (speech tags, short or lower-case fragments); measured on the corpus with benchmarks/key_events.py
NARRATION_USE = {"en": 0.55, "zh": 0.85}
#: screen time of the cold open in episode 1 (marker, a sentence, a short speech, the cut back)
COLD_OPEN_MS = 10_000


@dataclass(frozen=True)
class Runtime:
    """Least and most screen time of one event, in milliseconds."""

    shortest: int
    fullest: int


def event_runtime(event: Event, text: str, quotes_by_id: dict[str, Quote], language: str) -> Runtime:
    """Estimated screen time of ``event`` at its shortest and written in full."""
    shortest = TRANSITION_MS + action_ms(clean(event.summary, language), language)
    speech = 0
    cursor = event.start
    narration = 0
    for quote in sorted((quotes_by_id[q] for q in event.quotes if q in quotes_by_id), key=lambda q: q.start):
        if quote.start > cursor:
            narration += _narration_ms(text[cursor : min(quote.start, event.end)], language)
        cursor = max(cursor, quote.end)
        if quote.text.strip() and quote.speaker != UNKNOWN_SPEAKER:  # the writer skips unattributed speech
            speech += min(dialogue_ms(clean(quote.text, language), language), LONG_SPEECH_MS)
    if cursor < event.end:
        narration += _narration_ms(text[cursor : event.end], language)
    narration = round(narration * NARRATION_USE["zh" if is_chinese(language) else "en"])
    return Runtime(shortest=shortest, fullest=max(shortest, shortest + speech + narration))


def _narration_ms(text: str, language: str) -> int:
    """Screen time of narration written as action lines: the narrator reading it (the speech engine's
    rate, ``text.speech_rate``), then the pause after it."""
    said = speech_ms(text, language)
    return said + ACTION_PAUSE_MS if said else 0


def event_runtimes(events: list[Event], text: str, quotes_by_id: dict[str, Quote], language: str) -> list[Runtime]:
    """:func:`event_runtime` for each event, in order."""
    return [event_runtime(event, text, quotes_by_id, language) for event in events]
