"""One episode's script from its plan: scenes from events, action from narration, dialogue from quotes.

Every element records where it comes from (``Element.source`` and a :class:`LineSource`): book lines
carry their span (and quote id), lines the writer adds to bridge (the ``FLASH FORWARD:`` and ``CUT TO:``
transitions) are ``new``. In a first-person book the narrator's "I" sentences become voice-over
(:mod:`~microdrama.write.narrator`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from microdrama.adapt.beats import chapter_title
from microdrama.adapt.defects import (
    FOOTNOTE,
    is_cut_speech,
    is_editorial,
    is_past_form,
    is_peak,
    peak_excerpt,
    same_line,
    says_we,
)
from microdrama.adapt.defects import says_i as says_i_outside
from microdrama.adapt.excerpts import clean, sentence_at, sentence_spans, shorten, split_sentences
from microdrama.adapt.plan import event_peaks
from microdrama.adapt.screen import is_quoted_speech, screen_direction
from microdrama.adapt.tension import is_tense, kind_counts
from microdrama.errors import PipelineError
from microdrama.model import (
    Bible,
    Cast,
    Character,
    Element,
    EpisodePlan,
    EpisodeScript,
    Event,
    Events,
    LineSource,
    Places,
    Provenance,
    Quote,
    Quotes,
    Scene,
    ScriptSources,
    Source,
    SourceRef,
)
from microdrama.model.script import ElementKind
from microdrama.text.speech_rate import element_ms, is_chinese, speech_units
from microdrama.write.action import ActionLine, in_poem, narration_lines, summary_line
from microdrama.write.align import normalise
from microdrama.write.dialogue import condense, make_speech, spoken_text
from microdrama.write.fit import TOLERANCE, Draft, fit
from microdrama.write.narrator import (
    VOICE_OVER,
    drop_asides,
    is_first_person,
    narrator_cue,
    says_i,
    they_for_we,
    third_person,
)
from microdrama.write.scenes import Location, Locator, group_events
from microdrama.write.timing import SCENE_CHANGE_MS, time_script

FLASH_FORWARD = {"en": "FLASH FORWARD:", "zh-Hans": "闪前：", "zh-Hant": "閃前："}
CUT_TO = {"en": "CUT TO:", "zh-Hans": "切至：", "zh-Hant": "切至："}
#: attribution confidence under which a cue is marked ``(?)`` for the writer to confirm
LOW_CONFIDENCE = 0.5
#: the cue extension of an unsure attribution
UNSURE = "?"
#: attribution confidence from which a speech is kept as surely as any line of its importance; below it
#: the fitter drops it earlier, by up to this much priority (benchmarks/drafts.py: cue ok on PDNC)
SURE_CONFIDENCE = 0.8
UNSURE_PENALTY = 0.8
#: most scene headings per 90 s of runtime (issue 14: 3–4 per 90 s)
HEADINGS_PER_90S = 4
#: speech budget of the cold open's single line
COLD_OPEN_SPEECH_MS = 5000
#: speech budget of a voice-over line (the narrator's reflection, cut to its first sentences)
VOICE_OVER_MS = 6000
#: a speech this long (speech units) is not said twice in an episode's own scenes
_REPEAT_UNITS = 6
#: shortest rest of a voice-over sentence worth an action line (English words, Chinese characters)
_REST_UNITS = {False: 4, True: 6}
_QUOTED = re.compile(r"(“[^”]*”?|\"[^\"]*\"?|「[^」]*」?|『[^』]*』?)")
_CLAUSE_CUT = re.compile(r"[\s,，;；:：、—-]+$")
_IMPORTANCE_WEIGHT = {"major": 1.0, "intermediate": 0.5, "minor": 0.0}


@dataclass
class SceneDraft:
    """A scene being written."""

    location: Location
    drafts: list[Draft] = field(default_factory=list)


@dataclass(frozen=True)
class _Story:
    """The analysis, indexed for the writer."""

    source: Source
    language: str
    characters: dict[str, Character]
    quotes: dict[str, Quote]
    first_person: bool = False
    """The narration says "I": its I-sentences are the narrator's voice-over."""
    narrator: Character | None = None
    """The cast member telling the story, when the cast has them."""
    headings: frozenset[str] = frozenset()
    """The book's chapter titles (:func:`_heading_key`): a heading is no line of a scene."""


def _heading_key(text: str) -> str:
    """A line or a chapter title reduced to its letters, to find a chapter heading among the lines."""
    return re.sub(r"[\W_]+", "", text).casefold()


def _language_key(language: str) -> str:
    if language in FLASH_FORWARD:
        return language
    return "zh-Hans" if is_chinese(language) else "en"


