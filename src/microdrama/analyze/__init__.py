"""The analyze stage: from the source text to its cast, quotations, places and dramatic events.

Everything here is offline and deterministic. :func:`analyze` is the entry point the pipeline calls;
the pieces (quote finding, cast discovery, attribution, places, events) live in their own modules
so that each can be improved, or replaced by a model-backed version, on its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from microdrama.analyze.aliases import index_pairs
from microdrama.analyze.attribution import AttributionContext, Attributor, RuleAttributor, scene_breaks, vocatives
from microdrama.analyze.cast import (
    CharacterDraft,
    cast_from_known,
    discover_cast,
    finalize_cast,
    min_mentions_for,
    to_characters,
)
from microdrama.analyze.embedded import embedded_narrations
from microdrama.analyze.events import EventInputs, find_events
from microdrama.analyze.mentions import Mention, NameIndex
from microdrama.analyze.names_zh import segment
from microdrama.analyze.narrator import identify_narrator, is_first_person
from microdrama.analyze.places import find_places
from microdrama.analyze.quotes import find_quotes, is_quoted_term
from microdrama.ingest.layout import paragraphs, story_layout
from microdrama.model import UNKNOWN_SPEAKER, Cast, Events, Places, Provenance, Quote, Quotes, Source

__all__ = ["AttributionContext", "Attributor", "RuleAttributor", "analyze", "story_regions"]

#: "[Illustration: …]" captions and similar editorial blocks inside chapters are not story
_EDITORIAL = re.compile(r"\[(?:Illustration|Footnote|Transcriber)[^\]]*\]", re.IGNORECASE)


def analyze(
    source: Source,
    *,
    known_cast: list[dict[str, Any]] | None = None,
    attributors: Sequence[Attributor] | None = None,
) -> tuple[Cast, Quotes, Places, Events]:
    """Analyse a novel: characters, quotations with speakers, places, and dramatic events.

    Args:
        source: the ingested novel; offsets in every result index ``source.text``.
        known_cast: use these characters (``[{id, name, aliases, gender}]``) instead of discovering
            them; their ids are kept.
        attributors: speaker attribution steps run in order (default: the rule-based one).

    Returns:
        ``(cast, quotes, places, events)``, each with ``provenance.stage == "analyze"``.

    Raises:
        PipelineError: ``known_cast`` is malformed.
    """
    text = source.text
    language = "zh" if source.language == "zh" else "en"
    regions = story_regions(source)
    layout = story_layout(source)
    tokens = segment(text, regions) if language == "zh" else None
    quotes = find_quotes(source)
    if known_cast is not None:
        drafts = cast_from_known(known_cast)
    else:
        drafts = discover_cast(text, regions, language, tokens=tokens)
    narrator = _narrator_draft(source, language, quotes, regions, drafts) if known_cast is None else None
    if known_cast is not None:
        # a given cast lists few names: "Hercule Poirot" is also "Poirot", "Elizabeth" also "Lizzy"
        names = NameIndex.build(index_pairs(((d.key, d.all_names()) for d in drafts), language), language)
    else:
        names = NameIndex.build(((alias, d.key) for d in drafts for alias in d.all_names()), language)
    mentions = names.find_in(text, regions)
    if narrator is not None and narrator not in drafts:
        drafts.append(narrator)  # the unnamed narrator: "Narrator" / "我" is not looked for in the text
    genders = {d.key: d.gender for d in drafts}
    context = AttributionContext(
        text=text,
        language=language,
        genders=genders,
        mentions=mentions,
        paragraphs=[p for c in source.body_chapters() for p in paragraphs(text, c.body_start, c.end, layout=layout)],
        names=names,
        he_is_neutral=language == "zh" and text.count("她") * 20 < text.count("他"),
    )
    if narrator is not None:
        context.narrator = narrator.key
    elif known_cast is not None:
        context.narrator = _known_narrator(context, quotes, regions)
    if language == "en":
        breaks = sorted({c.end for c in source.body_chapters()} | set(scene_breaks(text)))
        spans = [(q.start, q.end) for q in quotes]
        context.embedded = embedded_narrations(text, context.paragraphs, spans, mentions, breaks, context.narrator)
    for attributor in attributors if attributors is not None else [RuleAttributor()]:
        quotes = attributor.attribute(quotes, context)
    mapping = finalize_cast(
        drafts,
        Counter(key for _, _, key in mentions),
        Counter(q.speaker for q in quotes if q.speaker != UNKNOWN_SPEAKER),
    )
    quotes = [_renamed(q, mapping) for q in quotes]
    renamed_mentions: list[Mention] = [(a, b, mapping[key]) for a, b, key in mentions]
    provenance = Provenance(stage="analyze")
    cast = Cast(characters=to_characters(drafts, mapping), provenance=provenance)
    places = find_places(
        text,
        regions,
        language,
        character_names={n for d in drafts for n in d.all_names()},
        min_mentions=min_mentions_for(sum(b - a for a, b in regions)),
        tokens=tokens,
    )
    events = find_events(
        EventInputs(
            text=text,
            language=language,
            chapters=source.body_chapters(),
            quotes=quotes,
            mentions=renamed_mentions,
            places=places,
            importance={c.id: c.importance for c in cast.characters},
            layout=layout,
        )
    )
    return (
        cast,
        Quotes(quotes=quotes, provenance=provenance),
        Places(places=places, provenance=provenance),
        Events(events=events, provenance=provenance),
    )


def story_regions(source: Source) -> list[tuple[int, int]]:
    """The spans of ``source.text`` that are story: chapter bodies without editorial blocks."""
    regions: list[tuple[int, int]] = []
    for chapter in source.body_chapters():
        cursor = chapter.body_start
        for block in _EDITORIAL.finditer(source.text, chapter.body_start, chapter.end):
            if block.start() > cursor:
                regions.append((cursor, block.start()))
            cursor = block.end()
        if chapter.end > cursor:
            regions.append((cursor, chapter.end))
    return regions


def _renamed(quote: Quote, mapping: dict[str, str]) -> Quote:
    speaker = mapping.get(quote.speaker, quote.speaker)
    return quote.model_copy(update={"speaker": speaker, "addressees": [mapping.get(a, a) for a in quote.addressees]})


def _narrator_draft(
    source: Source, language: str, quotes: list[Quote], regions: list[tuple[int, int]], drafts: list[CharacterDraft]
) -> CharacterDraft | None:
    """In a first-person book, the narrator's character: a discovered one others call by that name
    (it takes the forms found, "Dr. Watson"), a new one, or the unnamed narrator."""
    text = source.text
    if not is_first_person(text, language, quotes, regions):
        return None
    story = source.body_chapters()
    opening = text[: story[0].body_start + 200] if story else ""
    identity = identify_narrator(
        text, language, quotes, regions, headings=[opening], chapters=[(c.start, c.end) for c in story]
    )
    if identity.named:
        wanted = {identity.name, *identity.aliases}
        matches = [d for d in drafts if set(d.all_names()) & wanted]
        if not matches and language != "zh":
            # "Dr. Watson" found, the cast has "John Watson": the one character of that surname
            core = identity.name.split()[-1]
            matches = [d for d in drafts if any(n.split()[-1:] == [core] for n in d.all_names())]
        if len(matches) > 1 and language != "zh":
            # "Nick" and "Mr. Carraway" were discovered apart: the narrator's names make them one
            first = next((d for d in matches if identity.name in d.all_names()), matches[0])
            for other in matches:
                if other is not first:
                    first.aliases.extend(n for n in other.all_names() if n not in first.all_names())
                    drafts.remove(other)
            matches = [first]
        if len(matches) == 1:
            draft = matches[0]
            draft.aliases.extend(a for a in sorted(wanted) if a not in draft.all_names())
            draft.role = "narrator"
            return draft
        draft = CharacterDraft(key="narrator", name=identity.name, aliases=identity.aliases, role="narrator")
        drafts.append(draft)
        return draft
    return CharacterDraft(key="narrator", name=identity.name, aliases=[], role="narrator")


def _known_narrator(context: AttributionContext, quotes: list[Quote], regions: list[tuple[int, int]]) -> str | None:
    """With a given cast, in a first-person book: the listed character others address by name but the
    narration hardly names (named at least 70% of the time inside dialogue, most often addressed)."""
    text, language = context.text, context.language
    if not is_first_person(text, language, quotes, regions):
        return None
    speech = [q for q in quotes if not is_quoted_term(text, q, language)]
    spans = [(q.start, q.end) for q in speech]
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    cursor = 0
    for start, _, key in context.mentions:
        while cursor < len(spans) and spans[cursor][1] <= start:
            cursor += 1
        total[key] += 1
        if cursor < len(spans) and spans[cursor][0] <= start:
            inside[key] += 1
    addressed = Counter(key for q in speech for key in vocatives(q, context))
    for start, end, key in context.mentions:
        # ", Watson," / ", Watson." inside dialogue: being spoken to
        if text[start - 2 : start] == ", " and text[end : end + 1] in (",", ".", "!", "?", "”", '"', "’"):
            addressed[key] += 1
    ranked = sorted(
        (key for key in total if total[key] >= 3 and inside[key] * 10 >= total[key] * 7),
        key=lambda key: (-addressed[key], -inside[key], key),
    )
    return ranked[0] if ranked else None
