"""Narration made into screen directions: present tense, short, no commentary, no footnote markers.

A novel narrates in the past tense and comments; a screenplay's action line says what the camera sees,
now (script_targets.md: "present tense, third person, visual, one or two short sentences"). English
verbs change tense with ``lemminflect`` (its inflection tables, no tagger: a past form changes where it
follows its subject — a pronoun or a name — or continues a predicate already changed: "He turned and
walked" → "He turns and walks"). Commentary and the narrator's essay voice are dropped, not rewritten:
the offline writer never invents.
"""

from __future__ import annotations

import functools
import re

from microdrama.adapt.defects import (
    _EN_COMMENTARY,
    _EN_FUNCTION,
    _ZH_COMMENTARY,
    FOOTNOTE,
    MAX_ACTION_CHARS_ZH,
    MAX_ACTION_WORDS,
    _en_words,
    _outside_quotes,
    is_bare_past,
    is_past_form,
    is_verse,
    says_i,
    unbalanced_quotes,
)
from microdrama.adapt.excerpts import clean, split_sentences
from microdrama.text.speech_rate import is_chinese

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[^A-Za-z]+")
_PLURAL_SUBJECTS = frozenset(["we", "they", "you"])
_SINGULAR_SUBJECTS = frozenset(["he", "she", "it", "who"])
_COORDINATORS = frozenset(["and", "then", "or", "but"])
_DETERMINERS = frozenset(["the", "a", "an", "his", "her", "their", "its", "my", "our", "your", "this", "that"])
_FIXED = {
    ("was", False): "is",
    ("was", True): "are",
    ("were", False): "is",
    ("were", True): "are",
    ("had", False): "has",
    ("had", True): "have",
    ("did", False): "does",
    ("did", True): "do",
    ("could", False): "can",
    ("could", True): "can",
    ("would", False): "will",
    ("would", True): "will",
    ("might", False): "may",
    ("might", True): "may",
    ("should", False): "should",
    ("should", True): "should",
}
_NOT_SUBJECTS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "than",
        "for",
    ]
)
_CLAUSE = re.compile(r"[,;:—]\s")
_ZH_CLAUSE = re.compile(r"[，；：、—]")
#: words that open a clause whose verb comes later
_ZH_COVERBS = tuple("把将被从向对给与和同在于为让叫")


@functools.lru_cache(maxsize=20_000)
def _present(word: str, plural: bool) -> str:
    low = word.lower()
    if (low, plural) in _FIXED:
        new = _FIXED[(low, plural)]
    else:
        from lemminflect import getInflection, getLemma

        lemmas = getLemma(low, upos="VERB", lemmatize_oov=False)
        forms = getInflection(lemmas[0], tag="VBP" if plural else "VBZ") if lemmas else ()
        new = forms[0] if forms else low
        if new == low and lemmas and plural:  # lemminflect gives "dared" as a present of "dare"
            new = lemmas[0]
    return new[0].upper() + new[1:] if word[0].isupper() else new


