"""Each member's UN vote beside Russia's, and the share of votes that matched, per year."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import analysis
from analysis.errors import ParameterError
from analysis.facts.votes import aligned, possible_votes
from tests.facts.tables import vote_tables

VOTES = ["yes", "no", "abstain", "absent", "abstain_or_absent", "not_against", "unknown"]


def test_vote_matrix_of_small_tables() -> None:
    matrix = analysis.vote_matrix(data=vote_tables())
    rows = [("r1", "ARM", "not_against", False), ("r1", "KAZ", "abstain", False),
            ("r2", "ARM", "absent", False), ("r2", "KAZ", "no", True),
            ("r3", "ARM", "abstain_or_absent", False), ("r3", "KAZ", "unknown", pd.NA)]  # fmt: skip
    dates = {"r1": "2022-03-02", "r2": "2022-10-12", "r3": "2025-02-24"}
    sources = {"ARM": "s2", "KAZ": "s3"}
    expected = pd.DataFrame(
        {
            "date": pd.to_datetime([dates[r] for r, *_ in rows]),
            "date_precision": pd.Categorical(["day"] * 6, categories=["day", "month", "year"]),
            "resolution": pd.array([r for r, *_ in rows], dtype="string"),
            "title": pd.array([f"Title {r}" for r, *_ in rows], dtype="string"),
            "member": pd.Categorical([m for _, m, *_ in rows], categories=["ARM", "KAZ"]),
            "member_name": pd.array(["Armenia", "Kazakhstan"] * 3, dtype="string"),
            "vote": pd.Categorical([v for _, _, v, _ in rows], categories=VOTES),
            "leader_vote": pd.Categorical(["no"] * 6, categories=VOTES),
            "aligned": pd.array([a for *_, a in rows], dtype="boolean"),
            "note": pd.array([pd.NA] * 6, dtype="string"),
            "source": pd.array([f"Source {sources[m]}" for _, m, *_ in rows], dtype="string"),
            "source_url": pd.array(
                [f"https://example.org/{sources[m]}" for _, m, *_ in rows], dtype="string"
            ),
        }
    )
    assert_frame_equal(matrix, expected)
    assert matrix.attrs["leader"] == "RUS"
    assert matrix.attrs["since"] is None
    assert matrix.attrs["as_of"] is None


def test_alignment_by_year_of_small_tables() -> None:
    frame = analysis.alignment_by_year(data=vote_tables())
    expected = pd.DataFrame(
        {
            "member": pd.Categorical(["ARM", "ARM", "KAZ", "KAZ"], categories=["ARM", "KAZ"]),
            "member_name": pd.array(
                ["Armenia", "Armenia", "Kazakhstan", "Kazakhstan"], dtype="string"
            ),
            "year": [2022, 2025, 2022, 2025],
            "resolutions": [2, 1, 2, 1],
            "known": [2, 1, 2, 0],
            "aligned": [0, 0, 1, 0],
            "share": pd.array([0.0, 0.0, 0.5, pd.NA], dtype="Float64"),
        }
    )
    assert_frame_equal(frame, expected)


def test_period_and_members_choose_the_rows() -> None:
    data = vote_tables()
    matrix = analysis.vote_matrix(as_of="2022-12-31", since="2022-06-01", members=["KAZ"],
                                  data=data)  # fmt: skip
    assert list(matrix["resolution"]) == ["r2"]
    assert list(matrix["member"].cat.categories) == ["KAZ"]
    assert matrix.attrs["since"] == "2022-06-01"
    assert analysis.vote_matrix(members=["RUS"], data=data).empty


@pytest.mark.parametrize(
    ("vote", "leader", "expected"),
    [("no", "no", True), ("abstain", "no", False), ("absent", "absent", pd.NA),
     ("absent", "no", False), ("not_against", "no", False), ("not_against", "yes", pd.NA),
     ("abstain_or_absent", "abstain", pd.NA), ("unknown", "no", pd.NA),
     ("yes", "unknown", pd.NA), ("yes", None, pd.NA)],
)  # fmt: skip
def test_alignment_rule(vote: str, leader: str | None, expected: object) -> None:
    result = aligned(vote, leader, possible_votes())
    assert result is expected


def test_every_member_row_of_votes_is_in_the_matrix_beside_russias_vote() -> None:
    votes = analysis.load("votes")
    matrix = analysis.vote_matrix()
    russia = votes.loc[votes["member"] == "RUS"].set_index("resolution")["vote"].astype(str)
    assert len(matrix) == int((votes["member"] != "RUS").sum())
    assert (matrix["leader_vote"].astype(str) == matrix["resolution"].map(russia)).all()
    cast = matrix["vote"].isin(["yes", "no", "abstain"])
    recorded = matrix.loc[cast]
    same = recorded["vote"].astype(str) == recorded["leader_vote"].astype(str)
    assert (recorded["aligned"] == same).all()


def test_alignment_by_year_adds_up_to_the_resolutions() -> None:
    frame = analysis.alignment_by_year()
    resolutions = analysis.load("resolutions")
    per_year = resolutions["date"].dt.year.value_counts()
    for row in frame.itertuples():
        assert row.resolutions == per_year[row.year]
        assert 0 <= row.aligned <= row.known <= row.resolutions
    assert set(frame["member"].astype(str)) == set(analysis.load("members")["code"]) - {"RUS"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"members": ["UKR"]}, "members has 'UKR'"),
     ({"as_of": "2022-01-01", "since": "2023-01-01"}, "as_of 2022-01-01 is before since"),
     ({"since": "soon"}, "since must be an ISO date")],
)  # fmt: skip
def test_bad_arguments_are_parameter_errors(kwargs: dict, message: str) -> None:
    for function in (analysis.vote_matrix, analysis.alignment_by_year):
        with pytest.raises(ParameterError, match=message):
            function(**kwargs)
