"""Word novels (``.docx``) through python-docx: paragraphs joined by newlines, heading styles as hints.

The archive is checked against the zip limits before python-docx opens it. Paragraph texts are joined
with ``"\\n"``; paragraphs styled ``Heading 1``/``Heading 2`` become heading hints, ``Title`` gives the
title when the core properties have none. Tables, headers, footers and footnotes are not read.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import lxml.etree
from docx.opc.exceptions import PackageNotFoundError

from microdrama.errors import CorruptInputError
from microdrama.ingest.extracted import Extracted
from microdrama.ingest.limits import ZipLimits, open_archive
from microdrama.text.chapters import HeadingHint

WHAT = "docx"
_DOCUMENT_PART = "word/document.xml"
_HEADING_STYLES = {"heading 1": 1, "heading 2": 2}


def read(path: Path, raw: bytes, limits: ZipLimits) -> Extracted:
    """Read a ``.docx`` novel; title and author from its core properties.

    Raises:
        CorruptInputError: not a ZIP, no ``word/document.xml``, or XML python-docx cannot read.
        InputTooLargeError: the archive breaks a size limit.
    """
    with open_archive(path, raw, limits, what=WHAT) as archive:
        if _DOCUMENT_PART not in archive.namelist():
            raise CorruptInputError(path, f"not a Word document: {_DOCUMENT_PART} is missing")
    try:
        document = docx.Document(io.BytesIO(raw))
        paragraphs = [(p.text, p.style.name if p.style is not None else "") for p in document.paragraphs]
        properties = document.core_properties
        title, author = properties.title or None, properties.author or None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, lxml.etree.XMLSyntaxError) as exc:
        raise CorruptInputError(path, f"damaged docx ({type(exc).__name__}: {exc})") from exc
    hints: list[HeadingHint] = []
    parts: list[str] = []
    offset = 0
    for text, style in paragraphs:
        level = _HEADING_STYLES.get((style or "").lower())
        if level is not None and text.strip():
            start = offset + len(text) - len(text.lstrip())
            hints.append(HeadingHint(start, offset + len(text.rstrip()), text.strip(), level))
        elif (style or "").lower() == "title" and text.strip() and title is None:
            title = text.strip()
        parts.append(text)
        offset += len(text) + 1
    return Extracted(text="\n".join(parts), encoding="utf-8", title=title, author=author, hints=hints)
