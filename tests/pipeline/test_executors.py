"""Executors return results in item order and report each item as it finishes."""

from __future__ import annotations

import pytest

from microdrama.errors import MicrodramaError, SettingsError
from microdrama.pipeline import LocalExecutor, SerialExecutor, make_executor


@pytest.mark.parametrize("executor", [SerialExecutor(), LocalExecutor(2)], ids=["serial", "local"])
def test_map_keeps_order_and_reports(executor) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int]] = []
    try:
        results = executor.map(abs, [-3, 1, -2, 5], on_done=lambda i, r: seen.append((i, r)))
    finally:
        executor.close()
    assert results == [3, 1, 2, 5]
    assert sorted(seen) == [(0, 3), (1, 1), (2, 2), (3, 5)]


@pytest.mark.parametrize("executor", [SerialExecutor(), LocalExecutor(2)], ids=["serial", "local"])
def test_results_are_not_kept_when_the_caller_takes_them_as_they_come(executor) -> None:  # type: ignore[no-untyped-def]
    seen: dict[int, int] = {}
    try:
        results = executor.map(abs, [-3, 1, -2], on_done=seen.__setitem__, keep=False)
    finally:
        executor.close()
    assert results == [None, None, None] and seen == {0: 3, 1: 1, 2: 2}


def test_errors_from_workers_reach_the_caller() -> None:
    executor = LocalExecutor(2)
    try:
        with pytest.raises(ValueError):
            executor.map(int, ["1", "not a number", "3"])
    finally:
        executor.close()


def test_unknown_executor_names_the_known_ones() -> None:
    with pytest.raises(SettingsError, match="local, serial"):
        make_executor("cluster")


def test_our_errors_survive_pickling_between_processes() -> None:
    import pickle

    from microdrama.errors import EncodingError, UnknownFormatError

    for error in (EncodingError("a.txt", "bad bytes at 12"), UnknownFormatError("xyz", ["fountain"])):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error) and isinstance(again, MicrodramaError)
        assert again.__dict__ == error.__dict__
