"""Markdown sentences about the data, every number, date, verdict and source formatted from it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.facts import arguments, checks, cohesion, demographics, engagement, lookups
from analysis.facts.factcheck import TOLERANCE_REL, claim_rows, fact_check
from analysis.facts.lookups import records
from analysis.presentation.formatting import (
    format_date,
    format_list,
    format_percent,
    format_pp,
    format_stated,
    format_value,
    format_verdict,
)
from analysis.presentation.theme import DIRECTION_LABELS

STRAND_SUBJECTS: dict[str, tuple[str, ...]] = {
    "alliance_cohesion": ("CSTO", "RUS", "BLR", "KGZ", "TJK"),
    "demographics": ("KAZ",),
    "western_weight": ("EU", "USA"),
    "armenia": ("ARM", "AZE"),
}
"""Which claims each of the article's four strands cites: those about these actors."""

_DIRECTION_PHRASES = {
    "cohesion": "of cohesion",
    "distancing": "of distancing",
    "western_engagement": "of Western engagement",
    "neutral": "neutral",
}


# --- sentences -----------------------------------------------------------------------------


def claim_sentence(row: Any) -> str:
    """One claim of a fact-check frame as a sentence: words, figure, reference and verdict.

    Parameters
    ----------
    row : Mapping or namedtuple
        A row of `analysis.fact_check()` (fields quote, value, unit, comparator,
        reference, source, verdict).
    """
    get = row.get if hasattr(row, "get") else lambda name: getattr(row, name)
    stated = format_stated(get("value"), str(get("unit")), str(get("comparator")))
    reference = get("reference")
    verdict = format_verdict(str(get("verdict")))
    if reference is None or pd.isna(reference):
        return f"“{get('quote')}” ({stated}): no source at hand confirms it, {verdict}."
    given = format_value(reference, str(get("unit")))
    return f"“{get('quote')}” ({stated}): the reference gives {given} ({get('source')}), {verdict}."


def demographic_shift(
    groups: str | Iterable[str] | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
) -> str:
    """How each group's share changed between the first and last census of the range.

    Returns
    -------
    str
        e.g. 'Between the 1989 and 2021 censuses, the share of Kazakhs in Kazakhstan's
        population rose from 39.7% to 70.4% (+30.7 pp) and the share of Russians fell
        from 37.8% to 15.5% (−22.3 pp).' followed by the sources.
    """
    change = demographics.share_change(groups, start_year, end_year)
    first, last = int(change["start_year"].iloc[0]), int(change["end_year"].iloc[0])
    sources = lookups.join_sources(change["source"])
    if first == last:
        shares = [f"{row.group} {format_percent(row.end_share)}" for row in records(change)]
        return (
            f"Only the {first} census lies in the range asked: the shares of Kazakhstan's "
            f"population were {format_list(shares)}. Source: {sources}."
        )
    parts = []
    for index, row in enumerate(records(change)):
        verb = "rose" if row.change_pp > 0 else "fell" if row.change_pp < 0 else "stayed"
        whose = (
            f"the share of {row.group} in Kazakhstan's population"
            if index == 0
            else f"that of {row.group}"
        )
        parts.append(
            f"{whose} {verb} from {format_percent(row.start_share)} to "
            f"{format_percent(row.end_share)} ({format_pp(row.change_pp)})"
        )
    return f"Between the {first} and {last} censuses, {format_list(parts)}. Sources: {sources}."


def share_change_table(
    groups: str | Iterable[str] | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
) -> str:
    """Each group's share at the first and last census of the range and the change, as a table."""
    change = demographics.share_change(groups, start_year, end_year)
    first, last = int(change["start_year"].iloc[0]), int(change["end_year"].iloc[0])
    lines = [
        f"| Group | {first} census | {last} census | Change |",
        "|---|---:|---:|---:|",
    ]
    for row in records(change):
        cells = [
            row.group,
            format_percent(row.start_share),
            format_percent(row.end_share),
            format_pp(row.change_pp),
        ]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines)


