"""Verdict counts and claim intervals for the fact-check report."""

from __future__ import annotations

import math

import pytest

import analysis
from analysis.errors import ParameterError
from analysis.facts.factcheck import claim_rows
from tests.facts.tables import fact_tables


def test_verdict_counts_of_claims_with_known_verdicts() -> None:
    counts = analysis.verdict_counts(data=fact_tables())
    assert list(counts["verdict"]) == ["consistent", "close", "discrepant", "unverified"]
    assert list(counts["claims"]) == [2, 1, 1, 1]
    assert counts.attrs["tolerance_pp"] == 1.0


def test_verdict_counts_keep_zeros_and_follow_the_tolerance() -> None:
    counts = analysis.verdict_counts(5.0, data=fact_tables())
    assert list(counts["claims"]) == [2, 2, 0, 1]  # 'far' is 4.5 pp beyond: close at 5 pp


def test_bands_of_small_tables() -> None:
    bands = analysis.claim_bands(data=fact_tables()).set_index("claim")
    assert list(bands.index) == ["inside", "near", "far", "census"]
    assert bands.loc["near", "offset"] == pytest.approx(1.0)
    assert (bands.loc["near", "low"], bands.loc["near", "high"]) == (-0.5, 0.5)
    assert bands.loc["census", "reference"] == 25.0
    assert math.isinf(bands.loc["census", "low"])


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
    with pytest.raises(ParameterError, match="tolerance_pp must be a number from 0 to 100"):
        analysis.claim_bands(-0.5)
