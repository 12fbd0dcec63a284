"""A package's files are read once: the fingerprint, the rows and the columns share the bytes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from analysis.data.columns import CsvColumns, FrameColumns
from analysis.data.files import PackageFiles
from analysis.data.loading import frame_of


def test_the_fingerprint_is_the_hash_of_the_files_wherever_they_lie(
    data_copy: Path, seed_copy: Path, tmp_path: Path
) -> None:
    elsewhere = shutil.copytree(data_copy, tmp_path / "run" / "data")
    seed_elsewhere = Path(shutil.copy(seed_copy, tmp_path / "article.txt"))
    assert (
        PackageFiles(elsewhere, seed_elsewhere).fingerprint
        == PackageFiles(data_copy, seed_copy).fingerprint
    )
    (elsewhere / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    assert (
        PackageFiles(elsewhere, seed_elsewhere).fingerprint
        != PackageFiles(data_copy, seed_copy).fingerprint
    )


def test_the_fingerprint_changes_with_one_byte(data_copy: Path, seed_copy: Path) -> None:
    before = PackageFiles(data_copy, seed_copy).fingerprint
    with (data_copy / "actors.csv").open("a", encoding="utf-8") as handle:
        handle.write("XYZ,Somewhere,state\n")
    assert PackageFiles(data_copy, seed_copy).fingerprint != before


def test_each_file_is_read_once(data_copy: Path, seed_copy: Path) -> None:
    files = PackageFiles(data_copy, seed_copy)
    rows = files.rows("members")
    (data_copy / "members.csv").write_text("code\nXXX\n", encoding="utf-8")
    assert files.rows("members") == rows
    assert files.column("members", "code")[0] == "ARM"
    digest = hashlib.sha256(files.read(data_copy / "members.csv")).hexdigest()
    assert digest != hashlib.sha256(b"code\nXXX\n").hexdigest()


def test_rows_carry_their_line_numbers(tmp_path: Path, data_copy: Path) -> None:
    (data_copy / "actors.csv").write_text(
        'code,name,kind\nAAA,"Two\nlines",state\nBBB,,organisation\n', encoding="utf-8"
    )
    rows = PackageFiles(data_copy, tmp_path / "none.txt").rows("actors")
    assert [line for line, _ in rows] == [2, 3]
    assert rows[1][1] == {"code": "BBB", "name": "", "kind": "organisation"}


def test_a_missing_table_has_no_rows_and_a_missing_seed_cannot_be_read(data_copy: Path) -> None:
    (data_copy / "actors.csv").unlink()
    files = PackageFiles(data_copy, data_copy / "no-seed.txt")
    assert files.rows("actors") == []
    with pytest.raises(FileNotFoundError):
        files.seed_text()


def test_columns_of_files_and_of_frames_agree() -> None:
    from analysis.data.loading import dataset

    files, frames = CsvColumns(), FrameColumns(dataset())
    for table, field in [("census", "year"), ("census", "group"), ("members", "code"),
                         ("claims", "unit"), ("references", "census_year")]:  # fmt: skip
        assert files.column(table, field) == frames.column(table, field), (table, field)
    assert files.vocabulary("census", "group") == frames.vocabulary("census", "group")
    assert files.vocabulary("census", "year") == frames.vocabulary("census", "year") == []


def test_columns_of_a_small_frame() -> None:
    members = frame_of("members", [{"code": "ARM", "stance": "leading"}, {"code": "KAZ"}])
    columns = FrameColumns({"members": members})
    assert columns.column("members", "stance") == ["leading", ""]
    assert columns.vocabulary("members", "stance") == ["leading", "aligned", "hedging",
                                                       "distancing"]  # fmt: skip
