"""What moves across a sweep: verdicts over tolerances and each member's measures."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.data.loading import dataset
from analysis.errors import ParameterError
from analysis.facts.cohesion import direction_counts
from analysis.facts.factcheck import VERDICTS
from analysis.facts.participation import participation
from analysis.facts.sweeps import (
    MEASURES,
    measures_across,
    verdict_counts_across,
    verdicts_across,
)
from analysis.facts.votes import alignment_by_year


def _checked(verdicts: dict[str, str]) -> pd.DataFrame:
    """A fact-check frame: figures on their primary basis, a second basis, a statement."""
    claims = list(verdicts)
    return pd.DataFrame(
        {
            "claim": [*claims, claims[0], "stmt"],
            "kind": ["number"] * (len(claims) + 1) + ["statement"],
            "primary": [True] * len(claims) + [False, True],
            "verdict": [*verdicts.values(), "discrepant", "consistent"],
        }
    )


def test_a_flip_is_marked_where_a_verdict_differs_from_the_next_smaller_tolerance() -> None:
    checks = {
        2.0: _checked({"b": "close", "a": "close"}),
        0.0: _checked({"b": "discrepant", "a": "close"}),
        1.0: _checked({"b": "discrepant", "a": "close"}),
    }
    expected = pd.DataFrame(
        {
            "claim": ["b", "b", "b", "a", "a", "a"],
            "tolerance_pp": [0.0, 1.0, 2.0] * 2,
            "verdict": pd.Categorical(
                ["discrepant", "discrepant", "close", "close", "close", "close"],
                categories=VERDICTS,
                ordered=True,
            ),
            "flipped": [False, False, True, False, False, False],
        }
    )
    assert_frame_equal(verdicts_across(checks), expected)


def test_the_counts_per_verdict_per_tolerance_hold_every_verdict() -> None:
    frame = verdicts_across(
        {
            0.0: _checked({"a": "discrepant", "b": "close"}),
            5.0: _checked({"a": "close", "b": "close"}),
        }
    )
    counts = verdict_counts_across(frame)
    assert list(counts.columns) == VERDICTS
    assert counts.loc[0.0].tolist() == [0, 1, 1, 0]
    assert counts.loc[5.0].tolist() == [0, 2, 0, 0]


PERIOD = {"since": "2019-01-01", "members": ["ARM", "KAZ", "RUS"]}


def test_measures_follow_each_variant_in_order_with_one_row_per_member() -> None:
    variants = [("2021-12-31", {**PERIOD, "as_of": "2021-12-31", "tolerance_pp": 1.0}),
                ("2025-09-30", {**PERIOD, "as_of": "2025-09-30", "tolerance_pp": 1.0})]  # fmt: skip
    frame = measures_across(variants, list(MEASURES), data=dataset())
    assert list(frame.columns) == ["variant", "measure", "member", "member_name", "value"]
    assert list(dict.fromkeys(frame["variant"])) == ["2021-12-31", "2025-09-30"]
    assert list(dict.fromkeys(frame["measure"])) == list(MEASURES)
    for _, rows in frame.groupby(["variant", "measure"]):
        assert set(rows["member"]) <= set(PERIOD["members"])
        assert rows["member"].is_unique


def test_the_events_measure_sums_every_direction() -> None:
    counts = direction_counts("2023-09-30", "2019-01-01", ["ARM", "KAZ"], data=dataset())
    frame = MEASURES["events"].function("2023-09-30", "2019-01-01", ["ARM", "KAZ"], data=dataset())
    expected = counts.groupby(counts["member"].astype(str))["events"].sum()
    assert dict(zip(frame["member"], frame["value"], strict=True)) == expected.to_dict()


def test_the_alignment_measure_is_aligned_over_known_votes_of_the_whole_period() -> None:
    years = alignment_by_year("2025-09-30", "2019-01-01", ["ARM", "KAZ"], data=dataset())
    frame = MEASURES["alignment_with_russia"].function(
        "2025-09-30", "2019-01-01", ["ARM", "KAZ"], data=dataset()
    )
    for member, value in zip(frame["member"], frame["value"], strict=True):
        rows = years.loc[years["member"] == member]
        assert value == rows["aligned"].sum() / rows["known"].sum()


def test_the_participation_measures_leave_unknowns_out_of_the_shares() -> None:
    years = participation("2025-09-30", "2019-01-01", ["ARM"], data=dataset())
    summits = MEASURES["summit_attendance"].function("2025-09-30", "2019-01-01", ["ARM"],
                                                     data=dataset())  # fmt: skip
    known = years["summits_held"].sum() - years["summits_unknown"].sum()
    assert summits["value"].iloc[0] == years["summits_attended"].sum() / known
    troops = MEASURES["exercise_troops"].function("2025-09-30", "2019-01-01", ["ARM"],
                                                  data=dataset())  # fmt: skip
    known = years["exercises_held"].sum() - years["exercises_unknown"].sum()
    assert troops["value"].iloc[0] == years["exercises_with_troops"].sum() / known


def test_an_unknown_measure_is_named_with_the_ones_there_are() -> None:
    with pytest.raises(ParameterError, match="no measure 'turnout'; the measures are: events"):
        measures_across([("a", {})], ["turnout"])


def test_every_measure_pyproject_names_exists() -> None:
    from analysis.cli import project_config

    for notebook, names in project_config().sweep_measures:
        assert set(names) <= set(MEASURES), notebook
