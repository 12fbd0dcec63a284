"""The fact check gives the verdicts the reference figures call for."""

from __future__ import annotations

import math

import pytest

import analysis
from analysis.errors import ParameterError
from analysis.facts.factcheck import claim_interval, claim_rows, verdict

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
    assert "no source pins 48%" in row["note"]


def test_tolerance_moves_close_claims() -> None:
    strict = claim_rows(analysis.fact_check(tolerance_pp=0.0)).set_index("claim")["verdict"]
    loose = claim_rows(analysis.fact_check(tolerance_pp=3.0)).set_index("claim")["verdict"]
    assert strict["kaz-russians-share-1991"] == "discrepant"
    assert loose["kaz-russians-share-2021"] == "close"


def test_negative_tolerance_is_refused() -> None:
    with pytest.raises(ParameterError, match="tolerance_pp"):
        analysis.fact_check(tolerance_pp=-1)


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
