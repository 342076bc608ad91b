"""Nominal speech cues in English: "said her mother", "the old lady retorted", "cried the general".

A speaker named by a noun phrase instead of a name or a pronoun. :func:`nominal_before` and
:func:`nominal_after` find the phrase next to a speech verb; :class:`NominalIndex` says which
characters an alias-like phrase can stand for ("the general" → "General Tilney", "the croupier" →
a character listed as "The Croupier"), and :data:`PERSON_NOUNS` gives the gender of common person
nouns so that the rest can be resolved like a pronoun.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from microdrama.model.story import Gender

#: common nouns for people, with the gender they imply (None: either)
PERSON_NOUNS: dict[str, Gender | None] = {
    **dict.fromkeys(
        "mother mamma mama mum ma grandmother aunt sister wife daughter niece lady woman girl lass hostess "
        "widow maid duchess countess princess queen governess landlady mistress marchioness baroness "
        "nurse matron housekeeper".split(),
        "female",
    ),
    **dict.fromkeys(
        "father papa pa grandfather uncle brother husband son nephew gentleman man boy lad host widower "
        "duke count prince king earl lord baron marquis general colonel captain major doctor parson "
        "vicar rector curate landlord master butler footman coachman waiter clergyman squire".split(),
        "male",
    ),
    **dict.fromkeys(
        "friend companion stranger visitor guest child cousin voice painter artist professor "
        "secretary chairman servant officer clerk attendant croupier driver guard inspector".split(),
        None,
    ),
}
#: "was her answer", "were all his words": a possessive before one of these is a pronoun cue
SPEECH_NOUNS = frozenset("answer reply rejoinder response retort words remark exclamation comment question".split())
_DETERMINER = r"(?:the|her|his|their|my|our|your|this|that|a|an)"
#: "her mother", "the old lady", "the eldest young lady" (determiner, up to two modifiers, a noun)
_PHRASE = rf"{_DETERMINER}(?:\s+[a-z]+){{1,3}}"
_AFTER_VERB = re.compile(rf"\s+({_PHRASE})\b")
#: before the verb the phrase may open a sentence: "Her husband said “Sh!”"
_BEFORE_VERB = re.compile(
    rf"(?:^|(?<=[\s,;:]))((?i:{_DETERMINER})(?:\s+[a-z]+){{1,3}})\s+(?:(?:was|had|then|now|at last|again)\s+)*$"
)


@dataclass(frozen=True)
class Nominal:
    """A noun phrase that names the speaker: its determiner and its words after it."""

    determiner: str
    words: tuple[str, ...]

    @property
    def head(self) -> str:
        """The noun the phrase ends with."""
        return self.words[-1]

    @property
    def pronoun(self) -> str | None:
        """A possessive before a speech noun names the speaker like a pronoun ("her answer" → she)."""
        if self.head in SPEECH_NOUNS and self.determiner in ("her", "his"):
            return "she" if self.determiner == "her" else "he"
        return None


def _parse(phrase: str) -> Nominal | None:
    words = phrase.split()
    determiner, rest = words[0], tuple(words[1:])
    # keep the phrase up to its first person noun ("the old lady retorted" → old lady)
    for cut, word in enumerate(rest):
        if word in PERSON_NOUNS or word in SPEECH_NOUNS:
            return Nominal(determiner, rest[: cut + 1])
    return Nominal(determiner, rest[:1]) if determiner == "the" and len(rest) == 1 else None


def nominal_after(text: str, start: int, end: int) -> tuple[Nominal, int] | None:
    """``said her mother`` / ``cried the general``: the phrase opening ``text[start:end]`` and its end.

    >>> text = '"No," said her mother quietly.'
    >>> nominal_after(text, 10, len(text))
    (Nominal(determiner='her', words=('mother',)), 21)
    """
    match = _AFTER_VERB.match(text, start, end)
    if match is None:
        return None
    found = _parse(match.group(1))
    if found is None:
        return None
    words = match.group(1).split()
    length = len(words[0]) + sum(1 + len(w) for w in found.words)
    return found, match.start(1) + length


def nominal_before(text: str, start: int, end: int) -> tuple[Nominal, int] | None:
    """``her mother ventured`` / ``the lady was saying``: the phrase closing ``text[start:end]`` and its start.

    >>> text = 'and the old lady retorted'
    >>> nominal_before(text, 0, text.index("retorted"))
    (Nominal(determiner='the', words=('old', 'lady')), 4)
    >>> nominal_before("Her husband said", 0, 12)
    (Nominal(determiner='her', words=('husband',)), 0)
    """
    match = _BEFORE_VERB.search(text, max(start, end - 40), end)
    if match is None:
        return None
    words = match.group(1).split()
    words[0] = words[0].lower()  # "Her husband" opening a sentence
    # "the old lady" inside "and the old lady": try the shortest tail that parses, from its determiner
    for at in range(len(words)):
        if re.fullmatch(_DETERMINER, words[at]):
            found = _parse(" ".join(words[at:]))
            if found is not None and found.head == words[-1]:
                offset = match.start(1) + len(" ".join(words[:at])) + (1 if at else 0)
                return found, offset
    return None


class NominalIndex:
    """Which characters a noun phrase can stand for, from their aliases (case and "the" ignored)."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.exact: dict[str, set[str]] = {}
        self.by_word: dict[str, set[str]] = {}
        for alias, key in names:
            words = alias.replace(".", "").lower().split()
            if words and words[0] == "the":
                words = words[1:]
            if not words:
                continue
            self.exact.setdefault(" ".join(words), set()).add(key)
            if len(words) > 1:
                for word in words:
                    self.by_word.setdefault(word, set()).add(key)

    def owners(self, nominal: Nominal) -> set[str]:
        """Characters whose alias is the phrase ("old lady"), else who have its noun in a longer alias ("General Tilney")."""
        for size in range(len(nominal.words), 0, -1):
            found = self.exact.get(" ".join(nominal.words[-size:]))
            if found:
                return found
        return self.by_word.get(nominal.head, set())
