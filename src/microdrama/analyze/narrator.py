"""The first-person narrator: whether the book has one, and what the other characters call them.

A narrator is never named in their own narration ("I"), so the name shows only in what others say
to them or about them: vocatives ("my dear Watson", "…, Nick?", "涓生，我觉得…"), the title others
give them ("Dr. Watson"), a self-introduction in the narration ("my name is Ishmael", 我叫…), or a
heading ("涓生的手记"). The name that gets such evidence and is hardly ever a subject of the
narration is the narrator's. When none is found the narrator is still a character ("Narrator",
"我"), so that "I said" has someone to go to.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from microdrama.analyze.jieba_words import dictionary, jieba_word_tags
from microdrama.analyze.lexicons import (
    EN_HONORIFICS,
    EN_INSTITUTION_HEADS,
    EN_PLACE_HEADS,
    EN_PLACE_PREFIXES,
    EN_STOPWORDS,
)
from microdrama.analyze.names_zh import FUNCTION_CHARS as _FUNCTION_CHARS
from microdrama.model import Quote

#: narration too short to tell who tells it (characters of Chinese, words of English)
_MIN_NARRATION = {"zh": 1500, "en": 300}
#: titles that go before a surname only
_SURNAME_TITLES = frozenset({"Mr", "Mister", "Mrs", "Miss", "Ms", "Dr", "Doctor"})
#: the unnamed narrator's name by language
UNNAMED = {"en": "Narrator", "zh": "我"}

_TITLES = "|".join(
    sorted(
        (re.escape(t) + (r"\." if len(t) <= 3 and t not in ("Sir", "Mme") else "") for t in EN_HONORIFICS),
        key=len,
        reverse=True,
    )
)
_EN_NAME = rf"(?:(?:{_TITLES})\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
#: a name the speech opens with ("Watson, come here", "My dear Watson!") or sets off by commas
_EN_VOCATIVE_OPEN = re.compile(rf"^\W{{0,3}}(?:(?:[Mm]y\s+)?(?:dear|good|old)\s+(?:old\s+)?)?({_EN_NAME})(?=[,!?])")
_EN_VOCATIVE_INSIDE = re.compile(rf",\s+(?:my\s+(?:dear|good)\s+)?({_EN_NAME})(?=[,!?]|\.\s*$|\s*$)")
#: "his secretary, Mr. Stangerson," / "this man, Stangerson?": a name in apposition, not spoken to
_APPOSITION = re.compile(
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Mm]y|[Yy]our|[Oo]ur|[Tt]heir|[Tt]his|[Tt]hat|an?)\s+(?:[\w-]+\s+)?[\w-]+$"
)
_EN_SELF_NAMED = re.compile(rf"\b(?:[Mm]y name (?:is|was)|I am called|[Cc]all me|I was christened)\s+({_EN_NAME})")
_ZH_NAME = r"[\u4e00-\u9fff]{2,3}"
_ZH_VOCATIVE = re.compile(rf"(?:^|[，……！])({_ZH_NAME})[，！？!?]")
_ZH_SELF_NAMED = re.compile(rf"我(?:叫|名叫|的名字是|姓)({_ZH_NAME})")
_ZH_NOTES = re.compile(rf"({_ZH_NAME})的(?:手记|日记|自述|自白|笔记)")
#: words a vocative may be that are no one's name
_EN_NOT_NAMES = frozenset(
    {"Oh", "Ah", "Yes", "No", "Well", "Now", "Come", "Look", "Here", "There", "Why", "What", "Sir", "Madam",
     "Ma'am", "Please", "Thank", "Thanks", "Good", "God", "Lord", "Heaven", "Hallo", "Hello", "Indeed", "Nonsense",
     "Listen", "Stop", "Wait", "Hush", "Quick", "Alas", "Dear", "Mother", "Father", "Mamma", "Papa", "Gentlemen",
     "Ladies", "Boys", "Friends", "Doctor", "Captain", "Colonel", "Perhaps", "Certainly", "Then", "So", "But",
     "And", "Oh dear", "Very", "Really", "Quite", "Never", "Not", "All", "Still", "Besides", "Mind", "Go", "See"}
)  # fmt: skip
_ZH_NOT_NAMES = frozenset(
    [
        "但是",
        "可是",
        "不过",
        "然而",
        "所以",
        "因为",
        "好的",
        "是的",
        "不是",
        "没有",
        "我们",
        "你们",
        "他们",
        "她们",
        "什么",
        "怎么",
        "这样",
        "那样",
        "现在",
        "我想",
        "你看",
        "好了",
        "对了",
        "罢了",
        "唉唉",
        "阿呀",
        "哎呀",
        "真的",
        "先生",
        "老爷",
        "太太",
        "小姐",
        "大人",
        "哥哥",
        "姐姐",
        "妹妹",
        "弟弟",
        "母亲",
        "父亲",
        "妈妈",
        "爸爸",
    ]
)


@dataclass
class NarratorIdentity:
    """Who narrates: ``name`` with its other printed forms, or the unnamed narrator."""

    name: str
    aliases: list[str] = field(default_factory=list)
    named: bool = True
    evidence: Counter[str] = field(default_factory=Counter)


def is_first_person(text: str, language: str, quotes: Sequence[Quote], regions: Sequence[tuple[int, int]]) -> bool:
    """Whether the narration (outside quotations) says I/me/my or 我 often.

    Per 100 words of English narration at least one I/me/my/myself; per 1,000 characters of Chinese
    narration at least five 我 (a third-person book quotes "I" only in dialogue). A passage with
    less narration than a page (an excerpt of a few lines) does not tell.
    """
    prose = narration(text, quotes, regions)
    if language == "zh":
        size = len(prose.strip())
        return size >= _MIN_NARRATION["zh"] and prose.count("我") * 200 >= size
    words = len(prose.split())
    return words >= _MIN_NARRATION["en"] and len(re.findall(r"\b(?:I|me|my|myself)\b", prose)) * 100 >= words


def narration(text: str, quotes: Sequence[Quote], regions: Sequence[tuple[int, int]]) -> str:
    """The story text outside quotations, regions joined by a line break."""
    pieces: list[str] = []
    index = 0
    for start, end in regions:
        cursor = start
        while index < len(quotes) and quotes[index].end <= start:
            index += 1
        scan = index
        while scan < len(quotes) and quotes[scan].start < end:
            pieces.append(text[cursor : quotes[scan].start])
            cursor = max(cursor, quotes[scan].end)
            scan += 1
        pieces.append(text[cursor:end])
        pieces.append("\n")
    return "".join(pieces)


def identify_narrator(
    text: str,
    language: str,
    quotes: Sequence[Quote],
    regions: Sequence[tuple[int, int]],
    headings: Sequence[str] = (),
    chapters: Sequence[tuple[int, int]] = (),
) -> NarratorIdentity:
    """The narrator's name from what others call them; the unnamed narrator when nothing says.

    Each candidate name scores its vocatives inside speech in the first-person chapters (a book
    may tell a part in the third person, whose people are addressed too), one more when a title
    goes with it ("Dr. Watson"), three per self-introduction in the narration or "X的手记"
    heading. A name printed in the narration more than twice and more than a quarter of the times it
    is printed at all is someone the narrator talks about, not the narrator.
    """
    prose = narration(text, quotes, regions)
    told = [
        (start, end)
        for start, end in chapters or [(0, len(text))]
        if is_first_person(text, language, quotes, [r for r in regions if start <= r[0] < end])
    ]
    speech = [text[p.start : p.end] for q in quotes if any(a <= q.start < b for a, b in told) for p in q.parts]
    votes: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}

    def vote(form: str, weight: int) -> None:
        form = " ".join(form.split())
        core = _core(form, language)
        if not core or core in (_ZH_NOT_NAMES if language == "zh" else _EN_NOT_NAMES):
            return
        if language == "zh" and not _zh_could_be_name(core):
            return
        if language != "zh" and not _en_could_be_name(form):
            return
        if form != core and not any(f != core for f in forms.get(core, ())):
            weight += 1  # a title others give them (once: the narrator may be polite to others too)
        votes[core] += weight
        forms.setdefault(core, Counter())[form] += 1

    if language == "zh":
        for part in speech:
            for match in _ZH_VOCATIVE.finditer(part):
                vote(match.group(1), 1)
        for match in _ZH_SELF_NAMED.finditer(prose):
            vote(match.group(1), 3)
        for heading in headings:
            for match in _ZH_NOTES.finditer(heading):
                vote(match.group(1), 3)
    else:
        for part in speech:
            for match in _EN_VOCATIVE_OPEN.finditer(part):
                vote(match.group(1), 1)
            for match in _EN_VOCATIVE_INSIDE.finditer(part):
                if not _APPOSITION.search(part, max(0, match.start() - 40), match.start()):
                    vote(match.group(1), 1)
        for match in _EN_SELF_NAMED.finditer(prose):
            vote(match.group(1), 3)
    ranked: list[tuple[int, int, str]] = []
    for core, score in votes.items():
        in_prose = _count(prose, core, language)
        in_speech = sum(_count(part, core, language) for part in speech)
        if in_prose > 2 and in_prose * 4 > in_prose + in_speech + score:
            continue  # the narration names them: a character the narrator watches
        ranked.append((score, in_speech, core))
    ranked.sort(key=lambda item: (-item[0], -item[1], item[2]))
    if not ranked:
        return NarratorIdentity(name=UNNAMED[language], named=False)
    score, _, core = ranked[0]
    printed = forms[core]
    name = max(printed, key=lambda form: (printed[form] >= 2 or form == core, len(form.split()), printed[form], form))
    aliases = sorted({core, *printed} - {name})
    if language != "zh" and all(form == core for form in printed):
        # the narrator is called by a first name ("Nick"); a surname others give a title and the
        # narration never prints is theirs too ("Mr. Carraway", "Mr. Barnes")
        for other_score, in_speech, other in ranked[1:]:
            titled = [form for form in forms[other] if form != other and form.split()[0].rstrip(".") in _SURNAME_TITLES]
            if titled and other_score >= 2 and in_speech >= 3:
                aliases = sorted({*aliases, other, *titled})
                break
    return NarratorIdentity(name=name, aliases=aliases, evidence=Counter({core: score}))


def _en_could_be_name(form: str) -> bool:
    """Not a place or a firm ("Baker Street", "New York", "Union Bank") nor a common word."""
    words = form.split()
    return not (
        words[-1] in EN_PLACE_HEADS
        or words[-1] in EN_INSTITUTION_HEADS
        or words[0] in EN_PLACE_PREFIXES
        or words[-1].lower() in EN_STOPWORDS
    )


def _zh_could_be_name(word: str) -> bool:
    """Not a common word (但是, 自然) and no function character (什么呢, 说做): 涓生, 子君."""
    if any(ch in _FUNCTION_CHARS for ch in word):
        return False
    known = jieba_word_tags()
    return word not in dictionary() or known.get(word, "").startswith("nr")


def _core(form: str, language: str) -> str:
    """The name without a title: "Dr. Watson" → "Watson"."""
    if language == "zh":
        return form if re.fullmatch(_ZH_NAME, form) else ""
    words = form.split()
    while words and words[0].rstrip(".") in EN_HONORIFICS:
        words = words[1:]
    return words[-1] if words else ""


def _count(text: str, core: str, language: str) -> int:
    if language == "zh":
        return text.count(core)
    return len(re.findall(rf"\b{re.escape(core)}\b", text))
