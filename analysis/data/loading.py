"""Load the package's tables as validated, typed DataFrames, and the article's text.

A `Dataset` reads each file once per process: the first table asked for validates the
package from the bytes it read, the typed frames come from the same bytes, and every later
request is served from memory. The layers above take their tables from a `Dataset` (or any
mapping of table names to frames, such as a test's small frames).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.data import reads, schema
from analysis.data.decoding import decode
from analysis.data.files import PackageFiles
from analysis.data.validation import ensure_valid
from analysis.paths import DATA_DIR, SEED_PATH


class Dataset(Mapping[str, pd.DataFrame]):
    """The data package as a mapping of table names to typed DataFrames, each read once.

    Parameters
    ----------
    data_dir, seed_path : Path
        The data package and the article it is checked against (tests pass copies).

    Notes
    -----
    The package is validated on the first table asked for (`DataError` when any table
    breaks a rule); that reads every file, but only the tables asked for (and the
    descriptor, the seed) are recorded as read (`reads`). Each file is read once
    (`files`): its fingerprint, the provenance checks and the typed frame all come from
    those bytes. `dataset[name]` hands out a copy, so a caller may change its frame
    without changing anyone else's.
    """

    def __init__(self, data_dir: Path = DATA_DIR, seed_path: Path = SEED_PATH) -> None:
        self.data_dir = data_dir
        self.seed_path = seed_path
        self.files = PackageFiles(data_dir, seed_path)
        self._frames: dict[str, pd.DataFrame] = {}
        self._valid = False

    def __getitem__(self, name: str) -> pd.DataFrame:
        reads.record(self.files.table_path(name))  # served from memory or not: a read
        frame = self._frames.get(name)
        if frame is None:
            resource = schema.resource(name, self.data_dir)
            if not self._valid:
                ensure_valid(self.data_dir, self.seed_path, files=self.files)
                self._valid = True
            frame = self._frames[name] = _read(self.files.table_text(name), resource)
        return frame.copy()

    def __iter__(self) -> Iterator[str]:
        return iter(schema.tables(self.data_dir))

    def __len__(self) -> int:
        return len(schema.tables(self.data_dir))

    @property
    def seed(self) -> str:
        """The article's text, exactly as stored in `seeds/`."""
        return self.files.seed_text()


def dataset(data_dir: Path = DATA_DIR, seed_path: Path = SEED_PATH) -> Dataset:
    """This process's `Dataset` of a data package: the one every default argument uses.

    `dataset()` and `dataset(DATA_DIR, SEED_PATH)` are the same object (so `load("census")`
    in a notebook reads nothing the facts have read already).
    """
    return _dataset(Path(data_dir).resolve(), Path(seed_path).resolve())


@functools.cache
def _dataset(data_dir: Path, seed_path: Path) -> Dataset:
    return Dataset(data_dir, seed_path)


def or_dataset(data: Mapping[str, pd.DataFrame] | None) -> Mapping[str, pd.DataFrame]:
    """The tables a function was given, or this process's `dataset()` when it was given none."""
    return dataset() if data is None else data


def tables(data_dir: Path = DATA_DIR) -> list[str]:
    """Names of the tables the data package holds."""
    return schema.tables(data_dir)


def seed_text(seed_path: Path = SEED_PATH) -> str:
    """The article's text, exactly as stored in `seeds/`."""
    with reads.reading(seed_path):
        return decode(seed_path.read_bytes(), seed_path)


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
        Served from the process's `dataset()`, so the file is read once per process.

    Raises
    ------
    analysis.errors.DataError
        When any table breaks a rule; the message names the file, row and field.
    """
    return dataset(data_dir, seed_path)[name]


def frame_of(
    name: str, rows: Iterable[Mapping[str, Any]], data_dir: Path = DATA_DIR
) -> pd.DataFrame:
    """A table's frame from rows of values, typed as `load` types the table's CSV.

    Parameters
    ----------
    name : str
        The table whose descriptor gives the columns and their dtypes.
    rows : iterable of mapping
        Values by field name; a field a row leaves out is empty (missing).

    Returns
    -------
    pandas.DataFrame
        The columns of the descriptor, in its order, as `load` gives them: for a test's
        small tables, or data made in a notebook, passed as `data=` to the facts.
    """
    resource = schema.resource(name, data_dir)
    names = [field["name"] for field in resource["schema"]["fields"]]
    listed = list(rows)
    text = {field: [_text(row.get(field)) for row in listed] for field in names}
    return _typed_frame(pd.DataFrame(text, columns=names, dtype=str), resource)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _read(text: str, resource: Mapping[str, Any]) -> pd.DataFrame:
    """A table's CSV text, each column converted to the dtype its field descriptor gives."""
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    return _typed_frame(frame, resource)


def _typed_frame(frame: pd.DataFrame, resource: Mapping[str, Any]) -> pd.DataFrame:
    """Each column of CSV strings converted to the dtype its field descriptor gives."""
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
