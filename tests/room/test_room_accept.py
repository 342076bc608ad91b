"""The acceptance check on one episode of the demo: the offline draft passes; each defect the issue
lists is found and named."""

from __future__ import annotations

from pathlib import Path

import pytest

from microdrama.cli import main
from microdrama.demo import demo_story_path
from microdrama.model import BeatSheet, Provenance, ScriptSources
from microdrama.project import StageContext
from microdrama.room.accept import check_episode, parse
from microdrama.room.brief import Story
from microdrama.room.stage import load_story
from microdrama.settings import load_settings

GOOD = 2


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Story, str, ScriptSources]:
    project = tmp_path_factory.mktemp("accept") / "p"
    args = ["produce", str(demo_story_path("en")), "-o", str(project), "--executor", "serial"]
    assert main([*args, "--episodes", "4", "--episode-seconds", "60"]) == 0
    story = load_story(StageContext(project=project, settings=load_settings(project)))
    text = (project / f"script/ep{GOOD:03d}.fountain").read_text(encoding="utf-8")
    return story, text, ScriptSources.load(project / f"script/ep{GOOD:03d}.sources.json")


def beats(keep: list[str], minor: list[str] | None = None) -> BeatSheet:
    return BeatSheet(
        episode=GOOD,
        title="Turn Two",
        conflict="Nell wants the truth, Victor blocks it.",
        opening_hook="A hammer.",
        beats=["a", "b", "c"],
        emotional_curve="fear to anger",
        ending_hook="A confession.",
        keep_lines=keep,
        minor_roles=minor or [],
        provenance=Provenance(stage="write"),
    )


def test_offline_draft_passes(drafted: tuple[Story, str, ScriptSources]) -> None:
    story, text, sources = drafted
    verdict = check_episode(text, story, GOOD, beats(["Nobody lives upstairs."]), sources)
    assert verdict.ok, verdict.findings


def test_each_defect_is_named(drafted: tuple[Story, str, ScriptSources]) -> None:
    story, text, sources = drafted

    def findings(candidate: str, sheet: BeatSheet | None = None) -> str:
        return " | ".join(check_episode(candidate, story, GOOD, sheet or beats([]), sources).findings)

    assert "keep-lines" in findings(text, beats(["Never in a thousand years."]))
    assert "'CONSTABLE' not in the cast" in findings(text.replace("NELL\n", "CONSTABLE\n", 1))
    assert findings(text.replace("NELL\n", "CONSTABLE\n", 1), beats([], ["CONSTABLE"])) == ""
    cut = text[: text.index("\n\n", 400)] + "\n"
    assert "duration:" in findings(cut)
    assert "fountain:" in findings(f"{text}\n# EP03: Another\n")
    assert "this is episode 2" in findings(text.replace("# EP02", "# EP05", 1))
    assert "markdown code fence" in findings(f"```\n{text}```\n")


def test_a_full_width_colon_section_reads_its_title(drafted: tuple[Story, str, ScriptSources]) -> None:
    story = drafted[0]
    script, problems = parse("# EP02：画圈\n\nINT. 县衙大堂 - 日\n\n@阿Q\n我本来要……来投……\n", story, GOOD)
    assert problems == [] and script is not None and script.title == "画圈"


def test_settings_default_to_the_room(tmp_path: Path) -> None:
    assert load_settings(tmp_path).model.writer == "room"
