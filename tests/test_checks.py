"""Verdict counts and claim intervals for the fact-check report."""

from __future__ import annotations

import math

import pytest

import analysis
from analysis.errors import ParameterError
from analysis.facts.factcheck import VERDICTS, claim_rows


def test_verdict_counts_match_the_fact_check() -> None:
    counts = analysis.verdict_counts().set_index("verdict")
    checked = analysis.fact_check()
    checked = checked.loc[checked["primary"]]
    assert list(counts.index) == VERDICTS
    for verdict in VERDICTS:
        for column, kind in (("claims", "number"), ("statements", "statement")):
            mine = checked.loc[checked["kind"] == kind, "verdict"]
            assert counts.loc[verdict, column] == (mine == verdict).sum()
    assert counts["claims"].sum() == len(analysis.load("claims"))
    assert counts["statements"].sum() == len(analysis.load("statements"))


def test_a_wider_tolerance_turns_discrepant_into_close() -> None:
    strict = analysis.verdict_counts(1.0).set_index("verdict")["claims"]
    loose = analysis.verdict_counts(3.0).set_index("verdict")["claims"]
    assert loose["close"] == strict["close"] + 1  # the 2021 Russian share, 2.5 pp off


def test_bands_put_each_reference_where_its_verdict_says() -> None:
    bands = analysis.claim_bands()
    assert len(bands) == claim_rows(analysis.fact_check())["reference"].notna().sum()
    for row in bands.itertuples():
        inside = row.low <= row.offset <= row.high
        in_band = row.band_low <= row.offset <= row.band_high
        expected = "consistent" if inside else "close" if in_band else "discrepant"
        assert row.verdict == expected, row.claim


def test_bands_in_points_for_percentages_and_percent_otherwise() -> None:
    bands = analysis.claim_bands(tolerance_pp=2.0).set_index("claim")
    russians = bands.loc["kaz-russians-share-1991"]
    assert russians["scale"] == "pp"
    assert russians["offset"] == pytest.approx(russians["reference"] - 37)
    assert russians["band_high"] - russians["high"] == 2.0
    troops = bands.loc["rus-troops-to-kaz-2022"]
    assert troops["scale"] == "relative"
    assert troops["offset"] == pytest.approx(100.0)
    assert math.isinf(troops["high"])


def test_negative_tolerance_is_a_parameter_error() -> None:
    with pytest.raises(ParameterError, match="tolerance_pp"):
        analysis.claim_bands(-0.5)
