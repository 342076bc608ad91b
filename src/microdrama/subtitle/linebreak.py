"""Line breaking by language: at most two lines, breaks after punctuation, never inside a name, bottom-heavy.

Chinese breaks between jieba words (never inside one), English between words; a break after an
article, a preposition or an auxiliary ("the | house") is penalised as the Netflix general guide asks,
and the top line should not be longer than the bottom one (Pixelogic's pyramid).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from microdrama.subtitle.rules import Limits

#: ends of sentences and of clauses, both scripts
STRONG = set("。！？!?.…⋯")
MEDIUM = set("，、；：,;:—–")
#: a Chinese line never starts with these (kinsoku) …
NO_LINE_START = set("，。、；：！？）》」』”’…⋯,.;:!?)]")
#: … and never ends with these
NO_LINE_END = set("（《「『“‘([")
#: English words a line should not end on (article+noun, preposition+object, auxiliary+verb, pronoun+verb)
WEAK_END = {
    "a",
    "an",
    "the",
    "my",
    "your",
    "his",
    "her",
    "its",
    "our",
    "their",
    "this",
    "that",
    "these",
    "those",
    "to",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "into",
    "i",
    "you",
    "he",
    "she",
    "we",
    "they",
    "is",
    "am",
    "are",
    "was",
    "were",
    "be",
    "been",
    "do",
    "does",
    "did",
    "not",
    "have",
    "has",
    "had",
    "will",
    "would",
    "can",
    "could",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "mr.",
    "mrs.",
    "miss",
    "dr.",
    "and",
    "but",
    "or",
    "nor",
    "so",
    "if",
    "because",
    "when",
    "while",
    "than",
    "as",
    "whether",
}
#: English words a new line may well start with (conjunctions, prepositions)
GOOD_START = {
    "and",
    "but",
    "or",
    "so",
    "because",
    "if",
    "when",
    "while",
    "although",
    "which",
    "who",
    "that",
    "to",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "than",
    "as",
    "after",
    "before",
}
_WORD = re.compile(r"[A-Za-z'’.]+$")


@lru_cache(maxsize=4096)
def _zh_boundaries(text: str) -> tuple[int, ...]:
    """Offsets between jieba words (HMM off: the same split on every machine)."""
    import jieba

    jieba.setLogLevel(60)
    cuts, pos = [], 0
    for word in jieba.lcut(text, HMM=False):
        pos += len(word)
        cuts.append(pos)
    return tuple(cuts[:-1])


def protected_spans(text: str, protected: Iterable[str]) -> list[tuple[int, int]]:
    """Where names and protected phrases occur in ``text`` (start, end)."""
    spans = []
    for phrase in protected:
        if len(phrase) < 2:
            continue
        start = text.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = text.find(phrase, start + 1)
    return spans


def break_positions(text: str, chinese: bool, protected: Iterable[str] = ()) -> list[int]:
    """Offsets where ``text`` may be broken: word boundaries, outside every protected span."""
    spans = protected_spans(text, protected)
    if chinese:
        candidates = set(_zh_boundaries(text))
        candidates |= {i for i in range(1, len(text)) if text[i - 1] in STRONG | MEDIUM or text[i - 1] == " "}
        allowed = [
            i
            for i in sorted(candidates)
            if 0 < i < len(text) and text[i] not in NO_LINE_START and text[i - 1] not in NO_LINE_END
        ]
    else:
        allowed = [i for i in range(1, len(text)) if text[i] == " " and text[i - 1] != " "]
    return [i for i in allowed if not any(a < i < b for a, b in spans)]


def _score(top: str, bottom: str, limit: int, chinese: bool) -> float:
    """Lower is better: punctuation, grammar, bottom-heavy shape and balance."""
    score = 0.0
    if top[-1:] in STRONG:
        score -= 30
    elif top[-1:] in MEDIUM:
        score -= 20
    if not chinese:
        last = top.split()[-1].lower() if top.split() else ""
        first = bottom.split()[0].lower() if bottom.split() else ""
        if last in WEAK_END:
            score += 40
        if first in GOOD_START:  # "and she left", not "that, I …"
            score -= 8
    diff = len(top) - len(bottom)
    score += 1.5 * diff + 4 if diff > 0 else -0.5 * diff
    over = max(0, len(top) - limit) + max(0, len(bottom) - limit)
    return score + 100 * over


def split_at(text: str, position: int) -> tuple[str, str]:
    """The two sides of a break at ``position``, without the spaces around it."""
    return text[:position].rstrip(), text[position:].lstrip()


def best_break(text: str, limit: int, chinese: bool, protected: Iterable[str] = ()) -> int | None:
    """The best offset to break ``text`` in two lines of at most ``limit`` characters, or None."""
    best: tuple[float, int] | None = None
    for i in break_positions(text, chinese, protected):
        top, bottom = split_at(text, i)
        if not top or not bottom or len(top) > limit or len(bottom) > limit:
            continue
        candidate = (_score(top, bottom, limit, chinese), i)
        if best is None or candidate < best:
            best = candidate
    return best[1] if best else None


def break_lines(text: str, limits: Limits, protected: Iterable[str] = ()) -> list[str] | None:
    """``text`` as one or two display lines, or None when it needs more than two lines (split the cue).

    Aims at the target width; falls back to the hard limit when no break fits the target.

    >>> from microdrama.subtitle.rules import limits_for
    >>> break_lines("I never said he took it, and I never will.", limits_for("en"))
    ['I never said he took it,', 'and I never will.']
    """
    text = " ".join(text.split())
    protected = tuple(protected)
    for limit in dict.fromkeys((limits.target_chars, limits.max_chars)):
        if len(text) <= limit:
            return [text]
        position = best_break(text, limit, limits.chinese, protected)
        if position is not None:
            return list(split_at(text, position))
    return None


def fits(text: str, limits: Limits, protected: Iterable[str] = ()) -> bool:
    """Whether ``text`` fits in one cue (two lines at the hard limit)."""
    return break_lines(text, limits, protected) is not None


def split_text(text: str, limits: Limits, protected: Iterable[str] = ()) -> list[str]:
    """``text`` cut into pieces that each fit a cue: at sentence ends first, then clauses, then words.

    >>> from microdrama.subtitle.rules import limits_for
    >>> split_text("沈小姐，久仰。我是韩振东，韩氏海运的。当年我和你父亲也算老相识。", limits_for("zh-Hans"))
    ['沈小姐，久仰。我是韩振东，韩氏海运的。', '当年我和你父亲也算老相识。']
    """
    text = " ".join(text.split())
    protected = tuple(protected)
    if fits(text, limits, protected) and len(text) <= 2 * limits.target_chars:
        return [text]
    halves = halve(text, limits.chinese, protected, limits)
    if halves is None:
        return [text]  # one unbreakable run (a very long name): reported by QC
    return split_text(halves[0], limits, protected) + split_text(halves[1], limits, protected)


def halve(
    text: str, chinese: bool, protected: Iterable[str] = (), limits: Limits | None = None
) -> tuple[str, str] | None:
    """``text`` cut in two: where both halves fit a cue (with ``limits``), at the sentence end nearest its
    middle, else a clause end, else a word; None when it cannot be broken.

    >>> halve("Go home. Now, before he sees you.", False)
    ('Go home.', 'Now, before he sees you.')
    """
    positions = break_positions(text, chinese, protected)
    if not positions:
        return None
    middle = len(text) / 2

    def rank(i: int) -> tuple[bool, int, float, int]:
        head, tail = split_at(text, i)
        both_fit = limits is not None and all(
            fits(part, limits, protected) and len(part) <= 2 * limits.target_chars for part in (head, tail)
        )
        before = text[:i].rstrip()[-1:]
        kind = 0 if before in STRONG else 1 if before in MEDIUM else 2
        return (not both_fit, kind, abs(i - middle), i)

    return split_at(text, min(positions, key=rank))


def dash_prefix(chinese: bool) -> str:
    """The dual-speaker dash: '-' without a space in English, '–' in Chinese (craft.md §4.3)."""
    return "–" if chinese else "-"


def dual_lines(first: str, second: str, limits: Limits) -> list[str] | None:
    """Two speakers in one cue, one per line with the dash, or None when either does not fit one line."""
    dash = dash_prefix(limits.chinese)
    lines = [dash + " ".join(first.split()), dash + " ".join(second.split())]
    return lines if all(len(line) <= limits.max_chars for line in lines) else None
