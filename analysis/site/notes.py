"""The article's notes as data: each claim's, statement's and event's details box, from rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from analysis.presentation.formatting import (
    MINUS,
    format_date,
    format_number,
    format_stated,
    format_value,
)
from analysis.presentation.theme import verdict_label
from analysis.site.links import Link
from analysis.site.marks import Note, Part
from analysis.site.templating import safe_href

if TYPE_CHECKING:
    import pandas as pd

Links = Mapping[str, Sequence[Link | tuple[str, str]]]
"""Claim, statement or event id to (label, href) links: the pages and charts that use it."""


def checked_rows(checked: pd.DataFrame) -> list[dict[str, Any]]:
    """One row per claim and statement of `fact_check()`: the primary basis of each.

    A claim whose reference is published on two bases has a row for each (the primary
    first, marked by `primary`); a frame without `kind` holds figures only.
    """
    rows: dict[str, dict[str, Any]] = {}
    for row in records(checked):
        row.setdefault("kind", "number")
        if not _primary(row):
            continue
        rows.setdefault(f"{note_prefix(row)}:{row['claim']}", row)
    return list(rows.values())


def note_prefix(row: Mapping[str, Any]) -> str:
    """'claim' for a figure's row, 'statement' for a statement's: its notes' key and anchor."""
    return "statement" if row.get("kind") == "statement" else "claim"


def claim_notes(checked: pd.DataFrame, links: Links, meanings: Mapping[str, str]) -> list[Note]:
    """A note per claim and statement: what the article says, the reference, the verdict.

    Parameters
    ----------
    checked : pandas.DataFrame
        `analysis.fact_check()`.
    links : mapping
        Id to the links of the pages and charts that use it.
    meanings : mapping
        Each verdict's meaning (an unknown verdict is an error).

    Returns
    -------
    list of Note
    """
    notes = []
    second = _second_bases(checked)
    for order, row in enumerate(checked_rows(checked)):
        ident = str(row["claim"])
        kind = str(row["verdict"]) if row["verdict"] is not None else "unverified"
        if kind not in meanings:
            raise ValueError(f"claim {ident!r} has an unknown verdict {kind!r}")
        prefix, label = note_prefix(row), verdict_label(kind)
        if prefix == "statement":
            lines = _statement_lines(row)
            head = f"{label.capitalize()}: a statement ({row['subject']})"
            summary = f"statement ({label})"
        else:
            lines, said = _figure_lines(row, second.get(ident, []))
            head = f"{label.capitalize()}: {row['indicator']} ({row['subject']})"
            summary = f"{row['indicator']}: {said} ({label})"
        lines.insert(-1 if row["note"] is not None else len(lines),
                     (Part(f"{label}: {meanings[kind]}", "Verdict:"),))  # fmt: skip
        lines.extend(_used_in(links.get(ident, ())))
        notes.append(Note(f"{prefix}:{ident}", f"{prefix}-{ident}", kind, str(row["quote"]),
                          head, tuple(lines), (prefix.capitalize(), ident), summary,
                          order))  # fmt: skip
    return notes


def _figure_lines(
    row: Mapping[str, Any], others: Sequence[Mapping[str, Any]]
) -> tuple[list[tuple[Part, ...]], str]:
    """A figure's lines (the article, each reference, the difference, its note) and its words."""
    unit = str(row["unit"])
    said = format_stated(float(row["value"]), unit, str(row["comparator"]))
    lines: list[tuple[Part, ...]] = [(Part(said, "The article:"),)]
    if row["reference"] is None:
        lines.append((Part("none found", "Reference:"),))
    else:
        lines.append(_reference_line(row, unit, "Reference:"))
        if row["difference"] is not None:
            difference = format_difference(float(row["difference"]), unit)
            lines.append((Part(difference, "Reference minus claim:"),))
    for other in others:
        if other["reference"] is not None:
            basis = f"Reference ({other['basis']}):" if other.get("basis") else "Also:"
            lines.append(_reference_line(other, unit, basis))
    if row["note"] is not None:
        lines.append((Part(str(row["note"]), "Note:"),))
    return lines, said


