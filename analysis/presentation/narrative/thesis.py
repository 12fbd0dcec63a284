"""The thesis strand: the forecasts' outcomes and each member's record after the article.

The words are the templates in `templates/thesis/`; this module only computes what they
write, from the frames the notebook made once (`forecast_outcomes`, `member_evidence`), or,
for the brief, from the facts functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.facts import forecasts as forecast_facts
from analysis.facts import thesis as thesis_facts
from analysis.facts.lookups import records
from analysis.presentation.narrative.templating import Markdown, render

Members = str | Iterable[str] | None


def forecast_scale(outcomes: pd.DataFrame) -> Markdown:
    """The outcome scale and what 'not yet' means, from a `forecast_outcomes` frame."""
    scale = outcomes.attrs["scale"]
    return render(
        "thesis/scale.md.j2",
        scale=scale,
        labels=outcomes.attrs["labels"],
        start=forecast_facts.BEFORE_ANY_STEP,
        as_of=_as_of(outcomes.attrs.get("as_of")),
    )


def forecast_list(outcomes: pd.DataFrame) -> Markdown:
    """Each forecast with its outcome, the deciding event and the reason, as a Markdown list."""
    rows = [
        {
            **vars(row),
            "since": None if pd.isna(row.since) else row.since,
            "reason": None if pd.isna(row.reason) else row.reason,
        }
        for row in records(outcomes)
    ]
    return render(
        "thesis/forecasts.md.j2", forecasts=rows, as_of=_as_of(outcomes.attrs.get("as_of"))
    )


def member_findings(evidence: pd.DataFrame) -> Markdown:
    """What the record after the article shows for each member, from a `member_evidence` frame.

    Each member's paragraph gives its stance in the article and its words, its summits,
    exercises, UN votes and events after the article, and whether that bears the article
    out or contradicts it.
    """
    return render("thesis/members.md.j2", members=_member_rows(evidence))


def thesis_opening(as_of: Any = None) -> Markdown:
    """The brief's opening: what holds of the article three years on, and what does not.

    Parameters
    ----------
    as_of : str, optional
        An ISO date; None (the default) reads every event, vote, summit and exercise in
        the data.
    """
    outcomes = forecast_facts.forecast_outcomes(as_of)
    evidence = thesis_facts.member_evidence(as_of)
    rows = [row for row in _member_rows(evidence) if not row["leader"]]
    counts = outcomes["outcome"].value_counts(sort=False)
    labels = outcomes.attrs["labels"]
    tally = [
        {"count": int(count), "label": labels[str(outcome)]}
        for outcome, count in counts.items()
        if count
    ]
    cast = [row for row in rows if row["stance"] == thesis_facts.DISTANCING]
    return render(
        "thesis/opening.md.j2",
        forecasts=list(outcomes["sentence"]),
        tally=tally,
        through=_through(evidence),
        cast_distancing=[row["member_name"] for row in cast],
        borne_moved=[row["member_name"] for row in cast if row["moved_away"]],
        contradicted=[row["member_name"] for row in cast if row["moved_away"] is False],
        votes_apart=[
            row["member_name"] for row in cast if row["moved_away"] is False and row["votes_apart"]
        ],
        held_together=[row["member_name"] for row in rows if row["moved_away"] is False],
    )


def three_years_on(as_of: Any = None) -> Markdown:
    """The brief's last section, 'Three years on': the forecasts and the members' records.

    Parameters
    ----------
    as_of : str, optional
        As for `thesis_opening`.
    """
    outcomes = forecast_facts.forecast_outcomes(as_of)
    evidence = thesis_facts.member_evidence(as_of)
    return render(
        "thesis/three_years_on.md.j2",
        through=_through(evidence),
        scale=forecast_scale(outcomes),
        forecasts=forecast_list(outcomes),
        members=member_findings(evidence),
    )


def _member_rows(evidence: pd.DataFrame) -> list[dict[str, Any]]:
    """Each member's row as plain values, with what the templates decide on."""
    names = evidence.attrs.get("member_names", {})
    leader = [code for code in names if code == evidence.attrs.get("leader")]
    after = evidence.attrs.get("as_of") is None or evidence.attrs["as_of"] > str(
        evidence.attrs.get("article_date", thesis_facts.ARTICLE_DATE)
    )
    rows = []
    for row in records(evidence):
        values = {key: (None if value is pd.NA else value) for key, value in vars(row).items()}
        before = _share(values["aligned_before"], values["votes_before"])
        later = _share(values["aligned_after"], values["votes_after"])
        values["votes_apart"] = before is not None and later is not None and later < before
        values["leader"] = str(values["member"]) in leader
        values["after"] = after
        rows.append(values)
    return rows


def _share(part: Any, whole: Any) -> float | None:
    return None if not whole else float(part) / float(whole)


def _through(evidence: pd.DataFrame) -> str:
    """The day the record runs to: `as_of`, or the last event after the article."""
    return str(evidence.attrs.get("through") or evidence.attrs.get("as_of"))


def _as_of(value: Any) -> str:
    """The day as an ISO date, or '' for an open end (the templates word it)."""
    return str(value) if value else ""
