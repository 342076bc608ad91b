"""Find named places and common location nouns, with every mention and an INT/EXT guess."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Literal

import jieba.posseg

from microdrama.analyze.lexicons import (
    EN_PLACE_HEADS,
    EN_PLACE_NOUNS,
    EN_PLACE_PREPOSITIONS,
    EN_STOPWORDS,
    ZH_NOT_NAME_START,
    ZH_PLACE_STOPWORDS,
    ZH_PLACE_SUFFIXES,
    ZH_SURNAMES,
)
from microdrama.analyze.names_zh import Tokens, segment
from microdrama.model import Place

Setting = Literal["INT", "EXT", "INT/EXT"]

_CAP = r"[A-Z][a-zà-öø-ÿ]+(?:[-'’](?!s\b)[A-Za-zà-öø-ÿ]+)?"
_SPACE = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_HEADED = re.compile(rf"\b((?:{_CAP}[ \t]+){{1,3}}(?:{'|'.join(EN_PLACE_HEADS)}))\b")
_AFTER_PREPOSITION = re.compile(rf"\b({'|'.join(sorted(EN_PLACE_PREPOSITIONS))}){_SPACE}({_CAP}(?:{_SPACE}{_CAP})?)\b")
_NOUN = re.compile(rf"\bthe[ \t\n]+({'|'.join(re.escape(n) for n in sorted(EN_PLACE_NOUNS, key=len, reverse=True))})\b")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
#: jieba tag initials of words that are never places (verbs, adverbs, numerals, pronouns, adjectives…)
_NOT_PLACE_TAGS = frozenset("vdmprcuaqfty")


def find_places(
    text: str,
    regions: list[tuple[int, int]],
    language: str,
    *,
    character_names: set[str],
    min_mentions: int,
    tokens: Tokens | None = None,
) -> list[Place]:
    """Places named in ``regions`` of ``text``, most mentioned first, with ids ``p001``…

    ``tokens`` are the jieba words of ``regions`` (:func:`names_zh.segment`), to avoid cutting twice.
    """
    if language == "zh":
        found = _zh_candidates(tokens if tokens is not None else segment(text, regions), character_names, min_mentions)
    else:
        found = _en_candidates(text, regions, character_names, min_mentions)
    ranked = sorted(found.items(), key=lambda item: (-len(item[1][0]), item[0]))
    return [
        Place(id=f"p{number:03d}", name=name, aliases=aliases, setting=_setting(name, language), mentions=mentions)
        for number, (name, (mentions, aliases)) in enumerate(ranked, start=1)
    ]


def _en_candidates(
    text: str, regions: list[tuple[int, int]], character_names: set[str], min_mentions: int
) -> dict[str, tuple[list[int], list[str]]]:
    lower = Counter(w for start, end in regions for w in re.findall(r"\b[a-z]+\b", text[start:end]))
    after_preposition: Counter[str] = Counter()
    for start, end in regions:
        for match in _AFTER_PREPOSITION.finditer(text, start, end):
            name = " ".join(match.group(2).split())
            after_preposition[name] += 1
    names: set[str] = set()
    for start, end in regions:
        for match in _HEADED.finditer(text, start, end):
            words = match.group(1).split()
            while words and words[0] in EN_STOPWORDS:
                words = words[1:]
            if len(words) >= 2:
                names.add(" ".join(words))
    for name, count in after_preposition.items():
        words = name.split()
        if (
            count >= 2
            and words[0] not in EN_STOPWORDS
            and name not in character_names
            and not any(w in character_names for w in words)
            and not any(c.startswith(name + " ") for c in character_names)
            and not name.endswith(("ian", "ish", "ese"))
            and lower[name.lower()] < count
        ):
            names.add(name)
    names = {n for n in names if n not in character_names}
    mentions = _mentions_en(text, regions, names)
    for start, end in regions:
        for match in _NOUN.finditer(text, start, end):
            mentions[match.group(1)].append(match.start(1))
    return _merge_en({n: sorted(m) for n, m in mentions.items() if len(m) >= min_mentions})


def _mentions_en(text: str, regions: list[tuple[int, int]], names: set[str]) -> dict[str, list[int]]:
    mentions: dict[str, list[int]] = defaultdict(list)
    if not names:
        return mentions
    pattern = re.compile(
        r"(?<![A-Za-z])("
        + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=lambda n: (-len(n), n)))
        + r")(?![A-Za-z])"
    )
    for start, end in regions:
        for match in pattern.finditer(text, start, end):
            mentions[" ".join(match.group(1).split())].append(match.start())
    return mentions


def _merge_en(found: dict[str, list[int]]) -> dict[str, tuple[list[int], list[str]]]:
    """ "Netherfield" joins "Netherfield Park" when it is the first word of exactly one longer name."""
    merged: dict[str, tuple[list[int], list[str]]] = {name: (mentions, []) for name, mentions in found.items()}
    for name in sorted(found, key=lambda n: (len(n.split()), n)):
        if " " in name or name not in merged:
            continue
        owners = [other for other in merged if other != name and other.split()[0] == name]
        if len(owners) == 1:
            owner = owners[0]
            mentions, aliases = merged.pop(name)
            owner_mentions, owner_aliases = merged[owner]
            merged[owner] = (sorted(owner_mentions + mentions), sorted({*owner_aliases, *aliases, name}))
    return merged


def _zh_candidates(
    segments: Tokens, character_names: set[str], min_mentions: int
) -> dict[str, tuple[list[int], list[str]]]:
    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
    # 如海 of 林如海, 雨村 of 贾雨村: a character's given name, though it ends like a place
    given_names = {name[1:] for name in character_names if len(name) == 3 and name[0] in ZH_SURNAMES}
    mentions: dict[str, list[int]] = defaultdict(list)
    for words in segments:
        for word, word_start in words:
            if not (2 <= len(word) <= 5) or not _CJK.match(word) or word in ZH_PLACE_STOPWORDS:
                continue
            if word in character_names or word in given_names or word[0] in ZH_NOT_NAME_START:
                continue
            if word[0] in ZH_SURNAMES and word[1:] in character_names:  # 贾雨村, when 雨村 is a character
                continue
            tag = tags.get(word)
            # jieba tags many two-character words ns by mistake (东西, 哥哥): ask for a place ending too
            if _suffix(word) and (tag or "n")[0] not in _NOT_PLACE_TAGS or tag == "ns" and len(word) >= 3:
                mentions[word].append(word_start)
    return {w: (m, []) for w, m in mentions.items() if len(m) >= min_mentions}


def _suffix(word: str) -> str | None:
    for length in (2, 1):
        tail = word[-length:]
        if tail in ZH_PLACE_SUFFIXES and len(word) > length:
            return tail
    return None


def _setting(name: str, language: str) -> Setting:
    if language == "zh":
        tail = _suffix(name)
        return "EXT" if tail is None else ZH_PLACE_SUFFIXES[tail]  # type: ignore[return-value]
    last = name.split()[-1]
    if last in EN_PLACE_HEADS:
        return EN_PLACE_HEADS[last]  # type: ignore[return-value]
    if name in EN_PLACE_NOUNS:
        return EN_PLACE_NOUNS[name]  # type: ignore[return-value]
    return "EXT"
