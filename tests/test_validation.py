"""Bad data fails loudly: one message naming the file, the row and the field, for every rule."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis.data.loading import load
from analysis.data.validation import validate_package
from analysis.errors import DataError

EditCell = Callable[[str, str, str, str], None]

# (table, row id, field, bad value, words the message must carry)
BAD_CELLS = [
    pytest.param("claims", "kaz-russians-share-1991", "quote",
                 "Russians made up 38% of the country’s population", "not a verbatim passage",
                 id="quote-not-in-seed"),
    pytest.param("claims", "kaz-russians-share-1991", "value", "38", "does not occur",
                 id="number-not-in-quote"),
    pytest.param("claims", "kaz-kazakhs-share-1991", "id", "kaz-russians-share-1991",
                 "unique", id="duplicate-id"),
    pytest.param("references", "ref-eu-share-kaz-trade", "claim_id", "no-such-claim",
                 "not found", id="reference-to-unknown-claim"),
    pytest.param("members", "ARM", "code", "ARX", "not found", id="unknown-member"),
    pytest.param("event_actors", "eagle-partner-2023", "actor", "XYZ", "not found",
                 id="event-actor-unknown"),
    pytest.param("events", "eagle-partner-2023", "direction", "sideways", "enum",
                 id="term-outside-vocabulary"),
    pytest.param("events", "eagle-partner-2023", "date", "2023-09-31", "not a valid date",
                 id="malformed-date"),
    pytest.param("census", "1999", "count", "-1", "minimum", id="count-below-zero"),
    pytest.param("events", "michel-arm-aze-talks-2022-2023", "date", "2022-06-17",
                 "first of January", id="date-not-at-its-precision"),
    pytest.param("events", "tokayev-skips-spief-2023", "end_date", "2023-06-01",
                 "before the event's date", id="end-before-start"),
    pytest.param("references", "ref-kaz-russians-1989", "value", "37.8", "not both",
                 id="reference-value-and-census"),
]  # fmt: skip


@pytest.mark.parametrize(("table", "row_id", "field", "value", "words"), BAD_CELLS)
def test_bad_cell_is_reported_with_file_row_and_field(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell,
    table: str, row_id: str, field: str, value: str, words: str,
) -> None:  # fmt: skip
    edit_cell(table, row_id, field, value)
    problems = validate_package(data_copy, seed_copy)
    matching = [problem for problem in problems if words.lower() in problem.lower()]
    assert matching, problems
    message = matching[0]
    assert f"{table}.csv" in message
    assert "row " in message
    assert "field" in message


def test_derived_share_above_100_is_refused(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell
) -> None:
    census = data_copy / "census.csv"
    lines = census.read_text(encoding="utf-8").splitlines()
    lines = [line.replace("Kazakhs,7985039", "Kazakhs,99999999") for line in lines]
    census.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = validate_package(data_copy, seed_copy)
    assert any("census.csv, row 6" in p and "'count'" in p and "outside 0-100" in p
               for p in problems), problems  # fmt: skip


def test_load_raises_one_clear_data_error(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell
) -> None:
    edit_cell("events", "eagle-partner-2023", "kind", "picnic")
    with pytest.raises(DataError) as caught:
        load("claims", data_copy, seed_copy)
    message = str(caught.value)
    assert "\n" not in message
    assert "events.csv, row" in message
    assert "eagle-partner-2023" in message
    assert "'kind'" in message


def test_shipped_package_is_valid() -> None:
    assert validate_package() == []


def test_validate_command_exits_2_with_the_problem_on_stderr(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell
) -> None:
    edit_cell("claims", "eu-share-kaz-fdi", "unit", "furlongs")
    command = [sys.executable, "-m", "analysis", "validate", "--data", str(data_copy),
               "--seed", str(seed_copy)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "claims.csv, row" in result.stderr
    assert "eu-share-kaz-fdi" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_command_passes_on_the_shipped_data() -> None:
    result = subprocess.run([sys.executable, "-m", "analysis", "validate"], capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_a_stamp_spares_frictionless_only_for_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_copy: Path, seed_copy: Path,
    edit_cell: EditCell,
) -> None:  # fmt: skip
    from analysis.data import validation

    stamps = tmp_path / "stamps"
    monkeypatch.setattr(validation, "_validated", set())  # another test may have these bytes
    validation.ensure_valid(data_copy, seed_copy, stamps=stamps)
    assert len(list(stamps.iterdir())) == 1
    monkeypatch.setattr(validation, "_validated", set())
    calls: list[Path] = []
    monkeypatch.setattr(
        validation, "schema_problems", lambda data_dir, files=None: calls.append(data_dir) or []
    )
    validation.ensure_valid(data_copy, seed_copy, stamps=stamps)
    assert calls == []
    edit_cell("claims", "eu-share-kaz-fdi", "note", "a new note")
    validation.ensure_valid(data_copy, seed_copy, stamps=stamps)
    assert calls == [data_copy]
