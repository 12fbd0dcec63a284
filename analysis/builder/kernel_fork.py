"""Start fresh kernels in milliseconds by forking them from a process that has imported the stack.

Every notebook gets a new kernel process with an empty namespace, as papermill's own
launch gives it; what it is spared is the 2-3 s each kernel spends importing ipykernel and
the libraries its notebooks use before its first cell can run. A build
starts one template process (`serve`), which imports them once (ipykernel's own, plus the
modules the project's configuration names under `preload`), calls its `warm-up` functions
(which fill caches, such as data read or fonts loaded, that the forks inherit) and then
forks a kernel for each request. jupyter_client launches `launch`, a small stand-in that asks the
template for a kernel and stays alive as long as it runs: jupyter_client's signals,
interrupts and kills reach the kernel through it, and the template kills any kernel whose
stand-in is gone.

Only standard-library modules are imported at module level: the stand-in must start fast.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

KERNEL_MODULES = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "IPython.display",
    "matplotlib_inline.backend_inline",
    # What `IPKernelApp.initialize` imports on top (its debugger is debugpy's pydevd):
    # measured as 0.14 s of each kernel's start.
    "ipykernel.debugger",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.oinspect",
    "IPython.extensions.storemagic",
    "tornado.locks",
    "tornado.platform.asyncio",
    "tornado.queues",
)
"""Modules every template imports once, so that forked kernels find them loaded."""

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
"""The matplotlib backend ipykernel gives a kernel when MPLBACKEND names none."""

_POLL_SECONDS = 0.1
_CONNECT_SECONDS = 60.0


# The build's side ---------------------------------------------------------------------------


class KernelForkServer:
    """A template process, started with `env`, that forks kernels on request over a socket.

    It imports `KERNEL_MODULES` and then `preload` (a module that fails to import is left
    out: the kernel imports it itself, and reports the error there), then calls each
    `module:function` of `warm_up` without arguments, to fill caches that every kernel it
    forks inherits (a function that fails is skipped: the kernel does that work itself).

    With `configure_later`, the template imports and then waits for `configure(extra)`
    before it warms up and forks: a build starts it while it still validates its data, and
    hands it the variables the validation gives (the warm-up reads that data).
    """

    def __init__(
        self,
        env: Mapping[str, str],
        preload: Sequence[str] = (),
        warm_up: Sequence[str] = (),
        *,
        configure_later: bool = False,
    ) -> None:
        self.env = dict(env)
        options = {"preload": list(preload), "warm_up": list(warm_up), "configure": configure_later}
        self.folder = tempfile.mkdtemp(prefix="report-fork-")
        self.socket_path = str(Path(self.folder) / "fork.sock")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "analysis.builder.kernel_fork",
                "serve",
                self.socket_path,
                json.dumps(options),
            ],
            env=self.env,
            cwd=self.folder,
            stdin=subprocess.PIPE if configure_later else subprocess.DEVNULL,
        )

    def __enter__(self) -> KernelForkServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def configure(self, extra: Mapping[str, str]) -> None:
        """Add `extra` to the template's environment and let it warm up and fork."""
        self.env.update(extra)
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):  # a template that died is noticed by alive()
                self.process.stdin.write((json.dumps(dict(extra)) + "\n").encode())
                self.process.stdin.close()

    def launch_command(self, connection_file: str) -> list[str]:
        """The command jupyter_client runs in place of `python -m ipykernel_launcher -f ...`.

        The stand-in needs only the standard library: it runs this file as a script in
        isolated mode without `site` (`-I -S`), which starts in a fifth of the time of
        `-m analysis.builder.kernel_fork` (no site-packages, no package `__init__`).
        """
        return [
            sys.executable, "-I", "-S", str(Path(__file__).resolve()), "launch", self.socket_path,
            "-f", connection_file,
        ]  # fmt: skip

    def alive(self) -> bool:
        """Whether the template still runs (it may have failed to import the stack)."""
        return self.process.poll() is None

    def close(self) -> None:
        """Stop the template (it kills the kernels it forked) and remove its folder."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with contextlib.suppress(OSError):
            Path(self.socket_path).unlink(missing_ok=True)
            Path(self.folder).rmdir()


def start_template(preload: Sequence[str] = (), warm_up: Sequence[str] = ()) -> KernelForkServer:
    """A build's template, started now with the kernels' environment, to `configure` later.

    A build starts it as soon as it knows a notebook will execute: with `--force`, before it
    imports its own modules and plans.
    """
    from analysis.builder.determinism import kernel_environment

    return KernelForkServer(kernel_environment(), preload, warm_up, configure_later=True)


# The template -------------------------------------------------------------------------------


def serve(
    socket_path: str,
    preload: Sequence[str] = (),
    warm_up: Sequence[str] = (),
    configure: bool = False,
) -> int:
    """Import the stack, warm it up, then fork a kernel per request until the parent goes.

    With `configure`, wait after the imports for one JSON line on stdin: variables to add to
    the environment before the warm-up (end of file: the build gave up; exit).
    """
    import importlib

    parent = os.getppid()
    # Listen first: a stand-in that comes early waits in the backlog, not in vain.
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(socket_path)
    server.listen(8)
    if sys.path and sys.path[0] in ("", str(Path.cwd())):
        sys.path.pop(0)  # a kernel puts its own working folder there
    # debugpy warns on stderr at import that frozen modules may hide breakpoints; a kernel
    # started by Jupyter prints that into its own log, the template into the build's. Each
    # forked kernel takes its whole environment from its request, so this stays here.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # What ipykernel does before a kernel's first cell, done before matplotlib is imported
    # here, since matplotlib reads it once, at import: pyplot's figures go to the notebook.
    if not os.environ.get("MPLBACKEND"):
        os.environ["MPLBACKEND"] = INLINE_BACKEND
    for module in (*KERNEL_MODULES, *preload):
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    line = sys.stdin.readline() if configure else "{}"
    stopping = not line  # end of file: the build stopped before it configured us
    if not stopping:
        os.environ.update({str(k): str(v) for k, v in json.loads(line).items()})
        for name in warm_up:
            module, _, function = name.partition(":")
            with contextlib.suppress(Exception):
                getattr(importlib.import_module(module), function)()
    # What the template holds now lives as long as it does: take it out of the collector's
    # reach (gc.freeze), so that a kernel's collections neither scan it nor, by touching
    # each object, copy the template's memory page by page into the kernel.
    gc.freeze()
    kernels: dict[int, int] = {}  # kernel pid -> stand-in pid

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while not stopping and os.getppid() == parent:
        ready, _, _ = select.select([server], [], [], _POLL_SECONDS)
        if ready:
            connection, _ = server.accept()
            with connection:
                request = json.loads(connection.makefile("r", encoding="utf-8").readline())
                pid = os.fork()
                if pid == 0:
                    server.close()
                    connection.close()
                    _become_kernel(request)  # never returns
                kernels[pid] = int(request["stand_in"])
                connection.sendall(f"{pid}\n".encode())
        _reap(kernels)
    for pid in kernels:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _reap(kernels)
    server.close()
    with contextlib.suppress(OSError):  # however the build ended, leave no folder behind
        Path(socket_path).unlink()
        Path(socket_path).parent.rmdir()
    return 0


def _reap(kernels: dict[int, int]) -> None:
    """Collect exited kernels; kill those whose stand-in has died (SIGKILL reaches only it)."""
    for pid, stand_in in list(kernels.items()):
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished:
            del kernels[pid]
        elif not _running(stand_in):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _become_kernel(request: Mapping[str, object]) -> None:
    """In the forked child: take the stand-in's place, directory and environment; run."""
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.chdir(str(request["cwd"]))
        environment = request["env"]
        assert isinstance(environment, dict)
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in environment.items()})
        time.tzset()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        # ipykernel read JPY_PARENT_PID when the template imported it; name the real parent
        # (the template) so that the kernel's parent poller ends it if the template dies.
        argv = [*request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"]  # type: ignore[misc]
        app.initialize(argv)
        _show_figures_inline()
        app.start()
        code = 0
    finally:
        os._exit(code)


def _show_figures_inline() -> None:
    """Hook matplotlib's inline backend into this kernel, as a kernel Jupyter starts has it.

    matplotlib_inline hooks itself into a kernel (figure formatters, and showing the open
    pyplot figures at the end of each cell) when it is first imported as the backend while
    the kernel runs. The template imported it before any kernel existed, so that hook found
    none: run it now that there is one. Without it a notebook's own `plt.plot(...)` or
    seaborn figure would show in JupyterLab and vanish from its page.
    """
    if "matplotlib_inline.backend_inline" in sys.modules:
        from matplotlib_inline.backend_inline import _enable_matplotlib_integration

        _enable_matplotlib_integration()


# The stand-in -------------------------------------------------------------------------------


def launch(socket_path: str, argv: Sequence[str]) -> int:
    """Ask the template for a kernel, relay signals to it, and live exactly as long as it."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        deadline = time.monotonic() + _CONNECT_SECONDS
        while True:  # the template may still be starting
            try:
                client.connect(socket_path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(_POLL_SECONDS)
        request = {"argv": list(argv), "cwd": str(Path.cwd()), "env": dict(os.environ),
                   "stand_in": os.getpid()}  # fmt: skip
        client.sendall((json.dumps(request) + "\n").encode())
        kernel = int(client.makefile("r", encoding="utf-8").readline())

    def relay(signum: int, frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(kernel, signum)
        if signum == signal.SIGTERM:
            raise SystemExit(128 + signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT, signal.SIGUSR1):
        signal.signal(signum, relay)
    _wait_for_exit(kernel)
    return 0


def _wait_for_exit(pid: int) -> None:
    """Return when `pid` (not our child) has ended: at once through a pidfd, else by polling."""
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):  # before Linux 5.3, or already gone
        while _running(pid):
            time.sleep(_POLL_SECONDS)
        return
    try:
        select.select([handle], [], [])  # readable once the process has terminated
    finally:
        os.close(handle)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return _state(pid) != "Z"


def _state(pid: int) -> str:
    """A process's state letter from /proc ('Z' for a zombie), or '' when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[0]


def main(argv: Sequence[str]) -> int:
    """`serve SOCKET {"preload": [...], "warm_up": [...]}` or `launch SOCKET -f CONNECTION_FILE`."""
    command, socket_path, *rest = argv
    if command == "serve":
        options = json.loads(rest[0]) if rest else {}
        code = serve(socket_path, options.get("preload", ()), options.get("warm_up", ()),
                     bool(options.get("configure")))  # fmt: skip
        # The template has cleaned up and holds nothing to flush; tearing down an interpreter
        # that imported the whole stack takes most of a second the build would wait for.
        sys.stderr.flush()
        os._exit(code)
    return launch(socket_path, rest)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
