"""Find where characters are named: one compiled pattern over every alias, longest alias first."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: a mention: (start, end, character key)
Mention = tuple[int, int, str]


def _full_width(word: str) -> str:
    """ASCII letters and digits as their full-width forms (阿Q → 阿Ｑ), the way Chinese texts print them."""
    return "".join(chr(ord(ch) + 0xFEE0) if ch.isascii() and ch.isalnum() else ch for ch in word)


def _spaced(match: str) -> str:
    """A matched alias with its line breaks as single spaces, the way the index stores it."""
    return match if " " not in match and match.isprintable() else " ".join(match.split())


@dataclass(frozen=True)
class NameIndex:
    """Every alias of every character, compiled into one pattern that maps a match back to its character."""

    owner: dict[str, str]
    pattern: re.Pattern[str] | None

    @classmethod
    def build(cls, names: Iterable[tuple[str, str]], language: str) -> NameIndex:
        """Index ``(alias, key)`` pairs; an alias claimed by two characters is left out as ambiguous.

        Chinese aliases are also indexed in their NFKC and full-width spellings (阿Q and 阿Ｑ).
        """
        owner: dict[str, str] = {}
        ambiguous: set[str] = set()
        for alias, key in names:
            variants = {alias}
            if language == "zh":
                variants |= {unicodedata.normalize("NFKC", alias), _full_width(unicodedata.normalize("NFKC", alias))}
            for variant in variants:
                variant = " ".join(variant.split()) if language != "zh" else variant.strip()
                if not variant or variant in ambiguous:
                    continue
                if owner.get(variant, key) != key:
                    ambiguous.add(variant)
                    del owner[variant]
                    continue
                owner[variant] = key
        if not owner:
            return cls(owner={}, pattern=None)
        ordered = sorted(owner, key=lambda a: (-len(a), a))
        if language == "zh":
            pattern = re.compile("(?:" + "|".join(re.escape(a) for a in ordered) + ")")
        else:
            # a hard-wrapped line may break "Mrs.\nBennet": any run of white space matches a space
            alternatives = "|".join(r"\s+".join(re.escape(w) for w in a.split()) for a in ordered)
            pattern = re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")
        return cls(owner=owner, pattern=pattern)

    def find(self, text: str, start: int, end: int) -> list[Mention]:
        """Mentions inside ``text[start:end]``, in text order."""
        if self.pattern is None:
            return []
        return [(m.start(), m.end(), self.owner[_spaced(m.group())]) for m in self.pattern.finditer(text, start, end)]

    def find_in(self, text: str, regions: Iterable[tuple[int, int]]) -> list[Mention]:
        """Mentions inside several regions, in text order."""
        found: list[Mention] = []
        for start, end in regions:
            found.extend(self.find(text, start, end))
        return found
