"""The title a Markdown text gives itself: its first level-1 heading, for pages and cards."""

from __future__ import annotations

import re

_HEADING = re.compile(r"^ {0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
"""A level-1 ATX heading line: `# Title`, up to three spaces in, optionally closed by `#`s."""


def first_heading(markdown: str) -> tuple[str, str] | None:
    """The text of the first level-1 heading, and the Markdown after its line.

    Parameters
    ----------
    markdown : str
        Markdown text, e.g. a notebook's markdown cell.

    Returns
    -------
    tuple[str, str] or None
        The heading's text and the rest of `markdown` after the heading's line; None when
        no line is a level-1 heading.
    """
    match = _HEADING.search(markdown)
    return None if match is None else (match.group(1), markdown[match.end() :])
