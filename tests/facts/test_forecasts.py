"""The article's forecasts: each outcome as of a date, from its dated steps."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.data.loading import frame_of
from analysis.errors import ParameterError
from analysis.facts.forecasts import BEFORE_ANY_STEP
from tests.facts.tables import source


def _tables() -> dict[str, pd.DataFrame]:
    """Three sentences, two of them forecasts: 'a' (1.1) steps to partly on 2024-02-01 and to
    happened on 2025-01-01; 'b' (2.1) has no step; 1.2 predicts nothing."""
    sentences = [
        {"paragraph": 1, "position": 1, "text": "A will happen.", "class": "forecast",
         "prediction": "A happens."},
        {"paragraph": 1, "position": 2, "text": "Today is grey.", "class": "opinion"},
        {"paragraph": 2, "position": 1, "text": "B will happen.", "class": "forecast",
         "prediction": "B happens."},
    ]  # fmt: skip
    events = [
        {"id": ident, "date": date, "date_precision": "day", "kind": "diplomacy",
         "direction": "distancing", "title": f"Event {ident}", "source_id": f"s-{ident}"}
        for ident, date in (("first", "2024-02-01"), ("second", "2025-01-01"))
    ]  # fmt: skip
    steps = [
        {"paragraph": 1, "position": 1, "date": "2024-02-01", "outcome": "partly",
         "event_id": "first", "reason": "Some of A."},
        {"paragraph": 1, "position": 1, "date": "2025-01-01", "outcome": "happened",
         "event_id": "second", "reason": "All of A."},
    ]  # fmt: skip
    return {
        "sentences": frame_of("sentences", sentences),
        "events": frame_of("events", events),
        "forecast_outcomes": frame_of("forecast_outcomes", steps),
        "sources": frame_of("sources", [source("s-first"), source("s-second")]),
    }


@pytest.mark.parametrize(
    ("as_of", "outcome", "event", "steps"),
    [
        ("2024-01-31", "not_yet", None, 0),
        ("2024-02-01", "partly", "first", 1),
        ("2024-12-31", "partly", "first", 1),
        ("2025-01-01", "happened", "second", 2),
        (None, "happened", "second", 2),
    ],
)
def test_the_outcome_is_the_last_step_on_or_before_as_of(
    as_of: str | None, outcome: str, event: str | None, steps: int
) -> None:
    frame = analysis.forecast_outcomes(as_of, data=_tables())
    assert list(zip(frame["paragraph"], frame["position"], strict=True)) == [(1, 1), (2, 1)]
    first, second = frame.iloc[0], frame.iloc[1]
    assert first["outcome"] == outcome
    assert first["label"] == frame.attrs["labels"][outcome]
    assert (None if pd.isna(first["event"]) else first["event"]) == event
    assert first["steps"] == steps
    if event is not None:
        assert first["event_title"] == f"Event {event}"
        assert first["source"] == f"Source s-{event}"
    assert second["outcome"] == BEFORE_ANY_STEP
    assert pd.isna(second["since"])
    assert pd.isna(second["reason"])
    assert frame.attrs["as_of"] == as_of


def test_the_scale_comes_from_the_descriptor_in_its_order() -> None:
    from analysis.data import schema

    frame = analysis.forecast_outcomes(data=_tables())
    assert list(frame.attrs["scale"]) == schema.vocabulary("forecast_outcomes", "outcome")
    assert list(frame["outcome"].cat.categories) == list(frame.attrs["scale"])
    assert all(meaning.strip() for meaning in frame.attrs["scale"].values())
    assert BEFORE_ANY_STEP in frame.attrs["scale"]
    assert list(frame.attrs["labels"]) == list(frame.attrs["scale"])


def test_a_bad_date_is_one_parameter_error() -> None:
    with pytest.raises(ParameterError, match="as_of"):
        analysis.forecast_outcomes("30/09/2023", data=_tables())


def test_every_forecast_of_the_article_has_a_row_and_its_latest_step() -> None:
    sentences = analysis.load("sentences")
    steps = analysis.load("forecast_outcomes").sort_values("date")
    frame = analysis.forecast_outcomes()
    predicted = sentences.loc[sentences["prediction"].notna()]
    assert list(frame["sentence"]) == list(predicted["text"])
    for row in frame.itertuples():
        own = steps.loc[(steps["paragraph"] == row.paragraph) & (steps["position"] == row.position)]
        expected = own["outcome"].iloc[-1] if len(own) else BEFORE_ANY_STEP
        assert row.outcome == expected
        assert row.steps == len(own)


def test_before_the_first_step_every_forecast_is_not_yet() -> None:
    first = analysis.load("forecast_outcomes")["date"].min()
    day_before = (first - pd.Timedelta(days=1)).date().isoformat()
    frame = analysis.forecast_outcomes(day_before)
    assert set(frame["outcome"]) == {BEFORE_ANY_STEP}
