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
    r"edited by|translated by|project gutenberg|e-?text|late of the)\b|^\s*[(\[][^)\]]*[)\]][.!?]?\s*$",
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
    "然而其实", "倘若", "大抵", "原来是", "无论如何", "这可难解", "不消说", "不知道", "未庄的通例", "否则",
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
#: adverbs, pronouns and speech verbs a Chinese title never opens on (the rest of a sentence)
_ZH_CLAUSE_OPENERS = frozenset("都说即便就又也却还才已方只遂乃他她它我你您但而且并虽若因")
#: endings that make a person's name a place: their room, house, courtyard (贾母房, 怡红院)
_ZH_ROOMS = ("房", "屋", "屋里", "房里", "房中", "院", "家", "府", "处", "處", "宅", "门口", "门前")
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


@functools.lru_cache(maxsize=20_000)
def is_bare_past(word: str) -> bool:
    """Whether ``word`` is a verb whose simple past is its base form ("put", "set", "cut"): after "she"
    or a name it is the past ("she put"), since the present would be "puts".

    >>> is_bare_past("put"), is_bare_past("walk"), is_bare_past("must")
    (True, False, False)
    """
    from lemminflect import getInflection, getLemma

    if word in _EN_MODALS:
        return False
    return word in (getLemma(word, upos="VERB", lemmatize_oov=False) or ()) and word in getInflection(word, tag="VBD")


_EN_MODALS = frozenset("can could will would shall should may might must ought need dare".split())


def past_tense_verbs(text: str) -> list[str]:
    """Past-tense verbs of narration: was/were/had/did anywhere outside quotation marks, and a past
    form right after its subject (a pronoun or a capitalised name: "Holmes seemed").

    >>> past_tense_verbs("Sherlock Holmes seemed delighted. He was out."), past_tense_verbs("Holmes kneels.")
    (['seemed', 'was'], [])
    >>> past_tense_verbs("But they all looked so grave."), past_tense_verbs("In despair she put her hand in her pocket.")
    (['looked'], ['put'])
    >>> past_tense_verbs("The bottle has now had its full effect."), past_tense_verbs("She has not as yet had any dispute.")
    ([], [])
    """
    plain = _outside_quotes(text)
    matches = list(_EN_WORD.finditer(plain))
    words = [m.group(0) for m in matches]
    found = []
    for index, word in enumerate(words):
        low = word.lower()
        auxiliary = [
            w.lower()
            for w in words[max(0, index - 4) : index]
            if not (
                w.lower().endswith("ly")
                or w.lower() in ("now", "then", "just", "never", "already", "not", "ever", "as", "yet", "also", "still")
            )
        ]
        if low == "had" and auxiliary and auxiliary[-1] in ("has", "have", "had"):
            continue  # "has now had": a participle
        if low in _EN_ALWAYS_PAST or low.replace("’", "'") in ("didn't", "wasn't", "weren't", "hadn't"):
            found.append(low)
            continue
        if index == 0 or re.search(r"[,;:—]", plain[matches[index - 1].end() : matches[index].start()]):
            continue  # "She looks at Tom, alarmed now": after a comma, a participle
        before = words[index - 1]
        if before.lower() in ("all", "both", "each") and index >= 2:  # "they all looked"
            before = words[index - 2]
        subject = before.lower() in _EN_PRONOUN_SUBJECT or (before[0].isupper() and before.lower() not in _EN_FUNCTION)
        if subject and word.islower() and low not in _MODALS and is_past_form(low):
            found.append(low)
        elif before.lower() in ("he", "she", "it") and word.islower() and is_bare_past(low):
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
        elif is_verse(plain, language):
            defects.append("the narrator's verse")
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


_ZH_CLAUSES = re.compile(r"[，,；;。！？!?、：:]+")


