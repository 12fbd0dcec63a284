"""Kazakhstan's ethnic shares over a range of censuses, the article's claims on them, the change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.data.loading import or_dataset
from analysis.facts import lookups, rules
from analysis.facts.census import census_shares
from analysis.facts.factcheck import claim_rows, fact_check, reference_values


def census_series(
    groups: str | Iterable[str] | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Each group's share of the population at every census from `start_year` to `end_year`.

    Parameters
    ----------
    groups : list of str, optional
        Census groups, in the order wanted (default: every group the census counts).
    start_year, end_year : int, optional
        Inclusive range of census years (default: all censuses).
    data : mapping of str to pandas.DataFrame, optional
        The tables `census`, `claims` and `references` (default: `dataset()`).

    Returns
    -------
    pandas.DataFrame
        `analysis.census_shares` columns: year, date, census, group, count, total,
        share (%) and source, sorted by group (in the order asked) and year.

    Raises
    ------
    analysis.errors.ParameterError
        An unknown group, start after end, or a range that holds no census.
    """
    data = or_dataset(data)
    domain = rules.Domain.of(data)
    chosen = rules.CENSUS_GROUPS.check("groups", groups, domain)
    years = rules.census_years_between(start_year, end_year, domain)
    frame = census_shares(groups=chosen, years=years, data=data)
    frame["group"] = frame["group"].cat.set_categories(chosen)
    return frame.sort_values(["group", "year"]).reset_index(drop=True)


def article_share_claims(
    groups: str | Iterable[str] | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    tolerance_pp: float = 1.0,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The article's figures for the groups' shares, dated in the range, with their census check.

    A claim belongs to a group when its reference is that group's census share.

    Parameters
    ----------
    groups : list of str, optional
        Census groups (default: all).
    start_year, end_year : int, optional
        Keep claims whose date falls in this inclusive range of years (default: all).
    tolerance_pp : float
        Passed to `analysis.fact_check`.
    data : mapping of str to pandas.DataFrame, optional
        The tables `census`, `claims` and `references` (default: `dataset()`).

    Returns
    -------
    pandas.DataFrame
        Columns claim, group, year (the year the claim refers to), value, comparator,
        quote, census_year, reference (the census share, %), difference (pp), verdict,
        source; sorted by group (in the order asked) and year.
    """
    data = or_dataset(data)
    domain = rules.Domain.of(data)
    chosen = rules.CENSUS_GROUPS.check("groups", groups, domain)
    first, last = rules.year_range(start_year, end_year, domain)
    references = reference_values(data=data)
    links = references.loc[references["primary"].astype(bool)]
    links = links[["claim_id", "census_year", "census_group"]].dropna()
    links = links.rename(columns={"claim_id": "claim", "census_group": "group"})
    checked = claim_rows(fact_check(tolerance_pp=tolerance_pp, data=data))
    frame = checked.merge(links, on="claim", how="inner", validate="one_to_one")
    frame["year"] = frame["claim"].map(_claim_years(data)).astype("Int64")
    frame["group"] = pd.Categorical(frame["group"].astype(str), categories=chosen)
    keep = frame["group"].notna()
    if first is not None:
        keep &= frame["year"] >= first
    if last is not None:
        keep &= frame["year"] <= last
    columns = [
        "claim", "group", "year", "value", "comparator", "quote", "census_year", "reference",
        "difference", "verdict", "source",
    ]  # fmt: skip
    result = frame.loc[keep, columns].sort_values(["group", "year"], kind="stable")
    return result.reset_index(drop=True)


def share_change(
    groups: str | Iterable[str] | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Change of each group's share between the first and the last census of the range.

    Parameters
    ----------
    groups : list of str, optional
        Census groups (default: all).
    start_year, end_year : int, optional
        Inclusive range of years; the first and last census in it are compared.
    data : mapping of str to pandas.DataFrame, optional
        The tables `census`, `claims` and `references` (default: `dataset()`).

    Returns
    -------
    pandas.DataFrame
        One row per group: group, start_year, end_year (the censuses compared),
        start_share, end_share (%), change_pp (end minus start, percentage points),
        source (of both censuses).
    """
    series = census_series(groups, start_year, end_year, data=data)
    rows = []
    for group, part in series.groupby("group", observed=True, sort=True):
        start, end = part.iloc[0], part.iloc[-1]
        rows.append(
            {
                "group": group,
                "start_year": start["year"],
                "end_year": end["year"],
                "start_share": start["share"],
                "end_share": end["share"],
                "change_pp": end["share"] - start["share"],
                "source": lookups.join_sources([start["source"], end["source"]]),
            }
        )
    frame = pd.DataFrame(rows)
    frame["group"] = pd.Categorical(frame["group"], categories=series["group"].cat.categories)
    for column in ("start_year", "end_year"):
        frame[column] = frame[column].astype("Int64")
    for column in ("start_share", "end_share", "change_pp"):
        frame[column] = frame[column].astype("Float64")
    frame["source"] = frame["source"].astype(pd.StringDtype())
    return frame


def census_chart_frame(
    groups: str | Iterable[str] | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    show_article_claims: bool = True,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """What the census chart plots: the census shares and, optionally, the article's figures.

    Returns
    -------
    pandas.DataFrame
        Columns series ('census' or 'article'), claim (the article's rows: the claim id, so
        that a page can link a claim to this chart), year, group, share (%), comparator
        ('=' for census values), verdict (the article's rows only) and source.
    """
    data = or_dataset(data)
    series = census_series(groups, start_year, end_year, data=data)
    census = pd.DataFrame(
        {
            "series": "census",
            "claim": pd.NA,
            "year": series["year"],
            "group": series["group"].astype(str),
            "share": series["share"],
            "comparator": "=",
            "verdict": pd.NA,
            "source": series["source"].astype(str),
        }
    )
    parts = [census]
    if show_article_claims:
        claims = article_share_claims(groups, start_year, end_year, data=data)
        parts.append(
            pd.DataFrame(
                {
                    "series": "article",
                    "claim": claims["claim"].astype(str),
                    "year": claims["year"],
                    "group": claims["group"].astype(str),
                    "share": claims["value"],
                    "comparator": claims["comparator"].astype(str),
                    "verdict": claims["verdict"].astype(str),
                    "source": lookups.article_source(),
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    return frame.astype(
        {
            "series": pd.StringDtype(),
            "claim": pd.StringDtype(),
            "year": "Int64",
            "group": pd.StringDtype(),
            "share": "Float64",
            "comparator": pd.StringDtype(),
            "verdict": pd.StringDtype(),
            "source": pd.StringDtype(),
        }
    )


def _claim_years(data: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """The year each claim refers to."""
    claims = data["claims"]
    return {str(c): int(d.year) for c, d in zip(claims["id"], claims["date"], strict=True)}
