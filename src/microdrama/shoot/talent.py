"""The talent-scheduling instance (scenes x actors, costs, durations) and its dat/dzn readers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from microdrama.errors import TalentInstanceError as TalentInstanceError


@dataclass(frozen=True)
class TalentInstance:
    """Scenes with durations, actors with daily costs, and who plays in which scene.

    ``plays[a][s]`` is true when actor ``a`` plays in scene ``s``. An actor is paid ``cost[a]`` per
    time unit from the start of their first scene to the end of their last one, idle time included.
    """

    name: str
    durations: tuple[int, ...]
    costs: tuple[int, ...]
    plays: tuple[tuple[bool, ...], ...]

    def __post_init__(self) -> None:
        n = len(self.durations)
        if len(self.plays) != len(self.costs):
            raise TalentInstanceError(f"{self.name}: {len(self.costs)} actor costs but {len(self.plays)} actor rows")
        for a, row in enumerate(self.plays):
            if len(row) != n:
                raise TalentInstanceError(f"{self.name}: actor {a} has {len(row)} scene flags, expected {n}")
        if any(d < 0 for d in self.durations) or any(c < 0 for c in self.costs):
            raise TalentInstanceError(f"{self.name}: durations and costs must not be negative")

    @property
    def n_scenes(self) -> int:
        """Number of scenes."""
        return len(self.durations)

    @property
    def n_actors(self) -> int:
        """Number of actors."""
        return len(self.costs)

    def scene_actors(self, scene: int) -> int:
        """Bitmask of the actors playing in ``scene``."""
        mask = 0
        for a, row in enumerate(self.plays):
            if row[scene]:
                mask |= 1 << a
        return mask

    def fixed_cost(self) -> int:
        """Cost every order pays: each actor paid for their own scenes only."""
        return sum(
            self.costs[a] * self.durations[s]
            for a, row in enumerate(self.plays)
            for s, plays in enumerate(row)
            if plays
        )

    def cost(self, order: Sequence[int]) -> int:
        """Total cost of shooting the scenes in ``order`` (every scene exactly once)."""
        if sorted(order) != list(range(self.n_scenes)):
            raise TalentInstanceError(f"{self.name}: order is not a permutation of 0..{self.n_scenes - 1}")
        starts: list[int] = []
        clock = 0
        for s in order:
            starts.append(clock)
            clock += self.durations[s]
        total = 0
        for a, row in enumerate(self.plays):
            spans = [(starts[i], starts[i] + self.durations[s]) for i, s in enumerate(order) if row[s]]
            if spans:
                total += self.costs[a] * (max(e for _, e in spans) - min(b for b, _ in spans))
        return total


def read_instance(path: Path) -> TalentInstance:
    """Read a ``.dzn`` (MiniZinc) or ``dat`` (ddo token stream) talent-scheduling file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".dzn" or re.search(r"\bnumScenes\s*=", text):
        return parse_dzn(text, name=path.stem)
    return parse_dat(text, default_name=path.stem)


def parse_dat(text: str, *, default_name: str = "instance") -> TalentInstance:
    """Parse the ``dat`` format: name, n, m, m rows of n flags + cost, then n durations."""
    tokens = text.split()
    if not tokens:
        raise TalentInstanceError(f"{default_name}: empty instance file")
    pos = 0
    name = default_name
    if not _is_int(tokens[0]):
        name = tokens[0]
        pos = 1
    try:
        n = int(tokens[pos])
        m = int(tokens[pos + 1])
        pos += 2
        needed = pos + m * (n + 1) + n
        if len(tokens) < needed:
            raise TalentInstanceError(
                f"{name}: expected {needed} tokens for {n} scenes x {m} actors, found {len(tokens)}"
            )
        plays: list[tuple[bool, ...]] = []
        costs: list[int] = []
        for _ in range(m):
            row = tokens[pos : pos + n]
            plays.append(tuple(_flag(t, name) for t in row))
            costs.append(int(tokens[pos + n]))
            pos += n + 1
        durations = tuple(int(t) for t in tokens[pos : pos + n])
    except ValueError as exc:
        raise TalentInstanceError(f"{name}: non-integer token in dat file ({exc})") from exc
    return TalentInstance(name=name, durations=durations, costs=tuple(costs), plays=tuple(plays))


def parse_dzn(text: str, *, name: str = "instance") -> TalentInstance:
    """Parse MiniZinc data: ``numScenes``, ``numActors``, ``ia``, ``c``, ``d`` (any other item, e.g. ``s``, is ignored)."""
    text = re.sub(r"%[^\n]*", "", text)
    items: dict[str, str] = {}
    for statement in text.split(";"):
        if "=" not in statement:
            continue
        key, _, value = statement.partition("=")
        items[key.strip()] = value.strip()
    missing = [k for k in ("numScenes", "numActors", "ia", "c", "d") if k not in items]
    if missing:
        raise TalentInstanceError(f"{name}: dzn file lacks {', '.join(missing)}")
    try:
        n = int(items["numScenes"])
        m = int(items["numActors"])
        flat = [int(t) for t in re.findall(r"-?\d+", items["ia"])]
        costs = tuple(int(t) for t in re.findall(r"-?\d+", items["c"]))
        durations = tuple(int(t) for t in re.findall(r"-?\d+", items["d"]))
    except ValueError as exc:
        raise TalentInstanceError(f"{name}: non-integer value in dzn file ({exc})") from exc
    if len(flat) != n * m or len(costs) != m or len(durations) != n:
        raise TalentInstanceError(
            f"{name}: dzn sizes disagree (ia has {len(flat)} values for {m}x{n}, c {len(costs)}, d {len(durations)})"
        )
    plays = tuple(tuple(_flag(str(v), name) for v in flat[a * n : (a + 1) * n]) for a in range(m))
    return TalentInstance(name=name, durations=durations, costs=costs, plays=plays)


def _is_int(token: str) -> bool:
    return re.fullmatch(r"-?\d+", token) is not None


def _flag(token: str, name: str) -> bool:
    if token not in ("0", "1"):
        raise TalentInstanceError(f"{name}: scene flag must be 0 or 1, found {token!r}")
    return token == "1"
