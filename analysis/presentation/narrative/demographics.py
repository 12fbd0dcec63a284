"""The demographic strand: how the census shares changed, and the article's figures for them."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.facts import demographics, lookups
from analysis.facts.lookups import records
from analysis.presentation.formatting import (
    format_list,
    format_percent,
    format_pp,
    format_stated,
    format_verdict,
)
from analysis.presentation.narrative.common import md, table

Groups = str | Iterable[str] | None


def demographic_shift(
    groups: Groups = None, start_year: int | None = None, end_year: int | None = None
) -> str:
    """How each group's share changed between the first and last census of the range.

    Returns
    -------
    str
        e.g. 'Between the 1989 and 2021 censuses, the share of Kazakhs in Kazakhstan's
        population rose from 39.7% to 70.4% (+30.7 pp) and that of Russians fell
        from 37.8% to 15.5% (−22.3 pp).' followed by the sources.
    """
    return shift_sentence(demographics.share_change(groups, start_year, end_year))


def shift_sentence(change: pd.DataFrame, cited: str | None = None) -> str:
    """`demographic_shift`'s sentence from a `share_change` frame.

    `cited` (Markdown, e.g. '[1], [2]') replaces the sources' titles at the end.
    """
    first, last = int(change["start_year"].iloc[0]), int(change["end_year"].iloc[0])
    sentence = _shift(change, first, last)
    if cited is not None:
        return f"{sentence[:-1]} {cited}."
    label = "Source" if first == last else "Sources"
    return f"{sentence} {label}: {md(lookups.join_sources(change['source']))}."


def _shift(change: pd.DataFrame, first: int, last: int) -> str:
    """The sentence itself, without its sources."""
    if first == last:
        shares = [f"{md(row.group)} {format_percent(row.end_share)}" for row in records(change)]
        return (
            f"Only the {first} census lies in the range asked: the shares of Kazakhstan's "
            f"population were {format_list(shares)}."
        )
    parts = []
    for index, row in enumerate(records(change)):
        verb = "rose" if row.change_pp > 0 else "fell" if row.change_pp < 0 else "stayed"
        whose = (
            f"the share of {md(row.group)} in Kazakhstan's population"
            if index == 0
            else f"that of {md(row.group)}"
        )
        parts.append(
            f"{whose} {verb} from {format_percent(row.start_share)} to "
            f"{format_percent(row.end_share)} ({format_pp(row.change_pp)})"
        )
    return f"Between the {first} and {last} censuses, {format_list(parts)}."


def share_change_table(
    groups: Groups = None, start_year: int | None = None, end_year: int | None = None
) -> str:
    """Each group's share at the first and last census of the range and the change, as a table."""
    return change_table(demographics.share_change(groups, start_year, end_year))


def change_table(change: pd.DataFrame) -> str:
    """`share_change_table`'s Markdown table from a `share_change` frame."""
    first, last = int(change["start_year"].iloc[0]), int(change["end_year"].iloc[0])
    rows = [
        [
            md(row.group),
            format_percent(row.start_share),
            format_percent(row.end_share),
            format_pp(row.change_pp),
        ]
        for row in records(change)
    ]
    header = ["Group", f"{first} census", f"{last} census", "Change"]
    return table(header, ["---", "---:", "---:", "---:"], rows)


def demographic_claims(
    groups: Groups = None,
    start_year: int | None = None,
    end_year: int | None = None,
    tolerance_pp: float = 1.0,
) -> str:
    """The article's figures for the groups' shares, each against its census, as a list."""
    return claims_list(
        demographics.article_share_claims(groups, start_year, end_year, tolerance_pp)
    )


def claims_list(claims: pd.DataFrame) -> str:
    """`demographic_claims`'s Markdown list from an `article_share_claims` frame."""
    if claims.empty:
        return "The article states no share for these groups in this range of years."
    return "\n".join(
        f"- {md(row.group)}, {row.year}: the article says "
        f"{md(format_stated(row.value, 'percent', str(row.comparator)))} "
        f"(“{md(row.quote)}”); the {row.census_year} census gives "
        f"{format_percent(row.reference)} ({format_pp(row.difference)}), "
        f"{format_verdict(str(row.verdict))}."
        for row in records(claims)
    )
