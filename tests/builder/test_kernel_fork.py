"""Kernels forked from a warmed-up template are fresh, get their own folder and environment."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import pytest

from analysis.builder.determinism import kernel_environment
from analysis.builder.execute import ExecutionJob
from analysis.builder.workers import execute_many
from tests.conftest import make_notebook

pytestmark = pytest.mark.slow

PROBE = (
    "import json, os, sys\n"
    "leftover = 'marker' in globals()\n"
    "marker = True\n"
    "report = {'pandas_preloaded': 'pandas' in sys.modules, 'leftover': leftover,\n"
    "          'cwd': os.getcwd(), 'label': os.environ.get('REPORT_LABEL'),\n"
    "          'hashseed': os.environ.get('PYTHONHASHSEED'), 'tz': os.environ.get('TZ')}\n"
    "open('probe.json', 'w').write(json.dumps(report))\n"
)


def test_each_notebook_gets_a_fresh_forked_kernel_with_its_folder_and_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A private temporary folder: other builds on the machine make templates' folders too.
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    notebook = make_notebook(tmp_path / "nb", "probe", "n: int = 0  # a number", PROBE)
    jobs = [
        ExecutionJob(
            name=f"probe{n}", source=notebook, target=tmp_path / f"out{n}" / "probe.ipynb",
            parameters={"n": n}, workdir=tmp_path / f"work{n}",
            env=kernel_environment(), extra_env={"REPORT_LABEL": f"job-{n}"},
        )
        for n in range(3)
    ]  # fmt: skip
    before = set(Path(tempfile.gettempdir()).glob("report-fork-*"))
    # One worker: the kernels share a template.
    outcomes = execute_many(jobs, max_workers=1, preload=["pandas"])
    assert [outcome.status for outcome in outcomes] == ["ok", "ok", "ok"]
    for n in range(3):
        report = json.loads((tmp_path / f"work{n}" / "probe.json").read_text(encoding="utf-8"))
        assert report["pandas_preloaded"], "the kernel was not forked from the template"
        assert not report["leftover"], "a kernel saw another notebook's variables"
        assert Path(report["cwd"]) == (tmp_path / f"work{n}").resolve()
        assert report["label"] == f"job-{n}"
        assert report["hashseed"] == "0"
        assert report["tz"] == "UTC"
    # This interpreter's templates and stand-ins only: other checkouts may build meanwhile.
    assert not [
        p for p in Path("/proc").iterdir()
        if p.name.isdigit() and "analysis.builder.kernel_fork" in _cmdline(p)
        and _cmdline(p).startswith(sys.executable)
    ]  # fmt: skip
    assert set(Path(tempfile.gettempdir()).glob("report-fork-*")) <= before


def _cmdline(process: Path) -> str:
    try:
        return (process / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


WARM_PROBE = (
    "import json, sys\n"
    "from tests.builder import warmkit\n"
    "open('probe.json', 'w').write(json.dumps({'seen': warmkit.SEEN,\n"
    "    'preloaded': 'tests.builder.warmkit' in sys.modules}))\n"
)


def test_a_template_started_early_warms_up_with_the_variables_it_is_given_later(
    tmp_path: Path,
) -> None:
    from analysis.builder.kernel_fork import KernelForkServer

    notebook = make_notebook(tmp_path / "nb", "warm", "n: int = 0  # a number", WARM_PROBE)
    base = kernel_environment()
    base["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])  # tests.builder is importable
    template = KernelForkServer(base, ["tests.builder.warmkit"], ["tests.builder.warmkit:remember"],
                                configure_later=True)  # fmt: skip
    try:
        template.configure({"REPORT_WARM_PROBE": "validated"})
        env = {**base, "REPORT_WARM_PROBE": "validated"}
        target = tmp_path / "out" / "warm.ipynb"
        job = ExecutionJob("warm", notebook, target, {}, tmp_path / "work", env)
        [outcome] = execute_many([job], max_workers=1, template=template)
    finally:
        template.close()
    assert outcome.status == "ok", outcome.error
    report = json.loads((tmp_path / "work" / "probe.json").read_text(encoding="utf-8"))
    assert report == {"seen": "validated", "preloaded": True}
    assert not Path(template.folder).exists()


def test_a_template_never_configured_exits_when_closed(tmp_path: Path) -> None:
    from analysis.builder.kernel_fork import KernelForkServer

    template = KernelForkServer(kernel_environment(), [], [], configure_later=True)
    template.close()
    assert template.process.returncode is not None
    assert not Path(template.folder).exists()
