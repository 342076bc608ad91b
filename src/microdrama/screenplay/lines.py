"""A script line's words as shown or said: emphasis marks dropped, sentences, captions run together."""

from __future__ import annotations

import re

from microdrama.text.language import Language

_EMPHASIS = re.compile(r"(?<![\w*])([_*]{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def plain(text: str) -> str:
    """Text as shown or said: the novel's emphasis marks dropped (``_what_`` → ``what``, ``*so*`` → ``so``).

    >>> plain("I said _what_ and *so*")
    'I said what and so'
    """
    return _EMPHASIS.sub(r"\2", text)


def sentences(text: str, language: str) -> list[str]:
    """Sentences to say or show one by one, with the spaces after them; a full-width "；" ends one too.

    The one sentence splitter (:func:`microdrama.text.sentences.sentences`): never ends on "Mr." or
    an initial ("M. Morrel").

    >>> sentences("Mr. Holmes came. He sat.", "en")
    ['Mr. Holmes came. ', 'He sat.']
    >>> sentences("他来了；她走了。", "zh-Hans")
    ['他来了；', '她走了。']
    """
    return Language.of(language).sentences(text)


def join_text(texts: list[str], language: str) -> str:
    """Captions run together: with a space, or without one in Chinese.

    >>> join_text(["Go.", " Now "], "en"), join_text(["走。", "快"], "zh-Hans")
    ('Go. Now', '走。快')
    """
    return Language.of(language).join(texts)
