"""Accounting: prices, the cumulative usage file, and records spooled by worker processes."""

from __future__ import annotations

from pathlib import Path

from microdrama.engines.text import Ledger, Usage, session
from microdrama.engines.text.ledger import SPOOL_DIR, price_of
from microdrama.model import UsageLedger
from microdrama.settings import ModelPrice


def test_price_table_with_wildcard() -> None:
    prices = {"m": ModelPrice(input=1.0, output=2.0), "*": ModelPrice(input=10.0, output=10.0)}
    assert price_of(prices, "m", 1_000_000, 500_000) == 2.0
    assert price_of(prices, "other", 100_000, 0) == 1.0
    assert price_of({}, "m", 10**9, 10**9) == 0.0


def test_usage_file_accumulates_over_runs(tmp_path: Path) -> None:
    for _ in range(2):
        ledger = Ledger()
        ledger.record("write", "ep001", Usage(requests=1, prompt_tokens=10, completion_tokens=5, cost=0.5))
        ledger.fallback("write", "ep002", "invalid")
        ledger.save(tmp_path)
    entries = {(e.stage, e.unit): e for e in UsageLedger.load(tmp_path / ".microdrama/usage.json").entries}
    assert entries[("write", "ep001")].requests == 2 and entries[("write", "ep001")].cost == 1.0
    assert entries[("write", "ep002")].fallbacks == 2


def test_worker_records_are_spooled_and_merged(tmp_path: Path) -> None:
    project = tmp_path / "p"
    worker = session(project)  # no session begun in this process: a worker's ledger
    worker.record("subtitle", "ep001-zh", Usage(requests=2, prompt_tokens=10))
    worker.fallback("subtitle", "ep002-zh", "no valid reply")
    main = Ledger()
    main.absorb_spool(project)
    assert main.total("subtitle").requests == 2
    assert main.fallbacks == [("subtitle", "ep002-zh", "no valid reply")]
    assert list((project / SPOOL_DIR).iterdir()) == []
