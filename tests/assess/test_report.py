"""assess on a hand-made project: every figure agrees with the artifacts it comes from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microdrama.assess import assess_project, write_report
from microdrama.check.project import read_episode_file
from microdrama.check.rules import SCENE_CHANGE_MS, timeline
from microdrama.cli import main
from microdrama.errors import ArtifactError


def _parsed(root: Path, number: int):
    return read_episode_file(root, number, "en").script


def test_craft_figures_agree_with_the_scripts(hand_made: Path) -> None:
    report = assess_project(hand_made)
    ep1, ep2 = report["craft"]["episodes"]
    script = _parsed(hand_made, 1)
    times = timeline(script)
    action, accuse, deny = (e for _, _, e in times)
    assert ep1["runtime_ms"] == script.duration_ms
    assert ep1["target_ms"] == 30_000
    # the quiet action line does not hook; the accusation (first dialogue) does
    assert ep1["hook_ms"] == SCENE_CHANGE_MS + action.duration_ms
    assert ep1["cliffhanger"]["kind"] == "exclamation"  # the last tense line ends in "!"
    assert ep2["cliffhanger"]["kind"] == "final episode"
    assert ep1["scenes"] == 1 and ep1["lines"] == 3
    end = times[-1][1]
    assert ep1["dialogue_share"] == round((accuse.duration_ms + deny.duration_ms) / end, 3)
    assert ep1["screen_time_ms"] == {"NELL": accuse.duration_ms, "VICTOR": deny.duration_ms}
    assert ep1["turns"] == 1  # only the accusation turns the scene
    assert ep1["tension"] == 0.5 and ep1["closing_tension"] == 0.4  # mean of e1, e2; e2 closes
    assert ep2["tension"] == 0.9
    series = report["craft"]["series"]
    assert series["paywall_episode"] == 1 and series["paywall_position"] == 0.5 and series["paywall_ok"] is False
    assert series["tension_curve"] == [0.5, 0.9]
    assert series["episodes_written"] == 2 and series["scenes"] == 2


def test_fidelity_counts_covered_merged_cut_and_new_lines(hand_made: Path) -> None:
    fid = assess_project(hand_made)["fidelity"]
    assert fid["events"] == {
        "total": 4,
        "covered": 2,
        "merged": 1,
        "cut": 1,
        "cold_open": 0,
        "covered_share": 0.5,
        "importance_kept_share": round((0.8 + 0.5 + 0.9) / 2.3, 3),
    }
    assert fid["lines"]["total"] == 5 and fid["lines"]["from_book"] == 4 and fid["lines"]["new"] == 1
    assert fid["lines"]["dialogue_book_share"] == round(2 / 3, 3)
    # charged lines by the main speakers, in book order; kept when a script line still comes from the quotation
    kept = {s["quote"]: s["kept"] for s in fid["signature_lines"]}
    assert kept == {"q1": True, "q2": True, "q3": False}
    assert {s["speaker"] for s in fid["signature_lines"]} <= {"Nell", "Victor"}


def test_technology_reach_and_compliance_from_the_ledger_and_reports(hand_made: Path) -> None:
    report = assess_project(hand_made)
    tech = report["technology"]
    assert tech["totals"]["requests"] == 5 and tech["totals"]["cost"] == pytest.approx(0.03)
    assert tech["model_usage"]["write"]["fallbacks"] == 1
    assert tech["stages_run"] == {"parse": 2, "write": 1}
    assert tech["model_engines"] == ["openai://h:1/v1?model=m"]
    write_row = next(r for r in tech["time_saved"] if r["stage"] == "write")
    assert write_row["count"] == 2 and write_row["hours"] == pytest.approx(2.8)
    subs = report["international"]["subtitles"]
    assert subs == [
        {
            "language": "en",
            "episodes": 2,
            "cues": 10,
            "pass_rate": 0.9,
            "pass_rate_before_fix": 0.8,
            "errors": 1,
            "warnings": 2,
        }
    ]
    assert report["compliance"]["status"] == "not available"
    assert report["industry"]["platforms"] == "not available"
    (hand_made / "compliance").mkdir()
    (hand_made / "compliance/report.json").write_text(
        json.dumps({"ok": False, "findings": [{"severity": "error"}, {"severity": "warning"}, {"severity": "error"}]})
    )
    (hand_made / "release").mkdir()
    (hand_made / "release/douyin.json").write_text(json.dumps({"platform": "douyin", "calendar": ["2027-01-01"]}))
    report = assess_project(hand_made)
    assert report["compliance"] == {
        "status": "available",
        "source": "compliance/report.json",
        "ok": False,
        "findings": {"error": 2, "warning": 1},
    }
    assert report["industry"]["platforms"] == ["douyin"]
    assert report["industry"]["launch_calendar"] == ["2027-01-01"]


def test_check_findings_are_the_linters(hand_made: Path) -> None:
    from microdrama.check import check_project

    report = assess_project(hand_made)
    assert report["check"]["counts"] == check_project(hand_made).to_dict()["counts"]


def test_writes_json_html_pdf_repeatably(hand_made: Path, tmp_path: Path) -> None:
    report = assess_project(hand_made)
    paths = write_report(hand_made, report)
    assert [p.name for p in paths] == ["assess.json", "assess.html", "assess.pdf"]
    first = {p.name: p.read_bytes() for p in paths}
    assert json.loads(first["assess.json"])["schema"] == "AssessReport.1"
    html = first["assess.html"].decode()
    assert "<svg" in html and "Hand Made" in html and "Key figures" in html
    assert first["assess.pdf"].startswith(b"%PDF")
    again = write_report(hand_made, assess_project(hand_made), out=tmp_path / "again")
    assert {p.name: p.read_bytes() for p in again} == first


def test_redacted_report_holds_no_script_text(hand_made: Path) -> None:
    text = json.dumps(assess_project(hand_made, redact=True), ensure_ascii=False)
    for line in ("You stole the clock", "The Clock", "Who took it"):
        assert line not in text


def test_command_writes_the_report_and_refuses_a_folder_without_a_plan(hand_made: Path, tmp_path: Path) -> None:
    assert main(["assess", str(hand_made), "--format", "json"]) == 0
    assert (hand_made / "report/assess.json").exists() and not (hand_made / "report/assess.html").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["assess", str(empty)]) == 2
    with pytest.raises(ArtifactError, match="plan.json"):
        assess_project(empty)
    assert not (empty / "report").exists()
