"""Per-platform metadata: series and episode titles, descriptions, tags, free/paid flags and the filing
number, each cut to the platform's limit at a word or phrase boundary, with every cut reported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from microdrama.release.profile import Profile

# where a phrase may end: CJK and Latin punctuation, then spaces
_BREAKS = (re.compile(r"[。！？!?；;]"), re.compile(r"[，、,：:）)」』》]"), re.compile(r"\s"))


@dataclass
class Truncation:
    """One text that was cut to fit."""

    field: str
    limit: int
    original: str
    kept: str


@dataclass
class Fitter:
    """Cuts texts to limits and remembers what it cut."""

    cuts: list[Truncation] = field(default_factory=list)

    def fit(self, name: str, text: str, limit: int) -> str:
        """``text`` within ``limit`` characters (0 = no limit), cut at the last phrase or word boundary."""
        text = text.strip()
        if not limit or len(text) <= limit:
            return text
        kept = truncate(text, limit)
        self.cuts.append(Truncation(name, limit, text, kept))
        return kept

    def fit_first(self, name: str, forms: list[str], limit: int) -> str:
        """The first of ``forms`` (longest, fullest first) within ``limit``, else the last one cut; a form
        other than the first is reported as a cut of the first."""
        forms = [f.strip() for f in forms]
        for form in forms:
            if not limit or len(form) <= limit:
                if form != forms[0]:
                    self.cuts.append(Truncation(name, limit, forms[0], form))
                return form
        kept = truncate(forms[-1], limit)
        self.cuts.append(Truncation(name, limit, forms[0], kept))
        return kept


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters: at a sentence end, else a clause, else a space, else hard.

    An ellipsis marks a cut inside a sentence; a boundary in the first half of the room is not used.
    """
    if len(text) <= limit:
        return text
    room = text[:limit]
    for i, pattern in enumerate(_BREAKS):
        ends = [m.end() for m in pattern.finditer(room)]
        ends = [e for e in ends if e >= limit // 2]
        if ends:
            cut = room[: ends[-1]].rstrip(" ，、,：:;；")
            if i == 0:
                return cut
            return cut[: limit - 1].rstrip() + "…"
    return room[: limit - 1].rstrip() + "…"


def episode_title(profile: Profile, series: str, episode: int, title: str, language: str = "zh") -> str:
    """The episode's display title in the series' language: ``剧名 第N集 标题`` or ``Series · Ep N: Title``
    (without ``series``: ``第N集 标题`` or ``Ep N: Title``)."""
    if language.lower().startswith("zh"):
        return f"{series} 第{episode}集 {title}".strip()
    head = f"{series} · Ep {episode}" if series else f"Ep {episode}"
    return f"{head}: {title}".strip().rstrip(":")


def build_metadata(
    profile: Profile,
    *,
    series: str,
    logline: str,
    synopsis: str,
    genre: list[str],
    episodes: list[dict[str, Any]],
    language: str,
    filing_number: str,
) -> tuple[dict[str, Any], list[Truncation]]:
    """The platform's ``metadata.json`` content and the texts that had to be cut.

    ``episodes``: dicts with ``number``, ``title``, ``synopsis``, ``free``, ``file``.
    """
    t = profile.text
    fitter = Fitter()
    tags = [g.strip().lstrip("#") for g in genre if g.strip()][: t.tags or None]
    doc: dict[str, Any] = {
        "platform": profile.id,
        "platform_name": profile.name,
        "language": language,
        "series_title": fitter.fit("series_title", series, t.series_title),
        "description": fitter.fit("description", synopsis or logline, t.description),
        "tags": tags,
        "episode_count": len(episodes),
        "filing_number": filing_number,
        "episodes": [],
    }
    if t.recommendation:
        doc["recommendation"] = fitter.fit("recommendation", logline, t.recommendation)
    for ep in episodes:
        n = ep["number"]
        doc["episodes"].append(
            {
                "number": n,
                # too long with the series' name (shown apart anyway): without it, before cutting the title
                "title": fitter.fit_first(
                    f"episodes[{n}].title",
                    [episode_title(profile, s, n, ep["title"], language) for s in (series, "")],
                    t.episode_title,
                ),
                "description": fitter.fit(f"episodes[{n}].description", ep.get("synopsis", ""), t.description),
                "free": ep["free"],
                "file": ep["file"],
            }
        )
    return doc, fitter.cuts
