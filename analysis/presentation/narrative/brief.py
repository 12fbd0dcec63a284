"""The brief: the answer first, then a paragraph per strand of the article, then the sources.

The strands are data (the `strands` table, each claim's `strand`); each strand's words are
its template `templates/brief/<strand>.md.j2`. This module computes the frames once and
hands them, with the strand's claims in the article's order, to every template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from analysis.data.loading import dataset
from analysis.facts import cohesion, demographics
from analysis.facts.factcheck import TOLERANCE_REL, claim_rows, fact_check
from analysis.facts.lookups import article_source
from analysis.presentation.narrative import cohesion as cohesion_text
from analysis.presentation.narrative.common import row_of, rows, verdict_labels
from analysis.presentation.narrative.demographics import shift_context
from analysis.presentation.narrative.findings import error_row, findings_context
from analysis.presentation.narrative.sources import Citations
from analysis.presentation.narrative.templating import Markdown, render


def brief_sections(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> dict[str, Markdown]:
    """Every section of the brief in reading order, the sources numbered as first cited.

    Returns
    -------
    dict
        Markdown under the keys 'findings', then each strand's id (in the `strands`
        table's order), 'verdicts' and 'sources'.
    """
    tables = dataset()
    checked = fact_check(tolerance_pp=tolerance_pp)
    cite = Citations()
    sections = {"findings": render("brief/findings.md.j2", **findings_context(checked), cite=cite)}
    context = strand_context(as_of, since, cite)
    claims = strand_claims(checked, tables)
    for strand in rows(tables["strands"]):
        sections[strand["id"]] = render(
            f"brief/{strand['id']}.md.j2",
            **context,
            title=strand["title"],
            claims=claims.get(strand["id"], []),
        )
    sections["verdicts"] = render(
        "brief/verdicts.md.j2",
        tolerance_pp=tolerance_pp,
        tolerance_rel=TOLERANCE_REL,
        labels=verdict_labels(),
    )
    cite.add(article_source())
    sections["sources"] = cite.markdown()
    return sections


def strand_context(as_of: Any, since: Any, cite: Citations) -> dict[str, Any]:
    """The frames every strand's template may write from, computed once, and their writers."""
    events = cohesion.cohesion_events(as_of, since)
    distancing = cohesion.distancing_counts(as_of, since)
    change = demographics.share_change()
    leading = distancing.loc[distancing["stance"] == "leading", "member_name"]

    def events_of(member: str, direction: str) -> list[dict[str, Any]]:
        part = events.loc[(events["member"] == member) & (events["direction"] == direction)]
        return cohesion_text.event_rows(part)

    def shift(frame: pd.DataFrame) -> Markdown:
        return render("demographics/shift.md.j2", **shift_context(frame), cite=cite)

    writers: dict[str, Callable[..., Any]] = {
        "direction_sentence": cohesion_text.direction_sentence,
        "ranked_members": cohesion_text.ranked_members,
        "events_of": events_of,
        "shift": shift,
    }
    return {
        "cite": cite,
        "events": events,
        "distancing": distancing,
        "leaders": list(leading),
        "change": change,
        "labels": cohesion_text.labels(),
        **writers,
    }


def strand_claims(
    checked: pd.DataFrame, tables: Any, seed: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Each strand's claims, in the order the article makes them, as the templates read them.

    A claim's place is where its quote first stands in the article's text; `in_findings`
    says the opening already gives it (every verdict but consistent), so a strand names it
    without its figures again.
    """
    text = " ".join((seed if seed is not None else tables.seed).split())
    strands = dict(zip(tables["claims"]["id"], tables["claims"]["strand"], strict=True))
    numbers = claim_rows(checked)
    found: dict[str, list[dict[str, Any]]] = {}
    for row in rows(numbers):
        claim = error_row(row)
        claim["position"] = text.find(" ".join(str(row["quote"]).split()))
        claim["in_findings"] = str(row["verdict"]) != "consistent"
        found.setdefault(str(strands.get(row["claim"], "")), []).append(claim)
    for claims in found.values():
        claims.sort(key=lambda claim: claim["position"])
    return found


def brief_findings(tolerance_pp: float = 1.0) -> Markdown:
    """The answer first: how many figures hold, and which are wrong and by how much."""
    return brief_sections(tolerance_pp)["findings"]


def brief_alliance_cohesion(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> Markdown:
    """A paragraph on alliance cohesion: events by direction, distancing per member, claims."""
    return brief_sections(tolerance_pp, as_of, since)["alliance_cohesion"]


def brief_demographics(tolerance_pp: float = 1.0) -> Markdown:
    """A paragraph on Kazakhstan's demographic shift: the census change, the article's figures."""
    return brief_sections(tolerance_pp)["demographics"]


def brief_western_weight(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> Markdown:
    """A paragraph on the West's economic weight in Kazakhstan: the EU and US figures, verdicts."""
    return brief_sections(tolerance_pp, as_of, since)["western_weight"]


def brief_armenia(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> Markdown:
    """A paragraph on Armenia's turn: its distancing and Western events, and the claims about it."""
    return brief_sections(tolerance_pp, as_of, since)["armenia"]


def brief_sources(tolerance_pp: float = 1.0) -> Markdown:
    """The numbered list of every source the brief cites, under a 'Sources' heading."""
    return brief_sections(tolerance_pp)["sources"]


def brief(tolerance_pp: float = 1.0) -> Markdown:
    """The whole brief as one Markdown text."""
    return Markdown("\n\n".join(brief_sections(tolerance_pp).values()))


def claim_in_prose(row: Any, citations: Citations) -> Markdown:
    """One claim as a strand of the brief writes it (`templates/brief/claims.md.j2`)."""
    claim = {**error_row(row_of(row)), "in_findings": False}
    return render("brief/claims.md.j2", claims=[claim], cite=citations, said="")
