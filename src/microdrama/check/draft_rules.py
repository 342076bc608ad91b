"""Rules that read a draft as a script editor does (issue 14): speakers, action lines, dialogue seams,
scene headings, the ending, titles.

Each rule is one defect class of the editor's rubric (``shared/reference/script_targets.md``); the line
tests are in :mod:`microdrama.adapt.defects`, shared with the writer and ``benchmarks/drafts.py``, which
counts the episodes each rule flags. They judge content — tense, person, commentary, a name where the
book said "I", what a line is about — not the punctuation the writer itself adds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from microdrama.adapt import defects
from microdrama.adapt.beats import chapter_title
from microdrama.check.findings import Finding
from microdrama.check.project import Project
from microdrama.check.rules import _parsed, _quote, rule
from microdrama.model import Cast, Character, Scene
from microdrama.text.speech_rate import is_chinese
from microdrama.write.episode import holds
from microdrama.write.narrator import NARRATOR_CUE, VOICE_OVER

#: most scene headings per 90 s of runtime (issue 14: 3–4)
HEADINGS_PER_90S = 4
#: the planned cliffhanger must be among an episode's last this many lines
CLIFF_LINES = 3
#: a scene heading's location that names no place
_UNKNOWN = frozenset({"UNKNOWN", "某处", "某處", "UNKNOWN LOCATION", "SOMEWHERE"})


def _cue_key(cue: str | None) -> str:
    return re.sub(r"\s+", " ", (cue or "").strip()).casefold()


@rule(
    "action-lines",
    "error",
    "action lines are screen directions: present tense, third person, short, no commentary or footnote markers",
    "script_targets.md rubric (action lines); issue 14 §2",
)
def action_lines(project: Project) -> Iterator[Finding]:
    """Every action line (transitions aside) that shows a defect of :func:`defects.action_defects` or
    is no whole sentence (:func:`defects.fragment_defects`: opens or stops mid-sentence, a parenthetical
    aside), and a synopsis that is no whole sentence; one finding per line, at most five per episode."""
    language = project.bible.language
    text = project.source.text if project.source else None
    headings = {_norm(c.title) for c in project.source.chapters if _norm(c.title)} if project.source else set()
    headings |= (
        {_norm(chapter_title(c)) for c in project.source.chapters if _norm(chapter_title(c))}
        if project.source
        else set()
    )
    for episode, script in _parsed(project):
        shown = 0
        if script.synopsis:
            found = defects.fragment_defects(script.synopsis, language)
            if found:
                shown += 1
                yield Finding(
                    "action-lines",
                    "error",
                    f"synopsis {_quote(script.synopsis)} — {'; '.join(found)}",
                    episode.number,
                    episode.path,
                )
        for scene in script.scenes:
            for element in scene.elements:
                if element.kind != "action" or element.text.upper().startswith(("FLASH", "闪前", "閃前")):
                    continue
                book = None
                if text is not None and element.source is not None and not element.source.quote:
                    book = text[element.source.start : element.source.end]
                found = defects.action_defects(element.text, language)
                found += defects.fragment_defects(element.text, language, book)
                if _norm(element.text) in headings:
                    found.append("a chapter heading")
                if found and shown < 5:
                    shown += 1
                    yield Finding(
                        "action-lines",
                        "error",
                        f"scene {scene.number}: {_quote(element.text)} — {'; '.join(found)}",
                        episode.number,
                        episode.path,
                    )


@rule(
    "narrator",
    "error",
    "the first-person narrator is never renamed as another character, and their voice-over carries their name",
    "issue 14 §1; script_targets.md rubric (speakers)",
)
def narrator(project: Project) -> Iterator[Finding]:
    """A voice-over cued to someone other than the cast's narrator; an action line whose book text says
    "I" but which names someone who is not the narrator instead."""
    language = project.bible.language
    teller = project.cast.narrator() if project.cast else None
    teller_cues = {_cue_key(c) for c in _names(teller)} | {_cue_key(c) for c in NARRATOR_CUE.values()}
    names = _all_names(project.cast)
    text = project.source.text if project.source else None
    for episode, script in _parsed(project):
        for scene in script.scenes:
            for element in scene.elements:
                voice_over = element.kind == "dialogue" and element.extension == VOICE_OVER
                if voice_over and teller is not None and _cue_key(element.character) not in teller_cues:
                    yield Finding(
                        "narrator",
                        "error",
                        f"scene {scene.number}: voice-over cued {element.character}, but the narrator is {teller.name}",
                        episode.number,
                        episode.path,
                    )
                if element.kind != "action" or text is None or element.source is None or element.source.quote:
                    continue
                book = re.sub(r"\s+", " ", text[element.source.start : element.source.end])  # hard-wrapped lines
                if not defects.says_i(book, language) or defects.says_i(element.text, language):
                    continue
                added = [n for n in names if _has_name(element.text, n, language) and not _has_name(book, n, language)]
                wrong = [n for n in added if teller is None or n not in _names(teller)]
                if wrong:
                    who = teller.name if teller else "not known"
                    yield Finding(
                        "narrator",
                        "error",
                        f"scene {scene.number}: the book's “I” became {wrong[0]} in "
                        f"{_quote(element.text)} (the narrator is {who})",
                        episode.number,
                        episode.path,
                    )


def _names(character: Character | None) -> list[str]:
    return [character.name, *character.aliases] if character else []


def _all_names(cast: Cast | None) -> list[str]:
    return sorted(
        {n for c in (cast.characters if cast else []) for n in _names(c) if len(n) >= 2}, key=len, reverse=True
    )


def _has_name(text: str, name: str, language: str) -> bool:
    if is_chinese(language):
        return name in text
    return re.search(rf"\b{re.escape(name)}\b", text) is not None


@rule(
    "repeated-cue",
    "error",
    "one speech per turn: the same speaker is not cued twice in a row",
    "script_targets.md rubric (dialogue: one cue per speech)",
)
def repeated_cue(project: Project) -> Iterator[Finding]:
    """Two speeches in a row (nothing between them) with the same cue."""
    for episode, script in _parsed(project):
        for scene in script.scenes:
            previous = None
            for element in scene.elements:
                key = (_cue_key(element.character), element.extension) if element.kind == "dialogue" else None
                if key is not None and key == previous:
                    yield Finding(
                        "repeated-cue",
                        "error",
                        f"scene {scene.number}: {element.character} is cued twice "
                        f"in a row (before {_quote(element.text)}); make it one speech",
                        episode.number,
                        episode.path,
                    )
                previous = key


@rule(
    "dialogue-seams",
    "error",
    'speeches are whole: not cut at a comma, no ", But," seams from a rejoined quotation',
    "script_targets.md rubric (dialogue); issue 14 §3",
)
def dialogue_seams(project: Project) -> Iterator[Finding]:
    """A speech that ends mid-sentence, or holds a seam of :func:`defects.bad_joins` that the book's own
    text of the speech does not have."""
    language = project.bible.language
    text = project.source.text if project.source else None
    for episode, script in _parsed(project):
        for scene in script.scenes:
            for element in scene.elements:
                if element.kind != "dialogue":
                    continue
                opening = element.text.strip().lstrip("…'\"‘“—- ")
                if not is_chinese(language) and opening[:1].islower():
                    yield Finding(
                        "dialogue-seams",
                        "error",
                        f"scene {scene.number}: {element.character}'s {_quote(element.text[:40])} opens mid-sentence",
                        episode.number,
                        episode.path,
                    )
                if defects.is_cut_speech(element.text):
                    yield Finding(
                        "dialogue-seams",
                        "error",
                        f"scene {scene.number}: {element.character}'s {_quote(element.text[-40:])} stops mid-sentence",
                        episode.number,
                        episode.path,
                    )
                joins = defects.bad_joins(element.text, language)
                if joins and text is not None and element.source is not None:  # the book's own words are no seam
                    book = re.sub(r"\s+", " ", text[element.source.start : element.source.end])
                    joins = [j for j in joins if j not in book]
                if joins:
                    yield Finding(
                        "dialogue-seams",
                        "error",
                        f"scene {scene.number}: {element.character}'s speech "
                        f"has the seam {joins[0]!r} ({_quote(element.text)})",
                        episode.number,
                        episode.path,
                    )


@rule(
    "scene-headings",
    "error",
    "2–4 scene headings per 90 s, each a place the characters are in",
    "script_targets.md rubric (scene headings); issue 14 §4",
)
def scene_headings(project: Project) -> Iterator[Finding]:
    """A location that is UNKNOWN, a person or a verb phrase; a heading repeating the one before (no new
    place nor time; a transition between them aside); more headings than :data:`HEADINGS_PER_90S` per 90 s."""
    language = project.bible.language
    names = set(_all_names(project.cast))
    if is_chinese(language):
        names |= {n[0] for n in names if len(n) in (2, 3) and not n.startswith(("阿", "小", "老"))}
    for episode, script in _parsed(project):
        previous: Scene | None = None
        for scene in script.scenes:
            if scene.heading and previous is not None and previous.heading == scene.heading:
                last = previous.elements[-1] if previous.elements else None
                if last is None or last.kind != "transition":
                    yield Finding(
                        "scene-headings",
                        "error",
                        f"scene {scene.number} heading {scene.heading!r}: same place and time as the scene before",
                        episode.number,
                        episode.path,
                    )
            previous = scene
            if scene.heading and scene.location and scene.location.strip().upper() in _UNKNOWN:
                yield Finding(
                    "scene-headings",
                    "error",
                    f"scene {scene.number} heading {scene.heading!r}: no place (a shooting script names one)",
                    episode.number,
                    episode.path,
                )
                continue
            if scene.heading and scene.location:
                for defect in defects.location_defects(scene.location, language, names):
                    yield Finding(
                        "scene-headings",
                        "error",
                        f"scene {scene.number} heading {scene.heading!r}: {defect}",
                        episode.number,
                        episode.path,
                    )
        headings = sum(1 for s in script.scenes if s.heading)
        allowed = max(2, round(HEADINGS_PER_90S * max(script.duration_ms, 1) / 90_000))
        if headings > allowed:
            yield Finding(
                "scene-headings",
                "error",
                f"{headings} scene headings in {script.duration_ms / 1000:.0f} s (most {allowed})",
                episode.number,
                episode.path,
            )


@rule(
    "cliffhanger-line",
    "error",
    "every episode but the last ends on its peak: a question, threat, reveal or danger — not on narration",
    "script_targets.md rubric (cliffhanger); craft.md §1.3 Beat sheet A",
)
def cliffhanger_line(project: Project) -> Iterator[Finding]:
    """The last line is narration (a voice-over, or an action line with no charge), or no peak by content
    (:func:`defects.is_peak`), or the plan's cliffhanger — the line whose book span holds its offset, else
    its words — is not among the last :data:`CLIFF_LINES` lines."""
    language = project.bible.language
    plans = {e.number: e for e in project.plan.episodes}
    last_number = max(plans, default=0)
    for episode, script in _parsed(project):
        if episode.number == last_number:
            continue
        lines = [e for s in script.scenes for e in s.elements if e.kind in ("action", "dialogue")]
        if not lines:
            continue
        final = lines[-1]
        narration = final.kind == "dialogue" and final.extension == VOICE_OVER
        if narration or not defects.is_peak(final.text, final.kind, language):
            yield Finding(
                "cliffhanger-line",
                "error",
                f"ends on {'narration' if narration else 'no peak'}: {_quote(final.text)}",
                episode.number,
                episode.path,
            )
            continue
        plan = plans.get(episode.number)
        planned = plan.cliffhanger if plan is not None else ""
        at = plan.cliffhanger_at if plan is not None else None
        spans = [e.source for e in lines[-CLIFF_LINES:] if e.source is not None and at is not None]
        if any(holds(s.start, s.end, at) for s in spans if at is not None):
            continue
        if planned and not any(defects.same_line(planned, e.text, language) for e in lines[-CLIFF_LINES:]):
            yield Finding(
                "cliffhanger-line",
                "error",
                f"the planned cliffhanger {_quote(plan.cliffhanger)} is not among the last {CLIFF_LINES} lines",
                episode.number,
                episode.path,
            )


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


@rule(
    "titles",
    "error",
    "episode titles are short noun or verb phrases (≤ 6 words / ≤ 8 字), never a sentence prefix, and unique",
    "script_targets.md rubric (title); issue 14 §6",
)
def titles(project: Project) -> Iterator[Finding]:
    """A title with a defect of :func:`defects.title_defects`, a clause the book goes on with mid-phrase
    (:func:`defects.title_cut_from`; not a chapter's title), or one an earlier episode already has."""
    language = project.bible.language
    text = project.source.text if project.source else ""
    chapters = {_norm(c.title) for c in project.source.chapters} if project.source else set()
    plans = {e.number: e for e in project.plan.episodes}
    seen: dict[str, int] = {}
    for episode, script in _parsed(project):
        title = script.title or ""
        found = defects.title_defects(title, language)
        cut = None
        if text and not any(_norm(title) and _norm(title) in c for c in chapters):  # a chapter's own title stands
            plan = plans.get(episode.number)
            passage = text[plan.source_start : plan.source_end] if plan is not None else text  # where it comes from
            cut = defects.title_cut_from(title, passage or text, language)
        if cut:
            found.append(f"a sentence prefix (the book goes on: {cut})")
        key = _norm(title)
        if key in seen:
            found.append(f"same as episode {seen[key]}")
        seen.setdefault(key, episode.number)
        if found:
            yield Finding("titles", "error", f"title {title!r}: {'; '.join(found)}", episode.number, episode.path)
