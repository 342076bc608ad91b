"""Find English character names: capitalised sequences with honorifics, filtered and merged into people.

How forms are merged (documented here because the rules decide who is who):

* A form is an optional honorific plus name words ("Mr. Darcy", "Sherlock Holmes", "Elizabeth").
  Longer forms are placed first; a shorter form joins the one entity whose fullest form it fits
  (same first word, same last word, or both).
* "Mr./Dr./Sir… + surname" joins an untitled full name when that surname is unique to one entity of
  a compatible gender ("Mr. Holmes" → "Sherlock Holmes").
* "Mrs./Miss + surname" never joins an untitled full name on the surname alone: "Miss Bennet" and
  "Mrs. Bennet" stay their own characters (the eldest daughter is not guessed), unless the text
  itself prints the title with the full name ("Miss Irene Adler").
* "Lady + surname" is a married title and follows the Mrs. rule ("Lady Otway" is not "Cassandra
  Otway" unless the text prints "Lady Cassandra Otway").
* "Mr. Knightley" stays apart from "Mr. John Knightley" when the text has the plural "the Mr.
  Knightleys": two men share the title and surname.
* A bare word that fits several entities goes to the one that uses it as a first name, else to the
  one "Mr." entity with that surname (a bare surname in narration usually means the man), else it is
  dropped as ambiguous.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from microdrama.analyze.lexicons import (
    EN_FEMALE_FIRST_NAMES,
    EN_HONORIFICS,
    EN_HYPOCORISMS,
    EN_INSTITUTION_HEADS,
    EN_MALE_FIRST_NAMES,
    EN_PLACE_HEADS,
    EN_PLACE_PREFIXES,
    EN_SPEECH_VERBS,
    EN_STOPWORDS,
    EN_TITLE_NAMES,
    GenderName,
)

_WS = r"(?:[ \t]*\r?\n[ \t]*|[ \t]+)"
# the apostrophe branch keeps "O’Brien" and "D'Arcy" but not the possessive "Darcy’s"; "McKee",
# "MacDonald" are one word
_NAME_WORD = r"(?:Ma?c(?=[A-Z]))?[A-Z][a-zà-öø-ÿ]+(?:[-'’](?!s\b)[A-Z]?[a-zà-öø-ÿ]+)?"
_PARTICLE = r"(?:de|du|des|da|di|del|della|van|von|der|le|la)"
_TITLES = "|".join(sorted(EN_HONORIFICS, key=len, reverse=True))
_FORM = re.compile(
    rf"\b(?:(?P<title>{_TITLES})\.?{_WS}(?P<particles>(?:{_PARTICLE}{_WS})*))?"
    rf"(?P<name>{_NAME_WORD}(?:{_WS}(?:{_PARTICLE}{_WS})?{_NAME_WORD})*)"
    rf"(?:{_WS}of{_WS}(?P<of>{_NAME_WORD}(?:{_WS}{_NAME_WORD})?))?"
)
_NAME_WORD_RE = re.compile(_NAME_WORD)
_PARTICLE_WORDS = frozenset(_PARTICLE[3:-1].split("|"))
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")
#: the pronouns that follow a name and refer back to it ("Owen showed her…": "her" is someone else)
_PRONOUN = re.compile(r"\b(he|his|she)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
_FEMALE_ENDINGS = ("a", "ie", "ette", "ine", "elle")
_REFLEXIVE = re.compile(r"\b(?:himself|herself)\b")
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she)\b")
_SENTENCE_OPENERS = frozenset("“\"‘'([—-:;.!?_")
#: titles written with a full stop when abbreviated
_DOTTED = frozenset({"Mr", "Mrs", "Ms", "Dr", "St", "M", "Mme", "Mlle", "Capt", "Col", "Prof", "Rev"})
_SAME_TITLE = {
    "Doctor": "Dr",
    "Mister": "Mr",
    "Capt": "Captain",
    "Col": "Colonel",
    "Prof": "Professor",
    "Rev": "Reverend",
}
#: titles that may precede a first name ("Lady Catherine", "Sir William")
_FIRST_NAME_TITLES = frozenset(
    {
        "Lady",
        "Sir",
        "Lord",
        "Miss",
        "Dame",
        "Father",
        "Brother",
        "Sister",
        "Aunt",
        "Uncle",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Emperor",
        "Empress",
    }
)
#: titles that do not tell the gender; a character so titled whom no pronoun settles is taken for a man
_PROFESSIONAL_TITLES = frozenset({"Dr", "Professor", "Prof"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "into", "within", "towards", "toward"})
_FIRST_NAMES = EN_FEMALE_FIRST_NAMES | EN_MALE_FIRST_NAMES
_NOT_MISS_TITLES = frozenset(
    {"Mrs", "Aunt", "Lady", "Mother", "Madame", "Mme", "Dame", "Widow", "Grandmother", "Granny"}
)
#: stop words that end a place name after a name-like word ("Howards End", "Mile End")
_PLACE_TAILS = frozenset({"End"})
_WIFE_TITLES = frozenset({"Mrs", "Mme", "Madame", "Lady"})
_SURNAME_ONLY_FEMALE = frozenset({"Mrs", "Miss", "Ms", "Mme", "Mlle", "Madame", "Mademoiselle"})
#: titles that go before a private person's surname ("Mr. Hall"), never before a place
_PERSONAL_TITLES = frozenset(
    {"Mr", "Mrs", "Miss", "Ms", "Dr", "M", "Mme", "Mlle", "Madame", "Mademoiselle", "Monsieur"}
)


@dataclass
class NameForm:
    """One way the text writes a name, with where it occurs."""

    key: str
    surface: str
    title: str | None
    words: tuple[str, ...]
    spans: list[tuple[int, int]] = field(default_factory=list)
    mid_sentence: int = 0
    speech_adjacent: int = 0
    after_place_preposition: int = 0
    after_to_from: int = 0
    after_the: int = 0
    after_place_prefix: int = 0
    #: how often a place word the name list skips follows ("Howards End")
    place_tail: int = 0
    #: a one-word name the text also uses as a lower-case noun ("Rabbit": "a rabbit-hole")
    common_noun: bool = False
    gender: GenderName = "unknown"

    @property
    def count(self) -> int:
        """How often the form occurs."""
        return len(self.spans)


@dataclass
class PersonDraft:
    """A character found in the text: its forms and what they say about gender."""

    forms: list[NameForm]
    titles: set[str] = field(default_factory=set)
    gender: GenderName = "unknown"

    @property
    def anchor(self) -> tuple[str, ...]:
        """The fullest name words of the entity."""
        return max((f.words for f in self.forms), key=len)

    @property
    def count(self) -> int:
        """Occurrences of all forms."""
        return sum(f.count for f in self.forms)


def find_people(text: str, regions: list[tuple[int, int]], *, min_mentions: int) -> list[PersonDraft]:
    """Characters named in ``regions`` of ``text``, most mentioned first."""
    forms = _collect_forms(text, regions)
    lower = Counter(m.group() for start, end in regions for m in _LOWER_WORD.finditer(text, start, end))
    kept = [form for form in forms.values() if _person_like(form, lower, forms)]
    for form in kept:
        form.common_noun = len(form.words) == 1 and not form.title and lower[form.words[0].lower()] > 0
    by_last: Counter[str] = Counter()
    for form in kept:
        by_last[form.words[-1]] += form.count
    plural_titles = _plural_titles(kept, by_last)
    kept = [f for f in kept if not _family_plural(f.words[-1], by_last)]
    for form in kept:
        form.gender = _title_gender(form)
        if form.gender == "unknown":
            form.gender = _pronoun_gender(text, form.spans)
    _gender_from_first_names(kept)
    wives = {f.words[-1] for f in kept if f.title in _WIFE_TITLES and len(f.words) == 1}
    misses = {f.words[-1] for f in forms.values() if f.title in ("Miss", "Mlle", "Mademoiselle")}
    people = _merge_nicknames(_cluster(kept, _families(forms.values(), kept), plural_titles, wives, misses))
    for person in people:
        person.gender = _person_gender(person)
        if person.gender == "unknown":
            person.gender = _subject_gender(text, sorted(span for f in person.forms for span in f.spans))
        if person.gender == "unknown" and not person.titles:
            person.gender = _ending_gender(person.anchor[0])
        if person.gender == "unknown" and person.titles & _PROFESSIONAL_TITLES:
            person.gender = "male"  # "Dr. Watson", who narrates and is never "he": the era's doctors are men
    people = [
        p
        for p in people
        if (p.count >= min_mentions or _cued_speaker(p)) and _has_person_evidence(p) and not _place_like(p)
    ]
    people.sort(key=lambda p: (-p.count, canonical_form(p).surface))
    return people


def canonical_form(person: PersonDraft) -> NameForm:
    """The fullest common form: the longest one used at least a fifth as often as the most used."""
    top = max(f.count for f in person.forms)
    common = [f for f in person.forms if f.count * 5 >= top or f.count >= 5]
    # more name words first: "John Thorpe" names him better than "Mr. Thorpe", which may be his
    # father; then the form the book uses most ("Archer" 500 times, not "Mr. Archer" 20 times)
    best = max(common, key=lambda f: (len(f.words), f.count, f.title is not None, f.surface))
    if best.title and len(best.words) > 1:
        untitled = [f for f in person.forms if not f.title and f.words == best.words]
        if untitled:
            return untitled[0]
    return best


# -- collecting ----------------------------------------------------------------------------------


def _collect_forms(text: str, regions: list[tuple[int, int]]) -> dict[str, NameForm]:
    forms: dict[str, NameForm] = {}
    for region_start, region_end in regions:
        position = region_start
        while True:
            match = _FORM.search(text, position, region_end)
            if match is None:
                break
            title = match.group("title")
            if title and title not in _DOTTED and text[match.end("title") : match.end("title") + 1] == ".":
                position = match.end("title") + 1  # "said the Count. Count Valli": a sentence ends there
                continue
            words = [(w.start(), w.end()) for w in _NAME_WORD_RE.finditer(text, match.start("name"), match.end("name"))]
            if not title and text[words[0][0] : words[0][1]] in EN_STOPWORDS:
                position = words[0][1]  # "Then Mr. Holmes": look again after the function word
                continue
            position = match.end()
            tail = ""
            while words and text[words[-1][0] : words[-1][1]] in EN_STOPWORDS:
                tail = text[words[-1][0] : words[-1][1]]
                words.pop()
            if not words:
                continue
            names = [text[a:b] for a, b in words]
            if match.group("particles"):
                names = [*match.group("particles").split(), *names]  # "Mr. van der Luyden"
            if match.group("of") and len(names) == 1 and names[0] in EN_TITLE_NAMES:
                names = [names[0], "of", *match.group("of").split()]
                end = match.end("of")
            else:
                end = words[-1][1]
            start = match.start() if title else words[0][0]
            form = _record(forms, text, title, names, start, end, region_start)
            form.place_tail += int(tail in _PLACE_TAILS)
    return forms


def _record(
    forms: dict[str, NameForm], text: str, title: str | None, names: list[str], start: int, end: int, region_start: int
) -> NameForm:
    title_key = _SAME_TITLE.get(title, title) if title else None
    key = " ".join(([title_key] if title_key else []) + names)
    form = forms.get(key)
    if form is None:
        form = forms[key] = NameForm(key, " ".join(text[start:end].split()), title_key, tuple(names))
    form.spans.append((start, end))
    if not _sentence_initial(text, start, region_start):
        form.mid_sentence += 1
    if _speech_adjacent(text, start, end):
        form.speech_adjacent += 1
    place_word = _word_before(text, start)
    if place_word in _PLACE_PREPOSITIONS:
        form.after_place_preposition += 1
    elif place_word in {"to", "from"}:
        form.after_to_from += 1
    elif place_word in {"the", "The"}:
        form.after_the += 1
    if place_word in EN_PLACE_PREFIXES:
        form.after_place_prefix += 1
    return form


def _sentence_initial(text: str, start: int, region_start: int) -> bool:
    at = start - 1
    while at >= region_start and text[at] in " \t\n\r":
        at -= 1
    return at < region_start or text[at] in _SENTENCE_OPENERS or text[at] in "”’"


def _speech_adjacent(text: str, start: int, end: int) -> bool:
    before = _WORD.findall(text[max(0, start - 18) : start])
    if before and before[-1] in ("the", "The"):
        before.pop()  # "said the Lory": a name that is also a noun takes the article
    after = _WORD.findall(text[end : end + 14])
    return bool(before and before[-1] in EN_SPEECH_VERBS) or bool(after and after[0] in EN_SPEECH_VERBS)


def _word_before(text: str, start: int) -> str:
    before = _WORD.findall(text[max(0, start - 9) : start])
    return before[-1] if before else ""


def _person_like(form: NameForm, lower: Counter[str], forms: dict[str, NameForm]) -> bool:
    last = form.words[-1]
    if last in EN_PLACE_HEADS and not _personal_place_word(form, forms):
        return False
    if last in EN_INSTITUTION_HEADS or form.words[0] in {"St", "Saint"} or form.words[0] in EN_PLACE_PREFIXES:
        return False  # "Lake Superior", "Fort Worth"
    if (form.after_place_prefix + form.place_tail) * 2 >= form.count and form.speech_adjacent * 4 < form.count:
        return False  # "Egg" of "West Egg", "York" of "New York", "Howards" of "Howards End": part of a place
    if len(form.words) >= 2 and not form.title and last.endswith("s") and lower[last.lower()]:
        return False  # "Pryce Clocks": a name and a plural common noun make a shop sign
    if form.title:
        return True
    if form.mid_sentence == 0 and not (len(form.words) >= 2 and form.words[0] in _FIRST_NAMES):
        return False  # only ever capitalised at a sentence start, unless a first name leads it
    if form.after_place_preposition * 4 >= form.count and form.speech_adjacent == 0:
        return False
    if form.after_the * 4 >= form.count * 3 and form.speech_adjacent == 0:
        return False  # "the Embankment", "the Sud Express": a thing; "said the Hatter" would speak
    if len(form.words) == 1:
        word = form.words[0]
        if lower[word.lower()] >= form.count:
            return False
        if word.endswith(("ian", "ish", "ese")) and not form.speech_adjacent:
            return False  # "Bohemian", "English": adjectives of nationality
    return True


def _singular(word: str, by_last: Counter[str]) -> str | None:
    """The surname a plural stands for ("Bennets" → "Bennet", "Lucases" → "Lucas"), if the text has it."""
    if not word.endswith("s"):
        return None
    for singular in (word[:-1], word[:-2] if word.endswith("es") else ""):
        if singular and by_last[singular]:
            return singular
    return None


def _personal_place_word(form: NameForm, forms: dict[str, NameForm]) -> bool:
    """ "Mr. Hall", "Mrs. Hall", and the bare "Hall" of "said Hall" where the text has a Mr./Mrs. Hall.

    A word that usually ends a place name ("Hall", "Park") is a surname after a personal title; the
    bare word counts as that surname when it is cued as a speaker.
    """
    if form.title in _PERSONAL_TITLES and len(form.words) == 1:
        return True
    if form.title or len(form.words) != 1 or form.speech_adjacent < 2:
        return False
    return any(forms.get(f"{title} {form.words[0]}") for title in ("Mr", "Mrs"))


def _family_plural(word: str, by_last: Counter[str]) -> bool:
    """ "the Bennets", "the Lucases": a family, not a person.

    Only when the singular is printed at least as often: "Mrs. Braddocks" (once misprinted
    "Mrs. Braddock") is a person whose name ends in s.
    """
    singular = _singular(word, by_last)
    return singular is not None and by_last[singular] >= by_last[word]


def _plural_titles(kept: list[NameForm], by_last: Counter[str]) -> set[tuple[str, str]]:
    """``(title, surname)`` pairs the text puts in the plural: "the Mr. Knightleys", "the Miss Bennets".

    Two people share that title and surname, so "Mr. Knightley" alone cannot be told from
    "Mr. John Knightley" by the names.
    """
    pairs: set[tuple[str, str]] = set()
    for form in kept:
        if form.title and len(form.words) == 1 and _family_plural(form.words[0], by_last):
            singular = _singular(form.words[0], by_last)
            if singular:
                pairs.add((form.title, singular))
    return pairs


def _place_like(person: PersonDraft) -> bool:
    if person.titles:
        return False
    place = sum(f.after_place_preposition + f.after_to_from / 2 for f in person.forms)
    speech = sum(f.speech_adjacent for f in person.forms)
    return place * 5 >= person.count and speech * 10 < person.count


def _cued_speaker(person: PersonDraft) -> bool:
    """A rarely named character who speaks: "said Mr. Datchet" twice is enough, whatever the book's length."""
    named = bool(person.titles) or any(len(f.words) > 1 for f in person.forms)
    return named and sum(f.speech_adjacent for f in person.forms) >= 2


