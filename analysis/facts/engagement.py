"""The West's economic weight in Kazakhstan: the article's EU and US figures beside references."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.data.loading import or_dataset
from analysis.facts import lookups, rules
from analysis.facts.factcheck import claim_rows, fact_check


def engagement_claims(
    partners: str | Iterable[str] | None = None,
    tolerance_pp: float = 1.0,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The article's figures about each partner, with the reference value and the verdict.

    Parameters
    ----------
    partners : list of str, optional
        Partner codes among those the data has, in the order wanted (default: all).
    tolerance_pp : float
        Passed to `analysis.fact_check`.
    data : mapping of str to pandas.DataFrame, optional
        The tables `actors` and those `analysis.fact_check` reads (default: `dataset()`).

    Returns
    -------
    pandas.DataFrame
        Columns claim, partner, partner_name, indicator, unit, comparator, value,
        reference (NA when no source confirms the claim), difference, verdict, quote,
        source (of the reference), reference_date, note; partners in the order asked,
        claims in the claims table's order.

    Raises
    ------
    analysis.errors.ParameterError
        An unknown partner or a negative tolerance.
    """
    data = or_dataset(data)
    chosen = rules.PARTNERS.check("partners", partners, rules.Domain.of(data))
    checked = claim_rows(fact_check(tolerance_pp=tolerance_pp, data=data))
    frame = checked.loc[checked["subject"].isin(chosen)].copy()
    frame["partner"] = pd.Categorical(frame["subject"].astype(str), categories=chosen)
    frame["partner_name"] = frame["partner"].astype(str).map(lookups.actor_names(data=data))
    frame["partner_name"] = frame["partner_name"].astype(pd.StringDtype())
    frame["unit"] = frame["unit"].astype(str).astype(pd.StringDtype())
    frame["comparator"] = frame["comparator"].astype(str).astype(pd.StringDtype())
    columns = [
        "claim", "partner", "partner_name", "indicator", "unit", "comparator", "value",
        "reference", "difference", "verdict", "quote", "source", "reference_date", "note",
    ]  # fmt: skip
    return frame.sort_values("partner", kind="stable")[columns].reset_index(drop=True)


def engagement_chart_frame(
    partners: str | Iterable[str] | None = None,
    tolerance_pp: float = 1.0,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """What the engagement chart plots: a row per figure the article states and per reference.

    Returns
    -------
    pandas.DataFrame
        Columns claim, partner, partner_name, indicator, unit, series ('article' or 'reference'),
        value, comparator (the article's; '=' for a reference), verdict (the claim's)
        and source; a claim without a reference has only its article row.
    """
    claims = engagement_claims(partners, tolerance_pp, data=data)
    shared = {
        "claim": claims["claim"],
        "partner": claims["partner"].astype(str),
        "partner_name": claims["partner_name"],
        "indicator": claims["indicator"],
        "unit": claims["unit"],
    }
    article = pd.DataFrame(
        {
            **shared,
            "series": "article",
            "value": claims["value"],
            "comparator": claims["comparator"],
            "verdict": claims["verdict"].astype(str),
            "source": lookups.article_source(),
        }
    )
    reference = pd.DataFrame(
        {
            **shared,
            "series": "reference",
            "value": claims["reference"],
            "comparator": "=",
            "verdict": claims["verdict"].astype(str),
            "source": claims["source"],
        }
    ).loc[claims["reference"].notna()]
    parts = [part for part in (article, reference) if not part.empty]
    frame = pd.concat(parts).sort_index(kind="stable").reset_index(drop=True)
    return frame.astype(
        {
            "claim": pd.StringDtype(),
            "partner": pd.StringDtype(),
            "partner_name": pd.StringDtype(),
            "indicator": pd.StringDtype(),
            "unit": pd.StringDtype(),
            "series": pd.StringDtype(),
            "value": "Float64",
            "comparator": pd.StringDtype(),
            "verdict": pd.StringDtype(),
            "source": pd.StringDtype(),
        }
    )
