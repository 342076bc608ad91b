"""The narrator of a first-person book, and its reflections as voice-over.

A screenplay's action lines show what the camera sees; the "I" of a first-person novel reflecting
("I understood that he meant a great deal more", "我的心宁帖了") cannot be filmed, so the writer gives
those sentences to the narrator as voice-over (``NICK (V.O.)``). The narrator is the cast member whose
name is almost only said inside quotations (others speak to them; the narration says "I") — the
signal the analysis uses to attribute speech — ranked by how often they are addressed by name. When
the book is told in the first person but no such character is in the cast, the cue is the generic
:data:`NARRATOR_CUE`.
"""

from __future__ import annotations

import bisect
import re

from lemminflect import getInflection, getLemma

from microdrama.adapt.defects import is_past_form
from microdrama.model import Cast, Character, Quote, Source
from microdrama.text.speech_rate import is_chinese

#: the voice-over extension of a narrator's cue
VOICE_OVER = "V.O."
#: cue of a first-person narrator the cast does not name, by script language
NARRATOR_CUE = {"en": "NARRATOR", "zh-Hans": "旁白", "zh-Hant": "旁白"}
#: share of a name's mentions that must lie inside quotations for its bearer to be the narrator
_INSIDE_SHARE = 0.7
#: characters considered, most mentioned first: the narrator is a main character
_CANDIDATES = 15
_EN_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|My|mine|myself)\b")
_ZH_FIRST_PERSON = re.compile(r"我(?!们|們)")
# English first-person forms and what they become with the narrator's name (novels are mostly past tense)
#: the narrator's "I" forms in English, each with what it becomes: the first mention in a line names the
#: narrator ("{name} is"), later ones take the pronoun of the narrator's gender ("he is")
_EN_FIRST_PERSON_FORMS = re.compile(
    r"\b(?:(?P<am>I am|I’m|I'm)|(?P<have>I have|I’ve|I've)|(?P<had>I’d|I'd)|(?P<will>I’ll|I'll)"
    r"|(?P<i>I)|(?P<my>[Mm]y)|(?P<myself>myself)|(?P<me>me))\b"
)
_EN_PRONOUNS = {
    "male": {"subject": "he", "object": "him", "possessive": "his", "self": "himself"},
    "female": {"subject": "she", "object": "her", "possessive": "her", "self": "herself"},
}
_SENTENCE_START = re.compile(r"(?:^|[.!?…][\"”’)]*\s+)$")


def is_first_person(source: Source, quotes: list[Quote]) -> bool:
    """Whether the narration (story text outside quotations) says I/我 often: one word in 100
    (English) or one character in 200 (Chinese) — the analysis' threshold."""
    text = source.text
    spans = sorted((q.start, q.end) for q in quotes)
    pieces: list[str] = []
    for chapter in source.body_chapters():
        cursor = chapter.body_start
        for start, end in spans[bisect.bisect_left(spans, (chapter.body_start, -1)) :]:
            if start >= chapter.end:
                break
            pieces.append(text[cursor:start])
            cursor = max(cursor, end)
        if cursor < chapter.end:
            pieces.append(text[cursor : chapter.end])
    prose = "".join(pieces)
    if source.language == "zh":
        return prose.count("我") * 200 >= max(len(prose), 1)
    return len(re.findall(r"\bI\b", prose)) * 100 >= max(len(prose.split()), 1)