def _reference_line(row: Mapping[str, Any], unit: str, label: str) -> tuple[Part, ...]:
    when = row["reference_date"]
    dated = f" ({format_date(when)})" if when is not None else ""
    value = format_value(float(row["reference"]), unit)
    return (Part(f"{value}{dated}, ", label), source_part(row["source"], row["source_url"]))


def _statement_lines(row: Mapping[str, Any]) -> list[tuple[Part, ...]]:
    """A statement's lines: its source, then its reason (the verdict goes between)."""
    lines: list[tuple[Part, ...]] = [
        (Part("", "Source:"), source_part(row.get("source"), row.get("source_url"))),
    ]
    if row["note"] is not None:
        lines.append((Part(str(row["note"]), "Reason:"),))
    return lines


def _second_bases(checked: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Each figure's rows other than its primary one (references on another basis)."""
    others: dict[str, list[dict[str, Any]]] = {}
    for row in records(checked):
        if not _primary(row) and row.get("kind", "number") != "statement":
            others.setdefault(str(row["claim"]), []).append(row)
    return others


def event_notes(events: pd.DataFrame, links: Links) -> list[Note]:
    """A note per event: its date, kind and direction, the date's source, its note."""
    notes = []
    for order, row in enumerate(records(events)):
        ident = str(row["id"])
        when = format_date(row["date"], str(row["date_precision"]))
        if row["end_date"] is not None:
            when += f" to {format_date(row['end_date'])}"
        direction = str(row["direction"]).replace("_", " ")
        lines: list[tuple[Part, ...]] = [
            (Part(when, "Date:"),),
            (Part(f"{row['kind']}; ", "Kind:"), Part(direction, "direction:")),
            (Part("", "Date source:"), source_part(row["date_source"], row["date_source_url"])),
        ]
        if row["note"] is not None:
            lines.append((Part(str(row["note"]), "Note:"),))
        lines.extend(_used_in(links.get(ident, ())))
        notes.append(Note(f"event:{ident}", f"event-{ident}", "event", str(row["quote"]),
                          f"Event: {row['title']}", tuple(lines), ("Event", ident),
                          f"{row['title']}, {when} (event)", 10_000 + order))  # fmt: skip
    return notes


def format_difference(difference: float, unit: str) -> str:
    """Reference minus claim, signed: '+0.8 percentage points', '−10 percentage points'."""
    sign = "+" if difference > 0 else MINUS if difference < 0 else "±"
    if unit == "percent":
        return f"{sign}{format_number(abs(difference), 1).removesuffix('.0')} percentage points"
    return sign + format_value(abs(difference), unit)


def _used_in(links: Sequence[Link | tuple[str, str]]) -> list[tuple[Part, ...]]:
    """The line of links to the pages and charts that use a note (safe links only)."""
    parts: list[Part] = []
    for label, href in links:
        safe = safe_href(href)
        if safe is not None:
            parts.extend([Part("; ")] if parts else [])
            parts.append(Part(str(label), href=safe))
    return [(Part("", "Used in:"), *parts)] if parts else []


def source_part(label: Any, url: Any) -> Part:
    """A source's name, linked when its address is an http(s) one."""
    text = label if label is not None else url if url is not None else "no source named"
    return Part(str(text), href=safe_href(url) if url is not None else None)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain values, every missing value (NA, NaT, NaN) as None."""
    import pandas as pd

    return [
        {str(key): (None if _missing(value, pd) else value) for key, value in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def _primary(row: Mapping[str, Any]) -> bool:
    """Whether the verdict rests on this row (rows of frames without `primary` all do)."""
    return row.get("primary") is None or bool(row["primary"])


def _missing(value: Any, pd: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
