"""Where the per-item pure functions of a batch run: in this process, a local process pool, or a Dask cluster.

The store keeps a single writer: an engine only maps a module-level function over items and streams
each item's outcome back as it arrives, with a bounded number in flight so memory stays flat however
large the archive. Dask (``distributed``) was chosen over Ray because it is a small pure-Python
dependency, runs a local cluster in tests in a few seconds, and its scheduler reschedules the tasks
of a dead worker by itself (docs/scaling.md).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")

ENGINES = ("local", "dask")
WORKER_DIED = "a worker process died while this item was being processed; it is retried on the next run"


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """One item's result, or the one-line reason it has none (a worker died, the function raised)."""

    item: T
    value: Any = None
    error: str | None = None


class Engine(Protocol):
    workers: int

    def map(self, fn: Callable[..., Any], items: Iterable[T], args_for: Callable[[T], tuple]) -> Iterator[Outcome[T]]:
        """``fn(*args_for(item))`` for every item, outcomes in completion order."""
        ...

    def close(self) -> None: ...


def _failure(exc: BaseException) -> str:
    return f"internal error: {type(exc).__name__}: {str(exc)[:200]}".splitlines()[0]


class InlineEngine:
    """Runs in this process: one worker, no start-up cost, exceptions become outcomes."""

    workers = 1

    def map(self, fn, items, args_for):
        for item in items:
            try:
                yield Outcome(item, fn(*args_for(item)))
            except Exception as exc:  # noqa: BLE001 - one bad item must not stop the batch
                yield Outcome(item, error=_failure(exc))

    def close(self) -> None:
        pass


class PoolEngine:
    """A local process pool with a bounded queue; a dead worker costs only the items in flight."""

    def __init__(self, workers: int):
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def map(self, fn, items, args_for):
        running: dict[Future, Any] = {}

        def settle(futures) -> Iterator[Outcome]:
            broken = False
            for fut in futures:
                item = running.pop(fut)
                try:
                    yield Outcome(item, fut.result())
                except BrokenProcessPool:
                    broken = True
                    yield Outcome(item, error=WORKER_DIED)
                except Exception as exc:  # noqa: BLE001
                    yield Outcome(item, error=_failure(exc))
            if broken:  # a pool that lost a worker refuses new work: start a fresh one
                self._pool.shutdown(cancel_futures=True)
                self._pool = ProcessPoolExecutor(max_workers=self.workers)

        for item in items:
            try:
                fut = self._pool.submit(fn, *args_for(item))
            except BrokenProcessPool:  # died before we noticed: settle what was in flight, then go on
                yield from settle(list(running))
                fut = self._pool.submit(fn, *args_for(item))
            running[fut] = item
            if len(running) >= self.workers * 4:
                yield from settle(wait(running, return_when=FIRST_COMPLETED)[0])
        while running:
            yield from settle(wait(running, return_when=FIRST_COMPLETED)[0])

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class DaskEngine:
    """A Dask cluster: the one at ``address`` (``tcp://host:8786``), or a local cluster of ``workers``
    single-threaded worker processes started for this run. A task whose worker dies is rescheduled by
    the scheduler; one that kills workers repeatedly comes back as WORKER_DIED."""

    def __init__(self, workers: int, address: str | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - distributed is a declared dependency
            raise RuntimeError("the dask engine needs the 'distributed' package") from exc
        self._cluster = None
        if address:
            self._client = Client(address, timeout="30s")
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info(n_workers=-1).get("workers", {})) or workers)

    def map(self, fn, items, args_for):
        from distributed import as_completed
        from distributed.client import FutureCancelledError
        from distributed.scheduler import KilledWorker

        window = self.workers * 4
        running: dict[str, Any] = {}
        done = as_completed()

        def submit(item) -> None:
            fut = self._client.submit(fn, *args_for(item), pure=False)
            running[fut.key] = item
            done.add(fut)

        def outcome(fut) -> Outcome:
            item = running.pop(fut.key)
            try:
                return Outcome(item, fut.result())
            except (KilledWorker, FutureCancelledError):
                return Outcome(item, error=WORKER_DIED)
            except Exception as exc:  # noqa: BLE001
                return Outcome(item, error=_failure(exc))
            finally:
                fut.release()

        for item in items:
            submit(item)
            if len(running) >= window:
                yield outcome(next(done))
        for fut in done:
            yield outcome(fut)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(name: str, workers: int, address: str | None = None) -> Engine:
    """The engine a command asked for; ``local`` with one worker runs in this process."""
    if name == "dask":
        return DaskEngine(workers, address)
    if name != "local":
        raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    return InlineEngine() if workers <= 1 else PoolEngine(workers)
