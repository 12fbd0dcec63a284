"""The fact-check strand: how many claims get each verdict, and every claim in a table."""

from __future__ import annotations

import pandas as pd

from analysis.facts import checks
from analysis.facts.factcheck import TOLERANCE_REL, claim_rows, fact_check
from analysis.facts.lookups import records
from analysis.presentation.formatting import (
    format_list,
    format_percent,
    format_pp,
    format_stated,
    format_value,
    format_verdict,
)
from analysis.presentation.narrative.common import md, table


def verdict_summary(tolerance_pp: float = 1.0) -> str:
    """How many claims get each verdict, and the tolerances that decide 'close'."""
    return verdict_sentence(checks.verdict_counts(tolerance_pp), tolerance_pp)


def verdict_sentence(
    counts: pd.DataFrame, tolerance_pp: float, tolerance_rel: float = TOLERANCE_REL
) -> str:
    """`verdict_summary`'s sentence from a `verdict_counts` frame."""
    total = int(counts["claims"].sum())
    parts = [f"{int(row.claims)} {format_verdict(str(row.verdict))}" for row in records(counts)]
    return (
        f"Of the article's {total} quantitative claims, {format_list(parts)} "
        f"(a percentage is close within {format_pp(tolerance_pp, signed=False)}, another "
        f"figure within {format_percent(100 * tolerance_rel, 0)} of its value)."
    )


def fact_check_table(tolerance_pp: float = 1.0) -> str:
    """Every claim with its verdict, as a Markdown table."""
    return claims_table(claim_rows(fact_check(tolerance_pp=tolerance_pp)))


def claims_table(checked: pd.DataFrame) -> str:
    """`fact_check_table`'s Markdown table from a `fact_check` frame; every text escaped."""
    rows = []
    for row in records(checked):
        stated = format_stated(row.value, str(row.unit), str(row.comparator))
        has_reference = not pd.isna(row.reference)
        reference = format_value(row.reference, str(row.unit)) if has_reference else "none"
        rows.append(
            [
                md(row.indicator),
                f"{md(stated)}: “{md(row.quote)}”",
                md(reference),
                format_verdict(str(row.verdict)),
                md(row.source) if has_reference else "",
            ]
        )
    header = ["Claim", "The article says", "Reference", "Verdict", "Source"]
    return table(header, ["---"] * len(header), rows)
