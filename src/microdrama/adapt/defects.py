"""What makes a draft line unusable, as plain text tests: the writer avoids these, ``microdrama check``
reports them and ``benchmarks/drafts.py`` counts them.

Each test reads one line (an action line, a speech, a title, a scene's location) and names the defect
class of issue 14 it shows: the novel's past-tense narration or commentary as action, footnote markers,
first-person narration, a speech cut at a comma, a ", But," join, a title that is a sentence prefix, a
location that is not a place, an ending that is no peak.
"""

from __future__ import annotations

import functools
import re

from microdrama.adapt.excerpts import split_sentences
from microdrama.adapt.regions import is_region
from microdrama.adapt.tension import kind_counts
from microdrama.text.speech_rate import is_chinese

#: longest action line (issue 14: one or two short sentences, ≤ 35 words / ≤ 50 字)
MAX_ACTION_WORDS = 35
MAX_ACTION_CHARS_ZH = 50
#: longest title (≤ 6 words / ≤ 8 字)
MAX_TITLE_WORDS = 6
MAX_TITLE_CHARS_ZH = 8

#: footnote and editorial markers: circled numbers, [1], [Illustration], 〔注〕…
FOOTNOTE = re.compile(
    r"[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u2776-\u2793]|\[\s*\d+\s*\]|［\d+］|〔[^〕]{0,6}〕"
    r"|\[(?:Illustration|Footnote|Note|Sidenote)[^\]]*\]|\{\d+\}|\bIllustration:",
    re.IGNORECASE,
)
_EN_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|My|mine|myself)\b")
_ZH_FIRST_PERSON = re.compile(r"我(?!们|們)")
_EN_FIRST_PLURAL = re.compile(r"\b(?:[Ww]e|us|[Oo]urs?|[Oo]urselves|[Ww]e['’](?:ll|re|ve|d))\b")
_ZH_FIRST_PLURAL = re.compile(r"我们|咱们|我們|咱們")
#: the book's front matter and editors' notes: "(_Being a reprint from the reminiscences of_ …)"
_EN_EDITORIAL = re.compile(
    r"\b(?:reprint(?:ed)? from|reminiscences of|transcriber|produced by|copyright|all rights reserved|"
    r"edited by|translated by|project gutenberg|e-?text|late of the)\b|^\s*[(\[][^)\]]*[)\]]\s*$",
    re.IGNORECASE,
)
_ZH_EDITORIAL = re.compile(r"译者|编者|附记|校者|本篇最初|发表于|〔注〕|作者按|^\s*[（(][^）)]*[）)]\s*$")
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|「[^」]*」?|『[^』]*』?|‘[^’]*’(?!\w)")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: essay, reflection and generalising commentary in English narration
_EN_COMMENTARY = re.compile(
    r"\b(?:perhaps|doubtless|no doubt|of course|in fact|indeed|as a rule|so to speak|that is to say|"
    r"it (?:is|was) (?:true|probable|possible|certain|likely|evident|clear|curious|strange|impossible)|"
    r"one (?:might|may|could|would|must)|would (?:\w+ )?have \w+(?:ed|en|one)\b|I (?:think|thought|believe|confess|fancy|suppose|must say|have no doubt))\b",
    re.IGNORECASE,
)
#: essay and narrator commentary in Chinese narration (the narrator reasoning, generalising, judging)
_ZH_COMMENTARY = (
    "其实", "大约", "据说", "通例", "老实说", "说也奇怪", "可见", "总之", "穿凿", "向来", "自然是", "不必说",
    "之所以", "我以为", "我想", "我们", "或者因为", "也未可知", "亦未可知", "所谓", "譬如", "总而言之", "固然",
    "然而其实", "倘若", "大抵", "原来是", "无论如何", "这可难解", "不消说", "不知道", "未庄的通例",
)  # fmt: skip
#: function words an English title or a speech never ends on, and a sentence-prefix title starts with
_EN_FUNCTION = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "for",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "into",
        "onto",
        "upon",
        "about",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "if",
        "though",
        "although",
        "because",
        "since",
        "until",
        "unless",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "not",
        "no",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "me",
        "him",
        "them",
        "us",
        "you",
        "this",
        "these",
        "those",
        "there",
        "here",
        "very",
        "each",
        "before",
        "after",
        "over",
        "under",
        "again",
    ]
)
#: words a rejoined speech never shows capitalised after a comma (", But," ", You might")
_EN_STARTERS = frozenset(
    [
        "but",
        "and",
        "or",
        "so",
        "yet",
        "you",
        "it",
        "the",
        "a",
        "an",
        "he",
        "she",
        "we",
        "they",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "why",
        "how",
        "when",
        "where",
        "who",
        "which",
        "oh",
        "no",
        "yes",
        "well",
        "now",
        "then",
        "if",
        "as",
        "for",
        "my",
        "your",
        "his",
        "her",
        "our",
        "their",
        "its",
        "is",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "let",
        "come",
        "go",
        "look",
        "do",
        "does",
        "did",
        "don't",
        "i'm",
        "you're",
        "it's",
        "that's",
        "there's",
    ]
)
_EN_SUBORDINATORS = frozenset(
    [
        "whether",
        "once",
        "although",
        "though",
        "when",
        "while",
        "if",
        "as",
        "because",
        "since",
        "until",
        "unless",
        "after",
        "before",
    ]
)
_EN_PRONOUN_SUBJECT = frozenset(["i", "he", "she", "we", "they", "it", "you", "who"])
#: modals whose past form reads as present in a screen direction ("they should go")
_MODALS = frozenset(["should", "would", "might", "ought"])
#: verbs in the past tense that are unambiguous whatever follows them
_EN_ALWAYS_PAST = frozenset(["was", "were", "had", "did"])
_TERMINAL = ".!?…—-。！？"
_CLOSERS = "\"'”’」』)）]】 \u3000"
_ZH_BAD_JOIN = re.compile(r"[，、；：,]{2,}|[。！？][，、；]|[，、；][。！？]")
_EN_BAD_JOIN = re.compile(r"[,;]\s+([A-Z][a-z’']*)\b")
_ZH_TITLE_TAIL = tuple("了的着地得么呢吧啊呀")
_ZH_NOT_PLACE = re.compile(r"[了着過过吗呢吧，。！？、]|^[开關关走说看来去到在]")


