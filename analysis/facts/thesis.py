"""The article's thesis against the record: each member before and after it, and a reading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from analysis.data.loading import or_dataset
from analysis.facts import cohesion, lookups, participation, votes

ARTICLE_DATE = cohesion.AS_OF
"""The last day of the month the article was published: 'after the article' is after it."""

DISTANCING = "distancing"
"""The stance (members table) and the direction (events) of a member moving away."""

COUNTED_DIRECTIONS = ("distancing", "cohesion", "western_engagement")
"""The directions of the events after the article counted per member."""


def member_evidence(
    as_of: Any = None,
    since: Any = None,
    members: str | Iterable[str] | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Per member: its record before and after the article, and whether it bears the article out.

    After the article means after `ARTICLE_DATE` (the end of the month it was published).
    The record is three measures the article did not choose: the UN General Assembly votes
    cast as Russia's (`votes.vote_matrix`'s rule), the CSTO summits attended and exercises
    with troops (`participation.participation`'s rule, unknowns left out), and the events
    after the article (`hindsight`) by direction. A member *moved away* after the article
    when it missed a summit or an exercise it was expected at, or took part in more events
    of distancing than of cohesion. The article *is borne out* on a member when it cast the
    member as distancing (stance 'distancing') and the member moved away, or cast it
    otherwise and it did not; Russia, the reference of every measure, has no reading.

    Parameters
    ----------
    as_of, since : str, optional
        ISO dates bounding the record (None: open). Before the article is from `since`
        to `ARTICLE_DATE`, after it from the next day to `as_of`.
    members : list of str, optional
        Member codes, in the order wanted (default: the six members).
    data : mapping of str to pandas.DataFrame, optional
        The tables (default: `dataset()`).

    Returns
    -------
    pandas.DataFrame
        One row per member asked: member (categorical), member_name, stance, evidence
        (the article's words for the stance), votes_before, aligned_before, votes_after,
        aligned_after (resolutions whose alignment is known, and of them those voted as
        Russia did), summits_held, summits_attended, exercises_held, exercises_with_troops
        (after the article; held minus unknown, so a share of them is of the known),
        distancing, cohesion, western_engagement (events after the article), moved_away and
        borne_out (boolean; <NA> for Russia, and for every member when the period ends
        before the article's end). `attrs` holds since, as_of, article_date, through (the
        last day read: `as_of`, or the last day any event runs), leader (Russia's code),
        member_names and sources.

    Raises
    ------
    analysis.errors.ParameterError
        An unknown member, a malformed date, or `as_of` before `since`.
    """
    data = or_dataset(data)
    start, end, chosen = lookups.open_period_and_members(since, as_of, members, data)
    article = dt.date.fromisoformat(ARTICLE_DATE)
    after_start = article + dt.timedelta(days=1)
    leader = lookups.leader_code(data=data)
    frame = pd.DataFrame({"member": chosen})
    names = lookups.actor_names(data=data)
    frame["member_name"] = frame["member"].map(names)
    table = data["members"].set_index("code")
    frame["stance"] = frame["member"].map(table["stance"].astype(str))
    frame["evidence"] = frame["member"].map(table["evidence"].astype(str))

    before_end = article if end is None else min(end, article)
    for label, first, last in (("before", start, before_end), ("after", after_start, end)):
        matrix = _part(votes.vote_matrix, first, last, chosen, data)
        known = matrix.dropna(subset=["aligned"]) if matrix is not None else None
        counts = known.groupby("member", observed=False)["aligned"] if known is not None else None
        frame[f"votes_{label}"] = _counted(frame, None if counts is None else counts.count())
        frame[f"aligned_{label}"] = _counted(frame, None if counts is None else counts.sum())

    taking_part = _part(participation.participation, after_start, end, chosen, data)
    totals = None
    if taking_part is not None:
        taking_part = taking_part.assign(
            summits_held=taking_part["summits_held"] - taking_part["summits_unknown"],
            exercises_held=taking_part["exercises_held"] - taking_part["exercises_unknown"],
        )
        totals = taking_part.groupby("member", observed=False)[
            ["summits_held", "summits_attended", "exercises_held", "exercises_with_troops"]
        ].sum()
    for column in ("summits_held", "summits_attended", "exercises_held", "exercises_with_troops"):
        frame[column] = _counted(frame, None if totals is None else totals[column])

    later = None
    if _open(after_start, end):
        first_later = after_start if start is None else max(start, after_start)
        last_later = end or max(_last_event_day(data), first_later)
        timeline = cohesion.cohesion_events(
            last_later, first_later, chosen, cited_only=False, data=data
        )
        later = timeline.loc[timeline["hindsight"].fillna(False).astype(bool)]
    for direction in COUNTED_DIRECTIONS:
        hits = None
        if later is not None:
            rows = later.loc[later["direction"] == direction]
            hits = rows.groupby("member", observed=False).size()
        frame[direction] = _counted(frame, hits)

    missed = (frame["summits_attended"] < frame["summits_held"]) | (
        frame["exercises_with_troops"] < frame["exercises_held"]
    )
    moved = (missed | (frame["distancing"] > frame["cohesion"])).astype("boolean")
    # No day after the article: nothing to read.
    moved = moved.where(pd.Series(_open(after_start, end), index=frame.index))
    frame["moved_away"] = moved
    borne = (moved == (frame["stance"] == DISTANCING)).astype("boolean")
    frame["borne_out"] = borne.where(frame["member"] != leader)
    frame["member"] = pd.Categorical(frame["member"], categories=chosen)
    for column in ("member_name", "stance", "evidence"):
        frame[column] = frame[column].astype("string")
    frame.attrs = {
        **lookups.period_attrs(start, end),
        "article_date": ARTICLE_DATE,
        "through": (end or _last_event_day(data)).isoformat(),
        "leader": leader,
        "member_names": {code: names[code] for code in chosen},
        "sources": [] if later is None else lookups.distinct_sources(later["source"]),
    }
    return frame


