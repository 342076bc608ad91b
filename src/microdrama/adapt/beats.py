"""An episode's beat sheet and title, drawn from the summaries of the events it plays."""

from __future__ import annotations

import re

from microdrama.adapt.defects import PHRASE_END, is_past_form, title_defects
from microdrama.adapt.excerpts import clean, shorten, split_sentences
from microdrama.adapt.screen import present_tense
from microdrama.adapt.tension import kind_counts
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
    text: str = "",
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
            # a Chinese chapter title is often a couplet (灵根育孕源流出 心性修持大道生): each half is a title
            halves = re.split(r"[\s，,;；]+", title) if is_chinese(language) else []
            for choice in [title, *(h for h in halves if h != title)]:
                if choice and choice not in used and not title_defects(choice, language):
                    return choice
    ranked = sorted(events, key=lambda e: (-e.tension, -e.importance, events.index(e)))
    people = [n for n in names or [] if len(n) >= 2]
    for event in ranked:
        phrases = title_phrases(event.summary, language)
        if is_chinese(language):  # a clause naming someone (宝玉挨打) before one that does not (到家中)
            phrases.sort(key=lambda t: not any(n in t for n in people))
        for title in phrases:
            if title not in used and reads_as_title(title, language) and not title_defects(title, language):
                return title
    # the summaries give none: the episode's narration, its most dramatic sentences first
    for title in _narration_titles(events, text, language):
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


_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」|『[^』]*』")


def _narration_titles(events: list[Event], text: str, language: str) -> list[str]:
    """Title phrases from the narration of ``events`` (quotations left out), the sentences with the
    most dramatic words first, then in story order; then its short questions and outcries."""
    if not text:
        return []
    sentences: list[tuple[float, int, str]] = []
    for event in events:
        narration = _QUOTATION.sub(" ", text[event.start : event.end])
        for order, sentence in enumerate(split_sentences(clean(narration, language), language)):
            kinds = kind_counts(sentence, "zh" if is_chinese(language) else "en")
            sentences.append((-float(sum(kinds.values())), len(sentences) + order, sentence))
    out: list[str] = []
    for _, _, sentence in sorted(sentences)[:200]:
        out += [t for t in title_phrases(sentence, language) if t not in out]
    # else a striking short line: a question or an outcry of 3–6 words ("Who Stole the Tarts?")
    for event in events:
        for quoted in _QUOTATION.findall(text[event.start : event.end]):
            line = clean(quoted.strip('“”"「」『』'), language)
            size = len(line) if is_chinese(language) else len(line.split())
            one = line[-1:] in "?!？！" and not re.search(r"[?!？！]", line[:-1])
            if one and (3 <= size <= 6 if not is_chinese(language) else 3 <= size <= 8):
                title = line if is_chinese(language) else _title_case(line)
                if title not in out and not re.search(r"[,;:，；：]", title):
                    out.append(title)
    return out


def _title_case(text: str) -> str:

    return title_case(text)


_ZH_LEADING = re.compile(
    r"^(?:然而|但是|但|于是|可是|所以|因为|而且|并且|便|就|又|也|却|他们|她们|他|她|我们|我|你|这时|那时|后来|其实)"
)


def title_phrases(summary: str, language: str) -> list[str]:
    """Candidate titles from a summary. English: a named subject and its predicate up to where a phrase
    ends (a stop, or before a preposition, conjunction or relative word), ≤ 6 words, in the present tense
    — never the first words of a sentence that goes on ("The next April Daisy" of "The next April Daisy
    had her little girl"). Chinese: each clause of 2–8 字 without a leading conjunction or pronoun.

    >>> title_phrases("John Rance sprang to his feet with a frightened face.", "en")
    ['John Rance Springs to His Feet']
    >>> title_phrases("The next April Daisy had her little girl, and they went to France for a year.", "en")
    []
    >>> title_phrases("Jordan Baker instinctively avoided clever, shrewd men.", "en")
    []
    >>> title_phrases("阿Q被押上大堂，糊里糊涂认了罪；他只想把画押的圈画圆。", "zh")
    ['阿Q被押上大堂', '糊里糊涂认了罪']
    """
    text = _BRACKETED.sub("", clean(_INNER_APOSTROPHE.sub("'", summary), language)).strip()
    zh = is_chinese(language)
    out: list[str] = []
    for sentence in split_sentences(text, language) or [text]:
        if not zh:
            out += [t for t in _en_clause_titles(sentence) if t not in out]
            continue
        for clause in _CLAUSE_BREAK.split(sentence):
            clause = _ZH_LEADING.sub("", clause.strip())
            if 2 <= len(clause) <= 8:
                out.append(clause)
    return out


