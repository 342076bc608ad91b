"""The compliance stages through the runner: every output of an episode gets a labelled copy that
``labels verify`` accepts, the ledger says who made what, the report lists findings and the tier."""

from __future__ import annotations

import json
from pathlib import Path

from compliance_media import cut_like_mp4, png, wav
from compliance_scripts import planted_zh

from microdrama.cli import main
from microdrama.compliance.gate import require_filing, require_labels
from microdrama.compliance.verify import verify_file
from microdrama.formats import pdf
from microdrama.formats.fountain import write_episode
from microdrama.model.base import Provenance
from microdrama.model.compliance import ComplianceReport, LabelLedger
from microdrama.model.series import Bible
from microdrama.pipeline.runner import Runner
from microdrama.pipeline.stages import STAGES
from microdrama.settings import Settings

COMPLIANCE_STAGES = tuple(s for s in STAGES if s.name in ("compliance", "compliance-report"))
FILES = {
    "board/ep002/s001.png": lambda: png(),
    "voice/ep002/001-001.wav": lambda: wav(),
    "cut/ep002.vertical.mp4": lambda: cut_like_mp4(3.0),
    "subs/ep002.zh-Hans.vtt": lambda: b"WEBVTT\n\n00:00.000 --> 00:01.000\n\xe4\xbd\xa0\xe5\xa5\xbd\n",
    "subs/ep002.zh-Hans.srt": lambda: "1\n00:00:00,000 --> 00:00:01,000\n你好\n".encode(),
    "script/series.pdf": lambda: pdf.write_series(
        [planted_zh(2)], Bible(title="测试", language="zh-Hans", provenance=Provenance(stage="adapt"))
    ),
}


def _project(root: Path) -> Path:
    script = planted_zh(2)
    files = {"script/ep002.json": script.to_bytes(), "script/ep002.fountain": write_episode(script).encode("utf-8")}
    files.update({rel: make() for rel, make in FILES.items()})
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def test_every_output_gets_a_verified_labelled_copy_and_the_report_its_findings(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    settings = Settings().with_values({"compliance.investment": 1_500_000, "compliance.tier_rules": "2026"})
    Runner(project, settings, stages=COMPLIANCE_STAGES).run()
    labelled = sorted(p.relative_to(project).as_posix() for p in (project / "labelled").rglob("*") if p.is_file())
    sidecar = "labelled/subs/ep002.zh-Hans.srt.aigc.json"
    assert labelled == sorted([*(f"labelled/{p}" for p in [*FILES, "script/ep002.fountain"]), sidecar])
    labelled.remove(sidecar)
    for rel in labelled:
        assert verify_file(project / rel).ok, rel
        assert not verify_file(project / rel.removeprefix("labelled/")).ok  # the originals are untouched
    require_labels(project / rel for rel in labelled)

    ledger = LabelLedger.load(project / "compliance/ep002.labels.json")
    by_path = {e.path: e for e in ledger.entries}
    assert by_path["cut/ep002.vertical.mp4"].origin == "synthesised"
    assert by_path["cut/ep002.vertical.mp4"].placement["fraction"] >= 0.05
    assert by_path["voice/ep002/001-001.wav"].explicit.startswith("spoken notice")
    assert by_path["subs/ep002.zh-Hans.srt"].labelled == "labelled/subs/ep002.zh-Hans.srt"
    assert by_path["subs/ep002.zh-Hans.srt"].explicit.startswith("cue 1")

    report = ComplianceReport.load(project / "compliance/report.json")
    assert not report.ready
    assert report.unlabelled == []
    assert report.labels["labelled"] == len(FILES) + 1  # every file above and the episode's Fountain script
    assert report.tier["tier"] == "ordinary"
    rules = {(f["rule"], f["episode"], f["scene"], f["line"]) for f in report.findings}
    assert ("RL-VIOLENCE", 2, 1, 2) in rules and ("TIER-FILING", None, None, None) in rules
    html = (project / "compliance/report.html").read_text("utf-8")
    assert "血肉模糊" in html and "CNSA" in html


def test_model_engines_make_outputs_generated(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    settings = Settings().with_values(
        {
            "engines.image": "openai-images://127.0.0.1:9/v1?model=x",
            "compliance.market": "intl",
            "compliance.label_language": "en",
        }
    )
    Runner(project, settings, stages=COMPLIANCE_STAGES[:1]).run()
    entries = {e.path: e for e in LabelLedger.load(project / "compliance/ep002.labels.json").entries}
    assert entries["board/ep002/s001.png"].origin == "generated"
    assert entries["board/ep002/s001.png"].placement["text"] == "AI-generated"
    assert entries["voice/ep002/001-001.wav"].origin == "synthesised"


def test_rule_based_outputs_can_go_unlabelled(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    settings = Settings().with_values({"compliance.label_rule_based": False})
    Runner(project, settings, stages=COMPLIANCE_STAGES[:1]).run()
    assert not (project / "labelled").exists()
    entries = LabelLedger.load(project / "compliance/ep002.labels.json").entries
    assert all(e.origin == "none" and "label_rule_based is off" in e.reason for e in entries)


def test_release_gate_and_cli(tmp_path: Path, capsys) -> None:
    import pytest

    from microdrama.compliance.errors import FilingNumberError

    with pytest.raises(FilingNumberError, match="上线备案号"):
        require_filing(Settings())
    assert (
        require_filing(Settings().with_values({"compliance.filing_number": "(总局)网剧审字(2026)第001号"})).tier
        == "other"
    )
    labelled = tmp_path / "a.png"
    from microdrama.compliance.implicit import Payload, write_label

    labelled.write_bytes(write_label(png(), Payload('{"AIGC":{"Label":"1","ContentProducer":"x","ProduceID":"y"}}')))
    plain = tmp_path / "b.png"
    plain.write_bytes(png())
    assert main(["labels", "verify", "--json", str(labelled)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["ok"] is True
    assert main(["labels", "verify", str(labelled), str(plain)]) == 1
    assert "1 of 2 file(s) without a valid AIGC label" in capsys.readouterr().err
