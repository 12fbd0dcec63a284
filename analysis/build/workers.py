"""The local worker pool: run `ExecutionJob`s in worker processes, one kernel per notebook.

Each worker is a subprocess fed one JSON job per line on stdin and answering one JSON line
each; it keeps a kernel template (kernel_fork.py) that has imported the configured modules
once. This process owns every worker's Popen, so an interrupt stops them all.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.build import kernels
from analysis.build.determinism import kernel_environment
from analysis.build.execute import ExecutionJob, ExecutionOutcome, run_job
from analysis.errors import CellTimeout, KernelDied, NotebookFailed, ReportError, ReportsFolderError

if TYPE_CHECKING:
    from types import FrameType

TEMPLATE_ENV = "REPORT_KERNEL_TEMPLATE_ENV"
"""Passes a worker the environment (JSON) its kernel template is to start with."""

PRELOAD_ENV = "REPORT_KERNEL_PRELOAD"
"""Passes a worker the modules (JSON list) its kernel template imports once."""


def execute_many(
    jobs: Sequence[ExecutionJob],
    *,
    max_workers: int,
    on_done: Callable[[ExecutionOutcome], None] | None = None,
    preload: Sequence[str] = (),
) -> list[ExecutionOutcome]:
    """Execute notebooks in up to `max_workers` worker processes, one kernel per notebook.

    Parameters
    ----------
    jobs
        The notebooks to run; their targets should differ. The first job's base
        environment is the one each worker's kernel template starts with.
    max_workers
        How many notebooks may run at once.
    on_done
        Called in this process, in this thread, with each outcome as soon as it is known.
        If it raises, the remaining jobs are abandoned and the exception propagates.
    preload
        Modules each worker's kernel template imports once (beyond ipykernel's own).

    Returns
    -------
    list[ExecutionOutcome]
        One per job, in the order of `jobs`. A failing notebook does not stop the others.

    Notes
    -----
    Subprocesses rather than a multiprocessing pool: each notebook's papermill/nbclient
    state and ZMQ context live in a separate process; a worker imports papermill once and
    then runs many jobs; nothing is pickled and the caller's `__main__` is not re-imported;
    and this process can stop every worker (a worker stops its kernel on SIGTERM) when
    interrupted, which `concurrent.futures` cannot do before Python 3.14.
    KeyboardInterrupt and SIGTERM (while this runs in the main thread with SIGTERM's default
    handler) stop the workers and their kernels, then propagate (SIGTERM as SystemExit(143)).
    """
    if max_workers < 1:
        raise ValueError(f"max_workers must be at least 1, not {max_workers}")
    requests = [json.dumps(job_to_json(job)) + "\n" for job in jobs]  # fails early on bad data
    if not jobs:
        return []
    pool = _WorkerPool(list(jobs), requests, min(max_workers, len(jobs)), tuple(preload))
    outcomes: list[ExecutionOutcome | None] = [None] * len(jobs)
    with _sigterm_as_exit(), pool:
        for index, outcome in pool.outcomes():
            outcomes[index] = outcome
            if on_done is not None:
                on_done(outcome)
    return [outcome for outcome in outcomes if outcome is not None]


# The protocol ----------------------------------------------------------------------------------


def job_to_json(job: ExecutionJob) -> dict[str, object]:
    """The request a worker receives for `job`."""
    return {
        "name": job.name,
        "source": str(Path(job.source).resolve()),
        "target": str(Path(job.target).resolve()),
        "parameters": dict(job.parameters),
        "workdir": str(Path(job.workdir).resolve()),
        "env": None if job.env is None else dict(job.env),
        "timeout": job.timeout,
        "extra_env": dict(job.extra_env),
    }


def job_from_json(data: Mapping[str, Any]) -> ExecutionJob:
    """The job a request describes."""
    return ExecutionJob(
        data["name"], Path(data["source"]), Path(data["target"]), data["parameters"],
        Path(data["workdir"]), data["env"], data["timeout"], data["extra_env"],
    )  # fmt: skip


_ERROR_TYPES: dict[str, type[ReportError]] = {
    cls.__name__: cls
    for cls in (ReportError, NotebookFailed, CellTimeout, KernelDied, ReportsFolderError)
}


def _error_to_json(error: ReportError) -> dict[str, object]:
    """Name and constructor arguments of one of our errors (see their `__reduce__`)."""
    args = error.__reduce__()[1]
    return {"type": type(error).__name__, "args": list(args)}


def _error_from_json(data: Mapping[str, Any]) -> ReportError:
    """Rebuild an error sent by a worker."""
    return _ERROR_TYPES.get(data["type"], ReportError)(*data["args"])


# The worker's side -----------------------------------------------------------------------------


def worker_main() -> int:
    """Entry point of a worker: run JSON jobs from stdin until it closes."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # our prints, papermill's and the kernels' go to stderr, not into the protocol
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which stops us
    signal.signal(signal.SIGTERM, _worker_stop)
    parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    from analysis.build.kernel_fork import KernelForkServer

    # The template imports the kernel's stack while this process imports papermill.
    template = json.loads(os.environ.pop(TEMPLATE_ENV, "null")) or kernel_environment()
    preload = json.loads(os.environ.pop(PRELOAD_ENV, "[]"))
    server = KernelForkServer(template, preload)
    kernels.set_fork_server(server)
    try:
        import papermill  # noqa: F401  # once per worker, while the parent prepares the first job

        for line in sys.stdin:
            if os.getppid() != parent:
                # The build was killed after handing us this job: running it now would
                # recreate its staging folder after the next build has cleaned it up.
                break
            outcome = run_job(job_from_json(json.loads(line)))
            reply = {
                "status": outcome.status,
                "seconds": outcome.seconds,
                "error": None if outcome.error is None else _error_to_json(outcome.error),
            }
            protocol.write(json.dumps(reply) + "\n")
    finally:
        server.close()
    return 0


