"""The sources table joined onto any frame that names its sources by id."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.data.loading import dataset


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
    id_column : str
        The column that holds the source ids.

    Returns
    -------
    pandas.DataFrame
        A copy of `frame`, rows and index unchanged, with string columns `source` and
        `source_url` (replaced if present).
    """
    sources = (dataset() if data is None else data)["sources"].set_index("id")
    ids = frame[id_column].astype("string")
    result = frame.drop(columns=["source", "source_url"], errors="ignore").copy()
    result["source"] = ids.map(sources["title"]).astype(pd.StringDtype())
    result["source_url"] = ids.map(sources["url"]).astype(pd.StringDtype())
    return result
