"""Execution keys from the data files a kernel read: what the record says, and when to trust it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from analysis.builder import inputs
from analysis.builder.config import BuildConfig
from analysis.cli import project_config


@pytest.fixture
def project(tmp_path: Path) -> BuildConfig:
    """A project with code in `lib/` and data in `lib/data/`: two tables and a descriptor."""
    data = tmp_path / "lib" / "data"
    data.mkdir(parents=True)
    for name, text in {"a.csv": "x\n1\n", "b.csv": "y\n2\n", "datapackage.json": "{}\n"}.items():
        (data / name).write_text(text, encoding="utf-8")
    (tmp_path / "lib" / "code.py").write_text("X = 1\n", encoding="utf-8")
    return dataclasses.replace(
        project_config(), root=tmp_path, execution_sources=(tmp_path / "lib",),
        data_sources=(data,),
    )  # fmt: skip


def _recorded(folder: Path, *lines: str) -> Path:
    (folder / inputs.READS_FOLDER).mkdir(parents=True)
    record = folder / inputs.READS_FOLDER / inputs.RECORD_NAME
    record.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return folder


def test_a_trusted_record_gives_the_data_files_read_and_is_removed(
    tmp_path: Path, project: BuildConfig
) -> None:
    keys = inputs.execution_inputs(project, {})
    data = tmp_path / "lib" / "data"
    run = _recorded(tmp_path / "run", "armed", f"read {data / 'a.csv'}",
                    f"read {tmp_path / 'lib' / 'code.py'}", f"read {data / 'a.csv'}")  # fmt: skip
    assert inputs.collect_reads(run, keys) == ["lib/data/a.csv"]
    assert not (run / inputs.READS_FOLDER).exists()


@pytest.mark.parametrize(
    "lines",
    [
        (),  # no record at all
        ("read {data}/a.csv",),  # not armed: the data layer never watched the kernel
        ("armed", "direct {data}/b.csv"),  # a file opened behind the data layer's back
        ("armed", "read /elsewhere/a.csv"),  # a file outside the project
        ("armed", "read {root}/notes.txt"),  # in the project, but neither data nor code
        ("armed", "listed {data}"),  # a kind of line this build does not know
    ],
)
def test_a_record_that_cannot_be_trusted_gives_none(
    tmp_path: Path, project: BuildConfig, lines: tuple[str, ...]
) -> None:
    keys = inputs.execution_inputs(project, {})
    (tmp_path / "notes.txt").write_text("n\n", encoding="utf-8")
    run = tmp_path / "run"
    filled = [line.format(data=tmp_path / "lib" / "data", root=tmp_path) for line in lines]
    if filled:
        _recorded(run, *filled)
    else:
        run.mkdir()
    assert inputs.collect_reads(run, keys) is None


def test_a_key_changes_with_the_files_read_only(tmp_path: Path, project: BuildConfig) -> None:
    before = inputs.execution_inputs(project, {})
    (tmp_path / "lib" / "data" / "b.csv").write_text("y\n3\n", encoding="utf-8")
    after = inputs.execution_inputs(project, {})
    reads_a, reads_b = ["lib/data/a.csv"], ["lib/data/b.csv"]
    assert before.key("nb", {}, reads_a) == after.key("nb", {}, reads_a)
    assert before.key("nb", {}, reads_b) != after.key("nb", {}, reads_b)
    assert before.key("nb", {}, None) != after.key("nb", {}, None)  # unknown: every file
    (tmp_path / "lib" / "code.py").write_text("X = 2\n", encoding="utf-8")
    assert inputs.execution_inputs(project, {}).key("nb", {}, reads_a) != after.key(
        "nb", {}, reads_a
    )


def test_a_file_read_that_is_gone_changes_the_key(tmp_path: Path, project: BuildConfig) -> None:
    before = inputs.execution_inputs(project, {})
    (tmp_path / "lib" / "data" / "a.csv").unlink()
    after = inputs.execution_inputs(project, {})
    assert before.key("nb", {}, ["lib/data/a.csv"]) != after.key("nb", {}, ["lib/data/a.csv"])


def test_a_manifest_record_without_a_list_of_reads_has_none() -> None:
    assert inputs.recorded_reads({"name": "a"}) is None
    assert inputs.recorded_reads({"reads": "lib/a.csv"}) is None
    assert inputs.recorded_reads({"reads": []}) == []
