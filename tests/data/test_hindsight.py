"""An event after the article is marked `hindsight`, carries no quote and is dated after it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import analysis
from analysis.data.crosschecks import crosscheck_problems
from analysis.data.validation import validate_package

EditCell = Callable[[str, str, str, str], None]


def _where(table: str, line: int, row: dict[str, str], field: str) -> str:
    return f"{table}.csv, row {line} ({row.get('id', '')}), field '{field}'"


def _event(ident: str, date: str, hindsight: str, quote: str = "") -> dict[str, str]:
    return {"id": ident, "date": date, "hindsight": hindsight, "quote": quote}


def test_hindsight_rules_on_small_tables() -> None:
    tables = {
        "article": [(2, {"source_id": "cepa-article"})],
        "sources": [(2, {"id": "cepa-article", "date_published": "2023-09"})],
        "events": [
            (2, _event("cited", "2023-09-19", "false", "scheduled to meet")),
            (3, _event("after", "2024-02-22", "true")),
            (4, _event("quoted-after", "2024-02-22", "true", "the article's words")),
            (5, _event("too-early", "2023-08-31", "true")),
            (6, _event("unmarked", "2023-10-01", "false")),
            (7, _event("context", "2023-09-30", "false")),
        ],
    }
    problems = [p for p in crosscheck_problems(tables, _where) if p.startswith("events")]
    assert problems == [
        "events.csv, row 4 (quoted-after), field 'quote': an event after the article (hindsight"
        " true) cannot be quoted from it; empty the quote or set hindsight to false",
        "events.csv, row 5 (too-early), field 'hindsight': 2023-08-31 is before the article's"
        " publication (2023-09, sources row cepa-article); an earlier event is not hindsight",
        "events.csv, row 6 (unmarked), field 'hindsight': 2023-10-01 is after the article's"
        " publication (2023-09, sources row cepa-article) and the article does not quote it;"
        " set hindsight to true",
    ]


def test_a_quoted_event_marked_hindsight_is_refused(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell
) -> None:
    edit_cell("events", "eagle-partner-2023", "hindsight", "true")
    problems = validate_package(data_copy, seed_copy)
    assert any("events.csv" in p and "eagle-partner-2023" in p and "'quote'" in p
               for p in problems), problems  # fmt: skip


def test_an_event_before_the_article_marked_hindsight_is_refused(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell
) -> None:
    edit_cell("events", "arm-appeals-csto-2022", "hindsight", "true")
    problems = validate_package(data_copy, seed_copy)
    assert any("arm-appeals-csto-2022" in p and "before the article's publication" in p
               for p in problems), problems  # fmt: skip


def test_every_hindsight_event_is_uncited_and_every_cited_event_is_not_hindsight() -> None:
    events = analysis.load("events")
    assert events.loc[events["hindsight"], "quote"].isna().all()
    assert not events.loc[events["quote"].notna(), "hindsight"].any()