def is_verse(text: str, language: str) -> bool:
    """A line of the narrator's verse (a classical novel's 诗曰 / 有诗为证 passages): Chinese clauses of
    one length (4–7 字), or couplets repeating one pattern, with no 了/的/着 of prose. The camera cannot
    show a poem about the fight; it is commentary.

    >>> is_verse("大圣三条如意棒，前遮后挡运机谋。", "zh"), is_verse("那壁厢，天丁呐喊人人怕；这壁厢，猴怪摇旗个个忧。", "zh")
    (True, True)
    >>> is_verse("六臂哪吒太子，天生美石猴王，相逢真对手，正遇本源流。", "zh")
    True
    >>> is_verse("他走到门口，看见一个人。", "zh"), is_verse("哪吒正使法间，听得棒头风响，急躲闪时。", "zh")
    (False, False)
    """
    if not is_chinese(language) or re.search(r"[了的着“”「」]", text):
        return False
    sizes = [len(c) for c in _ZH_CLAUSES.split(text) if c.strip()]
    if len(sizes) < 2 or min(sizes) < 3 or max(sizes) > 7:
        return False
    if len(set(sizes)) == 1:
        return sizes[0] == 7 or (sizes[0] >= 4 and len(sizes) >= 4)
    if len(sizes) % 2 or len(sizes) < 4 or min(sizes) < 4 and max(sizes) != 7:
        return False
    alternating = sizes[0::2].count(sizes[0]) == len(sizes[0::2]) and sizes[1::2].count(sizes[1]) == len(sizes[1::2])
    doubled = all(sizes[i] == sizes[i + 1] for i in range(0, len(sizes), 2))  # 6,6,5,5
    return (alternating and max(sizes) == 7) or (doubled and min(sizes) >= 4)


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
    >>> bad_joins("Very, --where’s the Duchess?", "en")
    [', --']
    >>> bad_joins("Well, Watson, I will come. But tell me.", "en"), bad_joins("好，，走", "zh")
    ([], ['，，'])
    """
    if is_chinese(language):
        return [m.group(0) for m in _ZH_BAD_JOIN.finditer(text)]
    found = [f", {m.group(1)}" for m in _EN_BAD_JOIN.finditer(text) if m.group(1).lower() in _EN_STARTERS]
    return found + [m.group(0) for m in re.finditer(r"[,;]\s*(?:--|—)(?=\s*[a-z])", text)]  # "Very, --where’s"


def title_defects(title: str, language: str) -> list[str]:
    """Why an episode title is not a short noun or verb phrase (empty when it is one).

    >>> title_defects("Written in Blood", "en"), title_defects("I asked involuntarily", "en")
    ([], ['a sentence (I)'])
    >>> title_defects("With which inconsequent remark he strode", "en")
    ['a sentence (which)']
    >>> title_defects("The Next April Daisy", "en"), title_defects("And Sure Enough", "en")
    (['a sentence prefix (a time phrase and the words after it)'], ['a clause (And)'])
    >>> title_defects("画圈", "zh"), title_defects("他很想寻一两个大的", "zh")
    ([], ['9 字 (most 8)', 'ends on 的', 'a clause, not a title (他)'])
    >>> title_defects("都在那里把门", "zh"), title_defects("正斗时", "zh")
    (['a clause, not a title (都)'], ['a time clause'])
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
        if title[:1] in _ZH_CLAUSE_OPENERS:  # 都在那里把门, 说美猴王荣归故里, 他很想…: the rest of a sentence
            defects.append(f"a clause, not a title ({title[0]})")
        if title.endswith(("时", "時")) and len(title) > 2:  # 正斗时: a time clause
            defects.append("a time clause")
        return defects
    if FOOTNOTE.search(title) or re.search(r"[_\[\]*]", title):
        defects.append("markup or a footnote marker")
    words = _en_words(title)
    lowered = [w.lower() for w in words]
    if lowered and lowered[0] in _EN_SUBORDINATORS | {"and", "but", "or", "nor", "yet"}:
        defects.append(f"a clause ({words[0]})")
    if _EN_TIME_OPENER.match(title):  # "The Next April Daisy" (had her little girl)
        defects.append("a sentence prefix (a time phrase and the words after it)")
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