def find_narrator(source: Source, cast: Cast, quotes: list[Quote]) -> Character | None:
    """The cast member telling a first-person book: named at least 70 % of the time inside quotations,
    the most often addressed by name there ("Nick," / "，涓生"). None when nobody qualifies."""
    text = source.text
    spans = sorted((q.start, q.end) for q in quotes)
    starts = [s for s, _ in spans]
    ranked: list[tuple[int, int, int, str]] = []
    for order, character in enumerate(sorted(cast.characters, key=lambda c: -c.mentions)[:_CANDIDATES]):
        names = sorted({n for n in [character.name, *character.aliases] if len(n.strip()) >= 2}, key=len, reverse=True)
        if not names:
            continue
        pattern = "|".join(re.escape(n) for n in names)
        if source.language != "zh":
            pattern = rf"\b(?:{pattern})\b"
        total = inside = addressed = 0
        for match in re.finditer(pattern, text):
            total += 1
            index = bisect.bisect_right(starts, match.start()) - 1
            if index < 0 or not spans[index][0] <= match.start() < spans[index][1]:
                continue
            inside += 1
            before = text[max(spans[index][0], match.start() - 2) : match.start()]
            after = text[match.end() : match.end() + 1]
            if (before.strip() in ("", ",", "，", "“", '"')) and after in ',.!?，。！？”"':
                addressed += 1
        if total >= 3 and inside >= total * _INSIDE_SHARE:
            ranked.append((-addressed, -inside, order, character.id))
    if not ranked:
        return None
    best = min(ranked)[3]
    return next(c for c in cast.characters if c.id == best)


def says_i(text: str, language: str) -> bool:
    """Whether a narration line speaks in the first person singular (I, me, my / 我).

    >>> says_i("In my younger years", "en"), says_i("Tom came in.", "en"), says_i("我们走了", "zh")
    (True, False, False)
    """
    return bool((_ZH_FIRST_PERSON if is_chinese(language) else _EN_FIRST_PERSON).search(text))


def narrator_cue(narrator: Character | None, language: str) -> str:
    """The narrator's cue without its extension: the cast name (upper case in English), or NARRATOR / 旁白."""
    if narrator is None:
        return NARRATOR_CUE.get(language, NARRATOR_CUE["zh-Hans" if is_chinese(language) else "en"])
    return narrator.name if is_chinese(language) else narrator.name.upper()


_EN_WE = re.compile(r"\b(?:[Ww]e|us|[Oo]urs?|[Oo]urselves)\b")
_EN_THEY = {"we": "they", "us": "them", "our": "their", "ours": "theirs", "ourselves": "themselves"}
_ZH_WE = re.compile(r"我们|咱们|我們|咱們")


#: an aside between commas or dashes in which the narrator speaks to the reader as "we"/"I": "as our
#: fathers said", "I confess", "to my surprise", "in our day" — not "and we walked home" (that is action)
_EN_ASIDE = re.compile(
    r"\s*(?:,|\s[—–]|\s--)\s*("
    r"(?:as|so|if|like)\b[^,;:.!?—–\"“”]*?\b(?:we|us|our|I|me|my)\b[^,;:.!?—–\"“”]*?"
    r"|(?:to|in|for|by)\s(?:my|our)\b[^,;:.!?—–\"“”]*?"
    r"|(?:I|we)\s(?:think|thought|confess|fear|believe|suppose|admit|own|know|knew|found|find|trust|hope|grant|"
    r"dare say|am sure|must say|may say|should say|imagine|fancy)\b[^,;:.!?—–\"“”]*?"
    r")\s*(?:,|[—–]\s|--\s)\s*"
)
_ZH_ASIDE = re.compile(r"，([^，。；：！？“”「」]{0,10}(?:我们|咱们|我們|咱們)[^，。；：！？“”「」]{0,10})，")


def drop_asides(text: str, language: str) -> str:
    """The narrator's asides to the reader cut from a screen direction: the camera cannot show them, and
    their "we"/"our" is nobody on screen.

    >>> drop_asides("Winterbourne is a man of imagination and, as our ancestors used to say, sensibility.", "en")
    'Winterbourne is a man of imagination and sensibility.'
    >>> drop_asides("As we make our way to the hospital, Stamford tells us more.", "en")
    'As we make our way to the hospital, Stamford tells us more.'
    >>> drop_asides("He took my hand, and we walked home, slowly.", "en")
    'He took my hand, and we walked home, slowly.'
    >>> drop_asides("Holmes, I confess, was right — to my surprise — about the ring.", "en")
    'Holmes was right about the ring.'
    >>> drop_asides("他们，我们知道，早已走了。", "zh")
    '他们早已走了。'
    """
    if is_chinese(language):
        return _ZH_ASIDE.sub("", text)

    def cut(match: re.Match[str]) -> str:
        return " " if len(match.group(1).split()) <= 10 else match.group(0)

    return _EN_ASIDE.sub(cut, text)


