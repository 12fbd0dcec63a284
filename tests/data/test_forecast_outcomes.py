"""The forecasts' outcome steps: validate refuses a step that cannot be one, naming where."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.data.validation import validate_package


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _problems_after(data_copy: Path, seed_copy: Path, **changes: str) -> list[str]:
    """Validate after changing the first step's fields; the problems that name the table."""
    path = data_copy / "forecast_outcomes.csv"
    rows = _rows(path)
    rows[0].update(changes)
    _write(path, rows)
    return [p for p in validate_package(data_copy, seed_copy) if "forecast_outcomes.csv" in p]


def _unpredicted(data_copy: Path) -> dict[str, str]:
    """A sentence of the shipped table that predicts nothing."""
    return next(row for row in _rows(data_copy / "sentences.csv") if not row["prediction"])


def test_the_shipped_steps_are_valid(data_copy: Path, seed_copy: Path) -> None:
    assert _problems_after(data_copy, seed_copy) == []


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("outcome", "maybe", "enum"),
        ("event_id", "no-such-event", "not found"),
        ("paragraph", "999", "not found"),
        ("date", "2023-13-01", "not a valid date"),
    ],
)
def test_a_bad_cell_is_refused_naming_row_and_field(
    data_copy: Path, seed_copy: Path, field: str, value: str, words: str
) -> None:
    problems = _problems_after(data_copy, seed_copy, **{field: value})
    hits = [p for p in problems if words in p.lower()]
    assert hits, problems
    assert "row 2" in hits[0]


def test_a_step_of_a_sentence_that_predicts_nothing_is_refused(
    data_copy: Path, seed_copy: Path
) -> None:
    other = _unpredicted(data_copy)
    problems = _problems_after(
        data_copy, seed_copy, paragraph=other["paragraph"], position=other["position"]
    )
    assert any("predicts nothing" in p and "field 'paragraph'" in p for p in problems), problems


def test_a_step_before_its_event_or_the_article_is_refused(
    data_copy: Path, seed_copy: Path
) -> None:
    problems = _problems_after(data_copy, seed_copy, date="2020-01-01")
    assert any("before its deciding event" in p for p in problems), problems
    assert any("before the article's publication" in p for p in problems), problems


def test_a_step_that_changes_nothing_is_refused(data_copy: Path, seed_copy: Path) -> None:
    problems = _problems_after(data_copy, seed_copy, outcome="not_yet")
    assert any("already in force" in p and "field 'outcome'" in p for p in problems), problems
