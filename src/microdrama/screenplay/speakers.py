"""Who speaks and who is named: script cues and action text resolved to bible cast ids."""

from __future__ import annotations

import re

from microdrama.model.script import Element, EpisodeScript
from microdrama.model.series import Bible

#: words in names that never name anyone on their own ("Mrs Bennet" is not called "Mrs")
HONORIFICS = {
    "mr",
    "mrs",
    "miss",
    "ms",
    "dr",
    "sir",
    "lady",
    "lord",
    "madame",
    "mme",
    "monsieur",
    "mademoiselle",
    "mlle",
    "aunt",
    "uncle",
    "the",
}

#: element kinds that take screen time in the animatic (transitions and notes do not)
TIMED_KINDS = ("action", "dialogue")


def element_id(scene: int, index: int) -> str:
    """Stable id of a script element: scene and 1-based position, e.g. '002-005'."""
    return f"{scene:03d}-{index:03d}"


class CastIndex:
    """Finds cast ids by cue (``RUTH``, ``AUNT RUTH``) and by names mentioned in action text."""

    def __init__(self, bible: Bible) -> None:
        self.names: dict[str, str] = {}
        self.lowercase_names = {p.name for p in bible.characters if p.name[:1].islower()}  # "the cook"
        tokens: dict[str, set[str]] = {}
        for person in bible.characters:
            self.names[person.name.upper()] = person.id
            for token in re.split(r"[\s·.]+", person.name):
                if token.isascii() and (len(token) < 3 or not token[0].isupper() or token.lower() in HONORIFICS):
                    continue  # "the cook" is not called "The", nor "Mrs Bennet" "Mrs"
                if token:
                    tokens.setdefault(token.upper(), set()).add(person.id)
        for token, ids in tokens.items():
            if len(ids) == 1 and token not in self.names:
                self.names[token] = next(iter(ids))
        self._pattern = (
            re.compile("|".join(re.escape(n) for n in sorted(self.names, key=len, reverse=True)), re.IGNORECASE)
            if self.names
            else None
        )

    def speaker(self, element: Element) -> str | None:
        """Cast id of a dialogue element's speaker, or None when the cue names nobody in the bible."""
        if element.character_id:
            return element.character_id
        cue = (element.character or "").upper().strip()
        if not cue:
            return None
        if cue in self.names:
            return self.names[cue]
        for part in cue.split():
            if part in self.names:
                return self.names[part]
        return None

    def mentioned(self, text: str) -> list[str]:
        """Cast ids named in ``text``, in order of first mention."""
        if self._pattern is None:
            return []
        found: list[str] = []
        for match in self._pattern.finditer(text):
            word = match.group(0)
            if word.isascii():
                start, end = match.start(), match.end()
                if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                    continue
                if not word[0].isupper() and word not in self.lowercase_names:
                    continue
            cast_id = self.names[word.upper()]
            if cast_id not in found:
                found.append(cast_id)
        return found


def timed_elements(script: EpisodeScript) -> list[tuple[str, int, Element]]:
    """(element id, scene number, element) for every element that takes screen time, in order."""
    out = []
    for scene in script.scenes:
        for index, element in enumerate(scene.elements, start=1):
            if element.kind in TIMED_KINDS and element.text.strip():
                out.append((element_id(scene.number, index), scene.number, element))
    return out
