"""Events by member, direction and kind, filtered by date and member."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.errors import ParameterError
from tests.facts.tables import cohesion_tables


def test_timeline_rows_come_from_events_and_event_actors() -> None:
    timeline = analysis.cohesion_events()
    actors = analysis.load("event_actors")
    pairs = set(zip(actors["event_id"], actors["actor"], strict=True))
    assert all(
        (event, str(member)) in pairs
        for event, member in zip(timeline["event"], timeline["member"], strict=True)
    )
    assert set(timeline["member"].astype(str)) <= set(analysis.load("members")["code"])
    assert timeline["date"].is_monotonic_increasing


def test_as_of_drops_later_events() -> None:
    timeline = analysis.cohesion_events(as_of="2022-12-31")
    assert not timeline.empty
    assert (timeline["date"] <= pd.Timestamp("2022-12-31")).all()
    assert "eagle-partner-2023" not in set(timeline["event"])
    assert "kgz-cancels-exercise-2022" in set(timeline["event"])


def test_since_drops_earlier_events() -> None:
    timeline = analysis.cohesion_events(since="2022-01-06")
    assert "nk-war-2020" not in set(timeline["event"])
    assert "kaz-csto-appeal-2022" not in set(timeline["event"])
    assert (timeline["date"] >= pd.Timestamp("2022-01-06")).all()


def test_members_filter_and_order() -> None:
    timeline = analysis.cohesion_events(members=["KGZ", "ARM"])
    assert list(timeline["member"].cat.categories) == ["KGZ", "ARM"]
    assert set(timeline["member"].astype(str)) == {"KGZ", "ARM"}


def test_distancing_is_not_listed_under_the_alliance_leader() -> None:
    timeline = analysis.cohesion_events()
    russia = timeline.loc[timeline["member"] == "RUS"]
    assert "distancing" not in set(russia["direction"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"members": ["UKR"]}, "members has 'UKR', not among the CSTO members"),
        ({"members": ["ARM", "ARM"]}, "members has 'ARM' twice"),
        ({"as_of": "2019-12-31"}, "as_of 2019-12-31 is before since 2020-01-01"),
        ({"as_of": "20191231"}, "as_of 2019-12-31 is before since 2020-01-01"),
        ({"since": "last year"}, "since must be an ISO date"),
        ({"as_of": "2023-02-30"}, "as_of must be an ISO date"),
    ],
)
def test_bad_arguments_are_parameter_errors(kwargs: dict, message: str) -> None:
    for function in (analysis.cohesion_events, analysis.kind_matrix, analysis.distancing_counts):
        with pytest.raises(ParameterError, match=message):
            function(**kwargs)


def test_kind_matrix_counts_the_timeline() -> None:
    timeline = analysis.cohesion_events(as_of="2023-06-30")
    matrix = analysis.kind_matrix(as_of="2023-06-30")
    assert list(matrix.index) == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
    assert list(matrix.columns) == list(analysis.load("events")["kind"].cat.categories)
    assert int(matrix.to_numpy().sum()) == len(timeline)
    assert (
        matrix.loc["KAZ", "diplomacy"]
        == ((timeline["member"] == "KAZ") & (timeline["kind"] == "diplomacy")).sum()
    )


def test_distancing_counts_per_member_with_zeros() -> None:
    counts = analysis.distancing_counts().set_index("member")
    assert counts["events"].to_dict() == {
        "ARM": 3, "BLR": 0, "KAZ": 4, "KGZ": 1, "RUS": 0, "TJK": 0,
    }  # fmt: skip
    assert counts.loc["ARM", "first"] == pd.Timestamp("2023-01-10")
    assert pd.isna(counts.loc["BLR", "first"])
    assert counts.loc["ARM", "stance"] == "distancing"


def test_distancing_counts_follow_as_of() -> None:
    counts = analysis.distancing_counts(as_of="2022-12-31").set_index("member")
    assert counts.loc["ARM", "events"] == 0
    assert counts.loc["KGZ", "events"] == 1


def test_direction_counts_add_up_to_the_timeline() -> None:
    counts = analysis.direction_counts()
    assert int(counts["events"].sum()) == len(analysis.cohesion_events())
    assert len(counts) == 6 * 4


def test_frames_carry_their_period_for_captions() -> None:
    matrix = analysis.kind_matrix(as_of="2022-12-31", since="2021-01-01")
    assert matrix.attrs["since"] == "2021-01-01"
    assert matrix.attrs["as_of"] == "2022-12-31"
    assert matrix.attrs["sources"]


def test_timeline_of_small_tables() -> None:
    timeline = analysis.cohesion_events(data=cohesion_tables())
    pairs = list(zip(timeline["event"], timeline["member"].astype(str), strict=True))
    assert pairs == [("split", "ARM"), ("drill", "KAZ"), ("drill", "RUS")]
    assert list(timeline["member"].cat.categories) == ["ARM", "KAZ", "RUS"]
    assert timeline.attrs["member_names"]["KAZ"] == "Kazakhstan"


def test_dates_in_any_iso_form_give_the_same_period() -> None:
    data = cohesion_tables()
    compact = analysis.cohesion_events("20220430", "2019-01-01", data=data)
    assert list(compact["event"]) == ["old", "split"]
    assert compact.attrs["as_of"] == "2022-04-30"


def test_distancing_counts_of_small_tables() -> None:
    counts = analysis.distancing_counts(data=cohesion_tables()).set_index("member")
    assert counts["events"].to_dict() == {"ARM": 1, "KAZ": 0, "RUS": 0}
    assert counts.loc["ARM", "first"] == pd.Timestamp("2021-03-01")
    assert counts.loc["KAZ", "stance"] == "hedging"


def test_kind_matrix_of_small_tables() -> None:
    matrix = analysis.kind_matrix(members=["RUS", "ARM"], data=cohesion_tables())
    assert list(matrix.index) == ["RUS", "ARM"]
    assert matrix.loc["RUS"].to_dict()["exercise"] == 1
    assert matrix.loc["ARM"].to_dict()["diplomacy"] == 1
    assert int(matrix.to_numpy().sum()) == 2


def test_an_event_running_on_as_of_ends_there_and_is_marked_ongoing() -> None:
    timeline = analysis.cohesion_events(as_of="2022-12-31")
    assert (timeline["end_date"].dropna() <= pd.Timestamp("2022-12-31")).all()
    blockade = timeline.loc[timeline["event"] == "lachin-blockade-2022"].iloc[0]
    assert blockade["ongoing"]
    assert blockade["end_date"] == pd.Timestamp("2022-12-31")
    events = analysis.load("events").set_index("id")["end_date"]
    finished = timeline.loc[timeline["end_date"].notna() & ~timeline["ongoing"]]
    assert not finished.empty
    for row in finished.itertuples():
        assert row.end_date == events[row.event]  # an event over by then keeps its end
