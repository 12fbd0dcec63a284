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
from analysis.presentation.narrative.common import rows, verdict_labels
from analysis.presentation.narrative.templating import Markdown, render

EXAMPLE = 37.0
"""The stated percentage `definitions` shows what a figure admits with."""

ABOUT_EXAMPLE = 120000.0
"""The figure `definitions` shows what ‘about’ admits with."""


def verdict_summary(tolerance_pp: float = 1.0) -> Markdown:
    """How many claims get each verdict, and the tolerances that decide 'close'."""
    return verdict_sentence(checks.verdict_counts(tolerance_pp))


def verdict_sentence(counts: pd.DataFrame, tolerance_rel: float = TOLERANCE_REL) -> Markdown:
    """`verdict_summary`'s sentence from a `verdict_counts` frame (its tolerance in attrs)."""
    return render(
        "factcheck/verdicts.md.j2",
        total=int(counts["claims"].sum()),
        counts=[(str(row["verdict"]), int(row["claims"])) for row in rows(counts)],
        labels=verdict_labels(),
        tolerance_pp=counts.attrs.get("tolerance_pp", 1.0),
        tolerance_rel=tolerance_rel,
    )


def definitions(tolerance_pp: float = 1.0) -> Markdown:
    """What a claim admits and when it is close, with the constants the fact check uses.

    Written from `claim_interval` and the tolerances, so the prose cannot drift from the
    rule: e.g. '37% admits 36.5% to 37.5%' (`templates/factcheck/definitions.md.j2`).
    """
    low, high = claim_interval(EXAMPLE, "=")
    about_low, about_high = claim_interval(ABOUT_EXAMPLE, "~")
    return render(
        "factcheck/definitions.md.j2",
        example=EXAMPLE,
        low=low,
        high=high,
        about_example=ABOUT_EXAMPLE,
        about_low=about_low,
        about_high=about_high,
        approximate=APPROXIMATE,
        tolerance_pp=tolerance_pp,
        tolerance_rel=TOLERANCE_REL,
    )


def fact_check_table(tolerance_pp: float = 1.0) -> Markdown:
    """Every claim with its verdict, as a Markdown table."""
    return claims_table(claim_rows(fact_check(tolerance_pp=tolerance_pp)))


def claims_table(checked: pd.DataFrame) -> Markdown:
    """`fact_check_table`'s Markdown table from a `fact_check` frame; every text escaped.

    A frame with statements and second bases (`fact_check`'s own) is first cut to one
    row per figure (`claim_rows`), so a notebook hands over the frame it computed.
    """
    if {"kind", "primary"} <= set(checked.columns):
        checked = claim_rows(checked)
    return render("factcheck/claims_table.md.j2", rows=rows(checked))
