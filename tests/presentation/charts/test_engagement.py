"""The Western engagement chart plots the facts layer's frame and describes every claim on it."""

from __future__ import annotations

import pandas as pd

from analysis.presentation import charts


def test_engagement_chart_holds_the_articles_figures_and_references() -> None:
    chart = charts.engagement(["EU"])
    expected = pd.DataFrame(
        {
            "claim": ["eu-share-kaz-fdi", "eu-share-kaz-trade", "eu-share-kaz-trade"],
            "series": ["article", "article", "reference"],
            "value": [48.0, 40.0, 30.0],
            "verdict": ["unverified", "discrepant", "discrepant"],
        }
    )
    got = chart.frame[["claim", "series", "value", "verdict"]]
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert chart.alt.startswith("Bar chart of the article's figures on European Union")
    assert "article 48%, no reference (unverified)" in chart.alt
    assert "article 40%, reference 30.0% (inaccurate)" in chart.alt


def test_every_claim_on_the_chart_is_described() -> None:
    chart = charts.engagement()
    for indicator in chart.frame["indicator"].unique():
        assert f"{indicator}: article" in chart.alt
