"""Run many `ExecutionJob`s through an executor, one fresh kernel each, and stop them all on demand.

The executor is the seam (`concurrent.futures.Executor`): by default a pool of threads of this
process, each driving one notebook's kernel (the kernels are processes; a thread only relays
messages), with the kernels forked from one template process that has imported the stack once
(kernel_fork.py). remote.py relays jobs to another executor: a Dask cluster's.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING, Any

from analysis.builder import kernels
from analysis.builder.determinism import kernel_environment
from analysis.builder.execute import ExecutionJob, ExecutionOutcome, run_job

if TYPE_CHECKING:
    from types import FrameType

    from analysis.builder.kernel_fork import KernelForkServer

Task = Callable[[ExecutionJob], ExecutionOutcome]
"""What an executor runs for one job: execute it (and perhaps more, such as rendering)."""

_POLL_SECONDS = 0.2
"""How often the waiting thread wakes up, so that signals are handled while it waits."""


def execute_many(
    jobs: Sequence[ExecutionJob],
    *,
    max_workers: int,
    on_done: Callable[[ExecutionOutcome], None] | None = None,
    preload: Sequence[str] = (),
    warm_up: Sequence[str] = (),
    task: Task | Callable[[Any], Any] = run_job,
    executor: Executor | None = None,
    prepare: Callable[[], object] | None = None,
    meanwhile: Callable[[], object] | None = None,
    template: KernelForkServer | None = None,
    send: Callable[[ExecutionJob], Any] | None = None,
    receive: Callable[[ExecutionJob, Future[Any]], ExecutionOutcome] | None = None,
    watch: Callable[[], object] | None = None,
) -> list[ExecutionOutcome]:
    """Execute notebooks, up to `max_workers` at once, one fresh kernel per notebook.

    Parameters
    ----------
    jobs
        The notebooks to run; their targets should differ. With the local pool, the first
        job's base environment is the one the kernel template starts with.
    max_workers
        How many notebooks may run at once (local pool).
    on_done
        Called in this thread with each outcome as soon as it is known. If it raises, the
        remaining jobs are abandoned and the exception propagates.
    preload, warm_up
        Modules the local kernel template imports once, and `module:function` names it calls
        once after them (to fill caches its kernels inherit).
    task
        What runs for each job (default `run_job`); it runs where the executor runs it.
    executor
        Run the tasks there instead of in a local pool of threads; the caller owns it.
    prepare
        Called in this thread once the kernel template has started and before the jobs are
        submitted: work (such as imports the caller needs later) that can overlap the
        template's own imports.
    meanwhile
        Called in this thread right after the jobs are submitted: work the caller needs
        later that can overlap the template's warm-up and the kernels' start. It should
        import nothing new (`prepare` is the place for that): the jobs' threads run by then.
    template
        A kernel template the caller started (and stops) earlier, instead of a new one;
        `preload` and `warm_up` are then the caller's business.
    send, receive
        For an executor elsewhere (remote.py): what the task is given for a job (default: the
        job), and how a finished task's future becomes the job's outcome in this process
        (default: its result).
    watch
        Called in this thread each time the wait wakes up (every `_POLL_SECONDS`): what it
        raises abandons the remaining jobs, like an exception of `on_done` (watch.py's
        `Watch` raises when the cluster can no longer finish them).

    Returns
    -------
    list[ExecutionOutcome]
        One per job, in the order of `jobs`. A failing notebook does not stop the others.

    Notes
    -----
    KeyboardInterrupt and SIGTERM (while this runs in the main thread with SIGTERM's default
    handler) kill the kernels this process started and the template, then propagate (SIGTERM
    as SystemExit(143)). If this process is killed outright, the template notices that its
    parent is gone and kills the kernels it forked.
    """
    if max_workers < 1:
        raise ValueError(f"max_workers must be at least 1, not {max_workers}")
    if not jobs:
        return []
    outcomes: list[ExecutionOutcome | None] = [None] * len(jobs)
    pool_of = functools.partial(_local_pool, jobs, max_workers, preload, warm_up, template)
    with _sigterm_as_exit(), pool_of(executor) as pool:
        if prepare is not None:
            prepare()
        futures: dict[Future[Any], int] = {
            pool.submit(task, send(job) if send else job): index for index, job in enumerate(jobs)
        }
        try:
            if meanwhile is not None:
                meanwhile()
            for future in _as_completed(futures, watch):
                index = futures[future]
                outcome = receive(jobs[index], future) if receive else future.result()
                outcomes[index] = outcome
                if on_done is not None:
                    on_done(outcome)
        except BaseException:
            for future in futures:
                future.cancel()
            kernels.kill_live_kernels()
            raise
    return [outcome for outcome in outcomes if outcome is not None]


def _as_completed(
    futures: Mapping[Future[Any], int], watch: Callable[[], object] | None = None
) -> Iterator[Future[Any]]:
    """Futures as they finish; waits in short steps so that this thread can take signals,
    and calls `watch` after each step."""
    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
        yield from sorted(done, key=futures.__getitem__)
        if pending and watch is not None:
            watch()


@contextlib.contextmanager
def _local_pool(
    jobs: Sequence[ExecutionJob],
    max_workers: int,
    preload: Sequence[str],
    warm_up: Sequence[str],
    template: KernelForkServer | None,
    executor: Executor | None,
) -> Iterator[Executor]:
    """The given executor, or threads of this process with a kernel template beside them."""
    if executor is not None:
        yield executor
        return
    from analysis.builder.kernel_fork import KernelForkServer

    first = jobs[0].env
    env = dict(first) if first is not None else kernel_environment()
    server = template if template is not None else KernelForkServer(env, preload, warm_up)
    kernels.set_fork_server(server)
    pool = ThreadPoolExecutor(min(max_workers, len(jobs)), thread_name_prefix="report-job")
    try:
        yield pool
    except BaseException:
        # Kill the kernels first: a thread still driving one then ends within a second.
        pool.shutdown(wait=False, cancel_futures=True)
        kernels.kill_live_kernels()
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        kernels.set_fork_server(None)
        if template is None:
            server.close()


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
