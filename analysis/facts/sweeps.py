"""What moves across a sweep's variants: verdicts over tolerances, measures per member."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.errors import ParameterError
from analysis.facts.factcheck import VERDICTS, claim_rows


def verdicts_across(checks: Mapping[float, pd.DataFrame]) -> pd.DataFrame:
    """Each claim's verdict at each tolerance, and where it flips as the tolerance grows.

    Parameters
    ----------
    checks : mapping of float to pandas.DataFrame
        A `fact_check` frame per tolerance (percentage points), in any order.

    Returns
    -------
    pandas.DataFrame
        One row per claim (on its primary basis, as `claim_rows` keeps them) and
        tolerance, tolerances ascending within each claim, in the claims' order: claim,
        tolerance_pp, verdict (ordered categorical), flipped (True when the verdict
        differs from the claim's verdict at the next smaller tolerance swept).
    """
    parts = []
    for tolerance in sorted(checks):
        rows = claim_rows(checks[tolerance])
        parts.append(
            pd.DataFrame(
                {
                    "claim": rows["claim"].astype(str),
                    "tolerance_pp": float(tolerance),
                    "verdict": rows["verdict"].astype(str),
                    "_order": range(len(rows)),
                }
            )
        )
    columns = ["claim", "tolerance_pp", "verdict", "flipped"]
    if not parts:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(parts, ignore_index=True)
    order = frame.groupby("claim", sort=False)["_order"].transform("min")
    frame = frame.assign(_first=order).sort_values(["_first", "claim", "tolerance_pp"])
    before = frame.groupby("claim", sort=False)["verdict"].shift()
    frame["flipped"] = before.notna() & (before != frame["verdict"])
    frame["verdict"] = pd.Categorical(frame["verdict"], categories=VERDICTS, ordered=True)
    return frame[columns].reset_index(drop=True)


def verdict_counts_across(frame: pd.DataFrame) -> pd.DataFrame:
    """How many claims have each verdict at each tolerance of a `verdicts_across` frame.

    Returns
    -------
    pandas.DataFrame
        Index tolerance_pp (ascending), one integer column per verdict in the scale's
        order, zeros included.
    """
    counts = pd.crosstab(frame["tolerance_pp"], frame["verdict"], dropna=False)
    counts = counts.reindex(columns=list(VERDICTS), fill_value=0).astype("int64")
    counts.columns.name = None
    return counts.sort_index()


@dataclass(frozen=True)
class Measure:
    """A figure per member for one set of parameters, for a sweep to follow across variants.

    `function(as_of, since, members, data=...)` returns one row per member asked: member,
    member_name, value (a count, or a share from 0 to 1, <NA> when nothing is known).
    """

    label: str
    unit: str
    """'count' or 'share'."""
    function: Callable[..., pd.DataFrame]


def _per_member(frame: pd.DataFrame, value: pd.Series) -> pd.DataFrame:
    """member, member_name and `value` (indexed by member code), in the frame's member order.

    Every member the frame's `attrs` name (`member_names`) has a row, one with no rows in
    the period too (its value then missing).
    """
    names = dict(frame.attrs.get("member_names") or {})
    for code, name in zip(frame["member"].astype(str), frame["member_name"], strict=True):
        names.setdefault(code, str(name))
    result = pd.DataFrame({"member": list(names), "member_name": list(names.values())})
    result["value"] = result["member"].map(value)
    return result


def events_to_date(as_of: Any = None, since: Any = None, members: Any = None, *,
                   data: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:  # fmt: skip
    """Events each member takes part in, in the period (`direction_counts`, all directions)."""
    from analysis.facts.cohesion import direction_counts

    counts = direction_counts(*_period(as_of, since), members, data=data)
    total = counts.assign(member=counts["member"].astype(str)).groupby("member")["events"].sum()
    return _per_member(counts, total).astype({"value": "Int64"})


def distancing_to_date(as_of: Any = None, since: Any = None, members: Any = None, *,
                       data: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:  # fmt: skip
    """Distancing events each member takes part in, in the period (`direction_counts`)."""
    from analysis.facts.cohesion import direction_counts

    counts = direction_counts(*_period(as_of, since), members, data=data)
    counts = counts.assign(member=counts["member"].astype(str))
    distancing = counts["events"].where(counts["direction"] == "distancing", 0)
    total = distancing.groupby(counts["member"]).sum()
    return _per_member(counts, total).astype({"value": "Int64"})


def alignment_to_date(as_of: Any = None, since: Any = None, members: Any = None, *,
                      data: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:  # fmt: skip
    """Share of the recorded UN votes in the period on which a member voted as Russia did.

    Summed over the years of `alignment_by_year`: aligned / known, <NA> when none is known.
    """
    from analysis.facts.votes import alignment_by_year

    years = alignment_by_year(as_of, since, members, data=data)
    grouped = years.assign(member=years["member"].astype(str)).groupby("member")
    return _per_member(years, _ratio(grouped["aligned"].sum(), grouped["known"].sum()))


def summits_to_date(as_of: Any = None, since: Any = None, members: Any = None, *,
                    data: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:  # fmt: skip
    """Share of the CSTO summits in the period a member attended (`participation`)."""
    return _participation_share("summits_attended", "summits", as_of, since, members, data)


def exercises_to_date(as_of: Any = None, since: Any = None, members: Any = None, *,
                      data: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:  # fmt: skip
    """Share of the CSTO exercises held in the period a member sent troops to (`participation`)."""
    return _participation_share("exercises_with_troops", "exercises", as_of, since, members, data)


def _participation_share(
    part: str, kind: str, as_of: Any, since: Any, members: Any, data: Any
) -> pd.DataFrame:
    """`part` over `{kind}_held` less `{kind}_unknown`, summed over the period's years."""
    from analysis.facts.participation import participation

    years = participation(as_of, since, members, data=data)
    grouped = years.assign(member=years["member"].astype(str)).groupby("member")
    known = grouped[f"{kind}_held"].sum() - grouped[f"{kind}_unknown"].sum()
    return _per_member(years, _ratio(grouped[part].sum(), known))


def _ratio(part: pd.Series, whole: pd.Series) -> pd.Series:
    return (part / whole.where(whole > 0)).astype("Float64")


def _period(as_of: Any, since: Any) -> tuple[Any, Any]:
    """The period as given; the cohesion functions' own defaults where none is."""
    from analysis.facts.cohesion import AS_OF, SINCE

    return (AS_OF if as_of is None else as_of), (SINCE if since is None else since)


MEASURES: dict[str, Measure] = {
    "events": Measure("Events taken part in", "count", events_to_date),
    "distancing": Measure("Distancing events taken part in", "count", distancing_to_date),
    "alignment_with_russia": Measure("UN votes cast as Russia's", "share", alignment_to_date),
    "summit_attendance": Measure("CSTO summits attended", "share", summits_to_date),
    "exercise_troops": Measure("CSTO exercises with troops sent", "share", exercises_to_date),
}
"""The measures a sweep's page can follow, by the names `sweep-measures` gives in pyproject."""


def measures_across(
    variants: Sequence[tuple[str, Mapping[str, Any]]],
    names: Sequence[str],
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Each measure per member at each variant of a sweep, computed with its parameters.

    Parameters
    ----------
    variants : sequence of (str, mapping)
        Each variant's label (its swept values as text) and its full parameters, in the order
        the page shows them.
    names : sequence of str
        Keys of `MEASURES`.

    Returns
    -------
    pandas.DataFrame
        One row per variant, measure and member, in that order: variant (the label),
        measure (the name), member, member_name, value (Float64; <NA> when not known).

    Raises
    ------
    analysis.errors.ParameterError
        A name that is not a measure: one line naming it and the measures there are.
    """
    unknown = [name for name in names if name not in MEASURES]
    if unknown:
        raise ParameterError(
            f"sweep-measures in pyproject.toml: no measure {unknown[0]!r}; the measures are: "
            + ", ".join(MEASURES)
        )
    parts = []
    for label, parameters in variants:
        for name in names:
            function = MEASURES[name].function
            accepted = set(inspect.signature(function).parameters) - {"data"}
            arguments = {k: v for k, v in parameters.items() if k in accepted}
            frame = function(**arguments, data=data)
            parts.append(frame.assign(variant=label, measure=name))
    columns = ["variant", "measure", "member", "member_name", "value"]
    if not parts:
        return pd.DataFrame(columns=columns)
    result = pd.concat(parts, ignore_index=True)[columns]
    return result.astype({"member_name": "string", "value": "Float64"})
