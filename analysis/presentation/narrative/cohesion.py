"""The cohesion strand: events by direction, distancing per member, and the events themselves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.facts import cohesion, rules
from analysis.facts.lookups import records
from analysis.presentation.formatting import format_date, format_list
from analysis.presentation.narrative.common import (
    direction_label,
    direction_phrase,
    events,
    md,
    who,
)

Members = str | Iterable[str] | None


def distancing_summary(
    as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE, members: Members = None
) -> str:
    """How many distancing events each member takes part in, between two dates."""
    counts = cohesion.distancing_counts(as_of, since, members)
    attrs = counts.attrs  # the period and the members, as the facts function checked them
    return distancing_sentence(counts, attrs["since"], attrs["as_of"], who(attrs["member_names"]))


def distancing_sentence(counts: pd.DataFrame, start: Any, end: Any, subject: str) -> str:
    """`distancing_summary`'s sentence from a `distancing_counts` frame.

    `subject` is Markdown already: who takes part ('the 6 CSTO members take part').
    """
    total = int(counts["events"].sum())
    return (
        f"From {format_date(start)} to {format_date(end)}, {subject} in "
        f"{events(total)} of distancing from the alliance: {member_counts(counts)}."
    )


def member_counts(counts: pd.DataFrame) -> str:
    """'Armenia 3, Kazakhstan 1 and Russia 0': each member's count, the most first."""
    ranked = counts.sort_values("events", ascending=False, kind="stable")
    return format_list([f"{md(row.member_name)} {row.events}" for row in records(ranked)])


def direction_summary(
    as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE, members: Members = None
) -> str:
    """How many distinct events of each direction the chosen members take part in."""
    timeline = cohesion.cohesion_events(as_of, since, members)
    attrs = timeline.attrs  # the period and the members, as the facts function checked them
    return direction_sentence(timeline, attrs["since"], attrs["as_of"], who(attrs["member_names"]))


def direction_sentence(timeline: pd.DataFrame, start: Any, end: Any, subject: str) -> str:
    """`direction_summary`'s sentence from a `cohesion_events` frame."""
    unique = timeline.drop_duplicates("event")
    counts = unique["direction"].value_counts(sort=False)
    parts = [f"{int(counts[d])} {direction_phrase(d)}" for d in counts.index]
    return (
        f"From {format_date(start)} to {format_date(end)}, the data hold "
        f"{events(len(unique))} in which {subject}: {format_list(parts)}."
    )


def event_list(
    as_of: Any = cohesion.AS_OF,
    since: Any = cohesion.SINCE,
    members: Members = None,
    direction: str | None = None,
) -> str:
    """The events as a Markdown list: date, title, members, direction and the article's words."""
    timeline = cohesion.cohesion_events(as_of, since, members)
    if direction is not None:
        known = list(timeline["direction"].cat.categories)
        no_tables = rules.Domain.of({})  # the directions are known already
        rules.Items("directions", lambda _: known).check("direction", [direction], no_tables)
        timeline = timeline.loc[timeline["direction"] == direction]
    return events_markdown(timeline)


def events_markdown(timeline: pd.DataFrame) -> str:
    """`event_list`'s Markdown list from a `cohesion_events` frame (a row per event and member)."""
    if timeline.empty:
        return "No event in this period."
    lines = []
    for _, part in timeline.groupby("event", sort=False):
        row = part.iloc[0]
        names = format_list([md(name) for name in part["member_name"]])
        lines.append(
            f"- {format_date(row['date'], str(row['date_precision']))}: {md(row['title'])} "
            f"({names}; {direction_label(row['direction'])}). “{md(row['quote'])}”"
        )
    return "\n".join(lines)


def dated_titles(timeline: pd.DataFrame) -> list[str]:
    """Each event of a `cohesion_events` frame as 'Title (date)', escaped for Markdown."""
    return [
        f"{md(row.title)} ({format_date(row.date, str(row.date_precision))})"
        for row in records(timeline)
    ]
