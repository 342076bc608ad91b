"""The runner on a small stage table of its own: keys, skipping, edits, fan-out, run cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from microdrama.errors import PipelineError
from microdrama.pipeline import Runner, SerialExecutor
from microdrama.pipeline.stages import Stage
from microdrama.project import Outputs, StageContext
from microdrama.settings import Settings

CALLS: list[str] = []


def shout(ctx: StageContext) -> Outputs:
    CALLS.append("shout")
    text = ctx.path("in/words.txt").read_text()
    times = ctx.settings.series.episodes
    return {f"mid/part{i:03d}.txt": f"{text.upper()} #{i}\n".encode() for i in range(1, times + 1)}


def frame(ctx: StageContext) -> Outputs:
    CALLS.append(f"frame/{ctx.unit}")
    body = ctx.path(f"mid/part{ctx.unit}.txt").read_text()
    return {f"out/part{ctx.unit}.txt": f"[{body.strip()}]\n".encode()}


def gather(ctx: StageContext) -> Outputs:
    CALLS.append("gather")
    parts = [ctx.path(p).read_text() for p in sorted(ctx.inputs)]
    return {"out/all.txt": "".join(parts).encode()}


TOY = (
    Stage(
        "shout",
        1,
        shout,
        "upper-case",
        inputs=("in/words.txt",),
        outputs=("mid/part[0-9][0-9][0-9].txt",),
        settings=("series.episodes",),
    ),
    Stage(
        "frame",
        1,
        frame,
        "frame each part",
        inputs=("mid/part{unit}.txt",),
        outputs=("out/part{unit}.txt",),
        fan_out="mid/part{unit}.txt",
    ),
    Stage("gather", 1, gather, "join", inputs=("out/part[0-9][0-9][0-9].txt",), outputs=("out/all.txt",)),
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in/words.txt").write_text("hello")
    CALLS.clear()
    return tmp_path


def run(project: Path, episodes: int = 3) -> list[str]:
    settings = Settings().with_values({"series.episodes": episodes})
    CALLS.clear()
    Runner(project, settings, stages=TOY, executor=SerialExecutor()).run()
    return list(CALLS)


def test_second_run_does_no_work(project: Path) -> None:
    assert run(project) == ["shout", "frame/001", "frame/002", "frame/003", "gather"]
    assert (project / "out/all.txt").read_text() == "[HELLO #1]\n[HELLO #2]\n[HELLO #3]\n"
    lock_before = (project / ".microdrama/lock.json").read_bytes()
    assert run(project) == []
    assert (project / ".microdrama/lock.json").read_bytes() == lock_before


def test_editing_one_intermediate_reruns_only_its_dependents(project: Path) -> None:
    run(project)
    (project / "mid/part002.txt").write_text("EDITED BY HAND\n")
    assert run(project) == ["frame/002", "gather"]
    assert "[EDITED BY HAND]" in (project / "out/all.txt").read_text()
    # the hand edit is kept: the stage that wrote it did not re-run
    assert (project / "mid/part002.txt").read_text() == "EDITED BY HAND\n"


def test_setting_change_reruns_and_removes_stale_outputs(project: Path) -> None:
    run(project, episodes=3)
    assert run(project, episodes=2) == ["shout", "gather"]
    assert not (project / "mid/part003.txt").exists()
    assert not (project / "out/part003.txt").exists()
    assert (project / "out/all.txt").read_text() == "[HELLO #1]\n[HELLO #2]\n"


def test_going_back_restores_from_run_cache(project: Path) -> None:
    run(project, episodes=3)
    run(project, episodes=2)
    assert run(project, episodes=3) == []  # every stage and unit came back from the run cache
    assert (project / "out/all.txt").read_text() == "[HELLO #1]\n[HELLO #2]\n[HELLO #3]\n"


def test_regenerating_a_hand_edited_output_keeps_a_backup(project: Path) -> None:
    run(project)
    (project / "mid/part001.txt").write_text("MINE\n")
    (project / "in/words.txt").write_text("bye")
    runner = Runner(project, Settings().with_values({"series.episodes": 3}), stages=TOY)
    summary = runner.run()
    assert (project / "mid/part001.txt").read_text() == "BYE #1\n"
    assert any("edited by hand" in w for w in summary.warnings)
    backups = list((project / ".microdrama/edits/mid").iterdir())
    assert [b.read_text() for b in backups] == ["MINE\n"]


def test_missing_output_is_rebuilt(project: Path) -> None:
    run(project)
    (project / "out/all.txt").unlink()
    assert run(project) == []  # restored from the run cache, no stage function called
    assert (project / "out/all.txt").read_text().startswith("[HELLO #1]")


def test_until_stops_early_and_unknown_stage_is_an_error(project: Path) -> None:
    settings = Settings()
    Runner(project, settings, stages=TOY).run("shout")
    assert not (project / "out").exists()
    with pytest.raises(PipelineError, match="no stage named 'nope'"):
        Runner(project, settings, stages=TOY).run("nope")


def test_no_temporary_files_are_left(project: Path) -> None:
    run(project)
    leftovers = [p for p in project.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    assert not (project / ".microdrama/tmp").exists()


def test_store_paths_are_content_addressed(project: Path) -> None:
    run(project)
    blobs = [p for p in (project / ".microdrama/store/sha256").rglob("*") if p.is_file()]
    assert blobs
    for blob in blobs:
        rel = blob.relative_to(project / ".microdrama/store/sha256").as_posix()
        assert len(rel) == 65 and rel[2] == "/" and all(c in "0123456789abcdef/" for c in rel)


def test_input_globs_may_have_wildcards_in_folders(tmp_path: Path) -> None:
    def count(ctx: StageContext) -> Outputs:
        return {"n.txt": str(sorted(ctx.inputs)).encode()}

    stage = Stage("count", 1, count, "count files", inputs=("box/*/[a-z].json",), outputs=("n.txt",))
    for rel in ("box/one/a.json", "box/two/b.json", "box/two/B.json", "box/x.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}")
    runner = Runner(tmp_path, Settings(), stages=(stage,), executor=SerialExecutor())
    runner.run()
    assert (tmp_path / "n.txt").read_text() == str(["box/one/a.json", "box/two/b.json"])
    (tmp_path / "box/one/a.json").unlink()
    assert Runner(tmp_path, Settings(), stages=(stage,), executor=SerialExecutor()).run().ran() == ["count"]
