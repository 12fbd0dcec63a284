"""The cohesion charts plot the facts layer's frames, and describe every value they plot."""

from __future__ import annotations

import pandas as pd

from analysis.presentation import charts


def test_distancing_chart_counts_each_chosen_member() -> None:
    chart = charts.distancing("2022-12-31", "2020-01-01", ["ARM", "KGZ"])
    expected = pd.DataFrame(
        {
            "member": ["ARM", "KGZ"],
            "member_name": ["Armenia", "Kyrgyzstan"],
            "events": [0, 1],
            "first": pd.to_datetime([None, "2022-10-09"]),
        }
    )
    got = chart.frame[["member", "member_name", "events", "first"]]
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, check_categorical=False)
    assert chart.alt == (
        "Bar chart of distancing events per CSTO member, 1 January 2020 to "
        "31 December 2022: Armenia 0, Kyrgyzstan 1."
    )


def test_kind_heatmap_counts_events_by_member_and_kind() -> None:
    chart = charts.kind_heatmap("2022-12-31", "2022-01-01", ["ARM", "KGZ"])
    expected = pd.DataFrame(
        {
            "conflict": [1, 0], "deployment": [1, 1], "diplomacy": [1, 0],
            "exercise": [0, 1], "humanitarian": [0, 0], "institutional": [0, 0],
        },
        index=pd.Index(["ARM", "KGZ"], name="member"),
    )  # fmt: skip
    pd.testing.assert_frame_equal(chart.frame, expected, check_dtype=False, check_index_type=False)
    # Both sent contingents to the CSTO force in Kazakhstan (January 2022).
    assert chart.alt.endswith(
        "ARM: conflict 1, deployment 1, diplomacy 1; KGZ: deployment 1, exercise 1."
    )


def test_timeline_alt_counts_each_members_events_by_direction() -> None:
    chart = charts.timeline("2022-12-31", "2022-06-01", ["ARM"])
    assert list(chart.frame["event"]) == ["lachin-blockade-2022"]
    assert chart.alt == (
        "Timeline of 1 event, 1 June 2022 to 31 December 2022, by CSTO member and "
        "direction: Armenia: 1 neutral."
    )
    for member, part in charts.timeline().frame.groupby("member", observed=True):
        assert f"{part['member_name'].iloc[0]}: " in charts.timeline().alt, member
