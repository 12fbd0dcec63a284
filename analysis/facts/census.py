"""Kazakhstan's census series: shares of each ethnic group, derived from the published counts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.data.loading import or_dataset
from analysis.errors import DataError
from analysis.facts import rules
from analysis.facts.rules import TOTAL
from analysis.facts.sources import with_sources

__all__ = ["TOTAL", "census_groups", "census_shares", "census_years"]


def census_groups(*, data: Mapping[str, pd.DataFrame] | None = None) -> list[str]:
    """Ethnic groups the census table counts (every group but the total), in vocabulary order."""
    return rules.Domain.of(or_dataset(data)).census_groups


def census_years(*, data: Mapping[str, pd.DataFrame] | None = None) -> list[int]:
    """Census years the data holds, ascending."""
    return rules.Domain.of(or_dataset(data)).census_years


def census_shares(
    groups: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """A tidy frame of year, date, group, count, total and share (%) for each census and group.

    Parameters
    ----------
    groups : iterable of str, optional
        Groups to keep (default: every group the census counts, the total excepted).
    years : iterable of int, optional
        Census years to keep (default: all).
    data : mapping of str to pandas.DataFrame, optional
        The tables (default: this process's `analysis.data.loading.dataset()`); only
        `census` is read.

    Raises
    ------
    analysis.errors.ParameterError
        A group or year the census data does not have.
    analysis.errors.DataError
        A share outside 0-100 (a count above its year's total).
    """
    data = or_dataset(data)
    census = data["census"]
    domain = rules.Domain.of(data)
    chosen_groups = rules.CENSUS_GROUPS.check("groups", groups, domain)
    chosen_years = rules.CENSUS_YEARS.check("years", years, domain)
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
    present = set(frame["group"].astype(str))
    order = [group for group in domain.census_groups if group in present]
    frame["group"] = pd.Categorical(frame["group"].astype(str), categories=order)
    frame = with_sources(frame, data=data)
    columns = [
        "year", "date", "census", "group", "count", "total", "share", "source", "basis",
        "source_id", "source_url",
    ]  # fmt: skip
    return frame[columns].sort_values(["year", "group"]).reset_index(drop=True)