def _book_line(
    kind: ElementKind,
    text: str,
    start: int,
    end: int,
    quote: str | None,
    *,
    character: str | None = None,
    character_id: str | None = None,
    parenthetical: str | None = None,
) -> tuple[Element, LineSource]:
    """A line taken from the book, with its span (and quote id and speaker for dialogue)."""
    element = Element(
        kind=kind,
        text=text,
        character=character,
        character_id=character_id,
        parenthetical=parenthetical,
        source=SourceRef(quote=quote, start=start, end=end),
    )
    return element, LineSource(text=text, quote=quote, start=start, end=end)


def _new_line(kind: ElementKind, text: str, anchor: int) -> tuple[Element, LineSource]:
    """A bridging line the writer adds; its empty span marks where in the book it stands."""
    element = Element(kind=kind, text=text, new=True)
    return element, LineSource(text=text, start=anchor, end=anchor, new=True)


def _draft(pair: tuple[Element, LineSource], language: str, priority: float, droppable: bool) -> Draft:
    element, line = pair
    return Draft(element, line, element_ms(element.kind, element.text, language), priority, droppable)


def _speech_draft(quote: Quote, event: Event, story: _Story, *, budget_ms: int | None = None) -> Draft | None:
    speaker = story.characters.get(quote.speaker)
    narrators = story.first_person and is_narrator_tag(quote.cue or "", story.language)
    if narrators:  # "I answered", "我说": the narrator speaks, whoever the analysis resolved "I" to
        speaker = story.narrator
    elif speaker is None:  # a speech needs a speaker: unattributed quotations stay in the book
        return None
    kwargs = {} if budget_ms is None else {"budget_ms": budget_ms}
    speech = make_speech(quote, speaker, story.source, story.language, **kwargs)
    if speech is None:
        return None
    cue = narrator_cue(None, story.language) if narrators and speaker is None else speech.cue
    unsure = not narrators and quote.confidence < LOW_CONFIDENCE
    pair = _book_line(
        "dialogue",
        speech.text,
        speech.start,
        speech.end,
        quote.id,
        character=cue,
        character_id=speaker.id if speaker else None,
        parenthetical=speech.parenthetical,
    )
    if unsure:  # say so rather than cue a guess confidently
        pair = (pair[0].model_copy(update={"extension": UNSURE}), pair[1])
    weight = _IMPORTANCE_WEIGHT.get(speaker.importance, 0.0) if speaker else -0.5
    priority = 0.4 + 0.3 * event.importance + 0.2 * weight + 0.1 * event.tension + _drama(speech.text, story.language)
    if not narrators:  # a speech whose speaker the analysis is unsure of goes before a sure one when cutting
        priority -= UNSURE_PENALTY * max(0.0, SURE_CONFIDENCE - quote.confidence) / SURE_CONFIDENCE
    return _draft(pair, story.language, priority, droppable=True)


_EN_I_TAG = re.compile(
    r"^\W*I\b|\b(?:said|answered|asked|cried|replied|remarked|observed|returned|continued|added|"
    r"exclaimed|interrupted|suggested|repeated)\s+I\b"
)


def is_narrator_tag(tag: str, language: str) -> bool:
    """A speech tag in which the narrator speaks: "I answered", "said I", "我说" (not "he told me").

    >>> is_narrator_tag("I answered", "en"), is_narrator_tag("said I", "en"), is_narrator_tag("he told me", "en")
    (True, True, False)
    >>> is_narrator_tag("我说", "zh"), is_narrator_tag("他对我说", "zh")
    (True, False)
    """
    if is_chinese(language):
        return tag.strip().startswith("我") and not tag.strip().startswith(("我们", "我們"))
    return bool(_EN_I_TAG.search(tag))


def _drama(text: str, language: str) -> float:
    """Priority bonus of a line by its own charge: the words of several dramatic kinds keep a line
    (a proposal, a threat, a revelation) over small talk when the episode must be cut down."""
    kinds = kind_counts(text, "zh" if is_chinese(language) else "en")
    return min(0.3, 0.1 * len(kinds) + 0.02 * sum(kinds.values()))


def _seen(text: str, start: int, story: _Story) -> str:
    """An action line as the camera sees it: the known narrator named where the narration says "I"
    (not inside quotation marks, nor in a line taken from inside a quotation: there "I" is a speaker)."""
    if not (story.first_person and story.narrator is not None and says_i(text, story.language)):
        return text
    if any(q.start <= start < q.end for q in story.quotes.values()):
        return text
    pieces = _QUOTED.split(text)  # odd pieces are quoted
    return "".join(p if i % 2 else third_person(p, story.narrator, story.language) for i, p in enumerate(pieces))


