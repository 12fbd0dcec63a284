"""The tables that test the thesis: votes, summits and exercises, one row per member each."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

import analysis
from analysis.data import schema
from analysis.data.crosschecks import PER_MEMBER, UNSETTLED
from analysis.data.validation import validate_package

EditCell = Callable[[str, str, str, str], None]


def _edit_row(data_dir: Path, table: str, match: dict[str, str], field: str, value: str) -> None:
    """Set one field of the rows of `table` whose columns equal `match`."""
    path = data_dir / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    hits = [row for row in rows if all(row[key] == cell for key, cell in match.items())]
    assert hits, (table, match)
    for row in hits:
        row[field] = value
    _write(path, rows)


def _drop_row(data_dir: Path, table: str, match: dict[str, str]) -> None:
    path = data_dir / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kept = [row for row in rows if not all(row[key] == cell for key, cell in match.items())]
    assert len(kept) == len(rows) - 1, (table, match)
    _write(path, kept)


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _first(table: str, **where: str) -> dict[str, str]:
    """The first row of a shipped table (as text) whose columns equal `where`."""
    frame = analysis.load(table).astype("string").fillna("")
    for column, value in where.items():
        frame = frame.loc[frame[column] == value]
    assert not frame.empty, (table, where)
    return {str(key): str(value) for key, value in frame.iloc[0].items()}


# (table, the row's key columns taken from the first shipped row, field, bad value, words)
BAD = [
    pytest.param("votes", ("resolution", "member"), "resolution", "A/RES/ES-99/1", "not found",
                 id="vote-on-unknown-resolution"),
    pytest.param("votes", ("resolution", "member"), "member", "UKR", "not found",
                 id="vote-of-a-non-member"),
    pytest.param("votes", ("resolution", "member"), "vote", "maybe", "enum",
                 id="vote-outside-vocabulary"),
    pytest.param("resolutions", ("id",), "yes", "-1", "minimum", id="negative-total"),
    pytest.param("resolutions", ("id",), "symbol_source_id", "no-such-source", "not found",
                 id="unknown-symbol-source"),
    pytest.param("resolutions", ("id",), "id", "ES-11/1", "pattern", id="symbol-not-a-un-symbol"),
    pytest.param("summit_attendance", ("summit", "member"), "summit", "csc-1999-nowhere",
                 "not found", id="attendance-at-unknown-summit"),
    pytest.param("summit_attendance", ("summit", "member"), "attendance", "late", "enum",
                 id="attendance-outside-vocabulary"),
    pytest.param("summits", ("id",), "format", "hybrid", "enum",
                 id="summit-format-outside-vocabulary"),
    pytest.param("exercises", ("id",), "host", "XYZ", "not found", id="exercise-host-unknown"),
    pytest.param("exercise_participation", ("exercise", "member"), "sent_troops", "some", "enum",
                 id="troops-outside-vocabulary"),
    pytest.param("exercise_participation", ("exercise", "member"), "source_id", "no-such-source",
                 "not found", id="participation-source-unknown"),
]  # fmt: skip


@pytest.mark.parametrize(("table", "key", "field", "value", "words"), BAD)
def test_a_bad_cell_is_refused_naming_file_row_and_field(
    data_copy: Path, seed_copy: Path, table: str, key: tuple[str, ...], field: str, value: str,
    words: str,
) -> None:  # fmt: skip
    row = _first(table)
    _edit_row(data_copy, table, {column: row[column] for column in key}, field, value)
    problems = validate_package(data_copy, seed_copy)
    hits = [p for p in problems if f"{table}.csv" in p and words in p.lower()]
    assert hits, problems
    assert "row " in hits[0]
    assert "field" in hits[0]


@pytest.mark.parametrize("table", list(PER_MEMBER))
def test_a_missing_member_row_is_refused(data_copy: Path, seed_copy: Path, table: str) -> None:
    column, parent = PER_MEMBER[table]
    row = _first(table)
    _drop_row(data_copy, table, {column: row[column], "member": row["member"]})
    problems = validate_package(data_copy, seed_copy)
    assert any(f"{parent}.csv" in p and row[column] in p and f"no row for {row['member']}" in p
               for p in problems), problems  # fmt: skip


@pytest.mark.parametrize(
    ("table", "field"), [(table, field) for table, fields in UNSETTLED.items() for field in fields]
)
def test_an_open_value_without_a_note_is_refused(
    data_copy: Path, seed_copy: Path, table: str, field: str
) -> None:
    column = PER_MEMBER[table][0]
    row = _first(table, **{field: UNSETTLED[table][field][-1]})
    _edit_row(data_copy, table, {column: row[column], "member": row["member"]}, "note", "")
    problems = validate_package(data_copy, seed_copy)
    assert any(f"{table}.csv" in p and "'note'" in p and "leaves the fact open" in p
               for p in problems), problems  # fmt: skip


def test_troops_at_a_cancelled_exercise_are_refused(data_copy: Path, seed_copy: Path) -> None:
    cancelled = _first("exercises", held="False")
    _edit_row(
        data_copy, "exercise_participation", {"exercise": cancelled["id"]}, "sent_troops", "yes"
    )
    problems = validate_package(data_copy, seed_copy)
    assert any("exercise_participation.csv" in p and "cancelled" in p for p in problems), problems


@pytest.mark.parametrize(("table", "parent"), [(t, p) for t, (_, p) in PER_MEMBER.items()])
def test_every_row_has_one_row_per_member_and_names_an_existing_parent(
    table: str, parent: str
) -> None:
    column = PER_MEMBER[table][0]
    rows = analysis.load(table)
    parents = set(analysis.load(parent)["id"])
    members = sorted(analysis.load("members")["code"])
    assert set(rows[column]) == parents
    for _, group in rows.groupby(column):
        assert sorted(group["member"]) == members


def test_each_open_vote_leaves_possible_votes_of_the_vocabulary() -> None:
    field = next(f for f in schema.fields("votes") if f["name"] == "vote")
    possible = field["x-possible"]
    vocabulary = schema.vocabulary("votes", "vote")
    assert list(possible) == vocabulary
    cast = [vote for vote in vocabulary if possible[vote] == [vote]]
    for vote, votes in possible.items():
        assert set(votes) <= set(cast), vote
        assert votes, vote
