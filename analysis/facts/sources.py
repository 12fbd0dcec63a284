"""The sources table joined onto any frame that names its sources by id."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.data.loading import or_dataset


def with_sources(
    frame: pd.DataFrame,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
    id_column: str = "source_id",
) -> pd.DataFrame:
    """`frame` with `source` (the source's title) and `source_url` joined from `sources`.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame with a column of source ids (missing ids give missing titles).
    data : mapping of str to DataFrame, optional
        Tables by name; only `sources` is read (default: the package's `dataset()`).
        Without a `sources` table (a test's small frames), the titles and URLs are missing.
    id_column : str
        The column that holds the source ids.

    Returns
    -------
    pandas.DataFrame
        A copy of `frame`, rows and index unchanged, with string columns `source` and
        `source_url` (replaced if present).
    """
    tables = or_dataset(data)
    ids = frame[id_column].astype("string")
    result = frame.drop(columns=["source", "source_url"], errors="ignore").copy()
    if "sources" not in tables:
        result["source"] = result["source_url"] = pd.Series(pd.NA, result.index, "string")
        return result
    sources = tables["sources"].set_index("id")
    result["source"] = ids.map(sources["title"]).astype(pd.StringDtype())
    result["source_url"] = ids.map(sources["url"]).astype(pd.StringDtype())
    return result
