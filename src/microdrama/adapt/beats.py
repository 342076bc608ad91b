"""An episode's beat sheet and title, drawn from the summaries of the events it plays."""

from __future__ import annotations

import re

from microdrama.adapt.excerpts import clean, shorten, split_sentences
from microdrama.model import Beat, Chapter, Event
from microdrama.model.series import BeatKind
from microdrama.text.speech_rate import is_chinese

#: a tension change at least this large between two events reads as a reversal
REVERSAL_DELTA = 0.3
#: longest beat text, in characters
BEAT_CHARS = 200

_ZH_NUMBERING = re.compile(r"^\s*第[〇零一二三四五六七八九十百千两\d０-９]+[章回节卷部篇集]\s*[:：.、]?\s*")
_EN_NUMBERING = re.compile(
    r"^\s*(?:(?:chapter|book|part|volume|stave)\s+(?:[ivxlcdm]+|\d+|[a-z-]+)\b|[ivxlcdm]+\b|\d+\b)\s*[.:\-—–]?\s*",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[，,；;：:。!！?？—\"“”‘’「」()（）]")
_EN_STOP_TAIL = frozenset(
    "a an the and or but of to in on at by with for from as that which who his her their its".split()
    + "was were is are am be been being had has have should could would will shall may might must can did do does".split()
    + "than such very so more most this these those two three four some any every no not".split()
)
#: an apostrophe inside a word (Jane’s), which must not break a clause the way a closing quote does
_INNER_APOSTROPHE = re.compile(r"(?<=\w)[’'](?=\w)")
#: editorial insertions such as "[Illustration]"
_BRACKETED = re.compile(r"\[[^\]]*\]|【[^】]*】")


def beat_text(event: Event, language: str) -> str:
    """The event's summary, cleaned and kept to :data:`BEAT_CHARS`."""
    return shorten(clean(event.summary, language), BEAT_CHARS, language)


def make_beats(events: list[Event], language: str) -> list[Beat]:
    """Hook (first event), escalation (the most tense event in between), reversal (the sharpest
    tension turn in between, other than the peak), cliffhanger (last event); in play order.

    A one-event episode has a hook and a cliffhanger only.
    """
    if not events:
        return []
    marks: dict[int, BeatKind] = {}
    middle = range(1, len(events) - 1)
    if middle:
        marks[max(middle, key=lambda i: (events[i].tension, -i))] = "escalation"
    turns = [
        i for i in middle
        if i not in marks and abs(events[i].tension - events[i - 1].tension) >= REVERSAL_DELTA
    ]
    if turns:
        marks[max(turns, key=lambda i: (abs(events[i].tension - events[i - 1].tension), -i))] = "reversal"
    beats = [Beat(kind="hook", text=beat_text(events[0], language), events=[events[0].id])]
    for i in sorted(marks):
        beats.append(Beat(kind=marks[i], text=beat_text(events[i], language), events=[events[i].id]))
    beats.append(Beat(kind="cliffhanger", text=beat_text(events[-1], language), events=[events[-1].id]))
    return beats


def chapter_title(chapter: Chapter) -> str:
    """A chapter heading without its numbering ('' when the heading is only a number).

    >>> chapter_title(Chapter(index=1, kind="chapter", label="chapter", title="第一回　灵根育孕源流出　心性修持大道生",
    ...                       start=0, body_start=0, end=1))
    '灵根育孕源流出 心性修持大道生'
    >>> chapter_title(Chapter(index=1, kind="chapter", label="chapter", title="CHAPTER I. Down the Rabbit-Hole",
    ...                       start=0, body_start=0, end=1))
    'Down the Rabbit-Hole'
    >>> chapter_title(Chapter(index=1, kind="chapter", label="chapter", title="Chapter XLII",
    ...                       start=0, body_start=0, end=1))
    ''
    """
    title = chapter.title.replace("\u3000", " ").strip()
    title = _ZH_NUMBERING.sub("", title)
    if title == chapter.title.replace("\u3000", " ").strip():
        title = _EN_NUMBERING.sub("", title)
    title = re.sub(r"\s+", " ", title).strip(" .:-—–")
    return title if len(title) <= 60 else ""


def phrase(summary: str, language: str) -> str:
    """A short title phrase from a summary: its first full clause, at most 16 characters or 6 words.

    >>> phrase("Elizabeth refuses Mr. Collins, to her mother's horror.", "en")
    'Elizabeth refuses Mr. Collins'
    >>> phrase("夜里，宝玉挨打，众人都来探望。", "zh")
    '宝玉挨打'
    >>> phrase("Jane’s impatience to acquaint her sister was great.", "en")
    "Jane's impatience to acquaint her sister"
    """
    text = _BRACKETED.sub("", clean(_INNER_APOSTROPHE.sub("'", summary), language)).strip()
    sentences = split_sentences(text, language)
    first = sentences[0] if sentences else text
    zh = is_chinese(language)
    clauses = [part.strip() for part in _CLAUSE_BREAK.split(first) if part.strip()]
    # skip a leading time adverbial ("That night,", "夜里，") when a fuller clause follows
    substantial = [c for c in clauses if (len(c) >= 4 if zh else len(c.split()) >= 3)]
    head = (substantial or clauses or [first.strip()])[0]
    if zh:
        return head[:16]
    words = head.split()[:6]
    while len(words) > 1 and words[-1].lower() in _EN_STOP_TAIL:
        words.pop()
    return " ".join(words).rstrip(".")


def episode_title(
    events: list[Event], chapter_openers: dict[str, Chapter], used: set[str], language: str
) -> str:
    """Title of an episode: the title of a chapter it opens, else a phrase of its most tense event.

    ``chapter_openers`` maps the id of each chapter's first event to that chapter; ``used`` holds titles
    already given (a chapter title is not repeated).
    """
    for event in events:
        chapter = chapter_openers.get(event.id)
        if chapter is not None:
            title = chapter_title(chapter)
            if title and title not in used:
                return title
    ranked = sorted(events, key=lambda e: (-e.tension, -e.importance, events.index(e)))
    # the most tense event whose summary gives a title that reads as one (not "who was leaning against")
    for event in ranked:
        title = phrase(event.summary, language)
        if reads_as_title(title, language):
            return title
    return phrase(ranked[0].summary, language) or ranked[0].id


def reads_as_title(title: str, language: str) -> bool:
    """True when a phrase can stand as a title: English starts with a capital and has two words or more.

    >>> reads_as_title("who was leaning against the mantel-piece", "en"), reads_as_title("Jane shook her head", "en")
    (False, True)
    """
    if is_chinese(language):
        return len(title) >= 2
    words = title.split()
    return len(words) >= 2 and words[0][:1].isupper()
