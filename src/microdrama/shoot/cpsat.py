"""One way to configure CP-SAT for the shoot, so the same problem gives the same plan on every machine."""

from __future__ import annotations

from ortools.sat.python import cp_model

#: the wall-clock safety net, as a multiple of the deterministic limit (and at least WALL_FLOOR s).
#: It once was 4x (10 s at least): on a machine shared at a load of ~10, CP-SAT's wall time ran 5x its
#: deterministic time, the clock stopped the search first, and two runs of the same plan differed
#: (153 vs 157). The net must never bind on a merely busy machine, only on a hung one.
WALL_FACTOR = 50
WALL_FLOOR = 300.0


def deterministic_solver(deterministic_time: float) -> cp_model.CpSolver:
    """A CP-SAT solver on one worker with a fixed seed, stopped by *deterministic* time (not the clock).

    The wall-clock limit is a safety net only, far beyond the deterministic limit (``WALL_FACTOR``),
    so that the deterministic limit stops the search first even on a heavily shared machine.
    """
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = deterministic_time
    solver.parameters.max_time_in_seconds = max(WALL_FLOOR, WALL_FACTOR * deterministic_time)
    return solver
