"""Who says each quotation: speech-verb cues, pronouns, turn-taking, and vocative addressees.

The rules sit behind :class:`Attributor` so that a better attributor (a model, a coreference
system) can replace or refine them: it receives the quotes and an :class:`AttributionContext`
and returns new quotes.

How to add a new attributor:

1. Write a class with ``attribute(self, quotes, context) -> list[Quote]`` that returns copies
   (``quote.model_copy(update=...)``), never mutating its input.
2. Fill ``speaker``, ``addressees``, ``attribution``, ``confidence`` and ``cue``; leave a quote it
   cannot decide untouched, so it can run after :class:`RuleAttributor` as a refiner.
3. Pass it to :func:`microdrama.analyze.analyze` through ``attributors=[...]``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Protocol

from microdrama.analyze.lexicons import EN_PRONOUNS, EN_SPEECH_VERBS, ZH_SPEECH_VERBS
from microdrama.analyze.mentions import Mention, NameIndex
from microdrama.analyze.nominals import PERSON_NOUNS, SPEECH_NOUNS, Nominal, NominalIndex, nominal_after, nominal_before
from microdrama.analyze.quotes import is_quoted_term
from microdrama.analyze.signatures import learn_signatures, signed_by
from microdrama.model import UNKNOWN_SPEAKER, Quote
from microdrama.model.story import AttributionType, Gender
from microdrama.text.sentences import is_abbreviation

#: speech verbs the shared lexicon lacks, mostly participles ("crying", "adding") and rarer tags
_EN_MORE_SPEECH_VERBS = frozenset(
    "grumbled mumbled murmuring crying shouting calling whispering exclaiming questioned queried proclaimed "
    "uttered confided supplied asserted reiterated repeating rambled adding told".split()
)
_EN_VERB = re.compile(
    r"\b(?:" + "|".join(sorted(EN_SPEECH_VERBS | _EN_MORE_SPEECH_VERBS, key=len, reverse=True)) + r")\b"
)
_EN_PRONOUN_OR_I = re.compile(r"\b(he|she|I)\b")
_ZH_VERB = re.compile("(?:" + "|".join(ZH_SPEECH_VERBS) + r")[着了]?\s*[：:，,]?\s*$")
_ZH_ANY_VERB = re.compile("(?:" + "|".join(ZH_SPEECH_VERBS) + ")")
#: a speech verb after the quotation, not the start of another word (回来, 笑容, 想法, 说明)
_ZH_AFTER_VERB = re.compile("(?:" + "|".join(ZH_SPEECH_VERBS) + ")(?![来去家头到过身容起法明服做])")
#: 他们, 他人, 他乡: not a singular pronoun (其他, "other", neither)
_ZH_NOT_PRONOUN_AFTER = frozenset("们人乡日处国")
#: a name or pronoun right after one of these is spoken to or acted upon, not speaking ("对少安说")
_ZH_TO = frozenset("对向跟和同给问朝冲替把被叫让与")
_ZH_SENTENCE_END = frozenset("。！？!?“”\n")
#: a clause ends at . ! ? ; but not at the dot of "Mr." or of an initial ("J. Smith")
_EN_CLAUSE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMme)(?<!\bMlle)(?<!\b[A-Z])[.!?;]")
#: words after which a name is an object, not the subject ("turning to Elizabeth, he said")
_OBJECT_MARKERS = frozenset(
    "to at with of for from on upon towards toward by about after before like than over into under beside behind "
    "across against among between beyond".split()
)
_ZH_CLAUSE_BREAK = "。！？!?”」』\n"
_ZH_ADDRESS_MARKS = ("向", "对", "和", "与", "问", "叫", "告诉", "拉着", "望着", "看着")
_VOCATIVE_PREFIX = re.compile(
    r"(?:(?:oh|ah|my dear|dear|my|well|now|come|yes|no|and|but|pray)[,!]?\s+)*", re.IGNORECASE
)
#: a line of asterisks or dashes, or a bare section number ("[III]", "II."), between two scenes
_SCENE_BREAK = re.compile(r"\n[ \t]*(?:(?:[*#~_=·•-][ \t]*){3,}|\[?[IVXLC\d]+\]?\.?)[ \t]*\n")
_CHAPTER_HEADING = re.compile(r"\n[ \t]*(?:CHAPTER|Chapter|BOOK|Book|PART|Part)\b")
#: the longest stretch of narration (characters) between two quotes of one conversation: chosen on
#: half of PDNC for English; Chinese keeps the earlier 250 (a Chinese character says more than a letter)
_CONVERSATION_GAP = {"en": 200, "zh": 250}


@dataclass
class AttributionContext:
    """What an attributor may look at: the text, who exists, where they are named, where paragraphs are."""

    text: str
    language: str
    genders: dict[str, Gender]
    mentions: list[Mention]
    paragraphs: list[tuple[int, int]]
    names: NameIndex
    narrator: str | None = None
    #: stretches a character narrates in the first person inside the book: ``(start, end, teller)``
    embedded: list[tuple[int, int, str]] = field(default_factory=list)
    #: whether 他 is used for women too (older Chinese texts), so it carries no gender
    he_is_neutral: bool = False
    _mention_starts: list[int] = field(default_factory=list, repr=False)
    _paragraph_starts: list[int] = field(default_factory=list, repr=False)
    _nominals: NominalIndex | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._mention_starts = [m[0] for m in self.mentions]
        self._paragraph_starts = [p[0] for p in self.paragraphs]

    @property
    def nominals(self) -> NominalIndex:
        """Which characters a noun phrase ("the general") can stand for, built on first use."""
        if self._nominals is None:
            self._nominals = NominalIndex(self.names.owner.items())
        return self._nominals

    def narrator_at(self, offset: int) -> str | None:
        """Who says "I" in the narration at ``offset``: an embedded teller there, else the book's narrator."""
        for start, end, teller in self.embedded:
            if start <= offset < end:
                return teller
        return self.narrator

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions starting inside ``[start, end)``."""
        return self.mentions[bisect_left(self._mention_starts, start) : bisect_left(self._mention_starts, end)]

    def mentions_before(self, offset: int, limit: int) -> list[Mention]:
        """Mentions starting in the ``limit`` characters before ``offset``, most recent first."""
        low = bisect_left(self._mention_starts, offset - limit)
        high = bisect_left(self._mention_starts, offset)
        return self.mentions[low:high][::-1]

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        """The paragraph containing ``offset`` (or the nearest one before it)."""
        index = bisect_right(self._paragraph_starts, offset) - 1
        return self.paragraphs[max(index, 0)] if self.paragraphs else (0, len(self.text))


class Attributor(Protocol):
    """Anything that fills in who speaks each quotation."""

    def attribute(self, quotes: list[Quote], context: AttributionContext) -> list[Quote]:
        """Return the quotes with speakers, addressees, attribution type, confidence and cue filled in."""
        ...


@dataclass(frozen=True)
class _Finding:
    speaker: str
    kind: AttributionType
    confidence: float
    cue: str | None


class RuleAttributor:
    """Deterministic rules, strongest evidence first.

    1. a speech-verb cue next to the quotation (explicit name, or a pronoun or a noun phrase such as
       "her mother" resolved → anaphoric);
    2. an earlier quotation of the same paragraph (one paragraph, one speaker);
    3. the subject of the paragraph's narration, or of a narration paragraph that introduces the
       quotation ("Harriet thus began:");
    4. turn-taking inside a conversation, seeded from the narration where nothing else decides
       (see :func:`_fill_conversations`).
    """

    def attribute(self, quotes: list[Quote], context: AttributionContext) -> list[Quote]:
        """See :meth:`Attributor.attribute`."""
        result: list[Quote] = []
        wanted: dict[str, Gender] = {}
        for index, quote in enumerate(quotes):
            if is_quoted_term(context.text, quote, context.language):
                result.append(
                    quote.model_copy(update={"speaker": UNKNOWN_SPEAKER, "attribution": "unknown", "confidence": 0.0})
                )
                continue
            following = quotes[index + 1] if index + 1 < len(quotes) else None
            addressees = vocatives(quote, context)
            finding = _explicit(quote, result, following, context, addressees, wanted)
            if finding is None:
                finding = _same_paragraph(quote, result, context, addressees)
            if finding is None:
                finding = _narration_subject(quote, result, following, context, addressees)
                gender = wanted.get(quote.id) if context.language != "zh" else None
                if (
                    finding is not None
                    and gender is not None
                    and context.genders.get(finding.speaker)
                    not in (
                        gender,
                        "unknown",
                    )
                ):
                    finding = None  # an unresolved "returned she" rules a man out
            if finding is None:
                finding = _Finding(UNKNOWN_SPEAKER, "unknown", 0.0, None)
            if context.language == "zh" and finding.kind == "explicit":
                addressees = addressees or _zh_addressees(quote, context, finding.speaker)
            addressees = [a for a in addressees if a != finding.speaker]
            result.append(
                quote.model_copy(
                    update={
                        "speaker": finding.speaker,
                        "attribution": finding.kind,
                        "confidence": finding.confidence,
                        "cue": finding.cue,
                        "addressees": addressees,
                    }
                )
            )
        signatures = learn_signatures(result, context.language, context.names.owner)
        signed = {q.id: who for q in result if q.confidence < 0.5 and (who := signed_by(q, signatures)) is not None}
        return _fill_conversations(result, context, wanted, signed)


# -- explicit and pronoun cues -----------------------------------------------------------------


def _narration_windows(
    quote: Quote, previous: Quote | None, following: Quote | None, context: AttributionContext
) -> tuple[tuple[int, int], list[tuple[int, int]], tuple[int, int]]:
    """Narration just before the quote, between its parts, and just after it (same paragraph)."""
    para_start, _ = context.paragraph_at(quote.start)
    _, para_end = context.paragraph_at(max(quote.end - 1, quote.start))
    before_start = max(para_start, previous.end if previous else 0, quote.start - 200)
    if not context.text[before_start : quote.start].strip() and para_start > 0:
        # "喝道：\n\n“阿Ｑ，你……”", "Emma smilingly said,\n\n"…"": a cue ending in a colon, comma
        # or dash introduces the next paragraph
        prev_start, prev_end = context.paragraph_at(para_start - 1)
        if prev_end <= para_start and context.text[prev_end - 1 : prev_end] in ("：", ":", ",", "，", "-", "—"):
            before_start = max(prev_start, previous.end if previous else 0, prev_end - 200)
            return (before_start, prev_end), [], _after_window(quote, following, context, para_end)
    return (before_start, quote.start), _gaps(quote), _after_window(quote, following, context, para_end)


def _gaps(quote: Quote) -> list[tuple[int, int]]:
    return [
        (a.end + 1, b.start - 1) for a, b in zip(quote.parts, quote.parts[1:], strict=False) if b.start - a.end < 300
    ]


def _after_window(quote: Quote, following: Quote | None, context: AttributionContext, para_end: int) -> tuple[int, int]:
    after_end = min(para_end, following.start if following else len(context.text), quote.end + 200)
    return (quote.end, max(after_end, quote.end))


def _explicit(
    quote: Quote,
    done: list[Quote],
    following: Quote | None,
    context: AttributionContext,
    addressees: list[str],
    wanted: dict[str, Gender],
) -> _Finding | None:
    previous = done[-1] if done else None
    before, gaps, after = _narration_windows(quote, previous, following, context)
    lead_in = None
    if context.language == "zh":
        finders = [(_zh_before, before), *((_zh_after, g) for g in gaps), (_zh_after, after)]
    else:
        lead_in = _en_lead_in(before, context)
        finders = [*((_en_after, g) for g in gaps), (_en_after, after), (_en_before, before)]
    for finder, (start, end) in finders:
        if end <= start:
            continue
        found = finder(start, end, context)
        if found is None:
            continue
        who, cue_start, cue_end = found
        if finder is _en_after and _introduces_next(context.text, start, end, cue_start, cue_end, following):
            continue
        cue = " ".join(context.text[cue_start:cue_end].split())
        if lead_in is not None and (isinstance(who, Nominal) or who in ("he", "she", "I")):
            return lead_in  # a named lead-in outweighs a pronoun or noun phrase after the quote
        if isinstance(who, Nominal):
            if who.pronoun is None:
                resolved = _resolve_nominal(who, cue_start, quote, done, context, addressees)
                if resolved is None:
                    gender = PERSON_NOUNS.get(who.head)
                    if gender is not None:
                        wanted[quote.id] = gender
                    return None
                return _Finding(resolved, "anaphoric", 0.6, cue)
            who = who.pronoun
        if who in ("he", "she", "他", "她"):
            if context.language != "zh":
                listener = listener_after_verb(context.text, cue_end, context)
                if listener is not None and listener not in addressees:
                    addressees.append(listener)  # "she told Tom": Tom listens
            resolved = _resolve_pronoun(who, cue_start, quote, done, context, addressees)
            if resolved is None:
                gender = _pronoun_gender(who, context)
                if gender is not None:
                    wanted[quote.id] = gender  # turn-taking may still find them
                return None
            return _Finding(resolved, "anaphoric", 0.7, cue)
        if who in ("I", "我"):
            narrator = context.narrator_at(quote.start)
            if narrator is None:
                return None
            return _Finding(narrator, "anaphoric", 0.75, cue)
        return _Finding(who, "explicit", 0.9, cue)
    return None


#: what may follow the verb of a lead-in that names its speaker: "the Rabbit say to itself," /
#: "said the King:" / "Alice began:"
_LEAD_IN_TAIL = re.compile(r"(?:\s+(?:to|at)\s+[A-Za-z. ]{1,30}?)?\s*[,:]?\s*$")


def _en_lead_in(before: tuple[int, int], context: AttributionContext) -> _Finding | None:
    """``…to hear the Rabbit say to itself, "Oh dear!…"`` / ``said the King: "…"``: a named speaker
    whose speech verb runs straight into the quotation is the strongest evidence there is, stronger
    than a pronoun cue in the narration after it ("(when she thought it over afterwards…").
    """
    start, end = before
    if end <= start:
        return None
    found = _en_before(start, end, context)
    if found is None or not isinstance(found[0], str) or found[0] in ("he", "she", "I"):
        return None
    who, cue_start, cue_end = found
    cue = context.text[cue_start:cue_end]
    if len(cue) > 40 or any(ch in cue for ch in ",;:") or not _LEAD_IN_TAIL.match(context.text, cue_end, end):
        return None
    return _Finding(who, "explicit", 0.9, " ".join(cue.split()))


def _introduces_next(text: str, start: int, end: int, cue_start: int, cue_end: int, following: Quote | None) -> bool:
    """``"It is he!" and was hastening on, when Elinor cried out, "Indeed…"``: the cue is the next quote's.

    True when the cue ends the narration with a comma or colon right before the next quotation,
    after a clause of its own.
    """
    if following is None or end != following.start:
        return False
    rest = text[cue_end:end].rstrip(" \t\n,:;-—–").split()
    if len(rest) > 2 or not all(w.isalpha() and w.islower() for w in rest):
        return False  # "cried out," / "said softly," may stand between the cue and the quote
    return len(text[start:cue_start].split()) > 3


def _en_after(start: int, end: int, context: AttributionContext) -> tuple[str | Nominal, int, int] | None:
    """``"…," said Elizabeth`` / ``"…," Elizabeth replied`` / ``"…," he said``: a cue opening the narration."""
    text = context.text
    possessive = _possessive_cue(start, end, context)
    if possessive is not None:
        return possessive
    clause_end = _EN_CLAUSE_END.search(text, start, end)
    stop = clause_end.start() if clause_end else end
    verb = _EN_VERB.search(text, start, min(stop, start + 60))
    if verb is None:
        return None
    pronoun_subject = _pronoun_right_before(text, start, verb.start())
    if pronoun_subject is not None:
        # "…," she told Tom: the name after the verb is the listener
        return pronoun_subject.group(1), pronoun_subject.start(1), verb.end()
    # a name right before the verb ("Elizabeth replied", "Holmes quietly answered", "Anna told Tom")
    for m_start, m_end, key in context.mentions_in(start, verb.start()):
        between = text[m_end : verb.start()]
        if len(between) <= 14 and not any(ch in between for ch in ",;:"):
            return key, m_start, verb.end()
    # a name right after the verb ("said Mr. Darcy", "said the King")
    for m_start, m_end, key in context.mentions_in(verb.end(), min(stop, verb.end() + 24)):
        between = text[verb.end() : m_start].split()
        # "said Mr. Darcy", "said the King", "broke in old Isaac Brown"; not "said to Jane"
        if len(between) <= 3 and all(w.isalpha() and w.islower() and w not in _OBJECT_MARKERS for w in between):
            return key, verb.start(), m_end
        break
    nominal = _nominal_near(text, start, verb.start(), verb.end(), stop)
    if nominal is not None:
        return nominal
    pronoun = _EN_PRONOUN_OR_I.search(text, max(start, verb.start() - 6), min(stop, verb.end() + 5))
    if pronoun is not None:
        return pronoun.group(), min(pronoun.start(), verb.start()), max(pronoun.end(), verb.end())
    return None


_EN_PRONOUN_BEFORE_VERB = re.compile(r"\b(he|she|I)(?:\s+[a-z]+ly)?\s+$")


def _pronoun_right_before(text: str, start: int, verb_start: int) -> re.Match[str] | None:
    """``she told`` / ``he quietly said``: a pronoun that is the verb's subject."""
    return _EN_PRONOUN_BEFORE_VERB.search(text, max(start, verb_start - 20), verb_start)


