"""Names a given cast is also called by: "Hercule Poirot" is "Poirot", "Elizabeth" is "Lizzy", "沈念" is "念".

A cast the user gives (``--cast``) lists a few names per character; the text uses more. The forms
derived here are used only to find mentions, and only when exactly one character yields the form and
no character lists it explicitly, so they never take a name away from anyone.
"""

from __future__ import annotations

from collections.abc import Iterable

from microdrama.analyze.lexicons import EN_HONORIFICS, EN_HYPOCORISMS, EN_STOPWORDS, ZH_SURNAMES

_FIRST_NAME_TITLES = frozenset({"Lady", "Sir", "Lord", "Miss", "Dame"})
_PARTICLES = frozenset({"van", "der", "de", "von", "du", "la", "le", "di", "da", "del", "della", "ten", "ter"})
_DOTLESS = {"Mr.": "Mr", "Mrs.": "Mrs", "Dr.": "Dr", "Ms.": "Ms", "St.": "St"}


def derived_names(name: str, language: str) -> set[str]:
    """Other forms of one listed name ("Mr. Fitzwilliam Darcy" → "Darcy", "Mr. Darcy", "Fitzwilliam"…)."""
    if language == "zh":
        return _zh_forms(name)
    return _en_forms(name)


def index_pairs(entries: Iterable[tuple[str, list[str]]], language: str) -> list[tuple[str, str]]:
    """``(alias, key)`` pairs for :class:`NameIndex`: every listed name, plus unambiguous derived forms.

    ``entries`` are ``(key, names)`` per character.
    """
    entries = list(entries)
    listed = {name for _, names in entries for name in names}
    pairs = [(name, key) for key, names in entries for name in names]
    # form -> rank -> keys; rank 0 comes from an untitled name ("John Dashwood" → "John"), rank 1
    # from a titled one ("Sir John" → "John"): the untitled claim wins a tie between the two
    derived: dict[str, dict[int, set[str]]] = {}
    for key, names in entries:
        for name in names:
            rank = 1 if language != "zh" and name.split()[0].rstrip(".") in EN_HONORIFICS else 0
            for form in derived_names(name, language) - listed:
                derived.setdefault(form, {}).setdefault(rank, set()).add(key)
    for form, ranks in sorted(derived.items()):
        keys = ranks[min(ranks)]
        if len(keys) == 1:
            pairs.append((form, next(iter(keys))))
    return pairs


def _en_forms(name: str) -> set[str]:
    words = [_DOTLESS.get(w, w) for w in name.split()]
    if not words:
        return set()
    if words[0].lower() in ("the", "a", "an") and len(words) > 1:
        # "The Hatter" is "the Hatter" mid-sentence, and "Hatter"
        return {f"the {' '.join(words[1:])}", " ".join(words[1:])} - {name}
    if any(w.lower() in ("of", "in", "at") for w in words):
        return set()  # a description ("Governor of New York"), not a name
    forms: set[str] = set()
    title = words[0] if words[0].rstrip(".") in EN_HONORIFICS else None
    rest = words[1:] if title else words
    if not rest:
        return forms
    dotted = (f"{title}." if title in ("Mr", "Mrs", "Dr", "Ms", "St") else title) if title else ""
    if title and not (len(rest) == 1 and EN_HONORIFICS.get(title.rstrip(".")) == "female"):
        # "Mrs. Denham" is not the bare "Denham" of the narration, which usually means the man
        forms.add(" ".join(rest))
    if title:
        forms.add(f"{dotted} {' '.join(rest)}")
    if len(rest) >= 2:
        # the surname keeps its particles, printed either way: "van der Luyden" / "Van Der Luyden"
        cut = next((i for i, w in enumerate(rest) if (i or title) and w.lower() in _PARTICLES), len(rest) - 1)
        surnames = {" ".join(rest[cut:]), " ".join([w.lower() if w.lower() in _PARTICLES else w for w in rest[cut:]])}
        first = rest[0]
        for surname in surnames:
            if (surname[:1].isupper() or surname.split()[0] in _PARTICLES) and surname not in EN_STOPWORDS:
                forms.add(surname)
            if title:
                forms.add(f"{dotted} {surname}")
        if first[:1].isupper() and first not in EN_STOPWORDS and (not title or title in _FIRST_NAME_TITLES):
            forms.add(first)
    for nickname in EN_HYPOCORISMS.get(rest[0], ()):
        forms.add(nickname)
    return {f for f in forms if f and f != name}


def _zh_forms(name: str) -> set[str]:
    forms: set[str] = set()
    if len(name) == 3 and name[0] in ZH_SURNAMES:
        forms.add(name[1:])  # 孙少平 → 少平
    return forms
