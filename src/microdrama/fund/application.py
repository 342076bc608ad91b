"""An application to the fund: a TOML file (schema: ``docs/schemas/fund/application.schema.json``) that
points at the series' evidence — a project folder or its assess report — and declares the rest.

Checked field by field; every problem names the file and the field (``a03.toml: application.requested:
3,500,000 is over the cap of 3,000,000``).
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from microdrama.assess import assess_project
from microdrama.errors import MicrodramaError

#: a budget above this is taken for a typo (a micro-drama series costs thousands to a few million)
ABSURD_BUDGET = 100_000_000


class ApplicationError(MicrodramaError):
    """An application file (or the portfolio) is invalid; names the file and the field."""

    def __init__(self, path: str | Path, field: str, problem: str) -> None:
        self.path, self.field, self.problem = str(path), field, problem
        super().__init__(f"{self.path}: {field}: {problem}" if field else f"{self.path}: {problem}")


class Declared(BaseModel):
    """What the applicant says about the series beyond its artifacts."""

    model_config = ConfigDict(extra="forbid")

    team: list[str] = Field(default_factory=list, description="Key people and roles.")
    platforms: list[str] = Field(default_factory=list, description="Platforms the series will be released on.")
    markets: list[str] = Field(default_factory=list, description="Markets (ISO 3166 codes: CN, TW, US…).")
    languages: list[str] = Field(default_factory=list, description="Languages (BCP 47) the series will be released in.")
    broadcast_partners: list[str] = Field(
        default_factory=list, description="Broadcasters or platforms with an agreement."
    )


class Body(BaseModel):
    """The ``[application]`` table."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, description="Short id; default the file name.")
    applicant: str = Field(min_length=1, description="Company or person applying.")
    title: str | None = Field(default=None, description="Series title; default the report's.")
    project: str | None = Field(default=None, description="Project folder, relative to this file.")
    report: str | None = Field(default=None, description="assess.json, relative to this file.")
    budget: float = Field(description="Total production budget, in the fund's currency.")
    requested: float = Field(description="Amount requested from the fund.")
    currency: str = Field(default="CNY", description="Currency of budget and request.")

    @field_validator("id")
    @classmethod
    def _safe_id(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", value):
            raise ValueError("use letters, digits, '_', '-' or '.', starting with a letter or digit (it names files)")
        return value

    @field_validator("applicant")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class ApplicationFile(BaseModel):
    """A whole application file."""

    model_config = ConfigDict(extra="forbid")

    application: Body
    declared: Declared = Field(default_factory=Declared)


class Application(BaseModel):
    """A checked application with its evidence loaded."""

    id: str
    path: str
    applicant: str
    title: str
    budget: float
    requested: float
    currency: str
    declared: Declared
    report: dict[str, Any]
    evidence_source: str


def application_schema() -> str:
    """The JSON Schema of an application file (TOML read as JSON), as committed in ``docs/schemas/fund/``."""
    schema = ApplicationFile.model_json_schema()
    schema["title"] = "Fund application (TOML)"
    schema["description"] = (
        "An application to `microdrama fund`: [application] points at the evidence (a project "
        "folder or its assess report) and gives amounts; [declared] lists facts the applicant claims."
    )
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _field(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


def read_application(path: Path) -> Application:
    """Read and check one application file, then load its assess report (or assess its project)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ApplicationError(path, "", f"cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ApplicationError(path, "", f"not valid TOML ({exc})") from exc
    try:
        parsed = ApplicationFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        problem = "missing" if err["type"] == "missing" else err["msg"]
        raise ApplicationError(path, _field(err["loc"]), problem) from exc
    body = parsed.application
    for name in ("budget", "requested"):
        value = getattr(body, name)
        if math.isnan(value) or value <= 0:
            raise ApplicationError(path, f"application.{name}", f"must be a positive amount, not {value:,.0f}")
        if value > ABSURD_BUDGET:
            raise ApplicationError(
                path,
                f"application.{name}",
                f"{value:,.0f} is not a plausible amount (over {ABSURD_BUDGET:,}); check the digits",
            )
    if body.requested > body.budget:
        raise ApplicationError(
            path, "application.requested", f"{body.requested:,.0f} is more than the budget ({body.budget:,.0f})"
        )
    if bool(body.project) == bool(body.report):
        raise ApplicationError(
            path, "application.project", "give exactly one of 'project' (a project folder) or 'report' (an assess.json)"
        )
    report, source = _evidence(path, body)
    return Application(
        id=body.id or path.stem,
        path=str(path),
        applicant=body.applicant,
        title=body.title or report.get("series", {}).get("title", path.stem),
        budget=body.budget,
        requested=body.requested,
        currency=body.currency,
        declared=parsed.declared,
        report=report,
        evidence_source=source,
    )


def _evidence(path: Path, body: Body) -> tuple[dict[str, Any], str]:
    base = path.parent
    if body.report:
        where = (base / body.report).resolve()
        try:
            report = json.loads(where.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ApplicationError(
                path, "application.report", f"{body.report} cannot be read ({exc.strerror})"
            ) from exc
        except json.JSONDecodeError as exc:
            raise ApplicationError(path, "application.report", f"{body.report} is not JSON ({exc})") from exc
        if not isinstance(report, dict) or report.get("schema") != "AssessReport.1":
            raise ApplicationError(
                path,
                "application.report",
                f"{body.report} is not an assess report "
                '(no "schema": "AssessReport.1"); make one with `microdrama assess PROJECT`',
            )
        return report, body.report

    folder = (base / str(body.project)).resolve()
    if not (folder / "series/plan.json").exists():
        raise ApplicationError(
            path, "application.project", f"{body.project} is not a project folder (no series/plan.json)"
        )
    return assess_project(folder), str(body.project)


def find_application_files(paths: list[Path]) -> list[Path]:
    """The TOML files named, or found (not recursively) in the folders named, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.glob("*.toml") if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            raise ApplicationError(path, "", "no such file or folder")
    if not files:
        raise ApplicationError(", ".join(str(p) for p in paths), "", "no application files (*.toml) found")
    return files


def read_portfolio(paths: list[Path], cap: float) -> list[Application]:
    """Every application, checked one by one and against each other (unique ids and applicants, request ≤ cap)."""
    apps = [read_application(p) for p in find_application_files(paths)]
    seen_id: dict[str, str] = {}
    seen_applicant: dict[str, str] = {}
    for app in apps:
        if app.id in seen_id:
            raise ApplicationError(app.path, "application.id", f"{app.id!r} is also the id of {seen_id[app.id]}")
        seen_id[app.id] = app.path
        key = " ".join(app.applicant.casefold().split())
        if key in seen_applicant:
            raise ApplicationError(
                app.path,
                "application.applicant",
                f"{app.applicant!r} has already applied in {seen_applicant[key]} (one application each)",
            )
        seen_applicant[key] = app.path
        if app.requested > cap:
            raise ApplicationError(
                app.path, "application.requested", f"{app.requested:,.0f} is over the per-project cap of {cap:,.0f}"
            )
    return apps