def listener_after_verb(text: str, cue_end: int, context: AttributionContext) -> str | None:
    """``she told Tom`` / ``he asked Mrs. Hale``: the name right after the cue's verb."""
    for m_start, _, key in context.mentions_in(cue_end, cue_end + 8):
        if not text[cue_end:m_start].strip():
            return key
    return None


#: "…?" was Kit's first question / "…!" Tom's words leaned down over him
_WAS_OPENING = re.compile(r"[\s,;:!?.\-—]*(?:(?:was|were|came)\s+(?:the\s+)?)?")
_POSSESSED_SPEECH = re.compile(r"(?:'s|’s)\s+(?:[a-z]+\s+){0,2}?(?:" + "|".join(sorted(SPEECH_NOUNS)) + r")\b")


def _possessive_cue(start: int, end: int, context: AttributionContext) -> tuple[str, int, int] | None:
    """``"…?" was Kit's first question`` / ``"…," was Elinor's reply`` / ``"…!" Tom's words leaned
    down``: the possessor is the speaker."""
    opening = _WAS_OPENING.match(context.text, start, end)
    if opening is None:
        return None
    for m_start, m_end, key in context.mentions_in(opening.end(), min(end, opening.end() + 40)):
        if m_start == opening.end():
            found = _POSSESSED_SPEECH.match(context.text, m_end, end)
            if found is not None:
                return key, start, found.end()
        break
    return None


