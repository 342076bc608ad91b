"""The series title: the setting, the file's title metadata, the book's title page, or its file name.

A title page is read the way a person reads one: the lines just above a ``by …`` line (``PRIDE. /
and / PREJUDICE / by / Jane Austen``), a line that is only a title (``《红楼梦》``, ``伤　　逝``), or
failing those the first title-like line. Publisher blocks, ``[Illustration: …]`` captions, ``Produced
by`` credits and chapter numbers are skipped; an all-capitals title is set in title case. A file name
loses its language prefix (``en_pride_and_prejudice.txt`` → ``Pride and Prejudice``).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from microdrama.model import Source

#: lines of the head of the book looked at
HEAD_LINES = 40
#: longest title line, in characters (English, Chinese)
MAX_TITLE = {False: 70, True: 24}

_BY = re.compile(r"^by\b", re.IGNORECASE)
_JUNK = re.compile(
    r"^(?:produced by|transcriber|copyright|contents|table of contents|e-?text|project gutenberg|"
    r"with a preface|illustrations? by|translated by|edited by|publisher|london|new york|\d{3,})",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^(?:[IVXLCDM]+|\d+)\.\s+(?=\S)")
_ZH_BRACKETED = re.compile(r"《([^》]{1,30})》")
_LANGUAGE_PREFIX = re.compile(r"^(?:[a-z]{2,3})(?:[-_](?:hans|hant|[a-z]{2}))?[_\-\s]+", re.IGNORECASE)
_SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or the to with".split())
_ZH = re.compile(r"[\u3400-\u9fff]")


def series_title(source: Source, title: str = "") -> str:
    """The setting if given, else the file's title metadata, else the title page, else the file name."""
    if title.strip():
        return title.strip()
    if source.title and source.title.strip():
        return source.title.strip()
    found = title_page(_head(source))
    if found:
        return found
    return file_title(source.file_name)


def _head(source: Source) -> list[str]:
    """Non-empty lines before the first chapter (or of the first 2000 characters), bracketed
    ``[…]`` blocks left out."""
    body = source.body_chapters()
    end = body[0].start if body and body[0].start > 0 else min(len(source.text), 2000)
    lines: list[str] = []
    depth = 0
    for raw in source.text[:end].splitlines():
        line = raw.replace("\u3000", " ").strip()
        if not line:
            continue
        if depth or line.startswith("["):
            depth += line.count("[") - line.count("]")
            depth = max(depth, 0)
            continue
        lines.append(line)
        if len(lines) >= HEAD_LINES:
            break
    return lines


def _title_like(line: str) -> bool:
    zh = bool(_ZH.search(line))
    if line.endswith(".") and not zh:  # "A STUDY IN SCARLET." is a title, "It was a dark night." is not
        long_words = [w for w in re.findall(r"[A-Za-z]+", line) if len(w) > 3]
        if not all(w.isupper() for w in long_words):
            return False
        line = line.rstrip(".")
    return (
        len(line) <= MAX_TITLE[zh]
        and not _JUNK.match(line)
        and not _BY.match(line)
        and not line.startswith(("—", "-", "("))
        and not re.search(r"[,，;；。!！?？:：]$", line)
        and any(c.isalpha() for c in line)
    )


def title_page(lines: list[str]) -> str:  # noqa: C901 - one reading order, kept in one place
    """The title read off the head lines of a book ('' when none looks like one).

    >>> title_page(["鲁迅《彷徨》", "伤　　逝", "——涓生的手记"])
    '伤逝'
    >>> title_page(["《西游记》 吴承恩"])
    '西游记'
    >>> title_page(["Produced by Roger Squires", "A STUDY IN SCARLET.", "By A. Conan Doyle"])
    'A Study in Scarlet'
    >>> title_page(["I. A SCANDAL IN BOHEMIA", "I."])
    'A Scandal in Bohemia'
    """
    for index, line in enumerate(lines):
        if _BY.match(line) and index > 0:
            block: list[str] = []
            for before in reversed(lines[max(0, index - 4) : index]):
                if not _title_like(before):
                    break
                block.insert(0, before)
            if block:
                return _tidy(" ".join(block))
    weak = ""
    for line in lines[:8]:
        bracketed = _ZH_BRACKETED.search(line)
        if bracketed:
            if line.strip() == bracketed.group(0):
                return bracketed.group(1).strip()
            weak = weak or bracketed.group(1).strip()
            continue
        candidate = _NUMBERING.sub("", line).strip()
        if _title_like(candidate) and not _is_number(candidate):
            if weak and not _ZH.search(candidate):
                continue
            return _tidy(candidate)
    return weak


def _is_number(line: str) -> bool:
    return bool(re.fullmatch(r"[IVXLCDM\d]+\.?", line.strip()))


def _tidy(title: str) -> str:
    """Spaces collapsed (none between Chinese characters), trailing full stop dropped, capitals eased."""
    title = re.sub(r"\s+", " ", title).strip().rstrip(".").strip()
    title = re.sub(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])", "", title)
    title = re.sub(r"\. (?=[a-z])", " ", title)  # "PRIDE. and PREJUDICE"
    long_words = [w for w in re.findall(r"[A-Za-z]+", title) if len(w) > 3]
    if long_words and all(w.isupper() for w in long_words):
        return title_case(title)
    return title


def title_case(text: str) -> str:
    """English title case: words capitalised, small words lower-case except first and last.

    >>> title_case("ALICE’S ADVENTURES IN WONDERLAND")
    'Alice’s Adventures in Wonderland'
    """
    words = text.lower().split(" ")
    out = []
    for i, word in enumerate(words):
        if 0 < i < len(words) - 1 and word in _SMALL_WORDS:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def file_title(file_name: str) -> str:
    """A title from a file name: language prefix dropped, separators made spaces, lower case eased.

    >>> file_title("en_pride_and_prejudice.txt"), file_title("zh_luxun_shangshi.txt"), file_title("Emma.epub")
    ('Pride and Prejudice', 'Luxun Shangshi', 'Emma')
    """
    stem = PurePath(file_name).stem
    stem = _LANGUAGE_PREFIX.sub("", stem) or stem
    stem = re.sub(r"[_\s]+", " ", stem).strip()
    if stem.islower():
        stem = title_case(stem)
    return stem or "Untitled"
