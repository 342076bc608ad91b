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
from microdrama.analyze.quotes import is_quoted_term
from microdrama.model import UNKNOWN_SPEAKER, Quote
from microdrama.model.story import AttributionType, Gender

_EN_VERB = re.compile(r"\b(?:" + "|".join(sorted(EN_SPEECH_VERBS, key=len, reverse=True)) + r")\b")
_EN_PRONOUN_OR_I = re.compile(r"\b(he|she|I)\b")
_ZH_VERB = re.compile("(?:" + "|".join(ZH_SPEECH_VERBS) + r")[着了]?\s*[：:，,]?\s*$")
_ZH_ANY_VERB = re.compile("(?:" + "|".join(ZH_SPEECH_VERBS) + ")")
_ZH_SENTENCE_END = frozenset("。！？!?“”\n")
_EN_CLAUSE_END = re.compile(r"[.!?;]")
_ZH_CLAUSE_BREAK = "。！？!?”」』\n"
_ZH_ADDRESS_MARKS = ("向", "对", "和", "与", "问", "叫", "告诉", "拉着", "望着", "看着")
_VOCATIVE_PREFIX = re.compile(r"(?:(?:oh|ah|my dear|dear|my|well|now|come|yes|no|and|but|pray)[,!]?\s+)*", re.IGNORECASE)
#: the longest stretch of narration between two quotes of one conversation
_CONVERSATION_GAP = 400


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
    #: whether 他 is used for women too (older Chinese texts), so it carries no gender
    he_is_neutral: bool = False
    _mention_starts: list[int] = field(default_factory=list, repr=False)
    _paragraph_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._mention_starts = [m[0] for m in self.mentions]
        self._paragraph_starts = [p[0] for p in self.paragraphs]

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
    """Deterministic rules: explicit cue → pronoun → turn-taking → unknown."""

    def attribute(self, quotes: list[Quote], context: AttributionContext) -> list[Quote]:
        """See :meth:`Attributor.attribute`."""
        result: list[Quote] = []
        for index, quote in enumerate(quotes):
            if is_quoted_term(context.text, quote, context.language):
                result.append(quote.model_copy(update={"speaker": UNKNOWN_SPEAKER, "attribution": "unknown", "confidence": 0.0}))
                continue
            following = quotes[index + 1] if index + 1 < len(quotes) else None
            addressees = vocatives(quote, context)
            finding = _explicit(quote, result, following, context, addressees)
            if finding is None:
                finding = _turn_taking(quote, result, context, addressees)
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
        return _fill_exchanges(result, context)


# -- explicit and pronoun cues -----------------------------------------------------------------


def _narration_windows(
    quote: Quote, previous: Quote | None, following: Quote | None, context: AttributionContext
) -> tuple[tuple[int, int], list[tuple[int, int]], tuple[int, int]]:
    """Narration just before the quote, between its parts, and just after it (same paragraph)."""
    para_start, _ = context.paragraph_at(quote.start)
    _, para_end = context.paragraph_at(max(quote.end - 1, quote.start))
    before_start = max(para_start, previous.end if previous else 0, quote.start - 200)
    if not context.text[before_start : quote.start].strip() and para_start > 0:
        # "喝道：\n\n“阿Ｑ，你……”": a cue ending in a colon introduces the next paragraph
        prev_start, prev_end = context.paragraph_at(para_start - 1)
        if prev_end <= para_start and context.text[prev_end - 1 : prev_end] in ("：", ":"):
            before_start = max(prev_start, previous.end if previous else 0, prev_end - 200)
            return (before_start, prev_end), [], _after_window(quote, following, context, para_end)
    return (before_start, quote.start), _gaps(quote), _after_window(quote, following, context, para_end)


def _gaps(quote: Quote) -> list[tuple[int, int]]:
    return [(a.end + 1, b.start - 1) for a, b in zip(quote.parts, quote.parts[1:], strict=False) if b.start - a.end < 300]


def _after_window(quote: Quote, following: Quote | None, context: AttributionContext, para_end: int) -> tuple[int, int]:
    after_end = min(para_end, following.start if following else len(context.text), quote.end + 200)
    return (quote.end, max(after_end, quote.end))




def _explicit(
    quote: Quote, done: list[Quote], following: Quote | None, context: AttributionContext, addressees: list[str]
) -> _Finding | None:
    previous = done[-1] if done else None
    before, gaps, after = _narration_windows(quote, previous, following, context)
    if context.language == "zh":
        finders = [(_zh_before, before), *((_zh_after, g) for g in gaps), (_zh_after, after)]
    else:
        finders = [*((_en_after, g) for g in gaps), (_en_after, after), (_en_before, before)]
    for finder, (start, end) in finders:
        if end <= start:
            continue
        found = finder(start, end, context)
        if found is None:
            continue
        who, cue_start, cue_end = found
        cue = " ".join(context.text[cue_start:cue_end].split())
        if who in ("he", "she", "他", "她"):
            resolved = _resolve_pronoun(who, cue_start, quote, done, context, addressees)
            if resolved is None:
                return _Finding(UNKNOWN_SPEAKER, "unknown", 0.0, cue)
            return _Finding(resolved, "anaphoric", 0.7, cue)
        if who in ("I", "我"):
            if context.narrator is None:
                return _Finding(UNKNOWN_SPEAKER, "unknown", 0.0, cue)
            return _Finding(context.narrator, "anaphoric", 0.75, cue)
        return _Finding(who, "explicit", 0.9, cue)
    return None