def _narration_lines(text: str, start: int, end: int, story: _Story) -> list[tuple[Element, LineSource]]:
    """A narration sentence: an action line, or — when the narrator says "I" — their voice-over,
    cut to its first sentences within :data:`VOICE_OVER_MS` (a reflection cannot be filmed; read
    aloud it must fit speech time). What the voice-over leaves of the sentence ("…, and I knelt
    down") follows as an action line with its subject ("Watson kneels down"), so nothing the camera could
    show is lost; a rest that is no clause of its own stays in the voice-over."""
    if not (story.first_person and says_i(text, story.language)):
        return [_book_line("action", text, start, end, None)]
    spoken = condense(text, story.language, VOICE_OVER_MS)
    pairs = []
    left = text[len(spoken) :].lstrip(" ,，;；:：、—-") if text.startswith(spoken) else ""
    if spoken != text and left and not _with_subject(left, story.language):
        spoken = text  # what is left is no clause of its own ("not only for this business…"): say it all
    if spoken != text:
        cut = _prefix_end(story.source.text, start, end, spoken)
        rest = text[len(spoken) :].lstrip(" ,，;；:：、—-")
        whole = text.startswith(spoken)
        rest = _with_subject(rest, story.language)
        if (
            whole
            and rest
            and cut < end
            and speech_units(rest, story.language) >= _REST_UNITS[is_chinese(story.language)]
        ):
            pairs.append(_book_line("action", _seen(rest, cut, story), cut, end, None))
        end = cut
        if _CLAUSE_CUT.search(spoken):  # cut after a clause: say it trails off
            spoken = _CLAUSE_CUT.sub("", spoken) + ("……" if is_chinese(story.language) else "…")
    spoken = _trail_off(spoken, story.language)
    element, line = _book_line(
        "dialogue",
        spoken,
        start,
        end,
        None,
        character=narrator_cue(story.narrator, story.language),
        character_id=story.narrator.id if story.narrator else None,
    )
    return [(element.model_copy(update={"extension": VOICE_OVER}), line), *pairs]


_EN_COORDINATOR = re.compile(r"^(?:and|but|then|so|or|yet)\s+(?:then\s+)?")


def _with_subject(rest: str, language: str) -> str:
    """What a voice-over leaves of the narrator's sentence as a clause of its own: "…, and found her
    lying on her bed" is the narrator's doing, "I found her lying on her bed" (named on screen by
    :func:`_seen`); a rest that is no clause ("which was headed") gives nothing.

    >>> _with_subject("and found her lying on her bed.", "en"), _with_subject("which was red.", "en")
    ('I found her lying on her bed.', '')
    >>> _with_subject("and I walked slowly down to the water.", "en")
    'I walked slowly down to the water.'
    >>> _with_subject("The car stops.", "en"), _with_subject("他走了。", "zh")
    ('The car stops.', '他走了。')
    """
    if is_chinese(language) or not rest[:1].islower():
        return rest
    clause = _EN_COORDINATOR.sub("", rest)
    if clause == rest or not clause.split():
        return ""
    first = clause.split()[0].strip(",.;")
    if first in ("I", "he", "she", "they", "we", "it") or first[:1].isupper():  # "and I walked down"
        return clause[:1].upper() + clause[1:]
    if is_past_form(first.lower()):
        return "I " + clause
    return ""


def _trail_off(text: str, language: str) -> str:
    """A voice-over that stops where the book's sentence goes on into a quotation ("…with stray
    "magnifiques,"") says it trails off, never ends on a bare word.

    >>> _trail_off("I read the notice, which was headed", "en"), _trail_off("I went home.", "en")
    ('I read the notice, which was headed…', 'I went home.')
    """
    if not text or is_cut_speech(text) is False:
        return text
    return _CLAUSE_CUT.sub("", text) + ("……" if is_chinese(language) else "…")


def _prefix_end(book: str, start: int, end: int, prefix: str) -> int:
    """One past where ``prefix`` (book words, whitespace normalised) ends in ``book[start:end]``."""
    wanted = iter(c for c in prefix if not c.isspace())
    letter = next(wanted, None)
    for offset in range(start, end):
        if book[offset].isspace():
            continue
        if book[offset] != letter:
            return end
        letter = next(wanted, None)
        if letter is None:
            return offset + 1
    return end


def _is_voice_over(draft: Draft) -> bool:
    return draft.element.extension == VOICE_OVER


def drop_repeats(scenes: list[SceneDraft], language: str) -> None:
    """A speech said again in the episode's own scenes goes (the book quoting it back, a quotation
    found twice): the repeat of a long line anywhere, of a short one ("Yes.") right after itself."""
    said: set[str] = set()
    previous = ""
    for scene in scenes:
        for draft in scene.drafts:
            if draft.element.kind != "dialogue" or draft.dropped:
                continue
            key = normalise(draft.element.text)
            long_line = speech_units(draft.element.text, language) >= _REPEAT_UNITS
            if key and (key == previous or (key in said and long_line)):
                draft.dropped = draft.droppable = True
                draft.pinned = False
                continue
            said.add(key)
            previous = key


