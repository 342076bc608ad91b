"""``plan-shoot`` on the demo project in both languages: every output, up to date on a re-run, settings re-run it."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats.sample_scripts import require_cjk_font

from microdrama.cli import main
from microdrama.cli.running import run_pipeline
from microdrama.model import Schedule
from microdrama.settings import load_settings

OUTPUTS = ("breakdown.json", "schedule.json", "stripboard.html", "stripboard.xlsx", "dood.csv", "dood.xlsx")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plan_shoot_on_the_demo(lang: str, tmp_path: Path) -> None:
    if lang == "zh":
        require_cjk_font()
    project = tmp_path / lang
    assert main(["demo", "--lang", lang, "-o", str(project), "--executor", "serial"]) == 0
    for name in OUTPUTS:
        assert (project / "shoot" / name).is_file(), name
    schedule = Schedule.load(project / "shoot/schedule.json")
    assert schedule.days and schedule.lower_bound <= schedule.cost
    for day in schedule.days:
        assert (project / f"shoot/callsheets/day{day.day:02d}.pdf").is_file()
        assert (project / f"shoot/callsheets/day{day.day:02d}.html").is_file()
    assert main(["plan-shoot", str(project), "--executor", "serial"]) == 0
    settings = load_settings(project).with_values({"shoot.days": len(schedule.days) + 1})
    summary = run_pipeline(project, settings, until="shoot")
    assert summary.ran() == ["shoot"]  # only the shoot stage reads shoot.days
    (project / "shoot/lexicon.yaml").write_text("props: [gull]\n", encoding="utf-8")
    assert run_pipeline(project, settings, until="shoot").ran() == ["shoot"]
