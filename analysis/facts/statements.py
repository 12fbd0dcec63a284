"""The article's statements of fact without figures, with their verdicts, as fact-check rows."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.data.loading import or_dataset
from analysis.facts.sources import with_sources

KINDS = ["number", "statement"]
"""What a fact-check row checks: a figure (`claims`) or a statement without one (`statements`)."""


def statement_checks(*, data: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """One row per statement of the article, with its verdict, reason and source.

    Parameters
    ----------
    data : mapping of str to DataFrame, optional
        Tables by name; `statements` and `sources` are read (default: `dataset()`).

    Returns
    -------
    pandas.DataFrame
        Columns claim (the statement's id), verdict (string), kind ('statement'),
        subject, quote, note (the reason), source_id, source (title), source_url,
        in the statements table's order. A statement's verdict is a judgement
        recorded in the data with its reason, not computed.
    """
    tables = or_dataset(data)
    statements = tables["statements"]
    frame = pd.DataFrame(
        {
            "claim": statements["id"].astype(pd.StringDtype()),
            "verdict": statements["verdict"].astype(str),
            "kind": "statement",
            "subject": statements["subject"].astype(pd.StringDtype()),
            "quote": statements["quote"].astype(pd.StringDtype()),
            "note": statements["reason"].astype(pd.StringDtype()),
            "source_id": statements["source_id"].astype(pd.StringDtype()),
        }
    )
    return with_sources(frame, data=tables).reset_index(drop=True)
