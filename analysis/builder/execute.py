"""Execute one notebook with papermill in a fresh kernel, and write a deterministic copy.

`run_job` is the unit of work: one `ExecutionJob` in, one `ExecutionOutcome` out, both plain
data. `workers.execute_many` submits it to an executor: by default threads of the build
process, whose kernels are forked from the build's template; a Dask worker runs it through
remote.py.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import math
import os
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from analysis.builder import kernels
from analysis.builder.determinism import kernel_environment, write_deterministic
from analysis.builder.stack import skip_iri_grammars
from analysis.errors import (
    CellTimeout,
    KernelDied,
    NotebookFailed,
    ReportError,
    ReportsFolderError,
)

Status = Literal["ok", "failed", "timeout", "dead", "io"]


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
        The kernel's base environment, shared by the jobs of a build; None means
        `kernel_environment()`.
    timeout
        Seconds each cell may run (rounded up to whole seconds); None means no limit.
    extra_env
        Variables added for this job only (e.g. its figures folder).
    """

    name: str
    source: Path
    target: Path
    parameters: Mapping[str, object]
    workdir: Path
    env: Mapping[str, str] | None = None
    timeout: float | None = None
    extra_env: Mapping[str, str] = field(default_factory=dict)


@dataclass
class ExecutionOutcome:
    """How one job ended.

    Attributes
    ----------
    job
        The job.
    status
        "ok", "failed" (a cell raised, or the job could not start), "timeout", "dead" or
        "io" (a file could not be written: a full disk, a read-only folder).
    seconds
        Wall time the execution took, in the process that ran it.
    error
        The error for any status but "ok".
    """

    job: ExecutionJob
    status: Status
    seconds: float
    error: ReportError | None = None


WRITE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EIO, errno.EACCES, errno.EPERM}
)
"""Errors of a write that the disk or the folder refused: status "io", not a notebook's fault."""

# papermill hands its logger to nbclient, which logs a timeout or a dead kernel there; with no
# handler Python's last resort prints it on stderr, beside the one line the build writes for
# the same failure. A scheduled run's stderr should hold that line only.
logging.getLogger("papermill").addHandler(logging.NullHandler())


def run_job(job: ExecutionJob) -> ExecutionOutcome:
    """Execute one job and say how it ended; never raises for a notebook's own failure."""
    started = time.monotonic()
    error: ReportError | None = None
    status: Status = "ok"
    try:
        _run_or_io(job)
    except NotebookFailed as exc:
        status, error = "failed", exc
    except CellTimeout as exc:
        status, error = "timeout", exc
    except KernelDied as exc:
        status, error = "dead", exc
    except ReportsFolderError as exc:
        status, error = "io", exc
    except Exception as exc:  # e.g. a missing notebook, a kernel that would not start
        status = "failed"
        error = ReportError(" ".join(f"{job.source}: {type(exc).__name__}: {exc}".split()))
    return ExecutionOutcome(job, status, time.monotonic() - started, error)


def _run_or_io(job: ExecutionJob) -> None:
    """Execute a job; a write the disk or folder refused becomes a `ReportsFolderError`."""
    try:
        execute_notebook(
            job.source, job.target, job.parameters, workdir=job.workdir, env=job.env,
            extra_env=job.extra_env, timeout=job.timeout,
        )  # fmt: skip
    except OSError as exc:
        if exc.errno not in WRITE_ERRNOS:
            raise
        raise ReportsFolderError.from_os_error(exc, job.target) from None


def execute_notebook(
    source: Path,
    target: Path,
    parameters: Mapping[str, object],
    *,
    workdir: Path,
    env: Mapping[str, str] | None = None,
    extra_env: Mapping[str, str] | None = None,
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
        The kernel's base environment; None means `kernel_environment()`.
    extra_env
        Variables added for this notebook only.
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
    skip_iri_grammars()
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
    kernels.PARTIAL_FILES.add(partial)
    launched: list[kernels.Kernel] = []
    running: list[int] = []  # the index of each code cell nbclient sent to the kernel
    try:
        papermill.execute_notebook(
            _format_literal(source),
            _format_literal(partial),
            # Sorted, so that the injected cell does not depend on the caller's dict order.
            {name: parameters[name] for name in sorted(parameters)},
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
            # Write the copy once, not (deep copy, validation, JSON) as each cell starts and
            # ends: papermill writes it when the notebook is done or a cell raised; after a
            # timeout or a dead kernel nobody reads it.
            request_save_on_cell_execute=False,
            # What follows is not papermill's: NBClientEngine hands unknown keywords on to
            # PapermillNotebookClient, i.e. to nbclient.NotebookClient's traits.
            execution_timeout=None if timeout is None else max(1, math.ceil(timeout)),
            # No `metadata.execution` timestamps in the cells.
            record_timing=False,
            # Which cell was running when a timeout or a dead kernel broke execution off.
            on_cell_execute=lambda cell_index, **_: running.append(cell_index),
            # Once the last cell is done (its outputs all received), the kernel is killed
            # rather than asked to shut down: it has nothing to save, and a clean shutdown
            # took 60 ms more at the end of every notebook.
            shutdown_kernel="immediate",
            # NotebookClient.async_start_new_kernel() passes resources['metadata']['path'] as
            # cwd= to KernelManager.start_kernel(). papermill's own cwd= would os.chdir() the
            # whole process instead, which breaks every other thread and relative path.
            resources={"metadata": {"path": str(workdir)}},
            # start_kernel(env=...) is the only way to give a kernel its environment, and
            # nothing passes keywords down to it, so a subclass adds them.
            kernel_manager_class=kernels.kernel_manager_class(
                kernel_env, extra_env or {}, launched
            ),
        )
    except PapermillExecutionError as exc:
        write_deterministic(partial, target, source_ids)
        raise NotebookFailed(source, exc.cell_index, exc.ename, exc.evalue, target) from None
    except CellTimeoutError:
        raise CellTimeout(source, next(reversed(running), None), float(timeout or 0)) from None
    except DeadKernelError:
        raise KernelDied(source, next(reversed(running), None)) from None
    else:
        write_deterministic(partial, target, source_ids)
    finally:
        for kernel in launched:
            kernel.kill()
        partial.unlink(missing_ok=True)
        kernels.PARTIAL_FILES.discard(partial)
        _close_event_loop()


def _close_event_loop() -> None:
    """Cancel what nbclient left pending in this thread's event loop (after a timeout), close it.

    nbclient runs in an event loop of the calling thread; a loop dropped with a task pending
    makes Python print "Task was destroyed but it is pending!" at exit. The next notebook
    run in this thread gets a new loop.
    """
    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        return
    if loop.is_running() or loop.is_closed():
        return
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()


def _format_literal(path: Path) -> str:
    """Escape braces: papermill formats paths with the parameters (`str.format`)."""
    return str(path).replace("{", "{{").replace("}", "}}")
