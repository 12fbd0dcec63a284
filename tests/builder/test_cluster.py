"""`--executor dask`: every problem a user can cause is one line and an exit status, early."""

from __future__ import annotations

import socket
import sys
from concurrent.futures import Future
from pathlib import Path

import pytest

from analysis.builder import cluster, remote
from analysis.builder.execute import ExecutionJob
from analysis.cli import main, project_config
from tests.conftest import make_notebook


def _refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str]:
    """Run a build that must be refused before any kernel; its status and one line of stderr."""
    notebook = make_notebook(tmp_path / "nb", "tiny", "n: int = 1  # a number\n", "print(n)")
    before = sorted(tmp_path.rglob("*"))
    status = main(["build", str(notebook), "--out", str(tmp_path / "reports"), *args])
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert captured.out == ""
    assert sorted(tmp_path.rglob("*")) == before  # nothing written, not even --out
    return status, lines[0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--executor", "dask"], "--executor dask needs --scheduler ADDRESS"),
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler is only for --executor dask"),
        (["--executor", "local", "--scheduler", "tcp://h:1"], "only for --executor dask"),
        (["--executor", "dask", "--scheduler", "nothing://here"], "not a Dask address"),
        (["--executor", "dask", "--scheduler", "tcp://127.0.0.1:port"], "not a Dask address"),
    ],
)
def test_a_missing_or_misplaced_scheduler_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], words: str
) -> None:
    status, line = _refused(capsys, tmp_path, *args)
    assert status == 2
    assert words in line


def test_without_distributed_the_line_says_how_to_install_the_extra(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    status, line = _refused(capsys, tmp_path, "--executor", "dask", "--scheduler", "tcp://h:1")
    assert status == 2
    assert "distributed" in line
    assert ".[dask]" in line


def test_an_unreachable_scheduler_is_named_with_exit_status_8(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 0.5)
    address = f"tcp://127.0.0.1:{_free_port()}"
    status, line = _refused(capsys, tmp_path, "--executor", "dask", "--scheduler", address)
    assert status == 8
    assert f"cannot reach the Dask scheduler at {address}" in line


def test_a_scheduler_without_workers_is_refused_with_exit_status_8(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import LocalCluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 0.5)
    with LocalCluster(
        host="127.0.0.1", protocol="tcp", n_workers=0, processes=False, dashboard_address=None
    ) as empty:
        args = ("--executor", "dask", "--scheduler", empty.scheduler_address)
        status, line = _refused(capsys, tmp_path, *args)
    assert status == 8
    assert f"the Dask scheduler at {empty.scheduler_address} has no worker" in line


def _job(tmp_path: Path) -> ExecutionJob:
    notebook = make_notebook(tmp_path / "nb", "tiny", "n: int = 1  # a number\n", "print(n)")
    folder = tmp_path / "run" / "tiny"
    figures = folder / "figures"
    return ExecutionJob("tiny", notebook, folder / "tiny.ipynb", {"n": 2}, folder,
                        extra_env={"REPORT_FIGURES_DIR": str(figures)})  # fmt: skip


def test_a_job_ships_bytes_and_relative_folders_not_the_builds_paths(tmp_path: Path) -> None:
    relay = remote.Relay({"REPORT_VALIDATED": "abc"}, "key", project_config)
    job = _job(tmp_path)
    shipped = relay.send(job)
    assert shipped.notebook == job.source.read_bytes()
    assert shipped.target == "tiny.ipynb"
    assert shipped.folders == {"REPORT_FIGURES_DIR": "figures"}
    assert shipped.extra_env == {"REPORT_VALIDATED": "abc"}
    assert str(tmp_path) not in repr(shipped.__dict__ | {"notebook": b""})


def test_a_worker_whose_checkout_differs_refuses_in_one_line_naming_itself(
    tmp_path: Path,
) -> None:
    relay = remote.Relay({}, "0" * 64, project_config)  # not this checkout's key
    job = _job(tmp_path)
    result = remote.run_remote(relay.send(job))
    assert result.status == "failed"
    assert result.files == {}
    finished: Future[remote.RemoteResult] = Future()
    finished.set_result(result)
    outcome = relay.receive(job, finished)
    assert outcome.status == "failed"
    message = str(outcome.error)
    assert f"worker {socket.gethostname()} refused tiny" in message
    assert "differs from the build's" in message
    assert "\n" not in message
    assert not job.target.exists()


def test_a_worker_cannot_write_outside_the_jobs_folder(tmp_path: Path) -> None:
    relay = remote.Relay({}, "key", project_config)
    job = _job(tmp_path)
    finished: Future[remote.RemoteResult] = Future()
    finished.set_result(remote.RemoteResult("ok", 1.0, None, "w", {"../escape.txt": b"x"}))
    with pytest.raises(remote.ReportError, match="outside its folder"):
        relay.receive(job, finished)
    assert not (tmp_path / "run" / "escape.txt").exists()
