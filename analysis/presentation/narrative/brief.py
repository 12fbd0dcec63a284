"""The brief: the article's four strands, one paragraph each, and the verdict count."""

from __future__ import annotations

from typing import Any

from analysis.facts import cohesion
from analysis.facts.factcheck import claim_rows, fact_check
from analysis.presentation.formatting import format_list
from analysis.presentation.narrative.claims import claims_paragraph
from analysis.presentation.narrative.cohesion import dated_titles, direction_summary, member_counts
from analysis.presentation.narrative.common import direction_phrase, events
from analysis.presentation.narrative.demographics import demographic_shift
from analysis.presentation.narrative.factcheck import verdict_summary

STRAND_SUBJECTS: dict[str, tuple[str, ...]] = {
    "alliance_cohesion": ("CSTO", "RUS", "BLR", "KGZ", "TJK"),
    "demographics": ("KAZ",),
    "western_weight": ("EU", "USA"),
    "armenia": ("ARM", "AZE"),
}
"""Which claims each of the article's four strands cites: those about these actors."""


def brief_alliance_cohesion(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> str:
    """A paragraph on alliance cohesion: events by direction, distancing per member, claims."""
    counts = cohesion.distancing_counts(as_of, since)
    return " ".join(
        [
            "**Alliance cohesion.**",
            direction_summary(as_of, since),
            f"Distancing events per member: {member_counts(counts)}.",
            _strand_claims("alliance_cohesion", tolerance_pp),
        ]
    )


def brief_demographics(tolerance_pp: float = 1.0) -> str:
    """A paragraph on Kazakhstan's demographic shift: the census change, the article's figures."""
    return " ".join(
        [
            "**Kazakhstan's demographic shift.**",
            demographic_shift(),
            _strand_claims("demographics", tolerance_pp),
        ]
    )


def brief_western_weight(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> str:
    """A paragraph on the West's economic weight in Kazakhstan: the EU and US figures, verdicts."""
    timeline = cohesion.cohesion_events(as_of, since, ["KAZ"])
    meetings = dated_titles(timeline.loc[timeline["direction"] == "western_engagement"])
    engaged = (
        f"Kazakhstan takes part in {events(len(meetings))} of Western engagement: "
        f"{format_list(meetings)}."
        if meetings
        else "Kazakhstan takes part in no event of Western engagement in this period."
    )
    return " ".join(
        ["**The West's economic weight.**", _strand_claims("western_weight", tolerance_pp), engaged]
    )


def brief_armenia(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> str:
    """A paragraph on Armenia's turn: its distancing and Western events, and the claims about it."""
    timeline = cohesion.cohesion_events(as_of, since, ["ARM"])
    sentences = ["**Armenia's turn.**"]
    for direction in ("distancing", "western_engagement"):
        items = dated_titles(timeline.loc[timeline["direction"] == direction])
        sentences.append(
            f"Armenia takes part in {events(len(items))} {direction_phrase(direction)}"
            + (f": {format_list(items)}." if items else ".")
        )
    sentences.append(_strand_claims("armenia", tolerance_pp))
    return " ".join(sentences)


def brief(tolerance_pp: float = 1.0) -> str:
    """The four strands, one paragraph each, and the verdict count."""
    return "\n\n".join(
        [
            brief_alliance_cohesion(tolerance_pp),
            brief_demographics(tolerance_pp),
            brief_western_weight(tolerance_pp),
            brief_armenia(tolerance_pp),
            verdict_summary(tolerance_pp),
        ]
    )


def _strand_claims(strand: str, tolerance_pp: float) -> str:
    return claims_paragraph(
        claim_rows(fact_check(tolerance_pp=tolerance_pp)), STRAND_SUBJECTS[strand]
    )
