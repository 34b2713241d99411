"""A real Dask cluster for the tests: ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1.

Each process is started with the ``dask`` command of this environment, on free ports (its HTTP port
too), with no dashboard, in a new session and asked to die with the test process (Linux), so none
outlives the tests; ``stop`` ends them all. Workers run one thread each and no nanny: a killed worker
stays dead, as a lost machine. This folder is on their ``PYTHONPATH``, so they can unpickle what the
tests define here (``RaisingSource``).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from distributed import Client

from graphbuild.ingest import Document
from graphbuild.lifetime import exit_with_parent_hook
from graphbuild.stores.embedded import stop_process

DASK = Path(sys.executable).with_name("dask")
HERE = Path(__file__).resolve().parent
START_TIMEOUT = 60.0  # seconds: processes import distributed on a busy 2-core machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DaskCluster:
    """A scheduler and ``workers`` worker processes; ``kill_worker`` and ``add_worker`` change the workers."""

    def __init__(self, workers: int = 2) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="graphbuild-test-dask-"))
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.wanted = workers
        self.scheduler: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.names: dict[int, str] = {}  # worker pid -> its name
        self.started = 0

    def _spawn(self, *args: str, log: str) -> subprocess.Popen:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))}
        with open(self.directory / log, "wb") as out:
            return subprocess.Popen([str(DASK), *args, "--dashboard-address", "127.0.0.1:0"], stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=subprocess.STDOUT, cwd=self.directory, env=env,
                                    start_new_session=True, preexec_fn=exit_with_parent_hook())

    def start(self) -> DaskCluster:
        try:
            port = self.address.rsplit(":", 1)[1]
            self.scheduler = self._spawn("scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard",
                                         "--scheduler-file", str(self.directory / "scheduler.json"), log="scheduler.log")
            self._wait(lambda: (self.directory / "scheduler.json").exists(), "the scheduler to start")
            assert json.loads((self.directory / "scheduler.json").read_text())["address"] == self.address
            for _ in range(self.wanted):
                self.add_worker(wait=False)
            if self.wanted:
                self.wait_for_workers(self.wanted)
        except BaseException:
            self.stop()
            raise
        return self

    def add_worker(self, *, wait: bool = True) -> subprocess.Popen:
        """Start one more worker (one thread, no nanny, its own folder) and wait until the scheduler has it."""
        name = f"worker-{self.started}"
        self.started += 1
        proc = self._spawn("worker", self.address, "--name", name, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                           "--host", "127.0.0.1", "--local-directory", str(self.directory / name),
                           "--death-timeout", "60", log=f"{name}.log")
        self.workers.append(proc)
        self.names[proc.pid] = name
        if wait:
            self.wait_for_workers(len(self.alive()))
        return proc

    def alive(self) -> list[subprocess.Popen]:
        return [p for p in self.workers if p.poll() is None]

    def address_of(self, proc: subprocess.Popen) -> str:
        """The address the scheduler knows a worker process by."""
        with self.client() as client:
            workers = client.scheduler_info(n_workers=-1)["workers"]
        return next(address for address, info in workers.items() if info["name"] == self.names[proc.pid])

    def kill_worker(self, proc: subprocess.Popen) -> None:
        """SIGKILL: the worker vanishes mid-task, as on a machine that fails."""
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)

    def client(self) -> Client:
        return Client(self.address, timeout=START_TIMEOUT, set_as_default=False)

    def wait_for_workers(self, n: int) -> None:
        with self.client() as client:
            client.wait_for_workers(n, timeout=START_TIMEOUT)

    def _wait(self, ready, what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not ready():
            if self.scheduler.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {what}: {self.log('scheduler.log')[-2000:]}")
            time.sleep(0.1)

    def log(self, name: str) -> str:
        path = self.directory / name
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            if proc is not None:
                stop_process(proc)
        self.workers, self.scheduler = [], None
        shutil.rmtree(self.directory, ignore_errors=True)


@dataclass(frozen=True)
class RaisingSource:
    """A source whose text cannot be produced: what a worker does when a document raises."""

    id: str
    path: str
    title: str

    @property
    def name(self) -> str:
        return self.path

    def read(self) -> Document:
        raise RuntimeError("no text here")
