"""Two copies of CSV tables compared row by row, on their keys, as text."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.data.compare import diff_rows, leading_key, linked_rows, package_changes, read_rows


def test_rows_are_matched_on_their_key_and_compared_field_by_field() -> None:
    old = [{"id": "a", "v": "1"}, {"id": "b", "v": "2"}]
    new = [{"id": "b", "v": "3"}, {"id": "c", "v": "4"}]
    changes = diff_rows("t", old, new, ["id"])
    assert [(c.change, c.key) for c in changes] == [
        ("added", {"id": "c"}), ("changed", {"id": "b"}), ("removed", {"id": "a"})
    ]  # fmt: skip
    assert [(f.field, f.old, f.new) for f in changes[1].fields] == [("v", "2", "3")]
    assert changes[1].label == "t[id=b]"


def test_a_table_without_a_key_is_matched_on_its_shortest_telling_columns() -> None:
    rows = [{"series": "a", "year": "1", "v": "5"}, {"series": "a", "year": "2", "v": "5"}]
    assert leading_key(["series", "year", "v"], rows) == ["series", "year"]
    assert leading_key(["series", "v"], rows + rows) == ["series", "v"]


def test_a_byte_order_mark_is_not_part_of_the_first_column(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeffid,v\na,1\n".encode())
    assert read_rows(path) == (["id", "v"], [{"id": "a", "v": "1"}])
    assert read_rows(tmp_path / "missing.csv") == ([], [])


def _package(folder: Path, tables: dict[str, str]) -> dict[str, object]:
    folder.mkdir()
    resources = [
        {"name": "claims", "path": "claims.csv", "schema": {"primaryKey": ["id"]}},
        {"name": "refs", "path": "refs.csv", "schema": {"primaryKey": "id", "foreignKeys": [
            {"fields": "claim", "reference": {"resource": "claims", "fields": "id"}},
            {"fields": ["year"], "reference": {"resource": "counts", "fields": ["year"]}},
        ]}},
        {"name": "counts", "path": "counts.csv", "schema": {"primaryKey": ["year"]}},
    ]  # fmt: skip
    descriptor = {"resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return descriptor


TABLES = {
    "claims": "id,value\nc1,5\nc2,6\n",
    "refs": "id,claim,year\nr1,c1,2021\nr2,c2,1999\n",
    "counts": "year,count\n2021,10\n1999,20\n",
}


def test_a_claims_rows_are_its_own_those_pointing_at_it_and_theirs(tmp_path: Path) -> None:
    descriptor = _package(tmp_path / "p", TABLES)
    tables = {name: read_rows(tmp_path / "p" / f"{name}.csv") for name in TABLES}
    linked = linked_rows(descriptor, tables, "claims", "c1")
    assert [(table, row["id" if "id" in row else "year"]) for table, row in linked] == [
        ("claims", "c1"), ("refs", "r1"), ("counts", "2021")
    ]  # fmt: skip


def test_packages_are_compared_table_by_table(tmp_path: Path) -> None:
    _package(tmp_path / "old", TABLES)
    _package(tmp_path / "new", {**TABLES, "counts": "year,count\n2021,11\n1999,20\n"})
    [change] = package_changes(tmp_path / "old", tmp_path / "new")
    assert (change.label, change.fields[0].old, change.fields[0].new) == (
        "counts[year=2021]",
        "10",
        "11",
    )
