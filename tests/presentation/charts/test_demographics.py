"""The census chart plots the facts layer's frame, and describes every value it plots."""

from __future__ import annotations

import pandas as pd

from analysis.presentation import charts
from analysis.presentation.formatting import format_percent


def test_census_chart_holds_the_census_shares_of_the_range() -> None:
    chart = charts.census_shares(["Kazakhs"], 2009, 2021, False)
    expected = pd.DataFrame(
        {"series": ["census", "census"], "year": [2009, 2021], "group": ["Kazakhs", "Kazakhs"],
         "share": [63.06694, 70.35276]}
    )  # fmt: skip
    got = chart.frame[["series", "year", "group", "share"]]
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, atol=5e-6)
    assert chart.alt == (
        "Line chart of ethnic shares of Kazakhstan's population at the censuses 2009-2021: "
        "Kazakhs 63.1% (2009), 70.4% (2021)."
    )


def test_census_alt_states_every_plotted_value_and_the_articles_figures() -> None:
    chart = charts.census_shares()
    for share in chart.frame.loc[chart.frame["series"] == "census", "share"]:
        assert format_percent(share) in chart.alt
    assert "under 40% (1991, accurate)" in chart.alt
    assert "18% (2021, inaccurate)" in chart.alt


def test_alt_text_follows_the_frame() -> None:
    frame = charts.census_shares(show_article_claims=False).frame
    changed = charts.CensusSharesChart(frame.assign(share=frame["share"] + 1))
    assert changed.alt != charts.CensusSharesChart(frame).alt
    assert "article" not in charts.CensusSharesChart(frame).alt.lower()
