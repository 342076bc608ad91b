"""Fidelity to the source: which plot events the series covers, merges or cuts, how many of its lines
come from the book, and whether the book's signature lines survive.

* covered — a used event (``series/coverage.json``) that at least one script line is drawn from;
* merged — a used event no line is drawn from (told through its neighbours or a summary);
* cut — an event the plan left out; cold open — an event flashed forward at an episode's top.

Signature lines are the book's most charged quotations by its main speakers (dramatic words per
character, :func:`microdrama.adapt.tension.raw_charge`), :data:`SIGNATURE_LINES` of them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from microdrama.adapt.tension import raw_charge
from microdrama.check.project import Project
from microdrama.model import Coverage, Quotes
from microdrama.text.speech_rate import is_chinese

#: how many signature lines the report follows
SIGNATURE_LINES = 10
#: speakers whose lines can be signature lines: the most quoted this many
MAIN_SPEAKERS = 6
#: shortest signature line, in speech units (words or 汉字): a line, not an interjection
MIN_SIGNATURE_CHARS = 12


def fidelity(project: Project) -> dict[str, Any]:
    """Coverage of events, book-versus-new lines and kept signature lines."""
    root: Path = project.root
    coverage = Coverage.load(root / "series/coverage.json") if (root / "series/coverage.json").exists() else None
    quotes = Quotes.load(root / "story/quotes.json") if (root / "story/quotes.json").exists() else None
    scripts = [e.script for e in project.episodes if e.script is not None]
    elements = [el for s in scripts for sc in s.scenes for el in sc.elements if el.kind in ("dialogue", "action")]
    sourced = [el for el in elements if el.source is not None and not el.new]
    spans = sorted((el.source.start, el.source.end) for el in sourced if el.source is not None)
    events = {e.id: e for e in project.events.events} if project.events else {}
    names = {c.id: c.name for c in project.cast.characters} if project.cast else {}

    statuses: Counter[str] = Counter()
    importance: Counter[str] = Counter()
    for entry in coverage.entries if coverage else []:
        status = entry.status
        event = events.get(entry.event)
        if status == "used" and event is not None and not _drawn_from(spans, event.start, event.end):
            status = "merged"
        elif status == "used":
            status = "covered"
        statuses[status] += 1
        importance[status] += event.importance if event is not None else 0.0
    total_events = sum(statuses.values())
    total_importance = sum(importance.values()) or 1.0
    by_kind = Counter(el.kind for el in elements)
    book_by_kind = Counter(el.kind for el in sourced)
    return {
        "source": "series/coverage.json, story/events.json, script/epNNN.fountain + sources.json",
        "events": {
            "total": total_events,
            **{k: statuses.get(k, 0) for k in ("covered", "merged", "cut", "cold_open")},
            "covered_share": round((statuses["covered"] + statuses["cold_open"]) / total_events, 3)
            if total_events
            else None,
            "importance_kept_share": round(
                (importance["covered"] + importance["cold_open"] + importance["merged"]) / total_importance, 3
            )
            if total_events
            else None,
        },
        "lines": {
            "total": len(elements),
            "from_book": len(sourced),
            "new": len(elements) - len(sourced),
            "book_share": round(len(sourced) / len(elements), 3) if elements else None,
            "dialogue_book_share": _ratio(book_by_kind["dialogue"], by_kind["dialogue"]),
            "action_book_share": _ratio(book_by_kind["action"], by_kind["action"]),
        },
        "signature_lines": signature_lines(quotes, scripts, project.bible.language, names) if quotes else [],
    }


def signature_lines(quotes: Quotes, scripts: list[Any], language: str, names: dict[str, str]) -> list[dict[str, Any]]:
    """The book's most charged lines by its main speakers, each marked kept or not (by quote id)."""
    used = {
        el.source.quote
        for s in scripts
        for sc in s.scenes
        for el in sc.elements
        if el.source is not None and el.source.quote and not el.new
    }
    speakers = Counter(q.speaker for q in quotes.quotes if q.speaker != "unknown")
    main = {s for s, _ in speakers.most_common(MAIN_SPEAKERS)}
    lang = "zh" if is_chinese(language) else "en"
    candidates = []
    for quote in quotes.quotes:
        if quote.speaker not in main or len(quote.text) < MIN_SIGNATURE_CHARS:
            continue
        charge, kinds = raw_charge(quote.text, lang)
        if charge > 0:
            candidates.append((-charge, quote.start, quote, sorted(kinds)))
    chosen = sorted(candidates, key=lambda c: (c[0], c[1]))[:SIGNATURE_LINES]
    return [
        {
            "quote": q.id,
            "speaker": names.get(q.speaker, q.speaker),
            "text": q.text,
            "kinds": kinds,
            "charge": round(-charge, 2),
            "kept": q.id in used,
        }
        for charge, _, q, kinds in sorted(chosen, key=lambda c: c[1])
    ]


def _drawn_from(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and e > start for s, e in spans)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None
