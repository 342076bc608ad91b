"""Chinese name candidates that are pieces of a sentence, not people.

Frequent strings jieba does not know are grown into names (子君, 赵太爷), but the same counting
also finds what keeps following a name: 宝玉**忙起**身道, 黛玉**笑向**宝玉道, 贾政**正**色 — and strings cut
across two names or a name and a verb: 问**宝玉**, 尤氏**李**纨, 宝玉**进**来. A person's name stands
after punctuation, a verb or a preposition, not glued to the end of another name or a pronoun; so a
candidate is dropped when:

* at least 40 % of its occurrences come right after another candidate, a pronoun (他她我你), a
  measure word (一个筋斗) or an adverb (便含泪道, 又念佛), or
  run on into another candidate (its last characters are the start of that name); or
* it is another, at least twice as frequent, candidate plus one character that is no name suffix
  (宝玉进, 贾政正; not 凤姐儿, 巧姐儿) or plus a verb (玉帝传旨), or one character that is no surname
  nor name prefix plus such a candidate (问宝玉, 里贾; not 甄宝玉, 小红); or
* it reads as words, not a name: no surname in front, jieba does not tag it a name, and it ends in a
  verb, adverb, preposition or pronoun (忙起, 犹未, 推他, 眉开眼), opens with a preposition (用手,
  自叹) or with 儿, or is a dictionary word of another kind than a noun (半晌, 央告) — unless a
  surname often stands before it (冷子兴: 子兴 is a given name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import jieba

from microdrama.analyze.jieba_words import dictionary, jieba_word_tags
from microdrama.analyze.lexicons import ZH_FEMALE_MARKS, ZH_MALE_MARKS, ZH_SURNAMES

#: characters that may end a name after another name's characters (凤姐儿, 尤氏, 贾母)
_NAME_SUFFIXES = frozenset("儿氏姐哥妹弟娘妈爷奶嫂婶姑叔伯公婆官母父兄子女妃王君生") | frozenset(
    m[-1] for m in ZH_FEMALE_MARKS + ZH_MALE_MARKS
)
#: characters that open a name before another name (小红, 老君, 阿Q)
_NAME_PREFIXES = frozenset("小老阿大二三四五六七八九十")
_PRONOUNS = frozenset("他她我你")
#: a measure word counts things: 一个筋斗 (a name takes none)
_MEASURES = frozenset("个只条把件张")
#: adverbs that go before a verb, never before a name: 便含泪道, 又念佛
_ADVERBS = frozenset("便又也就才都却忙亦乃遂还已再不没正将要")
_GLUE = _PRONOUNS | _MEASURES | _ADVERBS
#: share of glued occurrences that marks a fragment
_GLUED_SHARE = 0.4
#: a share means little over fewer occurrences (a short text names its people a few times)
_MIN_SEEN = 5


def sentence_fragments(story: str, candidates: Mapping[str, int]) -> set[str]:
    """The candidates (word → count) that are parts of sentences rather than names; see the module."""
    by_first: dict[str, list[str]] = {}
    for word in candidates:
        by_first.setdefault(word[0], []).append(word)
    ends = {word for word in candidates if len(word) >= 2}
    dropped: set[str] = set()
    for word, count in candidates.items():
        if len(word) < 2:
            continue
        if _wraps_a_name(word, count, candidates) or _reads_as_words(story, word):
            dropped.add(word)
            continue
        seen = glued = 0
        for match in re.finditer(re.escape(word), story):
            seen += 1
            start, end = match.span()
            if (
                _after_name(story, start, ends, word)
                or story[start - 1 : start] in _GLUE
                or _runs_into_name(story, start, end, by_first, word)
            ):
                glued += 1
        if seen >= _MIN_SEEN and glued >= seen * _GLUED_SHARE:
            dropped.add(word)
    return dropped


def _wraps_a_name(word: str, count: int, candidates: Mapping[str, int]) -> bool:
    head, tail = word[:-1], word[1:]
    if head in candidates and candidates[head] >= 2 * count and word[-1] not in _NAME_SUFFIXES:
        return True  # 宝玉进, 贾政正
    for cut in range(2, len(word) - 1):
        rest = word[cut:]
        titled = rest.endswith(ZH_FEMALE_MARKS + ZH_MALE_MARKS) or rest[0] in _NAME_SUFFIXES
        if word[:cut] in candidates and candidates[word[:cut]] >= 2 * count and not titled:
            return True  # 玉帝传旨 (玉帝 + 传旨); not 宝玉哥哥
    return (
        tail in candidates
        and candidates[tail] >= 2 * count
        and word[0] not in ZH_SURNAMES
        and word[0] not in _NAME_PREFIXES
    )  # 问宝玉


#: jieba tags of a last word that ends a clause, not a name: verbs, adverbs, prepositions, pronouns…
_CLAUSE_END_TAGS = frozenset({"v", "vg", "vd", "vn", "p", "d", "r", "u", "c", "f", "ud", "uj", "ul", "uz"})


#: jieba tags of dictionary words that are no name: numerals, time words, verbs, adjectives, abbreviations…
_NOT_NAME_WORD_TAGS = frozenset(
    {"m", "t", "d", "v", "vd", "vn", "a", "ad", "an", "c", "p", "r", "u", "f", "s", "j", "l", "i"}
)


def _reads_as_words(story: str, word: str) -> bool:

    if word[0] in ZH_SURNAMES or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
        return False
    tags = jieba_word_tags()
    whole = tags.get(word, "")
    if whole.startswith("nr"):
        return False
    if dictionary().get(word) and whole in _NOT_NAME_WORD_TAGS:
        return True  # 半晌, 央告
    tokens = jieba.lcut(word, HMM=False)
    if len(tokens) == 1 and not tags.get(word):
        tokens = list(word)  # 往外, 进内: no word jieba knows, read it character by character
    first, last = tags.get(tokens[0], ""), tags.get(tokens[-1], "")
    if not (last in _CLAUSE_END_TAGS or first == "p" or word[0] == "儿"):
        return False
    after_surname = sum(
        1 for m in re.finditer(re.escape(word), story) if story[m.start() - 1 : m.start()] in ZH_SURNAMES
    )
    return after_surname * 5 < story.count(word)


def jieba_tags_of(word: str) -> str:
    """jieba's tag of a dictionary word ("" when it does not know it)."""

    return jieba_word_tags().get(word, "")


def _after_name(story: str, start: int, names: set[str], word: str) -> bool:
    for length in (2, 3, 4):
        before = story[max(0, start - length) : start]
        if len(before) == length and before in names and before != word:
            return True
    return False


def _runs_into_name(story: str, start: int, end: int, by_first: dict[str, list[str]], word: str) -> bool:
    """里宝|玉: a later character of the match opens another candidate that runs past the match."""
    for at in range(start + 1, end):
        for other in by_first.get(story[at], ()):
            if other != word and at + len(other) > end and story.startswith(other, at):
                return True
    return False
