"""The episode plan: episodes cut from the story, each with its events, beats, title and cliffhanger."""

from __future__ import annotations

from microdrama.adapt.beats import BEAT_CHARS, beat_text, episode_title, make_beats
from microdrama.adapt.defects import is_peak, peak_excerpt, says_i
from microdrama.adapt.estimate import COLD_OPEN_MS, event_runtimes
from microdrama.adapt.excerpts import clean, sentence_spans, shorten
from microdrama.adapt.screen import screen_direction
from microdrama.adapt.segment import (
    FULL_SAFETY,
    TOLERANCE,
    cold_open_event,
    episode_count,
    paywall_episode,
    segment,
)
from microdrama.adapt.spoken import spoken_text
from microdrama.adapt.tension import rescored, score_events
from microdrama.errors import PipelineError
from microdrama.model import (
    UNKNOWN_SPEAKER,
    Cast,
    Chapter,
    EpisodePlan,
    Event,
    Events,
    Plan,
    Provenance,
    Quote,
    Quotes,
    Source,
)


def story_order(events: Events) -> list[Event]:
    """Events sorted by where they start in the text (the analysis should already give them so)."""
    return sorted(events.events, key=lambda e: (e.start, e.end, e.id))


def chapter_openers(source: Source, events: list[Event]) -> dict[str, Chapter]:
    """Event id of the first event of each story chapter -> that chapter."""
    chapters = {c.index: c for c in source.body_chapters()}
    openers: dict[str, Chapter] = {}
    seen: set[int] = set()
    for event in events:
        if event.chapter in chapters and event.chapter not in seen:
            seen.add(event.chapter)
            openers[event.id] = chapters[event.chapter]
    return openers


def event_peaks(event: Event, quotes_by_id: dict[str, Quote], source: Source, language: str) -> list[tuple[str, int]]:
    """The event's peak lines as (text, source offset) in story order: its attributed speeches that are
    peaks by content (cut to their peak sentence), then — when it has none — its narration sentences
    that are as the writer shows them (screen directions: outside quotation marks, not the narrator's
    "I", present tense, short)."""
    spoken = sorted((quotes_by_id[q] for q in event.quotes if q in quotes_by_id), key=lambda q: q.start)
    found: list[tuple[str, int]] = []
    for quote in spoken:
        words = spoken_text(quote, source, language)  # as the writer will say it: seams mended
        if quote.speaker != UNKNOWN_SPEAKER and len(words) > 3 and is_peak(words, "dialogue", language):
            found.append((shorten(peak_excerpt(words, language), BEAT_CHARS, language), quote.start))
    if found:
        return found
    inside = [(q.start, q.end) for q in spoken]
    text = source.text
    for start, end in sentence_spans(text, event.start, event.end, language):
        sentence = clean(text[start:end], language)
        outside = not any(a < end and start < b for a, b in inside)
        if not outside or says_i(sentence, language):
            continue
        shown = screen_direction(sentence, language)  # as the writer shows it: present tense, short
        if shown and is_peak(shown, "action", language):
            found.append((shorten(shown, BEAT_CHARS, language), start))
    return found


def plan_cliffhanger(
    played: list[Event],
    fullest: list[int],
    upcoming: list[Event],
    target_ms: int,
    quotes_by_id: dict[str, Quote],
    source: Source,
    language: str,
) -> tuple[str, int | None]:
    """Where an episode ends (craft.md §1.3, beat sheet A: cut before the answer lands), as (line, offset).

    The latest peak whose material up to it still fills the runtime (``fullest`` of the events before
    it and the share of its own event up to it, at :data:`FULL_SAFETY`, over ``target_ms`` less the
    tolerance) — the writer cuts what follows; else, when the episode holds no peak (an essay
    chapter), a teaser: the first peak of the next episode's opening events (``upcoming``), which the
    writer adds as the episode's last line and the next episode answers. Last resort: the final event's
    summary, with no offset.
    """
    floor = target_ms * (1 - TOLERANCE)
    for index in range(len(played) - 1, -1, -1):
        before = sum(fullest[:index])
        if (before + fullest[index]) * FULL_SAFETY < floor:
            break
        event = played[index]
        for line, at in reversed(event_peaks(event, quotes_by_id, source, language)):
            share = (at - event.start) / max(1, event.end - event.start)  # material up to the peak
            if (before + fullest[index] * share) * FULL_SAFETY >= floor:
                return line, at
    for event in upcoming[:2]:
        peaks = event_peaks(event, quotes_by_id, source, language)
        if peaks:
            return peaks[0]
    return beat_text(played[-1], language), None


