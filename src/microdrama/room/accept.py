"""The acceptance check of a model-written episode: it is parsed, then checked with the linter's own
rules (valid Fountain, runtime ±10 % by the speech-rate model, hook within 5 s, cliffhanger and
peak ending, action lines, dialogue seams, titles…) plus the room's: cues only from the cast and the
beat sheet's minor roles, the kept lines word for word, no chatter or markup, nothing an instruction
planted in the novel asked for. Only errors refuse an episode."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from microdrama.check import RULES
from microdrama.check.project import EpisodeFile, Project
from microdrama.errors import FormatError
from microdrama.formats import fountain
from microdrama.model import BeatSheet, EpisodeScript, ScriptSources
from microdrama.room.brief import Story, allowed_cues
from microdrama.room.leaks import leaks, obeyed
from microdrama.room.verbatim import occurs_in
from microdrama.write.align import attach_sources

#: linter rules that judge the series, or names the room allows beyond the bible (checked here instead)
SERIES_RULES = frozenset({"episode-files", "paywall", "bible-names", "new-lines"})
_SECTION = re.compile(r"^#\s*EP\s*(\d+)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Verdict:
    """The parsed episode (None when it does not parse) and the errors found."""

    script: EpisodeScript | None
    findings: list[str]

    @property
    def ok(self) -> bool:
        """True when nothing refuses the episode."""
        return self.script is not None and not self.findings


def parse(text: str, story: Story, number: int) -> tuple[EpisodeScript | None, list[str]]:
    """The episode parsed (number forced), or None and why not."""
    sections = [int(n) for n in _SECTION.findall(text)]
    if len(sections) > 1:
        return None, [f"fountain: {len(sections)} `# EP` sections; write episode {number} only"]
    if sections and sections[0] != number:
        return None, [f"fountain: the section says episode {sections[0]}; this is episode {number}"]
    try:
        script = fountain.read_episode(text, language=story.bible.language, where=f"ep{number:03d}")
    except FormatError as exc:
        return None, [f"fountain: does not parse: {exc}"]
    return script.model_copy(update={"episode": number}), []


def check_episode(text: str, story: Story, number: int, beats: BeatSheet | None, sources: ScriptSources) -> Verdict:
    """Every error that refuses ``text`` as episode ``number``."""
    findings = leaks(text)
    episode = story.episode(number)
    findings += obeyed(text, story.source.text[episode.source_start : episode.source_end])
    script, problems = parse(text, story, number)
    if script is None:
        return Verdict(None, findings + problems)
    script = attach_sources(script, sources, language=story.bible.language).model_copy(update={"episode": number})
    findings += _linter(text, script, story, number)
    findings += _cues(script, story, beats)
    findings += _kept(script, beats)
    return Verdict(script, findings)


def _linter(text: str, script: EpisodeScript, story: Story, number: int) -> list[str]:
    """Errors of the linter's episode rules on this one episode."""
    rel = f"script/ep{number:03d}.fountain"
    project = Project(
        root=Path("."),  # episode rules never read the root
        plan=story.plan,
        bible=story.bible,
        cast=story.cast,
        events=story.events,
        episodes=[EpisodeFile(number=number, path=rel, text=text, script=script)],
        source=story.source,
    )
    found = []
    for rule_id, (_, check) in RULES.items():
        if rule_id in SERIES_RULES:
            continue
        found += [f"{f.rule}: {f.message}" for f in check(project) if f.severity == "error"]
    return found


def _cues(script: EpisodeScript, story: Story, beats: BeatSheet | None) -> list[str]:
    """Cues naming nobody in the cast and no minor role the beat sheet declared."""
    allowed = allowed_cues(story, beats.minor_roles if beats else [])
    keys = {" ".join(c.split()).casefold() for c in allowed}
    unknown: list[str] = []
    for scene in script.scenes:
        for element in scene.elements:
            cue = " ".join((element.character or "").split())
            if element.kind == "dialogue" and cue.casefold() not in keys and cue not in unknown:
                unknown.append(cue)
    if not unknown:
        return []
    return [
        f"cues: {', '.join(repr(c) for c in unknown)} not in the cast or the beat sheet's minor roles; "
        f"use only: {', '.join(allowed[:24])}"
    ]


def _kept(script: EpisodeScript, beats: BeatSheet | None) -> list[str]:
    """Kept lines of the beat sheet that the episode does not say word for word."""
    if beats is None:
        return []
    said = " ".join(e.text for s in script.scenes for e in s.elements if e.kind in ("dialogue", "action"))
    return [
        f"keep-lines: {line[:80]!r} must appear word for word" for line in beats.keep_lines if not occurs_in(line, said)
    ]
