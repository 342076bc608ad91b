"""Action lines from the narration of an event: its summary, and a few sentences that show action.

Each line is a sentence of the book (whitespace normalised, at most :data:`MAX_ACTION_CHARS`), with its
span; speech tags ("said Mara.", "姑妈低声道：") and sentences holding quotations are left out, since
the dialogue already carries them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from microdrama.adapt.excerpts import clean, sentence_at, sentence_spans, shorten
from microdrama.model import Event, Quote, Source
from microdrama.text.speech_rate import is_chinese

#: longest action block, in characters
MAX_ACTION_CHARS = 300
#: most narration sentences offered per event besides the summary (the fitter drops what does not fit)
NARRATION_PER_EVENT = 60
#: shortest narration sentence worth a line (English, Chinese), in characters
_MIN_CHARS = {False: 25, True: 8}
_QUOTE_MARKS = re.compile(r"[\"“”「」『』]")
_TAG_END = re.compile(r"[:：]$")
_SENTENCE_END = re.compile(r"[.!?。！？…\"”’』」)）]$")
#: characters a cut-off summary may grow by to reach the end of its sentence
_COMPLETION_CHARS = 24


@dataclass(frozen=True)
class ActionLine:
    """An action line and where it comes from."""

    text: str
    start: int
    end: int


def summary_line(event: Event, source: Source, language: str) -> ActionLine:
    """The event's summary as an action line, located in the text (its span, or where it is found).

    A summary the analysis cut off mid-sentence is completed from the book when the rest is short, else
    cut at its last clause and marked with an ellipsis (never left hanging on "came up to").
    """
    text = shorten(clean(event.summary, language), MAX_ACTION_CHARS, language)
    if event.summary_span is not None:
        span = event.summary_span
        if text and not _SENTENCE_END.search(text):
            start, end = sentence_at(source.text, span.start, language)
            whole = clean(source.text[start:end], language)
            if whole.startswith(text[: len(text) // 2]):
                text = shorten(whole, max(len(text) + _COMPLETION_CHARS, 60), language)
                return ActionLine(text, span.start, max(span.end, end) if not text.endswith("…") else span.end)
        return ActionLine(text, span.start, span.end)
    found = source.text.find(event.summary.strip(), event.start, event.end)
    if found >= 0:
        return ActionLine(text, found, found + len(event.summary.strip()))
    return ActionLine(text, event.start, event.end)


def narration_lines(
    event: Event, quotes: list[Quote], source: Source, language: str, *, limit: int = NARRATION_PER_EVENT
) -> list[ActionLine]:
    """Up to ``limit`` narration sentences of the event that carry action, in text order."""
    zh = is_chinese(language)
    text = source.text
    summary = event.summary_span
    gaps: list[tuple[int, int]] = []
    cursor = event.start
    for quote in sorted(quotes, key=lambda q: q.start):
        if quote.start > cursor:
            gaps.append((cursor, min(quote.start, event.end)))
        cursor = max(cursor, quote.end)
    if cursor < event.end:
        gaps.append((cursor, event.end))
    tags = [q.cue for q in quotes if q.cue]
    lines: list[ActionLine] = []
    for gap_start, gap_end in gaps:
        for start, end in sentence_spans(text, gap_start, gap_end, language):
            if summary is not None and start < summary.end and end > summary.start:
                continue
            sentence = clean(text[start:end], language)
            if (
                len(sentence) < _MIN_CHARS[zh]
                or _QUOTE_MARKS.search(sentence)
                or _TAG_END.search(sentence)
                or (not zh and not sentence[:1].isupper())
                or sentence == clean(event.summary, language)
                or any(tag in sentence for tag in tags)
            ):
                continue
            lines.append(ActionLine(shorten(sentence, MAX_ACTION_CHARS, language), start, end))
            if len(lines) >= limit:
                return lines
    return lines
