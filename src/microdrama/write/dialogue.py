"""Speeches from quotations: cue name, tone parenthetical, and long speeches cut to whole sentences.

Dialogue is never invented. Every speech is a quotation's words, whitespace normalised, with a
trailing comma dropped, and — when the speech is longer than the writer's budget — only its first
sentences; the span it keeps is recorded, so the line can be found in the book.

A quotation whose speaker the analysis could not find is not written by the episode writer (``microdrama
check`` rejects dialogue by an unknown speaker); :func:`make_speech` still gives it the generic cue
(``VOICE`` / ``声音``) for callers that want it, with an empty ``character_id``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from microdrama.adapt.excerpts import split_sentences
from microdrama.adapt.spoken import _TRAILING, spoken_text
from microdrama.model import UNKNOWN_SPEAKER, Character, Quote, Source
from microdrama.text.speech_rate import LONG_SPEECH_MS, is_chinese, speech_ms

#: cue of a speech whose speaker is unknown, by script language
UNKNOWN_CUE = {"en": "VOICE", "zh-Hans": "声音", "zh-Hant": "聲音"}

# Tone words of speech tags, longest first so 冷笑道 gives 冷笑 rather than 笑.
_ZH_TONES = (
    "冷笑", "微笑", "苦笑", "含笑", "哭着", "低声", "低聲", "大声", "大聲", "轻声", "輕聲", "悄悄", "冷冷",
    "笑", "哭", "叹", "嘆", "怒", "喝", "骂", "罵", "嚷", "喊", "叫", "急", "忙", "哼",
)  # fmt: skip
_EN_ADVERB = re.compile(r"\b([A-Za-z]{3,}ly)\b")
_EN_PARTICIPLE = re.compile(r",\s*([a-z]{3,}ing)\b")
_NOT_ADVERBS = frozenset(
    "only early family really likely reply rely apply supply july lily emily molly sally polly kelly billy "
    "nelly jelly bully ally italy holy ugly daily belly silly fly homely kindly".split()
)
_CLAUSE_END = re.compile(r"[,，;；:：—、]+")


@dataclass(frozen=True)
class Speech:
    """A speech ready for the script, with the source span its words come from."""

    cue: str
    character_id: str | None
    text: str
    parenthetical: str | None
    start: int
    end: int
    condensed: bool


def cue_name(character: Character | None, language: str) -> str:
    """The character cue: the cast name (upper case in English scripts), or the generic unknown cue.

    >>> cue_name(Character(id="c1", name="Mr. Darcy"), "en"), cue_name(None, "zh-Hant")
    ('MR. DARCY', '聲音')
    """
    if character is None:
        return UNKNOWN_CUE.get(language, UNKNOWN_CUE["zh-Hans" if is_chinese(language) else "en"])
    return character.name if is_chinese(language) else character.name.upper()


def tone(tag: str, language: str) -> str | None:
    """A parenthetical from a speech tag: an adverb ('angrily'), a participle ('smiling'), 笑/怒/低声….

    >>> tone("said Captain Vane coldly", "en"), tone("said Tom, smiling", "en"), tone("赵掌柜冷笑道", "zh")
    ('coldly', 'smiling', '冷笑')
    >>> tone("said Lily", "en") is None
    True
    """
    if is_chinese(language):
        return next((word for word in _ZH_TONES if word in tag), None)
    for match in _EN_ADVERB.finditer(tag):
        if match.group(1).lower() not in _NOT_ADVERBS and not match.group(1)[0].isupper():
            return match.group(1).lower()
    participle = _EN_PARTICIPLE.search(tag)
    return participle.group(1) if participle else None


def speech_tag(quote: Quote, source: Source, language: str) -> str:
    """The narration that tags the quote: its ``cue`` if the analysis found one, else the text just
    around it (up to the end of the sentence after it; in Chinese also the words just before it)."""
    if quote.cue:
        return quote.cue
    text = source.text
    after = text[quote.end : min(len(text), quote.end + 60)]
    after = re.split(r"[.!?。！？“\"\n]", after, maxsplit=1)[0]
    if is_chinese(language):
        before = text[max(0, quote.start - 12) : quote.start]
        before = re.split(r"[。！？”\"\n]", before)[-1]
        return before + after
    return after


def condense(text: str, language: str, budget_ms: int = LONG_SPEECH_MS) -> str:
    """Whole sentences from the start while they fit ``budget_ms`` of speech (at least the first one);
    a first sentence far over budget is cut after its last clause that fits. The result is always a
    prefix of ``text``, so its span in the book is known.

    >>> condense("One. Two. Three.", "en", budget_ms=1200)
    'One. Two.'
    >>> condense("One two three four, five six seven eight, nine ten eleven twelve.", "en", budget_ms=2000)
    'One two three four,'
    """
    if speech_ms(text, language) <= budget_ms:
        return text
    kept = ""
    for sentence in split_sentences(text, language):
        joined = (kept + sentence) if is_chinese(language) else (f"{kept} {sentence}" if kept else sentence)
        if kept and speech_ms(joined, language) > budget_ms:
            break
        kept = joined
    kept = kept or text
    if speech_ms(kept, language) > budget_ms * 1.25:
        cut = 0
        for match in _CLAUSE_END.finditer(kept):
            if speech_ms(kept[: match.end()], language) > budget_ms:
                break
            cut = match.end()
        if cut:
            kept = kept[:cut].rstrip()
    return kept


def prefix_end(source_text: str, quote: Quote, prefix: str) -> int:
    """Offset one past where ``prefix`` (quote words, whitespace normalised) ends in the quote's parts.

    Falls back to the end of the quotation when the words do not line up with the text.
    """
    parts = quote.parts or []
    if not parts:
        return quote.end
    wanted = [c for c in prefix if not c.isspace()]
    position = 0
    for part in parts:
        for offset in range(part.start, part.end):
            char = source_text[offset]
            if char.isspace():
                continue
            if position >= len(wanted) or char != wanted[position]:
                return quote.end
            position += 1
            if position == len(wanted):
                return offset + 1
    return parts[-1].end


def _is_fragment(words: str, language: str) -> bool:
    """A single quoted word or character without a stop — a title or a term in quotation marks
    ("apology", "Hunsford"), not a line of dialogue.

    >>> _is_fragment("apology", "en"), _is_fragment("No.", "en"), _is_fragment("Help!", "en"), _is_fragment("好", "zh")
    (True, False, False, True)
    """
    if words[-1] in ".!?…。！？—-":
        return False
    return len(words) <= 1 if is_chinese(language) else len(words.split()) <= 1


_EN_LEAD = re.compile(r"^(?:--|[—–-])+\s*")


def whole_start(words: str, language: str) -> str:
    """A speech that opens mid-sentence — the book's quotation continues its narration ("“and what is
    the use of a book,” thought Alice") or an interruption ("--but I shall have to ask") — opens as a
    sentence of its own: the dash goes, the first word takes its capital.

    >>> whole_start("and what is the use of a book, without pictures?", "en")
    'And what is the use of a book, without pictures?'
    >>> whole_start("--but I shall have to ask them.", "en"), whole_start("…oh no.", "en")
    ('But I shall have to ask them.', '…Oh no.')
    """
    if is_chinese(language) or not words:
        return words
    words = _EN_LEAD.sub("", words)
    lead = len(words) - len(words.lstrip("…'\"‘“ "))
    if words[lead : lead + 1].islower():
        words = words[:lead] + words[lead].upper() + words[lead + 1 :]
    return words


def make_speech(
    quote: Quote, speaker: Character | None, source: Source, language: str, *, budget_ms: int = LONG_SPEECH_MS
) -> Speech | None:
    """The speech for ``quote`` (None when the quotation holds no words)."""
    words = spoken_text(quote, source, language)
    if not words or _is_fragment(words, language):
        return None
    kept = condense(words, language, budget_ms)
    start = quote.parts[0].start if quote.parts else quote.start
    end = prefix_end(source.text, quote, kept)
    condensed = kept != words
    if condensed and _TRAILING.search(kept):  # cut after a clause: the speech trails off, never on a comma
        kept = _TRAILING.sub("", kept) + ("……" if is_chinese(language) else "…")
    kept = whole_start(kept, language)  # after its span is found: the book's words as they stand
    known = speaker if quote.speaker != UNKNOWN_SPEAKER else None
    return Speech(
        cue=cue_name(known, language),
        character_id=known.id if known else None,
        text=kept,
        parenthetical=tone(speech_tag(quote, source, language), language),
        start=start,
        end=end,
        condensed=condensed,
    )
