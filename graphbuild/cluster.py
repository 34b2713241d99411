"""Build on a Dask cluster: the workers read, parse and extract the documents; the graph is made here.

The client identifies the documents as a local build does, cuts them (in id order) into partitions and
keeps a few partitions per worker thread submitted. A task reads its documents from their paths (or
takes the texts shipped with it), runs each through build.py's per-document function (read, parse,
extract, pack) with the model loaded once per worker process, and returns the packed extractions.
Results are kept by document id, so the graph does not depend on which worker finished first, on the
partitioning, or on a task run again after its worker was lost.

Dask is an optional dependency (``pip install graphbuild[dask]``): it is imported only when a build
runs on it.
"""
from __future__ import annotations

import logging
import math
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from . import build
from .errors import ClusterError, GraphbuildError, ModelError
from .extract import PackedExtractions
from .ingest import DocumentFile, InputError, Source, Warn
from .nlp import ENV_VAR as MODEL_ENV_VAR
from .nlp import model_info

SCHEDULER_ENV_VAR = "DASK_SCHEDULER_ADDRESS"
MAX_PARTITION = 16  # documents per task at most: a lost worker costs little, progress stays live
TASKS_PER_THREAD = 2  # submitted ahead, so no worker waits for the client between two tasks
INSTALL_HINT = "pip install 'graphbuild[dask]'"

Outcome = tuple[str, bytes] | str  # a document's id and packed extraction, or the warning it was skipped with


# --- on the workers ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PartitionResult:
    """What a task sends back: per document (in the partition's order) its packed extraction or a warning."""

    worker: str
    model: dict[str, str]
    outcomes: list[Outcome]
    seconds: float  # reading, parsing and extracting
    load_seconds: float  # loading the model: 0.0 when this worker process had it already


_lock = threading.Lock()  # one pipeline per process: a worker with several threads uses it in turn
_loaded: dict[str | None, dict[str, str]] = {}  # model asked for -> its name and version, in this process


def run_partition(sources: Sequence[Source], model: str | None) -> PartitionResult:
    """Read, parse and extract ``sources`` on this Dask worker (the task every partition is)."""
    from distributed import get_worker

    worker = get_worker().address
    with _lock:
        start = time.perf_counter()
        loading = model not in _loaded
        info = _load_model(model, worker)
        loaded = time.perf_counter()
        outcomes = [_extract(source, worker) for source in sources]
        return PartitionResult(worker, info, outcomes, time.perf_counter() - loaded, (loaded - start) * loading)


def _load_model(model: str | None, worker: str) -> dict[str, str]:
    """The model's name and version; loaded by build.py's worker initialiser the first time it is asked for."""
    if model not in _loaded:
        _loaded.clear()
        try:
            build._init_worker(model)
        except ModelError as e:
            raise ModelError(f"{e} (on Dask worker {worker})") from None
        _loaded[model] = model_info(build._worker_nlp)
    return _loaded[model]


def _extract(source: Source, worker: str) -> Outcome:
    """build.py's per-document function; a document that fails is a warning naming it, not a lost task."""
    try:
        outcome = build._extract_one(source)
    except Exception as e:  # noqa: BLE001 - one document's failure must not cost the others of its task
        where = source.file if isinstance(source, DocumentFile) else source.path
        return f"{where}: skipped, failed on Dask worker {worker}: {type(e).__name__}: {e}"
    return f"{outcome} (on Dask worker {worker})" if isinstance(outcome, str) else outcome


# --- on the client -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PartitionRun:
    """One task as the client saw it come back."""

    key: str
    worker: str
    document_ids: tuple[str, ...]  # those extracted (not the skipped)
    seconds: float
    load_seconds: float


@dataclass
class ClusterRun:
    """Where a build ran and what each worker did: the summary line, and the benchmark's per-worker rates."""

    scheduler: str
    local: bool  # a cluster started for the run
    partitions: list[PartitionRun] = field(default_factory=list)

    @property
    def workers(self) -> list[str]:
        """The workers that returned a partition."""
        return sorted({p.worker for p in self.partitions})

    def describe(self) -> str:
        """One line: ``Dask scheduler tcp://10.0.0.5:8786: 2 workers, 13 partitions``."""
        where = f"a local Dask cluster ({self.scheduler})" if self.local else f"Dask scheduler {self.scheduler}"
        n, p = len(self.workers), len(self.partitions)
        return f"{where}: {n} worker{'s' * (n != 1)}, {p} partition{'s' * (p != 1)}"