def make_plan(
    source: Source,
    quotes: Quotes,
    events: Events,
    *,
    episodes: int,
    episode_ms: int,
    paywall_episode_number: int = 0,
    cold_open: bool = True,
    cast: Cast | None = None,
) -> Plan:
    """Cut the story into episodes of about ``episode_ms`` each (see :mod:`microdrama.adapt.segment`).

    Raises:
        PipelineError: no events to plan from, or a non-positive episode count or runtime.
    """
    if episodes < 1 or episode_ms < 1:
        raise PipelineError(f"adapt: episodes ({episodes}) and episode runtime ({episode_ms} ms) must be positive")
    story = story_order(events)
    if not story:
        raise PipelineError(f"adapt: the analysis of {source.file_name!r} found no events; nothing to plan")
    language = "zh" if source.language == "zh" else "en"
    quotes_by_id = {q.id: q for q in quotes.quotes}
    runtimes = event_runtimes(story, source.text, quotes_by_id, language)
    shortest = [min(r.shortest, episode_ms) for r in runtimes]
    fullest = [max(s, r.fullest) for s, r in zip(shortest, runtimes, strict=True)]
    scores = score_events(source.text, story, quotes_by_id, language)
    story = rescored(story, scores)
    values = [s.importance + 0.3 * s.end_tension for s in scores]
    cliff = [s.end_tension for s in scores]
    hook = [s.tension for s in scores]

    count, notes = episode_count(fullest, episodes, episode_ms)
    targets = [episode_ms] * count
    if cold_open and count >= 3:
        targets[0] = max(episode_ms // 2, episode_ms - COLD_OPEN_MS)
    cut = segment(shortest, fullest, values, cliff, hook, count, targets)
    if len(cut.kept) < count:
        notes.append(
            f"Planned {len(cut.kept)} episodes instead of {count}: the book's events are too long to cut "
            f"{count} episodes of {episode_ms // 1000} s ± {round(TOLERANCE * 100)} % from them."
        )
        count = len(cut.kept)
        targets = targets[:1] + [episode_ms] * (count - 1)

    openers = chapter_openers(source, story)
    names = [c.name for c in sorted(cast.characters, key=lambda c: -c.mentions)] if cast is not None else []
    used_titles: set[str] = set()
    plans: list[EpisodePlan] = []
    for number, ((start, stop), kept) in enumerate(zip(cut.bounds, cut.kept, strict=True), start=1):
        played = [story[i] for i in kept]
        upcoming = [story[i] for i in cut.kept[number]] if number < len(cut.kept) else []
        line, at = plan_cliffhanger(
            played, [fullest[i] for i in kept], upcoming, targets[number - 1], quotes_by_id, source, language
        )
        title = episode_title(played, openers, used_titles, language, names, source.text)
        used_titles.add(title)
        stretch = story[start:stop]
        plans.append(
            EpisodePlan(
                number=number,
                title=title,
                events=[e.id for e in played],
                chapters=sorted({e.chapter for e in played if e.chapter is not None}),
                source_start=min(e.start for e in stretch),
                source_end=max(e.end for e in stretch),
                target_ms=episode_ms,
                beats=make_beats(played, language),
                cliffhanger=line,
                cliffhanger_at=at,
            )
        )

    dropped = len(story) - sum(len(k) for k in cut.kept)
    if dropped:
        notes.append(
            f"Cut {dropped} of {len(story)} events: the book holds more than {count} episodes of "
            f"{episode_ms // 1000} s; each episode keeps its most important and tense events."
        )
    short = [
        p.number
        for p, kept, target in zip(plans, cut.kept, targets, strict=True)
        if sum(fullest[i] for i in kept) < (1 - TOLERANCE) * target
    ]
    if short:
        notes.append(f"{len(short)} episode(s) have less material than {episode_ms // 1000} s: {_numbers(short)}.")
    long = [
        p.number
        for p, kept, target in zip(plans, cut.kept, targets, strict=True)
        if sum(shortest[i] for i in kept) > (1 + TOLERANCE) * target
    ]
    if long:
        notes.append(f"{len(long)} episode(s) hold more events than {episode_ms // 1000} s can show: {_numbers(long)}.")

    end_tensions = [cliff[k[-1]] for k in cut.kept]
    rises = [0.0] + [max(0.0, b - a) for a, b in zip(end_tensions, end_tensions[1:], strict=False)]
    paywall, paywall_notes = paywall_episode(end_tensions, rises, paywall_episode_number)
    notes += paywall_notes
    if paywall is not None:
        plans[paywall - 1] = plans[paywall - 1].model_copy(update={"paywall": True})

    if cold_open and count >= 3:
        flash = cold_open_event(cliff, [e.importance for e in story], cut.bounds[0][1])
        if flash is not None:
            plans[0] = plans[0].model_copy(update={"cold_open": story[flash].id})
            notes.append(f"Episode 1 opens on a flash-forward to event {story[flash].id}.")

    return Plan(
        episode_ms=episode_ms,
        requested_episodes=episodes,
        paywall_episode=paywall,
        episodes=plans,
        notes=notes,
        provenance=Provenance(stage="adapt"),
    )


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:12])
    return shown + (f" … ({len(numbers)} in all)" if len(numbers) > 12 else "")
