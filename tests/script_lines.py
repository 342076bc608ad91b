"""A line of a produced episode the studio tests edit as a writer would, whatever the writer wrote."""

from __future__ import annotations

import re


def first_action(text: str) -> str:
    """The first action line of a Fountain episode: a one-line paragraph of prose (not a title, synopsis,
    heading, transition, cue or speech)."""
    for paragraph in re.split(r"\n\s*\n", text):
        lines = paragraph.strip().splitlines()
        if len(lines) != 1:
            continue
        line = lines[0]
        if line[:1].isupper() and re.search(r"[a-z]", line) and not re.match(r"(?:INT|EXT|EST|I/E)[ .]", line):
            return line
    raise AssertionError("the episode has no action line")
