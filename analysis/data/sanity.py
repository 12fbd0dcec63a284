"""What a schema library lets through and the build cannot take: markup, CRs, NaN, bounds.

`validate` and the build must agree: whatever `validate` accepts, every notebook runs on and
every page shows inertly. These checks refuse, one line each naming file, row and field:
markup in any text (HTML tags, `javascript:` links, Markdown links and images; URLs are
crosschecks.py's to check), carriage returns in a table file (so that no reader half-reads
it; a byte-order mark is read as if absent), numbers that are not finite, and numbers
outside the plausibility bounds the descriptor gives a field per unit
(`"x-plausible": {"percent": [0, 100]}`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Where = Callable[[str, int, Mapping[str, str], str], str]
"""(table, line, row, field) -> the start of a problem line naming file, row and field."""

_MARKUP = (
    (re.compile(r"<\s*/?\s*[A-Za-z!?]"), "an HTML tag"),
    (re.compile(r"(?i)\b(?:java|vb)script\s*:"), "a script link"),
    (re.compile(r"!?\[[^\]]*\]\s*\("), "a Markdown link or image"),
)


def file_problems(name: str, path_label: str, data: bytes) -> list[str]:
    """A table file a reader could half-read: carriage returns. (A byte-order mark is read
    as if it were not there by every reader: files.py, frictionless, pandas.)"""
    problems = []
    if b"\r" in data:
        problems.append(f"{path_label}: has carriage returns (CRLF line ends); use LF line ends")
    return problems


def row_problems(
    resource: Mapping[str, Any], rows: Sequence[tuple[int, Mapping[str, str]]], where: Where
) -> list[str]:
    """Markup, non-finite numbers and implausible values in a table's rows."""
    table = str(resource["name"])
    fields = resource["schema"]["fields"]
    problems: list[str] = []
    for line, row in rows:
        for field in fields:
            name, kind = field["name"], field.get("type", "string")
            text = row.get(name) or ""
            if not text:
                continue
            at = where(table, line, row, name)
            if kind == "string":
                problems += _text_problems(at, name, text)
            elif kind in ("number", "integer"):
                problems += _number_problems(at, text, field, row)
    return problems


def _text_problems(at: str, name: str, text: str) -> list[str]:
    if name == "url":
        return []  # crosschecks.py accepts http(s) addresses only
    for pattern, what in _MARKUP:
        if pattern.search(text):
            return [f"{at}: holds {what}; text fields are plain text, without markup"]
    return []


def _number_problems(
    at: str, text: str, field: Mapping[str, Any], row: Mapping[str, str]
) -> list[str]:
    try:
        value = float(text)
    except ValueError:
        return []  # frictionless names a value of the wrong type
    if not math.isfinite(value):
        return [f"{at}: {text!r} is not a finite number"]
    bounds = field.get("x-plausible", {})
    unit = row.get("unit", "") if isinstance(bounds, Mapping) else ""
    if isinstance(bounds, Mapping) and "*" in bounds:
        unit = "*"
    limits = bounds.get(unit) if isinstance(bounds, Mapping) else None
    if limits and not limits[0] <= value <= limits[1]:
        what = "" if unit == "*" else f" for unit {unit!r}"
        return [f"{at}: {text} is outside {limits[0]:g}-{limits[1]:g}{what}"]
    return []
