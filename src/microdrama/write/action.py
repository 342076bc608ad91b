"""Action lines from the narration of an event: its summary, and a few sentences that show action.

Each line is a sentence of the book (whitespace normalised, at most :data:`MAX_ACTION_CHARS`), with its
span; speech tags ("said Mara.", "姑妈低声道：") and sentences holding quotations are left out, since
the dialogue already carries them. A quoted term (「立言」, "apology": a few words, no stop) is part of
its sentence, not a speech: it neither cuts the narration into fragments nor drops the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from microdrama.adapt.defects import is_verse
from microdrama.adapt.excerpts import clean, sentence_at, sentence_spans, shorten, split_sentences
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
#: longest sentence a cut-off summary is completed to (the screen direction then cuts it at a clause)
_WHOLE_SENTENCE_CHARS = 800
#: longest quoted term (English words, Chinese characters): a name or a word in quotation marks
_TERM_SIZE = {False: 3, True: 6}
_STOPS = re.compile(r"[.!?…。！？]")
#: a "sentence" opening on one of these is the tail of a sentence cut by a quotation or an ellipsis
_FRAGMENT_START = tuple(",，、;；:：)）]】")
#: punctuation a narration sentence ends on where a quotation interrupts it
_RUNS_ON = re.compile(r"\s*[,，;；:：、—–-]+$")


@dataclass(frozen=True)
class ActionLine:
    """An action line and where it comes from."""

    text: str
    start: int
    end: int


def summary_line(event: Event, source: Source, language: str) -> ActionLine:
    """The event's summary as an action line, located in the text (its span, or where it is found).

    A summary the analysis cut off mid-sentence is completed from the book to the end of its sentence
    (never left hanging on "came up to"); the screen direction then keeps whole clauses of it.
    """
    text = shorten(clean(event.summary, language), MAX_ACTION_CHARS, language)
    if event.summary_span is not None:
        span = event.summary_span
        if text and not _SENTENCE_END.search(text):
            start, end = sentence_at(source.text, span.start, language)
            whole = clean(source.text[start:end], language)
            if not whole.startswith(text[: len(text) // 2]):  # the summary starts inside its sentence
                whole = clean(source.text[span.start : max(end, span.end)], language)
            if whole.startswith(text[: len(text) // 2]):
                # the whole sentence: the screen direction cuts it before a clause, never mid-phrase
                text = shorten(whole, _WHOLE_SENTENCE_CHARS, language)
                return ActionLine(text, span.start, max(span.end, end) if not text.endswith("…") else span.end)
        return ActionLine(text, span.start, span.end)
    found = source.text.find(event.summary.strip(), event.start, event.end)
    if found >= 0:
        return ActionLine(text, found, found + len(event.summary.strip()))
    return ActionLine(text, event.start, event.end)


def is_term(quote: Quote, source: Source, language: str) -> bool:
    """A quotation that names or cites a word rather than speaks: a few words ending on a letter
    (no stop, no comma), not introduced by a colon ("道：", "said:")."""
    words = clean(quote.text, language)
    zh = is_chinese(language)
    size = len(words) if zh else len(words.split())
    before = source.text[max(0, quote.start - 2) : quote.start].strip()
    return (
        0 < size <= _TERM_SIZE[zh]
        and words[-1].isalnum()
        and not _STOPS.search(words)
        and not before.endswith((":", "："))
    )


def _speech_marks(text: str, start: int, end: int, terms: list[tuple[int, int]]) -> bool:
    """Whether ``text[start:end]`` holds quotation marks other than those of quoted terms."""
    marks = len(_QUOTE_MARKS.findall(text, start, end))
    for term_start, term_end in terms:
        if start <= term_start and term_end <= end:
            marks -= len(_QUOTE_MARKS.findall(text, term_start, term_end))
    return marks > 0


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def in_poem(text: str, offset: int, language: str, cache: dict[int, bool] | None = None) -> bool:
    """Whether ``offset`` lies in a paragraph that is mostly the narrator's verse (half its sentences
    or more, :func:`~microdrama.adapt.defects.is_verse`): a classical novel's poem, whose prose-looking
    lines ("发狠两家齐斗勇。") are verse too.

    >>> book = "他走了。\\n\\n大圣三条如意棒，前遮后挡运机谋。苦争数合无高下，太子心中不肯休。不知那个刚强那个柔。\\n\\n他回来了。"
    >>> in_poem(book, book.index("不知"), "zh"), in_poem(book, 0, "zh")
    (True, False)
    """
    begin = max((m.end() for m in _PARAGRAPH_BREAK.finditer(text, max(0, offset - 4000), offset)), default=0)
    if cache is not None and begin in cache:
        return cache[begin]
    after = _PARAGRAPH_BREAK.search(text, offset)
    paragraph = clean(text[begin : after.start() if after else len(text)], language)
    sentences = split_sentences(paragraph, language)
    verse = sum(1 for s in sentences if is_verse(s, language))
    found = len(sentences) >= 2 and verse * 2 >= len(sentences)
    if cache is not None:
        cache[begin] = found
    return found


def narration_lines(
    event: Event, quotes: list[Quote], source: Source, language: str, *, limit: int = NARRATION_PER_EVENT
) -> list[ActionLine]:
    """Up to ``limit`` narration sentences of the event that carry action, in text order."""
    zh = is_chinese(language)
    text = source.text
    summary = event.summary_span
    terms = [(q.start, q.end) for q in quotes if is_term(q, source, language)]
    gaps: list[tuple[int, int]] = []
    cursor = event.start
    for quote in sorted((q for q in quotes if (q.start, q.end) not in terms), key=lambda q: q.start):
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
                or _speech_marks(text, start, end, terms)
                or sentence.startswith(_FRAGMENT_START)
                or _TAG_END.search(sentence)
                or (not zh and not sentence[:1].isupper())
                or sentence == clean(event.summary, language)
                or any(tag in sentence for tag in tags)
            ):
                continue
            # a sentence that runs into a quotation ("…to hear the Rabbit say to itself,") ends here
            sentence = _RUNS_ON.sub("。" if zh else ".", sentence)
            lines.append(ActionLine(shorten(sentence, MAX_ACTION_CHARS, language), start, end))
            if len(lines) >= limit:
                return lines
    return lines
