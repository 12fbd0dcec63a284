"""The report build end to end on small real notebooks: publish, reuse, fail safely."""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis.builder import pipeline, runs
from analysis.builder.config import BuildConfig
from analysis.cli import project_config
from analysis.hashing import sha256_file
from tests.conftest import make_notebook

pytestmark = pytest.mark.slow

build_reports = functools.partial(pipeline.build_reports, config=project_config())
"""The build of this project's configuration, for small notebooks given by path."""

GOOD = (
    "label: str = 'plain'  # a text parameter\nrepeat: int = 2  # how many times\n",
    "import os, pathlib\n"
    "folder = pathlib.Path(os.environ['REPORT_FIGURES_DIR'])\n"
    "(folder / 'values.csv').write_text('label\\n' + label * repeat + '\\n', encoding='utf-8')\n"
    "print(repr(label))",
)


def _good(folder: Path, name: str = "good") -> Path:
    return make_notebook(folder, name, *GOOD)


def _quiet(line: str) -> None:
    """Swallow progress lines in tests."""


def _outputs(run_dir: Path) -> dict[str, str]:
    return {
        p.relative_to(run_dir).as_posix(): sha256_file(p)
        for p in sorted(run_dir.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


def test_build_publishes_a_run_whose_manifest_hashes_match_its_files(tmp_path: Path) -> None:
    notebook = _good(tmp_path / "nb")
    result = build_reports([str(notebook)], out=tmp_path / "out", say=_quiet)
    assert result.exit_status == 0
    run_dir = tmp_path / "out" / "latest"
    assert run_dir.resolve() == result.run_dir
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    recorded = {o["path"]: o["sha256"] for o in manifest["build"]["outputs"]}
    assert recorded == _outputs(run_dir)
    assert "good/good.ipynb" in recorded
    assert "good/good.html" in recorded
    assert "good/figures/values.csv" in recorded
    assert manifest["build"]["notebooks"][0]["parameters"] == {"label": "plain", "repeat": 2}
    inputs = {i["path"] for i in manifest["build"]["inputs"]}
    assert "analysis/data/package/claims.csv" in inputs
    assert any(path.startswith("seeds/") for path in inputs)
    assert "analysis/builder/pipeline.py" in inputs
    assert manifest["build"]["package_versions"]["papermill"]
    assert set(manifest["run"]) >= {"id", "started", "seconds"}
    assert not (tmp_path / "out" / runs.STAGING).exists() or not any(
        (tmp_path / "out" / runs.STAGING).iterdir()
    )


def test_two_builds_into_two_folders_are_byte_identical(tmp_path: Path) -> None:
    notebook = _good(tmp_path / "nb")
    first = build_reports([str(notebook)], out=tmp_path / "a", say=_quiet)
    second = build_reports([str(notebook)], out=tmp_path / "b", say=_quiet, jobs=1)
    assert first.run_dir
    assert second.run_dir
    assert _outputs(first.run_dir) == _outputs(second.run_dir)
    build_a = json.loads((first.run_dir / "manifest.json").read_text(encoding="utf-8"))
    build_b = json.loads((second.run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert build_a["build"] == build_b["build"]
    assert build_a["run"]["id"] != build_b["run"]["id"]


def test_unchanged_inputs_are_reused_and_a_changed_parameter_reexecutes(tmp_path: Path) -> None:
    notebook = _good(tmp_path / "nb")
    out = tmp_path / "out"
    first = build_reports([str(notebook)], out=out, say=_quiet)
    again = build_reports([str(notebook)], out=out, say=_quiet)
    assert again.up_to_date
    assert again.run_dir == first.run_dir
    changed = build_reports([str(notebook)], overrides={"repeat": "3"}, out=out, say=_quiet)
    assert not changed.up_to_date
    assert changed.run_dir != first.run_dir
    forced = build_reports([str(notebook)], overrides={"repeat": "3"}, out=out, say=_quiet,
                           force=True)  # fmt: skip
    manifest = json.loads((forced.run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["notebooks"]["good"]["reused_from"] is None


def test_a_notebook_reused_beside_one_that_changed_says_so(tmp_path: Path) -> None:
    one, two = _good(tmp_path / "nb", "one"), _good(tmp_path / "nb", "two")
    out = tmp_path / "out"
    first = build_reports([str(one), str(two)], out=out, say=_quiet)
    second = build_reports([str(one), str(two)], per_notebook={"two": {"repeat": 5}}, out=out,
                           say=_quiet)  # fmt: skip
    manifest = json.loads((second.run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["notebooks"]["one"]["reused_from"] == first.run_dir.name
    assert manifest["run"]["notebooks"]["two"]["reused_from"] is None
    assert _outputs(second.run_dir)["one/one.ipynb"] == _outputs(first.run_dir)["one/one.ipynb"]


def test_a_failing_notebook_keeps_its_copy_and_leaves_latest_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = build_reports([str(_good(tmp_path / "nb"))], out=out, say=_quiet)
    broken = make_notebook(tmp_path / "nb", "broken", "fail: bool = True  # raise",
                           "if fail:\n    raise ValueError('boom')")  # fmt: skip
    warnings: list[str] = []
    result = build_reports([str(broken)], out=out, say=_quiet, warn=warnings.append)
    assert result.exit_status == 1
    assert (out / "latest").resolve() == good.run_dir
    kept = next((out / runs.FAILED).glob("*/broken.ipynb"))
    text = kept.read_text(encoding="utf-8")
    assert "An Exception was encountered at" in text  # papermill's error banner
    assert "boom" in text
    assert any(str(kept) in line for line in warnings)
    assert [run.status for run in runs.list_runs(out)].count("ok") == 1


def test_a_cell_timeout_and_a_dead_kernel_have_their_own_exit_statuses(tmp_path: Path) -> None:
    out = tmp_path / "out"
    sleepy = make_notebook(tmp_path / "nb", "sleepy", "seconds: float = 30.0  # sleep",
                           "import time\ntime.sleep(seconds)")  # fmt: skip
    dying = make_notebook(tmp_path / "nb", "dying", "code: int = 1  # exit code",
                          "import os\nos._exit(code)")  # fmt: skip
    assert build_reports([str(sleepy)], out=out, timeout=2, say=_quiet,
                         warn=_quiet).exit_status == 3  # fmt: skip
    assert build_reports([str(dying)], out=out, say=_quiet, warn=_quiet).exit_status == 4
    assert not (out / "latest").exists()


def test_a_timed_out_build_says_so_in_its_own_lines_only(tmp_path: Path) -> None:
    sleepy = make_notebook(tmp_path / "nb", "sleepy", "seconds: float = 30.0  # sleep",
                           "import time\ntime.sleep(seconds)")  # fmt: skip
    result = _cli("build", str(sleepy), "--timeout", "2", "--quiet", "--out", str(tmp_path / "o"))
    assert result.returncode == 3
    lines = result.stderr.splitlines()
    # nbclient's own log line and asyncio's "Task was destroyed" are not repeated there.
    assert len(lines) == 2, result.stderr
    assert all(line.startswith("csto-report: ") for line in lines)
    assert "ran longer than 2 s" in lines[0]


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, check=False, cwd=cwd)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-p", "repeat=lots"], "must be an integer"),
        (["-p", "repet=3"], "did you mean 'repeat'"),
        (["-p", "novalue"], "expected NAME=VALUE"),
        (["--params-file", "missing.yaml"], "cannot read"),
    ],
)
def test_bad_parameters_exit_2_and_write_nothing(
    tmp_path: Path, args: list[str], words: str
) -> None:
    notebook = _good(tmp_path / "nb")
    out = tmp_path / "out"
    result = _cli("build", str(notebook), "--out", str(out), *args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_unknown_notebook_exits_2(tmp_path: Path) -> None:
    result = _cli("build", "01_demografics", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "no notebook '01_demografics'" in result.stderr


def test_a_second_build_without_wait_exits_5_while_the_first_holds_the_lock(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from filelock import FileLock; l = FileLock(sys.argv[1]); "
         "l.acquire(); print('held', flush=True); time.sleep(60)", str(out / runs.LOCK)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        result = _cli("build", str(_good(tmp_path / "nb")), "--out", str(out), "--no-wait")
        assert result.returncode == 5
        assert "another build is running" in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_a_build_killed_midway_leaves_published_runs_intact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = build_reports([str(_good(tmp_path / "nb"))], out=out, say=_quiet)
    before = _outputs(good.run_dir)
    slow = make_notebook(tmp_path / "nb", "slow", "seconds: float = 60.0  # sleep",
                         "import time\ntime.sleep(seconds)")  # fmt: skip
    build = subprocess.Popen([sys.executable, "-m", "analysis", "build", str(slow), "--out",
                              str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 60
    staging = out / runs.STAGING
    while time.monotonic() < deadline and not list(staging.glob("*/slow")):
        time.sleep(0.2)
    time.sleep(1.0)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    assert (out / "latest").resolve() == good.run_dir
    assert _outputs(good.run_dir) == before
    assert any(staging.iterdir())
    # What the killed build started (workers, kernel templates, kernels) stops by itself
    # once it notices its parent is gone: no process of it may outlive that.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and _processes_of(tmp_path):
        time.sleep(0.5)
    assert not _processes_of(tmp_path)
    messages: list[str] = []
    build_reports([str(_good(tmp_path / "nb"))], out=out, say=messages.append, force=True)
    left = sorted(p.relative_to(out).as_posix() for p in staging.rglob("*"))
    assert not left, f"staging not cleaned: {left}"
    assert any("unfinished run" in line for line in messages)
    assert not (out / runs.TRASH).exists()


def _processes_of(tmp_path: Path) -> list[int]:
    """Processes other than this one started for a build under `tmp_path`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                environ = (entry / "environ").read_bytes()
            except OSError:
                continue
            if str(tmp_path).encode() in environ:
                found.append(int(entry.name))
    return found


def test_keep_removes_all_but_the_newest_runs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    notebook = _good(tmp_path / "nb")
    for repeat in (1, 2, 3):
        build_reports([str(notebook)], overrides={"repeat": repeat}, out=out, say=_quiet,
                      keep=2)  # fmt: skip
    published = [run for run in runs.list_runs(out) if run.status == "ok"]
    assert len(published) == 2
    assert published[-1].latest


def test_a_bad_data_row_stops_the_build_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_copy: Path, seed_copy: Path,
    edit_cell: Callable[[str, str, str, str], None],
) -> None:  # fmt: skip
    from analysis.data import validation
    from analysis.errors import DataError

    edit_cell("census", "2021", "count", "-3")
    original = validation.ensure_valid
    monkeypatch.setattr(
        validation, "ensure_valid", lambda stamps: original(data_copy, seed_copy, stamps)
    )
    out = tmp_path / "out"
    with pytest.raises(
        DataError, match=r"census\.csv, row \d+ \(year 2021 group \w+\), field 'count'"
    ):
        build_reports([str(_good(tmp_path / "nb"))], out=out, say=_quiet)
    assert not out.exists()


def test_bad_bytes_in_a_table_stop_the_build_with_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    data_copy: Path, seed_copy: Path,
) -> None:  # fmt: skip
    from analysis import cli
    from analysis.data import validation

    events = data_copy / "events.csv"
    events.write_bytes(events.read_bytes() + b"\xff\n")
    original = validation.ensure_valid
    monkeypatch.setattr(
        validation, "ensure_valid", lambda stamps: original(data_copy, seed_copy, stamps)
    )
    out = tmp_path / "out"
    status = cli.main(["build", str(_good(tmp_path / "nb")), "--out", str(out), "--quiet"])
    lines = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert len(lines) == 1, lines
    assert "events.csv, line" in lines[0]
    assert "not UTF-8 (byte ff)" in lines[0]
    assert not out.exists()


@pytest.fixture
def project(tmp_path: Path) -> BuildConfig:
    """This project's configuration over a private copy of its template and small sources."""
    import dataclasses
    import shutil

    base = project_config()
    templates = tmp_path / "templates"
    shutil.copytree(base.template_dirs[0], templates)
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "facts.py").write_text("ANSWER = 42\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "pages.py").write_text("TITLE = 'x'\n", encoding="utf-8")
    return dataclasses.replace(
        base, root=tmp_path, template_dirs=(templates,),
        execution_sources=(tmp_path / "lib",), data_sources=(), render_sources=(tmp_path / "site",),
    )  # fmt: skip


def test_a_site_or_stylesheet_edit_renders_again_and_executes_nothing(
    tmp_path: Path, project: BuildConfig
) -> None:
    notebook = _good(tmp_path / "nb")
    out = tmp_path / "out"
    first = pipeline.build_reports([str(notebook)], config=project, out=out, say=_quiet)
    stylesheet = next((tmp_path / "templates").rglob("*.css"))
    with stylesheet.open("a", encoding="utf-8") as handle:
        handle.write("/* a stylesheet edit */\n")
    lines: list[str] = []
    second = pipeline.build_reports([str(notebook)], config=project, out=out, say=lines.append)
    assert second.run_dir != first.run_dir
    assert any("0 executed, 1 reused" in line for line in lines), lines
    page = (second.run_dir / "good" / "good.html").read_text(encoding="utf-8")
    assert "/* a stylesheet edit */" in page
    executed = "good/good.ipynb"
    assert _outputs(second.run_dir)[executed] == _outputs(first.run_dir)[executed]
    manifest = json.loads((second.run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["notebooks"]["good"]["rerendered"] is True
    with (tmp_path / "site" / "pages.py").open("a", encoding="utf-8") as handle:
        handle.write("# a comment\n")
    lines.clear()
    third = pipeline.build_reports([str(notebook)], config=project, out=out, say=lines.append)
    assert third.run_dir != second.run_dir
    assert any("0 executed, 1 reused" in line for line in lines), lines
    assert pipeline.build_reports([str(notebook)], config=project, out=out, say=_quiet).up_to_date


def test_a_change_to_the_code_the_kernel_imports_executes_again(
    tmp_path: Path, project: BuildConfig
) -> None:
    notebook = _good(tmp_path / "nb")
    out = tmp_path / "out"
    pipeline.build_reports([str(notebook)], config=project, out=out, say=_quiet)
    with (tmp_path / "lib" / "facts.py").open("a", encoding="utf-8") as handle:
        handle.write("# a comment\n")
    lines: list[str] = []
    pipeline.build_reports([str(notebook)], config=project, out=out, say=lines.append)
    assert any("1 executed, 0 reused" in line for line in lines), lines
