"""Each member's record before and after the article, and whether it bears the article out."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.facts.thesis import ARTICLE_DATE
from tests.facts.tables import cohesion_tables, participation_tables, vote_tables


def _tables() -> dict[str, pd.DataFrame]:
    """The small vote, participation and cohesion tables together (the article: 2023-09-30).

    Before it: r1 and r2 (ARM aligned on neither; KAZ on r2). After it: r3 (ARM not aligned,
    KAZ unknown), summit s2 (ARM absent, KAZ and RUS there), no exercise, no event.
    """
    return {**cohesion_tables(), **participation_tables(), **vote_tables()}


def test_the_record_of_small_tables() -> None:
    frame = analysis.member_evidence(data=_tables()).set_index("member")
    expected = {
        "ARM": (2, 0, 1, 0, 1, 0, True, True),
        "KAZ": (2, 1, 0, 0, 1, 1, False, True),
        "RUS": (0, 0, 0, 0, 1, 1, False, pd.NA),
    }
    columns = ["votes_before", "aligned_before", "votes_after", "aligned_after",
               "summits_held", "summits_attended", "moved_away", "borne_out"]  # fmt: skip
    for member, values in expected.items():
        assert tuple(frame.loc[member, columns]) == values, member
    assert frame.loc["ARM", "stance"] == "distancing"
    assert frame.attrs["article_date"] == ARTICLE_DATE


def test_attending_every_summit_turns_the_reading() -> None:
    data = _tables()
    attendance = data["summit_attendance"]
    absent = (attendance["member"] == "ARM") & (attendance["attendance"] == "absent")
    attendance.loc[absent, "attendance"] = "present"
    data["summit_attendance"] = attendance
    frame = analysis.member_evidence(data=data).set_index("member")
    assert not frame.loc["ARM", "moved_away"]
    assert not frame.loc["ARM", "borne_out"]


def test_a_period_that_ends_before_the_article_has_no_reading() -> None:
    frame = analysis.member_evidence(ARTICLE_DATE, data=_tables())
    assert frame["moved_away"].isna().all()
    assert frame["borne_out"].isna().all()
    assert (frame[["votes_after", "summits_held", "distancing"]] == 0).all().all()


def test_the_shipped_record_adds_up_to_the_measures() -> None:
    frame = analysis.member_evidence().set_index("member")
    after = pd.Timestamp(ARTICLE_DATE)
    matrix = analysis.vote_matrix()
    later = matrix.loc[(matrix["date"] > after) & matrix["aligned"].notna()]
    for member, part in later.groupby("member", observed=True):
        assert frame.loc[str(member), "votes_after"] == len(part)
        assert frame.loc[str(member), "aligned_after"] == int(part["aligned"].sum())
    events = analysis.hindsight_events()
    events = events.loc[events["date"] > after]
    for member, part in events.groupby("member", observed=True):
        counted = (part["direction"] == "distancing").sum()
        assert frame.loc[str(member), "distancing"] >= counted


def test_the_timeline_runs_past_the_article_with_its_date() -> None:
    frame = analysis.thesis_timeline("2026-09-30", "2019-01-01")
    assert frame.attrs["article_date"] == ARTICLE_DATE
    assert frame["hindsight"].any()
    assert (~frame["hindsight"].astype(bool)).any()
    assert frame["date"].max() > pd.Timestamp(ARTICLE_DATE)


def test_an_unknown_member_is_one_parameter_error() -> None:
    with pytest.raises(analysis.ParameterError, match="members"):
        analysis.member_evidence(members=["XXX"])
