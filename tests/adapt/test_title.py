"""The series title from the title page, the metadata or the file name."""

from __future__ import annotations

import doctest

import pytest

from microdrama.adapt import title
from microdrama.adapt.title import file_title, title_case, title_page


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(title).failed == 0


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["PRIDE.", "and", "PREJUDICE", "by", "Jane Austen,"], "Pride and Prejudice"),
        (["The Great Gatsby", "by", "F. Scott Fitzgerald", "Table of Contents"], "The Great Gatsby"),
        (["THE COUNT OF MONTE CRISTO", "by Alexandre Dumas [père]", "0009m"], "The Count of Monte Cristo"),
        (["ALICE’S ADVENTURES IN WONDERLAND", "Lewis Carroll"], "Alice’s Adventures in Wonderland"),
        (["《红楼梦》"], "红楼梦"),
        (["阿Ｑ正传", "第一章　序"], "阿Ｑ正传"),
        (["It was a dark night.", "Nothing else."], ""),
    ],
)
def test_title_pages(lines: list[str], expected: str) -> None:
    assert title_page(lines) == expected


def test_file_names_lose_their_language_prefix() -> None:
    assert file_title("en_a_study_in_scarlet.txt") == "A Study in Scarlet"
    assert file_title("zh-Hans_novel.epub") == "Novel"
    assert file_title("MyBook.docx") == "MyBook"
    assert title_case("the old man and the sea") == "The Old Man and the Sea"
