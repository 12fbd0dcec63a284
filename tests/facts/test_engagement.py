"""The article's EU and US figures beside their references, for the partners chosen."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.errors import ParameterError
from analysis.facts.factcheck import claim_rows


def test_claims_are_the_fact_check_rows_about_the_partners() -> None:
    claims = analysis.engagement_claims()
    checked = claim_rows(analysis.fact_check()).set_index("claim")
    assert set(claims["partner"].astype(str)) == {"EU", "USA"}
    for column in ("value", "reference", "verdict"):
        expected = checked.loc[claims["claim"], column].reset_index(drop=True)
        pd.testing.assert_series_equal(claims[column], expected, check_names=False)


def test_eu_trade_is_discrepant_against_the_ministry_figure() -> None:
    claims = analysis.engagement_claims(["EU"]).set_index("claim")
    assert claims.loc["eu-share-kaz-trade", "reference"] == 30.0
    assert claims.loc["eu-share-kaz-trade", "verdict"] == "discrepant"
    assert claims.loc["eu-share-kaz-fdi", "verdict"] == "unverified"
    assert claims["partner_name"].unique().tolist() == ["European Union"]


def test_partners_come_in_the_order_asked() -> None:
    claims = analysis.engagement_claims(["USA", "EU"])
    assert list(dict.fromkeys(claims["partner"].astype(str))) == ["USA", "EU"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"partners": ["China"]}, "partners has 'China', not among the partners in the data"),
        ({"partners": ["EU", "EU"]}, "partners has 'EU' twice"),
        ({"tolerance_pp": -1.0}, "tolerance_pp must be a number from 0 to 100"),
    ],
)
def test_bad_arguments_are_parameter_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        analysis.engagement_claims(**kwargs)


def test_chart_frame_has_an_article_row_per_claim_and_a_row_per_reference() -> None:
    frame = analysis.engagement_chart_frame()
    claims = analysis.engagement_claims()
    assert (frame["series"] == "article").sum() == len(claims)
    assert (frame["series"] == "reference").sum() == claims["reference"].notna().sum()
    reference = frame.loc[frame["series"] == "reference"].set_index("claim")
    assert reference.loc["eu-share-kaz-trade", "value"] == 30.0


def test_chart_frame_for_a_claim_without_a_reference() -> None:
    frame = analysis.engagement_chart_frame(["EU"])
    fdi = frame.loc[frame["claim"] == "eu-share-kaz-fdi"]
    assert list(fdi["series"]) == ["article"]
    usa = analysis.engagement_chart_frame(["USA"])
    assert set(usa["series"]) == {"article", "reference"}  # both US claims are now checked
    assert set(usa["unit"]) == {"USD"}
