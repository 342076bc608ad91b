"""Dramatic scores of events, re-read from the text for planning: tension, tension at the end, importance.

The analysis gives every event a tension (density of a single word list) and an importance (who takes
part). Cutting episodes needs more: which *kind* of drama an event holds (conflict, threat, revelation,
reversal, emotion — craft.md §1.3 hook and highlight types), how tense its *last* moments are (an
episode cut there ends on them), and whether its people and things come back later (consequence).
This module scores those from ``Source.text`` so the planner does not depend on how the analysis
weighs its words; the analysis' own numbers are blended in, never discarded.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from lemminflect import getInflection, getLemma

from microdrama.model import Event, Quote
from microdrama.text.speech_rate import is_chinese, speech_units

#: kinds of dramatic charge, each a word list per language (English: whole lowercase words; Chinese:
#: substrings, so single characters are only those that rarely occur outside the sense)
EN_KINDS: dict[str, frozenset[str]] = {
    "conflict": frozenset(
        "angry anger fury furious rage enraged quarrel quarrelled argue argued dispute insult insulted "
        "refuse refused reject rejected fight fought struggle struggled blow attack attacked accuse accused "
        "indignant indignation resentment hate hatred contempt scorn defy defied rival enemy enemies".split()
    ),
    "threat": frozenset(
        "danger dangerous fear feared afraid terror terrible horror horrified dread dreadful kill killed "
        "murder murdered murderer death dead die died dying blood bloody weapon pistol sword knife gun poison "
        "poisoned prison prisoner arrest arrested threat threaten threatened escape escaped flee fled chase "
        "wound wounded violent violence ruin ruined crime criminal guilty alarm alarmed".split()
    ),
    "revelation": frozenset(
        "secret secrets reveal revealed discovery discovered discover confess confessed confession truth "
        "letter lie lies lied betray betrayed betrayal deceive deceived identity learned learnt knew "
        "mystery clue proof evidence".split()
    ),
    "reversal": frozenset(
        "suddenly sudden shock shocked astonished astonishment surprise surprised unexpected instantly "
        "changed however nevertheless elope eloped gone vanished disappeared".split()
    ),
    "emotion": frozenset(
        "tears wept weep cry cried sob sobbed scream screamed despair disgrace shame ashamed jealous "
        "jealousy revenge vengeance love loved passion agitation agitated trembling trembled marry "
        "marriage proposal heart grief misery wretched".split()
    ),
}
#: past forms too common in the present tense to carry drama there ("knows", "changes")
_NO_PRESENT = frozenset("knew learned learnt changed gone".split())


def _with_present(words: frozenset[str]) -> frozenset[str]:
    """The word list with the present forms of its past-tense verbs ("murdered" → "murders", "murder"),
    so a screen direction in the present tense carries the same charge as the book's sentence; a few
    adjectives of the same kind added ("murderous")."""
    extra = set()
    for word in words - _NO_PRESENT:
        for lemma in getLemma(word, upos="VERB", lemmatize_oov=False) or ():
            if lemma != word:
                for tag in ("VB", "VBZ", "VBG"):
                    extra.update(getInflection(lemma, tag=tag) or ())
    return words | extra


EN_KINDS = {kind: _with_present(words) for kind, words in EN_KINDS.items()}
EN_KINDS["threat"] |= frozenset("murderous deadly fatal menace menacing armed revolver rifle corpse".split())
ZH_KINDS: dict[str, tuple[str, ...]] = {
    "conflict": ("怒", "骂", "吵", "闹", "打", "争", "恨", "仇", "辱", "斥", "逼", "拒绝", "不肯", "冷笑", "翻脸", "对头"),
    "threat": ("杀", "死", "血", "刀", "枪", "毒", "危", "险", "灾", "祸", "捉", "拿住", "抢", "逃", "怕", "吓", "惊",
               "慌", "病", "亡", "命", "牢", "罚"),
    "revelation": ("秘密", "真相", "原来", "竟是", "才知", "方知", "认出", "告诉", "信", "说破", "露出", "识破"),
    "reversal": ("忽然", "突然", "不料", "谁知", "竟", "偏偏", "却", "不想", "谁想", "岂知", "登时", "顿时"),
    "emotion": ("哭", "泪", "悲", "哀", "痛", "羞", "嫉", "妒", "爱", "情", "心疼", "伤心", "寂寞", "绝望", "后悔"),
}  # fmt: skip
#: share of an event, from its end, whose tension counts as "where the episode is cut"
END_SHARE = 0.35
#: weight of the analysis' own scores in the blend
ANALYSIS_WEIGHT = 0.35

_EN_WORD = re.compile(r"[a-z]+")
_MARKS = re.compile(r"[!?！？]")
_TENSE_MARKS = re.compile(r"[!?！？…]|--|——")


@dataclass(frozen=True)
class Scores:
    """Planning scores of one event, all in 0–1."""

    tension: float
    """Tension of the whole event."""
    end_tension: float
    """Tension of its closing stretch and last speech: how well an episode cut after it ends."""
    importance: float
    """Weight for the story: main characters, drama, consequences later in the story."""
    kinds: tuple[str, ...]
    """Kinds of drama found (conflict, threat, revelation, reversal, emotion), strongest first."""


def kind_counts(text: str, language: str) -> Counter[str]:
    """Words of each dramatic kind in ``text``.

    >>> sorted(kind_counts("She refused him, and wept. Suddenly a pistol!", "en").items())
    [('conflict', 1), ('emotion', 1), ('reversal', 1), ('threat', 1)]
    >>> kind_counts("他忽然大怒，拔刀便杀。", "zh")["threat"]
    2
    """
    counts: Counter[str] = Counter()
    if is_chinese(language):
        for kind, words in ZH_KINDS.items():
            hits = sum(text.count(w) for w in words)
            if hits:
                counts[kind] = hits
        return counts
    for word in _EN_WORD.findall(text.lower()):
        for kind, words in EN_KINDS.items():
            if word in words:
                counts[kind] += 1
    return counts


def is_tense(text: str, language: str) -> bool:
    """A line that hooks or leaves things open: a dramatic word, ! ? … or a dash.

    >>> is_tense("Who is there?", "en"), is_tense("He sat down.", "en"), is_tense("他忽然大怒。", "zh")
    (True, False, True)
    """
    return bool(_TENSE_MARKS.search(text)) or bool(kind_counts(text, "zh" if is_chinese(language) else "en"))


def raw_charge(text: str, language: str) -> tuple[float, Counter[str]]:
    """Dramatic words per 1000 characters, with a bonus for variety (several kinds at once)."""
    counts = kind_counts(text, language)
    per_thousand = sum(counts.values()) * 1000 / max(len(text), 1)
    return per_thousand * (1 + 0.15 * max(0, len(counts) - 1)), counts


def _dialogue_heat(quotes: list[Quote]) -> float:
    """Share of speeches carrying ! or ? (0–1)."""
    if not quotes:
        return 0.0
    return sum(1 for q in quotes if _MARKS.search(q.text)) / len(quotes)


def percentiles(values: list[float]) -> list[float]:
    """Rank of each value among all, scaled to 0–1 (ties share the lower rank).

    >>> percentiles([3.0, 1.0, 2.0])
    [1.0, 0.0, 0.5]
    """
    if len(values) < 2:
        return [0.5 for _ in values]
    ordered = sorted(values)
    top = len(values) - 1
    return [bisect.bisect_left(ordered, v) / top for v in values]


def score_events(text: str, events: list[Event], quotes: dict[str, Quote], language: str) -> list[Scores]:
    """Planning scores of ``events`` (story order) from the source ``text``."""
    raw: list[float] = []
    raw_end: list[float] = []
    kinds: list[tuple[str, ...]] = []
    for event in events:
        body = text[event.start : event.end]
        own = [quotes[q] for q in event.quotes if q in quotes]
        charge, counts = raw_charge(body, language)
        heat = _dialogue_heat(own)
        raw.append(charge + 2.0 * heat)
        tail_from = event.end - max(1, int((event.end - event.start) * END_SHARE))
        tail_charge, _ = raw_charge(text[tail_from : event.end], language)
        last = max(own, key=lambda q: q.start) if own else None
        last_heat = 1.0 if last is not None and _MARKS.search(last.text[-6:]) else 0.0
        raw_end.append(tail_charge + 1.5 * last_heat + 0.5 * charge)
        kinds.append(tuple(k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))
    tension = percentiles(raw)
    end_tension = percentiles(raw_end)
    later = _consequence(events)
    scores: list[Scores] = []
    for i, event in enumerate(events):
        t = (1 - ANALYSIS_WEIGHT) * tension[i] + ANALYSIS_WEIGHT * event.tension
        e = (1 - ANALYSIS_WEIGHT) * end_tension[i] + ANALYSIS_WEIGHT * event.tension
        if speech_units(event.summary, language) < (4 if is_chinese(language) else 3):
            e *= 0.2  # a summary without words (an image placeholder "0009m") cannot end an episode
        drama = 0.15 if {"revelation", "reversal"} & set(kinds[i][:3]) else 0.0
        importance = 0.45 * event.importance + 0.25 * t + 0.2 * later[i] + drama
        scores.append(Scores(round(t, 4), round(e, 4), round(min(1.0, importance), 4), kinds[i]))
    return scores


def _consequence(events: list[Event]) -> list[float]:
    """How much of an event's cast goes on to matter: for each participant, the share of the story's
    later events they take part in, averaged and ranked (0–1). A first meeting of two leads scores
    high; an episode of a passer-by who never returns scores low."""
    size = len(events)
    remaining: Counter[str] = Counter()
    for event in events:
        remaining.update(set(event.participants))
    values: list[float] = []
    for index, event in enumerate(events):
        people = sorted(set(event.participants))
        for who in people:
            remaining[who] -= 1
        left = max(1, size - index - 1)
        values.append(sum(remaining[w] / left for w in people) / len(people) if people else 0.0)
    return percentiles(values)


def rescored(events: list[Event], scores: list[Scores]) -> list[Event]:
    """Copies of ``events`` carrying the planning tension and importance (beats, titles and the bible's
    roles read them); the analysis' ``story/events.json`` is left as it is."""
    return [
        e.model_copy(update={"tension": s.tension, "importance": s.importance})
        for e, s in zip(events, scores, strict=True)
    ]