def _outside_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def _en_words(text: str) -> list[str]:
    return _EN_WORD.findall(text)


@functools.lru_cache(maxsize=20_000)
def is_past_form(word: str) -> bool:
    """Whether ``word`` (lower case) is the simple past of an English verb and not also its base form.

    >>> is_past_form("seemed"), is_past_form("walks"), is_past_form("put"), is_past_form("went")
    (True, False, False, True)
    """
    if word in _EN_ALWAYS_PAST:
        return True
    from lemminflect import getInflection, getLemma

    for lemma in getLemma(word, upos="VERB", lemmatize_oov=False) or ():
        if lemma != word and word in getInflection(lemma, tag="VBD"):
            return True
    return False


def past_tense_verbs(text: str) -> list[str]:
    """Past-tense verbs of narration: was/were/had/did anywhere outside quotation marks, and a past
    form right after its subject (a pronoun or a capitalised name: "Holmes seemed").

    >>> past_tense_verbs("Sherlock Holmes seemed delighted. He was out."), past_tense_verbs("Holmes kneels.")
    (['seemed', 'was'], [])
    """
    words = _en_words(_outside_quotes(text))
    found = []
    for index, word in enumerate(words):
        low = word.lower()
        if low in _EN_ALWAYS_PAST:
            found.append(low)
            continue
        if index == 0:
            continue
        before = words[index - 1]
        subject = before.lower() in _EN_PRONOUN_SUBJECT or (before[0].isupper() and before.lower() not in _EN_FUNCTION)
        if subject and word.islower() and low not in _MODALS and is_past_form(low):
            found.append(low)
    return found


def action_defects(text: str, language: str) -> list[str]:
    """Why an action line is not a screen direction (empty when it is one).

    >>> action_defects("Holmes kneels and sniffs the dead man's lips.", "en")
    []
    >>> action_defects("Sherlock Holmes seemed delighted at the idea.", "en")
    ['past tense (seemed)']
    >>> action_defects("阿Q唱着《小孤孀上坟》③到酒店去。", "zh")
    ['footnote marker']
    """
    defects = []
    if FOOTNOTE.search(text):
        defects.append("footnote marker")
    if is_editorial(text, language):
        defects.append("editorial text")
    plain = _outside_quotes(text)
    if is_chinese(language):
        size = len(re.sub(r"\s", "", text))
        if size > MAX_ACTION_CHARS_ZH:
            defects.append(f"{size} 字 (most {MAX_ACTION_CHARS_ZH})")
        hit = next((w for w in _ZH_COMMENTARY if w in plain), None)
        if hit:
            defects.append(f"commentary ({hit})")
        elif re.search(r"[？?]\s*$", plain.strip()):
            defects.append("a question in the narration")
        if _ZH_FIRST_PERSON.search(plain):
            defects.append("first person (我)")
        return defects
    words = _en_words(text)
    if len(words) > MAX_ACTION_WORDS:
        defects.append(f"{len(words)} words (most {MAX_ACTION_WORDS})")
    past = past_tense_verbs(text)
    if past:
        defects.append(f"past tense ({', '.join(dict.fromkeys(past))})")
    commentary = _EN_COMMENTARY.search(plain)
    if commentary:
        defects.append(f"commentary ({commentary.group(0)})")
    if _EN_FIRST_PERSON.search(plain):
        defects.append("first person (I/me/my)")
    if _EN_FIRST_PLURAL.search(plain):
        defects.append("first person (we/us/our)")
    return defects


