"""Census shares are derived from the counts, and filtered as asked."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.errors import DataError, ParameterError
from tests.facts.tables import census


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


def test_total_is_not_a_group_and_the_years_are_the_tables() -> None:
    census = analysis.load("census")
    groups = census["group"].astype(str)
    assert set(analysis.census_groups()) == set(groups) - {"Total"}
    assert analysis.census_years() == sorted(set(census["year"].astype(int)))


@pytest.mark.parametrize(
    ("groups", "years", "message"),
    [(["Uzbeks"], None, "groups has 'Uzbeks', not among the census groups: Kazakhs, Russians"),
     (None, [1991], "years has 1991, not among the census years: 1989, 1999, 2009, 2021"),
     (["Kazakhs", "Kazakhs"], None, "groups has 'Kazakhs' twice"),
     ([], None, "groups is empty")],
)  # fmt: skip
def test_unknown_group_or_year_is_a_parameter_error(groups, years, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        analysis.census_shares(groups=groups, years=years)


def test_shares_of_small_tables_are_count_over_total() -> None:
    data = {"census": census({2000: {"Total": 200, "Kazakhs": 50, "Russians": 100},
                              2010: {"Total": 400, "Kazakhs": 300}})}  # fmt: skip
    frame = analysis.census_shares(data=data)
    assert list(zip(frame["year"], frame["group"], frame["share"], strict=True)) == [
        (2000, "Kazakhs", 25.0), (2000, "Russians", 50.0), (2010, "Kazakhs", 75.0),
    ]  # fmt: skip
    assert analysis.census_years(data=data) == [2000, 2010]
    assert analysis.census_groups(data=data) == ["Kazakhs", "Russians"]


def test_the_vocabularies_follow_the_tables_given() -> None:
    data = {"census": census({2005: {"Total": 10, "Russians": 4}})}
    assert analysis.census_groups(data=data) == ["Russians"]
    with pytest.raises(ParameterError, match="not among the census groups: Russians"):
        analysis.census_shares(groups=["Kazakhs"], data=data)


def test_a_count_above_its_total_is_a_data_error() -> None:
    data = {"census": census({2000: {"Total": 100, "Kazakhs": 150}})}
    with pytest.raises(DataError, match="census 2000 Kazakhs"):
        analysis.census_shares(data=data)
