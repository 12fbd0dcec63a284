"""The task a Dask worker runs for one notebook, and the relay that ships it and takes it back.

A worker may be another machine, so a task carries the notebook's bytes rather than its path,
runs `run_job` in a private temporary folder with kernels of its own, and returns the files
the kernel wrote (the executed notebook, the figures) as bytes. The build writes them where a
local run would have, renders the page and publishes as usual (cluster.py connects). A worker
executes only when its own checkout gives the key the build planned with (`checkout_key`):
otherwise its outputs would not be the ones the run's execution keys promise, and it refuses,
naming itself. Each worker process keeps a kernel template, as the local pool does.
"""

from __future__ import annotations

import contextlib
import platform
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from analysis.builder import kernels
from analysis.builder.config import BuildConfig, source_files
from analysis.builder.determinism import kernel_environment
from analysis.builder.execute import WRITE_ERRNOS, ExecutionJob, ExecutionOutcome, Status, run_job
from analysis.builder.manifest import EXECUTION_CODE, canonical_json, package_versions, sources_key
from analysis.errors import CellTimeout, KernelDied, NotebookFailed, ReportError, ReportsFolderError
from analysis.hashing import sha256_text

if TYPE_CHECKING:
    from analysis.builder.kernel_fork import KernelForkServer


def checkout_key(config: BuildConfig) -> str:
    """The hash of what every notebook's execution key shares, as this checkout has it.

    It covers the execution sources (the code a kernel imports, the data), the build's
    execution code, the package versions and Python's version: two checkouts with equal keys
    give equal executed notebooks for equal notebook bytes and parameters.
    """
    shared = sources_key(source_files(config.execution_sources), config.root, EXECUTION_CODE)
    versions = package_versions(config.distribution)
    payload = {"shared": shared, "versions": versions, "python": platform.python_version()}
    return sha256_text(canonical_json(payload))


@dataclass(frozen=True)
class RemoteJob:
    """One notebook to execute on a worker: plain, picklable data, no path of the build's.

    Attributes
    ----------
    name
        The job's name; also the name of its folder on the worker.
    notebook, notebook_name
        The notebook's bytes and file name.
    target
        Where the executed copy goes, relative to the job's folder.
    parameters, timeout
        As in `ExecutionJob`.
    extra_env
        Variables the kernel gets on top of the worker's own `kernel_environment()`.
    folders
        Variables that name a folder inside the job's folder, by their relative path: each is
        set to that folder on the worker.
    key
        The `checkout_key` the build planned with.
    load_config
        Returns the build configuration of the worker's own checkout (a function importable
        there, such as the command line's).
    """

    name: str
    notebook: bytes
    notebook_name: str
    target: str
    parameters: Mapping[str, object]
    timeout: float | None
    extra_env: Mapping[str, str]
    folders: Mapping[str, str]
    key: str
    load_config: Callable[[], BuildConfig]


@dataclass(frozen=True)
class RemoteResult:
    """What a worker sends back: how the job ended and every file its folder holds."""

    status: Status
    seconds: float
    error: ReportError | None
    worker: str
    files: Mapping[str, bytes] = field(default_factory=dict)


def run_remote(job: RemoteJob) -> RemoteResult:
    """Execute a `RemoteJob` where this function runs (a Dask worker); never raises.

    The worker first compares its own checkout's key with the job's; on a difference it
    refuses with a failed result that names it.
    """
    started = time.monotonic()
    worker = _worker_name()
    try:
        config = job.load_config()
        key = checkout_key(config)
    except Exception as exc:  # e.g. no configuration where the worker runs
        error = ReportError(line(f"worker {worker}: cannot read its checkout ({exc})"))
        return RemoteResult("failed", time.monotonic() - started, error, worker)
    if key != job.key:
        error = ReportError(
            f"worker {worker} refused {job.name}: its checkout (code, data or package versions)"
            " differs from the build's; run every worker from the same commit and the same lock"
        )
        return RemoteResult("failed", time.monotonic() - started, error, worker)
    with tempfile.TemporaryDirectory(prefix="report-remote-") as scratch:
        source = Path(scratch) / "in" / job.notebook_name
        source.parent.mkdir()
        source.write_bytes(job.notebook)
        folder = Path(scratch) / job.name
        folders = {}
        for variable, relative in job.folders.items():
            (folder / relative).mkdir(parents=True, exist_ok=True)
            folders[variable] = str(folder / relative)
        env = kernel_environment(job.extra_env)
        local = ExecutionJob(job.name, source, folder / job.target, job.parameters, folder, env,
                             job.timeout, folders)  # fmt: skip
        with _kernel_template(env, config, key):
            outcome = run_job(local)
        files = {
            path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }
    failure = outcome.error
    if type(failure) is ReportError:  # e.g. a kernel that would not start: name the notebook
        failure = ReportError(str(failure).replace(str(source), job.notebook_name))
    return RemoteResult(outcome.status, outcome.seconds, failure, worker, files)