_EN_TIME_OPENER = re.compile(
    r"^(?:(?:the|that|this|next|following|last|one|every|early|late|some|time|toward|towards|about|at|before|"
    r"after|until|by|in|on|of)\s+)+(?:morning|afternoon|evening|night|day|week|month|year|spring|summer|autumn|"
    r"fall|winter|midnight|noon|dawn|dusk|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+\S",
    re.IGNORECASE,
)
#: words after which a phrase may end: prepositions, conjunctions, relative and subordinating words
PHRASE_END = frozenset(
    "about above across after against along among around as at before behind below beneath beside between "
    "beyond by down during for from in inside into like near of off on onto out outside over past round since "
    "through till to toward towards under until up upon with within without and but or nor so yet then "
    "who whom whose which that when where while whether if because though although unless than".split()
)


def _forms(word: str) -> set[str]:
    """A word and, if it is a verb, all its forms ("springs" → spring, sprang, sprung, springing…)."""
    from lemminflect import getAllInflections, getLemma

    low = word.lower()
    forms = {low}
    for lemma in getLemma(low, upos="VERB", lemmatize_oov=False) or ():
        forms.add(lemma)
        for inflected in getAllInflections(lemma, upos="VERB").values():
            forms.update(inflected)
    return forms


def _has_verb(words: list[str]) -> bool:
    from lemminflect import getLemma

    for word in words[1:]:
        low = word.lower()
        if low in _EN_ALWAYS_PAST or low in ("is", "are", "has", "does") or is_past_form(low):
            return True
        if low.endswith("s") and any(x != low for x in getLemma(low, upos="VERB", lemmatize_oov=False) or ()):
            return True
    return False


def title_cut_from(title: str, book: str, language: str) -> str | None:
    """When an English title is a clause the book goes on with mid-phrase ("Jordan Baker Instinctively
    Avoids Clever" of "…avoided clever, shrewd men"), the word it stops before; else None. Titles without a
    verb (a noun phrase: "The Mad Hatter") are not judged here.

    >>> book = "Jordan Baker instinctively avoided clever, shrewd men. Alice opened the door and ran."
    >>> title_cut_from("Jordan Baker Instinctively Avoids Clever", book, "en")
    'shrewd'
    >>> title_cut_from("Alice Opens the Door", book, "en") is None, title_cut_from("The Door", book, "en") is None
    (True, True)
    """
    if is_chinese(language):
        return None
    words = _en_words(title)
    if len(words) < 2 or not _has_verb(words):
        return None
    pattern = r"\b" + r"\s+".join("(?:" + "|".join(re.escape(f) for f in sorted(_forms(w))) + ")" for w in words)
    match = re.search(pattern + r"\b", book, re.IGNORECASE)
    if match is None:
        return None
    after = re.match(r"\s*([,;:.!?\"”’)—-]*)\s*([A-Za-z'’-]+)?", book[match.end() : match.end() + 60])
    if after is None or after.group(2) is None:
        return None
    stop, following = after.group(1), after.group(2)
    if not following.islower() or following in PHRASE_END or following in _EN_PRONOUN_SUBJECT:
        return None
    if stop == "" or (stop == "," and following not in _EN_FUNCTION):
        return following
    return None


#: words that open a clause a verb needs ("considering, whether…"): a line never stops before them
_EN_COMPLEMENT = frozenset("whether that if how what why who whom which".split())


def _continuation(words: list[str], book: str) -> tuple[str, str] | None:
    """Where ``words`` (any form of each verb) last occur in ``book``: the punctuation and the word after."""
    if not words:
        return None
    pattern = r"\b" + r"\W+".join("(?:" + "|".join(re.escape(f) for f in sorted(_forms(w))) + ")" for w in words)
    matches = list(re.finditer(pattern + r"\b", book, re.IGNORECASE))
    if not matches:
        return None
    after = re.match(r"\s*([,;:.!?\"”’)—-]*)\s*([A-Za-z'’-]+)?", book[matches[-1].end() : matches[-1].end() + 60])
    if after is None or after.group(2) is None:
        return None
    return after.group(1), after.group(2)