def _has_person_evidence(person: PersonDraft) -> bool:
    if person.titles or any(len(f.words) > 1 for f in person.forms):
        return True
    return sum(f.speech_adjacent for f in person.forms) > 0 or person.gender != "unknown"


# -- gender --------------------------------------------------------------------------------------


def _title_gender(form: NameForm) -> GenderName:
    if form.title:
        return EN_HONORIFICS.get(form.title, "unknown")
    if form.words[0] in EN_TITLE_NAMES:
        return EN_HONORIFICS.get(form.words[0], "unknown")
    return "unknown"


def _pronoun_gender(text: str, spans: list[tuple[int, int]]) -> GenderName:
    """Vote with the first he/she pronoun in the sentence after each mention."""
    male = female = 0
    for _, end in spans[:400]:
        window = text[end : end + 90]
        stop = min((i for i in (window.find("."), window.find("“"), window.find('"')) if i >= 0), default=len(window))
        match = _PRONOUN.search(window, 0, stop)
        if match is None:
            continue
        if match.group().lower() in {"he", "his"}:
            male += 1
        else:
            female += 1
    return _vote(male, female)


def _subject_gender(text: str, spans: list[tuple[int, int]]) -> GenderName:
    """A second, stricter vote for when the first found nothing clear.

    A reflexive in the sentence after a mention ("Brenda dressed herself") counts twice; a he/she
    counts only when the mention opens its sentence, where the name is most likely the subject the
    pronoun returns to ("Brenda sat up; she…").
    """
    male = female = 0
    for start, end in spans[:400]:
        window = text[end : end + 120]
        stop = min((i for i in map(window.find, '.!?“"') if i >= 0), default=len(window))
        reflexive = _REFLEXIVE.search(window, 0, stop)
        if reflexive is not None:
            male, female = (male + 2, female) if reflexive.group() == "himself" else (male, female + 2)
            continue
        subject = _SUBJECT_PRONOUN.search(window, 0, stop) if _opens_sentence(text, start) else None
        if subject is not None:
            male, female = (male + 1, female) if subject.group() == "he" else (male, female + 1)
    return _vote(male, female)


