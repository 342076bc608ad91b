"""``microdrama schedule --talent``: the JSON report of the exact solver."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from microdrama.cli.schedule import command

DAT = "small\n6 4\n1 1 0 0 1 0 4\n0 1 1 0 0 1 2\n1 0 1 1 0 0 3\n0 0 0 1 1 1 1\n1 2 1 3 2 1\n"


def test_json_report(tmp_path: Path) -> None:
    path = tmp_path / "small"
    path.write_text(DAT, encoding="utf-8")
    result = CliRunner().invoke(command, ["--talent", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) >= {"cost", "holding_cost", "order", "optimal", "lower_bound", "seconds"}
    assert report["optimal"] is True and report["lower_bound"] == report["cost"]
    assert sorted(report["order"]) == list(range(6))


def test_text_report_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "small"
    path.write_text(DAT, encoding="utf-8")
    result = CliRunner().invoke(command, ["--talent", str(path)])
    assert result.exit_code == 0 and "optimal" in result.output
    missing = CliRunner().invoke(command, ["--talent", str(tmp_path / "nope")])
    assert missing.exit_code != 0
