"""Executing notebooks with papermill: parameters, cwd, env, determinism, failures, parallelism."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from analysis.builder.determinism import kernel_environment
from analysis.builder.execute import ExecutionJob, ExecutionOutcome, execute_notebook
from analysis.builder.workers import execute_many
from analysis.errors import CellTimeout, KernelDied, NotebookFailed, ReportError
from tests.conftest import heavy_imports

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

pytestmark = pytest.mark.slow


def _kernels(process: psutil.Process | None = None) -> list[psutil.Process]:
    """Running kernels below `process` (default: this one): launched, or forked from a template."""
    found = []
    for child in (process or psutil.Process()).children(recursive=True):
        try:
            command = " ".join(child.cmdline())
            forked = "kernel_fork serve" in command and "kernel_fork serve" in " ".join(
                child.parent().cmdline()
            )
            if child.status() != psutil.STATUS_ZOMBIE and ("ipykernel" in command or forked):
                found.append(child)
        except (psutil.NoSuchProcess, AttributeError):
            pass
    return found


def _running(processes: list[psutil.Process]) -> list[psutil.Process]:
    """Those of `processes` that still run (not exited, not zombies)."""
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
        except psutil.NoSuchProcess:
            pass
    return alive


def _leftovers(folder: Path, keep: str) -> list[str]:
    """Files in `folder` other than `keep` (e.g. temporary copies not cleaned up)."""
    return sorted(path.name for path in folder.iterdir() if path.name != keep)


def test_import_does_not_load_papermill() -> None:
    assert heavy_imports("import analysis.builder.execute, analysis.builder.workers") == []


def test_kernel_environment_is_deterministic_and_leaves_os_environ_alone() -> None:
    before = dict(os.environ)
    env = kernel_environment({"REPORT_TEST_VALUE": "x", "TZ": "Europe/Tallinn"})
    assert env["PYTHONHASHSEED"] == "0"
    assert env["SOURCE_DATE_EPOCH"].isdigit()
    assert env["REPORT_TEST_VALUE"] == "x"
    assert env["TZ"] == "Europe/Tallinn"  # extra wins
    assert env["PATH"] == os.environ["PATH"]
    assert dict(os.environ) == before


def test_parameters_are_injected_and_kernel_runs_in_workdir_with_env(tmp_path: Path) -> None:
    cwd = Path.cwd()
    workdir = tmp_path / "work"
    target = tmp_path / "out" / "ok.ipynb"
    execute_notebook(
        NOTEBOOKS / "ok.ipynb",
        target,
        {"greeting": "hi", "repeat": 2},
        workdir=workdir,
        env=kernel_environment({"REPORT_TEST_VALUE": "from-env"}),
    )
    assert Path.cwd() == cwd  # no os.chdir() in this process
    assert (workdir / "ok-marker.txt").read_text(encoding="utf-8") == "hihi|from-env|0"
    nb = nbformat.read(target, as_version=4)
    tags = [cell.metadata.get("tags", []) for cell in nb.cells]
    injected = tags.index(["injected-parameters"])
    assert tags[injected - 1] == ["parameters"]
    assert 'greeting = "hi"' in nb.cells[injected].source
    assert "repeat = 2" in nb.cells[injected].source
    assert nb.metadata.papermill.parameters == {"greeting": "hi", "repeat": 2}
    outputs = [output for cell in nb.cells for output in cell.get("outputs", [])]
    assert {"name": "stdout", "output_type": "stream", "text": "hihi\n"} in outputs
    assert _leftovers(target.parent, "ok.ipynb") == []


@pytest.fixture(scope="module")
def sequential(tmp_path_factory: pytest.TempPathFactory) -> dict[int, bytes]:
    """ok.ipynb executed in this process with repeat=1 and repeat=2: the reference bytes."""
    folder = tmp_path_factory.mktemp("sequential")
    references = {}
    for repeat in (1, 2):
        target = folder / f"{repeat}.ipynb"
        parameters = {"greeting": "hi", "repeat": repeat}
        execute_notebook(NOTEBOOKS / "ok.ipynb", target, parameters, workdir=folder / "work")
        references[repeat] = target.read_bytes()
    return references


def test_same_inputs_give_byte_identical_notebooks(
    tmp_path: Path, sequential: dict[int, bytes]
) -> None:
    target = tmp_path / "elsewhere" / "nested" / "ok.ipynb"
    parameters = {"repeat": 2, "greeting": "hi"}  # another order than the reference's
    execute_notebook(NOTEBOOKS / "ok.ipynb", target, parameters, workdir=tmp_path / "w")
    assert target.read_bytes() == sequential[2]
    text = target.read_text(encoding="utf-8")
    for varying in ("start_time", "end_time", "duration", "input_path", '"execution"', "iopub"):
        assert varying not in text
    assert str(tmp_path) not in text
    assert text.endswith("}\n")


def test_failing_cell_raises_and_writes_the_copy_with_the_error_banner(tmp_path: Path) -> None:
    target = tmp_path / "out" / "broken.ipynb"
    with pytest.raises(NotebookFailed) as caught:
        execute_notebook(NOTEBOOKS / "broken.ipynb", target, {}, workdir=tmp_path)
    error = caught.value
    assert error.exit_status == 1
    assert (error.ename, error.evalue) == ("ValueError", "boom")
    assert error.cell_index == 2
    assert error.notebook == NOTEBOOKS / "broken.ipynb"
    assert error.executed == target
    assert "\n" not in str(error)
    assert "ValueError: boom" in str(error)
    nb = nbformat.read(target, as_version=4)
    banner = [c for c in nb.cells if "papermill-error-cell-tag" in c.metadata.get("tags", [])]
    assert len(banner) == 2
    assert nb.metadata.papermill.exception is True
    assert _kernels() == []
    assert _leftovers(target.parent, "broken.ipynb") == []


def test_slow_cell_raises_cell_timeout(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(CellTimeout) as caught:
        execute_notebook(
            NOTEBOOKS / "sleep.ipynb", tmp_path / "sleep.ipynb", {}, workdir=tmp_path, timeout=1
        )
    assert time.monotonic() - started < 20
    assert caught.value.exit_status == 3
    assert caught.value.cell_index == 1
    assert "\n" not in str(caught.value)
    assert _kernels() == []
    assert list(tmp_path.iterdir()) == []  # neither target nor temporary copy


def test_dying_kernel_raises_kernel_died(tmp_path: Path) -> None:
    with pytest.raises(KernelDied) as caught:
        execute_notebook(NOTEBOOKS / "die.ipynb", tmp_path / "die.ipynb", {}, workdir=tmp_path)
    assert caught.value.exit_status == 4
    assert caught.value.cell_index == 0
    assert _kernels() == []
    assert list(tmp_path.iterdir()) == []


def test_parallel_runs_succeed_and_match_sequential_runs(
    tmp_path: Path, sequential: dict[int, bytes]
) -> None:
    jobs = [
        ExecutionJob(
            f"job{n}",
            NOTEBOOKS / "ok.ipynb",
            tmp_path / "parallel" / f"{n}.ipynb",
            {"greeting": "hi", "repeat": 1 + n % 2},
            tmp_path / f"work{n}",
        )
        for n in range(4)
    ]
    reported: list[tuple[str, bool]] = []

    def on_done(outcome: ExecutionOutcome) -> None:
        reported.append((outcome.job.name, threading.current_thread() is threading.main_thread()))

    outcomes = execute_many(jobs, max_workers=2, on_done=on_done)

    assert [outcome.job for outcome in outcomes] == jobs
    assert [outcome.status for outcome in outcomes] == ["ok"] * 4
    assert all(outcome.error is None and outcome.seconds > 0 for outcome in outcomes)
    assert sorted(reported) == [(job.name, True) for job in jobs]
    for n, job in enumerate(jobs):
        assert job.target.read_bytes() == sequential[1 + n % 2]
    assert psutil.Process().children(recursive=True) == []  # workers and kernels are gone


def test_parallel_failures_come_back_as_outcomes(tmp_path: Path) -> None:
    def job(name: str, timeout: float | None = None) -> ExecutionJob:
        source, target = NOTEBOOKS / f"{name}.ipynb", tmp_path / f"{name}.ipynb"
        return ExecutionJob(name, source, target, {}, tmp_path, timeout=timeout)

    # (The dying kernel is left to the in-process test: each kernel costs a second or two.)
    outcomes = execute_many([job("broken"), job("sleep", timeout=1), job("missing")], max_workers=2)
    by_name = {outcome.job.name: outcome for outcome in outcomes}
    assert by_name["broken"].status == "failed"
    assert isinstance(by_name["broken"].error, NotebookFailed)
    assert by_name["broken"].error.ename == "ValueError"
    assert by_name["broken"].error.executed == tmp_path / "broken.ipynb"
    assert by_name["sleep"].status == "timeout"
    assert isinstance(by_name["sleep"].error, CellTimeout)
    assert by_name["sleep"].error.exit_status == 3
    assert by_name["missing"].status == "failed"
    assert isinstance(by_name["missing"].error, ReportError)
    assert "missing.ipynb" in str(by_name["missing"].error)
    assert psutil.Process().children(recursive=True) == []


_INTERRUPTED_RUN = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from analysis.builder.execute import ExecutionJob
    from analysis.builder.workers import execute_many
    notebooks, out = Path(sys.argv[1]), Path(sys.argv[2])
    jobs = [
        ExecutionJob(f"s{n}", notebooks / "sleep.ipynb", out / f"{n}.ipynb", {"seconds": 120}, out)
        for n in range(3)
    ]
    execute_many(jobs, max_workers=2)
    """
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_in_parent_stops_workers_and_kernels(tmp_path: Path, signum: int) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED_RUN, str(NOTEBOOKS), str(tmp_path)],
        stderr=subprocess.DEVNULL,
    )
    try:
        process = psutil.Process(parent.pid)
        deadline = time.monotonic() + 60
        while len(_kernels(process)) < 2:
            assert time.monotonic() < deadline, "kernels did not start"
            assert parent.poll() is None
            time.sleep(0.1)
        descendants = process.children(recursive=True)
        parent.send_signal(signum)
        status = parent.wait(timeout=20)
    finally:
        if parent.poll() is None:
            parent.kill()
    assert status == (128 + signal.SIGTERM if signum == signal.SIGTERM else -signal.SIGINT)
    deadline = time.monotonic() + 10
    while _running(descendants) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _running(descendants) == []
    assert list(tmp_path.glob("*.ipynb")) == []
