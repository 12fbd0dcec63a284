"""Summits attended and exercises with troops, per member and year."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import analysis
from analysis.errors import ParameterError
from tests.facts.tables import participation_tables

NA = pd.NA


def test_participation_of_small_tables() -> None:
    frame = analysis.participation(data=participation_tables())
    # member, year, summits held/attended/unknown, share, exercises held/troops/unknown, share
    rows = [
        ("ARM", 2022, 1, 1, 0, 1.0, 1, 0, 0, 0.0),
        ("ARM", 2023, 1, 0, 0, 0.0, 0, 0, 0, NA),
        ("KAZ", 2022, 1, 1, 0, 1.0, 1, 1, 0, 1.0),
        ("KAZ", 2023, 1, 1, 0, 1.0, 1, 1, 0, 1.0),
        ("RUS", 2022, 1, 0, 1, NA, 1, 0, 1, NA),
        ("RUS", 2023, 1, 1, 0, 1.0, 1, 1, 0, 1.0),
    ]
    names = {"ARM": "Armenia", "KAZ": "Kazakhstan", "RUS": "Russia"}
    columns = list(zip(*rows, strict=True))
    expected = pd.DataFrame(
        {
            "member": pd.Categorical(columns[0], categories=["ARM", "KAZ", "RUS"]),
            "member_name": pd.array([names[m] for m in columns[0]], dtype="string"),
            "year": pd.array(columns[1], dtype="int64"),
            "summits_held": pd.array(columns[2], dtype="int64"),
            "summits_attended": pd.array(columns[3], dtype="int64"),
            "summits_unknown": pd.array(columns[4], dtype="int64"),
            "summit_share": pd.array(columns[5], dtype="Float64"),
            "exercises_held": pd.array(columns[6], dtype="int64"),
            "exercises_with_troops": pd.array(columns[7], dtype="int64"),
            "exercises_unknown": pd.array(columns[8], dtype="int64"),
            "exercise_share": pd.array(columns[9], dtype="Float64"),
        }
    )
    assert_frame_equal(frame, expected)


def test_period_and_members_choose_the_rows() -> None:
    frame = analysis.participation(since="2023-01-01", members=["KAZ", "ARM"],
                                   data=participation_tables())  # fmt: skip
    assert list(frame["member"].astype(str)) == ["KAZ", "ARM"]
    assert list(frame["year"]) == [2023, 2023]
    assert frame.attrs["since"] == "2023-01-01"


def test_the_counts_follow_the_shipped_tables() -> None:
    frame = analysis.participation()
    summits = analysis.load("summits")
    held = summits["date"].dt.year.value_counts()
    for row in frame.itertuples():
        assert row.summits_held == held.get(row.year, 0)
        assert row.summits_attended + row.summits_unknown <= row.summits_held
        assert row.exercises_with_troops + row.exercises_unknown <= row.exercises_held
    exercises = analysis.load("exercises")
    sent = analysis.load("exercise_participation").merge(
        exercises, left_on="exercise", right_on="id"
    )
    counted = sent.loc[sent["held"] & sent["expected"]]
    assert int(frame["exercises_held"].sum()) == len(counted)
    assert int(frame["exercises_with_troops"].sum()) == int((counted["sent_troops"] == "yes").sum())


def test_bad_arguments_are_parameter_errors() -> None:
    with pytest.raises(ParameterError, match="members has 'UKR'"):
        analysis.participation(members=["UKR"])
    with pytest.raises(ParameterError, match="as_of 2020-01-01 is before since"):
        analysis.participation(as_of="2020-01-01", since="2021-01-01")
