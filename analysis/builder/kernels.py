"""Kernel processes of one executing process: start them (forked when possible), kill them.

A build keeps one template process (kernel_fork.py) from which kernels are forked; this
module decides when a fork gives a kernel exactly the environment it asked for, starts each
kernel on IPC sockets in a private folder, and keeps track of what a stopping process must
kill or remove: its live kernels and the partial notebook copies being written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analysis.builder.kernel_fork import KernelForkServer

KILL_GRACE_SECONDS = 5.0
"""How long a kernel may take to stop before it is killed."""


@dataclass(eq=False)
class Kernel:
    """A kernel process we started, to kill if it outlives its notebook."""

    process: subprocess.Popen[bytes]
    connection_file: str
    ipc_dir: str | None = None

    def kill(self) -> None:
        """Kill the kernel's process group if the kernel still runs, and drop its files."""
        LIVE_KERNELS.discard(self)
        if self.process.poll() is None:
            # jupyter_client starts kernels with start_new_session=True: the group is theirs.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=KILL_GRACE_SECONDS)
        if self.connection_file:
            Path(self.connection_file).unlink(missing_ok=True)
        if self.ipc_dir:
            shutil.rmtree(self.ipc_dir, ignore_errors=True)


KERNEL_OPTIONS = ("--HistoryManager.enabled=False",)
"""ipykernel options of a build's kernels: no input history written to the user's IPython
profile (a side effect of a scheduled run, and a shared SQLite file that concurrent kernels
would contend for, or fail to write on a full disk)."""

_EXIT_POLL_SECONDS = 0.01
"""How often a stopping kernel is checked for having exited."""

LIVE_KERNELS: set[Kernel] = set()
"""Kernels of this process that may still run; killed when the process is told to stop."""

PARTIAL_FILES: set[Path] = set()
"""Temporary notebook copies being written; removed when the process is told to stop."""

_fork_server: KernelForkServer | None = None
"""During a build: the template process that forks warmed-up kernels (see kernel_fork.py)."""


def set_fork_server(server: KernelForkServer | None) -> None:
    """Use `server` to fork this process's kernels from now on (None: launch them plainly)."""
    global _fork_server
    _fork_server = server


def _fork_server_for(env: Mapping[str, str]) -> KernelForkServer | None:
    """The template, when it runs and was started with exactly `env`.

    The template's environment was fixed when its interpreter started (hash seed, paths,
    thread counts); a kernel whose base environment differs is launched normally. Variables
    added per notebook (`extra_env`) are taken over by the forked kernel.
    """
    server = _fork_server
    if server is None or not server.alive():
        return None
    return server if server.env == dict(env) else None


def kernel_manager_class(
    env: Mapping[str, str], extra_env: Mapping[str, str], launched: list[Kernel]
) -> type:
    """An AsyncKernelManager that starts its kernel with `env | extra_env` and records it.

    When this process has a template whose environment is `env`, the kernel is forked from
    it instead of started from scratch: a new, empty kernel that finds the preloaded
    modules already imported.
    """
    from jupyter_client.manager import AsyncKernelManager

    server = _fork_server_for(env)
    whole = {**env, **extra_env}

    class _ReportKernelManager(AsyncKernelManager):
        async def _async_interrupt_kernel(self) -> None:
            # jupyter_client interrupts (SIGINT) a kernel before asking it to shut down. An
            # idle kernel that is just then advancing its event loop or handling a message
            # logs "KeyboardInterrupt caught in kernel" on stderr, in about one run in four.
            # A kernel of ours is idle when it is shut down: there is nothing to interrupt.
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

        async def _async_wait(self, pollinterval: float = 0.1) -> None:
            # jupyter_client polls a stopping kernel every 0.1 s: on average 50 ms between
            # the kernel's exit and the notebook's end, on the path of the build's last one.
            await super()._async_wait(pollinterval=min(pollinterval, _EXIT_POLL_SECONDS))

        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            command: list[str] = super().format_kernel_cmd(extra_arguments)
            if not any("ipykernel" in part for part in command):
                return command  # another language's kernel: started as its spec says
            if server is not None:
                command = server.launch_command(os.path.realpath(self.connection_file))
            return [*command, *KERNEL_OPTIONS]

        # AsyncKernelManager.start_kernel is a coroutine function; its base class's is not.
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            kw["env"] = dict(whole)
            # IPC sockets in a private folder rather than TCP ports: kernels started at once
            # can never race for a port, and ipykernel has no plain-TCP warning to print.
            ipc_dir = tempfile.mkdtemp(prefix="report-kernel-")
            self.transport = "ipc"
            self.ip = str(Path(ipc_dir) / "kernel")
            await super().start_kernel(**kw)
            process = getattr(self.provisioner, "process", None)
            if process is not None:
                kernel = Kernel(process, self.connection_file, ipc_dir)
                launched.append(kernel)
                LIVE_KERNELS.add(kernel)

    return _ReportKernelManager


def kill_live_kernels() -> None:
    """Kill every kernel this process started that still runs, and drop partial copies."""
    for kernel in list(LIVE_KERNELS):
        kernel.kill()
    for partial in list(PARTIAL_FILES):
        partial.unlink(missing_ok=True)
