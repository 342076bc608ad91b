"""The linter's rules: each reads the project and returns its findings.

Every rule has an id, a default severity and a source in ``shared/reference/craft.md`` (or the Fountain
syntax). Times are those of ``microdrama.text.speech_rate`` (the same estimate the writer fits to):
an element starts after the scene cuts and the elements before it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator

from microdrama.adapt.tension import is_tense
from microdrama.check.findings import Finding, Rule, Severity
from microdrama.check.project import EpisodeFile, Project
from microdrama.model import Element, EpisodeScript
from microdrama.text.speech_rate import is_chinese
from microdrama.write.dialogue import UNKNOWN_CUE
from microdrama.write.narrator import NARRATOR_CUE
from microdrama.write.timing import SCENE_CHANGE_MS

#: the hook must start within this many milliseconds (craft.md §1.3: 前五秒, 3 秒定生死)
HOOK_MS = 5_000
#: the cliffhanger must sit in the episode's last this many milliseconds (§1.3: 最后10秒再留个悬念)
CLIFF_MS = 10_000
#: an episode may run this much over or under its target
TOLERANCE = 0.10
#: markers of a flash-forward opening, in every script language
FLASH_MARKERS = ("FLASH FORWARD", "闪前", "閃前")

_HEADING = re.compile(
    r"^(?:INT\.?/EXT\.?|EXT\.?/INT\.?|I/E\.?|INT\.|EXT\.|EST\.|内景|內景|外景|内外景|內外景)\s*\S", re.IGNORECASE
)
_EPISODE_SECTION = re.compile(r"^#\s*EP\s*\d+", re.IGNORECASE | re.MULTILINE)
_UNKNOWN_CUES = {c.casefold() for c in UNKNOWN_CUE.values()} | {"unknown", "?", "未知", "某人"}

Check = Callable[[Project], Iterator[Finding]]

RULES: dict[str, tuple[Rule, Check]] = {}


def rule(id: str, severity: Severity, title: str, source: str) -> Callable[[Check], Check]:
    """Register a rule function under ``id``."""

    def register(fn: Check) -> Check:
        RULES[id] = (Rule(id=id, severity=severity, title=title, source=source), fn)
        return fn

    return register


def timeline(script: EpisodeScript) -> list[tuple[int, int, Element]]:
    """(start ms, end ms, element) of every element, in order."""
    out: list[tuple[int, int, Element]] = []
    clock = 0
    for scene in script.scenes:
        if scene.heading:
            clock += SCENE_CHANGE_MS
        for element in scene.elements:
            out.append((clock, clock + element.duration_ms, element))
            clock += element.duration_ms
    return out


def _parsed(project: Project) -> Iterator[tuple[EpisodeFile, EpisodeScript]]:
    for episode in project.episodes:
        if episode.script is not None:
            yield episode, episode.script


def _plan_of(project: Project) -> dict[int, object]:
    return {e.number: e for e in project.plan.episodes}


# -- series shape ----------------------------------------------------------------------------------


@rule(
    "episode-files",
    "error",
    "every planned episode has a script file, and every file a planned episode",
    "the project layout (docs/architecture.md)",
)
def episode_files(project: Project) -> Iterator[Finding]:
    """Planned episodes without ``script/epNNN.fountain`` (error); files the plan does not know (warning)."""
    have = {e.number for e in project.episodes}
    planned = {e.number for e in project.plan.episodes}
    for number in sorted(planned - have):
        yield Finding(
            "episode-files",
            "error",
            "planned but script/ep%03d.fountain is missing (run `microdrama write`)" % number,
            number,
        )
    for number in sorted(have - planned):
        yield Finding(
            "episode-files",
            "warning",
            "script file is not in series/plan.json",
            number,
            f"script/ep{number:03d}.fountain",
        )


@rule(
    "paywall",
    "error",
    "a paywall episode is set, 10–20 % into the series (8–16 of 80)",
    "craft.md §1.1 Free/paywall, §1.3 Paywall placement (卡一)",
)
def paywall(project: Project) -> Iterator[Finding]:
    """Series of 5+ episodes need a paywall (error); outside the 10–20 % window is a warning."""
    plan = project.plan
    count = len(plan.episodes)
    number = plan.paywall_episode
    flagged = [e.number for e in plan.episodes if e.paywall]
    if number is None:
        if count >= 5:
            yield Finding(
                "paywall",
                "error",
                f"no paywall episode in a series of {count} episodes "
                "(set series.paywall_episode, or 0 to let adapt choose)",
            )
        else:
            yield Finding("paywall", "info", f"no paywall: a series of {count} episodes is too short for one")
        return
    if number > count or flagged != [number]:
        yield Finding(
            "paywall",
            "error",
            f"paywall episode {number} is not the one episode marked paywall in "
            f"series/plan.json (marked: {flagged or 'none'})",
        )
        return
    lo, hi = max(2, math.ceil(count * 0.1)), max(2, round(count * 0.2))
    if not lo <= number <= hi:
        yield Finding(
            "paywall",
            "warning",
            f"paywall at episode {number}; the usual place is episodes {lo}–{hi} of {count} (10–20 %)",
            number,
        )


# -- files ---------------------------------------------------------------------------------------------


@rule(
    "fountain",
    "error",
    "scripts are valid Fountain: parse, `# EPnn` section, INT./EXT. scene headings",
    "Fountain syntax (fountain.io); craft.md §1.2 (≤3 scenes is a zh generator default, not checked)",
)
def fountain_syntax(project: Project) -> Iterator[Finding]:
    """Parse errors and missing headings are errors; a missing ``# EPnn`` section or an odd heading warns."""
    for episode in project.episodes:
        if episode.error is not None:
            yield Finding("fountain", "error", f"does not parse: {episode.error}", episode.number, episode.path)
            continue
        script = episode.script
        assert script is not None
        if not _EPISODE_SECTION.search(episode.text):
            yield Finding("fountain", "warning", "no `# EPnn: Title` section line", episode.number, episode.path)
        if not any(scene.heading for scene in script.scenes):
            yield Finding("fountain", "error", "no scene heading (INT./EXT. PLACE - DAY)", episode.number, episode.path)
        for scene in script.scenes:
            if scene.heading and not _HEADING.match(scene.heading):
                yield Finding(
                    "fountain",
                    "warning",
                    f"scene {scene.number} heading {scene.heading!r} does not start with INT./EXT.",
                    episode.number,
                    episode.path,
                )
        if not any(e.kind in ("dialogue", "action") for s in script.scenes for e in s.elements):
            yield Finding("fountain", "error", "no action or dialogue", episode.number, episode.path)


