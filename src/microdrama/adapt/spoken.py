"""A quotation's words as one clean speech (split parts rejoined, never ending on the tag's comma).

Shared by the plan (its cliffhanger lines) and the writer (its speeches), so it lives with the plan.
"""

from __future__ import annotations

import re

from microdrama.adapt.excerpts import clean
from microdrama.model import Quote, Source
from microdrama.text.speech_rate import is_chinese

_TRAILING = re.compile(r"[\s,，;；:：、]+$")
_LEADING_DASH = re.compile(r"^(?:--|[—–])+\s*")
_EN_STOPS = ".!?…—-"
_ZH_STOPS = "。！？…—"
_CLOSERS = "\"'”’」』)）"


def spoken_text(quote: Quote, source: Source, language: str) -> str:
    """The quotation's words as one clean speech: split parts rejoined at their seam (a comma before a
    capital becomes a full stop: "…of crime. You might…"; before a small letter it stays: "…careful, for
    I…"), and a speech the tag interrupted at a comma ends on a stop, never on the comma.

    >>> from microdrama.model import Span
    >>> book = '"I will come," said he. "But tell me, who sent you?" and "I must be careful," he said, "for I dabble."'
    >>> def quote(*words):
    ...     spans = [Span(start=book.index(w), end=book.index(w) + len(w)) for w in words]
    ...     return Quote(id="q", start=spans[0].start - 1, end=spans[-1].end + 1, parts=spans, text="")
    >>> source = Source.model_construct(text=book)
    >>> a, b = quote("I will come,", "But tell me, who sent you?"), quote("I must be careful,", "for I dabble.")
    >>> spoken_text(a, source, "en"), spoken_text(b, source, "en")
    ('I will come. But tell me, who sent you?', 'I must be careful, for I dabble.')
    """
    zh = is_chinese(language)
    parts = [clean(source.text[p.start : p.end], language) for p in quote.parts] if quote.parts else []
    parts = [p for p in parts if p] or [clean(quote.text, language)]
    words = parts[0]
    for part in parts[1:]:
        part = _LEADING_DASH.sub("", part) or part  # "‘Very,’ said Alice: ‘--where’s the Duchess?’"
        head = _TRAILING.sub("", words)
        if zh:
            words = head + ("，" if head and head[-1] not in _ZH_STOPS and words != head else "") + part
        elif part[:1].isupper() and not re.match(r"I\b", part):
            words = head + ("" if head[-1:] in _EN_STOPS else ".") + " " + part
        else:
            words = f"{head}{',' if words != head else ''} {part}"
    return _end_on_stop(words, language)


def _end_on_stop(words: str, language: str) -> str:
    """A speech ending on a stop: a trailing comma (the tag came next) becomes one, a bare end gets one."""
    zh = is_chinese(language)
    head = _TRAILING.sub("", words)
    if not head:
        return head
    core = head.rstrip(_CLOSERS)
    if core and core[-1] not in (_ZH_STOPS if zh else _EN_STOPS):
        head = core + ("。" if zh else ".") + head[len(core) :]
    return head
