"""Find Chinese character names with jieba: dictionary ``nr`` tags, new words, and speakers before 说/道.

Full ``jieba.posseg`` tagging with its HMM is about 40 s on 红楼梦, so the text is cut with
``jieba.tokenize`` (HMM on, fast) and each word's tag is looked up in posseg's own tag table; a word
jieba does not know is taken as a name when it starts with a common surname or keeps appearing just
before a speech verb. Frequent two-character strings jieba does not know are grown into names too
(子君, 赵太爷, 假洋鬼子), when a surname, a title or a speech verb backs them. Forms are merged by NFKC key (阿Q = 阿Ｑ, for comparison only), by a trailing
儿 (凤姐儿 → 凤姐) and by given name (黛玉 → 林黛玉, when only one full name ends with it).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import jieba
import jieba.posseg

from microdrama.analyze.fragments_zh import sentence_fragments
from microdrama.analyze.jieba_words import _dictionary
from microdrama.analyze.lexicons import (
    ZH_ELDER_TERMS,
    ZH_FEMALE_MARKS,
    ZH_GENDER_AFTER,
    ZH_GENDER_BEFORE,
    ZH_INSTITUTION_SUFFIXES,
    ZH_KIN_TERMS,
    ZH_MALE_MARKS,
    ZH_NAME_STOPWORDS,
    ZH_NOT_NAME_END,
    ZH_NOT_NAME_START,
    ZH_PARENT_ENDS,
    ZH_PERSON_HEADS,
    ZH_PLACE_SUFFIXES,
    ZH_ROLE_NOUNS,
    ZH_SPEECH_VERBS,
    ZH_SURNAME_TITLES,
    ZH_SURNAMES,
    GenderName,
)

jieba.setLogLevel(logging.WARNING)

_LATIN_NAME = re.compile(r"[阿小老][A-Za-zＡ-Ｚａ-ｚ](?![A-Za-zＡ-Ｚａ-ｚ])")
_TITLED_NAME = re.compile(f"[{''.join(sorted(ZH_SURNAMES))}](?:{'|'.join(ZH_SURNAME_TITLES)})")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_FUNCTION_CHARS = frozenset(
    "的了是在我你他她们这那和与就也都又还只便却不没一个有着过很说道得地么呢吗吧啊之而以于其所为已再才"
)
_CUE_END = frozenset("：:，,“「")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_SPEECH = frozenset(ZH_SPEECH_VERBS)
_VERB_ENDS = frozenset(v[-1] for v in ZH_SPEECH_VERBS)
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
#: jieba tag initials of verbs, adverbs, adjectives, state words, idioms and onomatopoeia
_MANNER_TAGS = frozenset("vdazio")


@dataclass
class ZhPerson:
    """A character found in Chinese text: its printed forms with counts, and gender."""

    forms: Counter[str] = field(default_factory=Counter)
    gender: GenderName = "unknown"

    @property
    def count(self) -> int:
        """Occurrences of all forms."""
        return sum(self.forms.values())

    @property
    def name(self) -> str:
        """The fullest common form: a longer form wins when used at least a fifth as often as the top one."""
        top = max(self.forms.values())
        common = [f for f, n in self.forms.items() if n * 5 >= top]
        return max(common, key=lambda f: (len(unicodedata.normalize("NFKC", f)), self.forms[f], f))


#: jieba's words of one region, each with its absolute start offset
Tokens = list[list[tuple[str, int]]]


def segment(text: str, regions: list[tuple[int, int]]) -> Tokens:
    """Cut each region into words with jieba (HMM on), keeping offsets into ``text``."""
    return [[(w, start + a) for w, a, _ in jieba.tokenize(text[start:end], HMM=True)] for start, end in regions]


def find_people(
    text: str, regions: list[tuple[int, int]], *, min_mentions: int, tokens: Tokens | None = None
) -> list[ZhPerson]:
    """Characters named in ``regions`` of ``text``, most mentioned first (``tokens`` from :func:`segment`)."""
    known = _dictionary()
    tagged, speakers, tokens_seen = _count_tokens(tokens if tokens is not None else segment(text, regions), known)
    story = "\n".join(text[a:b] for a, b in regions)
    candidates: dict[str, int] = {}
    for word, count in tagged.items():
        # jieba's dictionary tags some common words nr (胡同, 吉兆): ask for more evidence from those
        if _acceptable(word) and (
            speakers[word] or len(word) == 3 and word[0] in ZH_SURNAMES or count >= 3 * min_mentions
        ):
            candidates[word] = max(count, tokens_seen[word])
    for word, count in speakers.items():
        # a dictionary word that speaks often is a name too (平儿, 鸳鸯, 晴雯: one use in ten before 道)
        often = count * 4 >= tokens_seen[word] or count * 10 >= tokens_seen[word] and count >= 4 * min_mentions
        if _acceptable(word) and count >= 2 and (word not in known or often and not _manner_word(word)):
            candidates[word] = max(candidates.get(word, 0), tokens_seen[word], count)
    for word, count in _ngram_names(story, known, min_mentions).items():
        candidates[word] = max(candidates.get(word, 0), count)
    for word in ZH_ROLE_NOUNS:
        count = story.count(word)
        # a role acts when it opens clauses (地保便叫阿Ｑ) and is not a group (伙计们)
        if count >= max(5, min_mentions) and _acts(story, word) and story.count(word + "们") * 10 <= count:
            candidates[word] = max(candidates.get(word, 0), count)
    for pattern in (_LATIN_NAME, _TITLED_NAME):
        found = Counter(m.group() for m in pattern.finditer(story))
        for word, count in found.items():
            if _acceptable(word) or pattern is _LATIN_NAME:
                candidates[word] = max(candidates.get(word, 0), count)
    stems = _place_stems(story, candidates)
    # a place does not speak: 雨村道 makes 雨村 (and 贾雨村) a man despite the 村
    candidates = _drop_fragments(
        {w: n for w, n in candidates.items() if speakers[w] >= 2 or not _place_word(w) and w not in stems}
    )
    fragments = sentence_fragments(story, candidates)  # 宝玉忙起身道: 忙起 is no one
    # a role or a nickname from the dictionary that acts is someone, whatever its words (地保, 假洋鬼子)
    acting = {
        w for w in fragments if w in ZH_ROLE_NOUNS or len(w) >= 3 and w.endswith(ZH_PERSON_HEADS) and _acts(story, w)
    }
    people = _merge({w: n for w, n in candidates.items() if w not in fragments or w in acting})
    kin_gender = _link_forms(story, people)
    people = [p for p in people if p.count >= min_mentions]
    for person in people:
        person.gender = ZH_KIN_TERMS.get(person.name) or kin_gender.get(id(person)) or _gender(text, person, regions)
    if "她" not in text and "伊" not in text:
        _he_means_men(text, people, regions)
    people.sort(key=lambda p: (-p.count, p.name))
    return people


def _he_means_men(text: str, people: list[ZhPerson], regions: list[tuple[int, int]]) -> None:
    """In a book with neither 她 nor 伊, 他 is "he" when the women the titles show rarely get it.

    红楼梦 follows 黛玉 and 宝玉 with 他 alike, so there it tells nothing; 西游记 never follows 王母
    or the fairies with 他, so there a character mostly followed by 他 (悟空) is a man.
    """
    rates: dict[int, tuple[int, int]] = {}
    for person in people:
        mentions = followed = 0
        for match in _mentions(text, person, regions):
            mentions += 1
            followed += "他" in text[match.end() : match.end() + 15]
            if mentions >= 300:
                break
        rates[id(person)] = (followed, mentions)

    def rate(gender: str) -> tuple[float, int]:
        followed = sum(rates[id(p)][0] for p in people if p.gender == gender)
        mentions = sum(rates[id(p)][1] for p in people if p.gender == gender)
        return (followed / mentions if mentions else 0.0), mentions

    (male, men), (female, women) = rate("male"), rate("female")
    if men < 20 or women < 20 or female * 3 >= male:
        return
    for person in people:
        followed, mentions = rates[id(person)]
        if person.gender == "unknown" and followed >= 3 and followed >= mentions * male / 2:
            person.gender = "male"


def nfkc(word: str) -> str:
    """The comparison key of a name (full-width letters folded: 阿Ｑ → 阿Q)."""
    return unicodedata.normalize("NFKC", word)


#: characters that occur in function words, never inside a name
FUNCTION_CHARS = _FUNCTION_CHARS


def _count_tokens(segments: Tokens, known: dict[str, int]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per word: how often jieba tags it a name, how often it stands before a speech verb, how often it occurs."""
    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
    tagged: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    tokens: Counter[str] = Counter()
    for segment_words in segments:
        words = [w for w, _ in segment_words]
        for index, word in enumerate(words):
            if len(word) < 2 or len(word) > 4 or not _CJK.match(word):
                continue
            stem = _strip_speech(word)
            if stem != word:  # "贾政道": a name glued to its speech verb
                speakers[stem] += 1
                tokens[stem] += 1
                continue
            tokens[word] += 1
            if tags.get(word) in _NAME_TAGS:
                tagged[word] += 1
            elif not known.get(word) and word[0] in ZH_SURNAMES and len(word) <= 3:
                tagged[word] += 1
            following = words[index + 1] if index + 1 < len(words) else ""
            after = words[index + 2] if index + 2 < len(words) else ""
            if following in _SPEECH and after[:1] in _CUE_END:
                speakers[word] += 1
    return tagged, speakers, tokens


