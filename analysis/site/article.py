"""The annotated article page: the seed's text with each claim's and event's passage marked."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.presentation import theme
from analysis.presentation.formatting import (
    MINUS,
    format_date,
    format_number,
    format_stated,
    format_value,
)
from analysis.site.config import ARTICLE_PUBLISHER, ARTICLE_TITLE, ARTICLE_URL, HOME
from analysis.site.links import Link
from analysis.site.marks import Note, Part, lay_out, reading_order
from analysis.site.templating import TEMPLATES_DIR, render, safe_href

if TYPE_CHECKING:
    import pandas as pd

VERDICT_COLOURS: dict[str, str] = dict(theme.VERDICT_COLORS)
"""Hex colour of each verdict: the house theme's colour-blind-safe (Okabe-Ito) palette."""

EVENT_COLOUR = "#0072B2"
"""Events carry no verdict: a calm blue that no verdict uses."""

SYMBOLS: dict[str, str] = {**theme.VERDICT_SYMBOLS, "event": "◆"}
"""The second cue besides colour: a symbol after each marked passage."""

UNDERLINES: dict[str, str] = {
    "consistent": "solid",
    "close": "dashed",
    "discrepant": "wavy",
    "unverified": "dotted",
    "event": "double",
}
"""The third cue: each kind of mark has its own underline style."""

MEANINGS: dict[str, str] = {
    "consistent": "the reference lies within what the claim admits",
    "close": "the reference lies just outside, within the tolerance",
    "discrepant": "the reference is further off",
    "unverified": "no source at hand confirms the claim",
    "event": "a dated event the article mentions (no verdict)",
}

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Kind:
    """How one kind of mark looks: the custom properties the stylesheet reads, the legend."""

    name: str
    colour: str
    tint: str
    tint_strong: str
    underline: str
    symbol: str
    meaning: str


def kinds() -> list[Kind]:
    """Every verdict, then "event": colour, tints, underline, symbol and meaning."""
    colours = {**VERDICT_COLOURS, "event": EVENT_COLOUR}
    return [
        Kind(name, colour, _tint(colour), _tint(colour, 0.35), UNDERLINES[name], SYMBOLS[name],
             MEANINGS[name])
        for name, colour in colours.items()
    ]  # fmt: skip


def render_article(
    *,
    checked: pd.DataFrame,
    events: pd.DataFrame,
    seed: str,
    links: Mapping[str, Sequence[Link | tuple[str, str]]],
    home_href: str = HOME,
    templates: Path = TEMPLATES_DIR,
) -> str:
    """The article, paragraph by paragraph, with every quoted passage marked in place.

    Each claim's passage is coloured by its verdict, with an underline style and a symbol
    as second cues; each event's passage is marked in a neutral colour. Every mark is
    focusable and shows, on hover and on focus, a details box: the claim's value and the
    reference with its source, the verdict, and links to the pages and charts that use it.
    Passages that overlap (or coincide) form one mark that shows every details box.

    Parameters
    ----------
    checked : pandas.DataFrame
        `analysis.fact_check()`: the claims with their quotes and verdicts (a claim's
        second-basis rows are left out), and the statements (kind 'statement').
    events : pandas.DataFrame
        `analysis.load("events")`; the titles and URLs of the sources of their dates
        are joined from `sources` (or given as `date_source` and `date_source_url`).
    seed : str
        The article's text, one paragraph a line.
    links : mapping
        Claim or event id to (label, href) links: the notebook pages and charts using it.
    home_href : str
        The landing page, linked at the top.
    templates : Path
        The templates folder.

    Returns
    -------
    str
        The page's HTML. Every data string is escaped; the page has no scripts.
    """
    if "source_id" in events.columns and "date_source" not in events.columns:
        from analysis.facts.sources import with_sources

        events = with_sources(events).rename(
            columns={"source": "date_source", "source_url": "date_source_url"}
        )
    rows = [row for row in _records(checked) if row.get("primary") is not False]
    notes = _claim_notes(rows, links) + _event_notes(_records(events), links)
    layout = lay_out(seed, notes)
    return render(
        "article.html.j2",
        templates,
        title=f"{ARTICLE_TITLE}: the annotated article",
        home_href=home_href,
        sections=(),
        article_title=ARTICLE_TITLE,
        publisher=ARTICLE_PUBLISHER,
        article_url=ARTICLE_URL,
        counts=_counts(notes),
        kinds=kinds(),
        symbols=SYMBOLS,
        paragraphs=layout.paragraphs,
        passages=reading_order(notes, layout.spans),
        placed=layout.placed,
    )


def format_difference(difference: float, unit: str) -> str:
    """Reference minus claim, signed: '+0.8 percentage points', '−10 percentage points'."""
    sign = "+" if difference > 0 else MINUS if difference < 0 else "±"
    if unit == "percent":
        return f"{sign}{format_number(abs(difference), 1).removesuffix('.0')} percentage points"
    return sign + format_value(abs(difference), unit)