def present_tense(text: str) -> str:
    """English narration in the present tense, outside quotation marks.

    >>> present_tense("Holmes pulled out a tape measure and crawled along the wall. Gregson and Lestrade watched.")
    'Holmes pulls out a tape measure and crawls along the wall. Gregson and Lestrade watch.'
    >>> present_tense("They were gone. He had a dog, and the dog was old. The walls were yellow.")
    'They are gone. He has a dog, and the dog is old. The walls are yellow.'
    >>> present_tense('She said "I went" and left. Was there no escape? They could see it. I was sure I knew.')
    'She says "I went" and leaves. Is there no escape? They can see it. I am sure I know.'
    >>> present_tense("Only once did they meet anyone. Among these had been Drebber. The wind rose.")
    'Only once do they meet anyone. Among these has been Drebber. The wind rises.'
    >>> present_tense("He hurried before a justice of the peace, accompanied by Stangerson.")
    'He hurries before a justice of the peace, accompanied by Stangerson.'
    >>> present_tense("He then hailed a cab. He seized Dr. Watson by the sleeve, and drew him over.")
    'He then hails a cab. He seizes Dr. Watson by the sleeve, and draws him over.'
    >>> present_tense("As he stood by the fire, the wanderers spoke of men who flitted by them.")
    'As he stands by the fire, the wanderers speak of men who flit by them.'
    >>> present_tense("In despair she put her hand in her pocket, and pulled out a box. But they all looked so grave.")
    'In despair she puts her hand in her pocket, and pulls out a box. But they all look so grave.'
    >>> present_tense("Gatsby’s foot beat a short, restless tattoo and Tom eyed him suddenly.")
    'Gatsby’s foot beats a short, restless tattoo and Tom eyes him suddenly.'
    >>> present_tense("As Nick didn’t know him, they weren’t sure. Tom closed the windows and the caught wind died out.")
    'As Nick doesn’t know him, they aren’t sure. Tom closes the windows and the caught wind dies out.'
    >>> present_tense("He raised himself upon tiptoe, put his mouth close to her ear, and whispered. She had not as yet had any dispute.")
    'He raises himself upon tiptoe, puts his mouth close to her ear, and whispers. She has not as yet had any dispute.'
    >>> present_tense("Tom lifted his head and, after staring around the garage with glazed eyes, addressed a remark.")
    'Tom lifts his head and, after staring around the garage with glazed eyes, addresses a remark.'
    >>> present_tense("The hedgehog was engaged in a fight with another hedgehog.")
    'The hedgehog is engaged in a fight with another hedgehog.'
    >>> present_tense("The bottle had now had its full effect.")
    'The bottle has now had its full effect.'
    >>> present_tense("When the Rabbit actually TOOK A WATCH OUT, Alice started up. The King turned pale, and shut his book.")
    'When the Rabbit actually TAKES A WATCH OUT, Alice starts up. The King turns pale, and shuts his book.'
    """
    out: list[str] = []
    words: list[str] = []  # the words so far in the sentence
    changed = plural = False
    quoted = False
    after_comma = False
    tokens = _TOKEN.findall(text)
    for index, token in enumerate(tokens):
        if not token[0].isalpha():
            quoted ^= token.count('"') % 2 == 1 or token.count("“") > token.count("”")
            if token.count("”") > token.count("“"):
                quoted = False
            abbreviation = (
                token.startswith(".")
                and bool(words)
                and (words[-1].lower() in _ABBREVIATIONS or (len(words[-1]) == 1 and words[-1].isupper()))
            )
            if re.search(r"[.!?;]", token) and not (abbreviation and token.strip() == "."):
                words, changed = [], False
            after_comma = "," in token
            out.append(token)
            continue
        # right after a comma, a past form is a participle, not a verb: "…, accompanied by Stangerson"
        following = tokens[index + 2].lower() if index + 2 < len(tokens) and tokens[index + 1] == " " else ""
        # "…upon tiptoe, put his mouth close": in a series of the subject's verbs, a verb with its object
        series = changed and following in _DETERMINERS and not words[-1:] == ["by"]
        after_series = after_comma
        participle = after_comma and not series and not (changed and words and words[-1].lower() in _COORDINATORS)
        after_comma = False
        low = token.lower()
        before = words[-1] if words else ""
        subject = bool(before) and (
            before.lower() in _PLURAL_SUBJECTS | _SINGULAR_SUBJECTS | {"i"}
            or (before[0].isupper() and before.lower() not in _NOT_SUBJECTS)
        )
        if not subject and len(words) >= 2 and (_is_adverb(before) or before.lower() in _QUANTIFIERS):
            # "He then hailed", "Holmes quietly rose", "they all looked"
            second = words[-2]
            subject = second.lower() in _PLURAL_SUBJECTS | _SINGULAR_SUBJECTS or (
                second[0].isupper() and second.lower() not in _NOT_SUBJECTS
            )
        continuing = changed and before.lower() in _COORDINATORS
        possessor = len(words) >= 2 and re.search(r"['’]s$", words[-2]) is not None  # "Gatsby’s foot beat"
        if not subject and len(words) >= 2 and (words[-2].lower() in _DETERMINERS or possessor) and before.islower():
            subject = True  # "the wind rose", "his hand shook"
        noun_subject = low in ("was", "were", "had", "did")  # unambiguous past forms, whatever precedes
        perfect = [w.lower() for w in words[-4:] if not (_is_adverb(w) or w.lower() in _PERFECT_GAP)]
        if low == "had" and perfect and perfect[-1] in ("has", "have", "had"):  # "has now had": a participle
            words.append(token)
            out.append(token)
            continue
        negative = _NEGATIVES.get(low.replace("’", "'"))
        if negative is not None and not quoted:  # "as Nick didn’t know": the past, negated
            singular = not (
                before.lower() in _PLURAL_SUBJECTS | {"i"}
                or (low.startswith("were") and before.lower() not in _SINGULAR_SUBJECTS)
            )
            new = negative[0 if singular else 1].replace("'", "’" if "’" in token else "'")
            token = new[:1].upper() + new[1:] if token[:1].isupper() else new
            changed = True
            words.append(token)
            out.append(token)
            continue
        if (
            changed
            and not subject
            and len(words) >= 3
            and words[-3].lower() in _DETERMINERS
            and words[-2].islower()
            and before.islower()
            and before.lower() not in _NOT_SUBJECTS | _COORDINATORS | _AUXILIARIES
            and words[-2].lower() not in _NOT_SUBJECTS | _AUXILIARIES
            and not before.endswith("ed")
        ):
            subject = True  # "…shuts the windows and the caught wind died out": one tense in the sentence
        opening = not words and low in ("was", "were", "had", "did")  # "Was there no escape…"
        # "she put her hand in her pocket": a form the same in past and base is past after "she"
        shouted = token.isupper() and len(token) > 1  # "the Rabbit actually TOOK A WATCH": emphasis
        bare = (
            not quoted
            and (token.islower() or shouted)
            and (_singular_subject(words) or ((continuing or (series and after_series)) and not plural))
            and is_bare_past(low)
        )
        if bare or (
            not quoted
            and not (participle and low not in ("was", "were", "had", "did"))
            and (token.islower() or opening or shouted)
            and (subject or continuing or noun_subject or opening or (series and after_series))
            and is_past_form(low)
        ):
            if before.lower() == "i" and low == "was":
                token = "am"
                words.append(token)
                out.append(token)
                continue
            if subject:
                compound = len(words) >= 3 and words[-2].lower() == "and" and words[-3][:1].isupper()
                plural = (
                    compound
                    or before.lower() in _PLURAL_SUBJECTS | {"i", "all", "both"}
                    or (before.islower() and _plural_noun(before))  # "the mountains spoke", "men went"
                    or (before.lower() in ("who", "which", "that") and len(words) >= 2 and _plural_noun(words[-2]))
                    or (low == "were" and before.lower() not in _SINGULAR_SUBJECTS | {"i"})
                )
            elif noun_subject:
                plural = low == "were"
            token = _present(token.lower() if shouted else token, plural)
            token = token.upper() if shouted else token
            changed = True
        words.append(token)
        out.append(token)
    return _INVERTED_DO.sub(lambda m: ("Do " if m.group(1)[0] == "D" else "do ") + m.group(2), "".join(out))