class DaskExecutor:
    """Runs a build's reading, model and extraction on a Dask cluster; pass it as ``build_graph(executor=)``.

    The scheduler is ``scheduler``, else ``$DASK_SCHEDULER_ADDRESS`` (or Dask's ``scheduler-address``
    setting); with neither, a local cluster of ``local_workers`` processes (default: one per core) is
    started for the run and stopped after it. ``client`` uses a ``distributed.Client`` of your own
    instead (left open). The workers read the files from the paths found here (a shared filesystem);
    with ``ship_texts`` the texts are read here and sent with the tasks. ``partition_size`` is the
    number of documents per task (default: by corpus and cluster size). ``timeout`` bounds the wait
    for the scheduler and its first worker, in seconds (default: Dask's connect timeout).
    After a build, :attr:`run` says where it ran.
    """

    def __init__(self, scheduler: str | None = None, *, client: Any = None, ship_texts: bool = False,
                 partition_size: int | None = None, local_workers: int | None = None,
                 timeout: float | None = None) -> None:
        if partition_size is not None and partition_size < 1:
            raise ValueError("partition_size must be at least 1")
        self.scheduler, self.client, self.ship_texts = scheduler, client, ship_texts
        self.partition_size, self.local_workers, self.timeout = partition_size, local_workers, timeout
        self.run: ClusterRun | None = None

    def extract(self, docs: Sequence[Source], *, model: str | None = None, progress: Callable[[Source], None] | None = None,
                warn: Warn = lambda message: None) -> tuple[PackedExtractions, dict[str, str]]:
        """Extractions of ``docs`` and the workers' model name and version, as :func:`build.extract_all`."""
        model = model or os.environ.get(MODEL_ENV_VAR) or None  # the client's choice, else each worker's best
        with _quiet_dask_logs(), self._connect() as client:
            try:
                return _Build(self, client, progress, warn).run(docs, model)
            except (OSError, CancelledError) as e:  # every call to a scheduler that went away fails so
                raise ClusterError(f"lost the connection to the Dask scheduler at {self.run.scheduler} "
                                   f"({type(e).__name__})") from None

    @contextmanager
    def _connect(self) -> Iterator[Any]:
        distributed = _import_distributed()
        if self.client is not None:
            self.run = ClusterRun(self.client.scheduler.address, local=False)
            yield self.client
            return
        import dask

        address = self.scheduler or os.environ.get(SCHEDULER_ENV_VAR) or dask.config.get("scheduler-address", None)
        cluster = None if address else distributed.LocalCluster(
            n_workers=self.local_workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
            host="127.0.0.1", dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
        try:
            client = _client(distributed, address or cluster, self.timeout)
        except BaseException:
            if cluster is not None:
                cluster.close()
            raise
        self.run = ClusterRun(client.scheduler.address, local=cluster is not None)
        try:
            yield client
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


@contextmanager
def _quiet_dask_logs() -> Iterator[None]:
    """Keep the client's own Dask log lines (reconnection attempts, their tracebacks) off stderr while a
    build runs: what goes wrong reaches the caller as a :class:`ClusterError` instead."""
    loggers = [logging.getLogger(name) for name in ("distributed", "distributed.client")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as e:
        raise ClusterError(f"building on Dask needs its distributed scheduler; install it with: {INSTALL_HINT}") from e
    return distributed


def _client(distributed: Any, address: Any, timeout: float | None) -> Any:
    """A client of the scheduler at ``address`` (or of a local cluster); :class:`ClusterError` if unreachable."""
    options = {} if timeout is None else {"timeout": timeout}
    try:
        return distributed.Client(address, set_as_default=False, **options)
    except (OSError, TimeoutError, ValueError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {e}") from None


class _Build:
    """One build's tasks: submitted a few per worker thread ahead, gathered as they finish, in any order."""

    def __init__(self, executor: DaskExecutor, client: Any, progress: Callable[[Source], None] | None, warn: Warn):
        self.executor, self.client, self.warn = executor, client, warn
        self.progress = progress or (lambda source: None)
        self.results = PackedExtractions()
        self.info: dict[str, str] = {}
        self.model_of: dict[str, str] = {}  # worker -> the model it ran, for the error if two differ
        self.run_id = uuid.uuid4().hex[:8]  # task keys of this build, apart from any other on the cluster
        self.submitted = 0

    def run(self, docs: Sequence[Source], model: str | None) -> tuple[PackedExtractions, dict[str, str]]:
        from distributed import as_completed

        self._wait_for_a_worker()
        threads = self._threads()
        size = self.executor.partition_size or partition_size(len(docs), threads)
        parts = (docs[i:i + size] for i in range(0, len(docs), size))
        submitted: dict[str, Sequence[Source]] = {}
        finished = as_completed(loop=self.client.loop)
        self._submit(parts, submitted, finished, model, TASKS_PER_THREAD * threads)
        for future in finished:
            self._gather(future, submitted.pop(future.key))
            self._submit(parts, submitted, finished, model, TASKS_PER_THREAD * self._threads() - len(submitted))
        return self.results, self.info

    def _threads(self) -> int:
        """Worker threads of the cluster now (workers may come and go during a build)."""
        return max(1, sum(self.client.nthreads().values()))

    def _wait_for_a_worker(self) -> None:
        """A cluster may still be starting; one with no worker at all would never finish."""
        try:
            self.client.wait_for_workers(1, timeout=self.executor.timeout or _connect_timeout())
        except TimeoutError:
            raise ClusterError(f"the Dask scheduler at {self.executor.run.scheduler} has no workers") from None

    def _submit(self, parts: Iterator[Sequence[Source]], submitted: dict, finished: Any, model: str | None,
                count: int) -> None:
        while count > 0:
            part = next(parts, None)
            if part is None:
                return
            sent, payload = self._payload(part)
            if not payload:
                continue  # shipped texts that all failed to read here: warned already
            key = f"graphbuild-{self.run_id}-{self.submitted:06}"
            future = self.client.submit(run_partition, payload, model, key=key, pure=False)
            submitted[future.key] = sent
            finished.add(future)
            self.submitted += 1
            count -= 1

    def _payload(self, part: Sequence[Source]) -> tuple[list[Source], list[Source]]:
        """The sources sent and what the task carries for them: files by absolute path (a worker's working
        folder is not ours), or with ``ship_texts`` the texts, read here."""
        if not self.executor.ship_texts:
            return list(part), [replace(s, file=s.file.absolute()) if isinstance(s, DocumentFile) else s for s in part]
        sent, texts = [], []
        for source in part:
            try:
                texts.append(source.read())
            except InputError as e:  # as in a local build: skipped with a warning, and counted as done
                self.warn(str(e))
                self.progress(source)
                continue
            sent.append(source)
        return sent, texts

    def _gather(self, future: Any, sent: Sequence[Source]) -> None:
        try:
            result: PartitionResult = future.result()
        except (GraphbuildError, CancelledError):
            raise
        except Exception as e:  # noqa: BLE001 - whatever Dask or a worker raised, it ends the build in one line
            raise ClusterError(f"{_span(sent)}: the Dask cluster could not process them: {type(e).__name__}: {e}") from None
        finally:
            future.release()
        self._check_model(result)
        extracted = []
        for source, outcome in zip(sent, result.outcomes):
            if isinstance(outcome, str):
                self.warn(outcome)
            else:
                self.results.add_packed(*outcome)
                extracted.append(outcome[0])
            self.progress(source)
        self.executor.run.partitions.append(PartitionRun(future.key, result.worker, tuple(extracted),
                                                          result.seconds, result.load_seconds))

    def _check_model(self, result: PartitionResult) -> None:
        """Every worker must run the same model (name and version), or the graph would depend on where it ran."""
        self.model_of.setdefault(result.worker, f"{result.model['model']} {result.model['model_version']}")
        if not self.info:
            self.info = result.model
        elif result.model != self.info:
            models = "; ".join(f"{m} on {w}" for w, m in sorted(self.model_of.items()))
            raise ClusterError(f"the Dask workers run different spaCy models ({models}): install the same one on each")


def partition_size(documents: int, threads: int) -> int:
    """Documents per task: about four tasks per worker thread, at most :data:`MAX_PARTITION`.

    >>> partition_size(3, 2), partition_size(2000, 2), partition_size(100, 8)
    (1, 16, 4)
    """
    return max(1, min(MAX_PARTITION, math.ceil(documents / (4 * max(1, threads)))))


def _span(part: Sequence[Source]) -> str:
    """The documents of a task, for an error: the first one's path, and how many more."""
    first = getattr(part[0], "file", part[0].path)
    return str(first) if len(part) == 1 else f"{first} and {len(part) - 1} more documents"


def _connect_timeout() -> float:
    import dask
    from dask.utils import parse_timedelta

    return parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), "s")
