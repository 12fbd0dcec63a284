"""Check the arguments of the report functions: lists, vocabularies, years, dates, tolerances.

A notebook parameter may arrive as text (`-p groups Kazakhs` gives a string), so these
accept what a researcher would type and refuse the rest with one clear `ParameterError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from analysis.errors import ParameterError


def as_list(value: str | Iterable[Any] | None, what: str) -> list[Any] | None:
    """A list from a list-like argument; a lone string becomes a one-item list, None stays None.

    A notebook parameter set on the command line (``-p groups Kazakhs``) arrives as a
    string, not a list; iterating it would give its letters.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    try:
        return list(value)
    except TypeError:
        raise ParameterError(f"{what} must be a list, not {value!r}") from None


def chosen(
    what: str, asked: str | Iterable[Any] | None, known: Sequence[Any], default: Sequence[Any]
) -> list[Any]:
    """The asked items in the asked order, `default` when none are asked.

    Raises
    ------
    analysis.errors.ParameterError
        An item that is not `known`, a repeated item, or an empty list.
    """
    items = as_list(asked, what)
    if items is None:
        return list(default)
    if not items:
        raise ParameterError(f"no {what} given; choose from: {_listing(known)}")
    for item in items:
        if item not in known:
            raise ParameterError(f"unknown {what} {item!r}; choose from: {_listing(known)}")
    repeated = [item for index, item in enumerate(items) if item in items[:index]]
    if repeated:
        raise ParameterError(f"{what} {repeated[0]!r} is given twice")
    return items


def year(value: Any, what: str) -> int:
    """An integer year; a bool, a fraction or a word is a `ParameterError`."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ParameterError(f"{what} must be a year, not {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise ParameterError(f"{what} must be a year, not {value!r}") from None
    if not number.is_integer():
        raise ParameterError(f"{what} must be a whole year, not {value!r}")
    return int(number)


def year_range(start: Any, end: Any) -> tuple[int | None, int | None]:
    """Check an inclusive range of years; either end may be None (open)."""
    first = None if start is None else year(start, "start_year")
    last = None if end is None else year(end, "end_year")
    if first is not None and last is not None and first > last:
        raise ParameterError(f"start_year {first} is after end_year {last}")
    return first, last


def timestamp(value: Any, what: str) -> pd.Timestamp:
    """A date given as 'YYYY-MM-DD' (or a date) as a midnight `pandas.Timestamp`."""
    if isinstance(value, pd.Timestamp | dt.date):
        return pd.Timestamp(value).normalize()
    if not isinstance(value, str):
        raise ParameterError(f"{what} must be a date such as '2023-09-30', not {value!r}")
    try:
        return pd.Timestamp(dt.date.fromisoformat(value.strip()))
    except ValueError:
        raise ParameterError(f"{what} must be a date such as '2023-09-30', not {value!r}") from None


def tolerance(value: Any, what: str = "tolerance_pp") -> float:
    """A tolerance: a number >= 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterError(f"{what} must be a number >= 0, not {value!r}")
    if not value >= 0:
        raise ParameterError(f"{what} must be a number >= 0, not {value!r}")
    return float(value)


def _listing(known: Sequence[Any]) -> str:
    return ", ".join(str(item) for item in known)
