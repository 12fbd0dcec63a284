"""Bytes that are not UTF-8, in any file the data layer reads, are one line naming file and byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.data import schema
from analysis.data.decoding import decode
from analysis.data.loading import Dataset
from analysis.data.validation import ensure_valid, validate_package
from analysis.errors import DataError
from analysis.paths import DATA_DIR, DESCRIPTOR_NAME, SEED_PATH

# Every file the data layer reads: the descriptor, each table it names, and the seed.
FILES = [DESCRIPTOR_NAME, *(schema.resource(name)["path"] for name in schema.tables()), "seed"]


def _spoil(path: Path) -> tuple[int, int]:
    """Put a byte that is never UTF-8 at the start of the file's second line: (line, offset)."""
    data = path.read_bytes()
    offset = data.index(b"\n") + 1
    path.write_bytes(data[:offset] + b"\xff" + data[offset:])
    return 2, offset


def _target(name: str, data_copy: Path, seed_copy: Path) -> Path:
    return seed_copy if name == "seed" else data_copy / name


def test_decode_names_the_file_the_line_and_the_byte_offset() -> None:
    with pytest.raises(DataError) as caught:
        decode("ok\nstill ok\nbad \xe9 here".encode("latin-1"), Path("table.csv"))
    assert str(caught.value) == (
        "table.csv, line 3, byte offset 16: not UTF-8 (byte e9); save the file as UTF-8"
    )


def test_decode_drops_a_byte_order_mark() -> None:
    assert decode("\ufeffid\n".encode(), Path("t.csv")) == "id\n"


@pytest.mark.parametrize("name", FILES)
def test_validate_refuses_bad_bytes_in_one_line(
    name: str, data_copy: Path, seed_copy: Path
) -> None:
    path = _target(name, data_copy, seed_copy)
    line, offset = _spoil(path)
    problems = validate_package(data_copy, seed_copy)
    assert problems == [
        f"{path}, line {line}, byte offset {offset}: not UTF-8 (byte ff); save the file as UTF-8"
    ]


@pytest.mark.parametrize("name", FILES)
def test_loading_and_the_builds_validation_refuse_bad_bytes(
    name: str, data_copy: Path, seed_copy: Path
) -> None:
    path = _target(name, data_copy, seed_copy)
    _spoil(path)
    schema._descriptor.cache_clear()
    with pytest.raises(DataError, match=rf"{path.name}, line 2, byte offset \d+: not UTF-8"):
        ensure_valid(data_copy, seed_copy)
    with pytest.raises(DataError, match=rf"{path.name}, line 2, byte offset \d+: not UTF-8"):
        Dataset(data_copy, seed_copy)["events"]


@pytest.mark.parametrize("name", [FILES[1], FILES[-1]])
def test_the_validate_command_prints_one_line_and_exits_2(
    name: str, data_copy: Path, seed_copy: Path
) -> None:
    path = _target(name, data_copy, seed_copy)
    _spoil(path)
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", "--data", str(data_copy),
         "--seed", str(seed_copy)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        line for line in result.stderr.strip().splitlines() if "not UTF-8" in line
    ]
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_the_files_named_are_every_file_of_the_package() -> None:
    listed = {DATA_DIR / name for name in FILES[:-1]}
    assert listed == {DATA_DIR / DESCRIPTOR_NAME, *DATA_DIR.glob("*.csv")}
    assert SEED_PATH.is_file()
