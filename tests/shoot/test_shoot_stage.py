"""``plan-shoot`` on the demo project in both languages: every output, up to date on a re-run, settings re-run it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from formats.sample_scripts import require_cjk_font

from microdrama.cli import cli, main
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
    if lang == "en":
        replan_on_the_command_line(project)


def replan_on_the_command_line(project: Path) -> None:
    """`plan-shoot --replan` after an availability change: the issued schedule is kept, the change reported."""
    toml = project / "microdrama.toml"
    text = re.sub(r"(\[shoot\][^\[]*?)hours_per_day = \d+", r"\1hours_per_day = 3", toml.read_text(encoding="utf-8"))
    toml.write_text(re.sub(r"(\[shoot\][^\[]*?)days = \d+", r"\1days = 0", text), encoding="utf-8")
    assert main(["plan-shoot", str(project), "--executor", "serial"]) == 0
    # the producer books one spare day, so a lost day can be made up whatever the scripts' length
    fewest = len(Schedule.load(project / "shoot/schedule.json").days)
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r"(\[shoot\][^\[]*?)days = \d+", rf"\g<1>days = {fewest + 1}", text), encoding="utf-8")
    assert main(["plan-shoot", str(project), "--executor", "serial"]) == 0
    issued = Schedule.load(project / "shoot/schedule.json")
    assert len(issued.days) >= 2
    worked = {(call.name, day.day) for day in issued.days for call in day.cast if call.scenes}
    name, day = min((n, d) for n, d in worked if sum(1 for m, _ in worked if m == n) == 1)
    (project / "shoot/availability.yaml").write_text(f"{name}: [{day}]\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["plan-shoot", str(project), "--replan", "--executor", "serial"])
    assert result.exit_code == 0, result.output
    assert re.search(r"re-planned: \d+ scenes? moved, [12] of \d+ days changed", result.output)
    assert (project / "shoot/issued.json").read_bytes() == issued.to_bytes()
    now = Schedule.load(project / "shoot/schedule.json")
    assert now.solver == "replan"
    assert not any(call.name == name and call.scenes for d in now.days if d.day == day for call in d.cast)
