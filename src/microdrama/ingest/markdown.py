"""Markdown novels (``.md``): decoded like text; ``#`` and ``##`` headings mark chapters; text kept raw.

A YAML front-matter block (``---`` … ``---`` at the very top) may give ``title:`` and ``author:``;
it stays in the text, like everything else, so offsets are those of the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from microdrama.ingest.extracted import Extracted
from microdrama.ingest.limits import ZipLimits
from microdrama.ingest.txt import decode_file
from microdrama.text.chapters import HeadingHint

_ATX_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,2})[ \t]+(?P<title>[^\n]*?)[ \t]*#*[ \t]*\r?$", re.M)
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.M)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*\r?$", re.S | re.M)
_FIELD = re.compile(r"^(?P<key>title|author)\s*:\s*(?P<value>.+?)\s*$", re.M | re.I)


def read(path: Path, raw: bytes, limits: ZipLimits) -> Extracted:
    """Read a ``.md`` novel: headings outside code fences become chapter hints."""
    extracted = decode_file(path, raw)
    text = extracted.text
    fenced = _fenced_ranges(text)
    for found in _ATX_HEADING.finditer(text):
        if any(start <= found.start() < end for start, end in fenced):
            continue
        title = found["title"].strip()
        if title:
            end = found.end() - (1 if text[found.end() - 1 : found.end()] == "\r" else 0)
            extracted.hints.append(HeadingHint(found.start(), end, title, level=len(found["marks"])))
    front = _FRONT_MATTER.match(text[:4000])
    if front is not None:
        fields = {m["key"].lower(): m["value"].strip("\"' ") for m in _FIELD.finditer(front["body"])}
        extracted.title = fields.get("title") or None
        extracted.author = fields.get("author") or None
    return extracted


def _fenced_ranges(text: str) -> list[tuple[int, int]]:
    marks = [m.start() for m in _FENCE.finditer(text)]
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
