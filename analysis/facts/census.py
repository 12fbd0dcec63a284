"""Kazakhstan's census series: shares of each ethnic group, derived from the published counts."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.data.loading import load
from analysis.errors import DataError
from analysis.facts.arguments import chosen
from analysis.facts.sources import with_sources

TOTAL = "Total"
"""The census group that holds the whole population, the denominator of every share."""


def census_groups() -> list[str]:
    """Ethnic groups the census table counts (every group but the total), in vocabulary order."""
    return [group for group in load("census")["group"].cat.categories if group != TOTAL]


def census_years() -> list[int]:
    """Census years the data holds, ascending."""
    return sorted(int(year) for year in load("census")["year"].unique())


def census_shares(
    groups: Iterable[str] | None = None, years: Iterable[int] | None = None
) -> pd.DataFrame:
    """A tidy frame of year, date, group, count, total and share (%) for each census and group.

    Parameters
    ----------
    groups : iterable of str, optional
        Groups to keep (default: every group the census counts, the total excepted).
    years : iterable of int, optional
        Census years to keep (default: all).

    Raises
    ------
    analysis.errors.ParameterError
        A group or year the census data does not have.
    """
    census = load("census")
    known_groups, known_years = census_groups(), census_years()
    chosen_groups = chosen("census group", groups, known_groups, known_groups)
    chosen_years = chosen("census year", years, known_years, known_years)
    totals = census.loc[census["group"] == TOTAL, ["year", "count"]].rename(
        columns={"count": "total"}
    )
    rows = census.loc[census["group"].isin(chosen_groups) & census["year"].isin(chosen_years)]
    frame = rows.merge(totals, on="year", how="left", validate="many_to_one")
    frame["share"] = (100 * frame["count"] / frame["total"]).astype("Float64")
    bad = frame.loc[~frame["share"].between(0, 100)]
    if len(bad):
        row = bad.iloc[0]
        raise DataError([f"census {row['year']} {row['group']}: derived share {row['share']}"])
    frame["group"] = frame["group"].cat.remove_unused_categories()
    frame = with_sources(frame)
    columns = [
        "year", "date", "census", "group", "count", "total", "share", "source", "basis",
        "source_id", "source_url",
    ]  # fmt: skip
    return frame[columns].sort_values(["year", "group"]).reset_index(drop=True)
