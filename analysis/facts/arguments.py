"""The former argument checks, kept for callers not yet moved to `analysis.facts.rules`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from analysis.data.columns import FrameColumns
from analysis.facts import rules


def chosen(
    what: str, asked: str | Iterable[Any] | None, known: Sequence[Any], default: Sequence[Any]
) -> list[Any]:
    """The asked items among `known` in the asked order, `default` when none are asked."""
    if asked is None:
        return list(default)
    return rules.Items(what, lambda domain: known).check(what, asked, _NONE)


def timestamp(value: Any, what: str) -> pd.Timestamp:
    """A date (any ISO form, or a date) as a midnight `pandas.Timestamp`."""
    return pd.Timestamp(rules.DATE.check(what, value, _NONE))


_NONE = rules.Domain(FrameColumns({}))
"""These checks read no table."""
