"""One paragraph model for every plain-text layout, as offsets into the unchanged text.

Novels arrive laid out in several ways, and the analysis must see the same paragraphs in all of them:

* ``blank``: paragraphs separated by blank lines, lines hard-wrapped or not (Project Gutenberg);
* ``indented``: each paragraph opens with an indent (full-width spaces, a tab, two spaces), with or
  without blank lines (Chinese e-texts);
* ``lines``: one paragraph per line, no blank lines (Chinese web novels without indentation);
* ``sentences``: one *sentence* per line: the paragraphs are lost, so they are rebuilt the way prose
  is printed: a line that opens a quotation starts a paragraph, narration joins the paragraph before it
  ("她问。" after “想我了吗？” is that speech's cue);
* ``wrapped``: hard-wrapped lines without blank lines or indents: a paragraph ends at a line that
  ends a sentence although the next line's first word would have fitted on it, or that ends with a
  speech before a new sentence, or before a line that opens a speech. (A paragraph whose last line happens to be full is not told apart.)

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
#: a line that is only a speech cue: "她问。", "他笑道：", "he said."
_CUE_LINE = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,8}[说道问答喊叫嚷笑][^\u4e00-\u9fff]{0,2}|"
    r"(?:[A-Z]\w*|[Hh]e|[Ss]he|I)(?:\s+\w+){0,2}\s+(?:said|asked|replied|cried|answered|whispered|shouted)\b.{0,30})$"
)
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
    if ended * 10 < len(filled) * 6 or ended * 10 < len(filled) * 8 and _hard_wrapped(filled):
        return "wrapped"
    sample = "".join(filled[:200])
    language = "zh" if sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff") * 3 > len(sample) else "en"
    # most lines hold one sentence and a speech's cue stands on a line of its own ("她问。" under
    # “想我了吗？”): the paragraphs were cut up into sentences
    # (a speech may hold several sentences, so narration lines are counted)
    sample = filled[:500]
    speeches = [i for i, line in enumerate(sample) if line.lstrip()[:1] in _QUOTE_OPENERS]
    narration = [line for line in sample if line.lstrip()[:1] not in _QUOTE_OPENERS] or sample
    single = sum(1 for line in narration if len(sentences(line, language=language)) <= 1)
    cues = sum(1 for i in speeches if i + 1 < len(sample) and _CUE_LINE.match(sample[i + 1].strip()))
    if single * 10 >= len(narration) * 9:
        return "sentences"
    return "sentences" if single * 10 >= len(narration) * 7 and cues * 10 >= len(speeches) and cues else "lines"


def _hard_wrapped(lines: Sequence[str]) -> bool:
    """Lines cut at a fixed width: none much longer than most, half of them near the longest."""
    lengths = sorted(len(line.strip()) for line in lines)
    width = lengths[int(len(lengths) * 0.9)]
    if len(lengths) < 10 or width > 100 or lengths[-1] > width * 1.1:
        return False
    return sum(1 for n in lengths if n >= width * 0.8) * 2 >= len(lengths)


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
    # wrapped: the line before ended a sentence although this line's first word would have fit on it
    last_line_start = max(text.rfind("\n", before_start, before_end), text.rfind("\r", before_start, before_end)) + 1
    last_line = text[max(last_line_start, before_start) : before_end]
    if not _LINE_END.search(last_line):
        return False
    if re.search(r"[.!?…][”\"’']\s*$", last_line) and (first.isupper() or first in _QUOTE_OPENERS):
        return True  # a speech ends the line, a new sentence opens the next: dialogue paragraphs end so
    if first in _QUOTE_OPENERS:
        return True  # a sentence ends the line and a speech opens the next: a new speaker's paragraph
    first_word = re.match(r"\S+", text[start : start + 40])
    return len(last_line) + 1 + len(first_word.group() if first_word else "") <= width


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
