"""Word novels built in the test with python-docx: paragraphs, heading styles, properties, damage."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from microdrama.errors import CorruptInputError, InputTooLargeError
from microdrama.ingest import read_novel

PARAGRAPH = "The rain had not stopped for three days, and the river was rising past the old stone mill."


def build_docx(path: Path, *, headings: list[str], title_style: str | None = None, properties: bool = True) -> Path:
    document = docx.Document()
    if properties:
        document.core_properties.title = "The Mill"
        document.core_properties.author = "Jane Roe"
    if title_style:
        document.add_paragraph(title_style, style="Title")
    for heading in headings:
        document.add_heading(heading, level=1)
        document.add_paragraph(PARAGRAPH)
        document.add_paragraph(PARAGRAPH + " Again.")
    document.save(str(path))
    return path


def test_paragraphs_headings_and_properties(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "mill.docx", headings=["Preface", "The Rain", "The Flood"])
    source = read_novel(path)
    assert (source.file_format, source.title, source.author) == ("docx", "The Mill", "Jane Roe")
    assert source.text == "\n".join(
        line for h in ("Preface", "The Rain", "The Flood") for line in (h, PARAGRAPH, PARAGRAPH + " Again.")
    )
    assert [(c.kind, c.label, c.title) for c in source.chapters] == [
        ("front_matter", "preface", "Preface"),
        ("chapter", "chapter", "The Rain"),
        ("chapter", "chapter", "The Flood"),
    ]
    for chapter in source.chapters:
        assert source.text[chapter.start : chapter.body_start] == chapter.title + "\n"


def test_title_style_is_the_title_when_properties_are_empty(tmp_path: Path) -> None:
    path = build_docx(
        tmp_path / "t.docx", headings=["第一章 开端", "第二章 结局"], title_style="雨夜", properties=False
    )
    source = read_novel(path)
    assert source.title == "雨夜"
    assert [c.number for c in source.body_chapters()] == [1, 2]
    assert source.chapters[0].label == "title_page"


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"%!PS not a word file\n" * 5)
    with pytest.raises(CorruptInputError, match="not a valid docx") as caught:
        read_novel(path)
    assert str(caught.value).startswith(str(path))


def test_truncated_docx(tmp_path: Path) -> None:
    whole = build_docx(tmp_path / "whole.docx", headings=["One"]).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CorruptInputError):
        read_novel(path)


def test_zip_without_document_part(tmp_path: Path) -> None:
    path = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(CorruptInputError, match=r"word/document\.xml is missing"):
        read_novel(path)


def test_damaged_document_xml(tmp_path: Path) -> None:
    whole = build_docx(tmp_path / "whole.docx", headings=["One"]).read_bytes()
    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(io.BytesIO(whole)) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = b"<w:document><broken" if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item, data)
    with pytest.raises(CorruptInputError, match="damaged docx"):
        read_novel(path)


def test_zip_limits_are_checked_before_python_docx(tmp_path: Path) -> None:
    whole = build_docx(tmp_path / "whole.docx", headings=["One"]).read_bytes()
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(io.BytesIO(whole)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item))
        target.writestr("word/media/padding.bin", b"\x00" * (3 * 1024 * 1024))
    with pytest.raises(InputTooLargeError, match="over the limit"):
        read_novel(path, max_bytes=100_000)
