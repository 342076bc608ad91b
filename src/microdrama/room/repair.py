"""Write one episode, check it, send it back with the findings — a bounded number of times.

The episode is accepted when it passes :func:`~microdrama.room.accept.check_episode`; otherwise it is
refused with the last findings and the caller keeps the offline draft. The per-episode cost limit
(``model.episode_cost``) stops the repairs early.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from microdrama.engines.text.chat import ChatEngine
from microdrama.model import BeatSheet, Provenance, ScriptSources
from microdrama.room.accept import check_episode, parse
from microdrama.room.brief import Story
from microdrama.room.episode import episode_request, repair_request
from microdrama.room.sources import QuoteIndex, episode_sources

#: findings sent back with one repair (the worst first, as found)
MAX_FINDINGS = 12


@dataclass
class Attempted:
    """The outcome of writing one episode."""

    text: str | None = None
    """The accepted Fountain text; None when refused."""
    sources: ScriptSources | None = None
    attempts: int = 0
    findings: list[str] = field(default_factory=list)
    reason: str = ""

    @property
    def accepted(self) -> bool:
        """True when the episode passed the checks."""
        return self.text is not None


def tidy(text: str) -> str:
    """Line endings unified, trailing spaces gone, one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def episode_cost(engine: ChatEngine, number: int) -> float:
    """What this run spent on episode ``number`` so far (beat sheet, writes, repairs)."""
    prefix = f"ep{number:03d}"
    usage = engine.options.ledger.usage
    return sum(u.cost for (stage, unit), u in list(usage.items()) if stage == "write" and unit.startswith(prefix))


def write_checked(
    engine: ChatEngine,
    story: Story,
    number: int,
    beats: BeatSheet | None,
    draft: str,
    *,
    note: str,
    index: QuoteIndex,
    provenance: Provenance,
    repairs: int,
    cost_limit: float = 0.0,
) -> Attempted:
    """Episode ``number`` written and checked, repaired up to ``repairs`` times (raises ``TextEngineError``
    when the engine itself fails)."""
    outcome = Attempted()
    text = ""
    for round_ in range(repairs + 1):
        if round_ == 0:
            request = episode_request(story, beats, number, draft, note)
        else:
            request = repair_request(story, beats, number, round_, text, outcome.findings, note)
        text = tidy(engine.complete(request).value.fountain)
        outcome.attempts += 1
        script, _ = parse(text, story, number)
        sources = (
            episode_sources(script, story, number, index, provenance)
            if script is not None
            else ScriptSources(episode=number, lines=[], provenance=provenance)
        )
        verdict = check_episode(text, story, number, beats, sources)
        if verdict.ok:
            outcome.text, outcome.sources, outcome.findings = text, sources, []
            return outcome
        outcome.findings = verdict.findings[:MAX_FINDINGS]
        if cost_limit and episode_cost(engine, number) >= cost_limit:
            outcome.reason = f"episode budget {cost_limit:g} spent after {outcome.attempts} attempt(s)"
            return outcome
    outcome.reason = f"still fails the checks after {repairs} repair(s): {outcome.findings[0]}"
    return outcome