def is_editorial(text: str, language: str) -> bool:
    """The book's front matter or an editor's note, not the story: "(Being a reprint from the
    reminiscences of …)", a line wholly in brackets, 译者附记.

    >>> is_editorial("(_Being a reprint from the reminiscences of_ JOHN H. WATSON, M.D.)", "en")
    True
    >>> is_editorial("Holmes kneels (quietly) by the body.", "en"), is_editorial("（译者附记）", "zh")
    (False, True)
    """
    return bool((_ZH_EDITORIAL if is_chinese(language) else _EN_EDITORIAL).search(text.strip()))


def says_we(text: str, language: str) -> bool:
    """Whether a line says we/us/our (我们) outside quotation marks: the narrator's "we", which a screen
    direction shows as the people on screen.

    >>> says_we("As we make our way to the hospital…", "en"), says_we('He said "we will."', "en")
    (True, False)
    """
    plain = _outside_quotes(text)
    return bool((_ZH_FIRST_PLURAL if is_chinese(language) else _EN_FIRST_PLURAL).search(plain))


def says_i(text: str, language: str) -> bool:
    """Whether a line says I/me/my (我) outside quotation marks.

    >>> says_i("I went home.", "en"), says_i('He said "I will."', "en"), says_i("我们走了", "zh")
    (True, False, False)
    """
    plain = _outside_quotes(text)
    return bool((_ZH_FIRST_PERSON if is_chinese(language) else _EN_FIRST_PERSON).search(plain))


def is_cut_speech(text: str) -> bool:
    """A speech that stops mid-sentence: it ends on a comma, a letter or a function word, not on a stop.

    >>> is_cut_speech("I have to be careful"), is_cut_speech("By no means."), is_cut_speech("来投……"), is_cut_speech("我,")
    (True, False, False, True)
    """
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] not in _TERMINAL


def bad_joins(text: str, language: str) -> list[str]:
    """Seams left from rejoining a split quotation: ", But," / ", You might" / "，，".

    >>> bad_joins("You seem to be a walking calendar of crime, You might start a paper.", "en")
    [', You']
    >>> bad_joins("Well, Watson, I will come. But tell me.", "en"), bad_joins("好，，走", "zh")
    ([], ['，，'])
    """
    if is_chinese(language):
        return [m.group(0) for m in _ZH_BAD_JOIN.finditer(text)]
    return [f", {m.group(1)}" for m in _EN_BAD_JOIN.finditer(text) if m.group(1).lower() in _EN_STARTERS]


def title_defects(title: str, language: str) -> list[str]:
    """Why an episode title is not a short noun or verb phrase (empty when it is one).

    >>> title_defects("Written in Blood", "en"), title_defects("I asked involuntarily", "en")
    ([], ['a sentence (I)'])
    >>> title_defects("With which inconsequent remark he strode", "en")
    ['a sentence (which)']
    >>> title_defects("画圈", "zh"), title_defects("他很想寻一两个大的", "zh")
    ([], ['9 字 (most 8)', 'ends on 的'])
    """
    title = title.strip()
    if not title:
        return ["empty"]
    defects = []
    if is_chinese(language):
        size = len(re.sub(r"\s", "", title))
        if size > MAX_TITLE_CHARS_ZH:
            defects.append(f"{size} 字 (most {MAX_TITLE_CHARS_ZH})")
        if re.search(r"[，。；：！？,;]", title):
            defects.append("punctuation inside")
        if title.endswith(_ZH_TITLE_TAIL):
            defects.append(f"ends on {title[-1]}")
        return defects
    if FOOTNOTE.search(title) or re.search(r"[_\[\]*]", title):
        defects.append("markup or a footnote marker")
    words = _en_words(title)
    lowered = [w.lower() for w in words]
    if lowered and lowered[0] in _EN_SUBORDINATORS:
        defects.append(f"a clause ({words[0]})")
    if any(w in ("that", "whether", "my", "our", "me") for w in lowered[1:]):
        defects.append("a sentence prefix")
    if len(words) > MAX_TITLE_WORDS:
        defects.append(f"{len(words)} words (most {MAX_TITLE_WORDS})")
    pronoun = next(
        (
            w
            for w in words
            if w.lower() in ("i", "he", "she", "we", "they", "me", "him", "us", "them", "which", "whom", "whose")
        ),
        None,
    )
    if pronoun:
        defects.append(f"a sentence ({pronoun})")
    elif words and words[-1].lower() in _EN_FUNCTION:
        defects.append(f"ends on {words[-1]!r}")
    if re.search(r"[,;:]\s*$|[,;]\s+\S", title):
        defects.append("a clause")
    return defects


