"""The events after the article: the evidence it could not choose."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.data.loading import frame_of
from analysis.errors import ParameterError
from tests.facts.tables import cohesion_tables


def _with_a_later_event() -> dict[str, pd.DataFrame]:
    """`cohesion_tables`, its events before the article, and 'after' (2024) after it."""
    data = cohesion_tables()
    events = data["events"].assign(hindsight=pd.array([False] * 3, dtype="boolean"))
    row = {
        "id": "after",
        "date": "2024-02-22",
        "date_precision": "day",
        "kind": "diplomacy",
        "direction": "distancing",
        "hindsight": True,
        "title": "A freeze",
        "source_id": "s1",
    }
    later = frame_of("events", [row])
    actors = frame_of("event_actors", [{"event_id": "after", "actor": "ARM"},
                                       {"event_id": "after", "actor": "RUS"}])  # fmt: skip
    data["events"] = pd.concat([events, later], ignore_index=True)
    data["event_actors"] = pd.concat([data["event_actors"], actors], ignore_index=True)
    return data


def test_only_hindsight_events_under_their_members() -> None:
    frame = analysis.hindsight_events(data=_with_a_later_event())
    timeline = analysis.cohesion_events("2024-12-31", "2019-01-01", cited_only=False,
                                        data=_with_a_later_event())  # fmt: skip
    expected = timeline.loc[timeline["hindsight"].fillna(False)].reset_index(drop=True)
    pd.testing.assert_frame_equal(frame, expected)
    assert list(zip(frame["event"], frame["member"].astype(str), strict=True)) == [("after", "ARM")]
    assert frame.attrs["as_of"] == "2024-02-22"
    assert analysis.hindsight_events(as_of="2023-12-31", data=_with_a_later_event()).empty


def test_the_shipped_hindsight_events_are_those_marked_so() -> None:
    frame = analysis.hindsight_events()
    events = analysis.load("events")
    marked = set(events.loc[events["hindsight"], "id"])
    assert set(frame["event"]) <= marked
    assert frame["hindsight"].all()
    assert frame["quote"].isna().all()
    members = analysis.load("members")
    leaders = set(members.loc[members["stance"] == "leading", "code"])
    pairs = analysis.load("event_actors").merge(events, left_on="event_id", right_on="id")
    pairs = pairs.loc[pairs["hindsight"] & pairs["actor"].isin(set(members["code"]))]
    pairs = pairs.loc[~((pairs["direction"] == "distancing") & pairs["actor"].isin(leaders))]
    expected = set(zip(pairs["event_id"], pairs["actor"], strict=True))
    assert set(zip(frame["event"], frame["member"].astype(str), strict=True)) == expected


def test_bad_arguments_are_parameter_errors() -> None:
    with pytest.raises(ParameterError, match="members has 'DEU'"):
        analysis.hindsight_events(members=["DEU"])
