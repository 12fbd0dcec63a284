"""A frame shown as a table: verdict cues readable, the same HTML on every run."""

from __future__ import annotations

import pandas as pd

import analysis
from analysis.presentation import theme


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim": ["a", "b"],
            "verdict": ["discrepant", "consistent"],
            "share": [39.689212, 1234567.0],
            "date": pd.to_datetime(["2023-09-30", "2022-01-05"]),
        }
    )


def test_a_verdict_is_written_with_its_symbol_in_a_readable_colour() -> None:
    html = analysis.table(_frame()).to_html()
    cue = theme.VERDICTS["discrepant"]
    assert f"{cue.symbol} {cue.label}" in html
    colour = theme.text_colour(cue.colour)
    assert f"color: {colour}" in html
    assert theme.contrast(colour) >= theme.TEXT_CONTRAST


def test_numbers_and_dates_are_written_for_readers() -> None:
    html = analysis.table(_frame()).to_html()
    assert "39.689" in html
    assert "1,234,567" in html
    assert "30 September 2023" in html


def test_the_same_frame_gives_the_same_html_and_text() -> None:
    first, second = analysis.table(_frame()), analysis.table(_frame())
    assert first.to_html() == second.to_html()
    assert repr(first) == repr(second)
    assert "0x" not in repr(first)


def test_rows_limits_what_is_shown() -> None:
    assert "✓ accurate" not in analysis.table(_frame(), rows=1).to_html()
