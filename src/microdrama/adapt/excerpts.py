"""Sentence-level excerpts of the book: the extraction tools the offline adapt and write stages share.

Everything here cuts the source at sentence or clause boundaries and never rewrites words, so a line
made from an excerpt can always be traced back to its offsets in ``Source.text``.
"""

from __future__ import annotations

import re

from microdrama.text.sentences import sentences
from microdrama.text.speech_rate import is_chinese

_CLAUSE = re.compile(r"[，,；;：:、—]")
_SPACES = re.compile(r"\s+")
_ZH_SPACES = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def clean(text: str, language: str) -> str:
    """Collapse whitespace (hard line wraps, indents); Chinese loses spaces between CJK characters.

    >>> clean("  She   walked\\n into the room. ", "en")
    'She walked into the room.'
    >>> clean("　　他走了。\\n　　她哭了。", "zh")
    '他走了。她哭了。'
    """
    text = text.replace("\u3000", " ")
    if is_chinese(language):
        text = _ZH_SPACES.sub("", text)
    return _SPACES.sub(" ", text).strip()


def sentence_spans(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as (start, end) offsets, whitespace trimmed.

    >>> t = "He came. Mr. Darcy bowed! She left."
    >>> [t[a:b] for a, b in sentence_spans(t, 0, len(t), "en")]
    ['He came.', 'Mr. Darcy bowed!', 'She left.']
    """
    return sentences(text, start, end, language="zh" if is_chinese(language) else "en")


def split_sentences(text: str, language: str) -> list[str]:
    """Sentences of a short text (a quotation, a summary), as strings.

    >>> split_sentences("你来了？我等你很久了。坐吧。", "zh")
    ['你来了？', '我等你很久了。', '坐吧。']
    """
    return [text[a:b] for a, b in sentence_spans(text, 0, len(text), language)]


def sentence_at(text: str, offset: int, language: str, *, reach: int = 600) -> tuple[int, int]:
    """The sentence containing ``offset``, looking at most ``reach`` characters each way.

    >>> t = "He came. Mr. Darcy bowed! She left."
    >>> a, b = sentence_at(t, t.index("Darcy"), "en"); t[a:b]
    'Mr. Darcy bowed!'
    """
    lo = max(0, offset - reach)
    hi = min(len(text), offset + reach)
    spans = sentence_spans(text, lo, hi, language)
    for a, b in spans:
        if offset < b:
            return (a, b) if a <= offset else (offset, b)
    return (offset, min(hi, offset + 1))


def shorten(text: str, limit: int, language: str) -> str:
    """Keep whole sentences from the start while they fit ``limit`` characters; else cut at a clause.

    Never returns an empty string for a non-empty text: a single over-long clause is cut hard and
    marked with an ellipsis.

    >>> shorten("He came. She left. They wept.", 20, "en")
    'He came. She left.'
    >>> shorten("他慢慢地走进来，看了看四周，坐下了。", 10, "zh")
    '他慢慢地走进来…'
    """
    text = text.strip()
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in split_sentences(text, language):
        joined = _join(kept, sentence, language)
        if len(joined) > limit:
            break
        kept = joined
    if kept:
        return kept
    clause_end = 0
    for match in _CLAUSE.finditer(text, 0, limit):
        clause_end = match.start()
    cut = text[:clause_end] if clause_end > limit // 3 else text[: limit - 1]
    return cut.rstrip() + "…"


def _join(kept: str, sentence: str, language: str) -> str:
    if not kept:
        return sentence
    return kept + sentence if is_chinese(language) else f"{kept} {sentence}"
