"""Every source the data cites has one row, a date accessed and an http(s) URL or a note."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.data import schema
from analysis.data.crosschecks import crosscheck_problems
from analysis.data.validation import validate_package

EditCell = Callable[[str, str, str, str], None]


def _where(table: str, line: int, row: dict[str, str], field: str) -> str:
    return f"{table}.csv, row {line} ({row.get('id', '')}), field '{field}'"


def test_every_cited_source_has_a_row_and_every_row_is_cited() -> None:
    sources = set(analysis.load("sources")["id"])
    cited: set[str] = set()
    for table, field in schema.citations():
        ids = analysis.load(table)[field].dropna()
        assert set(ids) <= sources, (table, field, set(ids) - sources)
        cited |= set(ids)
    assert set(analysis.load("article")["source_id"]) <= cited  # the article is a source too
    assert cited == sources, f"uncited: {sorted(sources - cited)}"


def test_the_descriptor_declares_each_citation_as_a_foreign_key() -> None:
    citations = set(schema.citations())
    assert {"census", "references", "events", "statements"} <= {table for table, _ in citations}
    for table in schema.tables():
        for field in schema.fields(table):
            if field["name"].endswith("source_id"):
                assert (table, field["name"]) in citations, (table, field["name"])


def test_no_free_text_source_columns_are_left() -> None:
    for table in schema.tables():
        names = {field["name"] for field in schema.fields(table)}
        assert not names & {"source", "source_url", "source_title", "date_source",
                             "date_source_url"}, table  # fmt: skip


def test_an_opened_source_has_its_address_day_and_place_and_one_not_opened_says_why() -> None:
    sources = analysis.load("sources")
    for row in sources.itertuples():
        if row.opened:
            assert str(row.url).startswith(("http://", "https://")), row.id
            assert pd.notna(row.date_accessed), row.id
            assert isinstance(row.locator, str), row.id
        else:
            assert pd.isna(row.date_accessed), row.id
            assert isinstance(row.note, str), row.id
            assert row.note.strip(), row.id


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("date_accessed", "", "needs its date accessed"),
        ("locator", "", "needs its locator"),
        ("url", "javascript:alert(1)", "not an http(s) address"),
        ("url", "ftp://example.org/census.pdf", "not an http(s) address"),
    ],
)
def test_validation_fails_on_a_bad_source(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell, field: str, value: str, words: str
) -> None:
    edit_cell("sources", "wp-csto", field, value)
    problems = validate_package(data_copy, seed_copy)
    assert any("sources.csv" in p and words in p for p in problems), problems


def test_validation_fails_on_a_source_id_nobody_defines(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell
) -> None:
    edit_cell("events", "eagle-partner-2023", "source_id", "no-such-source")
    problems = validate_package(data_copy, seed_copy)
    assert any("events.csv" in p and "source_id" in p for p in problems), problems


def test_crosschecks_on_small_tables() -> None:
    opened = {"opened": "true", "locator": "2nd paragraph"}
    tables = {
        "sources": [
            (2, {"id": "a", "date_accessed": "2026-11-27", "url": "https://a.org", **opened}),
            (3, {"id": "b", "date_accessed": "", "url": "https://b.org", **opened}),
            (4, {"id": "c", "date_accessed": "", "url": "", "opened": "false", "note": ""}),
            (5, {"id": "d", "date_accessed": "2026-11-27", "url": "https:///nohost", **opened}),
            (6, {"id": "e", "date_accessed": "2026-11-27", "opened": "false", "note": "gone"}),
        ],
        "claims": [(2, {"id": "x", "quote": "the same words"})],
        "statements": [
            (2, {"id": "x", "verdict": "consistent", "source_id": "a", "quote": "other words"}),
            (3, {"id": "y", "verdict": "discrepant", "source_id": "", "quote": "the same words"}),
            (4, {"id": "z", "verdict": "unverified", "source_id": "", "quote": "more words"}),
        ],
        "references": [
            (2, {"id": "r1", "claim_id": "x", "primary": "true"}),
            (3, {"id": "r2", "claim_id": "x", "primary": "true"}),
            (4, {"id": "r3", "claim_id": "w", "primary": "false"}),
        ],
    }
    problems = crosscheck_problems(tables, _where)
    assert problems == [
        "sources.csv, row 3 (b), field 'date_accessed': an opened source needs its date accessed",
        "sources.csv, row 4 (c), field 'note': a source that was not opened needs a note that"
        " says why and what was searched",
        "sources.csv, row 5 (d), field 'url': 'https:///nohost' is not an http(s) address",
        "sources.csv, row 6 (e), field 'date_accessed': a source that was not opened has no"
        " date accessed (set opened to true)",
        "statements.csv, row 3 (y), field 'quote': claim x already checks these words; one quote,"
        " one verdict (quote the part of the sentence the statement's verdict rests on)",
        "statements.csv, row 2 (x), field 'id': the id is also a claim's id",
        "statements.csv, row 3 (y), field 'source_id': a verdict 'discrepant' needs the source"
        " that decides it",
        "references.csv, row 2 (r1), field 'primary': claim x has 2 primary references;"
        " it needs exactly one",
        "references.csv, row 4 (r3), field 'primary': claim w has 0 primary references;"
        " it needs exactly one",
    ]
