"""The fact check gives the verdicts the reference figures call for."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
from analysis.errors import ParameterError
from analysis.facts.factcheck import claim_interval, claim_rows, verdict
from tests.facts.tables import fact_tables

EXPECTED = {
    "kaz-russians-share-1991": "close",  # on the de facto population; consistent on the permanent
    "kaz-kazakhs-share-1991": "consistent",  # on the de facto population; close on the permanent
    "kaz-kazakhs-share-2021": "consistent",
    "kaz-russians-share-2021": "discrepant",
    "kaz-census-interval-years": "consistent",
    "usa-private-investment-kaz": "consistent",
    "usa-assistance-kaz": "consistent",
    "eu-share-kaz-fdi": "unverified",
    "eu-share-kaz-trade": "discrepant",
    "aze-nk-armenian-population": "consistent",
    "csto-member-count": "consistent",
    "csto-non-russian-member-count": "consistent",
    "rus-troops-to-kaz-2022": "consistent",
}


def test_one_row_per_claim_in_the_claims_order() -> None:
    checked = claim_rows(analysis.fact_check())
    assert list(checked["claim"]) == list(analysis.load("claims")["id"])


@pytest.mark.parametrize(("claim", "expected"), sorted(EXPECTED.items()))
def test_verdicts_with_the_reference_figures(claim: str, expected: str) -> None:
    checked = claim_rows(analysis.fact_check()).set_index("claim")
    assert checked.loc[claim, "verdict"] == expected


def test_census_references_are_derived_from_counts() -> None:
    checked = claim_rows(analysis.fact_check()).set_index("claim")
    assert checked.loc["kaz-russians-share-2021", "reference"] == pytest.approx(
        100 * 2_981_946 / 19_186_015
    )
    assert checked.loc["kaz-russians-share-2021", "difference"] == pytest.approx(15.542 - 18, 1e-3)
    assert "2021" in checked.loc["kaz-russians-share-2021", "source"]


def test_unverified_claims_have_no_reference_and_keep_their_note() -> None:
    checked = claim_rows(analysis.fact_check()).set_index("claim")
    row = checked.loc["eu-share-kaz-fdi"]
    assert row["reference"] is analysis.load("claims")["value"].dtype.na_value
    assert row["note"].startswith("Unverified")


def test_tolerance_moves_close_claims() -> None:
    strict = claim_rows(analysis.fact_check(tolerance_pp=0.0)).set_index("claim")["verdict"]
    loose = claim_rows(analysis.fact_check(tolerance_pp=3.0)).set_index("claim")["verdict"]
    assert strict["kaz-russians-share-1991"] == "discrepant"
    assert loose["kaz-russians-share-2021"] == "close"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"tolerance_pp": -1}, "tolerance_pp must be a number from 0 to 100, not -1"),
     ({"tolerance_pp": math.nan}, "tolerance_pp must be a number"),
     ({"tolerance_pp": 1e308}, "tolerance_pp must be a number from 0 to 100"),
     ({"tolerance_pp": True}, "tolerance_pp must be a number"),
     ({"tolerance_rel": 2.0}, "tolerance_rel must be a number from 0 to 1, not 2.0")],
)  # fmt: skip
def test_bad_tolerances_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        analysis.fact_check(**kwargs, data={})


def test_verdicts_of_small_tables() -> None:
    checked = analysis.fact_check(data=fact_tables()).set_index("claim")
    assert checked["verdict"].to_dict() == {
        "inside": "consistent", "near": "close", "far": "discrepant", "bare": "unverified",
        "census": "consistent",
    }  # fmt: skip
    assert checked.loc["census", "reference"] == 25.0
    assert checked.loc["far", "difference"] == pytest.approx(5.0)
    assert pd.isna(checked.loc["bare", "reference"])


def test_reference_values_fill_census_shares_from_counts() -> None:
    references = analysis.reference_values(data=fact_tables()).set_index("claim_id")
    assert references.loc["census", "value"] == 25.0
    assert references.loc["near", "value"] == 41.0


@pytest.mark.parametrize(
    ("value", "comparator", "interval"),
    [(37, "=", (36.5, 37.5)), (37.5, "=", (37.45, 37.55)), (40, "<", (-math.inf, 40)),
     (31e9, ">", (31e9, math.inf)), (100, "~", (90, 110))],
)  # fmt: skip
def test_claim_interval(value: float, comparator: str, interval: tuple[float, float]) -> None:
    assert claim_interval(value, comparator) == pytest.approx(interval)


def test_comparator_counts() -> None:
    assert verdict(40, "<", "percent", 39.7) == "consistent"
    assert verdict(40, "=", "percent", 39.7) == "consistent"
    assert verdict(40, ">", "percent", 39.7) == "close"
    assert verdict(31e9, ">", "USD", 50e9) == "consistent"
    assert verdict(31e9, ">", "USD", None) == "unverified"
    assert verdict(120_000, "~", "persons", 150_000) == "discrepant"
