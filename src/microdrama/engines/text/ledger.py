"""Token and cost accounting per stage and unit, the ``--max-cost`` budget, and the fallback list.

A :class:`Ledger` lives for one run of one project (``session(project)``); it counts what this run
spent (what ``--max-cost`` limits), and adds it to ``.microdrama/usage.json`` (cumulative).
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from microdrama.engines.text.errors import BudgetExceededError
from microdrama.engines.text.protocol import Usage
from microdrama.errors import ArtifactError
from microdrama.model.base import Provenance
from microdrama.model.usage import UsageEntry, UsageLedger
from microdrama.project import atomic_write
from microdrama.settings import ModelPrice

LEDGER_FILE = ".microdrama/usage.json"
SPOOL_DIR = ".microdrama/usage-spool"


def price_of(prices: dict[str, ModelPrice], model: str | None, prompt_tokens: int, completion_tokens: int) -> float:
    """Cost of a request by the price table (unknown models cost 0)."""
    price = prices.get(model or "") or prices.get("*")
    if price is None:
        return 0.0
    return (prompt_tokens * price.input + completion_tokens * price.output) / 1_000_000


@dataclass
class Ledger:
    """What one run spent, by (stage, unit); thread-safe."""

    max_cost: float = 0.0
    #: estimate mode: count what would be sent, send nothing
    dry_run: bool = False
    #: project whose response cache to read (estimates run in a scratch folder)
    cache_project: Path | None = None
    #: worker processes (no session begun by the CLI) spool each record here for the main process
    spool: Path | None = None
    usage: dict[tuple[str, str], Usage] = field(default_factory=dict)
    fallbacks: list[tuple[str, str, str]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def cost(self) -> float:
        """Total cost of this run so far."""
        return sum(u.cost for u in self.usage.values())

    def check_budget(self) -> None:
        """Raise :class:`BudgetExceededError` once this run's cost reached the limit.

        Checked before each request; requests already in flight finish, so a run may pass the limit
        by at most one request per concurrent slot.
        """
        if self.max_cost and self.cost >= self.max_cost:
            raise BudgetExceededError(
                f"--max-cost {self.max_cost:g} reached (spent {self.cost:.4f}); the run stopped cleanly. "
                "Finished requests are cached: raise the limit and run again to continue."
            )

    def record(self, stage: str, unit: str, usage: Usage) -> None:
        """Add ``usage`` to (stage, unit)."""
        with self._lock:
            self.usage.setdefault((stage, unit), Usage()).add(usage)
        self._spool({"stage": stage, "unit": unit, "usage": asdict(usage)})

    def fallback(self, stage: str, unit: str, reason: str) -> None:
        """Note that a unit kept its offline result."""
        with self._lock:
            self.fallbacks.append((stage, unit, reason))
        self._spool({"stage": stage, "unit": unit, "fallback": reason})

    def _spool(self, record: dict[str, object]) -> None:
        if self.spool is None:
            return
        name = f"{os.getpid()}-{uuid.uuid4().hex}.json"
        atomic_write(self.spool / name, json.dumps(record).encode(), tmp_dir=self.spool.parent / "tmp")

    def absorb_spool(self, project: Path) -> None:
        """Take in what worker processes spooled for ``project`` (and delete it)."""
        folder = project / SPOOL_DIR
        if not folder.is_dir():
            return
        for path in sorted(folder.glob("*.json")):
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
                stage, unit = str(record["stage"]), str(record["unit"])
                with self._lock:
                    if "usage" in record:
                        self.usage.setdefault((stage, unit), Usage()).add(Usage(**record["usage"]))
                    if "fallback" in record:
                        self.fallbacks.append((stage, unit, str(record["fallback"])))
            except (OSError, ValueError, KeyError, TypeError):
                pass  # a torn or foreign file: skip it
            path.unlink(missing_ok=True)

    def total(self, stage: str | None = None) -> Usage:
        """Sum over all units (of ``stage`` when given)."""
        total = Usage()
        for (s, _), u in sorted(self.usage.items()):
            if stage is None or s == stage:
                total.add(u)
        return total

    def save(self, project: Path) -> None:
        """Add this run's usage to ``.microdrama/usage.json`` (atomically)."""
        path = project / LEDGER_FILE
        entries: dict[tuple[str, str], UsageEntry] = {}
        if path.is_file():
            try:
                old = UsageLedger.load(path)
                entries = {(e.stage, e.unit): e for e in old.entries}
            except ArtifactError:  # a damaged ledger is rebuilt, never fatal
                entries = {}
        with self._lock:
            fallback_counts: dict[tuple[str, str], int] = {}
            for stage, unit, _ in self.fallbacks:
                fallback_counts[(stage, unit)] = fallback_counts.get((stage, unit), 0) + 1
            for key in sorted(set(self.usage) | set(fallback_counts)):
                u = self.usage.get(key, Usage())
                e = entries.get(key) or UsageEntry(stage=key[0], unit=key[1])
                entries[key] = e.model_copy(
                    update={
                        "requests": e.requests + u.requests,
                        "cached": e.cached + u.cached,
                        "prompt_tokens": e.prompt_tokens + u.prompt_tokens,
                        "completion_tokens": e.completion_tokens + u.completion_tokens,
                        "cost": round(e.cost + u.cost, 6),
                        "fallbacks": e.fallbacks + fallback_counts.get(key, 0),
                    }
                )
        ledger = UsageLedger(entries=[entries[k] for k in sorted(entries)], provenance=Provenance(stage="model"))
        atomic_write(path, ledger.to_bytes(), tmp_dir=project / ".microdrama" / "tmp")


_SESSIONS: dict[str, Ledger] = {}
_SESSIONS_LOCK = threading.Lock()


def begin_session(
    project: Path, *, max_cost: float = 0.0, dry_run: bool = False, cache_project: Path | None = None
) -> Ledger:
    """Start a fresh ledger for a run over ``project`` (the CLI calls this before running)."""
    with _SESSIONS_LOCK:
        ledger = Ledger(max_cost=max_cost, dry_run=dry_run, cache_project=cache_project)
        _SESSIONS[str(project.resolve())] = ledger
        return ledger


def session(project: Path, *, max_cost: float = 0.0) -> Ledger:
    """The ledger of the current run over ``project`` (started on first use)."""
    with _SESSIONS_LOCK:
        key = str(project.resolve())
        if key not in _SESSIONS:
            _SESSIONS[key] = Ledger(max_cost=max_cost, spool=project / SPOOL_DIR)
        return _SESSIONS[key]
