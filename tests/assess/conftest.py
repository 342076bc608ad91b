"""A hand-made two-episode project whose every figure can be worked out by hand, and the demo project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from microdrama.cli import main
from microdrama.model import (
    Bible,
    Cast,
    Character,
    Coverage,
    CoverageEntry,
    EpisodePlan,
    Event,
    Events,
    Plan,
    Quote,
    Quotes,
)
from microdrama.model.lock import Lock, StageRecord
from microdrama.model.script import LineSource, ScriptSources
from microdrama.model.subtitles import LanguageTotals, SubtitleReport
from microdrama.model.usage import UsageEntry, UsageLedger

EP1 = """# EP01: The Clock

INT. SHOP - DAY

The shop is quiet.

NELL
You stole the clock, you thief!

VICTOR
I never touched it.
"""
EP2 = """# EP02: The Tide

EXT. HARBOUR - NIGHT

The tide comes in.

NELL
Who took it?
"""
PROV = {"stage": "test"}


def write_hand_made(root: Path) -> Path:
    """Write the hand-made project into ``root``.

    Events: e1 and e2 in episode 1 (only e1 has a line drawn from it: e2 is merged), e3 cut, e4 in
    episode 2. Lines: four from the book, one new ("I never touched it."). Paywall after episode 1.
    """
    for folder in ("series", "story", "script", "subs", ".microdrama"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    events = [
        Event(id="e1", start=0, end=100, summary="a", tension=0.6, importance=0.8),
        Event(id="e2", start=100, end=200, summary="b", tension=0.4, importance=0.5),
        Event(id="e3", start=200, end=300, summary="c", tension=0.2, importance=0.1),
        Event(id="e4", start=300, end=400, summary="d", tension=0.9, importance=0.9),
    ]
    (root / "story/events.json").write_bytes(Events(events=events, provenance=PROV).to_bytes())
    cast = Cast(characters=[Character(id="c1", name="Nell"), Character(id="c2", name="Victor")], provenance=PROV)
    (root / "story/cast.json").write_bytes(cast.to_bytes())
    quotes = [
        Quote(id="q1", start=10, end=40, text="You stole the clock, you thief! I hate you for it.", speaker="c1"),
        Quote(id="q2", start=310, end=330, text="Who took it, and why did you lie?", speaker="c1"),
        Quote(id="q3", start=340, end=360, text="I am afraid of the harbour master.", speaker="c2"),
    ]
    (root / "story/quotes.json").write_bytes(Quotes(quotes=quotes, provenance=PROV).to_bytes())
    plan = Plan(
        episode_ms=30_000,
        requested_episodes=2,
        paywall_episode=1,
        provenance=PROV,
        episodes=[
            EpisodePlan(
                number=1, title="The Clock", events=["e1", "e2"], source_start=0, source_end=200, target_ms=30_000
            ),
            EpisodePlan(number=2, title="The Tide", events=["e4"], source_start=300, source_end=400, target_ms=30_000),
        ],
    )
    (root / "series/plan.json").write_bytes(plan.to_bytes())
    bible = Bible(title="Hand Made", language="en", genre=["mystery"], provenance=PROV)
    (root / "series/bible.json").write_bytes(bible.to_bytes())
    coverage = Coverage(
        provenance=PROV,
        entries=[
            CoverageEntry(event="e1", episode=1, status="used"),
            CoverageEntry(event="e2", episode=1, status="used"),
            CoverageEntry(event="e3", status="cut"),
            CoverageEntry(event="e4", episode=2, status="used"),
        ],
    )
    (root / "series/coverage.json").write_bytes(coverage.to_bytes())
    (root / "script/ep001.fountain").write_text(EP1, encoding="utf-8")
    (root / "script/ep002.fountain").write_text(EP2, encoding="utf-8")
    ep1 = ScriptSources(
        episode=1,
        provenance=PROV,
        lines=[
            LineSource(text="The shop is quiet.", start=5, end=23),
            LineSource(text="You stole the clock, you thief!", quote="q1", start=10, end=40),
        ],
    )
    ep2 = ScriptSources(
        episode=2,
        provenance=PROV,
        lines=[
            LineSource(text="The tide comes in.", start=300, end=310),
            LineSource(text="Who took it?", quote="q2", start=310, end=330),
        ],
    )
    (root / "script/ep001.sources.json").write_bytes(ep1.to_bytes())
    (root / "script/ep002.sources.json").write_bytes(ep2.to_bytes())
    usage = UsageLedger(
        provenance=PROV,
        entries=[
            UsageEntry(stage="write", unit="ep001", requests=3, prompt_tokens=100, completion_tokens=50, cost=0.02),
            UsageEntry(
                stage="write", unit="ep002", requests=2, prompt_tokens=80, completion_tokens=40, cost=0.01, fallbacks=1
            ),
        ],
    )
    (root / ".microdrama/usage.json").write_bytes(usage.to_bytes())
    lock = Lock(
        stages={
            "write": StageRecord(key="k", version=1, engines={"engines.text": "openai://h:1/v1?model=m"}),
            "parse/001": StageRecord(key="k1", version=1),
            "parse/002": StageRecord(key="k2", version=1),
        }
    )
    (root / ".microdrama/lock.json").write_bytes(lock.to_bytes())
    qc = SubtitleReport(
        provenance=PROV,
        languages=[
            LanguageTotals(
                language="en", episodes=2, cues_before=10, passing_before=8, cues=10, passing=9, errors=1, warnings=2
            )
        ],
    )
    (root / "subs/qc.json").write_bytes(qc.to_bytes())
    return root


@pytest.fixture
def hand_made(tmp_path: Path) -> Path:
    """A fresh hand-made project."""
    return write_hand_made(tmp_path / "hand")


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English demo series (no animatic), made once per session."""
    root = tmp_path_factory.mktemp("demo") / "demo"
    assert main(["demo", "-o", str(root), "--animatic", "", "--executor", "serial"]) == 0
    return root


@pytest.fixture
def demo_copy(demo_project: Path, tmp_path: Path) -> Path:
    """A copy of the demo project to edit."""
    return Path(shutil.copytree(demo_project, tmp_path / "library" / "demo_copy"))
