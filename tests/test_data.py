"""Tables load validated, with the dtypes the descriptor gives; `import analysis` stays cheap."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.data import schema
from tests.conftest import heavy_imports


@pytest.mark.parametrize("name", schema.tables())
def test_each_table_loads_with_the_descriptors_columns_and_dtypes(name: str) -> None:
    frame = analysis.load(name)
    fields = schema.fields(name)
    assert list(frame.columns) == [field["name"] for field in fields]
    assert len(frame) > 0
    for field in fields:
        column = frame[field["name"]]
        kind = field["type"]
        if "enum" in field.get("constraints", {}):
            assert isinstance(column.dtype, pd.CategoricalDtype)
            assert list(column.cat.categories) == field["constraints"]["enum"]
        elif kind == "date":
            assert pd.api.types.is_datetime64_dtype(column)
        elif kind == "integer":
            assert column.dtype == "Int64"
        elif kind == "number":
            assert column.dtype == "Float64"
        elif kind == "boolean":
            assert column.dtype == "boolean"
        else:
            assert column.dtype == "string"


def test_tables_lists_the_descriptors_resources() -> None:
    assert analysis.tables() == schema.tables()


def test_claims_cover_every_figure_the_article_states() -> None:
    claims = analysis.load("claims").set_index("id")
    assert len(claims) >= 13
    values = {(row.subject, row.value, row.unit) for row in claims.itertuples()}
    for expected in [
        ("KAZ", 37, "percent"), ("KAZ", 40, "percent"), ("KAZ", 70, "percent"),
        ("KAZ", 18, "percent"), ("KAZ", 30, "years"), ("USA", 31e9, "USD"),
        ("USA", 1e9, "USD"), ("EU", 48, "percent"), ("EU", 40, "percent"),
        ("AZE", 120_000, "persons"), ("CSTO", 6, "count"), ("CSTO", 5, "count"),
        ("RUS", 1000, "persons"),
    ]:  # fmt: skip
        assert expected in values


def test_events_hold_at_least_the_sixteen_dated_events() -> None:
    events = analysis.load("events")
    assert len(events) >= 16
    assert events["date"].notna().all()
    spans = events.dropna(subset=["end_date"])
    assert (spans["end_date"] >= spans["date"]).all()


def test_members_are_the_six_csto_states() -> None:
    members = analysis.load("members")
    assert sorted(members["code"]) == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def test_census_holds_counts_not_shares() -> None:
    census = analysis.load("census")
    assert set(census["year"]) == {1989, 1999, 2009, 2021}
    assert set(census["group"]) == {"Total", "Kazakhs", "Russians"}
    assert (census["count"] > 100_000).all()


def test_seed_text_is_the_article() -> None:
    assert "Putin" in analysis.seed_text()


def test_import_analysis_does_not_import_pandas_or_jupyter() -> None:
    assert heavy_imports("import analysis") == []


def test_unknown_public_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = analysis.no_such_thing  # type: ignore[attr-defined]