def _en_before(start: int, end: int, context: AttributionContext) -> tuple[str | Nominal, int, int] | None:
    """``Elizabeth said, "…"`` / ``Then he cried: "…"``: a cue closing the narration before the quote."""
    text = context.text
    tail_start = max(start, end - 80)
    for boundary in _EN_CLAUSE_END.finditer(text, tail_start, end):
        if end - boundary.end() > 3:
            tail_start = boundary.end()
    verbs = list(_EN_VERB.finditer(text, tail_start, end))
    if not verbs or (end - verbs[-1].end() > 12 and not _opens_speech(text, verbs[-1].end(), end)):
        return None
    verb = verbs[-1]
    candidates = context.mentions_in(tail_start, verb.start())
    if candidates:
        m_start, m_end, key = candidates[-1]
        between = text[m_end : verb.start()]
        right_before = len(between) <= 14 and not any(ch in between for ch in ",;:")
        if right_before and _word_before(text, m_start, tail_start) not in _OBJECT_MARKERS:
            return key, m_start, verb.end()  # "Anna was silent, and Kate added, …:"
        subjects = [c for c in candidates if _word_before(text, c[0], tail_start) not in _OBJECT_MARKERS]
        if subjects or not _EN_PRONOUN_OR_I.search(text, tail_start, verb.start()):
            m_start, _, key = subjects[0] if subjects else candidates[-1]
            return key, m_start, verb.end()
        # "she showed it to Marjorie, saying, …": only objects are named; the pronoun is the subject
    after = context.mentions_in(verb.end(), end)
    if (
        after
        and _pronoun_right_before(text, tail_start, verb.start()) is None
        and (_word_before(text, after[0][0], verb.end()) not in _OBJECT_MARKERS)
    ):
        return after[0][2], verb.start(), after[0][1]
    nominal = _nominal_near(text, tail_start, verb.start(), verb.end(), end)
    if nominal is not None:
        return nominal
    pronoun = None
    for found in _EN_PRONOUN_OR_I.finditer(text, tail_start, min(end, verb.end() + 5)):
        pronoun = found
    if pronoun is not None:
        return pronoun.group(), pronoun.start(), verb.end()
    return None


#: what may stand between a speech verb and the quotation it opens: "said to Elizabeth," / "added,
#: thinking aloud," / "continued, with a tinge of hardness in her voice:"
#: (a hard-wrapped qualifier may run over one line end)
_EN_VERB_TAIL = re.compile(
    r"(?:\s+(?:to|at)\s+[A-Za-z. \n]{1,30}?)?\s*(?:,(?:[^\n.!?;\"]|\n(?![ \t]*\n)){0,70})?[,:]\s*$"
)


def _opens_speech(text: str, verb_end: int, end: int) -> bool:
    """Whether the narration after the verb only qualifies it and ends in a comma or colon."""
    return _EN_VERB_TAIL.match(text, verb_end, end) is not None


def _nominal_near(text: str, start: int, verb_start: int, verb_end: int, stop: int) -> tuple[Nominal, int, int] | None:
    """A noun phrase right after the verb ("said her mother") or right before it ("the old lady
    retorted"), with the cue's span."""
    after = nominal_after(text, verb_end, min(stop, verb_end + 40))
    if after is not None:
        return after[0], verb_start, after[1]
    before = nominal_before(text, start, verb_start)
    if before is not None:
        return before[0], before[1], verb_end
    return None


