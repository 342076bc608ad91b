"""The premise of the series: what each character wants, what stands in the protagonist's way, what is
at stake — and the logline composed from them (issue 14 §7: protagonist, want, obstacle, stakes).

Offline, a want is read from the book: the character's own "I want to …" / "我要……" speeches, else
narration saying they wanted, longed or resolved to do something ("Hope resolved to …", "阿Ｑ很想……").
A character whose want the book never states takes a template by their role (an antagonist wants to
stop the protagonist) or, for the protagonist, by the story's genre. The obstacle is the antagonist,
else the story's most contested event; the stakes are the genre's. Templates are per language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from microdrama.adapt.excerpts import clean
from microdrama.adapt.screen import screen_direction
from microdrama.adapt.tension import kind_counts
from microdrama.model import Character, Event, Quote
from microdrama.text.speech_rate import is_chinese

#: longest want (English words, Chinese characters)
MAX_WANT_WORDS = 12
MAX_WANT_CHARS_ZH = 12

_EN_SPEECH_WANT = re.compile(
    r"\bI(?:'m| am)? (?:want|wish|mean|intend|long|hope|am determined|have sworn|swear) to"
    r"\s+(?P<what>[a-z][^.,;:!?—\"“”]{5,80})"
)
_EN_NARRATION_WANT = (
    r"\b(?:{names})\b[^.!?;\"“”]{{0,30}}?\b(?:wanted|wished|longed|meant|intended|resolved|determined|hoped|"
    r"yearned|was (?:anxious|eager|determined|resolved)) to (?P<what>[a-z][^.,;:!?—\"“”]{{5,80}})"
)
_ZH_SPEECH_WANT = re.compile(r"我(?:一定要|偏要|要去|想要|打算|决计|要|想)(?P<what>[^，。！？…；、：“”‘’「」\s]{2,12})")
#: what a Chinese want never starts with (a pronoun, a question word, a particle: "我要什么就是什么")
_ZH_EMPTY = ("什么", "甚么", "你", "您", "这", "那", "他", "她", "说", "是", "了", "的", "么", "吗", "怎")
_ZH_NARRATION_WANT = r"(?:{names})[^。！？，；“”]{{0,6}}?(?:很想|一心要|决计|决心|打算|想要|要去)(?P<what>[^，。！？…；、：“”\s]{{2,12}})"
#: words after which an English want says nothing (a modal's complement, "I will not")
_EN_EMPTY = re.compile(r"^(?:not|be|have|do|say|tell you|see|go|come|know|ask)\b(?! \w+ \w+)")
_EN_PERSON = {"my": "{his}", "me": "{him}", "myself": "{him}self", "mine": "{his}", "i": "{he}"}
_EN_PRONOUNS = {
    "female": {"he": "she", "him": "her", "his": "her"},
    "male": {"he": "he", "him": "him", "his": "his"},
    "unknown": {"he": "they", "him": "them", "his": "their"},
}

#: the protagonist's want when the book never states it, by genre (first genre that has one)
_GENRE_WANT = {
    "en": {
        "mystery": "to find out the truth",
        "revenge": "to settle an old score",
        "romance": "to be loved",
        "family": "to hold the family together",
        "fantasy": "to find the way home",
        "tragedy": "to hold on to what is left",
        "period": "to rise in the world",
    },
    "zh": {
        "mystery": "查明真相",
        "revenge": "报仇雪恨",
        "romance": "得到真心",
        "family": "守住这个家",
        "fantasy": "找到回去的路",
        "tragedy": "守住最后的东西",
        "period": "出人头地",
    },
}
_GENRE_STAKES = {
    "en": {
        "mystery": "if {p} fails, a killer walks free",
        "revenge": "if {p} fails, the wrong goes unpunished",
        "romance": "if {p} fails, love is lost for good",
        "family": "if {p} fails, the family falls apart",
        "fantasy": "if {p} fails, there is no way back",
        "tragedy": "{p} may lose everything",
        "period": "{p}'s place in the world is at stake",
    },
    "zh": {
        "mystery": "一旦失手，真凶便逍遥法外",
        "revenge": "一旦失手，冤仇永无昭雪之日",
        "romance": "一旦错过，便是一生",
        "family": "一旦失手，这个家就散了",
        "fantasy": "一旦失手，便再无归路",
        "tragedy": "{p}可能失去一切",
        "period": "{p}的一生都押在这里",
    },
}
_ROLE_WANT = {
    "en": {
        "antagonist": "to stop {p}",
        "love_interest": "{p}'s love",
        "ally": "to help {p}",
        "mentor": "to guide {p}",
        "family": "to keep {p} safe",
        "rival": "to beat {p}",
    },
    "zh": {
        "antagonist": "阻止{p}",
        "love_interest": "得到{p}的真心",
        "ally": "帮{p}一把",
        "mentor": "引{p}走上正路",
        "family": "护住{p}",
        "rival": "压过{p}",
    },
}


def _lang(language: str) -> str:
    return "zh" if is_chinese(language) else "en"


def _names(character: Character, zh: bool) -> list[str]:
    names = {character.name, *character.aliases}
    shortest = 1 if zh else 3
    return sorted((n for n in names if len(n.strip()) >= shortest), key=lambda n: (-len(n), n))


def _en_third_person(what: str, gender: str) -> str:
    """'find my father' → 'find his father' (the want as the bible states it, of them, not "me")."""
    pronouns = _EN_PRONOUNS.get(gender, _EN_PRONOUNS["unknown"])

    def swap(match: re.Match[str]) -> str:
        return _EN_PERSON[match.group(0).lower()].format(**pronouns)

    return re.sub(r"\b(?:my|me|myself|mine|I)\b", swap, what)


def _trim(what: str, zh: bool) -> str:
    if zh:
        return what[:MAX_WANT_CHARS_ZH]
    words = what.split()
    cut = words[:MAX_WANT_WORDS]
    while cut and cut[-1].lower() in ("and", "or", "but", "the", "a", "an", "of", "to", "with", "in", "at", "for"):
        cut.pop()
    return " ".join(cut)


def stated_want(character: Character, text: str, quotes: Iterable[Quote], language: str) -> str:
    """What the book says the character wants, as a phrase ('to find his father', '造反'); '' when
    it never says. Their own speeches first ("I mean to find him"), then narration about them.

    >>> from microdrama.model import Character, Quote
    >>> hope = Character(id="c1", name="Jefferson Hope", aliases=["Hope"], gender="male")
    >>> said = Quote(id="q1", start=0, end=30, text="I mean to find my father, sir.", speaker="c1")
    >>> stated_want(hope, "", [said], "en")
    'to find his father'
    >>> stated_want(hope, "Hope resolved to follow the two men to the end of the world.", [], "en")
    'to follow the two men to the end of the world'
    >>> q = Character(id="c2", name="阿Ｑ", gender="male")
    >>> stated_want(q, "", [Quote(id="q2", start=0, end=6, text="我要投降革命党。", speaker="c2")], "zh")
    '投降革命党'
    """
    zh = is_chinese(language)
    mine = [q for q in quotes if q.speaker == character.id]
    for quote in mine:
        if zh:
            found = _ZH_SPEECH_WANT.search(quote.text)
            if found and not found.group("what").startswith(_ZH_EMPTY):
                return _trim(found.group("what"), zh)
            continue
        for found in _EN_SPEECH_WANT.finditer(quote.text):
            what = found.group("what").strip()
            personal = re.search(r"\b(?:you|your|yours)\b", what)  # "to tell you…": a speech act, no want
            if not _EN_EMPTY.match(what) and len(what.split()) >= 2 and not personal:
                return "to " + _trim(_en_third_person(what, character.gender), zh)
    names = _names(character, zh)
    if not names or not text:
        return ""
    alternation = "|".join(re.escape(n) for n in names)
    pattern = re.compile((_ZH_NARRATION_WANT if zh else _EN_NARRATION_WANT).format(names=alternation))
    found = pattern.search(text)
    if found is None:
        return ""
    what = found.group("what").strip()
    if zh and what.startswith(_ZH_EMPTY):
        return ""
    return _trim(what, zh) if zh else "to " + _trim(_en_third_person(what, character.gender), zh)


def template_want(role: str, genre: list[str], protagonist: str, language: str) -> str:
    """A want by role (an antagonist wants to stop the protagonist) or, for the protagonist, by genre.

    >>> template_want("antagonist", [], "Holmes", "en"), template_want("protagonist", ["mystery"], "Holmes", "en")
    ('to stop Holmes', 'to find out the truth')
    >>> template_want("protagonist", ["period", "family"], "阿Ｑ", "zh")
    '出人头地'
    """
    lang = _lang(language)
    if role == "protagonist":
        return next((_GENRE_WANT[lang][g] for g in genre if g in _GENRE_WANT[lang]), _GENRE_WANT[lang]["tragedy"])
    template = _ROLE_WANT[lang].get(role)
    return template.format(p=protagonist) if template else ""


def stakes(genre: list[str], protagonist: str, language: str) -> str:
    """What is lost if the protagonist fails, by the story's first genre that has a template.

    >>> stakes(["mystery"], "Holmes", "en")
    'if Holmes fails, a killer walks free'
    """
    lang = _lang(language)
    template = next((_GENRE_STAKES[lang][g] for g in genre if g in _GENRE_STAKES[lang]), _GENRE_STAKES[lang]["tragedy"])
    return template.format(p=protagonist)


def obstacle(antagonist: str, protagonist_id: str, events: list[Event], language: str) -> str:
    """Who or what stands in the protagonist's way: the antagonist by name, else the protagonist's most
    contested event (conflict and threat words) as a screen direction.

    >>> obstacle("Drebber", "c1", [], "en")
    'Drebber'
    """
    if antagonist:
        return antagonist
    lang = _lang(language)
    theirs = [e for e in events if protagonist_id in e.participants] or events
    ranked = sorted(
        theirs,
        key=lambda e: (-sum(kind_counts(e.summary, lang)[k] for k in ("conflict", "threat")), -e.tension, e.start),
    )
    for event in ranked[:12]:
        direction = screen_direction(clean(event.summary, language), language)
        if direction:
            return direction.rstrip(".。!！")
    return ""


def compose_logline(protagonist: str, description: str, want: str, blocker: str, stake: str, language: str) -> str:
    """The logline from its four parts, by the language's template.

    >>> compose_logline("Sherlock Holmes", "a consulting detective", "to find out the truth", "Jefferson Hope",
    ...                 "if Holmes fails, a killer walks free", "en")
    'Sherlock Holmes, a consulting detective, wants to find out the truth — but Jefferson Hope stands in the way, and if Holmes fails, a killer walks free.'
    >>> compose_logline("阿Ｑ", "", "出人头地", "赵太爷", "阿Ｑ的一生都押在这里", "zh")
    '阿Ｑ一心想要出人头地，却处处受赵太爷阻挠——阿Ｑ的一生都押在这里。'
    """
    if is_chinese(language):
        who = f"{description}{protagonist}" if description else protagonist
        text = f"{who}一心想要{want}"
        if blocker:
            text += f"，却处处受{blocker}阻挠" if len(blocker) <= 12 else f"，然而{blocker}"
        return text + (f"——{stake}。" if stake else "。")
    who = f"{protagonist}, {description}," if description else protagonist
    text = f"{who} wants {want}"
    if blocker:
        short = len(blocker.split()) <= 5
        text += f" — but {blocker} stands in the way" if short else f" — but {blocker[:1].lower() + blocker[1:]}"
    return text + (f", and {stake}." if stake else ".")


def epithet(description: str, name: str, language: str) -> str:
    """A short appositive for the logline from a one-line description ('a young doctor'); '' when the
    description does not give one as "NAME is/was a …" / "NAME是……的人"."""
    if is_chinese(language):
        found = re.search(
            re.escape(name) + r"(?:是|本是|原是)(?P<what>[^，。！？；]{2,10}?)(?:的人)?[，。]", description
        )
        return found.group("what") if found else ""
    found = re.search(
        re.escape(name) + r",? (?:is|was|, who is) (?P<what>(?:a|an|the) [a-z][^,.;:!?]{3,50})", description
    )
    return found.group("what") if found else ""
