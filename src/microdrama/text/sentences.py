"""Paragraph and sentence boundaries for Chinese and English, as offsets into the unchanged text.

Every function returns ``(start, end)`` pairs of ``str`` indices into the string it was given, so
callers can point back into ``Source.text`` without copying or normalising it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

TextSpan = tuple[int, int]

# A paragraph ends at a blank line, or at a line break followed by an indent (full-width space,
# tab or two spaces), which is how Chinese e-texts without blank lines mark paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\u3000]*\n\s*|\n(?=\u3000|\t| {2})")

# English: terminal punctuation, then any closing quotes/brackets, then whitespace.
_EN_END = re.compile(r"[.!?]+[\"'”’)\]_]*(?=\s)")
# Chinese: terminal punctuation (full or half width, ellipsis), then any closing marks.
_ZH_END = re.compile(r"(?:[。！？!?]|…+|\.{3,})[”’」』）)》]*")
# The same, also ending at a full-width semicolon (spoken or shown text: narration, captions).
_EN_END_SEMICOLON = re.compile(r"[.!?；]+[\"'”’)\]_]*(?=\s)|；[”’」』）)》]*")
_ZH_END_SEMICOLON = re.compile(r"(?:[。！？!?；]|…+|\.{3,})[”’」』）)》]*")

#: words that end with a full stop without ending a sentence ("Mr. Darcy")
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "messrs", "dr", "st", "mt", "jr", "sr", "col", "capt", "gen", "lt", "prof",
        "rev", "no", "vs", "etc", "ie", "eg", "cf", "vol", "ch", "fig", "sgt", "hon", "esq", "mme", "mlle",
        "m", "sq", "ave",
    }
)  # fmt: skip


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[TextSpan]:
    """Paragraphs of ``text[start:end]``, trimmed of surrounding whitespace, empty ones dropped.

    >>> paragraphs("One\\ntwo.\\n\\nThree.")
    [(0, 8), (10, 16)]
    """
    stop = len(text) if end is None else end
    spans: list[TextSpan] = []
    cursor = start
    for match in _PARAGRAPH_BREAK.finditer(text, start, stop):
        _append_trimmed(text, cursor, match.start(), spans)
        cursor = match.end()
    _append_trimmed(text, cursor, stop, spans)
    return spans


def sentences(
    text: str, start: int = 0, end: int | None = None, *, language: str = "en", semicolons: bool = False
) -> list[TextSpan]:
    """Sentences of ``text[start:end]`` (``language`` "zh" or anything else for English).

    Sentences never cross a paragraph break; with ``semicolons`` a full-width "；" ends one too.

    >>> sentences("Mr. Bennet came. He sat!  Then")
    [(0, 16), (17, 24), (26, 30)]
    >>> sentences("他来了。她笑道：“好！”然后走了", language="zh")
    [(0, 4), (4, 12), (12, 16)]
    """
    stop = len(text) if end is None else end
    spans: list[TextSpan] = []
    for para_start, para_end in paragraphs(text, start, stop):
        spans.extend(_sentences_in_paragraph(text, para_start, para_end, language, semicolons))
    return spans


def sentence_texts(text: str, *, language: str = "en", semicolons: bool = False) -> list[str]:
    """The sentences of a short text as strings that join back into it (each keeps the spaces after it).

    For text to be said or shown piece by piece (narration, subtitles); a piece that is only closing
    punctuation ("我们……。") stays with the sentence before it, or the one after it at the start.

    >>> sentence_texts("I do not believe Mrs. Long will. M. Morrel smiled!")
    ['I do not believe Mrs. Long will. ', 'M. Morrel smiled!']
    >>> sentence_texts("……他来了；她走了。我们……。", language="zh", semicolons=True)
    ['……他来了；', '她走了。', '我们……。']
    """
    spans = sentences(text, language=language, semicolons=semicolons)
    out: list[str] = []
    pending = ""
    for i, (a, _) in enumerate(spans):
        stop = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        piece = text[0 if i == 0 else a : stop]
        if any(ch.isalnum() for ch in piece):
            out.append(pending + piece)
            pending = ""
        elif out:
            out[-1] += piece
        else:
            pending += piece
    if pending:
        out.append(pending)
    return out


def _sentences_in_paragraph(text: str, start: int, end: int, language: str, semicolons: bool) -> Iterator[TextSpan]:
    cursor = start
    if semicolons:
        pattern = _ZH_END_SEMICOLON if language == "zh" else _EN_END_SEMICOLON
    else:
        pattern = _ZH_END if language == "zh" else _EN_END
    for match in pattern.finditer(text, start, end):
        if language != "zh" and (is_abbreviation(text, match.start()) or _continues_lowercase(text, match.end(), end)):
            continue
        cut = match.end()
        if cut <= cursor:
            continue
        piece: list[TextSpan] = []
        _append_trimmed(text, cursor, cut, piece)
        yield from piece
        cursor = cut
    rest: list[TextSpan] = []
    _append_trimmed(text, cursor, end, rest)
    yield from rest


def _continues_lowercase(text: str, at: int, end: int) -> bool:
    """'"Really?" she asked': the sentence goes on when the next word starts in lower case."""
    while at < end and text[at].isspace():
        at += 1
    return at < end and text[at].islower()


def is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial rather than a sentence."""
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:dot]
    if not word:
        return False
    if len(word) == 1 and word.isupper():
        return True
    return word.lower() in ABBREVIATIONS


def _append_trimmed(text: str, start: int, end: int, spans: list[TextSpan]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