def _en_after(start: int, end: int, context: AttributionContext) -> tuple[str, int, int] | None:
    """``"…," said Elizabeth`` / ``"…," Elizabeth replied`` / ``"…," he said``: a cue opening the narration."""
    text = context.text
    clause_end = _EN_CLAUSE_END.search(text, start, end)
    stop = clause_end.start() if clause_end else end
    verb = _EN_VERB.search(text, start, min(stop, start + 60))
    if verb is None:
        return None
    # a name right after the verb ("said Mr. Darcy", "said the King")
    for m_start, m_end, key in context.mentions_in(verb.end(), min(stop, verb.end() + 12)):
        between = text[verb.end() : m_start]
        if between.strip() in ("", "the"):
            return key, verb.start(), m_end
    # a name right before the verb ("Elizabeth replied", "Holmes quietly answered")
    for m_start, m_end, key in context.mentions_in(start, verb.start()):
        between = text[m_end : verb.start()]
        if len(between) <= 14 and not any(ch in between for ch in ",;:"):
            return key, m_start, verb.end()
    pronoun = _EN_PRONOUN_OR_I.search(text, max(start, verb.start() - 6), min(stop, verb.end() + 5))
    if pronoun is not None:
        return pronoun.group(), min(pronoun.start(), verb.start()), max(pronoun.end(), verb.end())
    return None


def _en_before(start: int, end: int, context: AttributionContext) -> tuple[str, int, int] | None:
    """``Elizabeth said, "…"`` / ``Then he cried: "…"``: a cue closing the narration before the quote."""
    text = context.text
    tail_start = max(start, end - 80)
    for boundary in _EN_CLAUSE_END.finditer(text, tail_start, end):
        if end - boundary.end() > 3:
            tail_start = boundary.end()
    verbs = list(_EN_VERB.finditer(text, tail_start, end))
    if not verbs or end - verbs[-1].end() > 12:
        return None
    verb = verbs[-1]
    candidates = context.mentions_in(tail_start, verb.start())
    if candidates:
        m_start, _, key = candidates[-1]
        return key, m_start, verb.end()
    after = context.mentions_in(verb.end(), end)
    if after:
        return after[0][2], verb.start(), after[0][1]
    pronoun = None
    for found in _EN_PRONOUN_OR_I.finditer(text, tail_start, verb.end() + 5):
        pronoun = found
    if pronoun is not None:
        return pronoun.group(), pronoun.start(), verb.end()
    return None


def _zh_before(start: int, end: int, context: AttributionContext) -> tuple[str, int, int] | None:
    """``宝玉笑道：“…”`` / ``黛玉听了，冷笑道：“…”``: the subject of the clause that ends in a speech verb."""
    text = context.text
    clause_start = start
    for at in range(end - 1, start - 1, -1):
        if text[at] in _ZH_CLAUSE_BREAK:
            clause_start = at + 1
            break
    if _ZH_VERB.search(text, clause_start, end) is None:
        return None
    names = context.mentions_in(clause_start, end)
    if names:
        return names[0][2], names[0][0], end
    pronoun = _zh_pronoun(text, clause_start, end)
    if pronoun is not None:
        return pronoun[0], pronoun[1], end
    return None


def _zh_after(start: int, end: int, context: AttributionContext) -> tuple[str, int, int] | None:
    """``“…”宝玉说。`` / ``“…”王胡轻蔑的抬起眼来说。`` / ``“…，”他说，“…”``: a cue in the sentence after."""
    text = context.text
    stop = min(end, start + 30)
    for at in range(start, stop):
        if text[at] in _ZH_SENTENCE_END:
            stop = at
            break
    verb = _ZH_ANY_VERB.search(text, start, stop)
    if verb is None:
        return None
    names = context.mentions_in(start, verb.start())
    if names:
        return names[0][2], names[0][0], verb.end()
    pronoun = _zh_pronoun(text, start, verb.start())
    if pronoun is not None:
        return pronoun[0], pronoun[1], verb.end()
    return None


