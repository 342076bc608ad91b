"""Breakdown lexicons: props, wardrobe, vehicles, effects and extras found in action lines (zh/en, user-extendable).

The packaged lexicons (``shoot/lexicons/en.yaml``, ``zh.yaml``) map each category to entries; an entry
is a name, or ``name: [alias, ...]``. A project's ``shoot/lexicon.yaml`` with the same categories adds
entries (for every language). English matches whole words, case-insensitively, plurals included.
Chinese matches longest terms first so that 火车 is a vehicle and not a fire; one-character terms
(信, 伞) must be a whole jieba word, so 相信 is not a letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from microdrama.shoot.shoot_model import ShootPlanningError

CATEGORIES: tuple[str, ...] = ("props", "wardrobe", "vehicles", "sfx", "extras")


@dataclass(frozen=True)
class Lexicon:
    """Terms per category: (category, element name, surface form) triples, longest surface first."""

    terms: tuple[tuple[str, str, str], ...]
    chinese: bool

    def find(self, text: str) -> dict[str, list[str]]:
        """Element names per category found in ``text``, in order of first occurrence."""
        found: dict[str, list[tuple[int, str]]] = {c: [] for c in CATEGORIES}
        if self.chinese:
            spans = _match_chinese(text, self.terms)
        else:
            spans = _match_english(text, self.terms)
        for start, category, name in spans:
            if name not in (n for _, n in found[category]):
                found[category].append((start, name))
        return {c: [n for _, n in sorted(items)] for c, items in found.items()}


def _match_english(text: str, terms: tuple[tuple[str, str, str], ...]) -> list[tuple[int, str, str]]:
    taken = [False] * len(text)
    out: list[tuple[int, str, str]] = []
    for category, name, surface in terms:
        for match in _english_pattern(surface).finditer(text):
            if any(taken[match.start() : match.end()]):
                continue
            taken[match.start() : match.end()] = [True] * (match.end() - match.start())
            out.append((match.start(), category, name))
    return out


@lru_cache(maxsize=4096)
def _english_pattern(surface: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in surface.split())
    return re.compile(rf"(?<![\w-]){words}(?:s|es)?(?![\w-])", re.IGNORECASE)


def _match_chinese(text: str, terms: tuple[tuple[str, str, str], ...]) -> list[tuple[int, str, str]]:
    taken = [False] * len(text)
    out: list[tuple[int, str, str]] = []
    words: set[tuple[int, int]] | None = None
    for category, name, surface in terms:
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(taken[start:end]):
                if len(surface) == 1:
                    if words is None:
                        words = _jieba_spans(text)
                    ok = (start, end) in words
                else:
                    ok = True
                if ok:
                    taken[start:end] = [True] * (end - start)
                    out.append((start, category, name))
            start = text.find(surface, start + 1)
    return out


def _jieba_spans(text: str) -> set[tuple[int, int]]:
    import jieba

    jieba.setLogLevel(60)
    spans: set[tuple[int, int]] = set()
    position = 0
    for word in jieba.lcut(text, HMM=False):
        spans.add((position, position + len(word)))
        position += len(word)
    return spans


def load_lexicon(language: str, user_file: Path | None = None) -> tuple[Lexicon, list[str]]:
    """The packaged lexicon for ``language`` plus the user's file; also the sources used, for the record."""
    chinese = language.lower().startswith("zh")
    code = "zh" if chinese else "en"
    sources = [f"microdrama:shoot/lexicons/{code}.yaml"]
    text = resources.files("microdrama.shoot").joinpath("lexicons", f"{code}.yaml").read_text(encoding="utf-8")
    entries = _entries(_parse(text, where=sources[0]), where=sources[0])
    if user_file is not None:
        try:
            user_text = user_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ShootPlanningError(f"{user_file}: cannot read the lexicon ({exc})") from exc
        entries += _entries(_parse(user_text, where=str(user_file)), where=str(user_file))
        sources.append("shoot/lexicon.yaml")
    unique = sorted(set(entries), key=lambda t: (-len(t[2]), t[2].lower(), t[0], t[1]))
    return Lexicon(terms=tuple(unique), chinese=chinese), sources


def _parse(text: str, *, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ShootPlanningError(f"{where}: not valid YAML ({exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ShootPlanningError(f"{where}: expected a mapping of categories ({', '.join(CATEGORIES)})")
    unknown = sorted(str(k) for k in data if k not in CATEGORIES)
    if unknown:
        raise ShootPlanningError(
            f"{where}: unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)}; use {', '.join(CATEGORIES)}"
        )
    return data


def _entries(data: dict[str, Any], *, where: str) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for category, items in data.items():
        if items is None:
            continue
        if not isinstance(items, list):
            raise ShootPlanningError(f"{where}: {category} must be a list of entries")
        for item in items:
            if isinstance(item, str | int):
                name = str(item).strip()
                aliases: list[Any] = []
            elif isinstance(item, dict) and len(item) == 1:
                key, value = next(iter(item.items()))
                name = str(key).strip()
                aliases = value if isinstance(value, list) else [value] if value else []
            else:
                raise ShootPlanningError(f"{where}: {category}: entry {item!r} is neither a name nor 'name: [aliases]'")
            for surface in [name, *aliases]:
                surface = str(surface).strip()
                if surface:
                    out.append((category, name, surface))
    return out
