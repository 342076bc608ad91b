"""Markdown novels: decoded like text, ``#``/``##`` headings are chapters, text kept raw."""

from __future__ import annotations

from pathlib import Path

from microdrama.ingest import read_novel

PARAGRAPH = "She walked along the shore, thinking of the letter that had come that morning.\n\n" * 6


def test_markdown_headings_are_chapters(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "The Shore"\nauthor: A. Writer\n---\n\n# The Shore\n\n'
        f"## Arrival\n\n{PARAGRAPH}```\n## not a heading, code\n```\n\n## Departure ##\n\n{PARAGRAPH}"
    )
    path = tmp_path / "shore.md"
    path.write_text(text, encoding="utf-8")
    source = read_novel(path)
    assert source.file_format == "md" and source.text == text
    assert (source.title, source.author) == ("The Shore", "A. Writer")
    chapters = source.body_chapters()
    assert [c.title for c in chapters] == ["Arrival", "Departure"]
    for chapter in chapters:
        assert text[chapter.start : chapter.body_start].startswith("## ")
    assert source.chapters[0].label == "title_page"


def test_markdown_top_level_headings_and_crlf(tmp_path: Path) -> None:
    text = "# 第一章 开始\r\n\r\n他来了。\r\n\r\n# 第二章 结束\r\n\r\n他走了。\r\n"
    path = tmp_path / "novel.markdown"
    path.write_bytes(text.encode("gb18030"))
    source = read_novel(path)
    assert (source.encoding, source.text) == ("gb18030", text)
    assert [(c.number, c.title) for c in source.body_chapters()] == [(1, "第一章 开始"), (2, "第二章 结束")]
    assert text[source.chapters[1].start : source.chapters[1].body_start] == "# 第二章 结束\r\n"
