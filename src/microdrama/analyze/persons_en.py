"""Whether a discovered English name acts like a person, or like a place, a firm or a thing.

Capitalised words are names of people, places ("Montenegro", "the Mediterranean"), firms and
papers ("American Exchange", a magazine), or buildings ("the Opera"). The text tells them apart by
what goes with them: a person speaks ("said Holmes", "Holmes replied"), is spoken to, does things
people do ("Daisy smiled", "Gatsby turned"), owns a body or a family ("Tom's wife", "her hand") and
is followed by he/she; a place is lived in, entered, passed through ("in Montenegro", "at the
Opera", "across the Mediterranean" — not "to" or "of", which go with people as well: "said to Ali",
"the son of Ali"). A character none of whose names has a personal title or a known first name is
dropped when place contexts outnumber person contexts two to one (three at least).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from microdrama.analyze.lexicons import EN_FEMALE_FIRST_NAMES, EN_HONORIFICS, EN_MALE_FIRST_NAMES, EN_SPEECH_VERBS

#: verbs only people do (besides speech verbs), right after a name: "Gatsby smiled"
_PERSON_VERBS = frozenset(
    [
        "smiled",
        "laughed",
        "nodded",
        "looked",
        "turned",
        "went",
        "came",
        "thought",
        "felt",
        "knew",
        "sat",
        "stood",
        "took",
        "gave",
        "walked",
        "ran",
        "rose",
        "shook",
        "frowned",
        "sighed",
        "hesitated",
        "paused",
        "glanced",
        "stared",
        "listened",
        "wondered",
        "wanted",
        "hoped",
        "loved",
        "married",
        "died",
        "wrote",
        "read",
        "waited",
        "kissed",
        "cried",
        "wept",
        "answered",
        "told",
        "asked",
        "said",
        "replied",
    ]
)
#: what a person has: "Tom's wife", "Holmes's hand"
_PERSON_NOUNS = frozenset(
    [
        "wife",
        "husband",
        "son",
        "daughter",
        "father",
        "mother",
        "brother",
        "sister",
        "friend",
        "hand",
        "hands",
        "face",
        "eyes",
        "voice",
        "head",
        "heart",
        "arm",
        "arms",
        "mind",
        "room",
        "hat",
        "letter",
        "own",
        "servant",
        "uncle",
        "aunt",
        "child",
        "children",
        "family",
        "lips",
        "smile",
    ]
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|into|near|through|towards|toward|across|visit|visited|reached|entered|beyond|outside|"
    r"inside|within)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "smiling at the Englishman": at after a verb of looking or gesture goes with a person
_LOOK_AT = re.compile(
    r"\b(?:look|looks|looked|looking|smile|smiled|smiling|glance|glanced|glancing|stare|stared|staring|gaze|gazed|gazing|laugh|laughed|laughing|nod|nodded|frown|frowned|wink|winked|shout|shouted|point|pointed|peer|peered|sneer|sneered)\s+at\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPEECH_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(EN_SPEECH_VERBS)) + r")\s+(?:the\s+)?$")
_FIRST_NAMES = EN_FEMALE_FIRST_NAMES | EN_MALE_FIRST_NAMES
#: words for people that vouch for a person alone or before a name ("Granny", "Nurse Rooke")
_PERSON_WORDS = frozenset(
    [
        "Granny",
        "Grandma",
        "Grandpa",
        "Grandmother",
        "Grandfather",
        "Nurse",
        "Comrade",
        "Don",
        "Doña",
        "Señor",
        "Señora",
        "Mama",
        "Papa",
    ]
)


def not_people(text: str, regions: Iterable[tuple[int, int]], characters: list[list[str]]) -> set[int]:
    """The indices of the characters (each a list of its names) used like places or things.

    One pass over the text for all names; see the module for the rule.
    """
    owner: dict[str, int] = {}
    for index, names in enumerate(characters):
        if names and not any(_vouched(n) for n in names):
            for name in names:
                owner.setdefault(" ".join(name.split()), index)
    if not owner:
        return set()
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(owner, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternatives})\b")
    person: dict[int, int] = {}
    place: dict[int, int] = {}
    seen: dict[int, int] = {}
    spoken_to: dict[int, int] = {}
    for start, end in regions:
        for match in pattern.finditer(text, start, end):
            index = owner.get(" ".join(match.group().split()))
            if index is None:
                continue
            seen[index] = seen.get(index, 0) + 1
            before = text[max(start, match.start() - 30) : match.start()]
            after = text[match.end() : min(end, match.end() + 30)]
            if _acts(before, after) or _LOOK_AT.search(before):
                person[index] = person.get(index, 0) + 1
            elif _VOCATIVE.match(after) and before.endswith(_OPENERS):
                spoken_to[index] = spoken_to.get(index, 0) + 1
            elif _PLACE_BEFORE.search(before):
                place[index] = place.get(index, 0) + 1
    placed = {i for i, n in place.items() if n >= 3 and n >= 2 * person.get(i, 0)}
    # a name printed a few times that never once acts like a person is a thing ("a copy of Town Tattle")
    inert = {i for i, n in seen.items() if n <= _INERT_MAX and not person.get(i) and spoken_to.get(i, 0) < 2}
    return placed | inert


#: a name spoken to: ", Antonida Vassilievna!" / "“Tom, …"
_VOCATIVE = re.compile(r"\s*[,!?]")
_OPENERS = (", ", '"', "“", "‘", "'", "Oh ", "oh ", "dear ")
#: how often a name may be printed without once acting like a person before it counts as a thing
_INERT_MAX = 12


def _acts(before: str, after: str) -> bool:
    if _SPEECH_BEFORE.search(before):
        return True  # "said Holmes"
    following = re.match(r"(?:’s|'s)?\s*([a-z]+)(?:\s+([a-z]+))?", after)
    if following is None:
        return bool(re.match(r"\s*,\s*(?:he|she)\b", after))
    first = following.group(1)
    if after.startswith(("’s", "'s")):
        return first in _PERSON_NOUNS
    return first in _PERSON_VERBS or first in EN_SPEECH_VERBS or first in ("himself", "herself")


def _vouched(name: str) -> bool:
    words = name.replace(".", "").split()
    if not words:
        return False
    if words[0] in EN_HONORIFICS and len(words) > 1 or words[0] in _PERSON_WORDS:
        return True
    return words[0] in _FIRST_NAMES
