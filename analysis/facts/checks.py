"""The fact check for the report: verdict counts, and each claim's interval and reference."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from analysis.data.loading import or_dataset
from analysis.facts import lookups, rules
from analysis.facts.factcheck import (
    TOLERANCE_REL,
    VERDICTS,
    claim_interval,
    claim_rows,
    fact_check,
)
from analysis.facts.lookups import records


def verdict_counts(
    tolerance_pp: float = 1.0, *, data: Mapping[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """How many of the article's figures and statements get each verdict.

    Each claim counts once, on its primary basis.

    Parameters
    ----------
    tolerance_pp : float
        Percentage points a percentage may be off and still be `close`.
    data : mapping of str to pandas.DataFrame, optional
        The tables `analysis.fact_check` reads (default: `dataset()`).

    Returns
    -------
    pandas.DataFrame
        Columns verdict (every verdict, best first), claims (figures) and statements
        (counts, zeros included). The sources in `attrs` are those of the figures.
    """
    data = or_dataset(data)
    tolerance = rules.TOLERANCE_PP.check("tolerance_pp", tolerance_pp, rules.Domain.of(data))
    checked = fact_check(tolerance_pp=tolerance, tolerance_rel=TOLERANCE_REL, data=data)
    checked = checked.loc[checked["primary"].astype(bool)]
    columns = {"claims": "number", "statements": "statement"}
    frame = pd.DataFrame(
        {"verdict": pd.Categorical(VERDICTS, categories=VERDICTS, ordered=True)}
        | {
            column: checked.loc[checked["kind"] == kind, "verdict"]
            .value_counts(sort=False)
            .reindex(VERDICTS, fill_value=0)
            .to_numpy(dtype="int64")
            for column, kind in columns.items()
        }
    )
    frame.attrs = {
        "sources": lookups.distinct_sources(
            [lookups.article_source(), *checked.loc[checked["kind"] == "number", "source"]]
        ),
        "tolerance_pp": tolerance,
    }
    return frame


def claim_bands(
    tolerance_pp: float = 1.0, *, data: Mapping[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Each verified claim's admitted interval, its tolerance band and the reference, on one scale.

    Percentages are measured in percentage points from the stated figure; other units
    in percent of the stated figure. An open side of an interval ('under', 'over') is
    infinite.

    Parameters
    ----------
    tolerance_pp : float
        Percentage points a percentage may be off and still be `close`.
    data : mapping of str to pandas.DataFrame, optional
        The tables `analysis.fact_check` reads (default: `dataset()`).

    Returns
    -------
    pandas.DataFrame
        One row per claim with a reference, in the claims table's order: claim,
        indicator, unit, comparator, value (stated), scale ('pp' or 'relative'), low,
        high (the interval), band_low, band_high (the interval widened by the tolerance),
        tolerance, offset (where the reference lies), reference, verdict, source.
    """
    data = or_dataset(data)
    tolerance = rules.TOLERANCE_PP.check("tolerance_pp", tolerance_pp, rules.Domain.of(data))
    checked = fact_check(tolerance_pp=tolerance, tolerance_rel=TOLERANCE_REL, data=data)
    checked = claim_rows(checked)
    checked = checked.loc[checked["reference"].notna()]
    rows = []
    for row in records(checked):
        value, reference = float(row.value), float(row.reference)
        low, high = claim_interval(value, str(row.comparator))
        if row.unit == "percent":
            scale, unit_size, band = "pp", 1.0, tolerance
        else:
            scale, unit_size, band = "relative", (abs(value) / 100) or 1.0, 100 * TOLERANCE_REL
        rows.append(
            {
                "claim": row.claim,
                "indicator": row.indicator,
                "unit": str(row.unit),
                "comparator": str(row.comparator),
                "value": value,
                "scale": scale,
                "low": _offset(low, value, unit_size),
                "high": _offset(high, value, unit_size),
                "band_low": _offset(low, value, unit_size) - band,
                "band_high": _offset(high, value, unit_size) + band,
                "tolerance": band,
                "offset": _offset(reference, value, unit_size),
                "reference": reference,
                "verdict": str(row.verdict),
                "source": row.source,
            }
        )
    frame = pd.DataFrame(rows, columns=_BAND_COLUMNS)
    floats = ["value", "low", "high", "band_low", "band_high", "tolerance", "offset", "reference"]
    strings = ["claim", "indicator", "unit", "comparator", "scale", "verdict", "source"]
    return frame.astype({**dict.fromkeys(floats, "float64"), **dict.fromkeys(strings, "string")})


_BAND_COLUMNS = [
    "claim", "indicator", "unit", "comparator", "value", "scale", "low", "high", "band_low",
    "band_high", "tolerance", "offset", "reference", "verdict", "source",
]  # fmt: skip


def _offset(point: float, value: float, unit_size: float) -> float:
    """Distance of `point` from `value`, in `unit_size` units; infinities stay infinite."""
    if math.isinf(point):
        return point
    return (point - value) / unit_size
