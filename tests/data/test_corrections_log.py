"""The corrections table: each row names a row that exists, with the fact check's verdicts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import analysis
from analysis.data import schema
from analysis.data.crosschecks import CORRECTED_TABLES, crosscheck_problems
from analysis.data.validation import validate_package
from analysis.facts.factcheck import VERDICTS

EditCell = Callable[[str, str, str, str], None]


def _where(table: str, line: int, row: dict[str, str], field: str) -> str:
    return f"{table}.csv, row {line} ({row.get('id', '')}), field '{field}'"


def test_every_correction_names_a_row_of_its_table() -> None:
    corrections = analysis.load("corrections")
    assert len(corrections) > 0
    for row in corrections.itertuples():
        ids = set(analysis.load(CORRECTED_TABLES[str(row.item_kind)])["id"])
        assert row.item_id in ids, row.id


def test_the_kinds_and_verdicts_are_the_descriptors_and_the_fact_checks() -> None:
    assert schema.vocabulary("corrections", "item_kind") == list(CORRECTED_TABLES)
    for field in ("verdict_before", "verdict_after"):
        assert schema.vocabulary("corrections", field) == VERDICTS
    assert schema.vocabulary("statements", "verdict") == VERDICTS


def test_a_correction_of_a_row_that_does_not_exist_fails_validation(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell
) -> None:
    first = str(analysis.load("corrections")["id"].iloc[0])
    edit_cell("corrections", first, "item_kind", "claim")
    edit_cell("corrections", first, "item_id", "no-such-claim")
    problems = validate_package(data_copy, seed_copy)
    assert [p.split("corrections.csv, ")[-1] for p in problems] == [
        f"row 2 (id {first}), field 'item_id': "
        "no claim 'no-such-claim' in claims.csv; a correction names a row that exists"
    ]


def test_crosschecks_find_a_correction_of_a_missing_row_in_each_table() -> None:
    tables = {
        "claims": [(2, {"id": "c"})],
        "events": [(2, {"id": "e"})],
        "corrections": [
            (2, {"id": "k1", "item_id": "c", "item_kind": "claim"}),
            (3, {"id": "k2", "item_id": "c", "item_kind": "event"}),
            (4, {"id": "k3", "item_id": "s", "item_kind": "statement"}),
            (5, {"id": "k4", "item_id": "e", "item_kind": "no-such-kind"}),
        ],
    }
    assert crosscheck_problems(tables, _where) == [
        "corrections.csv, row 3 (k2), field 'item_id': no event 'c' in events.csv;"
        " a correction names a row that exists",
        "corrections.csv, row 4 (k3), field 'item_id': no statement 's' in statements.csv;"
        " a correction names a row that exists",
    ]
