"""Run a refiner's units through a text engine, concurrently, keeping the offline result of any that fail."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from microdrama.engines.text.errors import BudgetExceededError, TextEngineError
from microdrama.engines.text.ledger import Ledger
from microdrama.model.usage import UnitOutcome

R = TypeVar("R")


def run_units(
    stage: str,
    units: list[tuple[str, Callable[[], R]]],
    *,
    ledger: Ledger,
    concurrency: int,
) -> list[tuple[R | None, UnitOutcome]]:
    """Call each unit's function (at most ``concurrency`` at once); results in input order.

    A unit whose function raises :class:`TextEngineError` yields ``None`` and a ``fallback`` outcome
    (also noted in the ledger, so the run summary shows it). :class:`BudgetExceededError` stops
    everything: units not started are not sent.
    """

    def one(item: tuple[str, Callable[[], R]]) -> tuple[R | None, UnitOutcome]:
        unit, fn = item
        try:
            return fn(), UnitOutcome(unit=unit, status="refined")
        except BudgetExceededError:
            raise
        except TextEngineError as exc:
            reason = str(exc).splitlines()[0][:300]
            ledger.fallback(stage, unit, reason)
            return None, UnitOutcome(unit=unit, status="fallback", reason=reason)

    if concurrency <= 1 or len(units) <= 1:
        return [one(item) for item in units]
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(one, item) for item in units]
        try:
            return [f.result() for f in futures]
        except BudgetExceededError:
            for f in futures:
                f.cancel()
            raise
