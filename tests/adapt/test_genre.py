"""Genre tags from word lists."""

from __future__ import annotations

import doctest

from microdrama.adapt import genre
from microdrama.adapt.genre import genre_tags


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(genre).failed == 0


def test_chinese_lexicon() -> None:
    assert genre_tags("神仙和妖精斗法，大圣使出神通，天兵天将都来了。" * 3, "zh")[0] == "fantasy"


def test_no_genre_words_no_tags() -> None:
    assert genre_tags("The table stood in the room.", "en") == []
