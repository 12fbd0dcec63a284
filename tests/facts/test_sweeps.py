"""What moves across a sweep: verdicts over tolerances and member counts over dates."""

from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal

from analysis.facts.factcheck import VERDICTS
from analysis.facts.sweeps import member_counts_across, verdict_counts_across, verdicts_across


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


def _directions(events: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """A direction_counts frame: per member, (cohesion events, distancing events)."""
    rows = [
        (member, f"Name {member}", direction, count)
        for member, (cohesion, distancing) in events.items()
        for direction, count in (("cohesion", cohesion), ("distancing", distancing))
    ]
    return pd.DataFrame(rows, columns=["member", "member_name", "direction", "events"])


def test_member_counts_are_summed_over_directions_per_date_in_member_order() -> None:
    counts = {
        "2023-09-30": _directions({"RUS": (3, 0), "ARM": (4, 2)}),
        "2022-06-30": _directions({"RUS": (1, 0), "ARM": (2, 1)}),
    }
    expected = pd.DataFrame(
        {
            "member": ["RUS", "RUS", "ARM", "ARM"],
            "member_name": pd.array(["Name RUS"] * 2 + ["Name ARM"] * 2, dtype="string"),
            "as_of": ["2022-06-30", "2023-09-30"] * 2,
            "events": [1, 3, 3, 6],
            "distancing": [0, 0, 1, 2],
        }
    ).astype({"events": "int64", "distancing": "int64"})
    assert_frame_equal(member_counts_across(counts), expected)
