"""A build on a Dask cluster (a LocalCluster on 127.0.0.1) gives the bytes of a local build."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis.builder import pipeline
from analysis.builder.cluster import Cluster, connect
from analysis.cli import project_config
from analysis.errors import ReportError
from analysis.hashing import sha256_file
from tests.builder.test_build import GOOD
from tests.conftest import make_notebook

pytestmark = pytest.mark.slow

build_reports = functools.partial(pipeline.build_reports, config=project_config())


def _quiet(line: str) -> None:
    """Swallow progress lines in tests."""


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[Cluster]:
    """One worker process with two threads, as `dask worker` would start it."""
    from distributed import LocalCluster

    with LocalCluster(
        host="127.0.0.1",
        n_workers=1,
        threads_per_worker=2,
        processes=True,
        dashboard_address=None,
    ) as local:
        connected = connect(local.scheduler_address, project_config)
        try:
            yield connected
        finally:
            connected.close()
    # Starting worker processes left multiprocessing's resource tracker running as a child of
    # this process; other tests check that a build leaves no child behind.
    from multiprocessing import resource_tracker

    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        stop()


def _hashes(run_dir: Path) -> dict[str, str]:
    """Every output's sha256 as the run's manifest records it."""
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    return {record["path"]: record["sha256"] for record in manifest["build"]["outputs"]}


def test_a_dask_build_and_a_local_build_give_the_same_bytes(
    tmp_path: Path, dask_cluster: Cluster
) -> None:
    notebooks = [str(make_notebook(tmp_path / "nb", "good", *GOOD)), "04_fact_check"]
    on_dask = build_reports(notebooks, out=tmp_path / "dask", say=_quiet, cluster=dask_cluster)
    here = build_reports(notebooks, out=tmp_path / "local", say=_quiet)
    assert on_dask.exit_status == here.exit_status == 0
    assert on_dask.run_dir is not None
    assert here.run_dir is not None
    # manifest.json itself is left out: its `run` section (id, times, durations) is
    # run-specific by design; its `build` section, outputs included, must be equal.
    recorded = _hashes(on_dask.run_dir)
    assert recorded == _hashes(here.run_dir)
    assert {"good/figures/values.csv", "04_fact_check/04_fact_check.ipynb"} <= set(recorded)
    assert any(path.startswith("04_fact_check/figures/") for path in recorded)
    for path, digest in recorded.items():  # and the files are what the manifest says
        assert sha256_file(on_dask.run_dir / path) == digest, path
    build = [
        json.loads((run / "manifest.json").read_text(encoding="utf-8"))["build"]
        for run in (on_dask.run_dir, here.run_dir)
    ]
    assert build[0] == build[1]


def test_a_notebook_that_raises_on_a_worker_names_the_builds_own_files(
    tmp_path: Path, dask_cluster: Cluster
) -> None:
    broken = make_notebook(tmp_path / "nb", "broken", "n: int = 1  # a number\n", "1 / 0")
    warnings: list[str] = []
    result = build_reports([str(broken)], out=tmp_path / "out", say=_quiet,
                           warn=warnings.append, cluster=dask_cluster)  # fmt: skip
    assert result.exit_status == 1
    assert result.failed_dir is not None
    kept = result.failed_dir / "broken.ipynb"
    assert kept.is_file()
    line = next(w for w in warnings if w.startswith("broken"))
    assert f"{broken}: cell 3 raised ZeroDivisionError" in line
    assert str(kept) in line
    assert "report-remote-" not in line  # no path of the worker's
    assert not (tmp_path / "out" / "latest").exists()


def _act_on_workers(cluster: Cluster, local: object, how: str) -> None:
    """Once a task runs, kill every worker (its nanny does not restart it), freeze it or
    stop the scheduler."""
    import os
    import signal
    import time

    client = cluster.client
    deadline = time.monotonic() + 120
    while not any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    if how == "scheduler":
        local.close()  # type: ignore[attr-defined]
        return
    pids = client.run(os.getpid)
    for nanny in local.workers.values():  # type: ignore[attr-defined]
        nanny.close_gracefully()  # as if the nanny were killed too: nothing restarts
    for pid in pids.values():
        os.kill(pid, signal.SIGKILL if how == "kill" else signal.SIGSTOP)


@pytest.mark.parametrize(("how", "status"), [("kill", 8), ("stop", 4), ("scheduler", 8)])
def test_a_build_whose_workers_die_or_hang_ends_with_its_status_and_the_lock_released(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str, status: int
) -> None:
    import threading
    import time

    from distributed import LocalCluster

    from analysis.builder import runs, watch

    monkeypatch.setattr(watch, "NO_WORKER_SECONDS", 3.0)
    monkeypatch.setattr(watch, "GRACE_SECONDS", 3.0)
    slow = make_notebook(tmp_path / "nb", "slow", "seconds: float = 0.0  # a pause\n",
                         "import time\ntime.sleep(seconds)")  # fmt: skip
    out = tmp_path / "out"
    timeout, seconds = (2.0, 1.5) if how == "stop" else (60.0, 50.0)
    with LocalCluster(host="127.0.0.1", n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as local:  # fmt: skip
        connected = connect(local.scheduler_address, project_config)
        try:
            first = build_reports([str(slow)], out=out, say=_quiet, cluster=connected)
            assert first.exit_status == 0
            latest = (out / "latest").resolve()
            actor = threading.Thread(target=_act_on_workers, args=(connected, local, how))
            actor.start()
            warnings: list[str] = []
            started = time.monotonic()
            with pytest.raises(ReportError) as raised:
                build_reports([str(slow)], out=out, say=_quiet, warn=warnings.append,
                              cluster=connected, overrides={"seconds": seconds},
                              timeout=timeout)  # fmt: skip
            took = time.monotonic() - started
            actor.join()
        finally:
            connected.close()
    error = raised.value
    assert error.exit_status == status
    assert "\n" not in str(error)
    assert (local.scheduler_address if status == 8 else "worker tcp://") in str(error)
    # Bounded: the time to notice (no worker for NO_WORKER_SECONDS; or the notebook's two
    # code cells and the parameters cell at --timeout, plus the grace), a few checks more.
    bound = watch.NO_WORKER_SECONDS if status == 8 else 3 * timeout + watch.GRACE_SECONDS
    assert took < bound + 20
    assert (out / "latest").resolve() == latest  # unchanged
    assert not any((out / runs.STAGING).iterdir())
    with runs.locked(out, wait=False):  # released
        pass
