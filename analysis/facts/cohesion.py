"""Alliance cohesion: the dated events of the CSTO's members, by member, direction and kind."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from analysis.data.columns import FrameColumns
from analysis.data.loading import or_dataset
from analysis.facts import lookups, rules
from analysis.facts.sources import with_sources

AS_OF = "2023-09-30"
"""Default cut-off: the end of the month the article was published."""

SINCE = "2020-01-01"
"""Default start: the year of the 2020 Nagorno-Karabakh war, the article's first event."""


def cohesion_events(
    as_of: Any = AS_OF,
    since: Any = SINCE,
    members: str | Iterable[str] | None = None,
    *,
    cited_only: bool = True,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The timeline: one row for each event and each chosen member state that takes part in it.

    By default only the events the article cites (those with a quote): its own selection,
    so that what is counted is what the article chose to report, not a census of what
    happened. With `cited_only=False` the context and the events after the article
    (`hindsight`) are in too.

    An event counts when its `date` (the first day of its period, for an event known
    only to the month or year) lies between `since` and `as_of`, both included. A
    distancing event is a member moving away from the alliance's leader (stance
    'leading' in the members table), which takes part only as the counterpart: the
    event is not listed under the leader.

    Parameters
    ----------
    as_of : str
        An ISO date ('2023-09-30'); later events are left out.
    since : str
        An ISO date; earlier events are left out.
    members : list of str, optional
        Member codes, in the order wanted (default: the six members).
    data : mapping of str to pandas.DataFrame, optional
        The tables `events`, `event_actors`, `members`, `actors` and `sources` (default:
        `dataset()`).

    An event still running on `as_of` (its end date lies after `as_of`) is shown as it
    stood that day: its `end_date` is `as_of` and `ongoing` is True, so no row carries a
    date after `as_of`.

    Returns
    -------
    pandas.DataFrame
        Columns date, end_date (clipped to `as_of`), ongoing, date_precision, member
        (categorical in the order asked), member_name, event, title, kind, direction,
        quote, source (of the date), cited (the article quotes it), hindsight (after the
        article);
        sorted by date, member and event. `attrs` holds since and as_of (ISO dates)
        and sources (the article, then the sources of the dates), and member_names
        (code to name), for chart captions and alt text.

    Raises
    ------
    analysis.errors.ParameterError
        An unknown member, a malformed date, or `as_of` before `since`.
    """
    data = or_dataset(data)
    domain = rules.Domain.of(data)
    first, last = rules.period(since, as_of, domain)
    start, end = pd.Timestamp(first), pd.Timestamp(last)
    chosen = rules.MEMBERS.check("members", members, domain)
    events = data["events"]
    actors = data["event_actors"]
    frame = events.merge(actors, left_on="id", right_on="event_id", how="inner")
    keep = frame["actor"].isin(chosen) & frame["date"].between(start, end)
    frame["cited"] = frame["quote"].notna()
    if cited_only:
        keep &= frame["cited"]
    keep &= ~((frame["direction"] == "distancing") & frame["actor"].isin(_leaders(data)))
    frame = frame.loc[keep].copy()
    frame["member"] = pd.Categorical(frame["actor"].astype(str), categories=chosen)
    names = lookups.actor_names(data=data)
    frame["member_name"] = frame["member"].astype(str).map(names).astype(pd.StringDtype())
    frame = with_sources(frame.rename(columns={"id": "event"}), data=data)
    frame["ongoing"] = _running_after(frame, end)
    frame.loc[frame["ongoing"], "end_date"] = end
    columns = [
        "date", "end_date", "ongoing", "date_precision", "member", "member_name", "event",
        "title", "kind", "direction", "quote", "source", "cited", "hindsight",
    ]  # fmt: skip
    frame = frame.sort_values(["date", "member", "event"], kind="stable")
    result = frame[columns].reset_index(drop=True)
    _describe(result, start, end, [lookups.article_source(), *result["source"]])
    result.attrs["member_names"] = {code: names[code] for code in chosen}
    return result


def hindsight_events(
    as_of: Any = None,
    since: Any = None,
    members: str | Iterable[str] | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """What happened after the article: the events marked `hindsight`, by member.

    The timeline of `cohesion_events` (with `cited_only=False`) kept to the events after
    the article was published, which it could not cite: the evidence it did not choose.

    Parameters
    ----------
    as_of, since : str, optional
        ISO dates: events after `as_of` or before `since` are left out. None (the default)
        leaves that end open: from the first event in the data to the last day any event
        runs, so that no event is cut short.
    members : list of str, optional
        Member codes, in the order wanted (default: the six members).
    data : mapping of str to pandas.DataFrame, optional
        As for `cohesion_events`.

    Returns
    -------
    pandas.DataFrame
        The columns of `cohesion_events`, with `hindsight` True on every row; `attrs` as it
        gives them (since and as_of are the bounds used).

    Raises
    ------
    analysis.errors.ParameterError
        An unknown member, a malformed date, or `as_of` before `since`.
    """
    data = or_dataset(data)
    start, end = rules.open_period(since, as_of, rules.Domain.of(data))
    events = data["events"]
    dates = pd.concat([events["date"], events["end_date"]]).dropna()
    first = start or (dates.min().date() if not dates.empty else end)
    last = end or (dates.max().date() if not dates.empty else first)
    if first is None or last is None:  # no event at all and no bound given
        first = last = pd.Timestamp(AS_OF).date()
    timeline = cohesion_events(last, first, members, cited_only=False, data=data)
    kept = timeline.loc[timeline["hindsight"].fillna(False).astype(bool)].reset_index(drop=True)
    kept.attrs = dict(timeline.attrs)
    kept.attrs["sources"] = lookups.distinct_sources(kept["source"])
    return kept


def kind_matrix(
    as_of: Any = AS_OF,
    since: Any = SINCE,
    members: str | Iterable[str] | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """How many events of each kind each member takes part in.

    Returns
    -------
    pandas.DataFrame
        Index `member` (the members asked, in order, including those with no event),
        one integer column per event kind in the vocabulary's order; `attrs` as
        `cohesion_events` gives them.
    """
    data = or_dataset(data)
    timeline = cohesion_events(as_of, since, members, data=data)
    chosen = [str(member) for member in timeline["member"].cat.categories]
    kinds = _vocabulary(data, "kind")
    pairs = timeline.assign(
        member=timeline["member"].astype(str), kind=timeline["kind"].astype(str)
    )
    counts = pairs.groupby(["member", "kind"]).size()
    every = pd.MultiIndex.from_product([chosen, kinds], names=["member", "kind"])
    matrix = (
        counts.reindex(every, fill_value=0).unstack("kind").reindex(index=chosen, columns=kinds)
    )
    matrix.index.name = "member"
    matrix.columns.name = None
    matrix = matrix.astype("int64")
    matrix.attrs = dict(timeline.attrs)
    return matrix


def direction_counts(
    as_of: Any = AS_OF,
    since: Any = SINCE,
    members: str | Iterable[str] | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """How many events of each direction each member takes part in, as a tidy frame.

    Returns
    -------
    pandas.DataFrame
        Columns member, member_name, direction, events: every member asked and every
        direction of the vocabulary, zeros included.
    """
    data = or_dataset(data)
    timeline = cohesion_events(as_of, since, members, data=data)
    directions = _vocabulary(data, "direction")
    counts = timeline.groupby(["member", "direction"], observed=False).size()
    index = pd.MultiIndex.from_product(
        [list(timeline["member"].cat.categories), directions], names=["member", "direction"]
    )
    frame = counts.reindex(index, fill_value=0).rename("events").reset_index()
    frame["member"] = pd.Categorical(frame["member"], categories=timeline["member"].cat.categories)
    frame["direction"] = pd.Categorical(frame["direction"], categories=directions)
    names = lookups.actor_names(data=data)
    frame.insert(1, "member_name", frame["member"].astype(str).map(names).astype("string"))
    frame["events"] = frame["events"].astype("int64")
    frame.attrs = dict(timeline.attrs)
    return frame


def distancing_counts(
    as_of: Any = AS_OF,
    since: Any = SINCE,
    members: str | Iterable[str] | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Distancing events per member, with the article's stance for each member.

    Returns
    -------
    pandas.DataFrame
        One row per member asked (in order, zeros included): member, member_name,
        stance (from the members table), events (count of distancing events), first
        and last (dates of the first and last of them; NaT when there is none).
        `attrs` holds the period and the sources of these events' dates.
    """
    data = or_dataset(data)
    timeline = cohesion_events(as_of, since, members, data=data)
    distancing = timeline.loc[timeline["direction"] == "distancing"]
    grouped = distancing.groupby("member", observed=False)["date"]
    frame = pd.DataFrame(
        {
            "events": grouped.size(),
            "first": grouped.min(),
            "last": grouped.max(),
        }
    )
    frame = frame.reindex(list(timeline["member"].cat.categories))
    frame["events"] = frame["events"].fillna(0).astype("int64")
    frame.index.name = "member"
    frame = frame.reset_index()
    frame["member"] = pd.Categorical(frame["member"], categories=timeline["member"].cat.categories)
    names = lookups.actor_names(data=data)
    stances = data["members"].set_index("code")["stance"]
    frame.insert(1, "member_name", frame["member"].astype(str).map(names).astype("string"))
    stance = frame["member"].astype(str).map(stances.astype(str).to_dict())
    stance_type = pd.CategoricalDtype(FrameColumns(data).vocabulary("members", "stance") or None)
    frame.insert(2, "stance", pd.Series(stance, index=frame.index).astype(stance_type))
    result = frame[["member", "member_name", "stance", "events", "first", "last"]]
    result.attrs = dict(timeline.attrs)
    result.attrs["sources"] = lookups.distinct_sources(
        [lookups.article_source(), *distancing["source"]]
    )
    return result


def _describe(
    frame: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, sources: list[Any]
) -> None:
    """Record the period and the sources in `frame.attrs`, for chart captions and alt text."""
    frame.attrs = {
        "since": start.date().isoformat(),
        "as_of": end.date().isoformat(),
        "sources": lookups.distinct_sources(sources),
    }


def _running_after(frame: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """Which rows' events still run on `as_of`: their end date lies after it."""
    return (frame["end_date"].notna() & (frame["end_date"] > as_of)).astype(bool)


def _leaders(data: Mapping[str, pd.DataFrame]) -> list[str]:
    """Members the article casts as the alliance's leader (Russia)."""
    members = data["members"]
    return [str(code) for code in members.loc[members["stance"] == "leading", "code"]]


def _vocabulary(data: Mapping[str, pd.DataFrame], field: str) -> list[str]:
    """An events field's vocabulary (its categories), or the values it holds in a plain frame."""
    columns = FrameColumns(data)
    return columns.vocabulary("events", field) or list(
        dict.fromkeys(columns.column("events", field))
    )
