"""Find quotations in the story chapters: marks, nesting, interruptions and multi-paragraph speeches.

Marks recognised: “…”, "…", ‘…’, '…', 「…」, 『…』, «…» and »…«, and dash dialogue (a paragraph
opening with "—", as in French, Spanish and Russian books). A quotation nested inside another
belongs to the outer one. Books that quote with single marks (‘…’ or '…', as in many British
editions) are detected by counting; there an apostrophe — inside a word (don’t), opening an
elision ('tis, 'em) or closing a plural possessive (the boys' room) — never opens or closes a
quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from microdrama.analyze.lexicons import EN_SPEECH_VERBS, ZH_SPEECH_VERB_ENDS
from microdrama.ingest.layout import paragraphs, story_layout
from microdrama.model import Quote, Source, Span

_MARKS = re.compile(r"[“”\"‘’'「」『』«»]")
_OPENERS = frozenset('“"‘「『«')
#: closing mark of each opening mark (» opens a German »…«)
_CLOSER = {"“": "”", '"': '"', "‘": "’", "「": "」", "『": "』", "«": "»", "»": "«", "'": "'"}
#: words that open with an apostrophe standing for left-out letters ('tis, 'em), not a quotation
_ELISIONS = frozenset(
    "tis twas twere twill twould em im er ere un ee n nt round cause cos coz bout fore gainst neath til till "
    "tween twixt scuse spose s d ll ve re m t".split()
)
#: a dash opening a paragraph of dialogue ("— Où vas-tu ? — dit-il.")
_DASH_OPENING = re.compile(r"[—―–](?![—―–])\s*(?=\S)")
_DASH_INSIDE = re.compile(r"\s[—―–](?![—―–])\s*")
#: how far narration between two quotations may run and still interrupt one utterance
_MAX_INTERRUPTION = 160
_WORD = re.compile(r"[A-Za-z]+")
_BLANK_LINE = re.compile(r"\n[ \t\r\u3000]*\n|\r[ \t\u3000]*\r")
_NON_TERMINAL_END = frozenset(",，、—–-:：;；")
_TERMINAL = frozenset(".!?。！？…")


@dataclass
class QuoteDraft:
    """A quotation while it is being assembled: outer span, inner parts and where it lies."""

    start: int
    end: int
    parts: list[tuple[int, int]]
    paragraph: int
    closed: bool = True
    interrupted: bool = False
    mark: str = "“"
    last_paragraph: int = -1
    chapter: int | None = None

    def __post_init__(self) -> None:
        if self.last_paragraph < 0:
            self.last_paragraph = self.paragraph


def uses_single_quotes(text: str) -> bool:
    """Whether the book quotes speech with ‘…’ rather than “…” or "…".

    >>> uses_single_quotes("‘Oh dear!’ said the Rabbit. ‘I shall be late!’")
    True
    >>> uses_single_quotes("“It’s late,” he said.")
    False
    """
    doubles = text.count("“") + text.count('"') // 2 + text.count("«") + text.count("「")
    singles = sum(1 for m in re.finditer("‘", text) if m.start() == 0 or not text[m.start() - 1].isalnum())
    singles += sum(1 for m in re.finditer("'", text) if _ascii_opens(text, m.start(), len(text)))
    return singles > doubles


def uses_dash_dialogue(text: str, paras: list[tuple[int, int]]) -> bool:
    """Whether the book marks speech with a dash opening the paragraph, not with quotation marks.

    >>> uses_dash_dialogue("— Tu viens ? dit-il. — Non. Il partit.", [(0, 20), (21, 27), (28, 38)])
    True
    """
    dashed = sum(1 for a, b in paras if _DASH_OPENING.match(text, a, b))
    marked = sum(1 for a, b in paras if _MARKS.search(text, a, b))
    return dashed >= 2 and dashed > marked


def find_quotes(source: Source) -> list[Quote]:
    """Every quotation in the story chapters of ``source``, in text order, not yet attributed.

    Front and back matter are skipped. Ids are ``q00001``… in text order.
    """
    text = source.text
    language = "zh" if source.language == "zh" else "en"
    story = source.body_chapters()
    single = uses_single_quotes("".join(text[c.body_start : c.end] for c in story[:40]))
    layout = story_layout(source)
    chapter_paras = [paragraphs(text, c.body_start, c.end, layout=layout) for c in story]
    dashes = language != "zh" and uses_dash_dialogue(text, [p for paras in chapter_paras[:40] for p in paras])
    drafts: list[QuoteDraft] = []
    for chapter, paras in zip(story, chapter_paras, strict=True):
        found = _scan_chapter(text, paras, single=single, dashes=dashes)
        found = _join_paragraphs(text, found, paras)
        found = _join_interrupted(text, found, language)
        for draft in found:
            draft.chapter = chapter.index
        drafts.extend(found)
    return [_to_quote(text, draft, number, language) for number, draft in enumerate(drafts, start=1)]


def is_quoted_term(text: str, quote: Quote, language: str) -> bool:
    """Cheap test for a quoted word or title inside narration (“立言”, the word "cynicism"), not speech.

    True when the quotation is short, has no sentence punctuation inside, and sits mid-sentence
    without a speech verb or colon before it.
    """
    inner = quote.text
    if language == "zh":
        if len(inner) > 8 or any(ch in _TERMINAL for ch in inner):
            return False
    elif len(inner.split()) > 4 or any(ch in "!?" for ch in inner) or inner.rstrip().endswith((".", ",")):
        return False
    before = text[max(0, quote.start - 12) : quote.start].rstrip()
    if not before:
        return False
    last = before[-1]
    if language == "zh":
        after = text[quote.end : quote.end + 1]
        if last in "：:" or last in ZH_SPEECH_VERB_ENDS:
            return False
        # “立言”的人 / 偏称他“假洋鬼子” / “列传”么: the quotation sits inside a sentence
        return _is_cjk(last) or _is_cjk(after)
    if not last.isalpha():
        return False
    words = _WORD.findall(before)
    return not words or words[-1].lower() not in EN_SPEECH_VERBS


# -- scanning ------------------------------------------------------------------------------------


def _scan_chapter(text: str, paras: list[tuple[int, int]], *, single: bool, dashes: bool = False) -> list[QuoteDraft]:
    drafts: list[QuoteDraft] = []
    for number, (para_start, para_end) in enumerate(paras):
        if dashes and _DASH_OPENING.match(text, para_start, para_end):
            drafts.append(_dash_speech(text, para_start, para_end, number))
            continue
        drafts.extend(_scan_paragraph(text, para_start, para_end, number, single=single))
    return drafts


def _dash_speech(text: str, start: int, end: int, number: int) -> QuoteDraft:
    """``— Non, dit-il, — pas ce soir.``: the speech runs from the dash to the next dash that opens a
    narrator's tag, and resumes after a tag that ends with a dash."""
    opening = _DASH_OPENING.match(text, start, end)
    assert opening is not None
    parts: list[tuple[int, int]] = []
    cursor = opening.end()
    speaking = True
    for dash in _DASH_INSIDE.finditer(text, cursor, end):
        if speaking:
            parts.append((cursor, dash.start()))
        cursor = dash.end()
        speaking = not speaking
    if speaking:
        parts.append((cursor, end))
    parts = [(a, b) for a, b in parts if b > a] or [(opening.end(), end)]
    return QuoteDraft(start, parts[-1][1], parts, number, mark="—")