def _open(first: dt.date | None, last: dt.date | None) -> bool:
    """Whether a period holds a day: an open end always does."""
    return first is None or last is None or first <= last


def _part(
    compute: Any, first: dt.date | None, last: dt.date | None, chosen: list[str], data: Any
) -> pd.DataFrame | None:
    """A facts function's frame for one side of the article; None when that side is empty."""
    if not _open(first, last):
        return None
    return compute(
        None if last is None else last.isoformat(),
        None if first is None else first.isoformat(),
        chosen,
        data=data,
    )


def _counted(frame: pd.DataFrame, counts: pd.Series | None) -> pd.Series:
    """Counts by member code, aligned on `frame`'s members, zeros where there is none."""
    if counts is None:
        return pd.Series(0, index=frame.index, dtype="int64")
    by_code = {str(code): int(value) for code, value in counts.items()}
    return frame["member"].map(lambda code: by_code.get(code, 0)).astype("int64")


def thesis_timeline(
    as_of: Any = None,
    since: Any = cohesion.SINCE,
    members: str | Iterable[str] | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The timeline carried past the article: every event, cited, context and after it.

    `cohesion.cohesion_events` with `cited_only=False`, so that the events after the article
    (`hindsight`) stand beside those it chose; `attrs["article_date"]` is `ARTICLE_DATE`, for
    the chart to mark. With `as_of` None the timeline runs to the last day any event runs.

    Returns
    -------
    pandas.DataFrame
        The columns of `cohesion.cohesion_events`; `attrs` as it gives them, and
        article_date.
    """
    data = or_dataset(data)
    if as_of is None:
        as_of = max(_last_event_day(data), dt.date.fromisoformat(ARTICLE_DATE))
    frame = cohesion.cohesion_events(as_of, since, members, cited_only=False, data=data)
    frame.attrs["article_date"] = ARTICLE_DATE
    return frame


def _last_event_day(data: Mapping[str, pd.DataFrame]) -> dt.date:
    """The last day any event runs (the article's date when there is no event)."""
    events = data["events"]
    dates = pd.concat([events["date"], events["end_date"]]).dropna()
    return dates.max().date() if not dates.empty else dt.date.fromisoformat(ARTICLE_DATE)
