"""Every argument is checked before anything is written: exit 2, one line, nothing created."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from analysis.builder.params import PARAMS_FILE_MAX_BYTES
from analysis.cli import main
from tests.conftest import make_notebook


def _notebook(folder: Path) -> Path:
    return make_notebook(
        folder,
        "typed",
        "items: list = ['a', 'b']  # a list\nratio: float = 1.0  # a number\n"
        "count: int = 2  # a whole number\n",
        "print(items, ratio, count)",
    )


def _refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    *args: str,
    out: Path | None = None,
    status: int = 2,
) -> str:
    """Run a build that must be refused with `status`; return its one line of stderr."""
    out = out or tmp_path / "reports"
    notebook = _notebook(tmp_path / "nb")
    before = sorted(tmp_path.rglob("*"))
    returned = main(["build", str(notebook), "--out", str(out), *args])
    captured = capsys.readouterr()
    assert returned == status, captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert captured.out == ""
    assert sorted(tmp_path.rglob("*")) == before  # nothing created, not even --out
    return lines[0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--jobs", "0"], "--jobs must be from 1"),
        (["--jobs", "100000"], "--jobs must be from 1"),
        (["--timeout", "0"], "--timeout must be"),
        (["--timeout", "-5"], "--timeout must be"),
        (["--timeout", "nan"], "--timeout must be"),
        (["--timeout", "inf"], "--timeout must be"),
        (["--keep", "0"], "--keep must be from 1"),
        (["--keep", "-1"], "--keep must be from 1"),
        (["-p", "items=[a, a]"], "items has 'a' twice"),
        (["-p", "ratio=nan"], "ratio must be a finite number"),
        (["-p", "ratio=-inf"], "ratio must be a finite number"),
        (["-p", "ratio=1e999"], "ratio must be a finite number"),
        (["-p", "items=[&x a, *x]"], "must be a list"),
    ],
)
def test_a_bad_option_or_value_is_one_line_exit_2_and_nothing_is_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], words: str
) -> None:
    assert words in _refused(capsys, tmp_path, *args)


@pytest.mark.parametrize("address", ["ftp://example.org/runs/", "runs/", "https://a.org/#top"])
def test_a_public_url_from_the_environment_that_is_no_address_is_refused(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    address: str,
) -> None:
    monkeypatch.setenv("REPORT_PUBLIC_URL", address)
    assert "REPORT_PUBLIC_URL" in _refused(capsys, tmp_path)


@pytest.mark.parametrize("args", [["--jobs", "many"], ["--timeout", "soon"], ["--keep"]])
def test_a_malformed_option_is_one_line_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["build", "--out", str(tmp_path / "reports"), *args])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "reports").exists()


def test_an_out_that_is_a_file_or_inside_one_or_a_dangling_link_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not a folder\n", encoding="utf-8")
    assert "not a folder" in _refused(capsys, tmp_path, out=afile)
    assert "not a folder" in _refused(capsys, tmp_path, out=afile / "reports")
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    assert "symbolic link to nothing" in _refused(capsys, tmp_path, out=dangling)
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("where", ["reports", "reports/deeper"])
@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.ENOSPC])
def test_an_out_that_cannot_be_written_is_exit_7_one_line_naming_it(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    code: int,
) -> None:
    """A read-only file system, a folder without permission (root passes every permission
    check, so the refusal is simulated where the folder is tried) and a full disk."""
    import tempfile

    parent = tmp_path / "ro"
    parent.mkdir()
    real = tempfile.mkstemp

    def refuse(*args: object, dir: str | None = None, **kwargs: object) -> tuple[int, str]:
        if dir is not None and Path(dir) == parent:
            raise OSError(code, os.strerror(code), dir)
        return real(*args, dir=dir, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    line = _refused(capsys, tmp_path, out=parent / where, status=7)
    assert f"--out {parent / where}: the folder cannot be written" in line
    assert os.strerror(code) in line


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x00\x01\x02binary\xff\xfe", "not UTF-8 text"),
        (b"ratio: 2\x00\n", "NUL bytes"),
        (b"items: " + b"x" * (PARAMS_FILE_MAX_BYTES + 10), "larger than"),
        (b"a: &a [x, x]\nb: &b [*a, *a]\nitems: [*b, *b]\n", "YAML aliases"),
        (b"- a list\n- not a mapping\n", "expected a mapping"),
        (b"items: [a\n", "not YAML"),
        (b"1: 2\n", "is not a parameter or notebook name"),
    ],
)
def test_a_params_file_must_be_small_plain_yaml_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, words: str
) -> None:
    params = tmp_path / "params.yaml"
    params.write_bytes(content)
    assert words in _refused(capsys, tmp_path, "--params-file", str(params))


def test_a_params_file_that_is_a_device_or_a_folder_is_refused_unread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert "not a file" in _refused(capsys, tmp_path, "--params-file", "/dev/zero")
    assert "not a file" in _refused(capsys, tmp_path, "--params-file", str(tmp_path))


@pytest.mark.parametrize(
    "args",
    [
        ["-p", "since=20200101", "-p", "as_of=2019-12-31"],
        ["-p", "since=2020-01-01", "-p", "as_of=2019-W52-1"],
        ["-p", "members=[KAZ, KAZ]"],
        ["-p", "as_of=2023-02-30"],
    ],
)
def test_the_projects_dates_and_lists_are_checked_as_dates_and_sets(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    status = main(["build", "03_alliance_cohesion", "--out", str(tmp_path / "reports"), *args])
    assert status == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "reports").exists()


def test_a_huge_tolerance_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status = main(
        ["build", "04_fact_check", "--out", str(tmp_path / "r"), "-p", "tolerance_pp=1e300"]
    )
    assert status == 2
    assert "tolerance_pp must be a number from 0 to 100" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_by_default_a_build_runs_more_notebooks_at_once_than_there_are_cores() -> None:
    from analysis.builder.options import MAX_JOBS, default_jobs

    assert [default_jobs(cores) for cores in (1, 2, 8, 1000)] == [2, 3, 9, MAX_JOBS]
    assert 1 <= default_jobs() <= MAX_JOBS


def test_a_forced_build_refused_while_planning_leaves_no_template_behind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # With --force, the kernel template starts before the plan checks the parameters.
    import tempfile

    import psutil

    folders = set(Path(tempfile.gettempdir()).glob("report-fork-*"))
    assert "unknown parameter" in _refused(capsys, tmp_path, "--force", "-p", "missing=1")
    assert psutil.Process().children(recursive=True) == []
    assert set(Path(tempfile.gettempdir()).glob("report-fork-*")) == folders