def event_drafts(event: Event, story: _Story) -> list[Draft]:
    """The lines of one event: its summary (kept), narration that shows action, its speeches."""
    language = story.language
    summary = summary_line(event, story.source, language)
    summary = ActionLine(_seen(summary.text, summary.start, story), summary.start, summary.end)
    # a summary without words (an image placeholder like "0009m" picked by the analysis) goes first
    wordy = speech_units(summary.text, language) >= (4 if is_chinese(language) else 3)
    drafts = [
        _draft(
            _book_line("action", summary.text, summary.start, summary.end, None),
            language,
            1.0 if wordy else 0.0,
            droppable=not wordy,
        )
    ]
    quotes = sorted((story.quotes[q] for q in event.quotes if q in story.quotes), key=lambda q: (q.start, q.id))
    placed: list[tuple[int, int, Draft]] = []
    for order, line in enumerate(narration_lines(event, quotes, story.source, language)):
        # the first lines of each event matter most: the fitter drops the tails of the long ones first
        priority = 0.1 + 0.2 * event.importance - 0.09 * min(1.0, order / 10) + 0.5 * _drama(line.text, language)
        for pair in _narration_lines(line.text, line.start, line.end, story):
            placed.append((pair[1].start, order, _draft(pair, language, priority, droppable=True)))
    for order, quote in enumerate(quotes):
        speech = _speech_draft(quote, event, story)
        if speech is not None:
            placed.append((quote.start, order, speech))
    placed.sort(key=lambda item: (item[0], item[1]))
    drafts += [draft for _, _, draft in placed]
    for draft in drafts:
        draft.event = event.id
    return screen_drafts(drafts, story)


def _to_voice_over(draft: Draft, story: _Story) -> None:
    """A narration line as the narrator's voice-over, cut to its first sentences within
    :data:`VOICE_OVER_MS`; the fitter drops it before any line the camera can show."""
    words = clean(FOOTNOTE.sub("", draft.element.text), story.language)
    spoken = condense(words, story.language, VOICE_OVER_MS)
    if spoken != words and _CLAUSE_CUT.search(spoken):
        spoken = _CLAUSE_CUT.sub("", spoken) + ("……" if is_chinese(story.language) else "…")
    spoken = _trail_off(spoken, story.language)
    narrator = story.narrator if story.first_person else None
    draft.element = draft.element.model_copy(
        update={
            "kind": "dialogue",
            "text": spoken,
            "character": narrator_cue(narrator, story.language),
            "character_id": narrator.id if narrator else None,
            "extension": VOICE_OVER,
        }
    )
    draft.line = draft.line.model_copy(update={"text": spoken})
    draft.ms = element_ms("dialogue", spoken, story.language)
    draft.priority = min(draft.priority, 0.05)
    draft.droppable = True


def screen_drafts(drafts: list[Draft], story: _Story) -> list[Draft]:
    """Every book action line as a screen direction (:func:`~microdrama.adapt.screen.screen_direction`):
    present tense, short, footnotes gone; commentary (and a first-person narrator's "I") becomes the
    narrator's voice-over, which the fitter drops first."""
    out = []
    poems: dict[int, bool] = {}
    for draft in drafts:
        element = draft.element
        if element.kind != "action" or element.new:
            out.append(draft)
            continue
        if (
            is_quoted_speech(element.text, story.language)
            or is_editorial(element.text, story.language)
            or _heading_key(element.text) in story.headings
        ):
            draft.dropped = True  # front matter, a note, a chapter's heading, a quotation with its tag: no scene's line
            continue
        if says_we(element.text, story.language) or says_i_outside(element.text, story.language):
            pieces = _QUOTED.split(element.text)  # the narrator's aside to the reader goes ("as our fathers said")
            element = element.model_copy(
                update={"text": "".join(p if i % 2 else drop_asides(p, story.language) for i, p in enumerate(pieces))}
            )
        if story.first_person and says_we(element.text, story.language):  # "we" are people on screen
            pieces = _QUOTED.split(element.text)
            seen = "".join(p if i % 2 else they_for_we(p, story.language) for i, p in enumerate(pieces))
            element = element.model_copy(update={"text": seen})
        text = screen_direction(element.text, story.language, first_person_ok=story.first_person)
        if text and is_chinese(story.language) and in_poem(story.source.text, draft.line.start, story.language, poems):
            text = None  # a line of the narrator's poem: the narrator reads it, the camera shows none of it
        if text == "":  # all of it an aside, or no whole clause short enough: nothing to show
            draft.dropped = True
            continue
        if text is None or (story.first_person and says_i_outside(element.text, story.language)):
            # the narrator's "I" or comment the camera cannot show: their voice-over, dropped first to fit
            _to_voice_over(draft, story)
            if draft.element.text:
                out.append(draft)
            continue
        if text != draft.element.text:
            draft.element = element.model_copy(update={"text": text})
            draft.line = draft.line.model_copy(update={"text": text})
            draft.ms = element_ms("action", text, story.language)
        out.append(draft)
    return out