def demographic_claims(
    groups: str | Iterable[str] | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    tolerance_pp: float = 1.0,
) -> str:
    """The article's figures for the groups' shares, each against its census, as a list."""
    claims = demographics.article_share_claims(groups, start_year, end_year, tolerance_pp)
    if claims.empty:
        return "The article states no share for these groups in this range of years."
    lines = []
    for row in records(claims):
        lines.append(
            f"- {row.group}, {row.year}: the article says "
            f"{format_stated(row.value, 'percent', str(row.comparator))} "
            f"(“{row.quote}”); the {row.census_year} census gives "
            f"{format_percent(row.reference)} ({format_pp(row.difference)}), "
            f"{format_verdict(str(row.verdict))}."
        )
    return "\n".join(lines)


def engagement_figures(
    partners: str | Iterable[str] | None = None, tolerance_pp: float = 1.0
) -> str:
    """The article's figures about each Western partner, with reference and verdict, as a list."""
    claims = engagement.engagement_claims(partners, tolerance_pp)
    lines = []
    for partner, part in claims.groupby("partner", observed=True, sort=True):
        name = str(part["partner_name"].iloc[0])
        lines.append(f"**{name} ({partner})**")
        lines.append("")
        for row in part.to_dict("records"):
            lines.append(f"- {row['indicator']}: {claim_sentence(row)}")
            note = row.get("note")
            if isinstance(note, str) and note and str(row["verdict"]) != "consistent":
                lines.append(f"  {note}")
        lines.append("")
    return "\n".join(lines).strip()


def distancing_summary(
    as_of: Any = cohesion.AS_OF,
    since: Any = cohesion.SINCE,
    members: str | Iterable[str] | None = None,
) -> str:
    """How many distancing events each member takes part in, between two dates."""
    counts = cohesion.distancing_counts(as_of, since, members)
    start, end = arguments.timestamp(since, "since"), arguments.timestamp(as_of, "as_of")
    total = int(counts["events"].sum())
    ranked = counts.sort_values("events", ascending=False, kind="stable")
    each = [f"{row.member_name} {row.events}" for row in records(ranked)]
    return (
        f"From {format_date(start)} to {format_date(end)}, {_who(members)} in "
        f"{_events(total)} of distancing from the alliance: {format_list(each)}."
    )


def direction_summary(
    as_of: Any = cohesion.AS_OF,
    since: Any = cohesion.SINCE,
    members: str | Iterable[str] | None = None,
) -> str:
    """How many distinct events of each direction the chosen members take part in."""
    timeline = cohesion.cohesion_events(as_of, since, members)
    start, end = arguments.timestamp(since, "since"), arguments.timestamp(as_of, "as_of")
    unique = timeline.drop_duplicates("event")
    counts = unique["direction"].value_counts(sort=False)
    parts = [f"{int(counts[direction])} {_direction(direction)}" for direction in counts.index]
    return (
        f"From {format_date(start)} to {format_date(end)}, the data hold "
        f"{_events(len(unique))} in which {_who(members)}: {format_list(parts)}."
    )


def event_list(
    as_of: Any = cohesion.AS_OF,
    since: Any = cohesion.SINCE,
    members: str | Iterable[str] | None = None,
    direction: str | None = None,
) -> str:
    """The events as a Markdown list: date, title, members, direction and the article's words."""
    timeline = cohesion.cohesion_events(as_of, since, members)
    if direction is not None:
        known = list(timeline["direction"].cat.categories)
        arguments.chosen("direction", [direction], known, known)
        timeline = timeline.loc[timeline["direction"] == direction]
    if timeline.empty:
        return "No event in this period."
    lines = []
    for _, part in timeline.groupby("event", sort=False):
        row = part.iloc[0]
        names = format_list([str(name) for name in part["member_name"]])
        lines.append(
            f"- {format_date(row['date'], str(row['date_precision']))}: {row['title']} "
            f"({names}; {DIRECTION_LABELS[str(row['direction'])]}). “{row['quote']}”"
        )
    return "\n".join(lines)


def verdict_summary(tolerance_pp: float = 1.0) -> str:
    """How many claims get each verdict."""
    counts = checks.verdict_counts(tolerance_pp)
    total = int(counts["claims"].sum())
    parts = [f"{int(row.claims)} {format_verdict(str(row.verdict))}" for row in records(counts)]
    return (
        f"Of the article's {total} quantitative claims, {format_list(parts)} "
        f"(a percentage is close within {format_pp(tolerance_pp, signed=False)}, another "
        f"figure within {format_percent(100 * TOLERANCE_REL, 0)} of its value)."
    )


