"""jieba's word tables (frequency and part of speech), loaded once and shared by the Chinese name finders."""

from __future__ import annotations

import jieba
import jieba.posseg


def dictionary() -> dict[str, int]:
    """jieba's word → frequency table (loaded once)."""
    return _dictionary()


def jieba_word_tags() -> dict[str, str]:
    """jieba's word → part-of-speech tag table."""
    _dictionary()
    return jieba.posseg.dt.word_tag_tab


def _dictionary() -> dict[str, int]:
    if not jieba.dt.initialized:
        jieba.dt.initialize()
    freq: dict[str, int] = jieba.dt.FREQ
    return freq
