"""Check each claim of the article against its reference value and give a verdict."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pandas as pd

from analysis.data.loading import or_dataset
from analysis.facts import rules
from analysis.facts.census import census_shares
from analysis.facts.sources import with_sources
from analysis.facts.statements import KINDS, statement_checks

VERDICTS = ["consistent", "close", "discrepant", "unverified"]
"""Verdicts from best to worst; `unverified` means no source confirms the claim."""

TOLERANCE_REL = 0.05
"""How far off (relative) a figure in another unit than percent may be and still be close."""

APPROXIMATE = 0.10
"""How far 'about' (comparator '~') reaches either side of the stated value, relative."""


def claim_interval(value: float, comparator: str) -> tuple[float, float]:
    """The values a claim admits: a stated number covers what rounds to it.

    '=' covers half a unit of its last decimal (37 is 36.5 to 37.5), '<' and '>'
    everything below or above, '~' the value plus or minus `APPROXIMATE`.
    """
    if comparator == "<":
        return (-math.inf, value)
    if comparator == ">":
        return (value, math.inf)
    if comparator == "~":
        return (value * (1 - APPROXIMATE), value * (1 + APPROXIMATE))
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    decimals = max(0, -int(exponent))
    half = 0.5 * 10.0**-decimals
    return (value - half, value + half)


def verdict(
    value: float, comparator: str, unit: str, reference: float | None,
    tolerance_pp: float = 1.0, tolerance_rel: float = TOLERANCE_REL,
) -> str:  # fmt: skip
    """One claim's verdict against one reference value.

    `consistent` when the reference lies in the claim's interval; `close` when it lies
    within `tolerance_pp` percentage points of it (for percentages) or within
    `tolerance_rel` of the value (otherwise); `discrepant` beyond; `unverified` without one.
    """
    if reference is None or pd.isna(reference):
        return "unverified"
    low, high = claim_interval(value, comparator)
    distance = max(low - reference, reference - high, 0.0)
    if distance == 0:
        return "consistent"
    allowed = tolerance_pp if unit == "percent" else tolerance_rel * abs(value)
    return "close" if distance <= allowed else "discrepant"


def reference_values(*, data: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The references table with every value filled in, census shares derived from counts.

    Reads the tables `references` and `census` from `data` (default: `dataset()`).
    """
    data = or_dataset(data)
    references = data["references"]
    shares = census_shares(data=data)[["year", "group", "share"]].rename(
        columns={"year": "census_year", "group": "census_group", "share": "census_share"}
    )
    shares["census_group"] = shares["census_group"].astype(references["census_group"].dtype)
    merged = references.merge(shares, on=["census_year", "census_group"], how="left")
    merged["value"] = merged["value"].fillna(merged["census_share"])
    return merged.drop(columns=["census_share"])


def fact_check(
    tolerance_pp: float = 1.0,
    tolerance_rel: float = TOLERANCE_REL,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Every checkable fact of the article with its verdict: the figures, then the statements.

    Parameters
    ----------
    tolerance_pp : float
        How many percentage points off a percentage may be and still be `close` (0-100).
    tolerance_rel : float
        The same for other units, as a fraction of the claim's value (0-1).
    data : mapping of str to pandas.DataFrame, optional
        The tables `claims`, `references`, `census`, `sources` and `statements` (default:
        `dataset()`); without `statements`, the frame holds the figures only.

    Returns
    -------
    pandas.DataFrame
        Columns claim (the claim's or statement's id), value, comparator, subject,
        indicator, quote, source (the title), source_url, source_id, reference_date,
        note, unit, reference, difference (reference minus claim), basis (of the
        reference, where more than one is published), primary (whether the verdict rests
        on this row), kind ('number' or 'statement') and verdict (both ordered
        categoricals): a printed frame shows the id, the kind and the verdict. A figure
        has one row per reference (one when it has none), in the claims table's order;
        a claim with references on two bases, such as the 1989 census's de facto and
        permanent population, has a row for each, the primary first. Statements follow,
        in their table's order, with their reason as `note` and the numeric columns
        empty. `claim_rows` keeps one row per claim.
    """
    data = or_dataset(data)
    domain = rules.Domain.of(data)
    tolerance_pp = rules.TOLERANCE_PP.check("tolerance_pp", tolerance_pp, domain)
    tolerance_rel = rules.TOLERANCE_REL.check("tolerance_rel", tolerance_rel, domain)
    claims = data["claims"]
    references = with_sources(reference_values(data=data), data=data).rename(
        columns={
            "id": "reference_id", "value": "reference", "date": "reference_date",
            "note": "reference_note", "unit": "reference_unit",
        }
    )  # fmt: skip
    frame = claims.rename(columns={"id": "claim"}).merge(
        references, left_on="claim", right_on="claim_id", how="left", validate="one_to_many"
    )
    order = frame["claim"].map({claim: index for index, claim in enumerate(claims["id"])})
    frame = frame.assign(_order=order, _rank=~frame["primary"].fillna(True))
    frame = frame.sort_values(["_order", "_rank"], kind="stable")
    frame["difference"] = (frame["reference"] - frame["value"]).astype("Float64")
    verdicts = [
        verdict(float(value), str(comparator), str(unit), _optional(reference), tolerance_pp,
                tolerance_rel)
        for value, comparator, unit, reference in zip(
            frame["value"], frame["comparator"], frame["unit"], frame["reference"], strict=True
        )
    ]  # fmt: skip
    frame["verdict"] = verdicts
    own_note = frame["note"].where(frame["primary"].fillna(True), pd.NA)
    frame["note"] = own_note.fillna(frame["reference_note"])
    frame["kind"] = "number"
    frame["primary"] = frame["primary"].fillna(True)
    result = frame[_COLUMNS].reset_index(drop=True)
    if "statements" in data:
        statements = statement_checks(data=data).reindex(columns=_COLUMNS)
        statements["primary"] = True
        parts = [result, statements.astype(result.dtypes.to_dict())]
        result = pd.concat(parts, ignore_index=True)
    result["verdict"] = pd.Categorical(result["verdict"], categories=VERDICTS, ordered=True)
    result["kind"] = pd.Categorical(result["kind"], categories=KINDS, ordered=True)
    return result


def claim_rows(checked: pd.DataFrame) -> pd.DataFrame:
    """The figures of a `fact_check` frame, one row per claim: its primary basis, no statements.

    This is what the fact check was before it held statements and second bases: the
    frame the charts and the claim sentences use.
    """
    keep = (checked["kind"] == "number") & checked["primary"].astype(bool)
    return checked.loc[keep].reset_index(drop=True)


_COLUMNS = [
    "claim", "value", "comparator", "subject", "indicator", "quote", "source", "source_url",
    "source_id", "reference_date", "note", "unit", "reference", "difference", "basis", "primary",
    "kind", "verdict",
]  # fmt: skip


def _optional(value: Any) -> float | None:
    """A float, or None for a missing value (pandas' NA)."""
    return None if pd.isna(value) else float(value)