def _ngram_names(story: str, known: dict[str, int], min_mentions: int) -> Counter[str]:
    """Frequent two-character strings jieba does not know, grown to the 3–4 characters they usually sit in.

    Names the dictionary lacks (子君, 赵太爷, 假洋鬼子) show up this way even when jieba cuts them apart.
    """
    bigrams: Counter[str] = Counter()
    for run in _CJK_RUN.findall(story):
        for i in range(len(run) - 1):
            pair = run[i : i + 2]
            if pair[0] not in _FUNCTION_CHARS and pair[1] not in _FUNCTION_CHARS:
                bigrams[pair] += 1
    floor = max(5, min_mentions, len(story) // 40_000)
    found: Counter[str] = Counter()
    for pair, count in sorted(bigrams.items()):
        if count < floor or known.get(pair):
            continue
        word = _grow(story, pair, count)
        if (
            _acceptable(word)
            # a nickname the dictionary happens to hold (假洋鬼子) counts when it acts
            and (not known.get(word) or len(word) >= 3 and word.endswith(ZH_PERSON_HEADS) and _acts(story, word))
            and word[-1] not in ZH_NOT_NAME_END
            and _person_evidence(story, word)
        ):
            found[word] = max(found[word], story.count(word))
    return found


def _person_evidence(story: str, word: str) -> bool:
    """A title behind, a surname before two more characters, or the word speaking (子君说, 赵白眼)."""
    if word.endswith(ZH_FEMALE_MARKS + ZH_MALE_MARKS) or word[0] in ZH_SURNAMES and len(word) > 2:
        return True
    # a surname and one character (严威 in 在严威和冷眼中) must also act: 子君说, 王胡道
    if re.search(re.escape(word) + r"[\u4e00-\u9fff]{0,2}[说道问答笑叫嚷骂]", story) is not None:
        return True
    # a nickname for a kind of person that acts (假洋鬼子回来时, 假洋鬼子正站在院子里)
    return len(word) >= 3 and word.endswith(ZH_PERSON_HEADS) and _acts(story, word)


def _acts(story: str, word: str) -> bool:
    """Whether ``word`` opens at least two clauses as their subject (not "X的", not "X们")."""
    opening = re.compile(r"(?:^|[。！？，；：”」\n])[这那]?" + re.escape(word) + r"(?![的们])", re.MULTILINE)
    return len(opening.findall(story)) >= 2


def _drop_fragments(candidates: dict[str, int]) -> dict[str, int]:
    """ "钏儿" is only ever part of "金钏儿": drop a form mostly seen inside a longer candidate."""
    kept: dict[str, int] = {}
    for word, count in candidates.items():
        longer = [other for other in candidates if len(other) > len(word) and word in other]
        if any(candidates[other] * 2 >= count for other in longer if not other.startswith(word) or len(word) > 2):
            continue
        kept[word] = count
    return kept


def _grow(story: str, word: str, count: int) -> str:
    """Extend ``word`` by one character left or right while one neighbour accompanies 80% of its uses."""
    while len(word) < 4:
        right: Counter[str] = Counter()
        left: Counter[str] = Counter()
        for match in re.finditer(re.escape(word), story):
            if match.end() < len(story):
                right[story[match.end()]] += 1
            if match.start() > 0:
                left[story[match.start() - 1]] += 1
        grown = ""
        for neighbours, on_right in ((right, True), (left, False)):
            if neighbours:
                char, seen = neighbours.most_common(1)[0]
                if seen * 5 >= count * 4 and "\u4e00" <= char <= "\u9fff" and char not in _FUNCTION_CHARS:
                    grown = word + char if on_right else char + word
                    break
        if not grown:
            return word
        word = grown
    return word


def _strip_speech(word: str) -> str:
    """ "贾政道" (a new word jieba glued together) → "贾政"."""
    if word[-1] not in _VERB_ENDS:
        return word
    for verb in ZH_SPEECH_VERBS:
        if word.endswith(verb) and len(word) - len(verb) >= 2:
            return word[: -len(verb)]
    return word


def _acceptable(word: str) -> bool:
    if _LATIN_NAME.fullmatch(word):
        return True
    if word in ZH_NAME_STOPWORDS or word[0] in ZH_NOT_NAME_START:
        return False
    if word[-1] in ZH_NOT_NAME_END and not _person_in_ren(word):
        return False
    return bool(_CJK.match(word)) and 2 <= len(word) <= 4


def _person_in_ren(word: str) -> bool:
    """袭人, 王夫人: a name may end in 人 when it is a surname + 夫人 or no dictionary word (众人 is)."""
    if word[-1] != "人" or len(word) < 2:
        return False
    if word[0] in ZH_SURNAMES and word.endswith("夫人"):
        return True
    return len(word) == 2 and not _dictionary().get(word) and word[0] not in _GENERIC_REN_HEADS


#: first characters of common words for kinds of people (众人, 别人, 客人, 两人)
_GENERIC_REN_HEADS = frozenset("众别旁家客主老美丈恩仙道世下两二三四五几个这那有好坏男女大小诸各路行")


def _manner_word(word: str) -> bool:
    """悄悄道, 叹气道, 启奏道: a word the dictionary calls a verb, adverb or adjective tells how one speaks."""
    tag = jieba.posseg.dt.word_tag_tab.get(word, "n")
    return tag[0] in _MANNER_TAGS


def _place_word(word: str) -> bool:
    if word.endswith(ZH_INSTITUTION_SUFFIXES):
        return True  # 韩氏海运: a company
    if jieba.posseg.dt.word_tag_tab.get(word, "").startswith("ns"):
        return True  # 金陵, 长安: the dictionary knows it for a place
    return any(word.endswith(suffix) for suffix in ZH_PLACE_SUFFIXES) and not word.endswith(
        ZH_FEMALE_MARKS + ZH_MALE_MARKS
    )


def _place_stems(story: str, words: Iterable[str]) -> set[str]:
    """白沙 in 白沙港, 吉兆 in 吉兆胡同: the words mostly followed by a place suffix name places (one pass)."""
    words = sorted(words, key=lambda w: (-len(w), w))
    if not words:
        return set()
    suffixes = {suffix for suffix in ZH_PLACE_SUFFIXES if len(suffix) == 1}
    longer = tuple(suffix for suffix in ZH_PLACE_SUFFIXES if len(suffix) > 1)
    total: Counter[str] = Counter()
    suffixed: Counter[str] = Counter()
    ends = sorted(ZH_PLACE_SUFFIXES, key=len, reverse=True)
    known = set(words)
    for match in re.finditer("|".join(map(re.escape, words)), story):
        word = match.group()
        # the longest candidate matched may be the place itself (吉兆胡同): it counts for its stem
        stem = next((word[: -len(end)] for end in ends if word.endswith(end) and word[: -len(end)] in known), None)
        if stem is not None:
            total[stem] += 1
            suffixed[stem] += 1
            continue
        total[word] += 1
        if story[match.end() : match.end() + 1] in suffixes or story.startswith(longer, match.end()):
            suffixed[word] += 1
    return {w for w in total if suffixed[w] * 2 >= total[w]}


def _merge(counts: dict[str, int]) -> list[ZhPerson]:
    """Group forms: NFKC key, trailing 儿, then given names into the one full name that ends with them."""
    by_key: dict[str, ZhPerson] = {}
    for word in sorted(counts, key=lambda w: (-len(w), w)):
        key = nfkc(word)
        if key.endswith("儿") and key[:-1] in {nfkc(w) for w in counts}:
            key = key[:-1]
        by_key.setdefault(key, ZhPerson()).forms[word] += counts[word]
    full_names = [k for k in by_key if len(k) == 3 and k[0] in ZH_SURNAMES]
    for key in sorted(by_key, key=lambda k: (len(k), k)):
        if len(key) != 2 or key not in by_key:
            continue
        owners = [full for full in full_names if full[1:] == key and full in by_key]
        if len(owners) == 1:
            by_key[owners[0]].forms.update(by_key.pop(key).forms)
    return list(by_key.values())


def _link_forms(story: str, people: list[ZhPerson]) -> dict[int, GenderName]:
    """Forms that only make sense once the people are known; returns genders kinship terms show.

    * ``姑姑沈秀兰`` / ``兄长沈守平``: a kinship term right before a full name tells the gender, and
      an elder's term (姑姑, 叔叔…) used so for one person only becomes their alias;
    * ``阿念``: 阿 + the last character of exactly one person's given name;
    * ``沈小姐`` / ``韩先生``: surname + 小姐/先生 when one person of that surname and gender fits
      (a woman the text calls 姑姑 or 婶婶 is not the family's 小姐).
    """
    full = {
        nfkc(p.name): p
        for p in people
        if len(nfkc(p.name)) in (2, 3) and p.name[0] in ZH_SURNAMES and p.name[1:] not in ZH_SURNAME_TITLES
    }
    genders: dict[int, GenderName] = {}
    elders: set[int] = set()
    if full:
        names = "|".join(sorted(map(re.escape, full), key=len, reverse=True))
        terms = "|".join(sorted(ZH_KIN_TERMS, key=len, reverse=True))
        seen: dict[str, set[int]] = {}
        for match in re.finditer(f"({terms})({names})", story):
            person = full[match.group(2)]
            term = match.group(1)
            genders[id(person)] = ZH_KIN_TERMS[term]
            if term in ZH_ELDER_TERMS:
                elders.add(id(person))
                seen.setdefault(term, set()).add(id(person))
        for term, owners in seen.items():
            if len(owners) == 1:
                owner = next(p for p in people if id(p) == next(iter(owners)))
                owner.forms[term] += story.count(term)
    by_last: dict[str, list[ZhPerson]] = {}
    for name, person in full.items():
        by_last.setdefault(name[-1], []).append(person)
    for char, owners in sorted(by_last.items()):
        count = story.count("阿" + char)
        if len(owners) == 1 and count:
            owners[0].forms["阿" + char] += count
    for title, wanted in (("小姐", "female"), ("先生", "male")):
        for surname in sorted({name[0] for name in full}):
            count = story.count(surname + title)
            if not count:
                continue
            fitting = [
                p
                for name, p in full.items()
                if name[0] == surname and id(p) not in elders and genders.get(id(p), wanted) == wanted
            ]
            if len(fitting) == 1:
                fitting[0].forms[surname + title] = count
                for other in [p for p in people if p is not fitting[0] and surname + title in p.forms]:
                    del other.forms[surname + title]
                    if not other.forms:
                        people.remove(other)
    return genders


def _gender(text: str, person: ZhPerson, regions: list[tuple[int, int]]) -> GenderName:
    """Titles in the name (王夫人, 赵太爷, 贾母), else words around its mentions, else pronouns."""
    votes: Counter[str] = Counter()
    for form, count in person.forms.items():
        if form.endswith(ZH_FEMALE_MARKS):
            votes["female"] += count
        elif form.endswith(ZH_MALE_MARKS):
            votes["male"] += count
        elif form[-1] in ZH_PARENT_ENDS and len(form) >= 2:
            votes[ZH_PARENT_ENDS[form[-1]]] += count
    if votes:
        return _decide(votes)
    return _context_gender(text, person, regions)


def _mentions(text: str, person: ZhPerson, regions: list[tuple[int, int]]) -> Iterable[re.Match[str]]:
    pattern = re.compile("|".join(re.escape(f) for f in sorted(person.forms, key=len, reverse=True)))
    for region_start, region_end in regions:
        yield from pattern.finditer(text, region_start, region_end)


def _context_gender(text: str, person: ZhPerson, regions: list[tuple[int, int]]) -> GenderName:
    """Kin words and titles next to the mentions (袭人姐姐, 丫鬟雪雁) count three times; then pronouns.

    Pronouns count only in books that tell the sexes apart: by 她, or by the early vernacular 伊 for
    "she" (鲁迅); where 他 serves both (红楼梦, 西游记) it says nothing.
    """
    she = (
        "她" if text.count("她") * 20 >= text.count("他") else "伊" if text.count("伊") * 50 >= text.count("他") else ""
    )
    votes: Counter[str] = Counter()
    pronouns = 0
    for match in _mentions(text, person, regions):
        after = text[match.end() : match.end() + 3]
        before = text[max(0, match.start() - 2) : match.start()]
        kin = ZH_GENDER_AFTER.get(after[:2]) if after[2:3] != "们" else None
        kin = kin or ZH_GENDER_BEFORE.get(before)
        if kin:
            votes[kin] += 3
        elif she and pronouns < 300:
            pronouns += 1
            window = text[match.end() : match.end() + 30]
            he, her = window.find("他"), window.find(she)
            if her >= 0 and (he < 0 or her < he):
                votes["female"] += 1
            elif he >= 0:
                votes["male"] += 1
    return _decide(votes)


def _decide(votes: Counter[str]) -> GenderName:
    male, female = votes["male"], votes["female"]
    if male >= 2 and male >= 2 * female:
        return "male"
    if female >= 2 and female >= 2 * male:
        return "female"
    if male + female == 1 or male == female:
        return "unknown" if male == female else ("male" if male else "female")
    return "unknown"
