"""The fact-check strand: how many claims get each verdict, and every claim in a table."""

from __future__ import annotations

import pandas as pd

from analysis.facts import checks
from analysis.facts.factcheck import (
    APPROXIMATE,
    TOLERANCE_REL,
    claim_interval,
    claim_rows,
    fact_check,
)
from analysis.facts.lookups import records
from analysis.presentation import theme
from analysis.presentation.formatting import (
    format_list,
    format_number,
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
        f"(a percentage is {theme.verdict_label('close')} within "
        f"{format_pp(tolerance_pp, signed=False)}, another "
        f"figure within {format_percent(100 * tolerance_rel, 0)} of its value)."
    )


def definitions(tolerance_pp: float = 1.0) -> str:
    """What a claim admits and when it is close, with the constants the fact check uses.

    Written from `claim_interval` and the tolerances, so the prose cannot drift from the
    rule: e.g. '37% admits 36.5% to 37.5%'.
    """
    low, high = claim_interval(37.0, "=")
    about_low, about_high = claim_interval(120000.0, "~")
    return (
        "- A stated figure admits every value that rounds to it: "
        f"{format_percent(37, 0)} admits {format_percent(low)} to {format_percent(high)}.\n"
        "- ‘Under’ or ‘just under’ a figure admits any value below it, ‘over’ any value "
        "above it: the open side has no limit.\n"
        f"- ‘About’ admits the figure ±{format_percent(100 * APPROXIMATE, 0)}: about "
        f"{format_number(120000)} admits {format_number(about_low)} to "
        f"{format_number(about_high)}.\n"
        f"- The verdict is {format_verdict('consistent')} when the reference lies in what "
        f"the claim admits, {format_verdict('close')} when it lies within "
        f"{format_pp(tolerance_pp, signed=False)} of it for a percentage (the parameter "
        f"`tolerance_pp`) or within {format_percent(100 * TOLERANCE_REL, 0)} of the stated "
        f"value for any other figure, {format_verdict('discrepant')} beyond, and "
        f"{format_verdict('unverified')} when no source gives a comparable figure."
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
