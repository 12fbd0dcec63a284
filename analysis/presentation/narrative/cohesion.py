"""The cohesion strand: events by direction, distancing per member, and the events themselves.

Each `*_sentence` / `*_markdown` function takes the frame a notebook has already shown (its
period and members are in `frame.attrs`) and renders the strand's template
(`templates/cohesion/*.md.j2`); each `*_summary` computes that frame from parameters first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.facts import cohesion, lookups, rules
from analysis.facts.lookups import records
from analysis.presentation.narrative.templating import Markdown, render
from analysis.presentation.theme import DIRECTIONS

Members = str | Iterable[str] | None


def labels() -> dict[str, str]:
    """How each direction is labelled ('Distancing', 'Western engagement'): the theme's."""
    return {key: cue.label for key, cue in DIRECTIONS.items()}


def period(frame: pd.DataFrame) -> dict[str, Any]:
    """A cohesion frame's period and members, as its facts function checked them (`attrs`)."""
    names = dict(frame.attrs.get("member_names", {}))
    return {
        "since": frame.attrs["since"],
        "as_of": frame.attrs["as_of"],
        "names": list(names.values()),
        "everyone": bool(names) and sorted(names) == sorted(lookups.member_codes()),
        "labels": labels(),
    }


def distancing_summary(
    as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE, members: Members = None
) -> Markdown:
    """How many distancing events each member takes part in, between two dates."""
    return distancing_sentence(cohesion.distancing_counts(as_of, since, members))


def distancing_sentence(counts: pd.DataFrame) -> Markdown:
    """`distancing_summary`'s sentence from a `distancing_counts` frame (its period in attrs)."""
    return render(
        "cohesion/distancing.md.j2",
        **period(counts),
        total=int(counts["events"].sum()),
        members=ranked_members(counts),
    )


def ranked_members(counts: pd.DataFrame) -> list[Any]:
    """Each member's distancing count, the most first (ties in the frame's order)."""
    return records(counts.sort_values("events", ascending=False, kind="stable"))


def direction_summary(
    as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE, members: Members = None
) -> Markdown:
    """How many distinct events of each direction the chosen members take part in."""
    return direction_sentence(cohesion.cohesion_events(as_of, since, members))


def direction_sentence(timeline: pd.DataFrame) -> Markdown:
    """`direction_summary`'s sentence from a `cohesion_events` frame (its period in attrs)."""
    unique = timeline.drop_duplicates("event")
    counts = unique["direction"].value_counts(sort=False)
    return render(
        "cohesion/directions.md.j2",
        **period(timeline),
        total=len(unique),
        counts=[(str(direction), int(count)) for direction, count in counts.items()],
    )


def event_list(
    as_of: Any = cohesion.AS_OF,
    since: Any = cohesion.SINCE,
    members: Members = None,
    direction: str | None = None,
) -> Markdown:
    """The events as a Markdown list: date, title, members, direction and the article's words."""
    timeline = cohesion.cohesion_events(as_of, since, members)
    if direction is not None:
        known = list(timeline["direction"].cat.categories)
        no_tables = rules.Domain.of({})  # the directions are known already
        rules.Items("directions", lambda _: known).check("direction", [direction], no_tables)
        timeline = timeline.loc[timeline["direction"] == direction]
    return events_markdown(timeline)


def events_markdown(timeline: pd.DataFrame) -> Markdown:
    """`event_list`'s Markdown list from a `cohesion_events` frame (a row per event and member)."""
    return render("cohesion/events.md.j2", events=event_rows(timeline), labels=labels())


def event_rows(timeline: pd.DataFrame) -> list[dict[str, Any]]:
    """One row per event of a `cohesion_events` frame, with the names of the members in it."""
    rows = []
    for _, part in timeline.groupby("event", sort=False):
        row = part.iloc[0]
        rows.append(
            {
                "date": row["date"],
                "date_precision": str(row["date_precision"]),
                "title": row["title"],
                "names": list(part["member_name"]),
                "direction": str(row["direction"]),
                "quote": None if pd.isna(row["quote"]) else row["quote"],
                "source": row["source"],
            }
        )
    return rows