def _zh_pronoun(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The first singular pronoun in ``text[start:end]`` (他们/我们 name a group, not a speaker)."""
    for at in range(start, end):
        if text[at] in "他她我" and text[at + 1 : at + 2] != "们":
            return text[at], at
    return None


def _resolve_pronoun(
    pronoun: str, cue_at: int, quote: Quote, done: list[Quote], context: AttributionContext, addressees: list[str]
) -> str | None:
    """The most recent character of fitting gender, named in narration or speaking, before the cue.

    The speaker of the quotation just before, when it stands in another paragraph, is passed over:
    a new paragraph of dialogue is a new turn.
    """
    if pronoun == "她":
        wanted: Gender | None = "female"
    elif pronoun == "他":
        wanted = None if context.he_is_neutral else "male"
    else:
        wanted = EN_PRONOUNS.get(pronoun.lower())
    skip = set(addressees)
    if context.narrator:
        skip.add(context.narrator)
    if done and not context.text[done[-1].end : quote.start].strip():
        skip.add(done[-1].speaker)  # back-to-back paragraphs of dialogue: a new turn
    candidates: list[tuple[int, str]] = [
        (start, key) for start, _, key in context.mentions_before(cue_at, 1500) if not _in_quote(start, done, quote)
    ]
    candidates += [(q.start, q.speaker) for q in done[-6:] if q.speaker != UNKNOWN_SPEAKER and q.start >= cue_at - 1500]
    for _, key in sorted(candidates, reverse=True):
        if key in skip:
            continue
        gender = context.genders.get(key, "unknown")
        if wanted is None or gender in (wanted, "unknown"):
            return key
    return None


def _in_quote(offset: int, done: list[Quote], quote: Quote) -> bool:
    if quote.start <= offset < quote.end:
        return True
    return any(q.start <= offset < q.end for q in done[-8:])


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
    last = quote.parts[-1]
    closing = context.mentions_in(max(last.start, last.end - 40), last.end)
    if closing:
        m_start, m_end, key = closing[-1]
        tail = text[m_end : last.end].strip()
        if text[max(0, m_start - 2) : m_start].strip() in (",", "，") and len(tail) <= 2 and key not in found:
            found.append(key)
    return found


def _zh_addressees(quote: Quote, context: AttributionContext, speaker: str) -> list[str]:
    """``黛玉向宝玉笑道``: a name after 向/对/问… in the cue clause is spoken to."""
    text = context.text
    start = max(0, quote.start - 30)
    found: list[str] = []
    for m_start, _, key in context.mentions_in(start, quote.start):
        if key != speaker and text[max(0, m_start - 2) : m_start].endswith(_ZH_ADDRESS_MARKS) and key not in found:
            found.append(key)
    return found


def _turn_taking(quote: Quote, done: list[Quote], context: AttributionContext, addressees: list[str]) -> _Finding | None:
    """No cue: the same speaker within a paragraph, else the other party of a two-person exchange."""
    if not done:
        return None
    previous = done[-1]
    if quote.start - previous.end > _CONVERSATION_GAP:
        return None
    if context.paragraph_at(previous.start) == context.paragraph_at(quote.start) and previous.speaker != UNKNOWN_SPEAKER:
        if previous.speaker not in addressees:
            return _Finding(previous.speaker, "implicit", 0.4, None)
    if previous.speaker != UNKNOWN_SPEAKER:
        # the other party: the last different speaker of this conversation
        later = previous
        for before in reversed(done[-5:-1]):
            if later.start - before.end > _CONVERSATION_GAP:
                break
            if before.speaker not in (UNKNOWN_SPEAKER, previous.speaker) and before.speaker not in addressees:
                return _Finding(before.speaker, "implicit", 0.35, None)
            later = before
    for addressee in previous.addressees:
        if addressee != previous.speaker and addressee not in addressees:
            return _Finding(addressee, "implicit", 0.3, None)
    return None


def _fill_exchanges(quotes: list[Quote], context: AttributionContext) -> list[Quote]:
    """Rapid two-person exchanges ("“Stolen.”" / "“My own seal.”" / "“Imitated.”"): alternate speakers.

    A run is a series of quotations with nothing but line breaks between them. When its known
    speakers are exactly two people, every unknown turn gets the party its distance from the
    nearest known turn implies.
    """
    text = context.text
    result = list(quotes)
    index = 0
    while index < len(result):
        end = index + 1
        while end < len(result) and not text[result[end - 1].end : result[end].start].strip():
            end += 1
        run = list(range(index, end))
        index = end
        speakers = {result[i].speaker for i in run if result[i].speaker != UNKNOWN_SPEAKER}
        if len(run) < 3 or len(speakers) != 2:
            continue
        known = [i for i in run if result[i].speaker != UNKNOWN_SPEAKER]
        for i in run:
            if result[i].speaker != UNKNOWN_SPEAKER or is_quoted_term(text, result[i], context.language):
                continue
            anchor = min(known, key=lambda k: (abs(k - i), k))
            same = (i - anchor) % 2 == 0
            speaker = result[anchor].speaker if same else next(iter(speakers - {result[anchor].speaker}))
            if speaker in result[i].addressees:
                continue
            result[i] = result[i].model_copy(update={"speaker": speaker, "attribution": "implicit", "confidence": 0.3})
    return result
