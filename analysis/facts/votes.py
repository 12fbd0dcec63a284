"""UN General Assembly votes: each member's vote beside Russia's, and how often they matched."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from analysis.data import schema
from analysis.data.loading import or_dataset
from analysis.facts import lookups
from analysis.facts.sources import with_sources
from analysis.paths import DATA_DIR


def vote_matrix(
    as_of: Any = None,
    since: Any = None,
    members: str | Iterable[str] | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Each member's vote on each resolution, beside Russia's, and whether the two match.

    A member is aligned with Russia (the member whose stance is 'leading' in the members
    table) on a resolution when it cast the same vote. An absence is not a vote, so an
    absent member is never aligned. Where the sources leave a vote open
    ('abstain_or_absent', 'not_against', 'unknown'), the votes still possible are those the
    descriptor gives (`x-possible` of `votes.vote`): the member is not aligned when Russia's
    vote is not among them, and the alignment is unknown (<NA>) when it is. When Russia's
    own vote is not one recorded vote, no member's alignment is known on that resolution.

    Parameters
    ----------
    as_of, since : str, optional
        ISO dates ('2023-09-30'): resolutions voted after `as_of` or before `since` are left
        out. None (the default) leaves that end open.
    members : list of str, optional
        Member codes, in the order wanted (default: the six members). Russia, the
        reference, has no rows of its own: its vote is every row's `leader_vote`.
    data : mapping of str to pandas.DataFrame, optional
        The tables `resolutions`, `votes`, `members`, `actors` and `sources` (default:
        `dataset()`).

    Returns
    -------
    pandas.DataFrame
        One row per resolution and member asked, sorted by date, resolution and member:
        date, date_precision, resolution, title, member (categorical in the order asked),
        member_name, vote, leader_vote (both categorical in the vocabulary's order),
        aligned (boolean, <NA> when unknown), note, source and source_url (of the vote).
        `attrs` holds since and as_of (ISO dates, None when open), leader (its code),
        member_names and sources (the titles of the votes' sources).

    Raises
    ------
    analysis.errors.ParameterError
        An unknown member, a malformed date, or `as_of` before `since`.
    """
    data = or_dataset(data)
    start, end, chosen = lookups.open_period_and_members(since, as_of, members, data)
    leader = lookups.leader_code(data=data)
    resolutions = data["resolutions"]
    resolutions = resolutions.loc[lookups.in_period(resolutions["date"], start, end)]
    votes = data["votes"].merge(
        resolutions[["id", "date", "date_precision", "title"]],
        left_on="resolution",
        right_on="id",
        how="inner",
    )
    leader_votes = votes.loc[votes["member"] == leader].set_index("resolution")["vote"]
    shown = [member for member in chosen if member != leader]
    frame = votes.loc[votes["member"].isin(shown)].copy()
    vocabulary = list(data["votes"]["vote"].cat.categories)
    possible = possible_votes(data)
    frame["leader_vote"] = pd.Categorical(
        frame["resolution"].map(leader_votes.astype(str)), categories=vocabulary
    )
    frame["aligned"] = pd.array(
        [
            aligned(str(vote), None if pd.isna(lead) else str(lead), possible)
            for vote, lead in zip(frame["vote"], frame["leader_vote"], strict=True)
        ],
        dtype="boolean",
    )
    frame["member"] = pd.Categorical(frame["member"].astype(str), categories=shown)
    names = lookups.actor_names(data=data)
    frame["member_name"] = frame["member"].astype(str).map(names).astype(pd.StringDtype())
    frame = with_sources(frame, data=data)
    columns = [
        "date", "date_precision", "resolution", "title", "member", "member_name", "vote",
        "leader_vote", "aligned", "note", "source", "source_url",
    ]  # fmt: skip
    result = frame.sort_values(["date", "resolution", "member"], kind="stable")[columns]
    result = result.reset_index(drop=True)
    result.attrs = {
        **lookups.period_attrs(start, end),
        "leader": leader,
        "member_names": {code: names[code] for code in shown},
        "sources": lookups.distinct_sources(result["source"]),
    }
    return result


def alignment_by_year(
    as_of: Any = None,
    since: Any = None,
    members: str | Iterable[str] | None = None,
    *,
    data: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Per member and year: on how many resolutions the member voted as Russia did.

    The rule is `vote_matrix`'s: the same vote as Russia's is aligned, an absence never is,
    and a vote the sources leave open is counted only when none of the votes still possible
    is Russia's (then not aligned). The share is taken over the resolutions whose alignment
    is known.

    Parameters
    ----------
    as_of, since, members, data
        As for `vote_matrix`.

    Returns
    -------
    pandas.DataFrame
        One row per member asked (Russia excepted) and per year with a resolution in the
        period, zeros included: member (categorical), member_name, year, resolutions (voted
        that year), known (those whose alignment is known), aligned (of those, voted as
        Russia did), share (aligned / known, a fraction from 0 to 1; <NA> when none is
        known). `attrs` as `vote_matrix` gives them.
    """
    matrix = vote_matrix(as_of, since, members, data=data)
    shown = list(matrix["member"].cat.categories)
    matrix = matrix.assign(year=matrix["date"].dt.year, member=matrix["member"].astype(str))
    grouped = matrix.groupby(["member", "year"])
    counts = pd.DataFrame(
        {
            "resolutions": grouped.size(),
            "known": grouped["aligned"].count(),
            "aligned": grouped["aligned"].sum(),
        }
    )
    years = sorted(int(year) for year in matrix["year"].unique())
    every = pd.MultiIndex.from_product([shown, years], names=["member", "year"])
    frame = counts.reindex(every, fill_value=0).astype("int64").reset_index()
    frame["share"] = (frame["aligned"] / frame["known"].where(frame["known"] > 0)).astype("Float64")
    frame["member"] = pd.Categorical(frame["member"], categories=shown)
    names = lookups.actor_names(data=data)
    frame.insert(1, "member_name", frame["member"].astype(str).map(names).astype("string"))
    frame["year"] = frame["year"].astype("int64")
    frame.attrs = dict(matrix.attrs)
    return frame


def possible_votes(data: Mapping[str, Any] | None = None) -> dict[str, list[str]]:
    """Each value of `votes.vote` with the recorded votes it leaves possible (`x-possible`)."""
    data_dir = getattr(data, "data_dir", DATA_DIR)
    field = next(field for field in schema.fields("votes", data_dir) if field["name"] == "vote")
    return {str(key): [str(vote) for vote in votes] for key, votes in field["x-possible"].items()}


def aligned(vote: str, leader_vote: str | None, possible: Mapping[str, list[str]]) -> Any:
    """True, False or <NA>: whether `vote` matches the leader's, by the rule of `vote_matrix`."""
    reference = possible.get(leader_vote or "", [])
    if len(reference) != 1 or reference == possible.get("absent"):
        return pd.NA
    mine = possible.get(vote, [])
    if mine == reference:
        return True
    if reference[0] not in mine:
        return False
    return pd.NA
