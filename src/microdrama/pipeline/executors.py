"""Executors run many independent pieces of work (one per episode…) in parallel.

How to add a new executor:
  1. Write a class with ``map(fn, items, on_done=None) -> list`` and ``close()`` (the
     :class:`microdrama.project.Executor` protocol).
  2. Register it in :data:`EXECUTORS` under a short name, built from ``(workers, scheduler)``.
  3. Settings ``run.executor`` then selects it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from functools import partial
from typing import Any, TypeVar

from microdrama.errors import SettingsError
from microdrama.project import Executor, SerialExecutor
from microdrama.text import speech_rate

__all__ = ["EXECUTORS", "DaskExecutor", "Executor", "LocalExecutor", "SerialExecutor", "make_executor"]

T = TypeVar("T")
R = TypeVar("R")


def _timed_as(engine: str, fn: Callable[[T], R], item: T) -> R:
    """``fn(item)`` in a worker, timing lines as the caller's speech engine says them."""
    with speech_rate.using(engine):
        return fn(item)


def carry_context(fn: Callable[[T], R]) -> Callable[[T], R]:
    """``fn`` for another process: the speech engine lines are timed for here goes with it (a worker
    does not share this process' context)."""
    return partial(_timed_as, speech_rate.current_engine(), fn)


class LocalExecutor:
    """A process pool on this machine; ``fn`` and items must be picklable (module-level functions)."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: no fork of a process that runs threads (the progress display does).
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._pool

    def map(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        on_done: Callable[[int, R], None] | None = None,
        *,
        keep: bool = True,
    ) -> list[R]:
        """See :meth:`Executor.map`."""
        if self.workers <= 1 or len(items) <= 1:
            return SerialExecutor().map(fn, items, on_done, keep=keep)
        pool = self._get_pool()
        fn = carry_context(fn)
        futures: dict[Future[R], int] = {pool.submit(fn, item): i for i, item in enumerate(items)}
        results: list[Any] = [None] * len(items)
        try:
            for future in as_completed(futures):
                i = futures.pop(future)  # as_completed lets go of it too, so a dropped result is freed
                result = future.result()
                if on_done:
                    on_done(i, result)
                results[i] = result if keep else None
                del future, result
        except BaseException:
            for future in futures:
                future.cancel()
            raise
        return results

    def close(self) -> None:
        """See :meth:`Executor.close`."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskExecutor:
    """A Dask ``distributed`` cluster: the scheduler at ``scheduler`` (or ``DASK_SCHEDULER_ADDRESS``),
    else a local cluster of ``workers`` processes. A task whose worker dies is run again elsewhere
    (up to ``retries`` more times), so a run survives losing a worker."""

    def __init__(self, workers: int = 0, scheduler: str = "", retries: int = 2) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.scheduler = scheduler
        self.retries = retries
        self._client: Any = None
        self._cluster: Any = None

    def _get_client(self) -> Any:
        if self._client is None:
            try:
                import dask
                from distributed import Client, LocalCluster
            except ImportError as exc:
                raise SettingsError("run.executor = 'dask' needs Dask: pip install 'dask[distributed]'") from exc
            address = self.scheduler or dask.config.get("scheduler-address", None)
            if address:
                self._client = Client(address)
            else:
                import logging

                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self._client = Client(self._cluster)
        return self._client

    def map(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        on_done: Callable[[int, R], None] | None = None,
        *,
        keep: bool = True,
    ) -> list[R]:
        """See :meth:`Executor.map`."""
        if not items:
            return []
        from distributed import as_completed as dask_completed

        client = self._get_client()
        fn = carry_context(fn)
        futures = [client.submit(fn, item, pure=False, retries=self.retries) for item in items]
        position = {future.key: i for i, future in enumerate(futures)}
        results: list[Any] = [None] * len(items)
        try:
            for future in dask_completed(futures):
                i = position[future.key]
                result = future.result()
                if on_done:
                    on_done(i, result)
                results[i] = result if keep else None
                if not keep:
                    futures[i] = None  # type: ignore[call-overload]
                    future.release()
                del future, result
        except BaseException:
            client.cancel([f for f in futures if f is not None])
            raise
        return results

    def close(self) -> None:
        """See :meth:`Executor.close`."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


EXECUTORS: dict[str, Callable[[int, str], Executor]] = {
    "serial": lambda workers, scheduler: SerialExecutor(),
    "local": lambda workers, scheduler: LocalExecutor(workers),
    "dask": lambda workers, scheduler: DaskExecutor(workers, scheduler),
}


def make_executor(name: str, workers: int = 0, scheduler: str = "") -> Executor:
    """The executor registered as ``name`` (``scheduler``: a Dask scheduler address, for ``dask``)."""
    try:
        factory = EXECUTORS[name]
    except KeyError:
        raise SettingsError(f"unknown executor {name!r}; known: {', '.join(sorted(EXECUTORS))}") from None
    return factory(workers, scheduler)
