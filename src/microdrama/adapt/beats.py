"""An episode's beat sheet and title, drawn from the summaries of the events it plays."""

from __future__ import annotations

import re

from microdrama.adapt.defects import title_defects
from microdrama.adapt.excerpts import clean, shorten, split_sentences
from microdrama.adapt.screen import present_tense
from microdrama.adapt.title import title_case
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
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "for",
        "from",
        "as",
        "that",
        "which",
        "who",
        "his",
        "her",
        "their",
        "its",
    ]
    + [
        "was",
        "were",
        "is",
        "are",
        "am",
        "be",
        "been",
        "being",
        "had",
        "has",
        "have",
        "should",
        "could",
        "would",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "can",
        "did",
        "do",
        "does",
    ]
    + [
        "than",
        "such",
        "very",
        "so",
        "more",
        "most",
        "this",
        "these",
        "those",
        "two",
        "three",
        "four",
        "some",
        "any",
        "every",
        "no",
        "not",
    ]
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
    turns = [i for i in middle if i not in marks and abs(events[i].tension - events[i - 1].tension) >= REVERSAL_DELTA]
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
    events: list[Event],
    chapter_openers: dict[str, Chapter],
    used: set[str],
    language: str,
    names: list[str] | None = None,
) -> str:
    """Title of an episode: the title of a chapter it opens when that reads as a title (≤ 6 words /
    ≤ 8 字, not a sentence), else a phrase from its most tense events' summaries that does — never a
    sentence prefix, never one already ``used``; failing all, its main characters' names.

    ``chapter_openers`` maps the id of each chapter's first event to that chapter; ``names`` are the
    cast's names, most important first (for the last resort).
    """
    for event in events:
        chapter = chapter_openers.get(event.id)
        if chapter is not None:
            title = re.sub(r"\s+", " ", re.sub(r"\[\d+\]|[_*]", "", chapter_title(chapter))).strip(" .")
            if title and not is_chinese(language) and title.isupper():
                title = _title_case(title)
            if title and title not in used and not title_defects(title, language):
                return title
    ranked = sorted(events, key=lambda e: (-e.tension, -e.importance, events.index(e)))
    for event in ranked:
        for title in title_phrases(event.summary, language):
            if title not in used and reads_as_title(title, language) and not title_defects(title, language):
                return title
    present = [n for n in names or [] if any(n in e.summary for e in events)][:2] or (names or [])[:2]
    joined = ("与" if is_chinese(language) else " and ").join(present) or phrase(ranked[0].summary, language)
    title = joined or ranked[0].id
    number = 2
    while title in used:
        title = f"{joined} {number}" if not is_chinese(language) else f"{joined}{number}"
        number += 1
    return title


def _title_case(text: str) -> str:

    return title_case(text)


_ZH_LEADING = re.compile(
    r"^(?:然而|但是|但|于是|可是|所以|因为|而且|并且|便|就|又|也|却|他们|她们|他|她|我们|我|你|这时|那时|后来|其实)"
)


def title_phrases(summary: str, language: str) -> list[str]:
    """Candidate titles from a summary: each clause, in the present tense and cut to ≤ 6 words ending
    on a content word (English), or each clause of 2–8 字 without a leading conjunction or pronoun.

    >>> title_phrases("John Rance sprang to his feet with a frightened face.", "en")[0]
    'John Rance Springs to His Feet'
    >>> title_phrases("阿Q被押上大堂，糊里糊涂认了罪；他只想把画押的圈画圆。", "zh")
    ['阿Q被押上大堂', '糊里糊涂认了罪']
    """
    text = _BRACKETED.sub("", clean(_INNER_APOSTROPHE.sub("'", summary), language)).strip()
    zh = is_chinese(language)
    out: list[str] = []
    for sentence in split_sentences(text, language) or [text]:
        for clause in _CLAUSE_BREAK.split(sentence):
            clause = clause.strip()
            if zh:
                clause = _ZH_LEADING.sub("", clause)
                if 2 <= len(clause) <= 8:
                    out.append(clause)
                continue

            words = present_tense(clause).split()[:6]
            while len(words) > 1 and words[-1].lower() in _EN_STOP_TAIL:
                words.pop()
            if len(words) >= 2:
                out.append(_title_case(" ".join(words).rstrip(".")))
    return out


def reads_as_title(title: str, language: str) -> bool:
    """True when a phrase can stand as a title: English starts with a capital and has two words or more.

    >>> reads_as_title("who was leaning against the mantel-piece", "en"), reads_as_title("Jane shook her head", "en")
    (False, True)
    """
    if is_chinese(language):
        return len(title) >= 2
    words = title.split()
    return len(words) >= 2 and words[0][:1].isupper()
