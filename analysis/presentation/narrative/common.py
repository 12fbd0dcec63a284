"""What every strand hands its templates the same way: a frame's rows as plain values."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.presentation.formatting import markdown_text
from analysis.presentation.theme import VERDICT_LABELS

md = markdown_text
"""Every text from the data goes through this into Markdown (templates do it themselves)."""


def plain(value: Any) -> Any:
    """A cell as a template reads it: a missing value (NA, NaN, NaT) as None, else itself."""
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):  # a list or another container: not a missing value
        return value


def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as dicts of plain values, missing ones None (`{% if row.x is none %}`)."""
    return [
        {str(key): plain(value) for key, value in record.items()}
        for record in frame.to_dict("records")
    ]


def row_of(row: Any) -> dict[str, Any]:
    """A mapping, namedtuple or namespace row as a dict of plain values."""
    if hasattr(row, "_asdict"):
        items = row._asdict().items()
    elif hasattr(row, "items"):
        items = row.items()
    else:
        items = vars(row).items()
    return {str(key): plain(value) for key, value in items}


def verdict_labels() -> dict[str, str]:
    """Each verdict's label ('accurate', 'nearly accurate', ...), as every page writes it."""
    return dict(VERDICT_LABELS)
