"""The brief: the answer first, then the article's four strands, then the numbered sources."""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.facts import cohesion, demographics
from analysis.facts.factcheck import claim_rows, fact_check
from analysis.facts.lookups import article_source, records
from analysis.presentation.formatting import format_list, format_stated, format_value
from analysis.presentation.narrative.cohesion import dated_titles, direction_summary, member_counts
from analysis.presentation.narrative.common import direction_phrase, events, md
from analysis.presentation.narrative.demographics import shift_sentence
from analysis.presentation.narrative.factcheck import verdict_summary
from analysis.presentation.narrative.findings import findings_markdown
from analysis.presentation.narrative.findings import source_phrase as _source_phrase
from analysis.presentation.narrative.sources import SOURCES_ANCHOR, Citations

STRAND_SUBJECTS: dict[str, tuple[str, ...]] = {
    "alliance_cohesion": ("CSTO", "RUS", "BLR", "KGZ", "TJK"),
    "demographics": ("KAZ",),
    "western_weight": ("EU", "USA"),
    "armenia": ("ARM", "AZE"),
}
"""Which claims each of the article's four strands cites: those about these actors."""

_SAYS = {
    "consistent": "holds",
    "close": "is close",
    "discrepant": "is wrong",
}


def brief_sections(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> dict[str, str]:
    """Every section of the brief in reading order, the sources numbered as first cited.

    Returns
    -------
    dict
        Markdown under the keys 'findings', 'alliance_cohesion', 'demographics',
        'western_weight', 'armenia', 'verdicts' and 'sources'.
    """
    checked = fact_check(tolerance_pp=tolerance_pp)
    citations = Citations()
    sections = {"findings": findings_markdown(checked, citations)}
    counts = cohesion.distancing_counts(as_of, since)
    sections["alliance_cohesion"] = _paragraph(
        "Alliance cohesion",
        direction_summary(as_of, since),
        f"Counted per member, the distancing events are: {member_counts(counts)}{_leader(counts)}.",
        _claims(checked, "alliance_cohesion", citations),
    )
    change = demographics.share_change()
    sections["demographics"] = _paragraph(
        "Kazakhstan's demographic shift",
        shift_sentence(change, citations.cite_all(change["source"])),
        _claims(checked, "demographics", citations),
    )
    sections["western_weight"] = _paragraph(
        "The West's economic weight",
        _claims(checked, "western_weight", citations),
        _engagement(as_of, since, citations),
    )
    sections["armenia"] = _paragraph(
        "Armenia's turn", _armenia(as_of, since, citations), _claims(checked, "armenia", citations)
    )
    sections["verdicts"] = verdict_summary(tolerance_pp)
    citations.add(article_source())
    sections["sources"] = f"## {SOURCES_ANCHOR}\n\n{citations.markdown()}"
    return sections


def brief_findings(tolerance_pp: float = 1.0) -> str:
    """The answer first: how many figures hold, and which are wrong and by how much."""
    return brief_sections(tolerance_pp)["findings"]


def brief_alliance_cohesion(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> str:
    """A paragraph on alliance cohesion: events by direction, distancing per member, claims."""
    return brief_sections(tolerance_pp, as_of, since)["alliance_cohesion"]


def brief_demographics(tolerance_pp: float = 1.0) -> str:
    """A paragraph on Kazakhstan's demographic shift: the census change, the article's figures."""
    return brief_sections(tolerance_pp)["demographics"]


def brief_western_weight(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> str:
    """A paragraph on the West's economic weight in Kazakhstan: the EU and US figures, verdicts."""
    return brief_sections(tolerance_pp, as_of, since)["western_weight"]


def brief_armenia(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> str:
    """A paragraph on Armenia's turn: its distancing and Western events, and the claims about it."""
    return brief_sections(tolerance_pp, as_of, since)["armenia"]


def brief_sources(tolerance_pp: float = 1.0) -> str:
    """The numbered list of every source the brief cites, under a 'Sources' heading."""
    return brief_sections(tolerance_pp)["sources"]


def brief(tolerance_pp: float = 1.0) -> str:
    """The whole brief as one Markdown text."""
    return "\n\n".join(brief_sections(tolerance_pp).values())


def claim_in_prose(row: Any, citations: Citations) -> str:
    """One claim as an analyst writes it: its words, whether it holds, against what.

    e.g. 'The article's “ethnic Kazakhs just under 40%” holds: the reference gives 39.7% [1]
    (✓ **consistent**).'
    """
    from analysis.presentation.formatting import format_verdict

    verdict = str(row.verdict)
    quote, cue = f"“{md(row.quote)}”", format_verdict(verdict)
    if verdict == "unverified" or pd.isna(row.reference):
        return f"No source at hand gives a comparable figure for {quote} ({cue})."
    unit, comparator = str(row.unit), str(row.comparator)
    stated = md(format_stated(row.value, unit, comparator))
    reading = f" ({stated})" if comparator == "=" else f" (read as {stated})"
    reference = md(format_value(row.reference, unit))
    return (
        f"The article's {quote}{reading} {_SAYS[verdict]}: {_source_phrase(row)} gives "
        f"{reference} {citations.cite_row(row)} ({cue})."
    )


def _claims(checked: pd.DataFrame, strand: str, citations: Citations) -> str:
    numbers = claim_rows(checked)
    rows = numbers.loc[numbers["subject"].isin(STRAND_SUBJECTS[strand])]
    unverified = rows["verdict"].astype(str) == "unverified"
    sentences = [claim_in_prose(row, citations) for row in records(rows.loc[~unverified])]
    quotes = [f"“{md(quote)}”" for quote in rows.loc[unverified, "quote"]]
    if quotes:
        from analysis.presentation.formatting import format_verdict

        sentences.append(
            f"No source at hand gives a figure comparable with {format_list(quotes)} "
            f"({format_verdict('unverified')})."
        )
    return " ".join(sentences)


def _engagement(as_of: Any, since: Any, citations: Citations) -> str:
    timeline = cohesion.cohesion_events(as_of, since, ["KAZ"])
    western = timeline.loc[timeline["direction"] == "western_engagement"]
    if western.empty:
        return "Kazakhstan takes part in no event of Western engagement in this period."
    return (
        f"Kazakhstan takes part in {events(len(western))} of Western engagement: "
        f"{format_list(dated_titles(western))} {citations.cite_all(western['source'])}."
    )


def _armenia(as_of: Any, since: Any, citations: Citations) -> str:
    timeline = cohesion.cohesion_events(as_of, since, ["ARM"])
    sentences = []
    for direction in ("distancing", "western_engagement"):
        part = timeline.loc[timeline["direction"] == direction]
        listed = (
            f": {format_list(dated_titles(part))} {citations.cite_all(part['source'])}."
            if not part.empty
            else "."
        )
        sentences.append(
            f"Armenia takes part in {events(len(part))} {direction_phrase(direction)}{listed}"
        )
    return " ".join(sentences)


def _leader(counts: pd.DataFrame) -> str:
    """' (Russia, the alliance's leader, is what the others move away from: it has none)'."""
    leaders = [md(name) for name in counts.loc[counts["stance"] == "leading", "member_name"]]
    if not leaders:
        return ""
    return (
        f" ({format_list(leaders)}, the alliance's leader, is what the others distance "
        "themselves from, so it counts none by definition)"
    )


def _paragraph(title: str, *sentences: str) -> str:
    return " ".join([f"**{title}.**", *[s for s in sentences if s]])