#: "with the Queen": the word before the article tells whether the name is an object
_WORD_BEFORE = re.compile(r"([A-Za-z]+)(?:\W+(?:the|a|an))?\W*$")


def _word_before(text: str, offset: int, floor: int) -> str:
    """The lower-cased word just before ``offset``, past an article (not looking before ``floor``)."""
    match = _WORD_BEFORE.search(text[max(floor, offset - 24) : offset])
    return match.group(1).lower() if match else ""


def _zh_before(start: int, end: int, context: AttributionContext) -> tuple[str, int, int] | None:
    """``宝玉笑道：“…”`` / ``黛玉听了，冷笑道：“…”``: the subject of the clause that ends in a speech verb."""
    text = context.text
    while end > start and text[end - 1].isspace():
        end -= 1  # "问：\n“…”": one sentence per line
    clause_start = start
    for at in range(end - 1, start - 1, -1):
        if text[at] in _ZH_CLAUSE_BREAK:
            clause_start = at + 1
            break
    if _ZH_VERB.search(text, clause_start, end) is None:
        return None
    # the subject of the last part of the sentence that has one: "当孙少平的哭声变为呜咽时，田福军…说："
    # is 田福军; "他对少安说：" is 他 (少安 is spoken to); "黛玉听了，冷笑道：" is 黛玉
    cuts = [clause_start] + [at + 1 for at in range(clause_start, end) if text[at] in "，,；;…"] + [end]
    for part_start, part_end in reversed(list(zip(cuts, cuts[1:], strict=False))):
        if part_end <= part_start:
            continue
        for m_start, m_end, key in context.mentions_in(part_start, part_end):
            if text[max(0, m_start - 1) : m_start] in _ZH_TO or text[m_end : m_end + 1] == "的":
                continue
            return key, m_start, end
        pronoun = _zh_pronoun(text, part_start, part_end)
        if (
            pronoun is not None
            and text[max(0, pronoun[1] - 1) : pronoun[1]] not in _ZH_TO
            and text[pronoun[1] + 1 : pronoun[1] + 2] != "的"
        ):
            return pronoun[0], pronoun[1], end
    return None


def _zh_after(start: int, end: int, context: AttributionContext) -> tuple[str, int, int] | None:
    """``“…”宝玉说。`` / ``“…”王胡轻蔑的抬起眼来说。`` / ``“…，”他说，“…”``: a cue in the sentence after."""
    text = context.text
    while start < end and text[start].isspace():
        start += 1  # "“…”\n她问。": one sentence per line
    stop = min(end, start + 30)
    for at in range(start, stop):
        if text[at] in _ZH_SENTENCE_END:
            stop = at
            break
    verb = _ZH_AFTER_VERB.search(text, start, stop)
    if verb is None:
        return None
    if re.match(r"[着了]?\s*[：:]\s*$", text[verb.end() : end]):
        return None  # "少平慌忙说：" before the next speech introduces that one
    for m_start, m_end, key in context.mentions_in(start, verb.start()):
        if text[max(0, m_start - 1) : m_start] in _ZH_TO or text[m_end : m_end + 1] == "的":
            continue  # "“…”他对少安说。": 少安 is spoken to
        return key, m_start, verb.end()
    pronoun = _zh_pronoun(text, start, verb.start())
    if pronoun is not None and text[max(0, pronoun[1] - 1) : pronoun[1]] not in _ZH_TO:
        return pronoun[0], pronoun[1], verb.end()
    return None