def _scan_paragraph(text: str, start: int, end: int, number: int, *, single: bool) -> list[QuoteDraft]:
    drafts: list[QuoteDraft] = []
    opener = ""
    open_at = -1
    depth = 0
    for match in _MARKS.finditer(text, start, end):
        mark = match.group()
        at = match.start()
        if mark == "'" and not single:
            continue  # an apostrophe in a book that quotes otherwise
        if not opener:
            if mark == "‘" and not _word_start(text, at):
                continue
            if mark == "'" and not _ascii_opens(text, at, end):
                continue
            if mark in _OPENERS or mark == "'" or (mark == "»" and text[at + 1 : at + 2].isalnum()):
                opener, open_at, depth = mark, at, 0
            continue
        closer = _CLOSER[opener]
        if opener == "'":
            if mark == "'" and _ascii_closes(text, at, end):
                drafts.append(QuoteDraft(open_at, at + 1, [(open_at + 1, at)], number, mark=opener))
                opener = ""
            continue
        if opener == "‘" and not single and mark in '“"「':
            # a stray single mark in a book that quotes with double marks: the real quotation starts here
            opener, open_at, depth = mark, at, 0
            continue
        if opener == "‘":
            if mark == "‘" and _word_start(text, at):
                depth += 1
            elif mark == "’" and _word_end(text, at, end):
                if depth:
                    depth -= 1
                else:
                    drafts.append(QuoteDraft(open_at, at + 1, [(open_at + 1, at)], number, mark=opener))
                    opener = ""
            continue
        if opener != '"' and mark == opener:
            depth += 1
        elif mark == closer:
            if depth:
                depth -= 1
            else:
                drafts.append(QuoteDraft(open_at, at + 1, [(open_at + 1, at)], number, mark=opener))
                opener = ""
    if opener and (single or opener != "‘"):
        drafts.append(QuoteDraft(open_at, end, [(open_at + 1, end)], number, closed=False, mark=opener))
    return drafts


def _is_cjk(char: str) -> bool:
    return bool(char) and "\u4e00" <= char <= "\u9fff"