#: verbs a participle follows ("is engaged"): never a subject
_AUXILIARIES = frozenset("is are was were am be been being has have had does do did".split())
#: words between "has" and its participle ("has not as yet had")
_PERFECT_GAP = frozenset("not as yet ever never already just also".split())
#: negated past forms and their present (singular, plural)
_NEGATIVES = {
    "didn't": ("doesn't", "don't"),
    "wasn't": ("isn't", "aren't"),
    "weren't": ("isn't", "aren't"),
    "hadn't": ("hasn't", "haven't"),
    "couldn't": ("can't", "can't"),
    "wouldn't": ("won't", "won't"),
}
#: words between a subject and its verb that do not change it ("they all looked", "we both ran")
_QUANTIFIERS = frozenset(["all", "both", "each"])
_NOT_NAMES = frozenset("then there here when as if so but and yet now once still i we they you".split())


def _singular_subject(words: list[str]) -> bool:
    """Whether the last word is a third-person singular subject: he, she, it, or a name ("Alice")."""
    if not words:
        return False
    before = words[-1]
    low = before.lower()
    if low in ("he", "she", "it"):
        return True
    if len(words) >= 2 and before.islower() and not before.endswith("s"):  # "his hand", "Gatsby’s foot"
        return words[-2].lower() in ("the", "his", "her", "its", "their", "this", "that") or bool(
            re.search(r"['’]s$", words[-2])
        )
    return (
        len(words) >= 2  # a capital opening a sentence may be any word
        and before[:1].isupper()
        and low not in _NOT_SUBJECTS | _NOT_NAMES | _ADVERBS
        and not before.isupper()
    )


_ADVERBS = frozenset("then also now still just never always soon once again only even quickly slowly".split())
#: abbreviations whose full stop does not end a sentence ("Dr. Watson")
_ABBREVIATIONS = frozenset("mr mrs ms dr st prof capt col gen lt sgt rev no jr sr messrs".split())


def _is_adverb(word: str) -> bool:
    return word.islower() and (word in _ADVERBS or (word.endswith("ly") and len(word) > 4))


def _plural_noun(word: str) -> bool:
    """A plural noun by its form ("men", "wanderers"), the antecedent a relative "who" agrees with."""
    return word.lower() in ("men", "women", "people", "children") or re.search(r"[^su]s$", word) is not None


_INVERTED_DO = re.compile(r"\b(does|Does) (they|we|you|I)\b")


