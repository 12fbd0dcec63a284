"""Load the package's tables as validated, typed DataFrames, and the article's text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from analysis.data import schema
from analysis.data.validation import ensure_valid
from analysis.paths import DATA_DIR, SEED_PATH


def tables(data_dir: Path = DATA_DIR) -> list[str]:
    """Names of the tables the data package holds."""
    return schema.tables(data_dir)


def seed_text(seed_path: Path = SEED_PATH) -> str:
    """The article's text, exactly as stored in `seeds/`."""
    return seed_path.read_text(encoding="utf-8")


def load(name: str, data_dir: Path = DATA_DIR, seed_path: Path = SEED_PATH) -> pd.DataFrame:
    """One table, validated against the descriptor and the seed, with dtypes from the descriptor.

    Parameters
    ----------
    name : str
        A table name from `tables()`.
    data_dir, seed_path : Path
        Another copy of the data package and article (tests use these).

    Returns
    -------
    pandas.DataFrame
        Columns in the descriptor's order: dates as datetimes, closed vocabularies as
        categoricals (categories in the descriptor's order), integers as nullable `Int64`.

    Raises
    ------
    analysis.errors.DataError
        When any table breaks a rule; the message names the file, row and field.
    """
    resource = schema.resource(name, data_dir)
    ensure_valid(data_dir, seed_path)
    frame = pd.read_csv(
        data_dir / resource["path"], dtype=str, keep_default_na=False, encoding="utf-8"
    )
    columns = {}
    for field in resource["schema"]["fields"]:
        columns[field["name"]] = _typed(frame[field["name"]], field)
    return pd.DataFrame(columns)


def _typed(column: pd.Series, field: dict[str, Any]) -> pd.Series:
    """Convert a column of CSV strings to the dtype its field descriptor gives."""
    dtype = schema.pandas_dtype(field)
    values = column.mask(column == "")
    if dtype == "category":
        return values.astype(pd.CategoricalDtype(field["constraints"]["enum"]))
    if dtype.startswith("datetime64"):
        return pd.Series(pd.to_datetime(values, format="ISO8601"), name=column.name)
    if dtype == "boolean":
        return values.map(_TRUTH.get).astype(pd.BooleanDtype())
    if dtype in ("Int64", "Float64"):
        return pd.to_numeric(values).astype(pd.api.types.pandas_dtype(dtype))
    return values.astype(pd.StringDtype())


_TRUTH = {"true": True, "True": True, "TRUE": True, "1": True,
          "false": False, "False": False, "FALSE": False, "0": False}  # fmt: skip
"""Table Schema's default true and false values."""
