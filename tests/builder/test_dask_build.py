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
