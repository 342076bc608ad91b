"""The cast: discover characters (or take a known list), then rank them and give them stable ids."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from microdrama.analyze import names_en, names_zh
from microdrama.analyze.lexicons import EN_HONORIFICS
from microdrama.analyze.persons_en import not_people
from microdrama.errors import PipelineError
from microdrama.model import Character
from microdrama.model.story import CharacterRole, Gender, Importance

_GENDERS = frozenset({"male", "female", "unknown"})


@dataclass
class CharacterDraft:
    """A character while the stage runs: ``key`` is provisional until :func:`finalize_cast` ranks them."""

    key: str
    name: str
    aliases: list[str]
    gender: Gender = "unknown"
    fixed_id: bool = False
    mentions: int = 0
    spoken: int = 0
    importance: Importance = "minor"
    role: CharacterRole = "character"

    def all_names(self) -> list[str]:
        """The canonical name and every alias."""
        return [self.name, *self.aliases]


def min_mentions_for(length: int) -> int:
    """How often a name must occur to count as a character, by story length in characters."""
    if length < 100_000:
        return 2
    if length < 500_000:
        return 3
    return 5


def discover_cast(
    text: str, regions: list[tuple[int, int]], language: str, *, tokens: names_zh.Tokens | None = None
) -> list[CharacterDraft]:
    """Characters found in ``regions`` of ``text``, most mentioned first, with provisional keys.

    ``tokens`` (Chinese only) are the regions' jieba words from :func:`names_zh.segment`.
    """
    length = sum(end - start for start, end in regions)
    floor = min_mentions_for(length)
    drafts: list[CharacterDraft] = []
    if language == "zh":
        for person in names_zh.find_people(text, regions, min_mentions=floor, tokens=tokens):
            name = person.name
            aliases = sorted((f for f in person.forms if f != name), key=lambda f: (-person.forms[f], f))
            drafts.append(CharacterDraft(key="", name=name, aliases=aliases, gender=person.gender))
    else:
        people = names_en.find_people(text, regions, min_mentions=floor)
        for draft in people:
            canonical = names_en.canonical_form(draft)
            aliases = [
                f.surface for f in sorted(draft.forms, key=lambda f: (-f.count, f.surface)) if f is not canonical
            ]
            drafts.append(CharacterDraft(key="", name=canonical.surface, aliases=_unique(aliases), gender=draft.gender))
        # "to Montenegro", "at the Opera": names used like places are no one
        places = not_people(text, regions, [d.all_names() for d in drafts])
        people = [p for index, p in enumerate(people) if index not in places]
        drafts = [d for index, d in enumerate(drafts) if index not in places]
        taken = {n.lower() for d in drafts for n in d.all_names()}
        for role in names_en.find_role_speakers(text, regions, min_speeches=max(2, floor - 1)):
            if role.noun not in taken and f"the {role.noun}" not in taken:
                name = f"the {role.noun}"
                drafts.append(CharacterDraft(key="", name=name, aliases=[f"The {role.noun}"], gender=role.gender))
        _add_title_roles(text, regions, people, drafts, min_speeches=max(2, floor - 1))
    for number, draft in enumerate(drafts, start=1):
        draft.key = f"k{number:04d}"
    return drafts


def _add_title_roles(
    text: str,
    regions: list[tuple[int, int]],
    people: list[names_en.PersonDraft],
    drafts: list[CharacterDraft],
    *,
    min_speeches: int,
) -> None:
    """ "the Doctor" is the one character titled Doctor; with none, a speaking "the Doctor" is one.

    A role found in lower case ("said the general") joins the one character bearing that title
    ("General Tilney", "Duchess of Monmouth"); with several (a Count Cavalcanti and the Count of
    Monte Cristo) it stays a character and takes the capitalised form too. Otherwise a title the
    text mostly writes in lower case ("the baron") is a common noun, not a name.
    """
    for role in names_en.find_title_roles(text, regions):
        lower = f"the {role.title.lower()}"
        spoken = next((d for d in drafts if d.name == lower), None)
        holders = _dominant(
            [
                (person.count, d)
                for person, d in zip(people, drafts[: len(people)], strict=True)
                if _holds(person, role.normal)
            ]
        )
        if spoken is not None and len(holders) == 1:
            holders[0].aliases.extend(
                a
                for a in (*spoken.all_names(), f"the {role.title}", f"The {role.title}")
                if a not in holders[0].aliases
            )
            drafts.remove(spoken)
            continue
        if spoken is not None:
            spoken.aliases.extend(a for a in (f"the {role.title}", f"The {role.title}") if a not in spoken.aliases)
            continue
        taken = {n.lower() for d in drafts for n in d.all_names()}
        if role.title.lower() in taken or lower in taken or role.lowercase > role.count:
            continue
        if len(holders) == 1:
            holders[0].aliases.extend([f"the {role.title}", f"The {role.title}"])
        elif not holders and role.speeches >= min_speeches:
            gender = EN_HONORIFICS.get(role.title, "unknown")
            drafts.append(
                CharacterDraft(key="", name=f"the {role.title}", aliases=[f"The {role.title}"], gender=gender)
            )


def _dominant(holders: list[tuple[int, CharacterDraft]]) -> list[CharacterDraft]:
    """The title's bearers; only the first when it is named ten times as often as all the others.

    "the count" of a book about the Count of Monte Cristo is him, not the Count Cavalcanti of a
    few pages.
    """
    ranked = sorted(holders, key=lambda item: -item[0])
    if len(ranked) > 1 and ranked[0][0] >= 10 * sum(count for count, _ in ranked[1:]):
        return [ranked[0][1]]
    return [draft for _, draft in holders]


def _holds(person: names_en.PersonDraft, title: str) -> bool:
    """Whether the person bears ``title``: "General Tilney", or "Count of Monte Cristo"."""
    return title in person.titles or any(
        len(f.words) > 2 and f.words[0] == title and f.words[1] == "of" for f in person.forms
    )


def cast_from_known(known_cast: list[dict[str, Any]]) -> list[CharacterDraft]:
    """Drafts from a cast given by the user or an earlier run: ``[{id, name, aliases, gender}]``.

    Raises:
        PipelineError: an entry lacks an id or a name, or two entries share an id.
    """
    drafts: list[CharacterDraft] = []
    seen: set[str] = set()
    for position, entry in enumerate(known_cast):
        ident = str(entry.get("id") or "").strip()
        name = str(entry.get("name") or "").strip()
        if not ident or not name:
            raise PipelineError(f"known_cast[{position}] needs both 'id' and 'name', got {entry!r}")
        if ident in seen:
            raise PipelineError(f"known_cast[{position}]: id {ident!r} is used twice")
        seen.add(ident)
        gender = str(entry.get("gender") or "unknown")
        aliases = [str(a) for a in entry.get("aliases") or [] if str(a).strip() and str(a) != name]
        drafts.append(
            CharacterDraft(
                key=ident,
                name=name,
                aliases=_unique(aliases),
                gender=gender if gender in _GENDERS else "unknown",  # type: ignore[arg-type]
                fixed_id=True,
            )
        )
    return drafts


def finalize_cast(drafts: list[CharacterDraft], mentions: Counter[str], spoken: Counter[str]) -> dict[str, str]:
    """Set mentions, speech counts and importance; return provisional key → final id ("c001"…).

    Ids follow importance (major first), then mentions and speech, then name, so they are stable for
    a given text. Characters of a known cast keep their ids.
    """
    for draft in drafts:
        draft.mentions = mentions[draft.key]
        draft.spoken = spoken[draft.key]
    top = max((_score(d) for d in drafts), default=0)
    for draft in drafts:
        draft.importance = _importance(draft, top)
    order = {"major": 0, "intermediate": 1, "minor": 2}
    drafts.sort(key=lambda d: (order[d.importance], -_score(d), d.name, d.key))
    mapping: dict[str, str] = {}
    taken = {d.key for d in drafts if d.fixed_id}
    number = 0
    for draft in drafts:
        if draft.fixed_id:
            mapping[draft.key] = draft.key
            continue
        number += 1
        while f"c{number:03d}" in taken:
            number += 1
        mapping[draft.key] = f"c{number:03d}"
    return mapping


def to_characters(drafts: list[CharacterDraft], mapping: dict[str, str]) -> list[Character]:
    """The final :class:`Character` records, in the order :func:`finalize_cast` left the drafts."""
    return [
        Character(
            id=mapping[d.key],
            name=d.name,
            aliases=d.aliases,
            gender=d.gender,
            mentions=d.mentions,
            importance=d.importance,
            role=d.role,
        )
        for d in drafts
    ]


def _score(draft: CharacterDraft) -> int:
    return draft.mentions + 3 * draft.spoken


def _importance(draft: CharacterDraft, top: int) -> Importance:
    score = _score(draft)
    if top and score * 5 >= top and score >= 10:
        return "major"
    if top and (score * 30 >= top and score >= 5 or draft.spoken >= 5):
        return "intermediate"
    return "minor"


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    result: list[str] = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result
