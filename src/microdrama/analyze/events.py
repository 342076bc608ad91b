"""Cut chapters into dramatic units and score them: participants, place, time, summary, tension, importance."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from microdrama.analyze.lexicons import (
    EN_NIGHT_WORDS,
    EN_TENSION_WORDS,
    EN_TIME_SHIFT,
    ZH_NIGHT_WORDS,
    ZH_TENSION_WORDS,
    ZH_TIME_SHIFT,
)
from microdrama.analyze.mentions import Mention
from microdrama.ingest.layout import Layout, paragraphs
from microdrama.model import Chapter, Event, Place, Quote, Span
from microdrama.model.story import Importance
from microdrama.text.sentences import sentences

_EN_WORD = re.compile(r"[a-z]+")
_SCENE_BREAK = re.compile(r"^[\s*·•○●◆◇■□#~=_—–\-.]+$")
_EN_TIME_SHIFT = re.compile(r"\W*(?:" + "|".join(re.escape(w) for w in EN_TIME_SHIFT) + r")\b", re.IGNORECASE)
_ZH_TIME_SHIFT = re.compile(r"\W*(?:" + "|".join(re.escape(w) for w in ZH_TIME_SHIFT) + ")")
_SUMMARY_LIMIT = 200
_IMPORTANCE_WEIGHT: dict[Importance, float] = {"major": 1.0, "intermediate": 0.4, "minor": 0.1}


@dataclass(frozen=True)
class EventSizes:
    """Length bounds of a dramatic unit, in characters."""

    minimum: int
    target: int
    maximum: int

    @classmethod
    def for_language(cls, language: str) -> EventSizes:
        """English units of 500–3000 characters; Chinese ones about half that."""
        return cls(250, 800, 1500) if language == "zh" else cls(500, 1500, 3000)


@dataclass(frozen=True)
class EventInputs:
    """What the segmenter reads: the text, quotes, who is named where, places and importance of each id."""

    text: str
    language: str
    chapters: list[Chapter]
    quotes: list[Quote]
    mentions: list[Mention]
    places: list[Place]
    importance: dict[str, Importance]
    #: how the text marks paragraphs (``microdrama.ingest.layout``)
    layout: Layout = "blank"
    mention_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        object.__setattr__(self, "mention_starts", [m[0] for m in self.mentions])


def find_events(inputs: EventInputs) -> list[Event]:
    """Events of every story chapter, in text order, ids ``e0001``…; tension and importance in 0–1."""
    sizes = EventSizes.for_language(inputs.language)
    quote_starts = [q.start for q in inputs.quotes]
    mention_starts = inputs.mention_starts
    place_mentions = sorted((offset, place.id) for place in inputs.places for offset in place.mentions)
    place_starts = [p[0] for p in place_mentions]
    drafts: list[tuple[Chapter, int, int]] = []
    for chapter in inputs.chapters:
        for start, end in _cut_chapter(inputs, chapter, sizes, quote_starts, mention_starts):
            drafts.append((chapter, start, end))
    events: list[Event] = []
    tensions: list[float] = []
    weights: list[float] = []
    for number, (chapter, start, end) in enumerate(drafts, start=1):
        quotes = inputs.quotes[bisect_left(quote_starts, start) : bisect_left(quote_starts, end)]
        mentions = inputs.mentions[bisect_left(mention_starts, start) : bisect_left(mention_starts, end)]
        places = place_mentions[bisect_left(place_starts, start) : bisect_left(place_starts, end)]
        participants = _participants(mentions, quotes)
        summary, span = _summary(inputs, start, end, quotes, participants)
        tensions.append(_raw_tension(inputs, start, end, quotes))
        weights.append(_raw_importance(participants, quotes, inputs.importance))
        events.append(
            Event(
                id=f"e{number:04d}",
                chapter=chapter.index,
                start=start,
                end=end,
                participants=participants,
                place=Counter(pid for _, pid in places).most_common(1)[0][0] if places else None,
                time_of_day="NIGHT" if _is_night(inputs, start, end) else "DAY",
                summary=summary,
                summary_span=span,
                quotes=[q.id for q in quotes],
                tension=0.0,
                importance=0.0,
            )
        )
    tension = _percentiles(tensions)
    top = max(weights, default=0.0) or 1.0
    return [
        event.model_copy(update={"tension": round(tension[i], 4), "importance": round(weights[i] / top, 4)})
        for i, event in enumerate(events)
    ]


# -- segmentation --------------------------------------------------------------------------------


def _cut_chapter(
    inputs: EventInputs, chapter: Chapter, sizes: EventSizes, quote_starts: list[int], mention_starts: list[int]
) -> list[tuple[int, int]]:
    """Consecutive spans covering the chapter body, cut at paragraph boundaries."""
    text = inputs.text
    paras = paragraphs(text, chapter.body_start, chapter.end, layout=inputs.layout)
    if not paras:
        return [(chapter.body_start, chapter.end)] if chapter.end > chapter.body_start else []
    cuts: list[int] = [chapter.body_start]
    current_cast: set[str] = set()
    for index, (start, end) in enumerate(paras):
        length = start - cuts[-1]
        if index and _inside_quote(inputs.quotes, quote_starts, start):
            continue
        paragraph_cast = {
            m[2] for m in inputs.mentions[bisect_left(mention_starts, start) : bisect_left(mention_starts, end)]
        }
        if index and _SCENE_BREAK.match(text[start:end]) and length > 0:
            cuts.append(start)
            current_cast = set()
            continue
        if index and length >= sizes.minimum:
            time_shift = (_ZH_TIME_SHIFT if inputs.language == "zh" else _EN_TIME_SHIFT).match(text, start, end)
            new_people = bool(paragraph_cast) and bool(current_cast) and not (paragraph_cast & current_cast)
            if time_shift or length >= sizes.maximum or (length >= sizes.target and new_people):
                cuts.append(start)
                current_cast = set()
        current_cast |= paragraph_cast
    spans = [(a, b) for a, b in zip(cuts, [*cuts[1:], chapter.end], strict=True)]
    if len(spans) > 1 and spans[-1][1] - spans[-1][0] < sizes.minimum // 2:
        spans[-2:] = [(spans[-2][0], spans[-1][1])]
    return spans


def _inside_quote(quotes: list[Quote], quote_starts: list[int], offset: int) -> bool:
    index = bisect_right(quote_starts, offset) - 1
    return index >= 0 and quotes[index].start < offset < quotes[index].end


# -- contents ------------------------------------------------------------------------------------


def _participants(mentions: list[Mention], quotes: list[Quote]) -> list[str]:
    inside = [(q.start, q.end) for q in quotes]
    present: set[str] = set()
    cursor = 0
    for m_start, _, key in mentions:
        while cursor < len(inside) and inside[cursor][1] <= m_start:
            cursor += 1
        if cursor < len(inside) and inside[cursor][0] <= m_start:
            continue  # named inside dialogue: talked about, not necessarily there
        present.add(key)
    present |= {q.speaker for q in quotes if q.speaker != "unknown"}
    return sorted(present)


def _narration_sentences(inputs: EventInputs, start: int, end: int, quotes: list[Quote]) -> list[tuple[int, int]]:
    spans = sentences(inputs.text, start, end, language=inputs.language)
    quoted = [(q.start, q.end) for q in quotes]
    return [(a, b) for a, b in spans if not any(qa < b and a < qb for qa, qb in quoted)]


def _summary(
    inputs: EventInputs, start: int, end: int, quotes: list[Quote], participants: list[str]
) -> tuple[str, Span | None]:
    """The narration sentence naming the most participants and tension words, trimmed to 200 characters."""
    text = inputs.text
    candidates = _narration_sentences(inputs, start, end, quotes)
    if not candidates:
        candidates = sentences(text, start, end, language=inputs.language)
    if not candidates:
        return "", None
    mention_starts = inputs.mention_starts
    best: tuple[float, int, int] | None = None
    for a, b in candidates:
        named = {m[2] for m in inputs.mentions[bisect_left(mention_starts, a) : bisect_left(mention_starts, b)]}
        length = b - a
        short = 8 if inputs.language == "zh" else 25
        score = 2.0 * len(named) + _tension_hits(inputs.language, text[a:b]) - (3.0 if length < short else 0.0)
        score -= 0.5 if length > _SUMMARY_LIMIT else 0.0
        if best is None or score > best[0]:
            best = (score, a, b)
    assert best is not None
    _, a, b = best
    b = _trim(text, a, b, inputs.language)
    joiner = "" if inputs.language == "zh" else " "
    return joiner.join(text[a:b].split()), Span(start=a, end=b)


def _trim(text: str, start: int, end: int, language: str) -> int:
    if end - start <= _SUMMARY_LIMIT:
        return end
    stop = start + _SUMMARY_LIMIT
    if language != "zh":
        space = text.rfind(" ", start, stop)
        if space > start + _SUMMARY_LIMIT // 2:
            stop = space
    while stop > start and text[stop - 1] in " ,;:\n":
        stop -= 1
    return stop


def _tension_hits(language: str, passage: str) -> int:
    if language == "zh":
        return sum(passage.count(word) for word in ZH_TENSION_WORDS)
    return sum(1 for word in _EN_WORD.findall(passage.lower()) if word in EN_TENSION_WORDS)


def _raw_tension(inputs: EventInputs, start: int, end: int, quotes: list[Quote]) -> float:
    """Tension words per 1000 characters, plus the share of !/? in the dialogue."""
    length = max(end - start, 1)
    words = _tension_hits(inputs.language, inputs.text[start:end]) * 1000 / length
    if not quotes:
        return words
    marks = sum(q.text.count("!") + q.text.count("?") + q.text.count("！") + q.text.count("？") for q in quotes)
    return words + 2.0 * marks / len(quotes)


def _raw_importance(participants: list[str], quotes: list[Quote], importance: dict[str, Importance]) -> float:
    people = sum(_IMPORTANCE_WEIGHT[importance.get(p, "minor")] for p in participants)
    return people + 0.1 * min(len(quotes), 30)


def _percentiles(values: list[float]) -> list[float]:
    """Rank of each value among all, scaled to 0–1 (ties share the lower rank), so books compare."""
    if len(values) < 2:
        return [0.5 if values and values[0] > 0 else 0.0 for _ in values]
    ordered = sorted(values)
    top = len(values) - 1
    return [bisect_left(ordered, v) / top for v in values]


def _is_night(inputs: EventInputs, start: int, end: int) -> bool:
    passage = inputs.text[start:end]
    head = passage[: max(len(passage) * 2 // 5, 200)]
    if inputs.language == "zh":
        return any(word in head for word in ZH_NIGHT_WORDS[:8]) or sum(passage.count(w) for w in ZH_NIGHT_WORDS) >= 3
    words = _EN_WORD.findall(passage.lower())
    head_words = set(_EN_WORD.findall(head.lower()))
    return bool(head_words & {"night", "midnight", "evening"}) or sum(1 for w in words if w in EN_NIGHT_WORDS) >= 3