#: where a sentence too long for an action line may end: before a coordinated or adverbial clause, never
#: before a complement ("considering, whether…") nor inside a phrase
_EN_CUT = re.compile(
    r"\s*(?:;|:|\s[—–]\s|—|--|,\s+(?=(?:and|but|so|then|or|yet|when|while|until|till|before|after|as|where|"
    r"though|although|for)\b))"
)


_EN_OPENING_CLAUSE = re.compile(
    r"^(?:(?:but|and|so|yet|then)\s+)?(?:when|whenever|if|as|while|although|though|because|since|until|unless|"
    r"once|after|before|whether)\b",
    re.IGNORECASE,
)
_EN_MAIN_START = re.compile(
    r",\s+(?!(?:and|but|or|then|so|yet|which|who|that|when|as|while|if|with|without|for)\b)"
    r"(?=[A-Z][a-z]|(?:he|she|it|they|we|you|I|there|the|a|an|his|her|their)\s)"
)


def _main_clause(sentence: str) -> int:
    """Where the main clause of a sentence that opens on a subordinate one ("When the Rabbit took out a
    watch, Alice started up") begins; 0 when it opens on its main clause. A cut before it would leave
    the "when" with nothing to hang on.

    >>> s = "But when the Rabbit took a watch out of its pocket, and looked at it, Alice started to her feet."
    >>> s[_main_clause(s):]
    'Alice started to her feet.'
    """
    if not _EN_OPENING_CLAUSE.match(sentence):
        return 0
    found = _EN_MAIN_START.search(sentence)
    return found.end() if found else len(sentence)


def _limit_en(text: str) -> str:
    """At most two sentences and :data:`MAX_ACTION_WORDS` words, cut at a sentence, else before a new
    clause (a sentence with none in reach gives no line: a screen direction never stops mid-phrase).

    >>> _limit_en("She considers, whether the pleasure of making a daisy-chain is worth the trouble of "
    ...           "getting up and picking the daisies, when suddenly a White Rabbit with pink eyes runs close by her and on into the wood.")
    'She considers, whether the pleasure of making a daisy-chain is worth the trouble of getting up and picking the daisies.'
    >>> _limit_en("He " + "very " * 40 + "slowly walks.")
    ''
    """
    kept: list[str] = []
    for sentence in split_sentences(text, "en") or [text]:
        if len(kept) == 2 or len(_en_words(" ".join([*kept, sentence]))) > MAX_ACTION_WORDS:
            break
        kept.append(sentence)
    if kept:
        return " ".join(kept)
    first = (split_sentences(text, "en") or [text])[0]
    cut = 0
    main = _main_clause(first)
    for match in _EN_CUT.finditer(first):
        if len(_en_words(first[: match.start()])) > MAX_ACTION_WORDS:
            break
        head = _en_words(first[: match.start()])
        if len(head) >= 4 and match.start() > main and head[-1].lower() not in _EN_FUNCTION:
            cut = match.start()
    if not cut:
        return ""
    return first[:cut].rstrip(" ,;:—-") + "."


def _limit_zh(text: str) -> str:
    """Whole sentences within :data:`MAX_ACTION_CHARS_ZH` 字, else the first sentence cut at a clause."""
    kept = ""
    for sentence in split_sentences(text, "zh") or [text]:
        if len(kept + sentence) > MAX_ACTION_CHARS_ZH:
            break
        kept += sentence
    if kept:
        return kept
    cut = 0
    begin = 0
    for match in _ZH_CLAUSE.finditer(text):
        if match.start() > MAX_ACTION_CHARS_ZH - 1:
            break
        clause = text[begin : match.start()]
        begin = match.end()
        # never end on a clause that waits for its verb (把六件兵器) or its main clause (急躲闪时)
        if not clause.startswith(_ZH_COVERBS) and not clause.endswith(("时", "時", "间", "間")):
            cut = match.start()
    return (text[:cut] if cut else text[: MAX_ACTION_CHARS_ZH - 1]) + "。"


def is_commentary(text: str, language: str) -> bool:
    """The narrator reasoning, judging or generalising, or a rhetorical question in the narration.

    >>> is_commentary("未庄通例，倘如阿七打阿八，向来本不算口碑。", "zh"), is_commentary("阿Q跪了下去。", "zh")
    (True, False)
    """
    plain = _outside_quotes(text)
    if is_chinese(language):
        return (
            any(w in plain for w in _ZH_COMMENTARY)
            or bool(re.search(r"[？?]\s*$", plain.strip()))
            or is_verse(plain, language)
        )
    return bool(_EN_COMMENTARY.search(plain))


