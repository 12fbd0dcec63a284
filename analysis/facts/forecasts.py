"""The article's forecasts and what became of them, as of a date, from their dated outcome steps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.data import schema
from analysis.data.loading import or_dataset
from analysis.facts import lookups, rules
from analysis.facts.sources import with_sources
from analysis.paths import DATA_DIR

BEFORE_ANY_STEP = "not_yet"
"""A forecast's outcome before its first dated step (and when it has none)."""


def forecast_outcomes(
    as_of: Any = None, *, data: Mapping[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Each of the article's forecasts with its outcome as of `as_of`.

    A forecast is a sentence with a `prediction` (table `sentences`). Its outcome is that
    of its last step in `forecast_outcomes` dated on or before `as_of`; before its first
    step, or with no step at all, it is 'not_yet' (nothing predicted has taken place by
    then, which for a forecast without a date is no refutation).

    Parameters
    ----------
    as_of : str, optional
        An ISO date ('2025-06-30'); steps after it are left out. None (the default) takes
        every step in the data.
    data : mapping of str to pandas.DataFrame, optional
        The tables `sentences`, `forecast_outcomes`, `events` and `sources` (default:
        `dataset()`).

    Returns
    -------
    pandas.DataFrame
        One row per forecast, in reading order: paragraph, position, sentence (the
        article's words), prediction, outcome (categorical in the vocabulary's order),
        label (the outcome as a reader sees it, `x-labels` of `outcome`: 'not yet'), since
        (the date of the step in force; NaT before the first), reason (<NA> before the
        first step), event, event_title, event_date (the deciding event), source and
        source_url (of the event's date), steps (how many of the forecast's steps lie on or
        before `as_of`).
        `attrs` holds as_of (ISO date, None when open), scale (outcome to its meaning, in
        the vocabulary's order), labels (outcome to its label) and sources (the deciding
        events' sources).

    Raises
    ------
    analysis.errors.ParameterError
        A malformed date.
    """
    data = or_dataset(data)
    _, end = rules.open_period(None, as_of, rules.Domain.of(data))
    sentences = data["sentences"]
    forecasts = sentences.loc[sentences["prediction"].notna(), ["paragraph", "position",
                                                               "text", "prediction"]]  # fmt: skip
    steps = data["forecast_outcomes"]
    steps = steps.loc[lookups.in_period(steps["date"], None, end)]
    steps = steps.sort_values(["paragraph", "position", "date"], kind="stable")
    counts = steps.groupby(["paragraph", "position"]).size().rename("steps")
    last = steps.drop_duplicates(["paragraph", "position"], keep="last")
    frame = forecasts.merge(last, on=["paragraph", "position"], how="left")
    frame = frame.merge(counts.reset_index(), on=["paragraph", "position"], how="left")
    events = data["events"][["id", "title", "date", "source_id"]].rename(
        columns={"id": "event_id", "title": "event_title", "date": "event_date"}
    )
    frame = with_sources(frame.merge(events, on="event_id", how="left"), data=data)
    scale = outcome_scale(data)
    vocabulary = list(scale)
    outcome = frame["outcome"].astype("string").fillna(BEFORE_ANY_STEP)
    frame["outcome"] = pd.Categorical(outcome, categories=vocabulary)
    frame["label"] = outcome.map(outcome_labels(data)).astype("string")
    frame["steps"] = frame["steps"].fillna(0).astype("int64")
    frame = frame.rename(columns={"text": "sentence", "date": "since", "event_id": "event"})
    columns = [
        "paragraph", "position", "sentence", "prediction", "outcome", "label", "since",
        "reason", "event", "event_title", "event_date", "source", "source_url", "steps",
    ]  # fmt: skip
    result = frame.sort_values(["paragraph", "position"], kind="stable")[columns]
    result = result.reset_index(drop=True)
    result.attrs = {
        "as_of": None if end is None else end.isoformat(),
        "scale": scale,
        "labels": outcome_labels(data),
        "sources": lookups.distinct_sources(result["source"]),
    }
    return result


def outcome_scale(data: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Each outcome of the vocabulary, in order, with its meaning (`x-meanings` of `outcome`)."""
    field = _outcome_field(data)
    meanings = field.get("x-meanings", {})
    return {str(value): str(meanings.get(value, "")) for value in field["constraints"]["enum"]}


def outcome_labels(data: Mapping[str, Any] | None = None) -> dict[str, str]:
    """Each outcome with the words a reader sees (`x-labels`; the value itself when none)."""
    field = _outcome_field(data)
    labels = field.get("x-labels", {})
    return {str(value): str(labels.get(value, value)) for value in field["constraints"]["enum"]}


def _outcome_field(data: Mapping[str, Any] | None) -> dict[str, Any]:
    data_dir = getattr(data, "data_dir", DATA_DIR)
    fields = schema.fields("forecast_outcomes", data_dir)
    return next(field for field in fields if field["name"] == "outcome")
