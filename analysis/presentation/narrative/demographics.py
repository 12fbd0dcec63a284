"""The demographic strand: how the census shares changed, and the article's figures for them.

Each frame function renders `templates/demographics/*.md.j2` from the frame a notebook has
already shown; each parameter function computes that frame first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.facts import demographics, lookups
from analysis.presentation.narrative.common import rows
from analysis.presentation.narrative.templating import Markdown, render

Groups = str | Iterable[str] | None


def demographic_shift(
    groups: Groups = None, start_year: int | None = None, end_year: int | None = None
) -> Markdown:
    """How each group's share changed between the first and last census of the range.

    Returns
    -------
    Markdown
        e.g. 'Between the 1989 and 2021 censuses, the share of Kazakhs in Kazakhstan's
        population rose from 39.7% to 70.4% (+30.7 pp) and that of Russians fell
        from 37.8% to 15.5% (−22.3 pp).' followed by the sources.
    """
    return shift_sentence(demographics.share_change(groups, start_year, end_year))


def shift_context(change: pd.DataFrame) -> dict[str, Any]:
    """What `demographics/shift.md.j2` and the change table write: the years and the rows."""
    return {
        "first": int(change["start_year"].iloc[0]),
        "last": int(change["end_year"].iloc[0]),
        "rows": rows(change),
        "sources": lookups.distinct_sources(
            part for joined in change["source"] for part in str(joined).split("; ")
        ),
    }


def shift_sentence(change: pd.DataFrame) -> Markdown:
    """`demographic_shift`'s sentence from a `share_change` frame, its sources named."""
    return render("demographics/shift.md.j2", **shift_context(change))


def share_change_table(
    groups: Groups = None, start_year: int | None = None, end_year: int | None = None
) -> Markdown:
    """Each group's share at the first and last census of the range and the change, as a table."""
    return change_table(demographics.share_change(groups, start_year, end_year))


def change_table(change: pd.DataFrame) -> Markdown:
    """`share_change_table`'s Markdown table from a `share_change` frame."""
    return render("demographics/change_table.md.j2", **shift_context(change))


def demographic_claims(
    groups: Groups = None,
    start_year: int | None = None,
    end_year: int | None = None,
    tolerance_pp: float = 1.0,
) -> Markdown:
    """The article's figures for the groups' shares, each against its census, as a list."""
    return claims_list(
        demographics.article_share_claims(groups, start_year, end_year, tolerance_pp)
    )


def claims_list(claims: pd.DataFrame) -> Markdown:
    """`demographic_claims`'s Markdown list from an `article_share_claims` frame."""
    return render("demographics/claims.md.j2", claims=rows(claims))