_template: KernelForkServer | None = None
"""This worker process's kernel template, kept from task to task (see `_kernel_template`)."""

_template_for: tuple[dict[str, str], str] | None = None
"""The base environment and checkout key `_template` was started with."""

_template_users: dict[KernelForkServer, int] = {}
"""How many running tasks use each template; a replaced one is closed when none does."""

_template_lock = threading.Lock()


@contextlib.contextmanager
def _kernel_template(env: Mapping[str, str], config: BuildConfig, key: str) -> Iterator[None]:
    """Fork this task's kernel from the worker's template, started for `env` and `key`.

    The template is kept for later tasks with the same environment and checkout. For another
    environment or checkout (a module it imported may have changed since), a new template
    replaces it, and the old one is closed as soon as no running task uses it.
    """
    global _template, _template_for
    from analysis.builder.kernel_fork import KernelForkServer

    wanted = (dict(env), key)
    with _template_lock:
        if _template is not None and (_template_for != wanted or not _template.alive()):
            _retire(_template)
            _template = None
        if _template is None:
            _template = KernelForkServer(env, config.preload, config.warm_up)
            _template_for = wanted
            _template_users[_template] = 0
        template = _template
        kernels.set_fork_server(template)
        _template_users[template] += 1
    try:
        yield
    finally:
        with _template_lock:
            _template_users[template] -= 1
            if template is not _template:
                _retire(template)


def _retire(template: KernelForkServer) -> None:
    """Close a replaced template once no running task uses it (it kills its kernels)."""
    if _template_users.get(template, 0) == 0:
        _template_users.pop(template, None)
        template.close()


def _worker_name() -> str:
    """The Dask worker's address, or this machine's name outside a worker."""
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return socket.gethostname()


@dataclass
class Relay:
    """Turns a build's jobs into `RemoteJob`s and their results back into outcomes.

    Attributes
    ----------
    extra_env
        The build's variables for every kernel (those of the validation hook).
    key
        The build's `checkout_key`.
    load_config
        What a worker calls to read its own checkout's configuration.
    """

    extra_env: Mapping[str, str]
    key: str
    load_config: Callable[[], BuildConfig]

    def send(self, job: ExecutionJob) -> RemoteJob:
        """The remote form of a local job; folders inside its working folder become relative."""
        workdir = Path(job.workdir)
        plain, folders = dict(self.extra_env), {}
        for variable, value in job.extra_env.items():
            path = Path(value)
            if path.is_absolute() and path.is_relative_to(workdir):
                folders[variable] = path.relative_to(workdir).as_posix()
            else:
                plain[variable] = value
        return RemoteJob(
            job.name, Path(job.source).read_bytes(), Path(job.source).name,
            Path(job.target).relative_to(workdir).as_posix(), dict(job.parameters), job.timeout,
            plain, folders, self.key, self.load_config,
        )  # fmt: skip

    def receive(self, job: ExecutionJob, future: Future[Any]) -> ExecutionOutcome:
        """Write a finished task's files into the job's folder; say how it ended."""
        try:
            result: RemoteResult = future.result()
        except Exception as exc:  # the worker died (Dask gave up on it) or the cluster went
            dead = type(exc).__name__ == "KilledWorker"
            status: Status = "dead" if dead else "failed"
            detail = line(f"the cluster could not run it ({type(exc).__name__}: {exc})")
            error = KernelDied(job.source, None, detail) if dead else ReportError(detail)
            return ExecutionOutcome(job, status, 0.0, error)
        try:
            _write_files(Path(job.workdir), result.files)
        except OSError as exc:
            if exc.errno not in WRITE_ERRNOS:
                raise
            return ExecutionOutcome(job, "io", result.seconds,
                                    ReportsFolderError.from_os_error(exc, job.target))  # fmt: skip
        status = "failed" if result.status == "io" else result.status
        return ExecutionOutcome(job, status, result.seconds, _local_error(result, job))


def _write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write a worker's files under `folder`; a path that would leave it is refused."""
    for name, data in files.items():
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ReportError(f"a worker sent a file outside its folder: {name!r}")
        path = folder.joinpath(*relative.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _local_error(result: RemoteResult, job: ExecutionJob) -> ReportError | None:
    """The worker's error, naming the build's own notebook and executed copy."""
    error = result.error
    if error is None:
        return None
    if isinstance(error, NotebookFailed):
        return NotebookFailed(job.source, error.cell_index, error.ename, error.evalue, job.target)
    if isinstance(error, CellTimeout):
        return CellTimeout(job.source, error.cell_index, error.timeout)
    if isinstance(error, KernelDied):
        return KernelDied(job.source, error.cell_index, f"{error.detail} on worker {result.worker}")
    text = str(error)
    return ReportError(text if result.worker in text else f"worker {result.worker}: {text}")


def line(text: object) -> str:
    """Text collapsed onto one line, for one line of stderr."""
    return " ".join(str(text).split())