def fact_check_table(tolerance_pp: float = 1.0) -> str:
    """Every claim with its verdict, as a Markdown table."""
    checked = claim_rows(fact_check(tolerance_pp=tolerance_pp))
    lines = [
        "| Claim | The article says | Reference | Verdict | Source |",
        "|---|---|---|---|---|",
    ]
    for row in records(checked):
        stated = format_stated(row.value, str(row.unit), str(row.comparator))
        has_reference = not pd.isna(row.reference)
        reference = format_value(row.reference, str(row.unit)) if has_reference else "none"
        source = str(row.source) if has_reference else ""
        cells = [
            row.indicator,
            f"{stated}: “{row.quote}”",
            reference,
            format_verdict(str(row.verdict)),
            source,
        ]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines)


# --- the four strands ----------------------------------------------------------------------


def brief_alliance_cohesion(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> str:
    """A paragraph on alliance cohesion: events by direction, distancing per member, claims."""
    counts = cohesion.distancing_counts(as_of, since)
    ranked = counts.sort_values("events", ascending=False, kind="stable")
    each = [f"{row.member_name} {row.events}" for row in records(ranked)]
    return " ".join(
        [
            "**Alliance cohesion.**",
            direction_summary(as_of, since),
            f"Distancing events per member: {format_list(each)}.",
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
    western = timeline.loc[timeline["direction"] == "western_engagement"]
    meetings = [
        f"{row.title} ({format_date(row.date, str(row.date_precision))})"
        for row in records(western)
    ]
    events = (
        f"Kazakhstan takes part in {_events(len(meetings))} of Western engagement: "
        f"{format_list(meetings)}."
        if meetings
        else "Kazakhstan takes part in no event of Western engagement in this period."
    )
    return " ".join(
        ["**The West's economic weight.**", _strand_claims("western_weight", tolerance_pp), events]
    )


def brief_armenia(
    tolerance_pp: float = 1.0, as_of: Any = cohesion.AS_OF, since: Any = cohesion.SINCE
) -> str:
    """A paragraph on Armenia's turn: its distancing and Western events, and the claims about it."""
    timeline = cohesion.cohesion_events(as_of, since, ["ARM"])
    sentences = ["**Armenia's turn.**"]
    for direction in ("distancing", "western_engagement"):
        rows = timeline.loc[timeline["direction"] == direction]
        items = [
            f"{row.title} ({format_date(row.date, str(row.date_precision))})"
            for row in records(rows)
        ]
        sentences.append(
            f"Armenia takes part in {_events(len(items))} {_direction(direction)}"
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


# --- helpers -------------------------------------------------------------------------------


def _strand_claims(strand: str, tolerance_pp: float) -> str:
    checked = claim_rows(fact_check(tolerance_pp=tolerance_pp))
    rows = checked.loc[checked["subject"].isin(STRAND_SUBJECTS[strand])]
    if rows.empty:
        return ""
    return "The article's figures: " + " ".join(
        claim_sentence(row) for row in rows.to_dict("records")
    )


def _direction(direction: Any) -> str:
    """'of distancing', 'of Western engagement', 'neutral'."""
    key = str(direction)
    return _DIRECTION_PHRASES.get(key, "of " + DIRECTION_LABELS.get(key, key).lower())


def _who(members: str | Iterable[str] | None) -> str:
    """'the 6 CSTO members take part', or the chosen members' names and the verb agreeing."""
    known = lookups.member_codes()
    chosen = arguments.chosen("member", members, known, known)
    if sorted(chosen) == sorted(known):
        return f"the {len(known)} CSTO members take part"
    names = lookups.actor_names()
    verb = "takes" if len(chosen) == 1 else "take"
    return f"{format_list([names[code] for code in chosen])} {verb} part"


def _events(count: int) -> str:
    return f"{count} event{'s' * (count != 1)}"


def _cell(value: Any) -> str:
    """Text for a Markdown table cell: pipes escaped, on one line."""
    return " ".join(str(value).split()).replace("|", "\\|")
