"""Census shares are derived from the counts, and filtered as asked."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.errors import ParameterError


def test_shares_equal_count_over_total_computed_with_plain_pandas() -> None:
    census = analysis.load("census")
    wide = census.pivot(index="year", columns="group", values="count")
    expected = (100 * wide["Russians"] / wide["Total"]).astype("Float64")
    shares = analysis.census_shares(groups=["Russians"]).set_index("year")["share"]
    pd.testing.assert_series_equal(shares, expected, check_names=False)


def test_published_figures_come_out() -> None:
    shares = analysis.census_shares().set_index(["year", "group"])["share"].round(1)
    assert shares[(1989, "Kazakhs")] == 39.7
    assert shares[(1989, "Russians")] == 37.8
    assert shares[(2021, "Kazakhs")] == 70.4
    assert shares[(2021, "Russians")] == 15.5


def test_filters_by_group_and_year() -> None:
    frame = analysis.census_shares(groups=["Kazakhs"], years=[1999, 2021])
    assert list(frame["year"]) == [1999, 2021]
    assert set(frame["group"]) == {"Kazakhs"}
    assert list(frame.columns[:7]) == ["year", "date", "census", "group", "count", "total", "share"]


def test_total_is_not_a_group() -> None:
    assert analysis.census_groups() == ["Kazakhs", "Russians"]
    assert analysis.census_years() == [1989, 1999, 2009, 2021]


@pytest.mark.parametrize(("groups", "years"), [(["Uzbeks"], None), (None, [1991])])
def test_unknown_group_or_year_is_a_parameter_error(groups, years) -> None:
    with pytest.raises(ParameterError, match="choose from"):
        analysis.census_shares(groups=groups, years=years)