def _ending_gender(first: str) -> GenderName:
    """Last resort for a first name no list or pronoun settles: -a, -ie, -ette, -ine are women's
    endings in the languages these novels borrow names from (Brenda, Winnie, Babette, Pauline)."""
    return "female" if len(first) > 2 and first.endswith(_FEMALE_ENDINGS) else "unknown"


def _opens_sentence(text: str, start: int) -> bool:
    at = start - 1
    while at >= 0 and text[at] in " \t\n":
        at -= 1
    if at < 0 or text[at] in ".!?;\n":
        return True
    return text[at] in '”"' and text[at - 1 : at] in (".", "!", "?", ",")


def _gender_from_first_names(forms: list[NameForm]) -> None:
    """ "Jane Bennet" is as female as the bare "Jane" is (the full name alone is too rare to vote)."""
    for form in forms:
        if not form.title and form.words[0] in EN_FEMALE_FIRST_NAMES:
            form.gender = "female"
        elif not form.title and form.words[0] in EN_MALE_FIRST_NAMES:
            form.gender = "male"
    first_names = {f.words[0]: f.gender for f in forms if len(f.words) == 1 and not f.title}
    for form in forms:
        if form.gender == "unknown" and len(form.words) > 1:
            form.gender = first_names.get(form.words[0], "unknown")


