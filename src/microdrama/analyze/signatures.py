"""Signature phrases: the verbal tics and address terms a character's sure quotations show.

Gatsby says "old sport", Mr. Micawber "in short", Uriah Heep "'umble": a phrase a character uses
in several quotations the text attributes by a speech-verb cue, and that nobody else is heard to
say, is evidence for who speaks a quotation that turn-taking must otherwise guess. Learnt per
book from its own explicit cues, so it needs no list and works on any novel.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from microdrama.analyze.lexicons import EN_STOPWORDS
from microdrama.model import UNKNOWN_SPEAKER, Quote

#: a phrase must be heard in this many sure quotations of one speaker
MIN_QUOTES = 3
#: and in no more than this share of sure quotations of anyone else
MIN_SHARE = 0.85
#: and be this unlikely to go to the speaker that often by chance (their share of sure quotes,
#: to the power of the quotations the phrase is heard in)
MAX_CHANCE = 0.01
#: a sure quotation: found by a speech-verb cue naming the speaker
SURE = 0.7

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)*")
_FUNCTION = frozenset(w.lower() for w in EN_STOPWORDS) | frozenset(
    """
    a an the i i'm i’m it's it’s don't don’t can't can’t won't won’t isn't isn’t that's that’s you're
    you’re we're we’re they're they’re he's he’s she's she’s i'll i’ll i've i’ve i'd i’d you'll you’ll
    is am are was were be been to of in on at by for with and or but not no yes so as if then than
    there here this that these those it its he she him her his hers they them their we us our you your
    me my mine what who whom which when where why how all any some one do does did have has had
    shall should will would can could may might must very much more most just only
    """.split()
)


def _phrases(text: str) -> set[str]:
    """The word pairs and triples of a quotation that hold at least one content word."""
    words = _WORD.findall(text.lower())
    found: set[str] = set()
    for size in (2, 3):
        for at in range(len(words) - size + 1):
            gram = words[at : at + size]
            if any(w not in _FUNCTION and len(w) > 2 for w in gram):
                found.add(" ".join(gram))
    return found


def learn_signatures(quotes: Iterable[Quote], language: str, names: Iterable[str] = ()) -> dict[str, str]:
    """``{phrase: speaker}`` for phrases only one speaker's sure quotations use, often enough.

    A phrase holding a word of a character's name (``names``) says whom they talk about, not who talks.

    >>> from microdrama.model import Quote
    >>> def q(i, text, who):
    ...     return Quote(id=f"q{i}", start=0, end=1, text=text, speaker=who, attribution="explicit", confidence=0.9)
    >>> sure = [q(i, "Come on, old sport.", "g") for i in range(4)]
    >>> sure += [q(10 + i, f"No, thank you {i}.", who) for i, who in enumerate("nnnnnnnnntttttttt")]
    >>> learn_signatures(sure, "en")["old sport"]
    'g'
    """
    if language == "zh":
        return {}  # Chinese has no word spaces; its short tics (罢了, 呢) are everyone's
    by_phrase: dict[str, Counter[str]] = defaultdict(Counter)
    per_speaker: Counter[str] = Counter()
    for quote in quotes:
        if quote.speaker == UNKNOWN_SPEAKER or quote.confidence < SURE:
            continue
        per_speaker[quote.speaker] += 1
        for phrase in _phrases(quote.text):
            by_phrase[phrase][quote.speaker] += 1
    total = sum(per_speaker.values())
    name_words = {w for name in names for w in _WORD.findall(name.lower())} - _FUNCTION
    signatures: dict[str, str] = {}
    for phrase, speakers in by_phrase.items():
        (speaker, count), heard = speakers.most_common(1)[0], sum(speakers.values())
        if count < MIN_QUOTES or count < heard * MIN_SHARE or name_words.intersection(phrase.split()):
            continue
        if (per_speaker[speaker] / total) ** count <= MAX_CHANCE:
            signatures[phrase] = speaker
    return signatures


def signed_by(quote: Quote, signatures: dict[str, str]) -> str | None:
    """The one speaker whose signature phrases the quotation uses, if exactly one."""
    if not signatures:
        return None
    speakers = {signatures[p] for p in _phrases(quote.text) if p in signatures}
    return next(iter(speakers)) if len(speakers) == 1 else None