def _claim_notes(
    rows: list[dict[str, Any]], links: Mapping[str, Sequence[Link | tuple[str, str]]]
) -> list[Note]:
    notes = []
    for order, row in enumerate(rows):
        ident = str(row["claim"])
        kind = str(row["verdict"]) if row["verdict"] is not None else "unverified"
        if kind not in VERDICT_COLOURS:
            raise ValueError(f"claim {ident!r} has an unknown verdict {kind!r}")
        if row.get("kind") == "statement":
            notes.append(_statement_note(row, kind, links, order))
            continue
        unit = str(row["unit"])
        said = format_stated(float(row["value"]), unit, str(row["comparator"]))
        lines: list[tuple[Part, ...]] = [(Part(said, "The article:"),)]
        if row["reference"] is None:
            lines.append((Part("none found", "Reference:"),))
        else:
            when = row["reference_date"]
            dated = f" ({format_date(when)})" if when is not None else ""
            value = format_value(float(row["reference"]), unit)
            lines.append((Part(f"{value}{dated}, ", "Reference:"),
                          _source(row["source"], row["source_url"])))  # fmt: skip
            if row["difference"] is not None:
                difference = format_difference(float(row["difference"]), unit)
                lines.append((Part(difference, "Reference minus claim:"),))
        lines.append((Part(f"{kind}: {MEANINGS[kind]}", "Verdict:"),))
        if row["note"] is not None:
            lines.append((Part(str(row["note"]), "Note:"),))
        lines.extend(_used_in(links.get(ident, ())))
        head = f"{kind.capitalize()}: {row['indicator']} ({row['subject']})"
        summary = f"{row['indicator']}: {said} ({kind})"
        notes.append(Note(f"claim:{ident}", f"claim-{ident}", kind, str(row["quote"]), head,
                          tuple(lines), ("Claim", ident), summary, order))  # fmt: skip
    return notes


def _statement_note(
    row: dict[str, Any], kind: str, links: Mapping[str, Sequence[Link | tuple[str, str]]],
    order: int,
) -> Note:  # fmt: skip
    """A statement's details: the verdict, its reason and the source that decides it."""
    ident = str(row["claim"])
    lines: list[tuple[Part, ...]] = [(Part(str(row["note"] or ""), "Reason:"),)]
    if row["source"] is not None:
        lines.append((Part("", "Source:"), _source(row["source"], row["source_url"])))
    lines.append((Part(kind, "Verdict:"),))
    lines.extend(_used_in(links.get(ident, ())))
    head = f"{kind.capitalize()}: a statement ({row['subject']})"
    summary = f"Statement: “{row['quote']}” ({kind})"
    return Note(f"statement:{ident}", f"statement-{ident}", kind, str(row["quote"]), head,
                tuple(lines), ("Statement", ident), summary, order)  # fmt: skip


def _event_notes(
    rows: list[dict[str, Any]], links: Mapping[str, Sequence[Link | tuple[str, str]]]
) -> list[Note]:
    notes = []
    for order, row in enumerate(rows):
        ident = str(row["id"])
        when = format_date(row["date"], str(row["date_precision"]))
        if row["end_date"] is not None:
            when += f" to {format_date(row['end_date'])}"
        direction = str(row["direction"]).replace("_", " ")
        lines: list[tuple[Part, ...]] = [
            (Part(when, "Date:"),),
            (Part(f"{row['kind']}; ", "Kind:"), Part(direction, "direction:")),
            (Part("", "Date source:"), _source(row["date_source"], row["date_source_url"])),
        ]
        if row["note"] is not None:
            lines.append((Part(str(row["note"]), "Note:"),))
        lines.extend(_used_in(links.get(ident, ())))
        notes.append(Note(f"event:{ident}", f"event-{ident}", "event", str(row["quote"]),
                          f"Event: {row['title']}", tuple(lines), ("Event", ident),
                          f"{row['title']}, {when} (event)", 10_000 + order))  # fmt: skip
    return notes


def _used_in(links: Sequence[Link | tuple[str, str]]) -> list[tuple[Part, ...]]:
    """The line of links to the pages and charts that use a note (safe links only)."""
    parts: list[Part] = []
    for label, href in links:
        safe = safe_href(href)
        if safe is not None:
            parts.extend([Part("; ")] if parts else [])
            parts.append(Part(str(label), href=safe))
    return [(Part("", "Used in:"), *parts)] if parts else []


def _source(label: Any, url: Any) -> Part:
    """A source's name, linked when its address is an http(s) one."""
    text = label if label is not None else url if url is not None else "no source named"
    return Part(str(text), href=safe_href(url) if url is not None else None)


def _counts(notes: list[Note]) -> str:
    parts = []
    for prefix, noun in (("claim:", "claims"), ("statement:", "statements")):
        mine = [note for note in notes if note.key.startswith(prefix)]
        by_kind = [
            f"{sum(note.kind == kind for note in mine)} {kind}"
            for kind in VERDICT_COLOURS
            if any(note.kind == kind for note in mine)
        ]
        if mine or prefix == "claim:":
            parts.append(f"{len(mine)} {noun} ({', '.join(by_kind) or 'none'})")
    events = sum(note.key.startswith("event:") for note in notes)
    return f"{', '.join(parts)} and {events} events."


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain values, every missing value (NA, NaT, NaN) as None."""
    import pandas as pd

    return [
        {str(key): (None if _missing(value, pd) else value) for key, value in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def _missing(value: Any, pd: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _tint(colour: str, strength: float = 0.2) -> str:
    """`colour` mixed with white: a light background that keeps dark text readable."""
    if not _HEX.fullmatch(colour):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * strength) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


__all__ = [
    "EVENT_COLOUR",
    "SYMBOLS",
    "VERDICT_COLOURS",
    "format_difference",
    "kinds",
    "render_article",
]
