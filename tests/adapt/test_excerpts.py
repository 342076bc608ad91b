"""Sentence excerpts: cleaning, splitting and shortening never rewrite the book's words."""

from __future__ import annotations

import doctest

import pytest

from microdrama.adapt import excerpts
from microdrama.adapt.excerpts import clean, sentence_at, shorten


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(excerpts).failed == 0


@pytest.mark.parametrize("limit", [5, 12, 30, 80])
def test_shorten_stays_within_the_limit(limit: int) -> None:
    text = "The wind rose, and the sea, grey and cold, beat on the rocks. Mara ran. Tom followed her."
    short = shorten(text, limit, "en")
    assert 0 < len(short) <= limit
    assert short.rstrip("…") in text


def test_sentence_at_finds_the_sentence_around_an_offset() -> None:
    text = "　　他走了。她笑道：“好！”然后哭了。"
    start, end = sentence_at(text, text.index("笑"), "zh")
    assert text[start:end] == "她笑道：“好！”"
    assert clean(text, "zh").startswith("他走了。")
