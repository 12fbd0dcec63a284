"""Run notebooks with papermill, one fresh kernel each, byte-deterministically, in parallel."""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from analysis.errors import CellTimeout, CstoError, KernelDied, NotebookFailed

if TYPE_CHECKING:
    from types import FrameType

    from analysis.build.kernel_fork import KernelForkServer

SOURCE_DATE_EPOCH = "946684800"
"""2000-01-01T00:00:00Z: the date tools that honour SOURCE_DATE_EPOCH stamp into their output."""

DETERMINISTIC_ENVIRONMENT: Mapping[str, str] = {
    # Iteration order of str/bytes sets and dicts built from them.
    "PYTHONHASHSEED": "0",
    # Dates matplotlib writes into SVG/PDF/PS metadata, and other reproducible-build aware tools.
    "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
    # open() and subprocess text defaults, whatever the machine's locale.
    "PYTHONUTF8": "1",
    # time.localtime() and naive-datetime conversions.
    "TZ": "UTC",
    # shutil.get_terminal_size() (used by some reprs) reads these before asking the terminal.
    "COLUMNS": "80",
    "LINES": "24",
    # Thread count changes BLAS summation order (last-bit float differences), and parallel
    # kernels would oversubscribe the cores.
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    # ipykernel's debugger warns on stderr about frozen modules at every kernel start.
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
"""Variables set in every kernel's environment so that its outputs do not vary between runs."""

_INHERITED_SESSION_VARIABLES = ("JPY_SESSION_NAME", "JPY_PARENT_PID")
"""Set when this process itself runs inside a Jupyter kernel; they must not leak to our kernels."""

Status = Literal["ok", "failed", "timeout", "dead"]

_PAPERMILL_RUN_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path")
"""Keys of `metadata.papermill` that depend on when and where a notebook ran."""

_PAPERMILL_CELL_KEYS = ("start_time", "end_time", "duration")
"""Keys of a cell's `metadata.papermill` that depend on when it ran."""

_KILL_GRACE_SECONDS = 5.0
"""How long a worker may take to stop its kernel and exit before it is killed."""


@dataclass(frozen=True)
class ExecutionJob:
    """One notebook to execute.

    Attributes
    ----------
    name
        A label for progress messages (e.g. the report's slug).
    source, target
        The notebook to run and where to write the executed copy.
    parameters
        Values papermill injects after the `parameters` cell; JSON-serialisable.
    workdir
        The kernel's working directory.
    env
        The kernel's whole environment; None means `kernel_environment()`.
    timeout
        Seconds each cell may run (rounded up to whole seconds); None means no limit.
    """

    name: str
    source: Path
    target: Path
    parameters: Mapping[str, object]
    workdir: Path
    env: Mapping[str, str] | None = None
    timeout: float | None = None


@dataclass
class ExecutionOutcome:
    """How one job ended.

    Attributes
    ----------
    job
        The job.
    status
        "ok", "failed" (a cell raised, or the job could not start), "timeout" or "dead".
    seconds
        Wall time the execution took, in the process that ran it.
    error
        The error for any status but "ok".
    """

    job: ExecutionJob
    status: Status
    seconds: float
    error: CstoError | None = None


def kernel_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for a kernel: this process's, made deterministic, plus `extra`.

    Parameters
    ----------
    extra
        Variables to add or override last (e.g. where a notebook finds its data).

    Returns
    -------
    dict[str, str]
        A new mapping; `os.environ` is left alone.
    """
    env = {k: v for k, v in os.environ.items() if k not in _INHERITED_SESSION_VARIABLES}
    env.update(DETERMINISTIC_ENVIRONMENT)
    if extra:
        env.update(extra)
    return env


def execute_notebook(
    source: Path,
    target: Path,
    parameters: Mapping[str, object],
    *,
    workdir: Path,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    kernel_name: str = "python3",
) -> None:
    """Execute a notebook in a fresh kernel and write a byte-deterministic executed copy.

    Parameters
    ----------
    source
        The notebook to run.
    target
        Where to write the executed copy (folders are created). Written on success and
        when a cell raises (then with papermill's error banner); left alone otherwise.
    parameters
        Values papermill injects in a cell tagged `injected-parameters` after the cell
        tagged `parameters`; recorded in `metadata.papermill.parameters`.
    workdir
        The kernel's working directory (created if missing). This process's working
        directory is not changed.
    env
        The kernel's whole environment; None means `kernel_environment()`.
    timeout
        Seconds each cell may run, rounded up to whole seconds; None means no limit.
    kernel_name
        The kernelspec to start.

    Raises
    ------
    NotebookFailed
        A cell raised.
    CellTimeout
        A cell ran longer than `timeout`.
    KernelDied
        The kernel process died.
    """
    import nbformat
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    source, target = Path(source).resolve(), Path(target).resolve()
    workdir = Path(workdir).resolve()
    if not source.is_file():
        raise FileNotFoundError(f"no notebook at {source}")
    source_ids = {cell.get("id") for cell in nbformat.read(source, as_version=4).cells}
    target.parent.mkdir(parents=True, exist_ok=True)
    workdir.mkdir(parents=True, exist_ok=True)
    kernel_env = dict(env) if env is not None else kernel_environment()
    handle, partial_name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=".partial.ipynb", dir=target.parent
    )
    os.close(handle)
    partial = Path(partial_name)
    _PARTIAL_FILES.add(partial)
    launched: list[_Kernel] = []
    try:
        papermill.execute_notebook(
            _format_literal(source),
            _format_literal(partial),
            # Sorted, so that the injected cell does not depend on the caller's dict order.
            {name: parameters[name] for name in sorted(parameters)},
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
            # Saves after each cell, so that a timeout or dead kernel leaves the partial copy
            # from which we read which cell it was.
            request_save_on_cell_execute=True,
            # What follows is not papermill's: NBClientEngine hands unknown keywords on to
            # PapermillNotebookClient, i.e. to nbclient.NotebookClient's traits.
            execution_timeout=None if timeout is None else max(1, math.ceil(timeout)),
            # No `metadata.execution` timestamps in the cells.
            record_timing=False,
            # NotebookClient.async_start_new_kernel() passes resources['metadata']['path'] as
            # cwd= to KernelManager.start_kernel(). papermill's own cwd= would os.chdir() the
            # whole process instead, which breaks every other thread and relative path.
            resources={"metadata": {"path": str(workdir)}},
            # start_kernel(env=...) is the only way to give a kernel its environment, and
            # nothing passes keywords down to it, so a subclass adds them.
            kernel_manager_class=_kernel_manager_class(kernel_env, launched),
        )
    except PapermillExecutionError as exc:
        _write_deterministic(partial, target, source_ids)
        raise NotebookFailed(source, exc.cell_index, exc.ename, exc.evalue, target) from None
    except CellTimeoutError:
        raise CellTimeout(source, _last_started_cell(partial), float(timeout or 0)) from None
    except DeadKernelError:
        raise KernelDied(source, _last_started_cell(partial)) from None
    else:
        _write_deterministic(partial, target, source_ids)
    finally:
        for kernel in launched:
            kernel.kill()
        partial.unlink(missing_ok=True)
        _PARTIAL_FILES.discard(partial)


def execute_many(
    jobs: Sequence[ExecutionJob],
    *,
    max_workers: int,
    on_done: Callable[[ExecutionOutcome], None] | None = None,
) -> list[ExecutionOutcome]:
    """Execute notebooks in up to `max_workers` worker processes, one kernel per notebook.

    Parameters
    ----------
    jobs
        The notebooks to run; their targets should differ.
    max_workers
        How many notebooks may run at once.
    on_done
        Called in this process, in this thread, with each outcome as soon as it is known.
        If it raises, the remaining jobs are abandoned and the exception propagates.

    Returns
    -------
    list[ExecutionOutcome]
        One per job, in the order of `jobs`. A failing notebook does not stop the others.

    Notes
    -----
    Workers are subprocesses running `_worker_main()`, fed one JSON job per line on stdin
    and answering one JSON line each. That is chosen over a multiprocessing pool because:
    each notebook's papermill/nbclient state and ZMQ context live in a separate process;
    a worker imports papermill once (~2 s) and then runs many jobs; there is no pickling and
    no re-import of the caller's `__main__` as with the 'spawn' start method; and this
    process owns each worker's Popen, so it can stop all of them (a worker stops its kernel
    on SIGTERM) when interrupted, which `concurrent.futures` cannot do before Python 3.14.
    KeyboardInterrupt and SIGTERM (while this runs in the main thread with SIGTERM's default
    handler) stop the workers and their kernels, then propagate (SIGTERM as SystemExit(143)).
    """
    if max_workers < 1:
        raise ValueError(f"max_workers must be at least 1, not {max_workers}")
    requests = [json.dumps(_job_to_json(job)) + "\n" for job in jobs]  # fails early on bad data
    if not jobs:
        return []
    pool = _WorkerPool(list(jobs), requests, min(max_workers, len(jobs)))
    outcomes: list[ExecutionOutcome | None] = [None] * len(jobs)
    with _sigterm_as_exit(), pool:
        for index, outcome in pool.outcomes():
            outcomes[index] = outcome
            if on_done is not None:
                on_done(outcome)
    return [outcome for outcome in outcomes if outcome is not None]


# Kernels ---------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Kernel:
    """A kernel process we started, to kill if it outlives its notebook."""

    process: subprocess.Popen[bytes]
    connection_file: str
    ipc_dir: str | None = None

    def kill(self) -> None:
        """Kill the kernel's process group if the kernel still runs, and drop its files."""
        _LIVE_KERNELS.discard(self)
        if self.process.poll() is None:
            # jupyter_client starts kernels with start_new_session=True: the group is theirs.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=_KILL_GRACE_SECONDS)
        if self.connection_file:
            Path(self.connection_file).unlink(missing_ok=True)
        if self.ipc_dir:
            shutil.rmtree(self.ipc_dir, ignore_errors=True)


_LIVE_KERNELS: set[_Kernel] = set()
"""Kernels of this process that may still run; killed by a worker when it is told to stop."""

_PARTIAL_FILES: set[Path] = set()
"""Temporary copies being written; removed by a worker when it is told to stop."""


_TEMPLATE_ENV = "CSTO_KERNEL_TEMPLATE_ENV"
"""Passes a worker the environment (JSON) its kernel template is to start with."""

_FORK_SERVER: KernelForkServer | None = None
"""In a worker: the template process that forks warmed-up kernels (see kernel_fork.py)."""


def _fork_server_for(env: Mapping[str, str]) -> KernelForkServer | None:
    """The worker's template, when it runs and a kernel forked from it gets exactly `env`.

    The template's environment was fixed when its interpreter started (hash seed, paths,
    thread counts); only the build's own `CSTO_*` variables may differ, and the forked
    kernel takes those over. Anything else means a normal launch.
    """
    server = _FORK_SERVER
    if server is None or not server.alive():
        return None
    base = {k: v for k, v in server.env.items() if not k.startswith("CSTO_")}
    wanted = {k: v for k, v in env.items() if not k.startswith("CSTO_")}
    return server if base == wanted else None


def _kernel_manager_class(env: Mapping[str, str], launched: list[_Kernel]) -> type:
    """An AsyncKernelManager that starts its kernel with `env` and records the process.

    In a worker whose template process matches `env`, the kernel is forked from the
    template (kernel_fork.py) instead of started from scratch: a new, empty kernel that
    finds ipykernel, pandas, matplotlib and the library already imported.
    """
    from jupyter_client.manager import AsyncKernelManager

    fork_server = _fork_server_for(env)

    class _CstoKernelManager(AsyncKernelManager):
        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            command: list[str] = super().format_kernel_cmd(extra_arguments)
            if fork_server is not None and any("ipykernel" in part for part in command):
                return fork_server.launch_command(os.path.realpath(self.connection_file))
            return command

        # AsyncKernelManager.start_kernel is a coroutine function; its base class's is not.
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            kw["env"] = dict(env)
            # IPC sockets in a private folder rather than TCP ports: kernels started at once
            # can never race for a port, and ipykernel has no plain-TCP warning to print.
            ipc_dir = tempfile.mkdtemp(prefix="csto-kernel-")
            self.transport = "ipc"
            self.ip = str(Path(ipc_dir) / "kernel")
            await super().start_kernel(**kw)
            process = getattr(self.provisioner, "process", None)
            if process is not None:
                kernel = _Kernel(process, self.connection_file, ipc_dir)
                launched.append(kernel)
                _LIVE_KERNELS.add(kernel)

    return _CstoKernelManager


def _kill_live_kernels() -> None:
    """Kill every kernel this process started that still runs, and drop partial copies."""
    for kernel in list(_LIVE_KERNELS):
        kernel.kill()
    for partial in list(_PARTIAL_FILES):
        partial.unlink(missing_ok=True)


# Deterministic notebooks -----------------------------------------------------------------------


def _format_literal(path: Path) -> str:
    """Escape braces: papermill formats paths with the parameters (`str.format`)."""
    return str(path).replace("{", "{{").replace("}", "}}")


def _write_deterministic(partial: Path, target: Path, source_ids: set[object]) -> None:
    """Write papermill's output at `target` without what varies between runs."""
    import nbformat

    nb = nbformat.read(partial, as_version=4)
    run = nb.metadata.get("papermill", {})
    for key in _PAPERMILL_RUN_KEYS:
        run.pop(key, None)
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell_run = cell.metadata.get("papermill", {})
        for key in _PAPERMILL_CELL_KEYS:
            cell_run.pop(key, None)
        if cell.get("id") not in source_ids:
            # papermill's injected-parameters and error-banner cells get random ids from
            # nbformat; derive them from the content (for the injected cell: the parameters).
            digest = hashlib.sha256(f"{index}\0{cell.cell_type}\0{cell.source}".encode())
            cell["id"] = f"csto-{digest.hexdigest()[:16]}"
    text = nbformat.writes(nb)  # nbformat's JSON writer sorts keys and indents by 1
    staged = partial.with_name(partial.name + ".final")  # created with umask permissions
    try:
        staged.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        staged.replace(target)
    finally:
        staged.unlink(missing_ok=True)


def _last_started_cell(partial: Path) -> int | None:
    """Index of the last cell papermill started, read from its autosaved partial copy."""
    import nbformat

    try:
        nb = nbformat.read(partial, as_version=4)
    except (OSError, ValueError):
        return None
    started = [
        index
        for index, cell in enumerate(nb.cells)
        if cell.metadata.get("papermill", {}).get("start_time")
    ]
    return started[-1] if started else None


# Workers ---------------------------------------------------------------------------------------


def _job_to_json(job: ExecutionJob) -> dict[str, object]:
    """The request a worker receives for `job`."""
    return {
        "source": str(Path(job.source).resolve()),
        "target": str(Path(job.target).resolve()),
        "parameters": dict(job.parameters),
        "workdir": str(Path(job.workdir).resolve()),
        "env": None if job.env is None else dict(job.env),
        "timeout": job.timeout,
    }


_ERROR_TYPES: dict[str, type[CstoError]] = {
    cls.__name__: cls for cls in (CstoError, NotebookFailed, CellTimeout, KernelDied)
}


def _error_to_json(error: CstoError) -> dict[str, object]:
    """Name and constructor arguments of one of our errors (see their `__reduce__`)."""
    args = error.__reduce__()[1]
    return {"type": type(error).__name__, "args": list(args)}


def _error_from_json(data: Mapping[str, Any]) -> CstoError:
    """Rebuild an error sent by a worker."""
    return _ERROR_TYPES.get(data["type"], CstoError)(*data["args"])


def _run_request(request: Mapping[str, Any]) -> dict[str, object]:
    """Run one job in a worker and describe how it ended."""
    started = time.monotonic()
    error: CstoError | None = None
    status: Status = "ok"
    try:
        execute_notebook(
            Path(request["source"]),
            Path(request["target"]),
            request["parameters"],
            workdir=Path(request["workdir"]),
            env=request["env"],
            timeout=request["timeout"],
        )
    except NotebookFailed as exc:
        status, error = "failed", exc
    except CellTimeout as exc:
        status, error = "timeout", exc
    except KernelDied as exc:
        status, error = "dead", exc
    except Exception as exc:  # e.g. a missing notebook, a kernel that would not start
        status = "failed"
        error = CstoError(" ".join(f"{request['source']}: {type(exc).__name__}: {exc}".split()))
    return {
        "status": status,
        "seconds": time.monotonic() - started,
        "error": None if error is None else _error_to_json(error),
    }


def _worker_main() -> int:
    """Entry point of a worker: run JSON jobs from stdin until it closes."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # our prints, papermill's and the kernels' go to stderr, not into the protocol
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which stops us
    signal.signal(signal.SIGTERM, _worker_stop)
    parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    global _FORK_SERVER
    from analysis.build.kernel_fork import KernelForkServer

    # The template imports the kernel's stack while this process imports papermill.
    template = json.loads(os.environ.pop(_TEMPLATE_ENV, "null")) or kernel_environment()
    _FORK_SERVER = KernelForkServer(template)
    try:
        import papermill  # noqa: F401  # once per worker, while the parent prepares the first job

        for line in sys.stdin:
            if os.getppid() != parent:
                # The build was killed after handing us this job: running it now would
                # recreate its staging folder after the next build has cleaned it up.
                break
            reply = _run_request(json.loads(line))
            protocol.write(json.dumps(reply) + "\n")
    finally:
        _FORK_SERVER.close()
    return 0


def _worker_stop(signum: int, frame: FrameType | None) -> None:
    """SIGTERM in a worker: kill the kernel now (a graceful shutdown can take seconds)."""
    _kill_live_kernels()
    if _FORK_SERVER is not None and _FORK_SERVER.alive():
        _FORK_SERVER.process.terminate()  # it removes its own folder as it exits
    os._exit(128 + signum)


def _watch_parent(parent: int) -> None:
    """If the parent dies without stopping us (SIGKILL), stop the kernel and exit."""
    while os.getppid() == parent:
        time.sleep(0.5)
    _kill_live_kernels()
    os._exit(1)


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

    _WORKER_CODE = (
        "from analysis.build.execute import _worker_main; raise SystemExit(_worker_main())"
    )

    def __init__(self, jobs: list[ExecutionJob], requests: list[str], size: int) -> None:
        self._jobs = jobs
        self._requests = requests
        self._todo: queue.SimpleQueue[int] = queue.SimpleQueue()
        for index in range(len(jobs)):
            self._todo.put(index)
        self._done: queue.SimpleQueue[tuple[int, ExecutionOutcome]] = queue.SimpleQueue()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._workers: list[subprocess.Popen[str]] = []
        self._threads = [
            threading.Thread(target=self._drive, name=f"csto-worker-{n}", daemon=True)
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
        deadline = time.monotonic() + _KILL_GRACE_SECONDS
        for worker in workers:
            try:
                worker.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        for thread in self._threads:
            thread.join(timeout=_KILL_GRACE_SECONDS)

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
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        # The environment the worker's kernel template starts with: the kernels' own.
        first = self._jobs[0].env
        env[_TEMPLATE_ENV] = json.dumps(dict(first) if first is not None else kernel_environment())
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
    raise SystemExit(_worker_main())
