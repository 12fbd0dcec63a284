"""The data layer records the files it hands out, and flags data read behind its back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.builder import inputs
from analysis.data import reads
from analysis.paths import DATA_DIR, SEED_PATH

SCRIPT = r"""
import sys
from pathlib import Path
from analysis.data.loading import Dataset
from analysis.data.validation import ensure_valid

data_dir, seed, action = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
exec("pass")  # a cell runs: the record is armed
if action == "validate":
    ensure_valid(data_dir, seed)
elif action == "table":
    data = Dataset(data_dir, seed)
    data["census"]
    data["census"]  # served from memory: still one line
elif action == "direct":
    (data_dir / "census.csv").read_text(encoding="utf-8")
elif action == "list":
    sorted(data_dir.glob("*.csv"))
"""


pytestmark = pytest.mark.slow  # each test starts Python and imports pandas


def _record(tmp_path: Path, action: str) -> list[str]:
    folder = tmp_path / "reads"
    folder.mkdir()
    env = {**os.environ, reads.READS_ENV: str(folder)}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(DATA_DIR), str(SEED_PATH), action],
        capture_output=True, text=True, check=False, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    record = folder / reads.RECORD_NAME
    return record.read_text(encoding="utf-8").splitlines() if record.is_file() else []


def test_the_build_and_the_data_layer_name_the_same_variable_and_file() -> None:
    assert inputs.READS_ENV == reads.READS_ENV
    assert inputs.RECORD_NAME == reads.RECORD_NAME


def test_a_table_asked_for_is_recorded_once_with_the_descriptor(tmp_path: Path) -> None:
    lines = _record(tmp_path, "table")
    assert lines[0] == "armed"
    assert sorted(lines[1:]) == sorted(
        {f"read {DATA_DIR / 'census.csv'}", f"read {DATA_DIR / 'datapackage.json'}"}
    )


def test_validating_the_whole_package_is_not_a_read(tmp_path: Path) -> None:
    assert _record(tmp_path, "validate") == ["armed"]


@pytest.mark.parametrize("action", ["direct", "list"])
def test_data_opened_or_listed_outside_the_data_layer_is_flagged(
    tmp_path: Path, action: str
) -> None:
    lines = _record(tmp_path, action)
    assert any(line.startswith("direct ") for line in lines), lines