# -- timing ------------------------------------------------------------------------------------------


@rule(
    "duration",
    "error",
    "episode runtime within ±10 % of its target",
    "craft.md §0 Episode duration (60–120 s), issue target ±10 %",
)
def duration(project: Project) -> Iterator[Finding]:
    """Estimated runtime (speech rate + action time) outside target ± 10 %."""
    plans = _plan_of(project)
    for episode, script in _parsed(project):
        plan = plans.get(episode.number)
        target = plan.target_ms if plan is not None else project.plan.episode_ms  # type: ignore[attr-defined]
        runtime = script.duration_ms
        if abs(runtime - target) > target * TOLERANCE:
            yield Finding(
                "duration",
                "error",
                f"runs {runtime / 1000:.1f} s for a target of {target / 1000:.0f} s "
                f"(±{TOLERANCE:.0%}: {target * (1 - TOLERANCE) / 1000:.0f}–"
                f"{target * (1 + TOLERANCE) / 1000:.0f} s)",
                episode.number,
                episode.path,
            )


@rule(
    "hook-5s",
    "error",
    "a hook starts within the first 5 s: a speech, a tense action line, or a flash-forward",
    "craft.md §1.3 Opening hook (前五秒; 3秒定生死) and Beat sheet B (0–5 s hook)",
)
def hook(project: Project) -> Iterator[Finding]:
    """The first element starting before :data:`HOOK_MS` that hooks: dialogue, a tense action, a flash."""
    language = project.bible.language
    for episode, script in _parsed(project):
        opening = [e for start, _, e in timeline(script) if start < HOOK_MS]
        if any(_hooks(e, language) for e in opening):
            continue
        first = next((e.text for e in opening if e.kind in ("action", "dialogue")), "")
        yield Finding(
            "hook-5s",
            "error",
            f"nothing hooks in the first {HOOK_MS // 1000} s (opens on "
            f"{_quote(first)}); start on a line of dialogue, a tense action or a flash-forward",
            episode.number,
            episode.path,
        )


def _hooks(element: Element, language: str) -> bool:
    if element.kind == "dialogue":
        return True
    if element.kind == "transition":  # the writer's "> FLASH FORWARD:"
        return element.text.upper().startswith(FLASH_MARKERS)
    if element.kind != "action":
        return False
    return element.text.upper().startswith(FLASH_MARKERS) or is_tense(element.text, language)