def _vote(male: int, female: int) -> GenderName:
    if male >= 2 and male >= 2 * female:
        return "male"
    if female >= 2 and female >= 2 * male:
        return "female"
    return "unknown"


def _person_gender(person: PersonDraft) -> GenderName:
    by_title = Counter(EN_HONORIFICS.get(t, "unknown") for t in person.titles)
    by_title.pop("unknown", None)
    if len(by_title) == 1:
        return next(iter(by_title))
    genders: Counter[str] = Counter()
    # a noun used as a name ("Rabbit") votes only when the person's proper names say nothing
    named = [f for f in person.forms if not f.common_noun and f.gender != "unknown"]
    for form in named or person.forms:
        genders[form.gender] += form.count
    genders.pop("unknown", None)
    if not genders:
        return "unknown"
    (best, votes), *rest = genders.most_common()
    if rest and rest[0][1] * 2 > votes:
        return "unknown"
    return best  # type: ignore[return-value]


# -- clustering ----------------------------------------------------------------------------------


def _families(every: Iterable[NameForm], kept: list[NameForm]) -> dict[str, dict[str, GenderName]]:
    """Surname → the first names printed with it ("Margaret Schlegel", "Miss Helen Schlegel"), with gender.

    A first name counts when the text also uses it alone or it is a common first name.
    """
    alone = {f.words[0]: f.gender for f in kept if len(f.words) == 1 and not f.title}
    # "Aunt Ruth", "Mrs. Ruth Pryce": a married woman or an aunt is not the family's "Miss"…
    wed = {f.words[0] for f in every if f.title in _NOT_MISS_TITLES}
    # …but an "Aunt Jordan" printed once (a child's way of speaking) is, when she is the family's one woman
    aunts = {f.words[0] for f in every if f.title == "Aunt" and f.count == 1} - {
        f.words[0] for f in every if f.title in _NOT_MISS_TITLES - {"Aunt"}
    }
    families: dict[str, dict[str, GenderName]] = {}
    women: dict[str, list[str]] = {}
    for form in every:
        if len(form.words) < 2:
            continue
        first = form.words[0]
        if first in alone:
            gender = alone[first]
        elif first in EN_FEMALE_FIRST_NAMES:
            gender = "female"
        elif first in EN_MALE_FIRST_NAMES:
            gender = "male"
        else:
            continue
        if gender != "male":
            women.setdefault(form.words[-1], []).append(first)
        if first in wed:
            continue
        families.setdefault(form.words[-1], {})[first] = gender
    for surname, firsts in women.items():
        members = families.setdefault(surname, {})
        if len(set(firsts)) == 1 and firsts[0] in aunts and all(g == "male" for g in members.values()):
            members[firsts[0]] = "female"
    return families


