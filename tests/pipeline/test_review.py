"""The review gate: a stage using a paid image/voice engine waits for `microdrama approve`."""

from __future__ import annotations

from pathlib import Path

from microdrama.cli import main
from microdrama.demo import demo_story_path
from microdrama.pipeline import STAGES, Runner, Stage
from microdrama.project import StageContext
from microdrama.settings import Settings


def _paid_step(ctx: StageContext) -> dict[str, bytes]:
    return {"paid/out.txt": b"done"}


PAID = Stage(
    name="paid",
    version=1,
    func=_paid_step,
    description="a costly step",
    inputs=("script/ep001.fountain",),
    outputs=("paid/out.txt",),
    engines=("engines.image",),
)
ORDER = ("ingest", "analyze", "adapt", "write")


def _runner(project: Path, image: str) -> Runner:
    settings = Settings().with_values(
        {
            "project.novel": str(demo_story_path("en")),
            "series.episodes": 3,
            "run.executor": "serial",
            "engines.image": image,
        }
    )
    stages = tuple(s for s in STAGES if s.name in ORDER) + (PAID,)
    return Runner(project, settings, stages=stages)


def test_free_engines_need_no_approval(tmp_path: Path) -> None:
    summary = _runner(tmp_path / "p", "panel").run()
    assert "paid" in summary.ran()


def test_paid_engine_waits_for_approval_and_edits_close_the_gate(tmp_path: Path) -> None:
    project = tmp_path / "p"
    summary = _runner(project, "openai-images://127.0.0.1:9/v1?model=x").run()
    assert "write" in summary.ran() and "paid" not in summary.ran()
    assert any("microdrama approve" in w for w in summary.warnings)
    assert not (project / "paid/out.txt").exists()

    assert main(["approve", str(project)]) == 0
    assert (project / "review/approval.json").is_file()
    assert "paid" in _runner(project, "openai-images://127.0.0.1:9/v1?model=x").run().ran()

    script = project / "script/ep001.fountain"
    script.write_text(script.read_text(encoding="utf-8") + "\nA line added by hand.\n", encoding="utf-8")
    summary = _runner(project, "openai-images://127.0.0.1:9/v1?model=x").run()
    assert any("changed since approval" in w and "ep001.fountain" in w for w in summary.warnings)
    assert "paid" not in summary.ran()


def test_approve_needs_scripts(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "microdrama.toml").write_text("", encoding="utf-8")
    assert main(["approve", str(project)]) == 2
