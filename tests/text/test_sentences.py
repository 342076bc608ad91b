"""Paragraph and sentence splitting for English and Chinese, as offsets into the unchanged text."""

from __future__ import annotations

import doctest

from microdrama.text import sentences as module
from microdrama.text.sentences import paragraphs, sentences


def test_doctests() -> None:
    assert doctest.testmod(module).failed == 0


def test_paragraphs_by_blank_lines_and_indents() -> None:
    text = "First line\nstill first.\n\n  \nSecond.\n\u3000\u3000第三段。\n\u3000\u3000第四段。"
    spans = paragraphs(text)
    assert [text[a:b] for a, b in spans] == ["First line\nstill first.", "Second.", "第三段。", "第四段。"]


def test_paragraphs_of_a_region_keep_absolute_offsets() -> None:
    text = "xxxx\n\nOne.\n\nTwo.\n\nyyyy"
    spans = paragraphs(text, 6, 16)
    assert [text[a:b] for a, b in spans] == ["One.", "Two."]


def test_english_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = 'Mr. Darcy met Dr. J. Watson at St. Paul\'s. "Really?" she asked. It was late!\n\nNew paragraph'
    found = [text[a:b] for a, b in sentences(text)]
    assert found == [
        "Mr. Darcy met Dr. J. Watson at St. Paul's.",
        '"Really?" she asked.',
        "It was late!",
        "New paragraph",
    ]


def test_chinese_sentences_keep_closing_quotes() -> None:
    text = "他笑道：“好极了！”她不说话。过了一会儿……又走了"
    found = [text[a:b] for a, b in sentences(text, language="zh")]
    assert found == ["他笑道：“好极了！”", "她不说话。", "过了一会儿……", "又走了"]
