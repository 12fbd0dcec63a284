"""`validate` refuses what the build could not take: markup, BOMs, CRs, NaN, implausible values."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.data.validation import provenance_problems
from tests.conftest import EditCell


@pytest.mark.parametrize(
    ("table", "field", "value", "words"),
    [
        ("events", "title", "Summit <script>alert(1)</script>", "an HTML tag"),
        ("events", "note", "see <img src=x onerror=alert(1)>", "an HTML tag"),
        ("events", "title", "[click](https://example.org)", "a Markdown link"),
        ("events", "note", "![p](x.png)", "a Markdown link or image"),
        ("events", "note", "JavaScript :alert(1)", "a script link"),
        ("sources", "url", "javascript:alert(1)", "not an http(s) address"),
        ("sources", "title", "<a href=x>t</a>", "an HTML tag"),
        ("references", "value", "NaN", "not a finite number"),
        ("references", "value", "-INF", "not a finite number"),
    ],
)
def test_markup_bad_urls_and_non_finite_numbers_are_one_line_each(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell, table: str, field: str, value: str,
    words: str,
) -> None:  # fmt: skip
    first = (data_copy / f"{table}.csv").read_text(encoding="utf-8").splitlines()[1]
    row_id = "ref-kaz-russians-1989-permanent" if table == "references" else first.split(",")[0]
    edit_cell(table, row_id, field, value)
    problems = provenance_problems(data_copy, seed_copy)
    assert len(problems) == 1, problems
    assert f"{table}.csv" in problems[0]
    assert f"field '{field}'" in problems[0]
    assert words in problems[0]


def test_a_percentage_outside_0_100_is_refused(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell
) -> None:
    edit_cell("references", "ref-kaz-russians-1989-permanent", "value", "137.4")
    (problem,) = provenance_problems(data_copy, seed_copy)
    assert "outside 0-100 for unit 'percent'" in problem


def test_a_table_with_crlf_is_refused_and_one_with_a_bom_read_whole(
    data_copy: Path, seed_copy: Path
) -> None:
    path = data_copy / "census.csv"
    original = path.read_bytes()
    path.write_bytes(original.replace(b"\n", b"\r\n"))
    (problem,) = provenance_problems(data_copy, seed_copy)
    assert "census.csv" in problem
    assert "carriage returns" in problem
    path.write_bytes(b"\xef\xbb\xbf" + original)
    assert provenance_problems(data_copy, seed_copy) == []
