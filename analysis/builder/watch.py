"""Notice when a Dask cluster can no longer finish a build, so that the build ends.

Dask itself waits forever for a task it cannot run: when every worker has died or left, the
task waits for a new one ("no-worker"), and a worker that hangs keeps its task until the
scheduler's `worker-ttl` (5 minutes) or forever. `Watch` is called as the build waits for
its tasks; it asks the scheduler, at most once a second, which tasks each worker is running,
and raises when the build cannot end well: the connection to the scheduler is lost, no
worker has been there for `NO_WORKER_SECONDS`, or a task has been running for longer than
its notebook's cells may take (`--timeout` each) plus `GRACE_SECONDS`. The build then
cancels what is left, releases its lock and exits with the error's status.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from analysis.builder.remote import RemoteJob, line
from analysis.errors import ClusterError, WorkerLost

NO_WORKER_SECONDS = 15.0
"""How long the scheduler may have no worker, or not answer, before the build gives up.

Long enough for a nanny to restart a worker that died (a few seconds)."""

GRACE_SECONDS = 60.0
"""What a task may take beyond its notebook's code cells times `--timeout` (kernel start,
sending files) before its worker is taken for hung."""

CHECK_SECONDS = 1.0
"""How often the scheduler is asked which tasks run where."""


def task_key(job: RemoteJob) -> str:
    """A Dask key that names the notebook, unique to this submission."""
    return f"report-{job.name}-{uuid.uuid4().hex}"


def task_bound(job: RemoteJob) -> float | None:
    """Seconds a task of `job` may run at most: its code cells (and papermill's parameters
    cell) times its time limit, plus `GRACE_SECONDS`; None without a time limit."""
    if job.timeout is None:
        return None
    try:
        cells = json.loads(job.notebook).get("cells", [])
        code = sum(1 for cell in cells if cell.get("cell_type") == "code")
    except (ValueError, AttributeError):
        code = 1
    return (code + 1) * job.timeout + GRACE_SECONDS


@dataclass
class Watch:
    """Checks, while a build waits, that its cluster can still finish it; raises if not.

    Attributes
    ----------
    address
        The scheduler's address, for the message.
    client
        The `distributed.Client`.
    tasks
        The build's tasks by Dask key (filled as they are submitted).
    clock
        The monotonic clock (a test may replace it).
    """

    address: str
    client: Any
    tasks: dict[str, RemoteJob] = field(default_factory=dict)
    clock: Callable[[], float] = time.monotonic
    _next: float = 0.0
    _seen: float | None = None
    _silent: bool = False
    _running: dict[tuple[str, str], float] = field(default_factory=dict)

    def __call__(self, now: bool = False) -> None:
        """Check the cluster (at most once per `CHECK_SECONDS`, or `now`).

        Raises
        ------
        ClusterError
            The connection to the scheduler is lost, or it has had no worker (or not
            answered) for `NO_WORKER_SECONDS` (exit status 8).
        WorkerLost
            A task has run past its bound (`task_bound`) (exit status 4).
        """
        moment = self.clock()
        if self._seen is None:
            self._seen = moment
        if not now and moment < self._next:
            return
        self._next = moment + CHECK_SECONDS
        if self.client.status != "running":
            raise ClusterError(
                f"lost the connection to the Dask scheduler at {self.address}; the notebooks"
                " not finished were cancelled"
            )
        processing = self._processing()
        if processing:
            self._seen = moment
            self._overrun(processing, moment)
            return
        if moment - self._seen > NO_WORKER_SECONDS:
            what = "did not answer" if self._silent else "had no worker"
            raise ClusterError(
                f"the Dask scheduler at {self.address} {what} for {NO_WORKER_SECONDS:g} s"
                " during the build; the notebooks not finished were cancelled"
            )

    def _processing(self) -> dict[str, list[str]]:
        """{worker: keys it runs} from the scheduler; {} when it does not answer in time."""
        try:
            answer = self.client.sync(
                self.client.scheduler.processing, workers=None, callback_timeout=CHECK_SECONDS * 5
            )
        except (OSError, TimeoutError):
            self._silent = True
            return {}
        self._silent = False
        return {str(worker): [str(key) for key in keys] for worker, keys in answer.items()}

    def _overrun(self, processing: dict[str, list[str]], moment: float) -> None:
        """Raise `WorkerLost` for a task of this build that has run past its bound."""
        running = {(worker, key) for worker, keys in processing.items() for key in keys}
        self._running = {pair: self._running.get(pair, moment) for pair in running}
        for (worker, key), since in sorted(self._running.items()):
            job = self.tasks.get(key)
            bound = task_bound(job) if job is not None else None
            if job is not None and bound is not None and moment - since > bound:
                raise WorkerLost(
                    line(
                        f"{job.name}: worker {worker} has run it for {moment - since:.0f} s,"
                        f" longer than its cells may take at --timeout {job.timeout:g} s plus"
                        f" {GRACE_SECONDS:g} s; taken for hung, the notebooks not finished"
                        " were cancelled"
                    )
                )


def named_executor(client: Any, watch: Watch) -> Any:
    """A `concurrent.futures.Executor` on `client` whose tasks `watch` knows by key."""
    from distributed.cfexecutor import ClientExecutor

    class _Named(ClientExecutor):
        def submit(self, fn: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
            job = args[0] if args else None
            if isinstance(job, RemoteJob):
                kwargs["key"] = task_key(job)
                watch.tasks[kwargs["key"]] = job
            return super().submit(fn, *args, **kwargs)

    return _Named(client, pure=False)