def they_for_we(text: str, language: str) -> str:
    """First-person plural narration as the camera sees it: "we" are people on screen, "they".

    >>> they_for_we("As we make our way to the hospital, Stamford tells us more.", "en")
    'As they make their way to the hospital, Stamford tells them more.'
    >>> they_for_we("We drive on.", "en"), they_for_we("我们走了。", "zh")
    ('They drive on.', '他们走了。')
    """
    if is_chinese(language):
        return _ZH_WE.sub(lambda m: "他們" if m.group(0).endswith("們") else "他们", text)

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        they = _EN_THEY[word.lower()]
        return they[:1].upper() + they[1:] if word[0].isupper() else they

    return _EN_WE.sub(swap, text)


_I_VERB = re.compile(r"\b(I )([a-z]+)\b")
_MODALS = frozenset("can could will would shall should may might must ought need dare am have had was".split())


def _third_singular(verb: str) -> str:
    """A base-form verb in the third person singular ("confess" → "confesses"); any other word as it is.

    >>> _third_singular("confess"), _third_singular("went"), _third_singular("can")
    ('confesses', 'went', 'can')
    """
    if verb in _MODALS or is_past_form(verb) or verb not in (getLemma(verb, upos="VERB", lemmatize_oov=False) or ()):
        return verb  # "I saw" stays "saw", not the present of "to saw"
    forms = getInflection(verb, tag="VBZ")
    return forms[0] if forms else verb


def third_person(text: str, narrator: Character, language: str) -> str:
    """An action line with the narrator named where it first says "I", so the camera knows whom it shows;
    later mentions take the narrator's pronoun when the gender is known ("Nick moves his things"), never
    a second "Nick's".

    >>> third_person("我的心宁帖了，我们走了。", Character(id="c1", name="涓生"), "zh")
    '涓生的心宁帖了，我们走了。'
    >>> third_person("I had a dog and my father gave me advice.", Character(id="c1", name="Nick", gender="male"), "en")
    'Nick had a dog and his father gave him advice.'
    >>> third_person("I had a dog and my father gave me advice.", Character(id="c1", name="Sam"), "en")
    'Sam had a dog and Sam’s father gave Sam advice.'
    >>> third_person("I confess that it turns me sick.", Character(id="c1", name="Watson", gender="male"), "en")
    'Watson confesses that it turns him sick.'
    """
    if is_chinese(language):
        return _ZH_FIRST_PERSON.sub(lambda _: narrator.name, text)
    # the verb agrees with its new subject: "I confess" → "Watson confesses"
    text = _I_VERB.sub(lambda m: m.group(1) + _third_singular(m.group(2)), text)
    pronouns = _EN_PRONOUNS.get(narrator.gender)
    named = False

    def replace(match: re.Match[str]) -> str:
        nonlocal named
        form = match.lastgroup or "i"
        if pronouns is None or not named:  # the first mention, or no pronoun to use: the name
            named = form not in ("myself",)
            words = {
                "am": f"{narrator.name} is",
                "have": f"{narrator.name} has",
                "had": f"{narrator.name} had",
                "will": f"{narrator.name} will",
                "i": narrator.name,
                "me": narrator.name,
                "my": f"{narrator.name}’s",
                "myself": _EN_PRONOUNS.get(narrator.gender, {}).get("self", "themselves"),
            }[form]
            return words
        words = {
            "am": f"{pronouns['subject']} is",
            "have": f"{pronouns['subject']} has",
            "had": f"{pronouns['subject']} had",
            "will": f"{pronouns['subject']} will",
            "i": pronouns["subject"],
            "me": pronouns["object"],
            "my": pronouns["possessive"],
            "myself": pronouns["self"],
        }[form]
        if _SENTENCE_START.search(text[: match.start()]):
            words = words[:1].upper() + words[1:]
        return words

    return _EN_FIRST_PERSON_FORMS.sub(replace, text)