def _zh_pronoun(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The first singular pronoun in ``text[start:end]`` (他们/我们 name a group, not a speaker)."""
    for at in range(start, end):
        if text[at] in "他她我" and text[at + 1 : at + 2] not in _ZH_NOT_PRONOUN_AFTER and text[at - 1 : at] != "其":
            return text[at], at
    return None


def _pronoun_gender(pronoun: str, context: AttributionContext) -> Gender | None:
    if pronoun == "她":
        return "female"
    if pronoun == "他":
        return None if context.he_is_neutral else "male"
    return EN_PRONOUNS.get(pronoun.lower())


def _resolve_pronoun(
    pronoun: str, cue_at: int, quote: Quote, done: list[Quote], context: AttributionContext, addressees: list[str]
) -> str | None:
    """The most recent character of fitting gender, named in narration or speaking, before the cue.

    The speaker of the quotation just before, when it stands in another paragraph, is passed over:
    a new paragraph of dialogue is a new turn.
    """
    skip = set(addressees) | {key for part in quote.parts for _, _, key in context.mentions_in(part.start, part.end)}
    return _resolve_gendered(_pronoun_gender(pronoun, context), cue_at, quote, done, context, skip)


def _resolve_gendered(
    wanted: Gender | None, cue_at: int, quote: Quote, done: list[Quote], context: AttributionContext, skip: set[str]
) -> str | None:
    """See :func:`_resolve_pronoun`: the subject of the cue's paragraph, else the most recent fit."""
    compatible = _compatible(wanted, cue_at, quote, done, context, skip)
    # the subject of the paragraph's narration ("Harriet … as agitated as Emma's. "…," she began")
    para_start = context.paragraph_at(cue_at)[0]
    for at, subject, key in compatible:
        if at < para_start:
            break
        if subject:
            return key
    # the one the previous turn spoke to by name answers ("Mr. Darcy, …" — "…," he said)
    fits = {key for _, _, key in compatible}
    if done and context.paragraph_at(done[-1].start) != context.paragraph_at(quote.start):
        if len(context.text[done[-1].end : quote.start].strip()) <= _CONVERSATION_GAP[context.language]:
            for key in done[-1].addressees:
                if key in fits:
                    return key
    chosen = _latest_not_object(compatible, context)
    if chosen is not None:
        return chosen
    return compatible[0][2] if compatible else None


def _latest_not_object(compatible: list[tuple[int, bool, str]], context: AttributionContext) -> str | None:
    """ "Her eyes fell on Jordan … “I never loved him,” she said": a woman named only after a
    preposition is rarely the "she" who speaks; the latest one named otherwise (or speaking) is."""
    for at, _, key in compatible:
        if _word_before(context.text, at, max(0, at - 24)) not in _TURNED_TO:
            return key
    return None


#: prepositions after which a name is someone looked at, turned to, spoken to ("fell on Jordan")
_TURNED_TO = frozenset("at on upon".split())


def _gendered_candidates(
    wanted: Gender | None, cue_at: int, quote: Quote, done: list[Quote], context: AttributionContext, skip: set[str]
) -> list[str]:
    """Fitting characters before the cue, most recent first, each once."""
    return list(dict.fromkeys(key for _, _, key in _compatible(wanted, cue_at, quote, done, context, skip)))


def _compatible(
    wanted: Gender | None, cue_at: int, quote: Quote, done: list[Quote], context: AttributionContext, skip: set[str]
) -> list[tuple[int, bool, str]]:
    skip = set(skip)
    narrator = context.narrator_at(quote.start)
    if narrator:
        skip.add(narrator)
    if done and not context.text[done[-1].end : quote.start].strip():
        skip.add(done[-1].speaker)  # back-to-back paragraphs of dialogue: a new turn
    candidates: list[tuple[int, bool, str]] = [
        (start, _is_subject(start, end, context), key)
        for start, end, key in context.mentions_before(cue_at, 1500)
        if not _in_quote(start, done, quote)
    ]
    candidates += [
        (q.start, True, q.speaker) for q in done[-6:] if q.speaker != UNKNOWN_SPEAKER and q.start >= cue_at - 1500
    ]
    fitting = [
        (at, subject, key)
        for at, subject, key in sorted(candidates, reverse=True)
        if key not in skip and (wanted is None or context.genders.get(key, "unknown") in (wanted, "unknown"))
    ]
    if wanted is not None:
        # "she" is someone known to be a woman before a name of unknown sex (a family, "the Luydens")
        known = [c for c in fitting if context.genders.get(c[2], "unknown") == wanted]
        fitting = known or fitting
    return fitting


def _resolve_nominal(
    nominal: Nominal, cue_at: int, quote: Quote, done: list[Quote], context: AttributionContext, addressees: list[str]
) -> str | None:
    """The character a noun phrase stands for.

    A phrase that is (part of) an alias ("the general" → "General Tilney") goes to the most recently
    named such character; else a person noun of known gender ("her mother", "the old lady") is
    resolved like a pronoun of that gender, passing over the possessor ("her" → the person whose
    mother is meant) and, among kin, preferring someone who shares the possessor's surname.
    """
    skip = set(addressees) | {key for part in quote.parts for _, _, key in context.mentions_in(part.start, part.end)}
    owners = context.nominals.owners(nominal) - skip
    if owners:
        for start, _, key in context.mentions_before(cue_at, 3000):
            if key in owners and not _in_quote(start, done, quote):
                return key
        if len(owners) == 1:
            return next(iter(owners))
    if nominal.head not in PERSON_NOUNS or nominal.determiner not in ("her", "his"):
        return None  # "a voice", "a tall man": someone not named before
    gender = PERSON_NOUNS[nominal.head]
    possessor = None
    if nominal.determiner in ("her", "his"):
        possessor = _resolve_gendered(EN_PRONOUNS[nominal.determiner], cue_at, quote, done, context, skip)
        if possessor is not None:
            skip.add(possessor)
    if possessor is not None and nominal.head in _SPOUSE_OR_PARENT:
        # "cried his wife" of Mr. Bennet: Mrs. Bennet, named before or not
        married = _married_name(possessor, _SPOUSE_OR_PARENT[nominal.head], context)
        if married is not None and married not in skip:
            return married
    ranked = _gendered_candidates(gender, cue_at, quote, done, context, skip)
    if possessor is not None:
        kin = _surnames(possessor, context)
        for key in ranked:
            if kin & _surnames(key, context):
                return key
    return ranked[0] if ranked else None


#: kin nouns that stand for the one "Mr./Mrs. <surname>" of the possessor's family
_SPOUSE_OR_PARENT = {"wife": "Mrs.", "mother": "Mrs.", "husband": "Mr.", "father": "Mr."}


def _married_name(possessor: str, title: str, context: AttributionContext) -> str | None:
    """The one other character called ``title`` + one of the possessor's surnames ("Mrs. Bennet")."""
    owners = {
        context.names.owner.get(f"{title} {surname}") or context.names.owner.get(f"{title.rstrip('.')} {surname}")
        for surname in _surnames(possessor, context)
    }
    owners.discard(None)
    owners.discard(possessor)
    return next(iter(owners)) if len(owners) == 1 else None  # type: ignore[return-value]


def _surnames(key: str, context: AttributionContext) -> set[str]:
    """The last words of a character's multi-word aliases ("Bennet" for "Mrs. Bennet")."""
    return {
        alias.split()[-1] for alias, owner in context.names.owner.items() if owner == key and len(alias.split()) > 1
    }


def _is_subject(start: int, end: int, context: AttributionContext) -> bool:
    """Whether a mention is its sentence's subject: the first name in it, not after a preposition, not "X's"."""
    text = context.text
    if context.language == "zh":
        return True
    if text[end : end + 2] in ("'s", "’s") or _word_before(text, start, max(0, start - 20)) in _OBJECT_MARKERS:
        return False
    at = start
    # a hard-wrapped paragraph ("…had any\ndispute with the Queen") goes on across its line ends
    floor = max(context.paragraph_at(start)[0], start - 300)
    while at > floor and not _ends_sentence(text, at - 1, "en") and text[at - 1] not in '"“”':
        at -= 1
    return not context.mentions_in(at, start)


def _in_quote(offset: int, done: list[Quote], quote: Quote) -> bool:
    """Whether ``offset`` is inside the words of the quotation or of one of the few before it; the
    narration between two parts ("“Ask Myrtle,” said Tom, as Mrs. Wilson entered, “…”") is not."""
    if quote.start <= offset < quote.end:
        return True
    return any(q.start <= offset < q.end and _in_parts(offset, q) for q in done[-8:])


def _in_parts(offset: int, quote: Quote) -> bool:
    if len(quote.parts) < 2:
        return True
    return any(part.start - 1 <= offset < part.end + 1 for part in quote.parts)


# -- addressees and turn-taking ----------------------------------------------------------------


def vocatives(quote: Quote, context: AttributionContext) -> list[str]:
    """Names the quotation opens or closes with ("Mr. Darcy, …", "…, Watson!", "宝玉，你…")."""
    if not quote.parts:
        return []
    text = context.text
    found: list[str] = []
    first = quote.parts[0]
    lead = _VOCATIVE_PREFIX.match(text, first.start, first.end) if context.language != "zh" else None
    opening = lead.end() if lead else first.start
    for m_start, m_end, key in context.mentions_in(opening, min(first.end, opening + 30)):
        if m_start == opening and text[m_end : m_end + 1] in (",", "!", "，", "！", "?", "？"):
            found.append(key)
        break
    if context.language != "zh":
        # "…house-hunting, Mr. Wilcox, as I told you": a name set off by commas inside the speech
        for part in quote.parts:
            for m_start, m_end, key in context.mentions_in(part.start, part.end):
                if (
                    text[m_start - 2 : m_start] == ", "
                    and not _in_nested_quote(text, quote, part.start, m_start)
                    and text[m_end : m_end + 1] in (",", "!", "?", ".")
                    and key not in found
                    and not _is_apposition(text, m_end)
                ):
                    found.append(key)
    last = quote.parts[-1]
    closing = context.mentions_in(max(last.start, last.end - 40), last.end)
    if closing:
        m_start, m_end, key = closing[-1]
        tail = text[m_end : last.end].strip()
        if (
            text[max(0, m_start - 2) : m_start].strip() in (",", "，")
            and len(tail) <= 2
            and key not in found
            and not _in_nested_quote(text, quote, last.start, m_start)
        ):
            found.append(key)
    return found


#: a quotation inside a speech in double marks opens with ‘ or with ' before a letter, and closes
#: with ’ or ' after a letter, before a non-letter (not the apostrophe of "don’t")
_NESTED_SINGLE = re.compile(r"(?P<open>(?:^|(?<=[\s“\"(—-]))[‘'](?=[A-Za-z]))|(?P<close>(?<=[^\s])[’'](?![A-Za-z]))")
_NESTED_DOUBLE = re.compile(r"(?P<open>[“]|(?:^|(?<=\s))\"(?=\S))|(?P<close>[”]|(?<=\S)\"(?!\w))")


def _in_nested_quote(text: str, quote: Quote, start: int, offset: int) -> bool:
    """Whether ``offset`` lies inside a quotation nested in the speech, whose words are someone
    else's: "‘The Church of St. Monica, John,’ she cried" told inside Holmes's story is not Holmes
    speaking to John."""
    marks = _NESTED_DOUBLE if text[quote.start : quote.start + 1] in ("‘", "'") else _NESTED_SINGLE
    depth = 0
    for mark in marks.finditer(text, start, offset):
        depth = depth + 1 if mark.group("open") else max(0, depth - 1)
    return depth > 0


#: "Lal Rao, whom we have not seen": a name followed by a relative clause is talked about, not to
_APPOSITION_AFTER = re.compile(r",\s+(?:who|whom|whose|which)\b")


def _is_apposition(text: str, end: int) -> bool:
    """Whether a name set off by commas opens a relative clause ("this butler, Lal Rao, whom we have
    not seen") rather than being spoken to."""
    return _APPOSITION_AFTER.match(text, end) is not None


def _zh_addressees(quote: Quote, context: AttributionContext, speaker: str) -> list[str]:
    """``黛玉向宝玉笑道``: a name after 向/对/问… in the cue clause is spoken to."""
    text = context.text
    start = max(0, quote.start - 30)
    found: list[str] = []
    for m_start, _, key in context.mentions_in(start, quote.start):
        if key != speaker and text[max(0, m_start - 2) : m_start].endswith(_ZH_ADDRESS_MARKS) and key not in found:
            found.append(key)
    return found


def _same_paragraph(
    quote: Quote, done: list[Quote], context: AttributionContext, addressees: list[str]
) -> _Finding | None:
    """A later quotation in the paragraph of an attributed one: one paragraph, one speaker."""
    if not done:
        return None
    previous = done[-1]
    if previous.speaker == UNKNOWN_SPEAKER or previous.speaker in addressees:
        return None
    if context.paragraph_at(previous.start) != context.paragraph_at(quote.start):
        return None
    if quote.start - previous.end > _CONVERSATION_GAP[context.language]:
        return None
    return _Finding(previous.speaker, "implicit", 0.5, None)


def _narration_subject(
    quote: Quote, done: list[Quote], following: Quote | None, context: AttributionContext, addressees: list[str]
) -> _Finding | None:
    """No cue: whoever the narration around the quotation is about.

    * the paragraph's own narration before the quotation (its last sentence), else after it
      (its first sentence): ``Jane looked at her doubtingly. "Oh, Lizzy!…"``;
    * else, for a quotation opening its paragraph, a narration paragraph just before it that ends
      in a colon, comma or dash, or whose last sentence is about one person ("Mr. Weston went on.").
    """
    text = context.text
    para_start, para_end = context.paragraph_at(quote.start)
    previous = done[-1] if done else None
    before_start = max(para_start, previous.end if previous and previous.end > para_start else para_start)
    if text[before_start : quote.start].strip():
        found = _subject_of_sentence(
            _last_sentence(text, before_start, quote.start, context.language), quote, done, context, addressees
        )
        if found is not None:
            return _Finding(found, "implicit", 0.55, None)
    after_end = min(para_end, following.start if following else para_end)
    after = text[quote.end : after_end].rstrip()
    if after.strip() and not after.endswith(("：", ":")):  # "少平慌忙说：" introduces the next speech
        found = _subject_of_sentence(
            _first_sentence(text, quote.end, after_end, context.language), quote, done, context, addressees
        )
        if found is not None:
            return _Finding(found, "implicit", 0.5, None)
    if before_start != para_start or para_start == 0:
        return None
    prev_start, prev_end = context.paragraph_at(para_start - 1)
    if prev_end > para_start or (previous is not None and previous.end > prev_start):
        return None  # the paragraph before holds a quotation: that is turn-taking's business
    sentence = _last_sentence(text, prev_start, prev_end, context.language)
    ends_open = text[prev_end - 1 : prev_end] in (":", ",", "-", "—", "：", "，")
    found = _subject_of_sentence(sentence, quote, done, context, addressees)
    if found is not None:
        return _Finding(found, "implicit", 0.55 if ends_open else 0.42, None)
    return None


def _ends_sentence(text: str, at: int, language: str) -> bool:
    if language == "zh":
        return text[at] in "。！？!?"
    return text[at] in ".!?" and not (text[at] == "." and is_abbreviation(text, at))


def _last_sentence(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    stop = end
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] in "。！？!?.\"'”’"):
        stop -= 1
    at = stop
    while at > start and not _ends_sentence(text, at - 1, language):
        at -= 1
    return at, end


