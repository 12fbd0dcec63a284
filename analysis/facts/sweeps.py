"""What moves across a sweep's variants: verdicts over tolerances, member counts over dates."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

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


def member_counts_across(counts: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Events per member at each cut-off date, from a `direction_counts` frame per date.

    Parameters
    ----------
    counts : mapping of str to pandas.DataFrame
        `direction_counts(as_of, ...)` per ISO date `as_of`, in any order.

    Returns
    -------
    pandas.DataFrame
        One row per member and date (dates ascending within each member, members in
        the order the frames give them): member, member_name, as_of, events (all
        directions), distancing (the distancing events among them).
    """
    parts = []
    for as_of in sorted(counts):
        frame = counts[as_of]
        member = frame["member"].astype(str)
        by_member = frame.assign(
            member=member, distancing=frame["events"].where(frame["direction"] == "distancing", 0)
        ).groupby("member", sort=False)
        part = by_member.agg(
            member_name=("member_name", "first"),
            events=("events", "sum"),
            distancing=("distancing", "sum"),
        ).reset_index()
        parts.append(part.assign(as_of=as_of, _order=range(len(part))))
    columns = ["member", "member_name", "as_of", "events", "distancing"]
    if not parts:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(parts, ignore_index=True)
    frame["_first"] = frame.groupby("member", sort=False)["_order"].transform("min")
    frame = frame.sort_values(["_first", "member", "as_of"], kind="stable")
    result = frame[columns].reset_index(drop=True)
    return result.astype({"member_name": "string", "events": "int64", "distancing": "int64"})
