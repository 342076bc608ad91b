"""Find chapter headings in a novel and cut its text into sections that cover it from end to end.

How a heading is recognised (the order of the ``_try_*`` predicates is the precedence):

* **strong** headings name themselves: ``第十二回`` / ``第3章`` / ``第一卷``, ``Chapter I`` /
  ``CHAPTER 12.`` / ``Chapter the First``, ``PART II`` / ``BOOK ONE`` / ``VOLUME FIVE``, and headings
  the file format marks (docx heading styles, epub ``<h1>``, Markdown ``#``);
* **weak** headings are bare numbers on a short line of their own: a roman numeral (``IV``,
  ``II.``, ``I. A SCANDAL IN BOHEMIA``), ``3.`` with a short title, or ``一、``. They count only when
  the book has no strong chapter heading, stand alone between blank lines (``一、`` needs only its
  own line: Chinese texts often have no blank lines), and form a sequence (numbered from 1, mostly
  by steps of one, far enough apart to be chapters rather than a list);
* **matter** headings name front matter (Contents, Preface, List of Illustrations, Transcriber's
  Note, Introduction, Dedication; 目录, 序, 前言…) or back matter (Footnotes, Notes, Appendix; 后记,
  附录…). Front matter counts only before the first chapter, back matter only after the last one.

False positives are removed in this order: a heading line that continues an unfinished sentence from
the line above is wrapped prose; three or more headings with nothing but blank lines between them are
a table of contents (tagged as front matter, never turned into empty chapters); a chapter heading
directly followed by another one is a title line, not a chapter. A block of ``[Footnote 1: …]`` /
``[1] …`` notes after the last chapter becomes back matter even without a heading.

Sections are labelled ``chapter``, ``part`` (PART/BOOK/VOLUME, 第X卷/部: kind ``chapter``, so that
a part's own text is not lost), ``prologue``/``epilogue``, or a front/back-matter label. Text before
the first heading becomes an untitled section: ``title_page`` front matter when it is short and made
of short lines, an untitled chapter otherwise.

Offsets are ``str`` indices into the text, which is never changed. Sections tile the text: the first
starts at 0 (also when only blank space precedes its heading), each ends where the next starts, the
last ends at ``len(text)``. A heading inside ``[Illustration: … Chapter I.]`` starts its section at
the opening bracket.
"""

from __future__ import annotations

import functools
import itertools
import re
import statistics
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from microdrama.model.source import Chapter, SectionKind

#: longest line (stripped) that can be a heading
MAX_HEADING_CHARS = 100
#: an untitled opening with at most this many non-space characters is a title page (front matter)
TITLE_PAGE_CHARS = 3000
#: a line at least this wide (CJK characters count double) is prose, not a title-page line
PROSE_LINE_WIDTH = 60

_Level = str  # "chapter" | "part" | "front" | "back"


@dataclass(frozen=True)
class HeadingHint:
    """A heading the file format marks itself (docx heading style, epub ``<h1>``, Markdown ``#``).

    ``start`` is the offset of the heading line's first character, ``end`` the offset just past its
    text (before the newline); ``level`` is 1 for top-level headings, 2 for the next level down.
    """

    start: int
    end: int
    title: str
    level: int = 1


@dataclass(frozen=True)
class Sections:
    """The sections found, and remarks for the user (gaps in numbering, no headings found…)."""

    chapters: list[Chapter]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Match:
    level: _Level
    label: str
    title: str
    number: int | None
    style: str
    strong: bool
    #: for notes written inline ("Transcriber's Note: text…"): length of the heading part of the line
    inline_length: int | None = None


@dataclass(frozen=True)
class _Heading:
    start: int
    end: int
    body_start: int
    match: _Match
    isolated: bool
    hint: bool = False


