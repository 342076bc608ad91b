"""``microdrama fund`` end to end on a generated portfolio of 30 applications, and its bad-input errors."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from microdrama.cli import main
from microdrama.fund.allocate import Terms
from microdrama.fund.application import ApplicationError
from microdrama.fund.evaluate import evaluate
from microdrama.fund.rubric import CRITERIA, load_rubric

from .portfolio import write_portfolio

POOL, CAP = 11_970_000, 3_000_000


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_portfolio(tmp_path_factory.mktemp("fund") / "apps", 30, seed=11)


def test_generated_portfolio_respects_every_constraint_and_explains_every_score(
    portfolio: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert main(["fund", str(portfolio), "--pool", str(POOL), "--cap", str(CAP), "--cover", "-o", str(out)]) == 0
    rows = list(csv.DictReader((out / "allocation.csv").open(encoding="utf-8")))
    assert len(rows) == 30
    grants = [float(r["grant"]) for r in rows]
    assert sum(grants) <= POOL
    for r in rows:
        grant, requested = float(r["grant"]), float(r["requested"])
        assert grant <= CAP and grant <= requested and (grant == 0 or grant >= 100_000) and grant % 10_000 == 0
        if r["eligible"] == "False":
            assert grant == 0
    totals = [float(r["total"]) for r in rows]
    assert totals == sorted(totals, reverse=True) and [int(r["rank"]) for r in rows] == list(range(1, 31))
    data = json.loads((out / "allocation.json").read_text(encoding="utf-8"))
    rubric = load_rubric()
    for app_id, s in data["scores"].items():
        assert {line["rule"] for line in s["rules"]} == {r.id for r in rubric.rules}
        for c in CRITERIA:  # the criterion score is the sum of its explained points
            lines = [x for x in s["rules"] if x["criterion"] == c]
            assert s["criteria"][c] == pytest.approx(
                100 * sum(x["points"] for x in lines) / sum(x["of"] for x in lines), abs=0.05
            )
        rationale = (out / "rationale" / f"{app_id}.md").read_text(encoding="utf-8")
        assert "## Declared facts" in rationale and "Grant:" in rationale
    sens = list(csv.DictReader((out / "sensitivity.csv").open(encoding="utf-8")))
    assert [(r["criterion"], r["change"]) for r in sens] == [(c, f) for c in CRITERIA for f in ("-20%", "+20%")]
    sheet = load_workbook(out / "allocation.xlsx")["allocation"]
    assert sheet.max_row == 31 and [c.value for c in sheet[1]][:3] == ["rank", "id", "applicant"]
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 3 and "Sensitivity" in html


def test_the_same_portfolio_gives_the_same_files(portfolio: Path, tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert main(["fund", str(portfolio), "--pool", str(POOL), "--cap", str(CAP), "-o", str(tmp_path / name)]) == 0
    for path in sorted((tmp_path / "one").rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes(), path.name


def test_declared_facts_are_checked_against_the_report(portfolio: Path) -> None:
    ev = evaluate([portfolio], Terms(pool=POOL, cap=CAP), with_sensitivity=False)
    for app in ev.applications:
        languages = app.report["international"]["languages"]
        for fact in ev.evidence[app.id]:
            if fact["kind"] == "market" and fact["value"] == "TW":
                assert fact["evidenced"] == ("zh-Hant" in languages)
            if fact["kind"] == "platform":
                platforms = app.report["industry"]["platforms"]
                assert fact["evidenced"] == (isinstance(platforms, list) and fact["value"] in platforms)
            if fact["kind"] == "team":
                assert fact["evidenced"] is False


def _one(folder: Path, body: str, name: str = "x.toml") -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    write_portfolio(folder, 2, seed=1)
    (folder / name).write_text(body, encoding="utf-8")
    return folder


GOOD = '[application]\napplicant = "New Co"\nreport = "reports/a000.json"\nbudget = 1000000\nrequested = 500000\n'


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (GOOD.replace('applicant = "New Co"\n', ""), r"x.toml: application.applicant: missing"),
        (GOOD.replace("budget = 1000000", "budget = -5"), r"x.toml: application.budget: must be a positive amount"),
        (
            GOOD.replace("budget = 1000000", "budget = 9000000000"),
            r"x.toml: application.budget: .* not a plausible amount",
        ),
        (
            GOOD.replace("requested = 500000", "requested = 2000000"),
            r"x.toml: application.requested: .* more than the budget",
        ),
        (
            GOOD.replace("budget = 1000000", "budget = 5000000").replace("requested = 500000", "requested = 3500000"),
            r"x.toml: application.requested: 3,500,000 is over the per-project cap of 3,000,000",
        ),
        (
            GOOD.replace("New Co", "Studio 1"),
            r"x.toml: application.applicant: 'Studio 1' has already applied in .*a001.toml",
        ),
        (
            GOOD.replace("reports/a000.json", "reports/none.json"),
            r"x.toml: application.report: reports/none.json cannot be read",
        ),
        (GOOD + 'project = "elsewhere"\n', r"x.toml: application.project: give exactly one"),
        (GOOD + "colour = 3\n", r"x.toml: application.colour: Extra inputs are not permitted"),
        (GOOD.replace("budget = 1000000", 'budget = "lots"'), r"x.toml: application.budget: "),
        ("[application\n", r"x.toml: not valid TOML"),
        (GOOD + 'id = "../escape"\n', r"x.toml: application.id: Value error, use letters"),
    ],
)
def test_bad_applications_name_the_file_and_field(tmp_path: Path, body: str, message: str) -> None:
    folder = _one(tmp_path / "apps", body)
    with pytest.raises(ApplicationError, match=message):
        evaluate([folder], Terms(pool=POOL, cap=CAP), with_sensitivity=False)


def test_bad_input_from_the_command_line_is_an_error_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_portfolio(tmp_path / "apps", 3, seed=2)
    assert main(["fund", str(folder), "--pool", "50000", "--cap", str(CAP), "-o", str(tmp_path / "out")]) == 2
    assert "--pool: 50,000 is too small for any grant" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    assert (
        main(["fund", str(tmp_path / "nothing"), "--pool", str(POOL), "--cap", str(CAP), "-o", str(tmp_path / "o")])
        == 2
    )


def test_a_report_that_is_not_an_assess_report_is_refused(tmp_path: Path) -> None:
    folder = write_portfolio(tmp_path / "apps", 2, seed=3)
    (folder / "reports/a000.json").write_text(json.dumps({"schema": "Plan.1"}))
    with pytest.raises(ApplicationError, match=r"a000.toml: application.report: .* not an assess report"):
        evaluate([folder], Terms(pool=POOL, cap=CAP), with_sensitivity=False)


def test_a_bad_rubric_names_its_field(tmp_path: Path, portfolio: Path) -> None:
    rubric = tmp_path / "r.toml"
    rubric.write_text(
        "[weights]\nquality = 1\nindustry = 1\ntechnology = 1\ninternational = 1\n"
        '[[rules]]\ncriterion = "quality"\nid = "x"\nfigure = "craft.nope"\nzero = 0\nfull = 1\npoints = 1\n'
    )
    with pytest.raises(ApplicationError, match=r"r.toml: rules\[0\].figure: unknown figure 'craft.nope'"):
        evaluate([portfolio], Terms(pool=POOL, cap=CAP), rubric, with_sensitivity=False)


def test_the_committed_application_schema_is_current() -> None:
    from microdrama.fund.application import application_schema

    committed = Path(__file__).resolve().parents[2] / "docs/schemas/fund/application.schema.json"
    assert committed.read_text(encoding="utf-8") == application_schema(), (
        "regenerate: python -c 'from microdrama.fund.application import application_schema; print(application_schema(), end=\"\")'"
        " > docs/schemas/fund/application.schema.json"
    )


def test_an_application_may_point_at_a_project_folder(tmp_path: Path) -> None:
    project = tmp_path / "demo"
    assert main(["demo", "-o", str(project), "--animatic", "", "--executor", "serial"]) == 0
    folder = write_portfolio(tmp_path / "apps", 2, seed=5)
    (folder / "demo.toml").write_text(
        '[application]\napplicant = "Demo Co"\nproject = "../demo"\nbudget = 800000\n'
        'requested = 400000\n[declared]\nlanguages = ["en", "fr"]\n',
        encoding="utf-8",
    )
    ev = evaluate([folder], Terms(pool=POOL, cap=CAP), with_sensitivity=False)
    app = next(a for a in ev.applications if a.id == "demo")
    assert app.title == "The Tide Clock" and app.evidence_source == "../demo"
    assert {f["value"]: f["evidenced"] for f in ev.evidence["demo"]} == {"en": True, "fr": False}


def test_the_shipped_example_portfolio_runs_out_of_the_box(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "docs/examples/fund"
    assert main(["fund", str(example), "--pool", str(POOL), "--cap", str(CAP), "-o", str(tmp_path / "out")]) == 0
    rows = list(csv.DictReader((tmp_path / "out/allocation.csv").open(encoding="utf-8")))
    assert len(rows) >= 10 and sum(float(r["grant"]) for r in rows) <= POOL
    reports = {json.loads(p.read_text(encoding="utf-8"))["redacted"] for p in (example / "reports").glob("*.json")}
    assert reports == {True}  # figures only: no text of the novels in the repository
