"""``microdrama subtitle PROJECT [--check] [--languages …]`` and ``microdrama subtitle import FILE.xlf``."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import Any

import click

from microdrama.cli.options import open_project, run_options
from microdrama.cli.progress import RichReporter
from microdrama.errors import SettingsError
from microdrama.model import SubtitleReport
from microdrama.pipeline import Runner, make_executor
from microdrama.pipeline.stages import STAGES, Stage
from microdrama.settings import Settings
from microdrama.subtitle.report import REPORT, format_table, format_violations, load_reports
from microdrama.subtitle.translation import find_project, import_translation

SUBTITLE_STAGE = "subtitle-report"


def _sample(pattern: str) -> str:
    """A concrete path a glob pattern matches (``{unit}`` → 000, ``[0-9]`` → 0, ``*`` → x)."""
    return re.sub(r"\[[^\]]*\]", "0", pattern.replace("{unit}", "000")).replace("*", "x").replace("?", "x")


def _feeds(producer: Stage, consumer: Stage) -> bool:
    """Whether ``producer`` writes a file ``consumer`` reads."""
    for out in producer.outputs:
        for inp in consumer.inputs:
            a, b = out.replace("{unit}", "000"), inp.replace("{unit}", "000")
            if fnmatch.fnmatchcase(_sample(a), b) or fnmatch.fnmatchcase(_sample(b), a):
                return True
    return False


def needed_stages(target: str = SUBTITLE_STAGE, stages: tuple[Stage, ...] = STAGES) -> tuple[Stage, ...]:
    """``target`` and the stages whose outputs it reads, directly or not, in table order.

    `microdrama subtitle` runs only these: the shoot plan or the PDF export are not redone for subtitles.
    """
    names = [s.name for s in stages]
    index = names.index(target)
    needed = {target}
    for i in range(index - 1, -1, -1):
        if any(_feeds(stages[i], s) for s in stages if s.name in needed):
            needed.add(stages[i].name)
    return tuple(s for s in stages if s.name in needed)


def run_subtitle_stages(project: Path, settings: Settings, *, force: bool = False) -> None:
    """Bring the subtitles (and what they read) up to date, with progress bars."""
    executor = make_executor(settings.run.executor, settings.run.workers, settings.run.scheduler)
    try:
        with RichReporter() as reporter:
            runner = Runner(project, settings, stages=needed_stages(), executor=executor, reporter=reporter)
            summary = runner.run(SUBTITLE_STAGE, force=force)
    finally:
        executor.close()
    done = summary.ran()
    click.echo(f"{project}: {len(done)} step(s) ran, {len(summary.outcomes) - len(done)} up to date", err=True)


class _DefaultGroup(click.Group):
    """A group whose first argument, when it names no subcommand, goes to the ``make`` subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["make", *args]
        return super().parse_args(ctx, args)


@click.group("subtitle", cls=_DefaultGroup, short_help="Subtitles in every language, checked; XLIFF import.")
def command() -> None:
    """Subtitles of PROJECT in every language: `microdrama subtitle PROJECT [--check] [--languages zh-Hant,en]`.

    Languages that are Chinese variants of the script are converted with OpenCC; other languages are
    exported as XLIFF 2.0 (subs/xliff/) for translators, and `microdrama subtitle import FILE.xlf`
    brings a translation back.
    """


def _languages(values: tuple[str, ...]) -> list[str] | None:
    tags = [tag.strip() for value in values for tag in value.split(",") if tag.strip()]
    return tags or None


def print_qc(project: Path, *, violations: bool) -> int:
    """Print the QC table (and every error left when ``violations``); return the number of errors left."""
    report = SubtitleReport.load(project / REPORT)
    click.echo(format_table(report))
    for lang, count in report.pending.items():
        click.echo(
            f"{lang}: {count} episode(s) waiting for a translation (XLIFF files in {project / 'subs' / 'xliff'})"
        )
    if violations:
        for line in format_violations(load_reports(project)):
            click.echo(line)
    return sum(row.errors for row in report.languages)


@command.command("make")
@click.argument("project", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--languages",
    "languages",
    multiple=True,
    metavar="TAGS",
    help="Subtitle languages, comma-separated (zh-Hans, zh-Hant, zh-Hant-HK, en…); stored in the project.",
)
@click.option(
    "--check", is_flag=True, help="Print every rule violation left after auto-fix; exit 1 when errors remain."
)
@run_options
def make(project: Path, languages: tuple[str, ...], check: bool, force: bool, **options: Any) -> None:
    """Bring PROJECT's subtitles up to date and print the QC table."""
    settings = open_project(project)
    values: dict[str, Any] = {f"run.{k}": v for k, v in options.items() if v is not None}
    tags = _languages(languages)
    if tags is not None:
        values["subtitles.languages"] = tags
    settings = settings.with_values(values)
    run_subtitle_stages(project, settings, force=force)
    errors = print_qc(project, violations=check)
    if check and errors:
        raise click.ClickException(f"{errors} subtitle error(s) left after auto-fix (listed above)")  # exit status 1


@command.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "-p",
    "--project",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Project folder (default: the project the file sits in).",
)
def import_command(file: Path, project: Path | None) -> None:
    """Validate a translated XLIFF 2.0 FILE and make the subtitles of its language."""
    project = project or find_project(file)
    if project is None:
        raise SettingsError(f"{file} is not inside a microdrama project; give one with --project")
    settings = open_project(project)
    rel, check = import_translation(project, file.read_bytes(), where=str(file))
    for warning in check.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"imported {file} as {rel}")
    run_subtitle_stages(project, settings)
    print_qc(project, violations=False)
