"""A script line's words as shown or said: emphasis marks dropped, sentences, captions run together."""

from __future__ import annotations

import re

from microdrama.formats._common import is_chinese

_EMPHASIS = re.compile(r"(?<![\w*])([_*]{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def plain(text: str) -> str:
    """Text as shown or said: the novel's emphasis marks dropped (``_what_`` → ``what``, ``*so*`` → ``so``).

    >>> plain("I said _what_ and *so*")
    'I said what and so'
    """
    return _EMPHASIS.sub(r"\2", text)


_SENTENCE = re.compile(r"[^.!?。！？；…]+[.!?。！？；…]*[”’\"'」』]*\s*")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Mme|Mlle|Messrs|Capt|Col|Gen|Rev|Prof|Sr|Jr|No|vs)|(?<![\w.])[A-Z])\.\s*$")


def sentences(text: str) -> list[str]:
    """Sentences with their closing marks and spaces, never ending on "Mr." or an initial ("M. Morrel").

    >>> sentences("Mr. Holmes came. He sat.")
    ['Mr. Holmes came. ', 'He sat.']
    """
    out: list[str] = []
    for piece in _SENTENCE.findall(text):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def join_text(texts: list[str], language: str) -> str:
    """Captions run together: with a space, or without one in Chinese.

    >>> join_text(["Go.", " Now "], "en"), join_text(["走。", "快"], "zh-Hans")
    ('Go. Now', '走。快')
    """
    return ("" if is_chinese(language) else " ").join(t.strip() for t in texts if t.strip())