@rule(
    "cliffhanger",
    "error",
    "every episode but the last ends unresolved: a tense line in its last 10 s",
    "craft.md §1.3 Cliffhanger, Rhythm (最后10秒再留个悬念), Beat sheet A (cut before the answer lands)",
)
def cliffhanger(project: Project) -> Iterator[Finding]:
    """Within the last :data:`CLIFF_MS`, a speech or action that is tense (see :func:`is_tense`), or a line
    from the event the plan put last (its cliffhanger)."""
    language = project.bible.language
    last_number = max((e.number for e in project.plan.episodes), default=0)
    plans = _plan_of(project)
    spans = {e.id: (e.start, e.end) for e in project.events.events} if project.events else {}
    for episode, script in _parsed(project):
        if episode.number == last_number:
            continue
        times = timeline(script)
        if not times:
            continue
        end = times[-1][1]
        closing = [e for _, stop, e in times if stop > end - CLIFF_MS and e.kind in ("action", "dialogue")]
        if any(is_tense(e.text, language) for e in closing):
            continue
        plan = plans.get(episode.number)
        last_event = plan.events[-1] if plan is not None and plan.events else None  # type: ignore[attr-defined]
        span = spans.get(last_event) if last_event else None
        final = closing[-1] if closing else None
        if span and final is not None and final.source is not None and span[0] <= final.source.start < span[1]:
            continue
        yield Finding(
            "cliffhanger",
            "error",
            f"ends resolved: the last {CLIFF_MS // 1000} s hold no tense line and "
            f"not the planned cliffhanger (ends on {_quote(final.text if final else '')})",
            episode.number,
            episode.path,
        )


# -- speakers ------------------------------------------------------------------------------------------


@rule(
    "unknown-speaker",
    "error",
    "no dialogue by an unknown speaker",
    "issue 4 (dialogue from the source quotations with their speakers); craft.md §1.3 OOC rate (DramaBench)",
)
def unknown_speaker(project: Project) -> Iterator[Finding]:
    """Dialogue whose cue is empty or the generic unknown cue (VOICE / 声音)."""
    for episode, script in _parsed(project):
        for scene in script.scenes:
            for element in scene.elements:
                if element.kind == "dialogue" and (element.character or "").strip().casefold() in _UNKNOWN_CUES | {""}:
                    yield Finding(
                        "unknown-speaker",
                        "error",
                        f"scene {scene.number}: {_quote(element.text)} is "
                        f"spoken by {element.character or 'nobody'}; name the speaker",
                        episode.number,
                        episode.path,
                    )


@rule(
    "bible-names",
    "error",
    "every character cue is a character of the bible (or the cast), by its name",
    "issue 4 (character names consistent with the bible); craft.md §1.3 OOC rate",
)
def bible_names(project: Project) -> Iterator[Finding]:
    """A cue naming nobody known is an error; an alias or a cast name the bible does not profile warns
    (once per episode and name)."""
    fold = _folder(project.bible.language)
    bible = {fold(c.name): c.name for c in project.bible.characters}
    cast: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for character in project.cast.characters if project.cast else []:
        cast.setdefault(fold(character.name), character.name)
        for alias in character.aliases:
            aliases.setdefault(fold(alias), character.name)
    for episode, script in _parsed(project):
        seen: set[str] = set()
        for scene in script.scenes:
            for element in scene.elements:
                if element.kind != "dialogue" or not element.character:
                    continue
                cue = element.character.strip()
                key = fold(cue)
                narrator = cue in NARRATOR_CUE.values()  # a first-person book's narrator the cast does not name
                if key in bible or key in cast or key in _UNKNOWN_CUES or key in seen or narrator:
                    continue
                seen.add(key)
                if key in aliases:
                    yield Finding(
                        "bible-names",
                        "warning",
                        f"cue {cue} is another name of {aliases[key]}; use the bible's name",
                        episode.number,
                        episode.path,
                    )
                else:
                    yield Finding(
                        "bible-names",
                        "error",
                        f"cue {cue} (scene {scene.number}) is neither in the bible nor in the cast",
                        episode.number,
                        episode.path,
                    )


def _folder(language: str) -> Callable[[str], str]:
    if is_chinese(language):
        return lambda name: re.sub(r"\s+", "", name)
    return lambda name: re.sub(r"\s+", " ", name).strip().casefold()


# -- provenance ----------------------------------------------------------------------------------------


@rule(
    "new-lines",
    "info",
    "lines not taken from the book are counted (marked new in epNNN.json)",
    "issue 4 (never invented silently)",
)
def new_lines(project: Project) -> Iterator[Finding]:
    """Dialogue and action lines that match no line the writer took from the book."""
    for episode, script in _parsed(project):
        new = [
            e
            for s in script.scenes
            for e in s.elements
            if e.new and e.kind in ("dialogue", "action") and not e.text.upper().startswith(FLASH_MARKERS)
        ]
        spoken = sum(1 for e in new if e.kind == "dialogue")
        if new:
            yield Finding(
                "new-lines",
                "info",
                f"{len(new)} line(s) not from the book ({spoken} of them dialogue)",
                episode.number,
                episode.path,
            )


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"