def _cluster(
    forms: list[NameForm],
    families: dict[str, dict[str, GenderName]],
    plural_titles: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
    wives: set[str] = frozenset(),  # type: ignore[assignment]
    misses: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[PersonDraft]:
    people: list[PersonDraft] = []
    bare = {f.words[0]: f for f in forms if len(f.words) == 1 and not f.title}
    ordered = sorted(forms, key=lambda f: (-len(f.words), f.title is None, -f.count, f.key))
    one_of_several: set[int] = set()  # "Mr. Oakley" of Maurice and Frank Oakley: which one is not known
    for form in ordered:
        if _shared_surname(form, families) or _plural_title(form, plural_titles):
            people.append(PersonDraft(forms=[form], titles={form.title} if form.title else set()))
            one_of_several.add(id(people[-1]))
            continue
        candidates = [p for p in people if _fits(form, p, families, bare, wives, misses)]
        chosen = _choose(form, candidates, one_of_several)
        if chosen is None:
            if candidates and not form.title and form.count <= sum(p.count for p in candidates):
                continue  # an ambiguous bare name: leave it unassigned
            chosen = PersonDraft(forms=[])
            people.append(chosen)
        chosen.forms.append(form)
        if form.title:
            chosen.titles.add(form.title)
    return people


def _shared_surname(form: NameForm, families: dict[str, dict[str, GenderName]]) -> bool:
    """ "Miss Bennet" / "Mr. Wilcox" when two first names of fitting gender go with that surname.

    Which sister or son such a title means is not for the names to decide, so it stays a
    character of its own (in a family it is usually the eldest daughter, or the father).
    """
    if not form.title or len(form.words) != 1:
        return False
    members = families.get(form.words[0], {})
    return sum(1 for gender in members.values() if gender in (form.gender, "unknown") or form.gender == "unknown") >= 2


def _plural_title(form: NameForm, plural_titles: set[tuple[str, str]]) -> bool:
    """ "Mr. Knightley" when the text also speaks of "the Mr. Knightleys": one of two, kept apart."""
    return bool(form.title) and len(form.words) == 1 and (form.title, form.words[0]) in plural_titles


def _named_together(form: NameForm, others: list[NameForm], reach: int = 300, least: int = 2) -> bool:
    """Whether ``form`` and the ``others`` (one person's names) often stand within ``reach`` characters.

    Two names of one person rarely share a passage; two people do ("Miss Dashwood" and Marianne).
    """
    starts = sorted(a for f in others for a, _ in f.spans)
    if not starts:
        return False
    close = 0
    for start, _ in form.spans:
        at = bisect_left(starts, start - reach)
        if at < len(starts) and starts[at] <= start + reach:
            close += 1
    return close >= least and close * 5 >= form.count


def _fits(
    form: NameForm,
    person: PersonDraft,
    families: dict[str, dict[str, GenderName]],
    bare: dict[str, NameForm],
    wives: set[str] = frozenset(),  # type: ignore[assignment]
    misses: set[str] = frozenset(),  # type: ignore[assignment]
) -> bool:
    words = form.words
    if form.title and len(words) > 1 and all(w.islower() for w in words[:-1]):
        words = words[-1:]  # "Mr. van der Luyden" fits like "Mr. Luyden"
    if _fits_words(form, words, person, person.anchor, families, bare, wives, misses):
        return True  # "King" fits "King of Bohemia"
    core, anchor = _core(words), _core(person.anchor)
    return (core, anchor) != (words, person.anchor) and _fits_words(
        form, core, person, anchor, families, bare, wives, misses
    )


def _fits_words(
    form: NameForm,
    words: tuple[str, ...],
    person: PersonDraft,
    anchor: tuple[str, ...],
    families: dict[str, dict[str, GenderName]],
    bare: dict[str, NameForm],
    wives: set[str],
    misses: set[str] = frozenset(),  # type: ignore[assignment]
) -> bool:
    if form.title:
        if person.titles and form.title not in person.titles:
            return False
        married_lady = form.title == "Lady" and len(words) == 1 and words[0] == anchor[-1] != anchor[0]
        if form.title in _SURNAME_ONLY_FEMALE and words != anchor or married_lady:
            # "Miss Adler" joins "Irene Adler" when the text prints "Miss Irene Adler"; "Miss Pryce"
            # joins "Eleanor Pryce" when she is the family's only unmarried woman
            printed = any(
                f.title == form.title and len(f.words) >= 2 and f.words[-1] == words[-1] for f in person.forms
            )
            members = families.get(words[-1], {})
            only = [first for first, gender in members.items() if gender != "male"]
            # …but not when a "Mrs. Welland" may be the Augusta Welland the names show
            sole = (
                form.title == "Miss"
                and len(words) == 1
                and only == [anchor[0]]
                and words[0] == anchor[-1]
                and words[0] not in wives
            )
            # "Mrs. Wilson" is Myrtle Wilson, the one woman of a family with a named man (George
            # Wilson), when no "Miss Wilson" is printed
            wife = (
                form.title in _WIFE_TITLES - {"Lady"}
                and len(words) == 1
                and only == [anchor[0]]
                and "male" in members.values()
                and words[0] == anchor[-1]
                and words[0] not in misses
                and "Miss" not in person.titles
            )
            if not (printed or sole or wife):
                return False
            first = bare.get(anchor[0])
            if _named_together(form, [*person.forms, *([first] if first else [])]):
                return False  # "Miss Dashwood" talks to Marianne: two people
    gender = form.gender
    person_gender = _person_gender(person)
    # a noun used as a name ("Rabbit" of "White Rabbit") gets mixed pronouns: its gender proves
    # nothing against an untitled name; a title does ("Madame General" is not the General)
    mixed = form.common_noun and not person.titles
    if "unknown" not in (gender, person_gender) and gender != person_gender and not mixed:
        return False
    if words == anchor:
        return True
    if len(words) >= 2:
        return words[0] == anchor[0] and words[-1] == anchor[-1]
    word = words[0]
    if len(anchor) == 1:
        return False
    if form.title and word == anchor[-1] and word != anchor[0]:
        # "Lady Otway" is not "Cassandra Otway" when the two names keep meeting in one passage
        first = bare.get(anchor[0])
        # a man's title printed once or twice near his first name is too little to part them
        # ("M. Dantès" is Edmond Dantès); more often, it is his father (Mr. Gatz and Jimmy)
        least = 3 if form.gender == "male" else 2
        return not (first and _named_together(form, [first], least=least))
    if form.title and form.title not in _FIRST_NAME_TITLES:
        return word == anchor[-1]
    if not form.title and person.titles <= {"Miss"} and word in EN_HYPOCORISMS.get(anchor[0], ()):
        return True  # "Nell" is "Eleanor Pryce"
    return word in (anchor[0], anchor[-1])


def _core(words: tuple[str, ...]) -> tuple[str, ...]:
    """The name in "Count of Monte Cristo" or "de Monte Cristo": "Monte Cristo" is the same man."""
    if len(words) > 2 and words[1] == "of" and words[0] in EN_TITLE_NAMES:
        words = words[2:]
    while len(words) > 1 and words[0] in _PARTICLE_WORDS:
        words = words[1:]
    return words


def _merge_nicknames(people: list[PersonDraft]) -> list[PersonDraft]:
    """A nickname left on its own ("Meg", "Harry") joins the one person whose first name it shortens
    and near whose names it keeps being used: friends say "Harry" in a scene the narration calls
    "Lord Henry". "Kitty", far from "Lady Catherine", stays someone else.
    """
    merged: set[int] = set()
    for nick in people:
        if len(nick.forms) != 1 or nick.titles or len(nick.forms[0].words) != 1:
            continue
        form = nick.forms[0]
        targets = [
            p
            for p in people
            if p is not nick and id(p) not in merged and form.words[0] in EN_HYPOCORISMS.get(p.anchor[0], ())
        ]
        close = [p for p in targets if _named_together(form, p.forms)]
        if len(close) == 1:
            close[0].forms.append(form)
            merged.add(id(nick))
    return [p for p in people if id(p) not in merged]


def _choose(
    form: NameForm,
    candidates: list[PersonDraft],
    one_of_several: set[int] = frozenset(),  # type: ignore[assignment]
) -> PersonDraft | None:
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        return None
    if form.title:
        same_title = [p for p in candidates if form.title in p.titles]
        return same_title[0] if len(same_title) == 1 else None
    word = form.words[0]
    as_first = [p for p in candidates if len(p.anchor) > 1 and p.anchor[0] == word]
    if len(as_first) == 1:
        return as_first[0]
    # a bare surname in narration usually means the man ("Marsh" is Mr. Marsh); not a first name
    mister = [p for p in candidates if ("Mr" in p.titles or "M" in p.titles) and p.anchor[-1] == word]
    if len(mister) == 1 and id(mister[0]) in one_of_several:
        # "M. Dantès", one of several men Dantès, printed twice: the bare "Dantès" is the man whose
        # full name is printed far more often (Edmond Dantès)
        if any(
            p is not mister[0] and p.count >= 3 * mister[0].count and _person_gender(p) == "male" for p in candidates
        ):
            mister = []
    if len(mister) == 1 and not as_first:
        return mister[0]
    pool = as_first or candidates
    ranked = sorted(pool, key=lambda p: -p.count)
    if ranked[0].count >= 3 * ranked[1].count:
        return ranked[0]
    return None


def display_title(title: str) -> str:
    """How a normalised title is printed ("Mr" → "Mr.")."""
    return f"{title}." if title in _DOTTED else title


# -- unnamed speakers ----------------------------------------------------------------------------

#: titles that stand for one person after "the" ("said the Doctor", "the Colonel nodded")
_ROLE_TITLES = EN_TITLE_NAMES | {"General", "Professor", "Admiral", "Lieutenant", "Sergeant"}
_THE_TITLE = re.compile(rf"\b[Tt]he{_WS}({'|'.join(sorted(_ROLE_TITLES, key=len, reverse=True))})\b(?![ \t\n]*[A-Z])")

_THE_LOWER_TITLE = re.compile(
    rf"\b[Tt]he{_WS}({'|'.join(sorted((t.lower() for t in _ROLE_TITLES), key=len, reverse=True))})\b"
)


@dataclass
class TitleRole:
    """A title used alone as a name ("the Doctor"): how often, and how often next to a speech verb."""

    title: str
    count: int
    speeches: int
    #: how often the text writes "the doctor" in lower case
    lowercase: int = 0

    @property
    def normal(self) -> str:
        """The title as a person's ``titles`` hold it ("Doctor" → "Dr")."""
        return _SAME_TITLE.get(self.title, self.title)


def find_title_roles(text: str, regions: list[tuple[int, int]]) -> list[TitleRole]:
    """Titles printed alone after "the" ("said the Colonel"), most used first; titles only ever
    written in lower case ("the general") come last, with a count of 0.

    The caller gives "the Colonel" to the one character titled Colonel, or makes it a character of
    its own when nobody is.
    """
    counts: Counter[str] = Counter()
    speeches: Counter[str] = Counter()
    lowercase: Counter[str] = Counter()
    for start, end in regions:
        for match in _THE_TITLE.finditer(text, start, end):
            counts[match.group(1)] += 1
            speeches[match.group(1)] += int(_speech_adjacent(text, match.start(1), match.end(1)))
        for match in _THE_LOWER_TITLE.finditer(text, start, end):
            lowercase[match.group(1).capitalize()] += 1
    ranked = sorted((counts | lowercase).items(), key=lambda item: (-counts[item[0]], -item[1], item[0]))
    return [TitleRole(title, counts[title], speeches[title], lowercase[title]) for title, _ in ranked]


_ROLE_VERBS = "said|cried|asked|replied|answered|shouted|called|exclaimed|whispered|muttered|observed|remarked|added|continued|began|returned|repeated|answered|inquired|interrupted|put in|broke in"
_ROLE_AFTER_VERB = re.compile(rf"\b(?:{_ROLE_VERBS})[ \t\n]+the[ \t\n]+(?:[a-z]+[ \t\n]+)?([a-z]+)\b")
_ROLE_BEFORE_VERB = re.compile(rf"\b[Tt]he[ \t\n]+(?:[a-z]+[ \t\n]+)?([a-z]+)[ \t\n]+(?:{_ROLE_VERBS})\b")
#: heads that are not people, or not one person
_NOT_ROLES = frozenset(
    """
    other others one ones latter former rest first second third last same former whole two three
    voice voices words word reply answer question letter note door bell clock paper telegram
    crowd company party people family others pair couple group men women children ladies gentlemen
    """.split()
)
_FUNCTION_WORDS = frozenset(
    "and was with who that which had has his her its their our your not but then when where while".split()
)
_ROLE_GENDER: dict[str, GenderName] = {
    "man": "male", "gentleman": "male", "boy": "male", "lad": "male", "fellow": "male", "husband": "male",
    "father": "male", "son": "male", "brother": "male", "uncle": "male", "king": "male", "prince": "male",
    "waiter": "male", "butler": "male", "footman": "male", "barman": "male", "policeman": "male",
    "cabman": "male", "coachman": "male", "landlord": "male", "mariner": "male", "sailor": "male",
    "soldier": "male", "priest": "male", "monk": "male", "colonel": "male", "captain": "male",
    "woman": "female", "lady": "female", "girl": "female", "wife": "female", "mother": "female",
    "daughter": "female", "sister": "female", "aunt": "female", "queen": "female", "princess": "female",
    "maid": "female", "housekeeper": "female", "landlady": "female", "nurse": "female", "widow": "female",
    "duchess": "female", "governess": "female", "nun": "female", "waitress": "female", "hostess": "female",
}  # fmt: skip


@dataclass
class RoleSpeaker:
    """An unnamed character the text calls by role ("the mariner") and lets speak."""

    noun: str
    count: int
    gender: GenderName


def find_role_speakers(text: str, regions: list[tuple[int, int]], *, min_speeches: int) -> list[RoleSpeaker]:
    """Lower-case roles that speak at least ``min_speeches`` times ("said the mariner", "the barman said")."""
    speeches: Counter[str] = Counter()
    for start, end in regions:
        for pattern in (_ROLE_AFTER_VERB, _ROLE_BEFORE_VERB):
            for match in pattern.finditer(text, start, end):
                noun = match.group(1)
                if (
                    noun not in _NOT_ROLES
                    and noun.capitalize() not in EN_STOPWORDS
                    and noun not in _FUNCTION_WORDS
                    and not noun.endswith(("ly", "ing", "ed"))
                    and len(noun) > 2
                ):
                    speeches[noun] += 1
    found: list[RoleSpeaker] = []
    for noun, count in sorted(speeches.items(), key=lambda item: (-item[1], item[0])):
        if count < min_speeches:
            continue
        gender = _ROLE_GENDER.get(noun, "unknown")
        if gender == "unknown":
            spans = [(m.start(), m.end()) for m in re.finditer(rf"\b[Tt]he {noun}\b", text)][:200]
            gender = _pronoun_gender(text, spans)
        found.append(RoleSpeaker(noun, count, gender))
    return found
