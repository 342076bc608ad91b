"""The model engine across the chain, against the fake server: refinement, fallback, cache, cost, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_openai import FakeServer, fake_server, smart_reply  # noqa: F401

from microdrama.cli import main
from microdrama.demo import demo_story_path
from microdrama.model import Plan, RefineReport, ScriptSources

ARGS = ["--executor", "serial", "--episodes", "4", "--episode-seconds", "60"]
SECRET = "sk-test-DO-NOT-LEAK-7f3a9c"


def produce(project: Path, *extra: str) -> int:
    return main(["produce", str(demo_story_path("en")), "-o", str(project), *ARGS, *extra])


#: these tests are about the refiners: the model tightens the offline draft (tests/room: the model writes)
TIGHTEN = '[model]\nwriter = "tighten"\n'


def write_only(project: Path, url: str) -> int:
    """Run the chain up to ``write`` (the last stage that asks the model) on a new project."""
    project.mkdir()
    engine = f'[engines]\ntext = "{url}"\n{TIGHTEN}' if url else ""
    (project / "microdrama.toml").write_text(
        f'[project]\nnovel = "{demo_story_path("en")}"\n[series]\nepisodes = 4\nepisode_seconds = 60\n'
        f'{engine}[run]\nexecutor = "serial"\n',
        encoding="utf-8",
    )
    return main(["write", str(project)])


def visible(project: Path) -> dict[str, bytes]:
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for p in sorted(project.rglob("*"))
        if p.is_file() and not p.relative_to(project).as_posix().startswith(".microdrama")
    }


def test_refined_chain_then_second_run_sends_nothing(
    fake_server: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    fake_server.responder = smart_reply
    project = tmp_path / "p"
    project.mkdir()
    (project / "microdrama.toml").write_text(TIGHTEN, encoding="utf-8")
    assert produce(project, "--text-engine", fake_server.url()) == 0
    first = len(fake_server.requests)
    assert first > 0
    assert fake_server.headers[0]["authorization"] == f"Bearer {SECRET}"
    # every stage's units were refined, and it says so
    for rel in ("story/refine.json", "series/refine.json", "script/refine.json"):
        report = RefineReport.load(project / rel)
        assert report.units and all(u.status == "refined" for u in report.units), rel
        assert report.model == "fake-model"
    plan = Plan.load(project / "series/plan.json")
    assert all(e.title.startswith("Model title") for e in plan.episodes if e.events)
    assert plan.provenance.engine == fake_server.url()
    sources = ScriptSources.load(project / "script/ep001.sources.json")
    tightened = [ls for ls in sources.lines if ls.new and ls.quote]
    assert tightened, "dialogue lines keep their quotation reference when tightened"
    fountain = (project / "script/ep001.fountain").read_text(encoding="utf-8")
    assert all(ls.text in fountain for ls in tightened)
    parsed = json.loads((project / "script/ep001.json").read_text(encoding="utf-8"))
    lines = [e for s in parsed["scenes"] for e in s["elements"] if e["kind"] == "dialogue"]
    tightened_texts = {ls.text for ls in tightened}
    # like the offline condenser's lines: marked new in the parsed script, quotation kept in sources.json
    assert all(e["new"] for e in lines if e["text"] in tightened_texts)
    captured = capsys.readouterr()
    err = captured.err
    assert "model:" in err and "request(s)" in err
    assert SECRET not in captured.out + captured.err
    # accounting per stage and unit
    ledger = json.loads((project / ".microdrama/usage.json").read_text())
    units = {(e["stage"], e["unit"]) for e in ledger["entries"]}
    assert ("adapt", "series") in units and ("write", "ep001") in units
    # re-run from scratch (forced): the cache answers everything
    before = visible(project)
    assert produce(project, "--force") == 0
    assert len(fake_server.requests) == first
    assert visible(project) == before
    # no key anywhere in the project
    for path in project.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_invalid_replies_keep_the_offline_result_visibly(
    fake_server: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    offline = tmp_path / "offline"
    assert write_only(offline, "") == 0
    capsys.readouterr()
    fake_server.responder = lambda body: {"content": "I am sorry, I cannot do JSON."}
    project = tmp_path / "p"
    assert write_only(project, fake_server.url()) == 0
    err = capsys.readouterr().err
    assert "fallback: write/ep001 kept the offline result" in err
    assert "kept the offline result" in err
    for rel in ("story/refine.json", "series/refine.json", "script/refine.json"):
        assert all(u.status == "fallback" and u.reason for u in RefineReport.load(project / rel).units)
    # bounded: 1 + repair_retries requests per unit
    units = sum(
        len(RefineReport.load(project / r).units)
        for r in ("story/refine.json", "series/refine.json", "script/refine.json")
    )
    assert len(fake_server.requests) == units * 3
    a, b = visible(offline), visible(project)
    for rel in a:
        if rel.endswith(".fountain"):
            assert a[rel] == b[rel], rel


def test_estimate_sends_nothing_and_creates_nothing(
    fake_server: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p"
    assert produce(project, "--text-engine", fake_server.url(), "--estimate") == 0
    out = capsys.readouterr().out
    assert fake_server.requests == []
    assert not project.exists()
    assert "request(s) to send" in out and "write" in out and "adapt" in out


def _paid_project(project: Path, url: str, price: float) -> None:
    project.mkdir()
    (project / "microdrama.toml").write_text(
        f'[engines]\ntext = "{url}"\n[model.prices."fake-model"]\ninput = {price}\noutput = {price}\n', encoding="utf-8"
    )


def test_max_cost_stops_cleanly_and_resumes_without_repeating(
    fake_server: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_server.responder = smart_reply
    project = tmp_path / "p"
    _paid_project(project, fake_server.url(), 100.0)  # the fake bills 120 tokens a request = 0.012
    assert produce(project, "--max-cost", "0.03") == 2
    err = capsys.readouterr().err
    assert "max-cost 0.03 reached" in err
    spent = len(fake_server.requests)
    assert spent >= 3
    assert not (project / "script").exists()
    assert produce(project, "--max-cost", "0") == 0
    total = len(fake_server.requests)
    # a fresh project needs the same number of requests: nothing was asked twice
    fresh = tmp_path / "fresh"
    _paid_project(fresh, fake_server.url(), 100.0)
    assert produce(fresh) == 0
    assert len(fake_server.requests) - total == total > spent


def test_unknown_engine_fails_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    assert produce(project, "--text-engine", "claude://localhost/v1?model=x") == 2
    assert "known schemes: mock, offline, openai" in capsys.readouterr().err
    assert not project.exists()