def _worker_stop(signum: int, frame: FrameType | None) -> None:
    """SIGTERM in a worker: kill the kernel now (a graceful shutdown can take seconds)."""
    kernels.kill_live_kernels()
    server = kernels.fork_server()
    if server is not None and server.alive():
        server.process.terminate()  # it removes its own folder as it exits
    os._exit(128 + signum)


def _watch_parent(parent: int) -> None:
    """If the parent dies without stopping us (SIGKILL), stop the kernel and exit."""
    while os.getppid() == parent:
        time.sleep(0.5)
    kernels.kill_live_kernels()
    os._exit(1)


# The parent's side -----------------------------------------------------------------------------


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Turn SIGTERM into SystemExit(143) so that cleanup runs, if nobody else handles it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def _raise(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


class _WorkerPool:
    """Worker subprocesses, each driven by one thread of this process."""

    _WORKER_CODE = "from analysis.build.workers import worker_main; raise SystemExit(worker_main())"

    def __init__(
        self, jobs: list[ExecutionJob], requests: list[str], size: int, preload: tuple[str, ...]
    ) -> None:
        self._jobs = jobs
        self._requests = requests
        self._preload = preload
        self._todo: queue.SimpleQueue[int] = queue.SimpleQueue()
        for index in range(len(jobs)):
            self._todo.put(index)
        self._done: queue.SimpleQueue[tuple[int, ExecutionOutcome]] = queue.SimpleQueue()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._workers: list[subprocess.Popen[str]] = []
        self._threads = [
            threading.Thread(target=self._drive, name=f"report-worker-{n}", daemon=True)
            for n in range(size)
        ]

    def __enter__(self) -> _WorkerPool:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            self._stopping.set()
            workers = list(self._workers)
        for worker in workers:  # idle workers have had stdin closed and exit by themselves
            if worker.poll() is None and exc_info[0] is not None:
                worker.terminate()
        deadline = time.monotonic() + kernels.KILL_GRACE_SECONDS
        for worker in workers:
            try:
                worker.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        for thread in self._threads:
            thread.join(timeout=kernels.KILL_GRACE_SECONDS)

    def outcomes(self) -> Iterator[tuple[int, ExecutionOutcome]]:
        """Yield (job index, outcome) as jobs finish, until all have."""
        for _ in self._jobs:
            while True:
                idle = not any(thread.is_alive() for thread in self._threads)
                try:
                    # A timeout, so that signals get handled while we wait.
                    yield self._done.get(timeout=0.2)
                    break
                except queue.Empty:
                    if idle:
                        raise RuntimeError("the worker threads ended with jobs left") from None

    def _spawn(self) -> subprocess.Popen[str] | None:
        """Start a worker that can import this package wherever it is installed.

        Returns None once the pool is stopping.
        """
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        # The environment the worker's kernel template starts with: the kernels' own.
        first = self._jobs[0].env
        env[TEMPLATE_ENV] = json.dumps(dict(first) if first is not None else kernel_environment())
        env[PRELOAD_ENV] = json.dumps(list(self._preload))
        with self._lock:
            if self._stopping.is_set():
                return None
            worker = subprocess.Popen(
                [sys.executable, "-c", self._WORKER_CODE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
            self._workers.append(worker)
        return worker

    def _drive(self) -> None:
        """Feed jobs to one worker, one at a time, and collect the outcomes."""
        worker: subprocess.Popen[str] | None = None
        try:
            while not self._stopping.is_set():
                try:
                    index = self._todo.get_nowait()
                except queue.Empty:
                    return
                if worker is None or worker.poll() is not None:
                    worker = self._spawn()
                    if worker is None:
                        return
                outcome = self._run(worker, self._jobs[index], self._requests[index])
                if not self._stopping.is_set():
                    self._done.put((index, outcome))
        finally:
            if worker is not None and worker.stdin is not None:
                with contextlib.suppress(OSError):
                    worker.stdin.close()

    def _run(
        self, worker: subprocess.Popen[str], job: ExecutionJob, request: str
    ) -> ExecutionOutcome:
        """Send one job to a worker and wait for its answer."""
        assert worker.stdin is not None
        assert worker.stdout is not None
        started = time.monotonic()
        try:
            worker.stdin.write(request)
            worker.stdin.flush()
            reply = worker.stdout.readline()
        except OSError:
            reply = ""
        if not reply:
            status = worker.wait()
            detail = f"the worker process running it exited with status {status}"
            return ExecutionOutcome(
                job, "dead", time.monotonic() - started, KernelDied(job.source, None, detail)
            )
        data = json.loads(reply)
        error = None if data["error"] is None else _error_from_json(data["error"])
        return ExecutionOutcome(job, data["status"], data["seconds"], error)


if __name__ == "__main__":
    raise SystemExit(worker_main())