def cold_open_scene(event: Event, location: Location, story: _Story) -> SceneDraft:
    """A short flash-forward (craft.md §1.3: something gripping on screen in the first seconds): the
    marker, the event's first moment the camera can show that is a peak (a threat, a blow, a reveal),
    its last peak speech cut to a sentence (else its last speech), a cut. The event's summary shows
    only when it has neither; narration the camera cannot show (a judgement, a reflection)
    never opens a series."""
    key = _language_key(story.language)
    language = story.language
    drafts = [_draft(_new_line("transition", FLASH_FORWARD[key], event.start), language, 1.0, droppable=False)]
    quotes = sorted((story.quotes[q] for q in event.quotes if q in story.quotes), key=lambda q: (q.start, q.id))
    speeches = [d for d in (_speech_draft(q, event, story, budget_ms=COLD_OPEN_SPEECH_MS) for q in quotes) if d]
    peaks = [d for d in speeches if is_peak(d.element.text, "dialogue", language)]
    shot = _visual_peak(event, quotes, story)
    if shot is None and not speeches:
        summary = summary_line(event, story.source, language)
        first_sentence = (split_sentences(summary.text, language) or [summary.text])[0]
        text = _seen(shorten(first_sentence, 160, language), summary.start, story)
        shot = _book_line("action", text, summary.start, summary.end, None)
    if shot is not None:
        drafts.append(_draft(shot, language, 1.0, droppable=False))
    strong = [d for d in peaks if _gripping(d.element.text, language)]
    for speech in (strong or peaks or speeches)[-1:]:
        speech.droppable = False
        drafts.append(speech)
    drafts.append(_draft(_new_line("transition", CUT_TO[key], event.end), language, 1.0, droppable=False))
    return SceneDraft(location, screen_drafts(drafts, story))


def _gripping(text: str, language: str) -> bool:
    """A line that grips from a standing start: a question, or words of threat or conflict."""
    kinds = kind_counts(text, "zh" if is_chinese(language) else "en")
    return bool(re.search(r"[?？]", text)) or bool(kinds.get("threat") or kinds.get("conflict"))


def _visual_peak(event: Event, quotes: list[Quote], story: _Story) -> tuple[Element, LineSource] | None:
    """The event's first narration sentence that the camera can show and that is a peak by content."""
    text, language = story.source.text, story.language
    for start, end in sentence_spans(text, event.start, event.end, language):
        if any(q.start < end and start < q.end for q in quotes):
            continue
        sentence = clean(text[start:end], language)
        if says_i_outside(sentence, language) or is_editorial(sentence, language):
            continue
        shown = screen_direction(sentence, language)
        if shown and is_peak(shown, "action", language):
            return _book_line("action", shown, start, end, None)
    return None


def open_on_hook(scene: SceneDraft, language: str, cliffhanger_at: int | None = None) -> bool:
    """Bring the scene's hook line to its top (craft.md §1.3: a hook in the first 3–5 s).

    The hook is its first speech ending in ! or ?, else its first speech, else its first tense action
    line (:func:`~microdrama.adapt.tension.is_tense`); it is moved before the summary and never dropped.
    A scene that already opens on such a line is left alone; the line the episode is planned to end on
    (its book span holds ``cliffhanger_at``) is never the hook. Returns False when it holds none.
    """
    drafts = scene.drafts
    if not drafts:
        return False
    ending = [d for d in drafts if cliffhanger_at is not None and holds(d.line.start, d.line.end, cliffhanger_at)]
    speeches = [d for d in drafts if d.element.kind == "dialogue" and not _is_voice_over(d) and d not in ending]
    pointed = [d for d in speeches if d.element.text.rstrip("”\"' ").endswith(("!", "?", "！", "？"))]
    tense = [d for d in drafts if d.element.kind == "action" and is_tense(d.element.text, language) and d not in ending]
    if drafts[0] in (pointed[:1] or speeches[:1]) or (not speeches and drafts[0] in tense):
        drafts[0].droppable = False
        drafts[0].pinned = True
        return True
    hook = (pointed or speeches or tense or [None])[0]
    if hook is None:
        return False
    drafts.remove(hook)
    drafts.insert(0, hook)
    hook.droppable = False
    hook.pinned = True
    return True


def _protect_hook_and_cliffhanger(scenes: list[SceneDraft], in_order_from: int) -> None:
    """The episode's first and last speeches (hook and cliffhanger) are never dropped."""
    speeches = [
        d
        for s in scenes[in_order_from:]
        for d in s.drafts
        if d.element.kind == "dialogue" and not _is_voice_over(d) and not d.dropped
    ]
    if speeches:
        speeches[0].droppable = False
        speeches[-1].droppable = False


