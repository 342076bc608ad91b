"""Verbatim comparison of a line with the book: whitespace runs collapse, the quotation marks around a
line are not part of it; every other character must match."""

from __future__ import annotations

#: quotation marks a kept line may carry around it (they are the book's punctuation, not the words)
QUOTE_MARKS = "\"'“”‘’「」『』«»"


def squeeze(text: str) -> str:
    """``text`` with whitespace runs collapsed and the quotation marks around it removed.

    >>> squeeze('  “Come  down,\\n child!”  ')
    'Come down, child!'
    """
    return " ".join(text.split()).strip(QUOTE_MARKS + " ")


def occurs_in(line: str, text: str) -> bool:
    """Whether ``line`` occurs word for word in ``text``.

    >>> occurs_in('"Who sent you?"', 'She asked: “Who sent you?” He said nothing.')
    True
    >>> occurs_in("Who sent you", "Who sends you?")
    False
    """
    wanted = squeeze(line)
    return bool(wanted) and wanted in " ".join(text.split())
