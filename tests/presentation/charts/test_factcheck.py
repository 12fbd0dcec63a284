"""The fact-check charts plot the facts layer's frames, and describe every value they plot."""

from __future__ import annotations

import pandas as pd

from analysis.facts.checks import verdict_counts
from analysis.presentation import charts, theme
from analysis.presentation.formatting import format_stated


def test_verdict_counts_chart_plots_the_count_of_each_verdict() -> None:
    chart = charts.verdict_counts(1.0)
    expected = verdict_counts(1.0)[["verdict", "claims"]]
    pd.testing.assert_frame_equal(
        chart.frame.assign(verdict=chart.frame["verdict"].astype(str)).reset_index(drop=True),
        expected.assign(verdict=expected["verdict"].astype(str)).reset_index(drop=True),
    )
    counted = [f"{theme.verdict_label(v)} {n}" for v, n in expected.itertuples(index=False) if n]
    assert chart.alt == (
        f"Bar chart of the article's {expected['claims'].sum()} claims by verdict: "
        + ", ".join(counted)
        + "."
    )


def test_a_wider_tolerance_moves_a_claim_from_discrepant_to_close() -> None:
    wide = charts.verdict_counts(3.0).frame.set_index("verdict")["claims"]
    narrow = charts.verdict_counts(1.0).frame.set_index("verdict")["claims"]
    assert wide["close"] > narrow["close"]
    assert wide.sum() == narrow.sum()


def test_claim_bands_alt_states_each_claim_and_its_reference() -> None:
    chart = charts.claim_bands(1.0)
    assert len(chart.frame) == chart.frame["claim"].nunique()
    assert "reference 37.8% (+0.8 pp, nearly accurate)" in chart.alt
    for row in chart.frame.itertuples():
        assert f"{row.indicator} {format_stated(row.value, row.unit, row.comparator)}" in chart.alt
        assert f", {theme.verdict_label(row.verdict)})" in chart.alt


def test_a_small_frame_draws_and_describes_itself() -> None:
    frame = pd.DataFrame({"verdict": ["consistent", "discrepant"], "claims": [2, 1]})
    chart = charts.VerdictCountsChart(frame)
    assert chart.alt.endswith("3 claims by verdict: accurate 2, inaccurate 1.")
    fig = chart.draw()
    assert [label.get_text() for label in fig.axes[0].get_yticklabels()] == [
        "inaccurate",
        "accurate",
    ]
