"""Tables load validated, with the dtypes the descriptor gives; `import analysis` stays cheap."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.data import schema
from analysis.data.loading import Dataset
from analysis.paths import DATA_DIR, DESCRIPTOR_NAME
from tests.conftest import heavy_imports

EditCell = Callable[[str, str, str, str], None]


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


def test_tables_are_the_descriptors_resources_in_its_order(tmp_path: Path) -> None:
    resources = [{"name": name, "path": f"{name}.csv", "schema": {"fields": []}}
                 for name in ("zebra", "aardvark")]  # fmt: skip
    (tmp_path / DESCRIPTOR_NAME).write_text(json.dumps({"resources": resources}), "utf-8")
    assert analysis.tables(tmp_path) == ["zebra", "aardvark"]
    descriptor = json.loads((DATA_DIR / DESCRIPTOR_NAME).read_text("utf-8"))
    assert analysis.tables() == [resource["name"] for resource in descriptor["resources"]]


def test_a_dataset_reads_a_copy_of_the_package(
    data_copy: Path, seed_copy: Path, edit_cell: EditCell
) -> None:
    edit_cell("actors", "KAZ", "name", "Qazaqstan")
    data = Dataset(data_copy, seed_copy)
    names = dict(zip(data["actors"]["code"], data["actors"]["name"], strict=True))
    assert names["KAZ"] == "Qazaqstan"
    assert list(data) == schema.tables(data_copy)
    assert data.seed == seed_copy.read_text(encoding="utf-8")


def test_a_dataset_hands_out_copies(data_copy: Path, seed_copy: Path) -> None:
    data = Dataset(data_copy, seed_copy)
    first = data["members"]
    first.loc[0, "code"] = "XXX"
    assert data["members"].loc[0, "code"] != "XXX"


def test_a_table_with_a_byte_order_mark_reads_as_without(data_copy: Path, seed_copy: Path) -> None:
    path = data_copy / "actors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    frame = Dataset(data_copy, seed_copy)["actors"]
    assert list(frame.columns) == [f["name"] for f in schema.fields("actors")]


def test_frame_of_types_rows_as_load_types_the_csv() -> None:
    frame = analysis.frame_of("members", [{"code": "ARM", "joined": "1992-05-15",
                                           "stance": "distancing"}])  # fmt: skip
    loaded = analysis.load("members")
    assert list(frame.columns) == list(loaded.columns)
    assert (frame.dtypes == loaded.dtypes).all()
    assert frame.loc[0, "joined"] == pd.Timestamp("1992-05-15")
    assert pd.isna(frame.loc[0, "note"])


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