def end_on_cliffhanger(
    scenes: list[SceneDraft],
    last_event: str,
    language: str,
    floor_ms: int,
    fixed_ms: int,
    planned: str = "",
    planned_at: int | None = None,
) -> Draft | None:
    """Cut the episode right after its peak (craft.md §1.3, beat sheet A: cut before the answer lands):
    the plan's cliffhanger line (the line whose book span holds ``planned_at``, or whose words are
    ``planned``), else the final event's last line that is a peak by content
    (:func:`~microdrama.adapt.defects.is_peak`: a question, threat, reveal, danger — never the narrator's
    voice-over), else an earlier peak. That line is pinned and every line after it dropped — unless that
    would leave the episode under ``floor_ms``, when the next candidate is tried. Returns the
    cliffhanger line, if one was chosen."""
    drafts = [d for s in scenes for d in s.drafts]
    lines = [d for d in drafts if d.element.kind in ("dialogue", "action") and not _is_voice_over(d) and not d.dropped]
    tail = [d for d in lines if d.event == last_event]
    chosen = [d for d in lines if planned_at is not None and holds(d.line.start, d.line.end, planned_at)]
    chosen += [
        d
        for d in tail
        if planned
        and d not in chosen
        and same_line(planned, d.element.text, language)
        and (d.element.kind == "dialogue" or is_peak(d.element.text, d.element.kind, language))
    ]
    final_peaks = [d for d in tail if is_peak(d.element.text, d.element.kind, language)]
    # the planned line first, then the final event's peaks, then any earlier peak (latest first)
    earlier = [d for d in lines if d not in tail and is_peak(d.element.text, d.element.kind, language)]
    for cliff in [*chosen[:1], *reversed(final_peaks), *reversed(earlier)]:
        after = drafts[drafts.index(cliff) + 1 :]
        if fixed_ms + sum(d.ms for d in drafts if d not in after and not d.dropped) < floor_ms:
            continue
        cliff.droppable = False
        cliff.pinned = True
        for draft in after:
            if draft.element.kind != "transition":
                draft.dropped, draft.droppable = True, True
        return cliff
    return None


#: a line's book span may start this many characters after the offset the plan took (quotation marks, spaces)
_SPAN_SLACK = 4


def holds(start: int, end: int, at: int) -> bool:
    """Whether the book span of a line holds the plan's offset ``at`` (its speech starts just after the
    quotation mark the plan's offset points at).

    >>> holds(101, 140, 100), holds(101, 140, 140), holds(120, 120, 120)
    (True, False, True)
    """
    return start - _SPAN_SLACK <= at < max(end, start + 1)


def teaser_line(event: Event, story: _Story, at: int | None = None) -> Draft | None:
    """An ending beat for an episode with no peak of its own (an essay chapter): the next episode's first
    peak line — its speech (cut to the peak sentence), else its narration sentence as a screen direction.
    The next episode opens on it again and answers it. ``at`` is the plan's offset of that line."""
    if at is None:
        peaks = event_peaks(event, story.quotes, story.source, story.language)
        if not peaks:
            return None
        at = peaks[0][1]
    quote = next((q for q in story.quotes.values() if q.start <= at < q.end), None)
    if quote is not None:
        speech = _speech_draft(quote, event, story, budget_ms=COLD_OPEN_SPEECH_MS)
        if speech is None:
            return None
        sharpen(speech, story)
    else:
        start, end = sentence_at(story.source.text, at, story.language)
        text = screen_direction(clean(story.source.text[start:end], story.language), story.language)
        if not text:
            return None
        speech = _draft(_book_line("action", text, start, end, None), story.language, 1.0, droppable=False)
    speech.event = event.id
    speech.droppable, speech.pinned = False, True
    return speech


def sharpen(cliff: Draft, story: _Story) -> None:
    """A cliffhanger speech condensed to its first sentences ends on its peak instead: up to and
    including the speech's first peak sentence (the question, the threat), dropping what follows."""
    quote = story.quotes.get(cliff.element.source.quote or "") if cliff.element.source else None
    if quote is None or (
        is_peak(cliff.element.text, "dialogue", story.language) and not is_cut_speech(cliff.element.text)
    ):
        return
    text = peak_excerpt(spoken_text(quote, story.source, story.language), story.language)
    cliff.element = cliff.element.model_copy(update={"text": text})
    cliff.line = cliff.line.model_copy(update={"text": text})
    cliff.ms = element_ms("dialogue", text, story.language)


