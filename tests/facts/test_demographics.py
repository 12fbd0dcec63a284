"""Census series for chosen groups and years, the article's share claims, the change in points."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.errors import ParameterError
from analysis.facts.factcheck import claim_rows


def test_series_is_census_shares_for_the_range() -> None:
    series = analysis.census_series(["Kazakhs"], 1999, 2021)
    expected = analysis.census_shares(groups=["Kazakhs"], years=[1999, 2009, 2021])
    pd.testing.assert_frame_equal(series, expected)


def test_series_keeps_the_groups_in_the_order_asked() -> None:
    series = analysis.census_series(["Russians", "Kazakhs"])
    assert list(dict.fromkeys(series["group"].astype(str))) == ["Russians", "Kazakhs"]
    assert list(series["year"].iloc[:4]) == analysis.census_years()


def test_a_lone_string_is_one_group() -> None:
    pd.testing.assert_frame_equal(
        analysis.census_series("Russians"), analysis.census_series(["Russians"])
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"groups": ["Uzbeks"]}, "groups has 'Uzbeks', not among the census groups"),
        ({"groups": []}, "groups is empty; choose among Kazakhs, Russians"),
        ({"groups": ["Kazakhs", "Kazakhs"]}, "groups has 'Kazakhs' twice"),
        ({"start_year": 1900}, "start_year 1900 is outside the census years 1989-2021"),
        ({"start_year": 2021, "end_year": 1989}, "start_year 2021 is after end_year 1989"),
        ({"start_year": 2010, "end_year": 2020}, "no census between 2010 and 2020"),
        ({"start_year": "soon"}, "start_year must be a year such as 1999"),
        ({"start_year": 1999.5}, "whole year"),
    ],
)
def test_bad_arguments_are_parameter_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=message) as raised:
        analysis.census_series(**kwargs)
    assert "\n" not in str(raised.value)


def test_article_claims_are_linked_to_their_census_group() -> None:
    claims = analysis.article_share_claims()
    checked = claim_rows(analysis.fact_check()).set_index("claim")
    assert set(claims["claim"]) == {
        "kaz-russians-share-1991", "kaz-kazakhs-share-1991",
        "kaz-kazakhs-share-2021", "kaz-russians-share-2021",
    }  # fmt: skip
    for row in claims.itertuples():
        assert row.group.lower() in row.claim
        assert row.reference == checked.loc[row.claim, "reference"]
        assert row.verdict == checked.loc[row.claim, "verdict"]
    assert sorted(set(claims["year"])) == [1991, 2021]


def test_article_claims_are_filtered_by_group_and_year() -> None:
    claims = analysis.article_share_claims(["Russians"], start_year=1999)
    assert list(claims["claim"]) == ["kaz-russians-share-2021"]


def test_share_change_is_last_minus_first_census_in_points() -> None:
    change = analysis.share_change(start_year=1990, end_year=2021).set_index("group")
    shares = analysis.census_shares().set_index(["year", "group"])["share"]
    for group in ("Kazakhs", "Russians"):
        assert change.loc[group, "start_year"] == 1999
        assert change.loc[group, "end_year"] == 2021
        assert change.loc[group, "change_pp"] == pytest.approx(
            shares[(2021, group)] - shares[(1999, group)]
        )


def test_chart_frame_stacks_census_and_article_rows() -> None:
    frame = analysis.census_chart_frame(["Kazakhs"], 1989, 2021)
    census = frame.loc[frame["series"] == "census"].reset_index(drop=True)
    series = analysis.census_series(["Kazakhs"], 1989, 2021)
    assert list(census["share"]) == list(series["share"])
    article = frame.loc[frame["series"] == "article"]
    assert list(article["share"]) == [40.0, 70.0]
    assert list(article["comparator"]) == ["<", "="]
    assert frame["source"].notna().all()


def test_chart_frame_without_article_claims() -> None:
    frame = analysis.census_chart_frame(show_article_claims=False)
    assert set(frame["series"]) == {"census"}
