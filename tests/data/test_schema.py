"""The descriptor is a valid Frictionless data package and the source of truth for dtypes."""

from __future__ import annotations

import json

import frictionless
import pytest

from analysis.data import schema
from analysis.paths import DATA_DIR, DESCRIPTOR_NAME


def test_descriptor_passes_the_frictionless_standard() -> None:
    report = frictionless.validate(str(DATA_DIR / DESCRIPTOR_NAME))
    assert report.valid, report.flatten(["type", "note"])


def test_descriptor_names_a_licence_and_sources() -> None:
    descriptor = json.loads((DATA_DIR / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"]
    assert any("cepa.org" in source.get("path", "") for source in descriptor["sources"])


def test_every_table_has_a_csv_and_a_primary_key() -> None:
    for name in schema.tables():
        resource = schema.resource(name)
        assert (DATA_DIR / resource["path"]).is_file()
        assert resource["schema"]["primaryKey"]


def test_required_tables_are_described() -> None:
    assert {"claims", "census", "references", "events", "members"} <= set(schema.tables())


def test_vocabulary_comes_from_the_descriptor() -> None:
    assert schema.vocabulary("events", "direction") == [
        "cohesion",
        "distancing",
        "western_engagement",
        "neutral",
    ]
    assert schema.vocabulary("claims", "comparator") == ["=", "<", ">", "~"]


def test_unknown_table_error_lists_the_tables() -> None:
    with pytest.raises(KeyError, match="claims"):
        schema.resource("nope")