def is_quoted_speech(text: str, language: str) -> bool:
    """A narration line that is a quotation and its tag ("“Where were you?” asked Anna."): the dialogue
    already says it.

    >>> is_quoted_speech("“Where were you last night, Ben?” asked Anna.", "en"), is_quoted_speech("Anna waits.", "en")
    (True, False)
    """
    outside = _outside_quotes(text)
    if outside == text:
        return False
    rest = re.sub(r"\s", "", outside) if is_chinese(language) else outside
    return len(rest) <= 8 if is_chinese(language) else len(rest.split()) <= 4


_EN_ASIDE_BRACKETS = re.compile(r"\s*\([^()]*\)")
_ZH_ASIDE_BRACKETS = re.compile(r"（[^（）]*）|\([^()]*\)")


def drop_parentheses(text: str, language: str) -> str:
    """The narrator's parenthetical asides cut from a line of narration: the camera cannot show "(as well
    as she could, for the hot day made her sleepy)" nor "(when she thought it over afterwards…)". A piece
    of an aside the sentence splitter cut off — text up to an unopened ")", or from an unclosed "(" —
    goes too; a line that was all aside comes back empty.

    >>> drop_parentheses("So she was considering in her own mind (as well as she could), whether to go.", "en")
    'So she was considering in her own mind, whether to go.'
    >>> drop_parentheses("(when she thought it over afterwards, it occurred to her that she ought to have wondered).", "en")
    ''
    >>> drop_parentheses("Do you think you could manage it?) and what an ignorant girl.", "en")
    'And what an ignorant girl.'
    >>> drop_parentheses("She pulls out a box of comfits, (luckily the salt water has not got into it), and hands them round.", "en")
    'She pulls out a box of comfits, and hands them round.'
    >>> drop_parentheses("他（阿Q）走了。", "zh")
    '他走了。'
    """
    zh = is_chinese(language)
    text = (_ZH_ASIDE_BRACKETS if zh else _EN_ASIDE_BRACKETS).sub("", text)
    close = max(text.rfind(")"), text.rfind("）"))
    if close >= 0:
        text = text[close + 1 :]
    opening = min((i for i in (text.find("("), text.find("（")) if i >= 0), default=-1)
    if opening >= 0:
        text = text[:opening].rstrip(" ,;:—-，；：") + ("。" if zh else ".")
    text = text.strip().lstrip(".,;:!?—-–，。；：！？、 ")
    if not re.search(r"\w", text):
        return ""
    if not zh:
        text = re.sub(r"\s+([,.;:!?])", r"\1", text)
        text = re.sub(r"([,;:])[,;:]+", r"\1", text)  # "comfits, (luckily…), and" → "comfits, and"
        text = re.sub(r"[,;:]([.!?])", r"\1", text)
        text = text[:1].upper() + text[1:]
    return text


def screen_direction(text: str, language: str, *, first_person_ok: bool = False) -> str | None:
    """The action line for a narration sentence, or None when it is commentary (or, unless
    ``first_person_ok``, the narrator's "I"/我 in a book not told in the first person: an author's aside);
    empty when nothing of it is a screen direction (all aside, or no whole clause short enough).

    >>> screen_direction("He turned round③ and walked slowly to the window.", "en")
    'He turns round and walks slowly to the window.'
    >>> screen_direction("这可难解，穿凿起来说，或者因为阿Q说是赵太爷的本家。", "zh") is None
    True
    """
    text = clean(FOOTNOTE.sub("", text), language)
    if not text or is_commentary(text, language) or (not first_person_ok and says_i(text, language)):
        return None
    text = drop_parentheses(text, language)
    if not text or unbalanced_quotes(text):  # all aside, or a piece of a speech cut loose from it
        return ""
    zh = is_chinese(language)
    # a sentence that ran on into a speech or a verse ("…pointing at Catherine:") ends here
    text = _RUNS_ON.sub("。" if zh else ".", text)
    if text.rstrip(_CLOSERS)[-1:] not in _STOPS:  # "…and says to herself" (a speech came next)
        if not zh and _EN_DANGLING.search(text):  # "…a general chorus of" (the quotation was its object)
            return ""
        text += "。" if zh else "."
    if zh:
        return _limit_zh(text)
    return _limit_en(present_tense(text))


_STOPS = ".!?…。！？"
#: words a clause cannot stop on: its object or its noun comes after them
_EN_DANGLING = re.compile(
    r"\b(?:of|to|with|from|into|by|at|for|about|upon|the|a|an|and|or|but|that|as|than|his|her|their|its|my|"
    r"our|your|was|were|is|are)\W*$",
    re.IGNORECASE,
)
_CLOSERS = "\"'”’」』)） "


_RUNS_ON = re.compile(r"\s*[,，;；:：、—–-]+$")
