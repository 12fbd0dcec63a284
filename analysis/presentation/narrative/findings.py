"""The answer first: how many of the article's figures and statements hold, and which are wrong."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.facts.lookups import records
from analysis.presentation.formatting import (
    format_list,
    format_pp,
    format_stated,
    format_value,
    format_verdict,
)
from analysis.presentation.narrative.common import md
from analysis.presentation.narrative.sources import Citations
from analysis.presentation.theme import VERDICT_LABELS, verdict_label

_VERDICT_WORDS = {
    verdict: (f"is {label}", f"are {label}") for verdict, label in VERDICT_LABELS.items()
}
"""How a count sentence names each verdict: by its label, as every page does."""


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


def findings_markdown(checked: pd.DataFrame, citations: Citations) -> str:
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
    str
        Markdown: a sentence per kind with the count of each verdict, then a list of the
        figures and statements that are wrong or close, the largest error first, each with
        the article's words, the reference and how far apart they are.
    """
    kinds = checked["kind"].astype(str) if "kind" in checked.columns else None
    numbers = checked if kinds is None else checked.loc[kinds != "statement"]
    other_bases = numbers.iloc[0:0]
    if "primary" in numbers.columns:
        other_bases = numbers.loc[~numbers["primary"].astype(bool)]
        numbers = numbers.loc[numbers["primary"].astype(bool)]
    statements = checked.iloc[0:0] if kinds is None else checked.loc[kinds == "statement"]
    lines = [f"**In short.** {_count_sentence(numbers, 'figure')}"]
    if not statements.empty:
        lines[0] += " " + _count_sentence(statements, "statement of fact")
    shown = pd.concat([numbers, statements])
    items = [
        _item(row, citations) + _other_bases(row, other_bases, citations)
        for row in records(ranked(shown))
        if str(row.verdict) in ("discrepant", "close")
    ]
    if items:
        lines.append(
            f"\nWhere the article is {verdict_label('discrepant')} or only "
            f"{verdict_label('close')}, the largest error first:\n"
        )
        lines.extend(f"- {item}" for item in items)
    for rows, sentence in (
        (numbers, "No source at hand gives a figure to set against {}."),
        (statements, "No source at hand confirms or refutes {}."),
    ):
        unchecked = [f"“{md(row.quote)}”" for row in records(rows) if row.verdict == "unverified"]
        if unchecked:
            lines.append("\n" + sentence.format(format_list(unchecked)))
    return "\n".join(lines)


def _other_bases(row: Any, other_bases: pd.DataFrame, citations: Citations) -> str:
    """' For context (permanent population): 37.4% [7].'

    A figure has one verdict, its primary basis's: another basis is context, so it is
    given without a verdict of its own.
    """
    rows = other_bases.loc[other_bases["claim"] == row.claim]
    return "".join(
        f" For context ({md(other.basis)}): "
        f"{md(format_value(other.reference, str(other.unit)))} {citations.cite_row(other)}."
        for other in records(rows)
        if not pd.isna(other.reference)
    )


def _count_sentence(rows: pd.DataFrame, noun: str) -> str:
    """'Of the article's 14 figures, 8 are accurate, 1 is nearly accurate, 2 are inaccurate...'"""
    total = len(rows)
    counts = rows["verdict"].astype(str).value_counts()
    parts = []
    for verdict in ("consistent", "close", "discrepant", "unverified"):
        count = int(counts.get(verdict, 0))
        if count:
            one, many = _VERDICT_WORDS[verdict]
            parts.append(f"{count} {one if count == 1 else many}")
    plural = (
        noun if total == 1 else noun.replace("figure", "figures").replace("statement", "statements")
    )
    return f"Of the article's {total} {plural}, {format_list(parts)}."


def _item(row: Any, citations: Citations) -> str:
    """One wrong or close claim: its words, what it says, the reference and the gap."""
    verdict = format_verdict(str(row.verdict))
    quote = f"“{md(row.quote)}”"
    if pd.isna(row.value) or pd.isna(row.reference):
        says = {"discrepant": "is wrong", "close": "is only close"}.get(str(row.verdict), "")
        reason = md(row.note) if not pd.isna(row.note) else ""
        return f"{quote} {says} ({verdict}): {reason} {citations.cite_row(row)}".rstrip()
    unit = str(row.unit)
    stated = md(format_stated(row.value, unit, str(row.comparator)))
    reference = md(format_value(row.reference, unit))
    return (
        f"{quote}: the article gives {stated} for the {_lower(md(row.indicator))}; "
        + f"{source_phrase(row)} gives {reference} {citations.cite_row(row)}, "
        f"{_gap(float(row.difference), unit)} ({verdict})."
    )


def _gap(difference: float, unit: str) -> str:
    """'2.5 pp lower than stated', '$10bn higher than stated'."""
    side = "lower" if difference < 0 else "higher"
    size = (
        format_pp(abs(difference), signed=False)
        if unit == "percent"
        else format_value(abs(difference), unit)
    )
    return f"{md(size)} {side} than stated"


def source_phrase(row: Any) -> str:
    """'the 1989 census' for a share taken from a census; 'the reference' otherwise."""
    source = "" if pd.isna(row.source) else str(row.source)
    if str(row.unit) == "percent" and "census" in source.lower():
        date = getattr(row, "reference_date", None)
        return "the census" if date is None or pd.isna(date) else f"the {date.year} census"
    return "the reference"


def _lower(text: str) -> str:
    """A label as it reads inside a sentence: its first letter lower-case, unless a name."""
    first = text.split(" ", 1)[0]
    if first.isupper() or first in {"US", "EU"}:
        return text
    return text[:1].lower() + text[1:]
