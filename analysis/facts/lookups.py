"""Lookups the report modules share: member codes, actor names, the sources to cite, rows."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Hashable, Iterable, Mapping
from types import SimpleNamespace
from typing import Any

import pandas as pd

from analysis.data.loading import or_dataset
from analysis.errors import DataError
from analysis.facts import rules


def member_codes(*, data: Mapping[str, pd.DataFrame] | None = None) -> list[str]:
    """The CSTO member states' codes, in the members table's order."""
    return rules.Domain.of(or_dataset(data)).members


def actor_names(*, data: Mapping[str, pd.DataFrame] | None = None) -> dict[str, str]:
    """Every actor code with its name ('KAZ' -> 'Kazakhstan'), from the table `actors`."""
    actors = or_dataset(data)["actors"]
    return {str(code): str(name) for code, name in zip(actors["code"], actors["name"], strict=True)}


def leader_code(*, data: Mapping[str, pd.DataFrame] | None = None) -> str:
    """The member the article casts as the alliance's leader: stance 'leading' (Russia)."""
    members = or_dataset(data)["members"]
    leaders = [str(code) for code in members.loc[members["stance"] == "leading", "code"]]
    if len(leaders) != 1:
        raise DataError([f"members.csv: {len(leaders)} members have stance 'leading', not one"])
    return leaders[0]


def open_period_and_members(
    since: Any, as_of: Any, members: Any, data: Mapping[str, pd.DataFrame]
) -> tuple[dt.date | None, dt.date | None, list[str]]:
    """A facts function's period (either end open: None) and members, checked against `data`.

    Raises `ParameterError` for an unknown member, a malformed date or `as_of` before `since`.
    """
    domain = rules.Domain.of(data)
    start, end = rules.open_period(since, as_of, domain)
    return start, end, rules.MEMBERS.check("members", members, domain)


def period_attrs(start: dt.date | None, end: dt.date | None) -> dict[Hashable, Any]:
    """A frame's `attrs` for its period: since and as_of as ISO dates, None for an open end."""
    return {
        "since": None if start is None else start.isoformat(),
        "as_of": None if end is None else end.isoformat(),
    }


def in_period(dates: pd.Series, start: Any, end: Any) -> pd.Series:
    """Which dates lie in a period, both ends included; an open end (None) keeps them all."""
    keep = pd.Series(True, index=dates.index)
    if start is not None:
        keep &= dates >= pd.Timestamp(start)
    if end is not None:
        keep &= dates <= pd.Timestamp(end)
    return keep


@functools.cache
def article_source() -> str:
    """The article as a source line, from the `article` table: 'CEPA, Title (September 2023)'."""
    from analysis.facts.reviews import article_record

    article = article_record()
    published = pd.Timestamp(article.date_published)
    when = {4: "%Y", 7: "%B %Y"}.get(len(article.date_published), "%-d %B %Y")
    return f"{article.author}, {article.title} ({published.strftime(when)})"


def distinct_sources(sources: Iterable[Any]) -> list[str]:
    """Distinct non-empty sources in first-seen order (missing values skipped)."""
    seen: list[str] = []
    for source in sources:
        if source is None or source is pd.NA or (isinstance(source, float) and pd.isna(source)):
            continue
        text = str(source).strip()
        if text and text not in seen:
            seen.append(text)
    return seen


def join_sources(sources: Iterable[Any]) -> str:
    """Distinct non-empty sources in first-seen order, joined by '; '."""
    return "; ".join(distinct_sources(sources))


def records(frame: pd.DataFrame) -> list[SimpleNamespace]:
    """The rows of a frame as namespaces (`row.column`), their values plain Python objects."""
    return [
        SimpleNamespace(**{str(key): value for key, value in row.items()})
        for row in frame.to_dict("records")
    ]
