"""A tiny two-scene episode and its project, for the board, voice and cut tests (seconds of video)."""

from __future__ import annotations

from pathlib import Path

from microdrama.model import Bible, Cast, Character, CharacterProfile, Element, EpisodePlan, EpisodeScript, Plan, Scene
from microdrama.pipeline.stages import STAGES
from microdrama.settings import Settings

#: the stages of the board/voice/cut issue, in order
MEDIA_STAGES = tuple(s for s in STAGES if s.name in ("media", "casting", "board", "voice", "cut"))


def bible() -> Bible:
    """Three characters: a heroine, a villain, an aunt."""
    return Bible(
        title="Tide Clock",
        language="en",
        characters=[
            CharacterProfile(
                id="c001", name="Mara", role="protagonist", description="A young clockmaker back in town."
            ),
            CharacterProfile(id="c002", name="Victor Harrow", role="antagonist", description="The harbour councillor."),
            CharacterProfile(id="c003", name="Aunt Ruth", role="family", description="Mara's aunt, who ran the shop."),
        ],
        provenance={"stage": "adapt"},
    )


def cast() -> Cast:
    """Genders for the three."""
    return Cast(
        characters=[
            Character(id="c001", name="Mara", gender="female"),
            Character(id="c002", name="Victor Harrow", gender="male"),
            Character(id="c003", name="Aunt Ruth", gender="female"),
        ],
        provenance={"stage": "analyze"},
    )


def script(episode: int = 1, scale: int = 1) -> EpisodeScript:
    """Two short scenes: a night exterior exchange with a reversal, a day interior ending on Mara."""

    def line(who: str, text: str, ms: int) -> Element:
        return Element(kind="dialogue", character=who.upper(), text=text, duration_ms=ms * scale)

    return EpisodeScript(
        episode=episode,
        title="The Ledger",
        language="en",
        provenance={"stage": "parse"},
        scenes=[
            Scene(
                number=1,
                heading="EXT. HARBOUR - NIGHT",
                setting="EXT",
                location="HARBOUR",
                time_of_day="NIGHT",
                elements=[
                    Element(kind="action", text="Mara waits by the water.", duration_ms=1200 * scale),
                    line("Victor Harrow", "You came alone? Then you are a fool!", 2600),
                    line("Mara", "I always come alone.", 1400),
                    Element(kind="transition", text="CUT TO:", duration_ms=1000),
                ],
            ),
            Scene(
                number=2,
                heading="INT. SHOP - DAY",
                setting="INT",
                location="SHOP",
                time_of_day="DAY",
                elements=[
                    Element(kind="action", text="Aunt Ruth drops the ledger.", duration_ms=1000 * scale),
                    line("Aunt Ruth", "It was never his.", 1300),
                    line("Mara", "Then we take it back.", 1300),
                ],
            ),
        ],
    )


def plan(episodes: int = 1) -> Plan:
    """A plan with ``episodes`` episodes."""
    return Plan(
        episode_ms=8000,
        requested_episodes=episodes,
        provenance={"stage": "adapt"},
        episodes=[
            EpisodePlan(number=n, title=f"Episode {n}", source_start=0, source_end=10, target_ms=8000)
            for n in range(1, episodes + 1)
        ],
    )


def short_script(episode: int = 1) -> EpisodeScript:
    """One scene, three short elements: a few seconds of animatic (for render tests)."""
    return EpisodeScript(
        episode=episode,
        title="Short",
        language="en",
        provenance={"stage": "parse"},
        scenes=[
            Scene(
                number=1,
                heading="INT. SHOP - NIGHT",
                setting="INT",
                location="SHOP",
                time_of_day="NIGHT",
                elements=[
                    Element(kind="action", text="Mara waits.", duration_ms=900),
                    Element(kind="dialogue", character="VICTOR HARROW", text="You came alone?", duration_ms=1200),
                    Element(kind="dialogue", character="MARA", text="Always.", duration_ms=800),
                ],
            )
        ],
    )


def make_project(
    root: Path, *, episodes: int = 1, media: str = "all", horizontal: bool = True, short: bool = True
) -> tuple[Path, Settings]:
    """A project folder holding what the media stages read (plan, bible, cast, parsed scripts)."""
    root.mkdir(parents=True, exist_ok=True)
    files = {"series/bible.json": bible(), "story/cast.json": cast(), "series/plan.json": plan(episodes)}
    for n in range(1, episodes + 1):
        files[f"script/ep{n:03d}.json"] = short_script(n) if short else script(n)
    for rel, artifact in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(artifact.to_bytes())
    settings = Settings().with_values(
        {"media.episodes": media, "media.horizontal": horizontal, "run.executor": "serial"}
    )

    return root, settings


def project_files(root: Path, *prefixes: str) -> dict[str, bytes]:
    """Files under the given top-level folders, by project-relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] in prefixes
    }