def location_defects(location: str, language: str, names: set[str]) -> list[str]:
    """Why a scene heading's location is not a place: a country, state or continent, a person's name or
    surname, a verb phrase.

    ``names`` are the cast's names and aliases (and, in Chinese, their surnames).

    >>> location_defects("开了门", "zh", set()), location_defects("BAKER STREET", "en", {"Holmes"})
    (['not a place (开了门)'], [])
    >>> location_defects("STANGERSON", "en", {"Joseph Stangerson", "Stangerson"})
    ['a person (STANGERSON)']
    >>> location_defects("AFGHANISTAN", "en", set()), location_defects("美国", "zh", set())
    (['a region, not a place (AFGHANISTAN)'], ['a region, not a place (美国)'])
    """
    text = location.strip()
    if not text:
        return ["no location"]
    place = re.split(r"\s+-\s+|\s*/\s*", text)[0]  # "3 LAURISTON GARDENS - FRONT ROOM": the place first
    if is_region(place, language):
        return [f"a region, not a place ({place})"]
    if is_chinese(language):
        if text in names or any(len(n) >= 2 and n in text for n in names):
            return [f"a person ({text})"]
        if _ZH_NOT_PLACE.search(text):
            return [f"not a place ({text})"]
        return []
    folded = text.casefold()
    for name in names:
        if name.casefold() == folded:
            return [f"a person ({text})"]
    return []


def is_peak(text: str, kind: str, language: str) -> bool:
    """Whether a line can end an episode: a question in its last sentences, or words of threat, conflict,
    revelation or reversal (content, not "!"), and never the narrator musing.

    >>> is_peak("The grey morning was quiet.", "action", "en")
    False
    >>> is_peak("Who killed him?", "dialogue", "en"), is_peak("He draws a pistol.", "action", "en")
    (True, True)
    >>> is_peak("不准我造反，只准你造反？妈妈的假洋鬼子，——好，你造反！", "dialogue", "zh")
    True
    """
    counts = kind_counts(text, "zh" if is_chinese(language) else "en")
    charged = any(counts.get(k) for k in ("threat", "conflict", "revelation", "reversal"))
    tail = re.split(r"(?<=[.!。！])\s*", text.strip())
    question = kind == "dialogue" and any("?" in s or "？" in s for s in tail[-2:])
    return charged or question


def peak_excerpt(text: str, language: str) -> str:
    """A speech cut to end on its peak: its first peak sentence and the one leading to it ("…" marks
    what went before); the whole speech when no single sentence is a peak.

    >>> peak_excerpt("I am in the dark. It is true. But who sent him? He smiled.", "en")
    '…It is true. But who sent him?'
    """

    sentences = split_sentences(text, language)
    glue = "" if is_chinese(language) else " "
    for count, sentence in enumerate(sentences, start=1):
        if is_peak(sentence, "dialogue", language):
            return ("" if count <= 2 else "…") + glue.join(sentences[max(0, count - 2) : count])
    return text


def _content(text: str, language: str, size: int) -> list[str]:
    if is_chinese(language):
        return [c for c in text if c.isalnum()][:size]
    return [w.lower()[:4] for w in _en_words(text)][:size]  # word stems: tense changes the ending only


def same_line(planned: str, line: str, language: str) -> bool:
    """Whether ``line`` is (or holds) the planned line as written: the planned opening — the first 10
    words (English word stems, so a change of tense still matches) or 20 字 — found in the line with at
    least 60 % of it in place.

    >>> same_line("Holmes pulled out a tape measure and crawled along the wall.", "Holmes pulls out a tape measure.", "en")
    True
    >>> same_line("Who wants revenge?", "Rache is German for revenge. Who wants revenge?", "en")
    True
    >>> same_line("You have no reason for fear, Mr. Sholto. Take my advice.", "It was ten. You have no reason for fear.", "en")
    True
    >>> same_line("Who wants revenge?", "A dead man lies on his back.", "en")
    False
    """
    size = 20 if is_chinese(language) else 10
    want, have = _content(planned, language, size), _content(line, language, 10_000)
    if not want or not have:
        return False
    need = max(1, round(0.6 * min(len(want), len(have))))
    if min(len(want), len(have)) < min(3, len(want)):
        return False
    for offset in range(len(have)):
        if sum(1 for a, b in zip(want, have[offset:]) if a == b) >= need:
            return True
    return False