def unbalanced_quotes(text: str) -> bool:
    """Whether a line holds an opening or a closing quotation mark without its pair: a piece of a speech
    cut loose from it ("还没打点给他们做去。”").

    >>> unbalanced_quotes("还没打点给他们做去。”"), unbalanced_quotes("他说“好”。"), unbalanced_quotes('He said "no".')
    (True, False, False)
    """
    pairs = (("“", "”"), ("「", "」"), ("『", "』"))
    return any(text.count(a) != text.count(b) for a, b in pairs) or text.count('"') % 2 == 1


def fragment_defects(text: str, language: str, book: str | None = None) -> list[str]:
    """Why a line (an action line, a synopsis) is not a whole sentence: it opens mid-sentence ("and found
    her lying…"), stops on a comma, holds the narrator's parenthetical aside, or — read against the
    ``book`` sentence it comes from — stops where the book's clause goes on ("…in her own mind." of
    "…in her own mind, whether the pleasure…").

    >>> fragment_defects("and found her lying on her bed.", "en")
    ['opens mid-sentence (and)']
    >>> fragment_defects("Nor does Alice think it odd to hear the Rabbit say to itself,", "en")
    ['stops on a comma']
    >>> fragment_defects("(when she thinks it over afterwards, it occurs to her that she ought to have wondered).", "en")
    ["the narrator's parenthetical aside"]
    >>> fragment_defects("So she is considering in her own mind.", "en",
    ...                  "So she was considering in her own mind, whether the pleasure of making a daisy-chain")
    ['stops mid-sentence (the book goes on: whether)']
    >>> fragment_defects("，就走了。", "zh"), fragment_defects("他走了。", "zh")
    (['opens mid-sentence (，)'], [])
    """
    found = []
    stripped = text.strip().lstrip("…'\"‘“ ")
    zh = is_chinese(language)
    if zh and stripped[:1] in "，、；：。）」』,;:)":
        found.append(f"opens mid-sentence ({stripped[:1]})")
    elif not zh and stripped[:1].islower():
        found.append(f"opens mid-sentence ({stripped.split()[0]})")
    core = text.rstrip(_CLOSERS)
    if re.search(r"[,;:，、；：]$", core):
        found.append("stops on a comma")
    elif core and core[-1] not in _TERMINAL:
        found.append("no full stop")
    elif not zh and re.search(r"\b(?:and|but|or|the|a|of|to)\W*$", core, re.IGNORECASE):
        found.append(f"stops on {core.split()[-1]!r}")
    if re.search(r"[()（）]", text):
        found.append("the narrator's parenthetical aside")
    if unbalanced_quotes(text):
        found.append("a piece of a quotation")
    if book and not zh and text.rstrip().endswith((".", "!", "?")):
        words = _en_words(text)[-3:]  # three words find the line's end in its sentence ("with the other")
        after = _continuation(words, re.sub(r"\s+", " ", book))
        if after is not None:
            stop, following = after
            if (
                stop == "" and following.islower() and following not in PHRASE_END and not following.endswith("ly")
            ) or (stop == "," and following.lower() in _EN_COMPLEMENT):
                found.append(f"stops mid-sentence (the book goes on: {following})")
    return found


def location_defects(location: str, language: str, names: set[str]) -> list[str]:
    """Why a scene heading's location is not a place: a country, state or continent, a person's name or
    surname, a verb phrase.

    ``names`` are the cast's names and aliases (and, in Chinese, their surnames).

    >>> location_defects("开了门", "zh", set()), location_defects("BAKER STREET", "en", {"Holmes"})
    (['not a place (开了门)'], [])
    >>> location_defects("STANGERSON", "en", {"Joseph Stangerson", "Stangerson"})
    ['a person (STANGERSON)']
    >>> location_defects("贾母房", "zh", {"贾母"}), location_defects("贾母", "zh", {"贾母"})
    ([], ['a person (贾母)'])
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
        owned = text.endswith(_ZH_ROOMS) and text not in names  # 贾母房, 宝玉屋里: a person's room is a place
        if not owned and (text in names or any(len(n) >= 2 and n in text for n in names)):
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
