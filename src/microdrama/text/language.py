"""The language of a book: told once, at ingest, and carried down the chain as one :class:`Language` value.

Chinese is told from English (or neither), and Simplified from Traditional characters, on a sample. Large texts are sampled in evenly spaced windows so the cost does not grow with the book. Simplified
vs Traditional uses OpenCC: a character that ``t2s`` changes is Traditional-only, one that ``s2t``
changes is Simplified-only; the side with more occurrences wins.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import opencc

from microdrama.model.source import Source
from microdrama.text import sentences as _sentences
from microdrama.text import speech_rate
from microdrama.text.tags import CJK_IDEOGRAPHS, is_chinese, is_cjk, is_traditional, subtags

LanguageCode = Literal["zh", "en", "und"]
Script = Literal["Hans", "Hant"]

_WINDOWS = 16
_WINDOW_CHARS = 8_000
_HAN = re.compile(f"[{CJK_IDEOGRAPHS}]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# fmt: off
_ENGLISH_WORDS = frozenset((
    "the", "of", "and", "to", "a", "in", "that", "he", "she", "it", "was", "i", "you", "his", "her", "is", "for",
    "with", "as", "had", "on", "at", "be", "not", "but", "by", "they", "this", "have", "from", "which", "or", "we",
    "my", "him", "all", "were", "said", "one", "so", "there", "what", "been", "if", "when", "would", "an", "no",
    "their", "me", "them", "are", "will", "who", "do", "could", "your", "up", "out", "into", "then",
))
# fmt: on


@dataclass(frozen=True)
class LanguageGuess:
    """Main language of a text and, for Chinese, its script."""

    language: LanguageCode
    script: Script | None


@dataclass(frozen=True)
class Language:
    """A language as the chain uses it: its tag, script, word joiner, sentences and speech rate.

    Decided once, at ingest (``Source.language`` and ``Source.script``), written into the bible's
    ``language`` tag, and rebuilt from that tag wherever text is joined, split or timed.

    >>> zh = Language.of("zh-Hant")
    >>> zh.code, zh.script, zh.is_chinese, zh.is_traditional, repr(zh.joiner)
    ('zh', 'Hant', True, True, "''")
    >>> Language.of("en").join(["Go.", " ", "Now."]), zh.join(["走。", "快"])
    ('Go. Now.', '走。快')
    >>> Language.of("zh-Hans").sentences("他来了；她走了。")
    ['他来了；', '她走了。']
    """

    tag: str

    @staticmethod
    @functools.cache
    def of(tag: str) -> Language:
        """The language of a BCP 47 tag ('en', 'zh-Hans', 'zh-Hant-HK')."""
        return Language(tag)

    @staticmethod
    def of_source(source: Source) -> Language:
        """The language ingest found: 'en', 'zh-Hans' or 'zh-Hant' (English for undetermined text)."""
        return Language.of(f"zh-{source.script or 'Hans'}" if source.language == "zh" else "en")

    @property
    def code(self) -> str:
        """The primary subtag: 'zh', 'en'."""
        return subtags(self.tag)[0]

    @property
    def is_chinese(self) -> bool:
        """Written in Chinese characters (no spaces between words)."""
        return is_chinese(self.tag)

    @property
    def is_traditional(self) -> bool:
        """Traditional Chinese characters."""
        return is_traditional(self.tag)

    @property
    def script(self) -> Script | None:
        """'Hans' or 'Hant' for Chinese, None otherwise."""
        if not self.is_chinese:
            return None
        return "Hant" if self.is_traditional else "Hans"

    @property
    def joiner(self) -> str:
        """What goes between two pieces of text: a space, or nothing in Chinese."""
        return "" if self.is_chinese else " "

    def join(self, pieces: Iterable[str]) -> str:
        """Pieces run together with the joiner, each stripped, empty ones dropped."""
        return self.joiner.join(p.strip() for p in pieces if p.strip())

    def sentences(self, text: str, *, semicolons: bool = True) -> list[str]:
        """Sentences of a short text to say or show one by one (see :func:`~microdrama.text.sentences.sentence_texts`)."""
        return _sentences.sentence_texts(text, language="zh" if self.is_chinese else "en", semicolons=semicolons)

    def speech_ms(self, text: str) -> int:
        """Time to say ``text`` aloud (see :mod:`microdrama.text.speech_rate`)."""
        return speech_rate.speech_ms(text, self.tag)

    @staticmethod
    def is_cjk(char: str) -> bool:
        """Whether ``char`` is a CJK ideograph."""
        return is_cjk(char)


def sample_text(text: str, windows: int = _WINDOWS, window_chars: int = _WINDOW_CHARS) -> str:
    """Evenly spaced windows of ``text`` joined together (the whole text when it is short).

    >>> sample_text("abcdef", windows=2, window_chars=2)
    'abef'
    """
    if len(text) <= windows * window_chars:
        return text
    step = (len(text) - window_chars) // (windows - 1)
    return "".join(text[i * step : i * step + window_chars] for i in range(windows))


def detect_language(text: str) -> LanguageGuess:
    """Guess the main language (zh, en or und) and, for Chinese, Hans or Hant.

    >>> detect_language("他说：我们走吧。").language
    'zh'
    >>> detect_language("It was the best of times, it was the worst of times.").language
    'en'
    """
    sample = sample_text(text)
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    words = _LATIN_WORD.findall(sample)
    latin_letters = sum(len(w) for w in words)
    if han + kana + hangul < 2 and latin_letters < 10:
        return LanguageGuess("und", None)  # too little text to tell
    # A Han character carries about as much as a short English word, so compare it with letters / 2.
    if han >= latin_letters / 2 and han >= 10 * (kana + hangul):
        return LanguageGuess("zh", detect_script(sample))
    if latin_letters > 2 * (han + kana + hangul) and words:
        english = sum(1 for w in words if w.lower() in _ENGLISH_WORDS)
        if english / len(words) >= 0.15:
            return LanguageGuess("en", None)
    return LanguageGuess("und", None)


def detect_script(text: str) -> Script:
    """Simplified (Hans) or Traditional (Hant) for Chinese text; Hans when nothing tells them apart.

    >>> detect_script("後來這個國家")
    'Hant'
    >>> detect_script("后来这个国家")
    'Hans'
    """
    counts = Counter(_HAN.findall(text))
    if not counts:
        return "Hans"
    chars = sorted(counts)
    joined = "\n".join(chars)
    to_simplified = _converter("t2s").convert(joined).split("\n")
    to_traditional = _converter("s2t").convert(joined).split("\n")
    if len(to_simplified) != len(chars) or len(to_traditional) != len(chars):
        # OpenCC kept every separator so far; if it ever does not, fall back to one call per character.
        to_simplified = [_converter("t2s").convert(c) for c in chars]
        to_traditional = [_converter("s2t").convert(c) for c in chars]
    traditional = sum(counts[c] for c, s in zip(chars, to_simplified, strict=True) if s != c)
    simplified = sum(counts[c] for c, t in zip(chars, to_traditional, strict=True) if t != c)
    return "Hant" if traditional > simplified else "Hans"


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)
