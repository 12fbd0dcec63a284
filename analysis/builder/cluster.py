"""Connect to a Dask scheduler, and run a build's notebooks as tasks on its workers.

`connect` says in one line why it cannot (no `distributed`, not an address, no scheduler
answering, no worker); a `Cluster` gives `execute_many` the executor and the relay
(remote.py) that ship each job to a worker and write its files back here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.builder.config import BuildConfig
from analysis.builder.execute import ExecutionJob, ExecutionOutcome
from analysis.builder.remote import Relay, checkout_key, line, run_remote
from analysis.builder.watch import Watch, named_executor
from analysis.errors import ClusterError, ParameterError

CONNECT_SECONDS = 5.0
"""How long to wait for the scheduler to answer, and then for a first worker to join it."""

INSTALL_HINT = "pip install -e '.[dask]' (or the lock: pip install -r requirements.lock)"
"""How to get `distributed`, for the message when it is missing."""


@dataclass
class Cluster:
    """A connection to a Dask scheduler, and the executor that submits tasks to it."""

    address: str
    client: Any
    load_config: Callable[[], BuildConfig]
    restore_logging: Callable[[], None] = lambda: None

    def run_options(
        self, config: BuildConfig, extra_env: Mapping[str, str], render: Callable[[Path], None]
    ) -> dict[str, Any]:
        """`execute_many`'s arguments that run each job of a build of `config` on the cluster.

        Its kernels get `extra_env`; `render` is called here with each executed notebook
        written back, as a local run renders in its thread. A `Watch` (watch.py) checks the
        cluster while the build waits, and ends the build when the cluster cannot finish it.
        """
        relay = Relay(dict(extra_env), checkout_key(config), self.load_config)
        watch = Watch(self.address, self.client)
        executor: Executor = named_executor(self.client, watch)

        def receive(job: ExecutionJob, future: Future[Any]) -> ExecutionOutcome:
            if future.cancelled():  # by Dask, when the connection to the scheduler was lost
                watch(now=True)
            outcome = relay.receive(job, future)
            if outcome.status == "ok":
                render(Path(job.target))
            return outcome

        return {"executor": executor, "task": run_remote, "send": relay.send,
                "receive": receive, "watch": watch}  # fmt: skip

    def close(self) -> None:
        """Close the connection (pending tasks of this client are released)."""
        try:
            self.client.close()
        finally:
            self.restore_logging()


def connect(
    address: str, load_config: Callable[[], BuildConfig], timeout: float | None = None
) -> Cluster:
    """Connect to the Dask scheduler at `address` and wait for a worker, or say why not.

    Parameters
    ----------
    address
        The scheduler's address, such as `tcp://127.0.0.1:8786`.
    load_config
        A function, importable on the workers, that returns their checkout's configuration.
    timeout
        Seconds to wait for the scheduler, then as long again for a worker (default:
        `CONNECT_SECONDS`).

    Raises
    ------
    analysis.errors.ParameterError
        `distributed` is not installed, or `address` is not an address (exit status 2).
    ClusterError
        The scheduler does not answer, or has no worker (exit status 8).
    """
    try:
        import distributed
    except ImportError:
        raise ParameterError(
            f"--executor dask needs the package distributed, which is not installed: {INSTALL_HINT}"
        ) from None
    _check_address(address)
    timeout = CONNECT_SECONDS if timeout is None else timeout
    restore = _quiet_logging()
    try:
        try:
            client = distributed.Client(address, timeout=timeout, set_as_default=False)
        except OSError as exc:
            raise ClusterError(
                line(f"cannot reach the Dask scheduler at {address} within {timeout:g} s ({exc})")
            ) from None
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (TimeoutError, OSError):
            client.close()
            raise ClusterError(
                f"the Dask scheduler at {address} has no worker (waited {timeout:g} s)"
            ) from None
    except BaseException:
        restore()
        raise
    return Cluster(address, client, load_config, restore)


def _quiet_logging() -> Callable[[], None]:
    """Silence `distributed`'s loggers while connected; return what restores their levels.

    A lost scheduler or worker is logged by the client with a traceback; the build says it
    in one line of its own (watch.py).
    """
    import logging

    known = logging.root.manager.loggerDict
    names = ["distributed", *sorted(name for name in known if name.startswith("distributed."))]
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)

    def restore() -> None:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)

    return restore


def _check_address(address: str) -> None:
    """Refuse what is not a Dask address (unknown scheme, bad port) before connecting."""
    from distributed.comm import registry
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        registry.get_backend(scheme)
        if scheme in ("tcp", "tls"):
            parse_host_port(location, 8786)
    except (ValueError, TypeError) as exc:
        raise ParameterError(line(f"--scheduler {address}: not a Dask address ({exc})")) from None
