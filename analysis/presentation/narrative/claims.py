"""The article's claims as sentences: its words, its figure, the reference and the verdict."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.presentation.formatting import format_stated, format_value, format_verdict
from analysis.presentation.narrative.common import md


def claim_sentence(row: Any) -> str:
    """One claim of a fact-check frame as a sentence: words, figure, reference and verdict.

    Parameters
    ----------
    row : Mapping or namedtuple
        A row of `analysis.fact_check()` (fields quote, value, unit, comparator,
        reference, source, verdict).

    Returns
    -------
    str
        Markdown; the quote and source escaped, e.g. '“…” (under 40%): the reference
        gives 39.7% (Census 1989), ✓ **consistent**.'
    """
    get = row.get if hasattr(row, "get") else lambda name: getattr(row, name)
    stated = md(format_stated(get("value"), str(get("unit")), str(get("comparator"))))
    reference = get("reference")
    verdict = format_verdict(str(get("verdict")))
    quote = md(get("quote"))
    if reference is None or pd.isna(reference):
        return f"“{quote}” ({stated}): no source at hand confirms it, {verdict}."
    given = md(format_value(reference, str(get("unit"))))
    return f"“{quote}” ({stated}): the reference gives {given} ({md(get('source'))}), {verdict}."


def claims_paragraph(checked: pd.DataFrame, subjects: Iterable[str]) -> str:
    """'The article's figures: …' for the claims of a fact-check frame about `subjects`."""
    rows = checked.loc[checked["subject"].isin(list(subjects))]
    if rows.empty:
        return ""
    return "The article's figures: " + " ".join(
        claim_sentence(row) for row in rows.to_dict("records")
    )
