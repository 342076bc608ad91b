"""One way to configure CP-SAT for the shoot, so the same problem gives the same plan on every machine."""

from __future__ import annotations

from ortools.sat.python import cp_model


def deterministic_solver(deterministic_time: float) -> cp_model.CpSolver:
    """A CP-SAT solver on one worker with a fixed seed, stopped by *deterministic* time (not the clock).

    The wall-clock limit is a safety net only: the deterministic limit is meant to stop the search first.
    """
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = deterministic_time
    solver.parameters.max_time_in_seconds = max(10.0, 4 * deterministic_time)
    return solver