def fold_scenes(scenes: list[SceneDraft], target_ms: int, reserved: int = 0) -> list[SceneDraft]:
    """At most :data:`HEADINGS_PER_90S` scenes per 90 s, ``reserved`` of them (the cold open) already
    taken: the shortest scene joins the one before it, until the episode has no more headings than
    that (a heading per paragraph is no scene)."""
    limit = max(1, max(2, round(HEADINGS_PER_90S * target_ms / 90_000)) - reserved)
    scenes = list(scenes)
    while len(scenes) > limit:
        index = min(range(1, len(scenes)), key=lambda i: (sum(d.ms for d in scenes[i].drafts), -i))
        scenes[index - 1] = SceneDraft(scenes[index - 1].location, scenes[index - 1].drafts + scenes[index].drafts)
        del scenes[index]
    return scenes


def join_same_place(scenes: list[SceneDraft], in_order_from: int) -> list[SceneDraft]:
    """Scenes the fit left next to each other in one place and time as one scene: a new heading needs
    a new place or time (the cold open, which cuts back, aside).

    >>> hall = Location("INT", "HALL", "DAY")
    >>> draft = Draft(Element(kind="action", text="A."), LineSource(text="A.", start=0, end=2), 100, 1.0, True)
    >>> len(join_same_place([SceneDraft(hall, [draft]), SceneDraft(hall, [draft])], 0))
    1
    """
    out: list[SceneDraft] = []
    last = -1  # index in ``scenes`` of the scene ``out[-1]`` began with
    for index, scene in enumerate(scenes):
        if not any(not d.dropped for d in scene.drafts):
            continue
        if out and last >= in_order_from and out[-1].location == scene.location:
            out[-1] = SceneDraft(out[-1].location, out[-1].drafts + scene.drafts)
            continue
        out.append(scene)
        last = index
    return out


def _turn(draft: Draft) -> tuple[str, bool] | None:
    element = draft.element
    if element.kind != "dialogue":
        return None
    return (element.character_id or element.character or "", element.extension == VOICE_OVER)


def merge_turns(drafts: list[Draft], language: str) -> list[Draft]:
    """Consecutive speeches of one speaker (nothing between them) as one speech: one cue per turn.

    The merged line keeps the first speech's quote and spans both in the book; it is marked unsure
    (``(?)``) only when every part was.
    """
    out: list[Draft] = []
    for draft in drafts:
        previous = out[-1] if out else None
        if previous is None or _turn(draft) is None or _turn(draft) != _turn(previous):
            out.append(draft)
            continue
        glue = "" if is_chinese(language) else " "
        head = previous.element.text
        if not is_chinese(language) and draft.element.text[:1].islower() and head.endswith("."):
            head = head[:-1] + ","  # the book's sentence goes on ("…careful, for I dabble…")
        text = head + glue + draft.element.text
        extension = previous.element.extension if previous.element.extension == draft.element.extension else None
        source = previous.element.source
        start = min(previous.line.start, draft.line.start)
        end = max(previous.line.end, draft.line.end)
        element = previous.element.model_copy(
            update={
                "text": text,
                "extension": extension,
                "source": source.model_copy(update={"start": start, "end": end}) if source else None,
            }
        )
        line = previous.line.model_copy(update={"text": text, "start": start, "end": end})
        out[-1] = Draft(
            element,
            line,
            previous.ms + draft.ms,
            max(previous.priority, draft.priority),
            previous.droppable and draft.droppable,
            False,
            previous.pinned or draft.pinned,
            previous.event,
        )
    return out


def synopsis(events: list[Event], language: str, source: Source | None = None) -> str:
    """A sentence of the episode: the first sentence of its most important event's summary (completed
    from the ``source`` when the analysis cut it off) that is a whole screen direction — present tense,
    short, not the narrator's "I", not an aside or a clause cut off — else of the next event."""
    ranked = sorted(events, key=lambda e: (-e.importance, -e.tension, events.index(e)))
    fallback = ""
    for event in ranked:
        text = summary_line(event, source, language).text if source is not None else clean(event.summary, language)
        first = (split_sentences(text, language) or [text])[0]
        if is_editorial(first, language):
            continue
        direction = screen_direction(first, language)
        if direction and not is_cut_speech(direction) and not direction.endswith("…"):
            return direction
        fallback = fallback or direction or ""
    return shorten(fallback, 200, language)


