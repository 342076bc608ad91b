"""``microdrama schedule``: solve a talent-scheduling benchmark instance (dat or dzn) exactly."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from microdrama.shoot.exact import DEFAULT_NODE_LIMIT, solve_talent
from microdrama.shoot.talent import read_instance


@click.command("schedule")
@click.option(
    "--talent",
    "talent_file",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Talent-scheduling instance: ddo 'dat' token format or MiniZinc '.dzn'.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option(
    "--node-limit",
    type=click.IntRange(min=1),
    default=DEFAULT_NODE_LIMIT,
    show_default=True,
    help="Search states to expand before giving up on a proof (the answer then carries a lower bound).",
)
def command(talent_file: Path, as_json: bool, node_limit: int) -> None:
    """Find the cheapest shooting order of a talent-scheduling instance and prove it optimal."""
    instance = read_instance(talent_file)
    started = time.perf_counter()
    solution = solve_talent(instance, node_limit=node_limit)
    seconds = round(time.perf_counter() - started, 4)
    report = {
        "name": instance.name,
        "cost": solution.cost,
        "holding_cost": solution.holding_cost,
        "order": list(solution.order),
        "optimal": solution.optimal,
        "lower_bound": solution.lower_bound,
        "seconds": seconds,
    }
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
        return
    status = "optimal" if solution.optimal else f"best found, gap {solution.gap:.1%}"
    click.echo(f"{instance.name}: {instance.n_scenes} scenes, {instance.n_actors} actors")
    click.echo(f"cost {solution.cost} (holding {solution.holding_cost}), lower bound {solution.lower_bound}: {status}")
    click.echo("order " + " ".join(str(s) for s in solution.order))
    click.echo(f"{seconds:.3f} s, {solution.nodes} states")
