"""Frames shown as tables: a pandas Styler with the verdict and direction cues of the theme."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from analysis.presentation import theme
from analysis.presentation.formatting import format_date, format_number

CUED_COLUMNS = {"verdict": theme.VERDICTS, "direction": theme.DIRECTIONS}
"""Columns whose values are categories with a cue: written with their symbol, in their colour."""


class Table(Styler):
    """A Styler whose text form is the frame's, so an executed notebook is the same bytes on
    every run (a plain Styler's text form carries its memory address)."""

    def __repr__(self) -> str:
        frame: pd.DataFrame = self.data  # type: ignore[attr-defined]
        return str(frame.to_string(max_rows=20))


def table(frame: pd.DataFrame, rows: int | None = None) -> Table:
    """The frame as a table for a notebook: verdicts and directions with their cues.

    A value of a `verdict` or `direction` column is written with its symbol ('✗
    discrepant') in the category's text colour (contrast at least 4.5:1 on white), so the
    cue does not rest on colour alone; dates are written as dates, numbers with
    thousands separators and at most three decimals; a named index is shown as the first
    column, an unnamed one not at all.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame of the facts layer.
    rows : int, optional
        Show only the first `rows` rows.

    Returns
    -------
    Table
        A pandas Styler, displayed as an HTML table in JupyterLab and in the report pages.
    """
    shown = frame if rows is None else frame.head(rows)
    if any(name is not None for name in shown.index.names):
        # A named index becomes the first column: one header row, and no empty header cell
        # (which a screen reader cannot announce).
        shown = shown.reset_index()
    styler = Table(shown)  # each call below styles it in place
    # A Styler writes text as HTML unless told to escape it: text from the data is text.
    styler.format(escape="html")
    styler.format_index(escape="html", axis=0)
    styler.format_index(escape="html", axis=1)
    for column, records in CUED_COLUMNS.items():
        if column in shown.columns:
            styler.format(_symbolled(records), subset=[column], escape="html")
            styler.map(_coloured(records), subset=[column])
    for column in shown.columns:
        kind = shown[column].dtype
        if pd.api.types.is_datetime64_any_dtype(kind):
            styler.format(_date, subset=[column], escape="html")
        elif pd.api.types.is_float_dtype(kind):
            styler.format(_number, subset=[column], escape="html")
    styler.hide(axis="index")
    styler.set_uuid(_stable_id(shown))
    return styler


def _stable_id(frame: pd.DataFrame) -> str:
    """An id from the frame's content, so that the same table is the same HTML on every run."""
    digest = hashlib.sha256(frame.to_csv(lineterminator="\n").encode("utf-8")).hexdigest()
    return f"t{digest[:10]}"


def _symbolled(records: Any) -> Any:
    def write(value: Any) -> str:
        cue = records.get(str(value))
        return f"{cue.symbol} {cue.label}" if cue else ("" if pd.isna(value) else str(value))

    return write


def _coloured(records: Any) -> Any:
    def style(value: Any) -> str:
        cue = records.get(str(value))
        return f"color: {theme.text_colour(cue.colour)}; font-weight: bold" if cue else ""

    return style


def _date(value: Any) -> str:
    return "" if pd.isna(value) else format_date(pd.Timestamp(value).date())


def _number(value: Any) -> str:
    if pd.isna(value):
        return ""
    number = float(value)
    return format_number(round(number, 3)) if abs(number) < 1e15 else f"{number:.3g}"
