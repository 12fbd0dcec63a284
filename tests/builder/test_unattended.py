"""An unwatched build: the whole site kept, leftovers cleaned, one line and a status per failure."""

from __future__ import annotations

import errno
import functools
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.builder import pipeline, runs
from analysis.cli import project_config
from tests.builder.test_build import GOOD
from tests.conftest import make_notebook

pytestmark = pytest.mark.slow

build_reports = functools.partial(pipeline.build_reports, config=project_config())


def _quiet(line: str) -> None:
    """Swallow progress lines."""


def _names(run_dir: Path) -> list[str]:
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    return [nb["name"] for nb in manifest["build"]["notebooks"]]


def _cli(*args: str, tmp: Path, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """The command line with its own temporary folder (and, if given, a file size limit)."""
    tmp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp)}

    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, check=False, env=env, preexec_fn=limited)  # fmt: skip


def test_a_subset_build_publishes_the_whole_site_and_keep_1_keeps_it(tmp_path: Path) -> None:
    one = make_notebook(tmp_path / "nb", "one", *GOOD)
    two = make_notebook(tmp_path / "nb", "two", *GOOD)
    out = tmp_path / "out"
    first = build_reports([str(one), str(two)], out=out, say=_quiet)
    again = build_reports([str(two)], out=out, say=_quiet)
    assert again.up_to_date  # the subset asked for is unchanged: nothing to do
    subset = build_reports([str(two)], per_notebook={"two": {"repeat": 5}}, out=out, keep=1,
                           say=_quiet)  # fmt: skip
    assert subset.exit_status == 0
    latest = runs.latest_run(out)
    assert latest == subset.run_dir
    assert _names(latest) == ["one", "two"]
    manifest = json.loads((latest / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["notebooks"]["one"]["reused_from"] == first.run_dir.name
    assert manifest["run"]["notebooks"]["two"]["reused_from"] is None
    assert (latest / "one" / "one.html").is_file()
    assert [run.run_id for run in runs.list_runs(out)] == [latest.name]


def test_what_a_killed_build_left_is_cleaned_even_with_nothing_to_do(tmp_path: Path) -> None:
    notebook = make_notebook(tmp_path / "nb", "good", *GOOD)
    out = tmp_path / "out"
    build_reports([str(notebook)], out=out, say=_quiet)
    (out / runs.STAGING / "20260101T000000.000000Z" / "good").mkdir(parents=True)
    (out / ".latest.12345").symlink_to("nowhere")
    said: list[str] = []
    result = build_reports([str(notebook)], out=out, say=said.append)
    assert result.up_to_date
    assert not any((out / runs.STAGING).iterdir())
    assert not (out / ".latest.12345").is_symlink()
    assert any("unfinished" in line for line in said)


def test_a_latest_folder_and_a_broken_manifest_are_warned_about_and_built_past(
    tmp_path: Path,
) -> None:
    notebook = make_notebook(tmp_path / "nb", "good", *GOOD)
    out = tmp_path / "out"
    first = build_reports([str(notebook)], out=out, say=_quiet)
    (first.run_dir / "manifest.json").write_text('{"build": "?"}', encoding="utf-8")
    warnings: list[str] = []
    second = build_reports([str(notebook)], out=out, say=_quiet, warn=warnings.append)
    assert second.exit_status == 0
    assert any("nothing to reuse" in line for line in warnings)
    (out / runs.LATEST).unlink()
    second.run_dir.rename(out / runs.LATEST)  # a real folder where the link should be
    warnings.clear()
    third = build_reports([str(notebook)], out=out, say=_quiet, warn=warnings.append)
    assert third.exit_status == 0
    assert runs.latest_run(out) == third.run_dir
    assert len(warnings) == 1


def test_quiet_successful_runs_print_nothing_and_leave_no_temporary_folder(
    tmp_path: Path,
) -> None:
    notebook = make_notebook(tmp_path / "nb", "good", *GOOD)
    tmp = tmp_path / "tmp"
    for _ in range(4):
        result = _cli("build", str(notebook), "--out", str(tmp_path / "out"), "--quiet",
                      "--force", "--keep", "2", tmp=tmp)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert (result.stdout, result.stderr) == ("", "")
    assert list(tmp.iterdir()) == []


def test_a_failure_names_the_kept_copy_on_its_first_line(tmp_path: Path) -> None:
    broken = make_notebook(tmp_path / "nb", "broken", "fail: bool = True  # raise",
                           "if fail:\n    raise ValueError('boom')")  # fmt: skip
    out = tmp_path / "out"
    result = _cli("build", str(broken), "--out", str(out), tmp=tmp_path / "tmp")
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    kept = next((out / runs.FAILED).glob("*/broken.ipynb"))
    assert str(kept) in first
    assert runs.STAGING not in result.stderr


def test_a_full_disk_is_exit_7_with_one_line_naming_the_path(tmp_path: Path) -> None:
    notebook = make_notebook(tmp_path / "nb", "good", *GOOD)
    out = tmp_path / "out"
    result = _cli("build", str(notebook), "--out", str(out), "--quiet", tmp=tmp_path / "tmp",
                  limit=2000)  # fmt: skip
    assert result.returncode == 7, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(out) in lines[0]
    assert "Traceback" not in result.stderr
    assert not (out / runs.LATEST).exists()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_disk_that_fills_or_turns_read_only_mid_build_is_exit_7_with_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
) -> None:
    """The refusal injected where an executed notebook is written (a tiny file system would
    need root to mount)."""
    from analysis.builder import execute
    from analysis.cli import main

    def refuse(partial: Path, target: Path, *args: object) -> None:
        raise OSError(code, os.strerror(code), str(target))

    monkeypatch.setattr(execute, "write_deterministic", refuse)
    notebooks = [make_notebook(tmp_path / "nb", name, *GOOD) for name in ("one", "two")]
    out = tmp_path / "out"
    status = main(["build", *map(str, notebooks), "--out", str(out), "--quiet"])
    captured = capsys.readouterr()
    assert status == 7
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert f"cannot write in the reports folder {out}" in lines[0]
    assert os.strerror(code) in lines[0]
    assert not (out / runs.LATEST).exists()
    assert not any((out / runs.STAGING).iterdir())