# -- numbers ------------------------------------------------------------------------------------------

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_CANONICAL = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def parse_roman(numeral: str) -> int | None:
    """Value of a well-formed roman numeral (any case), else None.

    >>> parse_roman("XLIV"), parse_roman("iv"), parse_roman("IIII"), parse_roman("CIVIL")
    (44, 4, None, None)
    """
    upper = numeral.upper()
    if not upper or not _ROMAN_CANONICAL.fullmatch(upper):
        return None
    total = 0
    for char, following in zip(upper, upper[1:] + " ", strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following != " " and _ROMAN_VALUES[following] > value else value
    return total


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_TENS = {"廿": 20, "卅": 30}


def parse_chinese_numeral(numeral: str) -> int | None:
    """Value of a Chinese numeral (also full-width or ASCII digits), else None.

    >>> [parse_chinese_numeral(n) for n in ("十二", "一百二十", "一百十七", "一百零五", "一〇五", "廿三", "１２")]
    [12, 120, 117, 105, 105, 23, 12]
    """
    plain = unicodedata.normalize("NFKC", numeral)
    if plain.isdigit():
        return int(plain)
    if not numeral or any(c not in _ZH_DIGITS and c not in _ZH_UNITS and c not in _ZH_TENS and c != "万"
                          for c in numeral):  # fmt: skip
        return None
    if not any(c in _ZH_UNITS or c in _ZH_TENS or c == "万" for c in numeral):
        return int("".join(str(_ZH_DIGITS[c]) for c in numeral))  # 一〇五 = 105, digit by digit
    total = section = current = 0
    for char in numeral:
        if char in _ZH_DIGITS:
            current = _ZH_DIGITS[char]
        elif char in _ZH_TENS:
            section += _ZH_TENS[char]
            current = 0
        elif char == "万":
            total += (section + current) * 10_000
            section = current = 0
        else:
            section += (current or 1) * _ZH_UNITS[char]
            current = 0
    return total + section + current


# fmt: off
_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_ONES = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                 "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                 "seventeenth", "eighteenth", "nineteenth")
_ORDINAL_TENS = ("twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
                 "ninetieth")
# fmt: on
_WORD_VALUES: dict[str, int] = {
    **{w: i for i, w in enumerate(_ONES)},
    **{w: i for i, w in enumerate(_ORDINAL_ONES)},
    **{w: 20 + 10 * i for i, w in enumerate(_TENS)},
    **{w: 20 + 10 * i for i, w in enumerate(_ORDINAL_TENS)},
}


def parse_english_number(words: str) -> int | None:
    """Value of an English number or ordinal up to 99 ("Twenty-One", "the First"), else None.

    >>> parse_english_number("Twenty-first"), parse_english_number("the Third"), parse_english_number("and")
    (21, 3, None)
    """
    parts = re.split(r"[-\s]+", words.lower().strip())
    if parts and parts[0] == "the":
        parts = parts[1:]
    if not parts or len(parts) > 2 or any(p not in _WORD_VALUES for p in parts):
        return None
    if len(parts) == 1:
        return _WORD_VALUES[parts[0]]
    tens, ones = _WORD_VALUES[parts[0]], _WORD_VALUES[parts[1]]
    if parts[0] not in _TENS or not 1 <= ones <= 9:
        return None
    return tens + ones


def _parse_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return parse_roman(token) if parse_roman(token) is not None else parse_english_number(token)


# -- recognising one line -----------------------------------------------------------------------------

_ILLUSTRATION_OPENING = re.compile(r"^\[Illustration:?\s*")
_NUMBER_TOKEN = r"(?P<num>[0-9]{1,5}|[IVXLCDMivxlcdm]{1,9}|(?:the\s+)?[A-Za-z]+(?:-[A-Za-z]+)?)\b"
_EN_CHAPTER = re.compile(r"(?i:chapter|chap\.)\s+" + _NUMBER_TOKEN + r"(?P<rest>.*)$")
_EN_PART = re.compile(r"(?P<kw>(?i:part|book|volume|vol\.))\s+" + _NUMBER_TOKEN + r"(?P<rest>.*)$")
_ZH_NUMBER = "0-9０-９零〇一二三四五六七八九十百千两兩廿卅"
_ZH_DI = re.compile(rf"第\s*(?P<num>[{_ZH_NUMBER}]+)\s*(?P<unit>[章回节節卷部集篇])(?P<rest>.*)$")
_ZH_JUAN = re.compile(rf"卷之?(?P<num>[{_ZH_NUMBER}]+)(?P<rest>.*)$")
_ZH_ENUM = re.compile(r"(?P<num>[零〇一二三四五六七八九十百两]+)\s*[、．.]\s*(?P<rest>.{0,20})$")
_ROMAN_LINE = re.compile(r"(?P<num>[IVXLC]{1,7})(?:\.|\.\s+(?P<title>\S.{0,60}))?$")
_ARABIC_LINE = re.compile(r"(?P<num>[0-9]{1,3})[.．](?:\s*(?P<title>\S.{0,50}))?$")
_TITLE_SEPARATOR = re.compile(r"^\s*[.:：—–\-]")
_ZH_SEPARATOR = re.compile(r"^[\s\u3000:：·、．.—\-]")
_APOSTROPHE = "['’]"

# (pattern over the whole line, label, where it may stand: front, back or chapter (anywhere))
_MATTER_EN: tuple[tuple[str, str, tuple[_Level, ...]], ...] = (
    (r"(?:table\s+of\s+)?contents|list\s+of\s+chapters", "contents", ("front",)),
    (r"(?:list\s+of\s+)?illustrations", "illustrations", ("front",)),
    (rf"(?:(?:the\s+)?(?:author|translator){_APOSTROPHE}s\s+)?preface(?:\s+to\s+.{{1,40}})?", "preface", ("front",)),
    (r"introduction|introductory\s+note", "introduction", ("front",)),
    (r"foreword", "foreword", ("front",)),
    (r"dedication", "dedication", ("front",)),
    (r"acknowledge?ments?", "acknowledgements", ("front",)),
    (rf"(?:original\s+)?transcriber{_APOSTROPHE}s\s+notes?", "transcriber_note", ("front", "back")),
    (rf"(?:project\s+gutenberg\s+)?editor{_APOSTROPHE}s\s+notes?", "editor_note", ("front", "back")),
    (r"prologue", "prologue", ("chapter",)),
    (r"epilogue", "epilogue", ("chapter",)),
    (r"afterword|postscript", "afterword", ("back",)),
    (r"appendix(?:\s+.{1,40})?", "appendix", ("back",)),
    (r"foot-?notes|end-?notes", "footnotes", ("back",)),
    (r"notes", "notes", ("back",)),
    (r"glossary", "glossary", ("back",)),
)
_MATTER_ZH: tuple[tuple[str, str, tuple[_Level, ...]], ...] = (
    (r"目录|目錄|目次", "contents", ("front",)),
    (r"序|序言|自序|前言|引言|代序|译序|譯序|译者序|譯者序|出版说明|出版說明", "preface", ("front",)),
    (r"内容简介|內容簡介|简介|簡介|作者简介|作者簡介|导读|導讀", "introduction", ("front",)),
    (r"楔子|引子|序章|序幕", "prologue", ("chapter",)),
    (r"尾声|尾聲|终章|終章", "epilogue", ("chapter",)),
    (r"后记|後記|跋|译后记|譯後記", "afterword", ("back",)),
    (r"附录.{0,20}|附錄.{0,20}", "appendix", ("back",)),
    (r"注释|註釋|注解|註解|尾注|尾註", "footnotes", ("back",)),
)
_MATTER = (*_MATTER_EN, *_MATTER_ZH)
# One alternation, tried in table order; the name of the group that matched indexes _MATTER.
_MATTER_LINE = re.compile(
    "(?:"
    + "|".join(f"(?P<m{i}>(?i:{pattern}))" for i, (pattern, _, _) in enumerate(_MATTER_EN))
    + r")\s*[.:：]?|(?:"
    + "|".join(f"(?P<m{i + len(_MATTER_EN)}>{pattern})" for i, (pattern, _, _) in enumerate(_MATTER_ZH))
    + ")",
    re.S,
)
_INLINE_NOTE = re.compile(
    rf"(?P<head>(?i:(?:original\s+)?transcriber{_APOSTROPHE}s\s+notes?|(?:project\s+gutenberg\s+)?"
    rf"editor{_APOSTROPHE}s\s+notes?))\s*:\s*\S"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"[。！？!?]$")
_SENTENCE_DONE = re.compile(r"[.!?:;。！？：；…\]\)”’\"'_*]$")


def _title_rest_ok(rest: str) -> bool:
    """After "Chapter 4" comes nothing, a separator, or a capitalised title — not running prose."""
    stripped = rest.strip()
    if not stripped or _TITLE_SEPARATOR.match(rest):
        return True
    return rest[:1].isspace() and (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "“‘\"'(")


def _try_zh_numbered(core: str) -> _Match | None:
    found = _ZH_DI.match(core) or _ZH_JUAN.match(core)
    if found is None:
        return None
    rest = found["rest"]
    if rest and not _ZH_SEPARATOR.match(rest):
        return None  # 第四回中既将… is prose that mentions a chapter
    if "。" in rest or len(rest.strip()) > 40:
        return None
    number = parse_chinese_numeral(found["num"])
    unit = found.groupdict().get("unit") or "卷"
    if unit in "卷部集":
        return _Match("part", "part", core, number, "zh_part", strong=True)
    style = "zh_section" if unit in "节節" else "zh_chapter"
    return _Match("chapter", "chapter", core, number, style, strong=True)


def _try_en_chapter(core: str) -> _Match | None:
    found = _EN_CHAPTER.match(core)
    if found is None or not core[0].isupper() or not _title_rest_ok(found["rest"]):
        return None
    number = _parse_number(found["num"])
    if number is None:
        return None
    return _Match("chapter", "chapter", core, number, "en_chapter", strong=True)


def _try_en_part(core: str) -> _Match | None:
    found = _EN_PART.match(core)
    if found is None or not core[0].isupper() or not _title_rest_ok(found["rest"]):
        return None
    number = _parse_number(found["num"])
    if number is None:
        return None
    return _Match("part", "part", core, number, "en_part", strong=True)


def _try_matter(core: str) -> _Match | None:
    squeezed = re.sub(r"[\s\u3000]+", "", core) if _has_han(core) else core
    found = _MATTER_LINE.fullmatch(squeezed)
    if found is not None and found.lastgroup is not None:
        _, label, places = _MATTER[int(found.lastgroup[1:])]
        level = "chapter" if places == ("chapter",) else places[0]
        return _Match(level, label, core, None, "matter:" + "/".join(places), strong=True)
    inline = _INLINE_NOTE.match(core)
    if inline is not None:
        head = inline["head"]
        label = "transcriber_note" if "transcriber" in head.lower() else "editor_note"
        length = core.index(":", len(head)) + 1
        return _Match("front", label, head, None, "matter:front/back", strong=True, inline_length=length)
    return None


def _try_roman(core: str) -> _Match | None:
    found = _ROMAN_LINE.match(core)
    if found is None:
        return None
    title = found["title"]
    if title is not None and not (title[0].isupper() or title[0] in "“‘\"'"):
        return None
    number = parse_roman(found["num"])
    return None if number is None else _Match("chapter", "chapter", core, number, "roman", strong=False)


def _try_arabic(core: str) -> _Match | None:
    found = _ARABIC_LINE.match(core)
    if found is None:
        return None
    title = found["title"]
    if title is not None and not (title[0].isupper() or _has_han(title[0])):
        return None
    return _Match("chapter", "chapter", core, int(found["num"]), "arabic", strong=False)


def _try_zh_enum(core: str) -> _Match | None:
    found = _ZH_ENUM.match(core)
    if found is None or _SENTENCE_END.search(found["rest"]) or "，" in found["rest"]:
        return None
    number = parse_chinese_numeral(found["num"])
    return None if number is None else _Match("chapter", "chapter", core, number, "zh_enum", strong=False)


#: the predicates, in order of precedence
_PREDICATES: tuple[Callable[[str], _Match | None], ...] = (
    _try_zh_numbered,
    _try_en_chapter,
    _try_en_part,
    _try_roman,
    _try_arabic,
    _try_zh_enum,
    _try_matter,
)


@functools.lru_cache(maxsize=4096)  # files of repeated lines ("I", "1.") hit it; real headings are few
def classify_heading(line: str) -> _Match | None:
    """What a line would be if it stood alone as a heading, or None (no judgement of its context).

    >>> classify_heading("第一百二十回　甄士隐详说太虚情").number
    120
    >>> classify_heading("CHAPTER XII. The Lobster").number
    12
    >>> classify_heading("第四回中既将薛家母子在荣府内寄居等事略已表明") is None
    True
    """
    core = _decoration_free(line)
    if not core or len(core) > MAX_HEADING_CHARS:
        return None
    for predicate in _PREDICATES:
        found = predicate(core)
        if found is not None:
            return found
    return None


def _decoration_free(line: str) -> str:
    """The heading text without an ``[Illustration: …]`` wrapper or emphasis marks around all of it."""
    core = _ILLUSTRATION_OPENING.sub("", line.strip())
    if core.endswith("]") and core.count("[") < core.count("]"):
        core = core[:-1].rstrip()
    for mark in ("**", "__", "*", "_", "="):
        if len(core) > 2 * len(mark) and core.startswith(mark) and core.endswith(mark):
            core = core[len(mark) : -len(mark)].strip()
    return core


def _has_han(text: str) -> bool:
    return _HAN.search(text) is not None


# -- scanning the text --------------------------------------------------------------------------------

_PREFILTER = re.compile(
    r"^[ \t\u3000\ufeff]*(?:[\[*_第卷零〇一二三四五六七八九十IVXLC0-9０-９]"
    r"|(?i:chap|part|book|vol|prolog|epilog|contents|table|list|preface|author|translator|the|introduc"
    r"|foreword|dedicat|original|transcriber|project|editor|acknowledg|appendix|afterword|postscript"
    r"|foot|end-?notes|notes|glossary|illustrations)"
    r"|目|序|前言|引|内|內|简|簡|作者|导|導|出版|楔|尾|终|終|后记|後記|跋|附|注|註|译|譯|代序|自序)",
    re.M,
)
_FOOTNOTE_FIRST = re.compile(r"^[ \t]*\[(?:Footnote\s+)?1(?:[:\]]|\s*\])", re.M)
_FOOTNOTE_ANY = re.compile(r"^[ \t]*\[(?:Footnote\s+)?[0-9]+(?:[:\]]|\s*\])", re.M)


def _line_bounds(text: str, start: int) -> tuple[int, int]:
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def _previous_line_blank(text: str, line_start: int) -> bool:
    if line_start == 0:
        return True
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    return not text[previous_start : line_start - 1].strip()


def _next_line_blank(text: str, line_end: int) -> bool:
    if line_end >= len(text):
        return True
    _, next_end = _line_bounds(text, line_end + 1)
    return not text[line_end + 1 : next_end].strip()


def _scan(text: str) -> list[_Heading]:
    """Every line that could be a heading, with whether it stands alone between blank lines."""
    found: list[_Heading] = []
    for candidate in _PREFILTER.finditer(text):
        line_start, line_end = _line_bounds(text, candidate.start())
        line = text[line_start:line_end]
        if len(line.strip()) > MAX_HEADING_CHARS + 20:
            continue
        match = classify_heading(line)
        if match is None:
            continue
        first = line_start + len(line) - len(line.lstrip())
        body_start = min(line_end + 1, len(text))
        if match.inline_length is not None:
            core_offset = line.index(match.title[:1], first - line_start)
            body_start = line_start + core_offset + match.inline_length
            while body_start < line_end and text[body_start] in " \t":
                body_start += 1
        found.append(_Heading(first, line_end, body_start, match, _stands_alone(text, line_start, line_end, match)))
    return found


def _stands_alone(text: str, line_start: int, line_end: int, match: _Match) -> bool:
    """Whether the line is set apart as a heading would be.

    Chinese headings need nothing more (Chinese texts often have no blank lines at all, one paragraph
    per line); other strong headings need a blank line on one side, weak ones on both.
    """
    if match.style.startswith("zh_") or _has_han(match.title):
        return True
    before, after = _previous_line_blank(text, line_start), _next_line_blank(text, line_end)
    return (before or after) if match.strong else (before and after)


def _hint_headings(text: str, hints: Sequence[HeadingHint]) -> list[_Heading]:
    level_one = [h for h in hints if h.level <= 1]
    level_two = [h for h in hints if h.level >= 2]
    if len(level_one) == 1 and level_two and level_one[0].start < min(h.start for h in level_two):
        hints = level_two  # a single top heading above the others is the book's title, not a chapter
    headings = []
    for hint in hints:
        match = classify_heading(hint.title)
        if match is None or not match.strong:
            number = match.number if match is not None else None
            match = _Match("chapter", "chapter", hint.title.strip(), number, f"hint{hint.level}", strong=True)
        else:
            match = replace(match, title=hint.title.strip(), inline_length=None)
        newline = text.find("\n", hint.end)
        body_start = newline + 1 if newline >= 0 and not text[hint.end : newline].strip() else hint.end
        headings.append(_Heading(hint.start, hint.end, body_start, match, isolated=True, hint=True))
    return headings


# -- deciding which candidates are headings ----------------------------------------------------------


def _only_space_between(text: str, end: int, start: int) -> bool:
    return start - end < 4000 and not text[end:start].strip()


def _runs(text: str, headings: list[_Heading]) -> list[list[_Heading]]:
    """Groups of headings with nothing but whitespace between them; a repeated number starts a new group."""
    runs: list[list[_Heading]] = []
    current: list[_Heading] = []
    seen: set[tuple[str, int | None]] = set()
    for heading in headings:
        key = (heading.match.level, heading.match.number)
        joined = current and _only_space_between(text, current[-1].end, heading.start)
        if joined and (heading.match.number is None or key not in seen):
            current.append(heading)
        else:
            if current:
                runs.append(current)
            current, seen = [heading], set()
        seen.add(key)
    if current:
        runs.append(current)
    return runs


def _in_paragraph(text: str, heading: _Heading, neighbours: set[int]) -> bool:
    """A heading line that continues an unfinished sentence from the line above is wrapped prose.

    (Lines of a table of contents, which are headings themselves, do not count as prose.)
    """
    line_start = text.rfind("\n", 0, heading.start) + 1
    if heading.hint or heading.match.style.startswith("zh_") or _previous_line_blank(text, line_start):
        return False
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    previous = text[previous_start : line_start - 1].rstrip()
    return previous_start not in neighbours and not _SENTENCE_DONE.search(previous)


def _weak_style_ok(headings: list[_Heading]) -> bool:
    """Bare numbers count as chapters when they stand alone and number the book from 1, far apart."""
    if len(headings) < 2 or not all(h.isolated for h in headings):
        return False
    numbers = [h.match.number or 0 for h in headings]
    if numbers[0] > 2:
        return False
    steps = sum(1 for a, b in itertools.pairwise(numbers) if b == a + 1)
    if steps / (len(numbers) - 1) < 0.6:
        return False
    gaps = [b.start - a.start for a, b in itertools.pairwise(headings)]
    return statistics.median(gaps) >= 300


def _choose(text: str, candidates: list[_Heading]) -> tuple[list[_Heading], list[list[_Heading]]]:
    """The headings kept, and the tables of contents found (runs of three or more entries)."""
    line_starts = {text.rfind("\n", 0, h.start) + 1 for h in candidates}
    candidates = [h for h in candidates if not _in_paragraph(text, h, line_starts)]
    contents: list[list[_Heading]] = []
    body: list[_Heading] = []
    for run in _runs(text, candidates):
        if len(run) >= 3:
            contents.append(run)
        else:
            body.extend(run)

    chapters = [h for h in body if h.match.level == "chapter" and h.match.strong and h.match.label == "chapter"]
    if chapters:
        styles = {h.match.style for h in chapters}
        if "zh_chapter" in styles:
            styles.discard("zh_section")  # 第一节 under 第一章 is a subsection
        chosen = [h for h in chapters if h.match.style in styles]
    else:
        chosen = []
        for style in ("roman", "arabic", "zh_enum"):
            group = [h for h in body if h.match.style == style]
            if _weak_style_ok(group) and len(group) > len(chosen):
                chosen = group
    parts = [h for h in body if h.match.level == "part" and h.isolated]
    story = sorted(chosen + parts + [h for h in body if h.match.label in ("prologue", "epilogue") and h.isolated],
                   key=lambda h: h.start)  # fmt: skip
    # Without a chapter there is no telling where a preface ends and the story begins: no front matter.
    first_story = story[0].start if story else -1
    last_chapter = max((h.start for h in story if h.match.level == "chapter"), default=-1)
    matter: list[_Heading] = []
    for heading in body:
        style = heading.match.style
        if not style.startswith("matter:") or heading.match.level == "chapter" or not heading.isolated:
            continue
        places = style.removeprefix("matter:").split("/")
        if heading.start < first_story and "front" in places:
            matter.append(replace(heading, match=replace(heading.match, level="front")))
        elif heading.start > last_chapter >= 0 and "back" in places:
            matter.append(replace(heading, match=replace(heading.match, level="back")))
        elif heading.hint:  # the file marks it a heading: a chapter called "Notes", say
            matter.append(replace(heading, match=replace(heading.match, level="chapter", label="chapter")))
    return sorted({h.start: h for h in story + matter}.values(), key=lambda h: h.start), contents


def _contents_sections(text: str, kept: list[_Heading], contents: list[list[_Heading]]) -> list[_Heading]:
    """A table of contents before the first chapter becomes one front-matter section; later ones stay text."""
    first_story = min((h.start for h in kept if h.match.level in ("chapter", "part")), default=None)
    sections = []
    previous: list[_Heading] | None = None
    for run in contents:
        if first_story is None or run[0].start > first_story:
            continue
        follows_previous = previous is not None and _only_space_between(text, previous[-1].end, run[0].start)
        previous = run
        if follows_previous:
            continue  # a contents list split where its numbering restarts (Part II, Chapter 1…)
        head = run[0]
        if head.match.label == "contents":
            sections.append(replace(head, match=replace(head.match, level="front")))
        else:
            sections.append(
                replace(head, body_start=head.start, match=_Match("front", "contents", "", None, "contents", True))
            )
    return sections


def _drop_title_lines(text: str, headings: list[_Heading]) -> list[_Heading]:
    """A chapter heading followed by nothing but another chapter heading is a title line, not a chapter."""
    kept: list[_Heading] = []
    for heading, following in zip(headings, [*headings[1:], None], strict=False):
        if (
            following is not None
            and heading.match.label == "chapter"
            and following.match.label == "chapter"
            and not heading.hint
            and _only_space_between(text, heading.end, following.start)
        ):
            continue
        kept.append(heading)
    return kept


def _footnote_block(text: str, headings: list[_Heading]) -> _Heading | None:
    """``[Footnote 1: …]`` or ``[1] …`` notes after the last chapter, when no heading announces them."""
    chapters = [h for h in headings if h.match.level == "chapter"]
    if not chapters or headings[-1].match.level == "back":
        return None
    found = _FOOTNOTE_FIRST.search(text, chapters[-1].body_start)
    if found is None or len(_FOOTNOTE_ANY.findall(text, found.end())) < 2:
        return None
    start = found.start() + len(found.group()) - len(found.group().lstrip())
    return _Heading(start, start, start, _Match("back", "footnotes", "", None, "footnotes", True), True)


def _illustration_start(text: str, heading: _Heading, floor: int) -> int:
    """``[Illustration: … Chapter I.]``: the section starts at the bracket that opens the block."""
    line_end_char = text[heading.end - 1 : heading.end] if heading.end else ""
    if line_end_char != "]" or "[" in text[heading.start : heading.end]:
        return heading.start
    opening = text.rfind("[", max(floor, heading.start - 400), heading.start)
    if opening < 0 or "]" in text[opening : heading.start]:
        return heading.start
    return opening


# -- assembling sections ------------------------------------------------------------------------------

_KIND: dict[_Level, SectionKind] = {
    "chapter": "chapter",
    "part": "chapter",
    "front": "front_matter",
    "back": "back_matter",
}


def detect_sections(text: str, *, hints: Sequence[HeadingHint] = (), boundaries: Sequence[int] = ()) -> Sections:
    """Cut ``text`` into sections (chapters, parts, front and back matter) that cover it in order.

    Args:
        text: the whole decoded text.
        hints: headings the file format marks (docx styles, epub ``<h1>``–``<h3>``, Markdown ``#``).
        boundaries: offsets where the file's own documents start (epub spine items); used as
            sections when no heading is found.

    Returns:
        The sections, tiling ``text`` from 0 to ``len(text)``, and warnings.

    >>> [c.title for c in detect_sections("Title\\n\\nCHAPTER I.\\n\\nText.\\n").chapters]
    ['', 'CHAPTER I.']
    """
    candidates = {h.start: h for h in _scan(text)}
    candidates.update({h.start: h for h in _hint_headings(text, hints)})
    kept, contents = _choose(text, sorted(candidates.values(), key=lambda h: h.start))
    kept = _drop_title_lines(text, kept)
    kept = sorted(kept + _contents_sections(text, kept, contents), key=lambda h: h.start)
    footnotes = _footnote_block(text, kept)
    if footnotes is not None:
        kept = sorted([*kept, footnotes], key=lambda h: h.start)
    warnings: list[str] = []
    if not kept and len(boundaries) > 1:
        return Sections(_from_boundaries(text, boundaries), warnings)
    if not any(h.match.level == "chapter" for h in kept):
        warnings.append("no chapter headings found; the story is one section")
    return Sections(_assemble(text, kept), warnings + _numbering_warnings(kept))


def _assemble(text: str, headings: list[_Heading]) -> list[Chapter]:
    chapters: list[Chapter] = []
    starts: list[int] = []
    floor = 0
    for heading in headings:
        start = _illustration_start(text, heading, floor)
        starts.append(start)
        floor = heading.body_start
    opening = text[: starts[0]] if headings else text
    sections: list[tuple[int, int, _Match]] = []
    if opening.strip() or not headings:
        if not headings:
            level, label = "chapter", "chapter"
        elif _looks_like_title_page(opening):
            level, label = "front", "title_page"
        else:
            level, label = "chapter", "chapter"
        sections.append((0, 0, _Match(level, label, "", None, "opening", True)))
    elif headings:
        starts[0] = 0
    for heading, start in zip(headings, starts, strict=True):
        sections.append((start, heading.body_start, heading.match))
    for index, (start, body_start, match) in enumerate(sections):
        end = sections[index + 1][0] if index + 1 < len(sections) else len(text)
        chapters.append(
            Chapter(
                index=index + 1,
                kind=_KIND[match.level],
                label=match.label,
                title=match.title,
                number=match.number if match.level in ("chapter", "part") else None,
                start=start,
                body_start=min(max(body_start, start), end),
                end=end,
            )
        )
    return chapters


def _looks_like_title_page(opening: str) -> bool:
    """Short, and made of short lines (title, author, publisher), not of paragraphs of story."""
    if len(re.sub(r"\s+", "", opening)) > TITLE_PAGE_CHARS:
        return False
    prose_lines = 0
    for line in opening.splitlines():
        stripped = line.strip()
        # a wide (CJK) character takes the room of two Latin letters
        if len(stripped) + sum(1 for c in stripped if c >= "\u2e80") >= PROSE_LINE_WIDTH:
            prose_lines += 1
    return prose_lines <= 3


def _from_boundaries(text: str, boundaries: Sequence[int]) -> list[Chapter]:
    starts = sorted({0, *(b for b in boundaries if 0 < b < len(text))})
    ends = [*starts[1:], len(text)]
    return [
        Chapter(index=i + 1, kind="chapter", label="chapter", title="", start=s, body_start=s, end=e)
        for i, (s, e) in enumerate(zip(starts, ends, strict=True))
    ]


def _numbering_warnings(headings: list[_Heading]) -> list[str]:
    warnings = []
    previous: int | None = None
    for heading in headings:
        if heading.match.level == "part":
            previous = None
            continue
        if heading.match.level != "chapter" or heading.match.label != "chapter" or heading.match.number is None:
            continue
        number = heading.match.number
        if previous is not None and number != previous + 1:
            warnings.append(f"chapter numbers jump from {previous} to {number} at {heading.match.title!r}")
        previous = number
    return warnings
