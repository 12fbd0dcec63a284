"""The chart of a cohesion sweep: lines per member over the cut-off dates, described in full."""

from __future__ import annotations

import pandas as pd

from analysis.presentation.charts.sweeps import MemberCountsChart


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "member": ["ARM", "ARM", "RUS", "RUS"],
            "member_name": pd.array(["Armenia", "Armenia", "Russia", "Russia"], dtype="string"),
            "as_of": ["2022-06-30", "2023-09-30"] * 2,
            "events": [5, 12, 5, 6],
            "distancing": [0, 3, 0, 0],
        }
    )


def test_the_description_names_every_date_and_every_count() -> None:
    alt = MemberCountsChart(_frame()).alt
    assert "30 June 2022 and 30 September 2023" in alt
    assert "Armenia 5, 12; Russia 5, 6." in alt


def test_the_files_are_the_same_bytes_each_time_and_the_csv_is_the_frame() -> None:
    first, second = MemberCountsChart(_frame()).files(), MemberCountsChart(_frame()).files()
    assert first == second
    assert first["png"].startswith(b"\x89PNG")
    assert first["csv"].decode().splitlines()[1] == "ARM,Armenia,2022-06-30,5,0"
