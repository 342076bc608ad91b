"""``microdrama fund APPLICATIONS --pool N --cap N -o OUT``: score applications and allocate a support fund."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from microdrama.fund.allocate import Terms
from microdrama.fund.evaluate import evaluate, ranked_rows
from microdrama.fund.outputs import write_outputs
from microdrama.fund.rubric import CRITERIA


@click.command("fund")
@click.argument("applications", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--pool", type=float, required=True, help="Money to allocate (e.g. 11970000).")
@click.option("--cap", type=float, required=True, help="Most one project may receive (e.g. 3000000).")
@click.option(
    "--min-grant",
    type=float,
    default=100_000,
    show_default=True,
    help="Smallest grant worth making; a funded project gets at least this.",
)
@click.option("--step", type=float, default=10_000, show_default=True, help="Grants are whole multiples of this.")
@click.option(
    "--cover/--no-cover",
    default=False,
    show_default=True,
    help="Fund at least one strong application on each of the four criteria.",
)
@click.option(
    "--cover-threshold",
    type=float,
    default=60.0,
    show_default=True,
    help="Criterion score (0–100) that makes an application strong on it, for --cover.",
)
@click.option(
    "--rubric",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Rubric TOML (weights, eligibility, rules) replacing the shipped one.",
)
@click.option("--no-sensitivity", is_flag=True, help="Skip the ±20 % weight sensitivity table.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder for the tables, rationales and summary.",
)
def command(
    applications: tuple[Path, ...],
    pool: float,
    cap: float,
    min_grant: float,
    step: float,
    cover: bool,
    cover_threshold: float,
    rubric: Path | None,
    no_sensitivity: bool,
    output: Path,
) -> None:
    """Score the APPLICATIONS (TOML files, or folders of them) on the four criteria from their evidence and
    allocate the pool: maximise score-weighted support within the pool, the cap, each request and the
    minimum grant. Writes allocation.csv/.xlsx/.json, rationale/ID.md, sensitivity.csv and summary.html.
    """
    terms = Terms(pool=pool, cap=cap, min_grant=min_grant, step=step, cover=cover, cover_threshold=cover_threshold)
    ev = evaluate(list(applications), terms, rubric, with_sensitivity=not no_sensitivity)
    written = write_outputs(ev, output)
    table = Table(title=f"Allocation of {pool:,.0f} (cap {cap:,.0f})")
    for column in ("#", "id", "applicant", "total", *CRITERIA, "requested", "grant"):
        table.add_column(column, justify="right" if column not in ("id", "applicant") else "left")
    for r in ranked_rows(ev):
        table.add_row(
            str(r["rank"]),
            r["id"],
            r["applicant"],
            f"{r['total']:.1f}",
            *(f"{r[c]:.0f}" for c in CRITERIA),
            f"{r['requested']:,.0f}",
            f"{r['grant']:,.0f}",
        )
    console = Console()
    console.print(table)
    console.print(
        f"granted {ev.allocation.total:,.0f} of {pool:,.0f} to "
        f"{sum(1 for g in ev.allocation.grants.values() if g > 0)} of {len(ev.applications)} applications"
    )
    for note in ev.allocation.notes:
        console.print(f"note: {note}")
    console.print(f"{len(written)} files in {output}")