_PUNCT = ".,;:!?—-\"'“”‘’()"


#: capitalised words that are not a named subject, and adverbs of degree no title ends on
_EN_NOT_SUBJECT = frozenset(
    "it he she they we i you there this that these those who what one our my your his her their its "
    "everyone everybody someone somebody nobody no one each every even".split()
)
_EN_DEGREE = frozenset("quite very not so too rather still only just never also even almost more most less".split())


def _common_word(word: str) -> bool:
    """A capitalised sentence opener that is a common verb or adverb, not a name ("Suppose", "However")."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word.lower().strip(_PUNCT))
    return "VERB" in lemmas or "ADV" in lemmas


def _is_any_verb(word: str) -> bool:
    """A word that is only a verb form ("finds", "sitting", "see"), not also a noun or an adjective."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return "VERB" in lemmas and "NOUN" not in lemmas and "ADJ" not in lemmas


def _is_base_verb(word: str) -> bool:
    from lemminflect import getLemma

    return word.islower() and word in (getLemma(word, upos="VERB", lemmatize_oov=False) or ())


def _is_verb(word: str) -> bool:
    """A finite verb of a summary: a past form ("sprang"), was/had/did, or a present in -s ("runs")."""
    low = word.lower()
    if not low.isalpha() or not word.islower():
        return False
    if is_past_form(low):
        return True
    from lemminflect import getLemma

    return low.endswith("s") and any(lemma != low for lemma in getLemma(low, upos="VERB", lemmatize_oov=False))


def _en_clause_titles(sentence: str) -> list[str]:
    """Titles from one English sentence: each clause that opens on a named subject (1–3 capitalised
    words, after "the" at most) and its verb, cut where a phrase ends within 6 words, the longest."""
    tokens = sentence.split()
    out = []
    for first in range(len(tokens)):
        after_comma_and = first >= 2 and tokens[first - 1].lower() in ("and", "but") and tokens[first - 2].endswith(",")
        if first and not tokens[first - 1].endswith((",", ";", ":")) and not after_comma_and:
            continue
        head = first + (tokens[first].lower() == "the")
        stop = head
        while (
            stop < len(tokens)
            and stop - head < 3
            and tokens[stop][:1].isupper()
            and tokens[stop].lower().strip(_PUNCT) not in _EN_STOP_TAIL | _EN_NOT_SUBJECT
            and not tokens[stop].endswith(tuple(_PUNCT))
            and not re.search(r"['’—]|--", tokens[stop])  # "Tom's words", "I'm": no named subject
        ):
            stop += 1
        if stop == head or stop >= len(tokens) or (head == 0 and stop == 1 and _common_word(tokens[0])):
            continue
        verb = stop + (tokens[stop].endswith("ly") and stop + 1 < len(tokens))  # "Holmes quietly rose"
        plural_verb = tokens[verb] in ("were", "are") and not tokens[stop - 1].endswith("s")
        if not _is_verb(tokens[verb].strip(_PUNCT)) or plural_verb:  # "…, Dost Akbar, and I were"
            continue
        best = 0
        for end in range(verb + 1, min(len(tokens), first + 6) + 1):
            last = tokens[end - 1]
            bare = last.lower().strip(_PUNCT)
            following = tokens[end].lower().strip(_PUNCT) if end < len(tokens) else ""
            infinitive = following == "to" and end + 1 < len(tokens) and _is_base_verb(tokens[end + 1].strip(_PUNCT))
            ends_phrase = end == len(tokens) or (following in PHRASE_END and not infinitive)
            if _is_any_verb(bare) and not last.endswith(tuple(_PUNCT)):
                ends_phrase = end == len(tokens)  # "Tom comes out…": never cut between a verb and what it takes
            if last.endswith(tuple(",;:")):
                ends_phrase = following in PHRASE_END | {"he", "she", "they", "it", "i", "we", "you"}
            elif last.endswith(tuple(".!?—)")):
                ends_phrase = True
            if (
                ends_phrase
                and bare not in _EN_STOP_TAIL | PHRASE_END | _EN_DEGREE | _EN_NOT_SUBJECT
                and not bare.endswith("ly")
            ):
                best = end
            if (last.endswith(tuple(_PUNCT)) and not last.endswith(("'", "’"))) or following in ("and", "or", "but"):
                break
        if best:
            words = " ".join(tokens[first:best]).strip(_PUNCT + " ")
            if words.lower().startswith(("and ", "but ")):
                words = words.split(" ", 1)[1]
            out.append(_title_case(present_tense(words)))
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