def build_episode(
    episode: EpisodePlan,
    *,
    source: Source,
    cast: Cast,
    quotes: Quotes,
    places: Places,
    events: Events,
    bible: Bible,
    upcoming: EpisodePlan | None = None,
) -> tuple[EpisodeScript, ScriptSources]:
    """The episode as a timed script, and where each of its lines comes from. ``upcoming`` (the next
    episode's plan) gives an episode with no peak of its own its ending beat (:func:`teaser_line`).

    Raises:
        PipelineError: the plan names an event the analysis does not have.
    """
    by_id = {e.id: e for e in events.events}
    missing = [i for i in [*episode.events, *([episode.cold_open] if episode.cold_open else [])] if i not in by_id]
    if missing:
        raise PipelineError(f"write: episode {episode.number} names unknown event(s) {', '.join(missing)}")
    language = bible.language
    first_person = is_first_person(source, quotes.quotes)
    # the narrator is the cast's (analysis: role "narrator"); never guessed here — a wrong guess renames
    # the book's "I" as another character, which is worse than the generic NARRATOR voice
    story = _Story(
        source,
        language,
        cast.by_id(),
        {q.id: q for q in quotes.quotes},
        first_person or cast.narrator() is not None,
        cast.narrator(),
        frozenset(k for c in source.chapters for k in (_heading_key(c.title), _heading_key(chapter_title(c))) if k),
    )
    locator = Locator(source, places, language, events.events)
    played = [by_id[i] for i in episode.events]

    scenes: list[SceneDraft] = []
    if episode.cold_open:
        flash = by_id[episode.cold_open]
        scenes.append(cold_open_scene(flash, locator.locate(flash), story))
    in_order_from = len(scenes)
    locations = [locator.locate(e) for e in played]
    for group in group_events(played, locations):
        scene = SceneDraft(locations[group[0]])
        for index in group:
            scene.drafts.extend(event_drafts(played[index], story))
        scenes.append(scene)
    hooked = bool(episode.cold_open) or (
        len(scenes) > in_order_from and open_on_hook(scenes[in_order_from], language, episode.cliffhanger_at)
    )
    if len(scenes) > in_order_from and not hooked and len(played) > 1:
        # nothing in the opening scene hooks: open on a flash-forward to the episode's tensest event
        teaser = max(range(len(played)), key=lambda i: (played[i].tension, -i))
        scenes.insert(0, cold_open_scene(played[teaser], locations[teaser], story))
        in_order_from = 1
    scenes = scenes[:in_order_from] + fold_scenes(scenes[in_order_from:], episode.target_ms, in_order_from)
    drop_repeats(scenes[in_order_from:], language)
    _protect_hook_and_cliffhanger(scenes, in_order_from)
    cliff = None
    finale = bool(played) and played[-1].id == max(events.events, key=lambda e: (e.end, e.start)).id
    if played and not finale:  # the series' last episode ends where the book does
        own = episode.cliffhanger_at is None or any(e.start <= episode.cliffhanger_at < e.end for e in played)
        if own:  # the plan ends the episode on one of its own lines; else on the next episode's (a teaser)
            cliff = end_on_cliffhanger(
                scenes,
                played[-1].id,
                language,
                round(episode.target_ms * (1 - TOLERANCE)),
                SCENE_CHANGE_MS * len(scenes),
                episode.cliffhanger,
                episode.cliffhanger_at,
            )
        following = [by_id[i] for i in upcoming.events[:2] if i in by_id] if upcoming is not None else []
        if cliff is None and following and scenes:
            at = None if own else episode.cliffhanger_at
            event = next((e for e in following if at is not None and e.start <= at < e.end), following[0])
            cliff = teaser_line(event, story, at)
            if cliff is not None:  # the next episode's question closes this one
                scenes[-1].drafts.append(cliff)
    if cliff is not None and cliff.element.kind == "dialogue" and cliff.element.source is not None:
        sharpen(cliff, story)
    drafts = [d for s in scenes for d in s.drafts]
    total = fit(drafts, SCENE_CHANGE_MS * len(scenes), episode.target_ms)
    if total > episode.target_ms * (1 + TOLERANCE):  # last resort: the hook and cliffhanger speeches may go
        for draft in drafts:
            unlocked = draft is cliff or (draft.element.kind == "dialogue" and not draft.pinned)
            draft.droppable = draft.droppable or unlocked
        fit(drafts, SCENE_CHANGE_MS * len(scenes), episode.target_ms)

    script_scenes: list[Scene] = []
    lines: list[LineSource] = []
    # every line of a scene may have gone to fit the runtime: no empty heading
    for scene in join_same_place(scenes, in_order_from):
        kept = merge_turns([d for d in scene.drafts if not d.dropped], language)
        if not kept:
            continue
        script_scenes.append(
            Scene(
                number=len(script_scenes) + 1,
                heading=scene.location.heading(),
                setting=scene.location.setting,  # type: ignore[arg-type]
                location=scene.location.name,
                time_of_day=scene.location.time_of_day,
                elements=[d.element for d in kept],
            )
        )
        lines.extend(d.line for d in kept)
    script = EpisodeScript(
        episode=episode.number,
        title=episode.title,
        language=language,
        synopsis=(synopsis(played, language, source) or None) if played else None,
        scenes=script_scenes,
        provenance=Provenance(stage="write"),
    )
    sources = ScriptSources(episode=episode.number, lines=lines, provenance=Provenance(stage="write"))
    return time_script(script), sources
