"""The answer first: how many of the article's figures and statements hold, and which are wrong.

The words are `templates/brief/findings.md.j2` and `brief/error.md.j2`; this module ranks
the fact check and hands the rows over.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.presentation.narrative.common import rows, verdict_labels
from analysis.presentation.narrative.sources import Citations
from analysis.presentation.narrative.templating import Markdown, render

VERDICT_ORDER = ("consistent", "close", "discrepant", "unverified")
"""The order a count sentence gives the verdicts in."""

SHOWN = ("discrepant", "close")
"""The verdicts whose figures the opening lists, with the reference and the gap."""


def ranked(checked: pd.DataFrame) -> pd.DataFrame:
    """The fact check in order of importance: wrong first, then close, each by relative error.

    The size of an error is the difference relative to the stated figure, so that a
    share and a sum of dollars compare; rows without a difference keep their order.
    """
    order = {"discrepant": 0, "close": 1, "unverified": 2, "consistent": 3}
    size = (checked["difference"].astype("Float64").abs() / checked["value"].abs()).astype(float)
    keyed = checked.assign(
        _rank=checked["verdict"].astype(str).map(order), _size=(-size).fillna(0.0)
    )
    return keyed.sort_values(["_rank", "_size"], kind="stable").drop(columns=["_rank", "_size"])


def findings_markdown(checked: pd.DataFrame, citations: Citations) -> Markdown:
    """The opening of the brief from a `fact_check` frame: the count, then each error.

    Parameters
    ----------
    checked : pandas.DataFrame
        `analysis.fact_check()`'s frame; a `kind` column ('number' or 'statement') is
        used when present.
    citations : Citations
        Numbers the sources cited, for the sources list at the end of the brief.

    Returns
    -------
    Markdown
        A sentence per kind with the count of each verdict, then a list of the figures
        and statements that are wrong or close, the largest error first, each with the
        article's words, the reference and how far apart they are.
    """
    return render("brief/findings.md.j2", **findings_context(checked), cite=citations)


def findings_context(checked: pd.DataFrame) -> dict[str, Any]:
    """What the opening writes: the tallies, the errors ranked, the figures left unchecked."""
    kinds = checked["kind"].astype(str) if "kind" in checked.columns else None
    numbers = checked if kinds is None else checked.loc[kinds != "statement"]
    other_bases = numbers.iloc[0:0]
    if "primary" in numbers.columns:
        other_bases = numbers.loc[~numbers["primary"].astype(bool)]
        numbers = numbers.loc[numbers["primary"].astype(bool)]
    statements = checked.iloc[0:0] if kinds is None else checked.loc[kinds == "statement"]
    errors = [
        {**error_row(row), "others": _others(row, other_bases)}
        for row in rows(ranked(pd.concat([numbers, statements])))
        if str(row["verdict"]) in SHOWN
    ]
    return {
        "figures": tally(numbers),
        "statements": tally(statements),
        "errors": errors,
        "unchecked_figures": _unverified(numbers),
        "unchecked_statements": _unverified(statements),
        "labels": verdict_labels(),
    }


def tally(rows_: pd.DataFrame) -> dict[str, Any]:
    """How many rows there are, and how many of each verdict (those with none left out)."""
    counts = rows_["verdict"].astype(str).value_counts()
    return {
        "total": len(rows_),
        "counts": [(v, int(counts[v])) for v in VERDICT_ORDER if int(counts.get(v, 0))],
    }


def error_row(row: dict[str, Any]) -> dict[str, Any]:
    """A fact-check row as the brief's templates read it, with what they decide by.

    Adds `indicator_in_sentence` (the label as it reads mid-sentence), `gap` (the size
    of the difference), and `census` and `census_year`: whether the reference is a
    census share, and which census, so a template can say 'the 1989 census'.
    """
    source = "" if row.get("source") is None else str(row["source"])
    date = row.get("reference_date")
    difference = row.get("difference")
    indicator = row.get("indicator")
    return {
        **row,
        "indicator_in_sentence": None if indicator is None else in_sentence(str(indicator)),
        "gap": None if difference is None else abs(float(difference)),
        "census": str(row.get("unit")) == "percent" and "census" in source.lower(),
        "census_year": None if date is None else pd.Timestamp(date).year,
    }


def in_sentence(text: str) -> str:
    """A label as it reads inside a sentence: its first letter lower-case, unless a name."""
    first = text.split(" ", 1)[0]
    if first.isupper() or first in {"US", "EU"}:
        return text
    return text[:1].lower() + text[1:]


def _others(row: dict[str, Any], other_bases: pd.DataFrame) -> list[dict[str, Any]]:
    """A figure's references on other bases, given as context (their verdict is not its own)."""
    found = other_bases.loc[other_bases["claim"] == row["claim"]]
    return [other for other in rows(found) if other["reference"] is not None]


def _unverified(frame: pd.DataFrame) -> list[Any]:
    return list(frame.loc[frame["verdict"].astype(str) == "unverified", "quote"])