def _first_sentence(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    at = start
    while at < end and (text[at].isspace() or text[at] in "。！？!?."):
        at += 1
    while at < end and not _ends_sentence(text, at, language):
        at += 1
    return start, at


def _subject_of_sentence(
    span: tuple[int, int], quote: Quote, done: list[Quote], context: AttributionContext, addressees: list[str]
) -> str | None:
    """The first character named in the sentence, or its leading he/she resolved; None when unclear."""
    start, end = span
    text = context.text
    for m_start, m_end, key in context.mentions_in(start, end):
        if _in_quote(m_start, done, quote):
            continue
        if context.language != "zh" and (
            _word_before(text, m_start, start) in _OBJECT_MARKERS or text[m_end : m_end + 2] in ("'s", "’s")
        ):
            continue  # "to Anna", "Anna's mother": not the one acting
        if key not in addressees:
            return key
        break
    if context.language == "zh":
        pronoun = _zh_pronoun(text, start, min(end, start + 6))
        who = pronoun[0] if pronoun and pronoun[0] != "我" else None
        at = pronoun[1] if pronoun else start
    else:
        match = re.match(r"\s*(?:[A-Z][a-z]+\s+)?\b([Hh]e|[Ss]he)\b", text[start:end])
        who = match.group(1) if match else None
        at = start + (match.start(1) if match else 0)
    if who is None:
        return None
    return _resolve_pronoun(who, at, quote, done, context, addressees)


def _fill_conversations(
    quotes: list[Quote], context: AttributionContext, wanted: dict[str, Gender], signed: dict[str, str] | None = None
) -> list[Quote]:
    """Turn-taking: in a conversation, an unattributed turn goes to the party whose turn it is.

    A turn is the quotations of one paragraph; turns with less than ``_CONVERSATION_GAP``
    characters of narration between them form a conversation. Each stretch of open turns is filled
    as one alternation (:func:`_fill_runs`); what is left goes, one turn at a time
    (:func:`_fill_turn`), to the person the previous turn addressed by name, the speaker two turns
    back or ahead, or the most recent other character named; a turn nothing decides is seeded from
    the narration before it (:func:`_seed`) and the conversation filled again. A turn never goes to
    someone it addresses, nor to a person of the wrong gender when an unresolved "he"/"she" cue
    said which. A turn using a speaker's signature phrase (``signed``: quote id → speaker) leans to them.
    """
    text = context.text
    result = list(quotes)
    signed = signed or {}
    turns: list[list[int]] = []
    for index, quote in enumerate(result):
        if is_quoted_term(text, quote, context.language):
            continue
        if turns:
            last = result[turns[-1][-1]]
            if context.paragraph_at(last.start) == context.paragraph_at(quote.start):
                turns[-1].append(index)
                continue
        turns.append([index])
    conversations: list[list[list[int]]] = []
    for turn in turns:
        if conversations:
            last = result[conversations[-1][-1][-1]]
            gap = text[last.end : result[turn[0]].start]
            close = len(gap.strip()) <= _CONVERSATION_GAP[context.language]
            if close and last.chapter == result[turn[0]].chapter and not _SCENE_BREAK.search(gap):
                conversations[-1].append(turn)
                continue
        conversations.append([turn])
    for conversation in conversations:
        _fill_all(result, conversation, context, wanted, signed)
        for position, turn in enumerate(conversation):
            if _turn_speaker(result, turn) != UNKNOWN_SPEAKER:
                continue
            around = (position - 1, position + 1)
            neighbours = {_turn_speaker(result, conversation[p]) for p in around if 0 <= p < len(conversation)}
            if _seed(result, turn, context, wanted, neighbours):
                _fill_all(result, conversation, context, wanted, signed)
    return result


def scene_breaks(text: str) -> list[int]:
    """Offsets of the lines that divide two scenes ("* * *", a row of dashes, "[III]")."""
    return [m.start() for m in _SCENE_BREAK.finditer(text)]


def _same_scene(text: str, start: int, end: int) -> bool:
    """Whether no scene break or chapter heading lies between two offsets."""
    return not (_SCENE_BREAK.search(text, start, end) or _CHAPTER_HEADING.search(text, start, end))


def _fill_all(
    quotes: list[Quote],
    conversation: list[list[int]],
    context: AttributionContext,
    wanted: dict[str, Gender],
    signed: dict[str, str],
) -> None:
    """Stretches of open turns first, then what is left one turn at a time, until nothing changes."""
    _fill_runs(quotes, conversation, context, wanted, signed)
    for _ in range(3):
        changed = False
        for position in range(len(conversation)):
            if _fill_turn(quotes, conversation, position, context, wanted):
                changed = True
        if not changed:
            break


def _seed(
    quotes: list[Quote], turn: list[int], context: AttributionContext, wanted: dict[str, Gender], neighbours: set[str]
) -> bool:
    """A turn nothing else decides (often the first of a conversation nobody is named in) goes to the
    latest fitting character named in the narration before it, so that turn-taking can go on from there."""
    first = quotes[turn[0]]
    named = {key for i in turn for part in quotes[i].parts for _, _, key in context.mentions_in(part.start, part.end)}
    named |= {a for i in turn for a in quotes[i].addressees}
    gender = wanted.get(first.id)
    narrator = context.narrator_at(first.start)
    for start, _, key in context.mentions_before(first.start, 2000):
        if not _same_scene(context.text, start, first.start):
            break
        if key in named or key in neighbours or _inside_any(start, quotes, turn[0]) or key == narrator:
            continue
        if gender is not None and context.genders.get(key, "unknown") not in (gender, "unknown"):
            continue
        for index in turn:
            quotes[index] = quotes[index].model_copy(
                update={"speaker": key, "attribution": "implicit", "confidence": 0.2}
            )
        return True
    if narrator is not None and narrator not in named and narrator not in neighbours:
        for index in turn:  # in a first-person book, speech nobody is named near is the narrator's
            quotes[index] = quotes[index].model_copy(
                update={"speaker": narrator, "attribution": "implicit", "confidence": 0.2}
            )
        return True
    return False


def _turn_speaker(quotes: list[Quote], turn: list[int]) -> str:
    for index in turn:
        if quotes[index].speaker != UNKNOWN_SPEAKER:
            return quotes[index].speaker
    return UNKNOWN_SPEAKER


def _fill_turn(
    quotes: list[Quote],
    conversation: list[list[int]],
    position: int,
    context: AttributionContext,
    wanted: dict[str, Gender],
) -> bool:
    turn = conversation[position]
    if any(quotes[i].speaker != UNKNOWN_SPEAKER for i in turn):
        return False
    first = quotes[turn[0]]
    addressed = {a for i in turn for a in quotes[i].addressees}
    # nobody names themselves: a character named inside the turn is not its speaker
    addressed |= {
        key for i in turn for part in quotes[i].parts for _, _, key in context.mentions_in(part.start, part.end)
    }
    gender = wanted.get(first.id)

    def fits(key: str) -> bool:
        if key == UNKNOWN_SPEAKER or key in addressed:
            return False
        have = context.genders.get(key, "unknown")
        return gender is None or have in (gender, "unknown")

    def speaker_at(offset: int) -> str:
        at = position + offset
        return _turn_speaker(quotes, conversation[at]) if 0 <= at < len(conversation) else UNKNOWN_SPEAKER

    before, before2, after, after2 = speaker_at(-1), speaker_at(-2), speaker_at(1), speaker_at(2)
    choices: list[tuple[str, float]] = []
    if before != UNKNOWN_SPEAKER:
        for addressee in quotes[conversation[position - 1][-1]].addressees:
            choices.append((addressee, 0.45))
    if before2 != before:
        choices.append((before2, 0.4))
    if after2 != after:
        choices.append((after2, 0.35))
    if position + 1 < len(conversation):
        for addressee in quotes[conversation[position + 1][0]].addressees:
            choices.append((addressee, 0.35))
    if before != UNKNOWN_SPEAKER or after != UNKNOWN_SPEAKER:
        exclude = {before, after}
        for earlier in reversed(quotes[max(0, turn[0] - 12) : turn[0]]):
            if first.start - earlier.end > 3000:
                break
            if earlier.speaker not in exclude and earlier.speaker != UNKNOWN_SPEAKER:
                choices.append((earlier.speaker, 0.3))
                break
        for start, _, key in context.mentions_before(first.start, 1500):
            if key not in exclude and not _inside_any(start, quotes, turn[0]):
                choices.append((key, 0.25))
                break
    for key, confidence in choices:
        if key not in (before, after) and fits(key):
            for index in turn:
                quotes[index] = quotes[index].model_copy(
                    update={"speaker": key, "attribution": "implicit", "confidence": confidence}
                )
            return True
    return False


def _inside_any(offset: int, quotes: list[Quote], upto: int) -> bool:
    """Whether ``offset`` lies inside one of the few quotations before ``quotes[upto]``."""
    return any(q.start <= offset < q.end for q in quotes[max(0, upto - 8) : upto + 1])


@dataclass(frozen=True)
class _PairWeights:
    """How much each piece of evidence counts when choosing the pair A B that fills a stretch of open
    turns (set by hand, checked on the tuning half of PDNC; the pair's score is their sum)."""

    named: float = 3.0  # penalty: speaking in a turn that names or addresses oneself
    gender: float = 3.0  # penalty: a gender an unresolved "he"/"she" cue ruled out
    addressed_before: float = 2.0  # the previous turn spoke to this person by name
    addressed_after: float = 1.5  # the next turn speaks to this person by name
    same_twice: float = 1.0  # penalty: the same speaker as the known turn next to the stretch
    alternates: float = 1.0  # B (or the turn before the stretch's last) is the known neighbour
    two_back: float = 1.0  # A spoke two turns before the stretch (A B A)
    two_ahead: float = 1.0  # the stretch's last turn is the one who speaks two turns after it
    recent_first: float = 0.8  # A is the latest character named in the narration before
    recent_second: float = 0.5  # B is
    recent_step: float = 0.1  # less for the second and third latest
    participant: float = 1.0  # a cue names this person as a speaker elsewhere in the conversation
    talked_about: float = 1.0  # penalty: named in a turn of the stretch without being spoken to
    signature: float = 2.0  # the turn uses a phrase only this person's sure quotations use ("old sport")


_WEIGHTS = _PairWeights()
#: how far back (characters) the most-named character of a scene is looked for
_SCENE_MEMORY = 6000


def _fill_runs(
    quotes: list[Quote],
    conversation: list[list[int]],
    context: AttributionContext,
    wanted: dict[str, Gender],
    signed: dict[str, str],
) -> None:
    """Each stretch of open turns is filled as one alternation A B A B…, the pair chosen to fit
    both ends of the stretch and every vocative in and around it."""
    speakers = [_turn_speaker(quotes, turn) for turn in conversation]
    position = 0
    while position < len(conversation):
        if speakers[position] != UNKNOWN_SPEAKER:
            position += 1
            continue
        end = position
        while end + 1 < len(conversation) and speakers[end + 1] == UNKNOWN_SPEAKER:
            end += 1
        stretch = _Stretch(quotes, conversation, speakers, position, end, context, wanted, signed)
        pair = stretch.best_pair()
        if pair is not None:
            for offset, at in enumerate(range(position, end + 1)):
                who = pair[offset % 2]
                speakers[at] = who
                update = {"speaker": who, "attribution": "implicit", "confidence": 0.4}
                for index in conversation[at]:
                    quotes[index] = quotes[index].model_copy(update=update)
        position = end + 1


class _Stretch:
    """Open turns ``first..last`` of a conversation, with what surrounds them."""

    def __init__(
        self,
        quotes: list[Quote],
        conversation: list[list[int]],
        speakers: list[str],
        first: int,
        last: int,
        context: AttributionContext,
        wanted: dict[str, Gender],
        signed: dict[str, str],
    ) -> None:
        self.quotes, self.conversation, self.first, self.size = quotes, conversation, first, last - first + 1
        self.context = context

        def speaker(at: int) -> str:
            return speakers[at] if 0 <= at < len(conversation) else UNKNOWN_SPEAKER

        self.left1, self.left2 = speaker(first - 1), speaker(first - 2)
        self.right1, self.right2 = speaker(last + 1), speaker(last + 2)
        self.named = [
            set(self.addressed(at))
            | {
                key
                for i in conversation[at]
                for part in quotes[i].parts
                for *_, key in context.mentions_in(part.start, part.end)
            }
            for at in range(first, last + 1)
        ]
        self.genders = [wanted.get(quotes[conversation[at][0]].id) for at in range(first, last + 1)]
        self.signed = [
            next((signed[quotes[i].id] for i in conversation[at] if quotes[i].id in signed), None)
            for at in range(first, last + 1)
        ]
        self.start = quotes[conversation[first][0]].start
        self.recent = self._recently_named()
        # who a cue shows taking part in the conversation, outside the stretch
        self.participants = {
            quotes[i].speaker
            for turn in conversation
            for i in turn
            if quotes[i].speaker != UNKNOWN_SPEAKER and quotes[i].confidence >= 0.5
        }
        self.narrator = context.narrator_at(self.start)
        if self.narrator:
            self.participants.add(self.narrator)  # the narrator takes part in what they report
        addressed_here = {a for at in range(first, last + 1) for a in self.addressed(at)}
        self.talked_about = set().union(*self.named) - addressed_here

    def addressed(self, at: int) -> list[str]:
        """Whom turn ``at`` speaks to by name (nobody outside the conversation)."""
        if not 0 <= at < len(self.conversation):
            return []
        return [a for i in self.conversation[at] for a in self.quotes[i].addressees]

    def _recently_named(self) -> list[str]:
        """The three latest characters named in the narration before the stretch, in its scene."""
        recent: list[str] = []
        upto = self.conversation[self.first][0]
        for at, _, key in self.context.mentions_before(self.start, 1500):
            if not _same_scene(self.context.text, at, self.start):
                break
            if not _inside_any(at, self.quotes, upto) and key not in recent:
                recent.append(key)
                if len(recent) == 3:
                    break
        return recent

    def candidates(self) -> list[str]:
        """Who may take part: the neighbours' speakers, whom the turns address, the latest named
        characters, the latest speakers of the scene, and the narrator."""
        found = [self.left1, self.left2, self.right1, self.right2, *self.addressed(self.first - 1)]
        found += self.addressed(self.first + self.size)
        for at in range(self.first, self.first + self.size):
            found.extend(self.addressed(at))
        found.extend(self.recent)
        upto = self.conversation[self.first][0]
        for earlier in reversed(self.quotes[max(0, upto - 12) : upto]):
            if earlier.chapter != self.quotes[upto].chapter or not _same_scene(
                self.context.text, earlier.end, self.start
            ):
                break
            found.append(earlier.speaker)
        if self.narrator:
            found.append(self.narrator)
        found.extend(self._regular_speakers(upto))
        return [key for key in dict.fromkeys(found) if key != UNKNOWN_SPEAKER]

    def _regular_speakers(self, upto: int) -> list[str]:
        """The two who spoke most, by a cue, in the chapter's last 40 quotations before the stretch,
        and the two most named in its scene's last pages: a long exchange between the same two
        people ("Holmes" and "I") may name nobody for pages."""
        chapter = self.quotes[upto].chapter
        counts: dict[str, int] = {}
        for earlier in reversed(self.quotes[max(0, upto - 40) : upto]):
            if earlier.chapter != chapter or not _same_scene(self.context.text, earlier.end, self.start):
                break
            if earlier.confidence >= 0.5 and earlier.speaker != UNKNOWN_SPEAKER:
                counts[earlier.speaker] = counts.get(earlier.speaker, 0) + 1
        named: dict[str, int] = {}
        for at, _, key in self.context.mentions_before(self.start, _SCENE_MEMORY):
            if not _same_scene(self.context.text, at, self.start):
                break
            if key != self.narrator:
                named[key] = named.get(key, 0) + 1
        regular = sorted(counts, key=lambda key: -counts[key])[:2]
        return regular + sorted(named, key=lambda key: -named[key])[:2]

    def score(self, a: str, b: str) -> float:
        """How well "A B A B…" fits the stretch (see :class:`_PairWeights`)."""
        w, total = _WEIGHTS, 0.0
        for offset in range(self.size):
            who, at = (a if offset % 2 == 0 else b), self.first + offset
            if who in self.named[offset]:
                total -= w.named
            gender = self.genders[offset]
            if gender is not None and self.context.genders.get(who, "unknown") not in (gender, "unknown"):
                total -= w.gender
            if who == self.signed[offset]:
                total += w.signature
            if who in self.addressed(at - 1):
                total += w.addressed_before
            if who in self.addressed(at + 1):
                total += w.addressed_after
        tail = a if (self.size - 1) % 2 == 0 else b
        other = b if tail == a else a
        total -= w.same_twice * ((a == self.left1) + (tail == self.right1))
        if self.size > 1:
            total += w.alternates * ((b == self.left1) + (self.right1 != UNKNOWN_SPEAKER and other == self.right1))
        if a == self.left2 and a != self.left1:
            total += w.two_back
        if self.right2 != UNKNOWN_SPEAKER and tail == self.right2 and tail != self.right1:
            total += w.two_ahead
        if a in self.recent:
            total += w.recent_first - w.recent_step * self.recent.index(a)
        if b in self.recent and self.size > 1:
            total += w.recent_second - w.recent_step * self.recent.index(b)
        for who in (a, b) if self.size > 1 else (a,):
            if who in self.participants:
                total += w.participant
            if who in self.talked_about:
                total -= w.talked_about
        return total

    def best_pair(self) -> tuple[str, str] | None:
        """The best-scoring pair; ties go to the candidates listed first. B is unused for one turn."""
        candidates = self.candidates()
        best: tuple[float, int, tuple[str, str]] | None = None
        for rank_a, a in enumerate(candidates):
            for rank_b, b in enumerate(candidates if self.size > 1 else [UNKNOWN_SPEAKER]):
                if a == b:
                    continue
                key = (self.score(a, b), -(rank_a + rank_b), (a, b))
                if best is None or key[:2] > best[:2]:
                    best = key
        return best[2] if best is not None else None
