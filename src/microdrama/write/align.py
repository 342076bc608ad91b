"""Re-attaching book sources to a parsed (possibly hand-edited) Fountain script.

A parsed element gets the source of the written line whose text it matches — exactly first, then
ignoring whitespace, punctuation and case. Duplicates ("Yes." said twice) are matched in script
order. A dialogue or action block that matches nothing was written or edited by a person: it is
marked ``new``. Transitions and notes are structure, not content, and are left as they are.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from microdrama.model import Element, EpisodeScript, LineSource, ScriptSources, SourceRef
from microdrama.write.timing import time_script

_CONTENT_KINDS = ("dialogue", "action")


def normalise(text: str) -> str:
    """Text without whitespace, punctuation or symbols, case-folded: what an edit of spacing keeps.

    >>> normalise("Come down,  child!") == normalise("come down child")
    True
    """
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if unicodedata.category(c)[0] in "LN")


class _Matcher:
    """Looks lines up by a key, handing out each line once, earliest after the last match first."""

    def __init__(self, lines: list[LineSource], key: str) -> None:
        self._positions: dict[str, list[int]] = defaultdict(list)
        for position, line in enumerate(lines):
            self._positions[normalise(line.text) if key == "normalised" else line.text].append(position)
        self._key = key

    def take(self, text: str, used: set[int], after: int) -> int | None:
        candidates = [
            p for p in self._positions.get(normalise(text) if self._key == "normalised" else text, []) if p not in used
        ]
        if not candidates:
            return None
        return next((p for p in candidates if p > after), candidates[0])


def _with_source(element: Element, line: LineSource) -> Element:
    if line.new:
        return element.model_copy(update={"source": None, "new": True})
    ref = SourceRef(quote=line.quote, start=line.start, end=line.end)
    return element.model_copy(update={"source": ref, "new": False})


def attach_sources(parsed: EpisodeScript, sources: ScriptSources, *, language: str) -> EpisodeScript:
    """The parsed script with each element's source restored where its text matches a written line,
    ``new=True`` on unmatched dialogue and action, and durations estimated throughout."""
    exact = _Matcher(sources.lines, "exact")
    loose = _Matcher(sources.lines, "normalised")
    used: set[int] = set()
    last = -1
    scenes = []
    for scene in parsed.scenes:
        elements = []
        for element in scene.elements:
            position = exact.take(element.text, used, last)
            if position is None:
                position = loose.take(element.text, used, last)
            if position is not None:
                used.add(position)
                last = position
                elements.append(_with_source(element, sources.lines[position]))
            elif element.kind in _CONTENT_KINDS:
                elements.append(element.model_copy(update={"source": None, "new": True}))
            else:
                elements.append(element)
        scenes.append(scene.model_copy(update={"elements": elements}))
    provenance = parsed.provenance.model_copy(update={"stage": "parse"})
    script = parsed.model_copy(update={"scenes": scenes, "language": language, "provenance": provenance})
    return time_script(script)
