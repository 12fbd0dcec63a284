"""A table's columns as text, from the CSV files (cheaply, without pandas) or from loaded frames.

The domain rules of the parameters (census years, groups, members, partners) are derived
once from `Columns`; before a kernel starts they read the files, inside the library the
frames a function was given.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from analysis.data import schema
from analysis.data.files import PackageFiles
from analysis.paths import DATA_DIR


class Columns(Protocol):
    """Where the domain rules read the values a table holds."""

    def column(self, table: str, field: str) -> list[str]:
        """A column's cells as text, in the table's order ('' for a missing value)."""
        ...

    def vocabulary(self, table: str, field: str) -> list[str]:
        """The field's closed vocabulary in its declared order; [] when it has none."""
        ...


class CsvColumns:
    """Columns read from a data package's CSV files with the csv module (no pandas)."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = data_dir
        self._files = PackageFiles(data_dir)

    def column(self, table: str, field: str) -> list[str]:
        """A column's cells as text, in the file's order."""
        return self._files.column(table, field)

    def vocabulary(self, table: str, field: str) -> list[str]:
        """The field's `enum` constraint in the descriptor; [] when it has none."""
        try:
            return schema.vocabulary(table, field, self.data_dir)
        except KeyError:
            return []


class FrameColumns:
    """Columns of frames already loaded: a `Dataset`, or a test's small frames."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data

    def column(self, table: str, field: str) -> list[str]:
        """A column's cells as text ('' for a missing value)."""
        values = self.data[table][field]
        missing = values.isna().tolist()
        return ["" if gone else str(value) for value, gone in zip(values.tolist(), missing,
                                                                  strict=True)]  # fmt: skip

    def vocabulary(self, table: str, field: str) -> list[str]:
        """The categories of a categorical column; [] for any other column."""
        categories = getattr(self.data[table][field], "cat", None)
        return [] if categories is None else [str(value) for value in categories.categories]