def _ascii_opens(text: str, at: int, end: int) -> bool:
    """A ' that opens a quotation: at a word's start, before a word that is no elision ('tis, 'em)."""
    if at > 0 and (text[at - 1].isalnum() or text[at - 1] in ".,;:!?'"):
        return False
    following = text[at + 1 : at + 2]
    if at + 1 >= end or not following or following.isspace():
        return False
    word = re.match(r"[A-Za-z]+", text[at + 1 : at + 16])
    if word is None:
        return True
    lower = word.group().lower()
    if word.group().islower():
        return lower not in _ELISIONS
    return lower not in ("tis", "twas", "twere", "twill", "twould", "em")


def _ascii_closes(text: str, at: int, end: int) -> bool:
    """A ' that closes a quotation: after the speech's last character, not inside a word (don't),
    not closing a plural possessive (the boys' room) nor a dropped g (goin' home)."""
    after = text[at + 1 : at + 2]
    if after.isalpha():
        return False
    before = text[at - 1 : at] if at > 0 else ""
    if before.isspace() or not before:
        return False
    if before.isalpha():
        word = re.search(r"[A-Za-z]+$", text[max(0, at - 20) : at])
        last = word.group() if word else ""
        rest = text[at + 1 : at + 12]
        # the boys' room / goin' home: an apostrophe running on into the sentence
        if (last.endswith(("s", "in")) and re.match(r" [a-z]", rest)) or last.endswith("in") and rest[:1] == " ":
            return False
    return True


def _word_start(text: str, at: int) -> bool:
    return at == 0 or not text[at - 1].isalnum()


def _word_end(text: str, at: int, end: int) -> bool:
    return at + 1 >= end or not text[at + 1].isalpha()


# -- joining -------------------------------------------------------------------------------------


def _join_paragraphs(text: str, drafts: list[QuoteDraft], paras: list[tuple[int, int]]) -> list[QuoteDraft]:
    """A speech left open at a paragraph's end continues when the next paragraph reopens with the same mark."""
    joined: list[QuoteDraft] = []
    for draft in drafts:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.closed
            and draft.paragraph == previous.last_paragraph + 1
            and draft.start == paras[draft.paragraph][0]
            and draft.mark == previous.mark
        ):
            previous.end = draft.end
            previous.parts.extend(draft.parts)
            previous.closed = draft.closed
            previous.last_paragraph = draft.paragraph
            continue
        joined.append(draft)
    return joined


def _join_interrupted(text: str, drafts: list[QuoteDraft], language: str) -> list[QuoteDraft]:
    """``"I know," she said, "but not tonight."`` is one utterance in two parts."""
    joined: list[QuoteDraft] = []
    for draft in drafts:
        previous = joined[-1] if joined else None
        if previous is not None and _interrupts(text, previous, draft, language):
            previous.end = draft.end
            previous.parts.extend(draft.parts)
            previous.closed = draft.closed
            previous.last_paragraph = draft.last_paragraph
            previous.interrupted = True
            continue
        joined.append(draft)
    return joined


def _interrupts(text: str, first: QuoteDraft, second: QuoteDraft, language: str) -> bool:
    if first.interrupted or not first.closed or first.last_paragraph != second.paragraph:
        return False
    gap = text[first.end : second.start]
    if not gap.strip() or len(gap) > _MAX_INTERRUPTION or _BLANK_LINE.search(gap):
        return False
    if language == "zh":
        has_verb = any(ch in ZH_SPEECH_VERB_ENDS for ch in gap)
    else:
        has_verb = any(word.lower() in EN_SPEECH_VERBS for word in _WORD.findall(gap))
    if not has_verb:
        return False
    # Only a first part left unfinished ("I know," / “你来，”) is continued by the next quotation;
    # in Chinese a cue ending in a colon (笑道：) opens a new utterance instead.
    if language == "zh" and gap.rstrip()[-1:] in "：:":
        return False
    inner_end = first.parts[-1][1]
    last_inner = text[inner_end - 1] if inner_end > first.parts[-1][0] else ""
    # "«Hello», he said" / "‘Yes’, he said": the comma may stand outside the marks
    return last_inner in _NON_TERMINAL_END or text[first.end : first.end + 1] in (",", "，")


def _to_quote(text: str, draft: QuoteDraft, number: int, language: str) -> Quote:
    pieces = [" ".join(text[a:b].split()) if language != "zh" else "".join(text[a:b].split()) for a, b in draft.parts]
    joiner = "" if language == "zh" else " "
    return Quote(
        id=f"q{number:05d}",
        start=draft.start,
        end=draft.end,
        parts=[Span(start=a, end=b) for a, b in draft.parts],
        text=joiner.join(p for p in pieces if p),
        chapter=draft.chapter,
    )
