"""What every strand of the narrative writes the same way: data text escaped, counts, names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analysis.facts import lookups
from analysis.presentation.formatting import format_list, markdown_text
from analysis.presentation.theme import DIRECTIONS

_DIRECTION_PHRASES = {
    "cohesion": "of cohesion",
    "distancing": "of distancing",
    "western_engagement": "of Western engagement",
    "neutral": "neutral",
}

md = markdown_text
"""Every text from the data, and every formatted figure, goes through this into Markdown."""


def events(count: int) -> str:
    """'1 event', '3 events'."""
    return f"{count} event{'s' * (count != 1)}"


def direction_phrase(direction: Any) -> str:
    """'of distancing', 'of Western engagement', 'neutral'."""
    key = str(direction)
    cue = DIRECTIONS.get(key)
    return _DIRECTION_PHRASES.get(key, "of " + (cue.label if cue else key).lower())


def direction_label(direction: Any) -> str:
    """How a direction is written: 'Distancing', 'Western engagement'."""
    cue = DIRECTIONS.get(str(direction))
    return cue.label if cue else str(direction)


def who(member_names: Mapping[str, str]) -> str:
    """'the 6 CSTO members take part', or the chosen members' names and the verb agreeing.

    `member_names` maps the chosen members' codes to their names, in the order chosen: a
    cohesion frame's `attrs["member_names"]`.
    """
    known = lookups.member_codes()
    if sorted(member_names) == sorted(known):
        return f"the {len(known)} CSTO members take part"
    verb = "takes" if len(member_names) == 1 else "take"
    return f"{format_list([md(name) for name in member_names.values()])} {verb} part"


def cell(value: Any) -> str:
    """Markdown already escaped, as a table cell: on one line (pipes are escaped by `md`)."""
    return " ".join(str(value).split())


def table(header: list[str], align: list[str], rows: list[list[str]]) -> str:
    """A Markdown table from cells that are already Markdown."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)
