"""Who takes part in the CSTO: summits attended and exercises with troops, per member and year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from analysis.data import schema
from analysis.data.loading import or_dataset
from analysis.facts import lookups
from analysis.paths import DATA_DIR

UNKNOWN = "unknown"
"""The value of `attendance` and `sent_troops` that no source settles: counted apart."""

TROOPS = "yes"
"""The value of `sent_troops` for a member that sent troops."""


def participation(
    as_of: Any = None,
    since: Any = None,
    members: str | Iterable[str] | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Per member and year: the CSTO summits it attended and the exercises it sent troops to.

    A summit counts in the year of its date, an exercise in the year it began. A member
    attended a summit when it took part in any way (the `attendance` values the descriptor
    lists as `x-attended`: present, remote or represented). An exercise counts for a member
    only when it was held (not cancelled) and the member was expected at it (its forces
    belong to the formation the exercise trains). Rows whose value no source settles
    ('unknown') are counted apart and left out of the shares.

    Parameters
    ----------
    as_of, since : str, optional
        ISO dates: summits and exercises after `as_of` or before `since` are left out.
        None (the default) leaves that end open.
    members : list of str, optional
        Member codes, in the order wanted (default: the six members, Russia included).
    data : mapping of str to pandas.DataFrame, optional
        The tables `summits`, `summit_attendance`, `exercises`, `exercise_participation`,
        `members` and `actors` (default: `dataset()`).

    Returns
    -------
    pandas.DataFrame
        One row per member asked and per year with a summit or a held exercise in the
        period, zeros included: member (categorical in the order asked), member_name, year,
        summits_held, summits_attended, summits_unknown, summit_share (attended / (held -
        unknown), a fraction; <NA> when nothing is known), exercises_held (held, and the
        member expected), exercises_with_troops, exercises_unknown, exercise_share (likewise).
        `attrs` holds since and as_of (ISO dates, None when open), member_names and sources
        (the titles of the attendance and participation rows' sources, for a caption).

    Raises
    ------
    analysis.errors.ParameterError
        An unknown member, a malformed date, or `as_of` before `since`.
    """
    data = or_dataset(data)
    start, end, chosen = lookups.open_period_and_members(since, as_of, members, data)
    attended = _attended(data)

    summits = data["summits"]
    summits = summits.loc[lookups.in_period(summits["date"], start, end), ["id", "date"]]
    rows = data["summit_attendance"].merge(summits, left_on="summit", right_on="id")
    rows = rows.assign(
        year=rows["date"].dt.year,
        attended=rows["attendance"].astype(str).isin(attended),
        unknown=rows["attendance"].astype(str) == UNKNOWN,
    )
    summit_counts = rows.groupby(["member", "year"]).agg(
        summits_attended=("attended", "sum"), summits_unknown=("unknown", "sum")
    )
    held = summits.assign(year=summits["date"].dt.year).groupby("year").size()

    exercises = data["exercises"]
    exercises = exercises.loc[
        exercises["held"].fillna(False).astype(bool)
        & lookups.in_period(exercises["start_date"], start, end),
        ["id", "start_date"],
    ]
    sent = data["exercise_participation"].merge(exercises, left_on="exercise", right_on="id")
    sent = sent.loc[sent["expected"].fillna(False).astype(bool)]
    sent = sent.assign(
        year=sent["start_date"].dt.year,
        troops=sent["sent_troops"].astype(str) == TROOPS,
        unknown=sent["sent_troops"].astype(str) == UNKNOWN,
    )
    exercise_counts = sent.groupby(["member", "year"]).agg(
        exercises_held=("exercise", "size"),
        exercises_with_troops=("troops", "sum"),
        exercises_unknown=("unknown", "sum"),
    )

    years = sorted({int(year) for year in held.index} | {int(y) for y in sent["year"].unique()})
    every = pd.MultiIndex.from_product([chosen, years], names=["member", "year"])
    frame = pd.concat([summit_counts, exercise_counts], axis=1).reindex(every).fillna(0)
    frame = frame.astype("int64").reset_index()
    frame.insert(2, "summits_held", frame["year"].map(held).fillna(0).astype("int64"))
    frame["summit_share"] = _share(
        frame["summits_attended"], frame["summits_held"] - frame["summits_unknown"]
    )
    frame["exercise_share"] = _share(
        frame["exercises_with_troops"], frame["exercises_held"] - frame["exercises_unknown"]
    )
    frame["member"] = pd.Categorical(frame["member"].astype(str), categories=chosen)
    names = lookups.actor_names(data=data)
    frame.insert(1, "member_name", frame["member"].astype(str).map(names).astype("string"))
    columns = [
        "member", "member_name", "year", "summits_held", "summits_attended", "summits_unknown",
        "summit_share", "exercises_held", "exercises_with_troops", "exercises_unknown",
        "exercise_share",
    ]  # fmt: skip
    result = frame[columns]
    cited = pd.concat([rows["source_id"], sent["source_id"]]).astype("string")
    titles = data["sources"].set_index("id")["title"] if "sources" in data else pd.Series()
    result.attrs = {
        **lookups.period_attrs(start, end),
        "member_names": {code: names[code] for code in chosen},
        "sources": lookups.distinct_sources(cited.map(titles)),
    }
    return result


def _share(part: pd.Series, whole: pd.Series) -> pd.Series:
    """part / whole as a nullable fraction, <NA> where `whole` is 0."""
    return (part / whole.where(whole > 0)).astype("Float64")


def _attended(data: Mapping[str, Any]) -> list[str]:
    """The `attendance` values that count as taking part (`x-attended` in the descriptor)."""
    data_dir = getattr(data, "data_dir", DATA_DIR)
    field = next(
        field for field in schema.fields("summit_attendance", data_dir)
        if field["name"] == "attendance"
    )  # fmt: skip
    return [str(value) for value in field["x-attended"]]
