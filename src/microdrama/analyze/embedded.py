"""Embedded narrators: a character who tells a stretch of the book in the first person.

*The Great Gatsby* hands its narration to Jordan Baker for a scene — "(said Jordan Baker that
afternoon, sitting up very straight…)" — and the "I" that follows, up to the next scene break, is
Jordan, not Nick. Inside such a stretch "I said" and the narrator's part in every conversation
belong to the one telling it. The stretch opens with a parenthetical speech tag that names the
teller, and must itself read as first-person narration.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from microdrama.analyze.lexicons import EN_SPEECH_VERBS
from microdrama.analyze.mentions import Mention

#: "(said Jordan Baker that afternoon, …)" / "(Jordan went on, …)": a whole paragraph in brackets
_TAG = re.compile(r"\s*[(（](?P<body>[^()（）]{3,400})[)）]\s*$")
_VERB = re.compile(r"\b(?:" + "|".join(sorted(EN_SPEECH_VERBS | {"told", "tells", "went on"}, key=len)) + r")\b")
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself)\b")
_WORD = re.compile(r"[A-Za-z’']+")
#: the stretch must say I/me/my at least this often per word (first-person narration), over this many words
_MIN_RATE = 0.01
_MIN_WORDS = 80


def embedded_narrations(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    quotes: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    breaks: Sequence[int],
    narrator: str | None,
) -> list[tuple[int, int, str]]:
    """``(start, end, teller)`` for each stretch a character narrates in the first person.

    Args:
        text: the source text.
        paragraphs: paragraph spans in text order.
        quotes: quotation spans in text order (a tag inside a quotation is not narration).
        mentions: character mentions in text order.
        breaks: offsets where a stretch must end (chapter ends, scene breaks), sorted.
        narrator: the book's own narrator, who cannot be embedded in their own narration.

    >>> text = "(said Ann that evening)\\n\\nI was there. " + "I saw it and I left my hat. " * 20
    >>> embedded_narrations(text, [(0, 23), (25, len(text))], [], [(6, 9, "ann")], [len(text)], None)
    [(23, 598, 'ann')]
    """
    quote_starts = [q[0] for q in quotes]
    mention_starts = [m[0] for m in mentions]
    found: list[tuple[int, int, str]] = []
    for start, end in paragraphs:
        if found and start < found[-1][1]:
            continue
        tag = _TAG.match(text, start, end)
        if tag is None or _inside(start, quotes, quote_starts):
            continue
        teller = _teller(tag.start("body"), tag.end("body"), text, mentions, mention_starts)
        if teller is None or teller == narrator:
            continue
        stop = breaks[bisect_right(breaks, end)] if bisect_right(breaks, end) < len(breaks) else len(text)
        narration = _narration(text, end, stop, quotes, quote_starts)
        words = len(_WORD.findall(narration))
        if words >= _MIN_WORDS and len(_FIRST_PERSON.findall(narration)) >= words * _MIN_RATE:
            found.append((end, stop, teller))
    return found


def _teller(start: int, end: int, text: str, mentions: Sequence[Mention], starts: list[int]) -> str | None:
    """The character a bracketed speech tag names as speaking: "said Jordan Baker", "Jordan said"."""
    verb = _VERB.search(text, start, min(end, start + 60))
    if verb is None:
        return None
    at = bisect_right(starts, start - 1)
    for m_start, m_end, key in mentions[at:]:
        if m_start >= min(end, verb.end() + 30):
            break
        between = text[m_end : verb.start()] if m_end <= verb.start() else text[verb.end() : m_start]
        if len(between.split()) <= 2 and not any(ch in between for ch in ",;:"):
            return key
    return None


def _inside(offset: int, quotes: Sequence[tuple[int, int]], starts: list[int]) -> bool:
    at = bisect_right(starts, offset) - 1
    return at >= 0 and quotes[at][0] <= offset < quotes[at][1]


def _narration(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]], starts: list[int]) -> str:
    """The text of ``[start, end)`` outside quotations."""
    pieces: list[str] = []
    cursor = start
    for q_start, q_end in quotes[max(0, bisect_right(starts, start) - 1) :]:
        if q_start >= end:
            break
        if q_end <= cursor:
            continue
        pieces.append(text[cursor : max(cursor, q_start)])
        cursor = max(cursor, q_end)
    pieces.append(text[cursor:end])
    return " ".join(pieces)
