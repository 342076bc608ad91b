"""One paragraph model for every plain-text layout, as offsets into the unchanged text.

Novels arrive laid out in several ways, and the analysis must see the same paragraphs in all of them:

* ``blank``: paragraphs separated by blank lines, lines hard-wrapped or not (Project Gutenberg);
* ``indented``: each paragraph opens with an indent (full-width spaces, a tab, two spaces), with or
  without blank lines (Chinese e-texts);
* ``lines``: one paragraph per line, no blank lines (Chinese web novels without indentation);
* ``sentences``: one *sentence* per line: the paragraphs are lost, so they are rebuilt the way prose
  is printed: a line that opens a quotation starts a paragraph, narration joins the paragraph before it
  ("她问。" after “想我了吗？” is that speech's cue);
* ``wrapped``: hard-wrapped lines without blank lines or indents: a paragraph ends at a short line
  that ends a sentence.

CRLF and CR line ends count as line ends. Nothing is rewritten: every paragraph is a ``(start, end)``
pair of ``str`` indices into the text, trimmed of surrounding white space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from microdrama.text.sentences import TextSpan, sentences
from microdrama.text.sentences import paragraphs as blank_line_paragraphs

if TYPE_CHECKING:
    from microdrama.model import Source

Layout = Literal["blank", "indented", "lines", "sentences", "wrapped"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_INDENT = re.compile(r"\u3000|\t| {2}")
#: a line that ends a sentence (or introduces a speech: "他问：")
_LINE_END = re.compile(r"[.!?。！？…:：”’」』\"'»)）—_]\s*$")
_QUOTE_OPENERS = "“\"‘'「『«»—―"
#: lines looked at to decide the layout (enough for a reliable share, cheap on a long novel)
_SAMPLE_LINES = 3000


def detect_layout(text: str, spans: Iterable[TextSpan] | None = None) -> Layout:
    """The layout of ``text`` (or of the given spans of it, e.g. the story chapters).

    >>> detect_layout("He came.\\nShe went.\\n\\nThen it rained.\\nAll day.\\n\\nThe end.")
    'blank'
    >>> detect_layout("\\u3000\\u3000他来了。\\n\\u3000\\u3000她走了。\\n")
    'indented'
    >>> detect_layout("他来了。她笑了，又哭了。\\n她走了。他也走了。\\n天黑了。雨停了。\\n")
    'lines'
    >>> detect_layout("他来了。\\n“你好。”\\n她说。\\n天黑了。\\n")
    'sentences'
    """
    lines = _sample_lines(text, [(0, len(text))] if spans is None else spans)
    filled = [line for line in lines if line.strip()]
    if not filled:
        return "blank"
    blanks = sum(1 for before, line in zip(lines, lines[1:], strict=False) if before.strip() and not line.strip())
    indented = sum(1 for line in filled if _INDENT.match(line) and line.strip())
    if indented * 10 >= len(filled) * 3:
        return "indented"
    if blanks * 15 >= len(filled):
        return "blank"
    ended = sum(1 for line in filled if _LINE_END.search(line))
    if ended * 10 < len(filled) * 6:
        return "wrapped"
    sample = "".join(filled[:200])
    language = "zh" if sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff") * 3 > len(sample) else "en"
    # most lines hold one sentence (a long speech may hold several): the paragraphs were cut up
    counts = sorted(len(sentences(line, language=language)) for line in filled[:500])
    single = sum(1 for count in counts if count <= 1)
    return "sentences" if single * 10 >= len(counts) * 7 else "lines"


def story_layout(source: Source) -> Layout:
    """The layout of the story chapters of ``source`` (front matter is often laid out otherwise)."""
    return detect_layout(source.text, [(c.body_start, c.end) for c in source.body_chapters()])


def paragraphs(text: str, start: int = 0, end: int | None = None, *, layout: Layout = "blank") -> list[TextSpan]:
    """The paragraphs of ``text[start:end]`` read with ``layout`` (see :func:`detect_layout`).

    >>> paragraphs("他问：\\n“你好吗？”\\n她说。\\n“好。”", layout="sentences")
    [(0, 3), (4, 14), (15, 19)]
    """
    stop = len(text) if end is None else end
    if layout in ("blank", "indented"):
        return blank_line_paragraphs(text, start, stop)
    lines = _line_spans(text, start, stop)
    if layout == "lines":
        return lines
    spans: list[TextSpan] = []
    cursor = start
    width = _wrap_width(text, lines) if layout == "wrapped" else 0
    for line_start, line_end in lines:
        between = text[cursor:line_start]
        blank_line = between.count("\n") + between.count("\r") - between.count("\r\n") >= 2
        if not spans or blank_line or _opens_paragraph(text, line_start, spans[-1], layout, width):
            spans.append((line_start, line_end))
        else:
            spans[-1] = (spans[-1][0], line_end)
        cursor = line_end
    return spans


def _opens_paragraph(text: str, start: int, before: TextSpan, layout: Layout, width: int) -> bool:
    first = text[start]
    before_start, before_end = before
    if layout == "sentences":
        return first in _QUOTE_OPENERS
    # wrapped: the line before ended a sentence well short of the wrap width, or a speech opens after a sentence
    last_line_start = max(text.rfind("\n", before_start, before_end), text.rfind("\r", before_start, before_end)) + 1
    last_line = text[max(last_line_start, before_start) : before_end]
    ends_sentence = bool(_LINE_END.search(last_line))
    return ends_sentence and (len(last_line) < width * 0.8 or first in _QUOTE_OPENERS)


def _line_spans(text: str, start: int, stop: int) -> list[TextSpan]:
    spans: list[TextSpan] = []
    for match in _LINE.finditer(text, start, stop):
        line_start, line_end = match.start(), match.end()
        while line_start < line_end and text[line_start].isspace():
            line_start += 1
        while line_end > line_start and text[line_end - 1].isspace():
            line_end -= 1
        if line_end > line_start:
            spans.append((line_start, line_end))
        if match.end() >= stop:
            break
    return spans


def _wrap_width(text: str, lines: Sequence[TextSpan]) -> int:
    lengths = sorted(b - a for a, b in lines)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _sample_lines(text: str, spans: Iterable[TextSpan]) -> list[str]:
    lines: list[str] = []
    for start, end in spans:
        lines.extend(text[start:end].strip("\r\n").replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        if len(lines) >= _SAMPLE_LINES:
            break
    return lines[:_SAMPLE_LINES]
