"""Numbered references: each source cited as [n] in prose, listed once with its title and link."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.presentation.narrative.templating import Markdown, render

SOURCES_ANCHOR = "Sources"
"""The heading the numbered references link to (`## Sources`; nbconvert gives it this id)."""

_HTTP = re.compile(r"https?://[^\s()<>\[\]]+")


class Citations:
    """Sources numbered in the order they are first cited; `cite` writes '[n]'.

    A source is known by its `source_id` when the data gives one, else by its title (the
    number of a source already cited with that title), so the same source cited twice
    keeps one number.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, str]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, title: Any, url: Any = None, ident: Any = None) -> int:
        """The number of a source, given one when it is first seen; 0 for no source."""
        text = _text(title)
        if not text:
            return 0
        key = _text(ident) or next(
            (known for known, (seen, _) in self._entries.items() if seen == text), text
        )
        if key not in self._entries:
            self._entries[key] = (text, _text(url))
        return list(self._entries).index(key) + 1

    def cite(self, title: Any, url: Any = None, ident: Any = None) -> Markdown:
        """'[n]' linking to the sources list; '' for a missing source."""
        number = self.add(title, url, ident)
        return Markdown(f"[\\[{number}\\]](#{SOURCES_ANCHOR})" if number else "")

    def cite_row(self, row: Any) -> Markdown:
        """'[n]' for a fact-check row's reference source (fields source, source_url, source_id)."""
        get = (
            row.get
            if hasattr(row, "get")
            else lambda name, default=None: getattr(row, name, default)
        )
        return self.cite(get("source"), get("source_url"), get("source_id"))

    row = cite_row
    """What a template calls: `{{ cite.row(claim) }}`."""

    def cite_all(self, titles: Iterable[Any]) -> Markdown:
        """'[1], [3]' for several sources (distinct, in order)."""
        cited = dict.fromkeys(self.cite(title) for title in titles)
        return Markdown(", ".join(c for c in cited if c))

    all = cite_all
    """What a template calls: `{{ cite.all(sources) }}`."""

    def entries(self) -> list[dict[str, str]]:
        """The sources in the order first cited: title, and an http(s) address or ''."""
        return [
            {"title": title, "url": url if _HTTP.fullmatch(url) else ""}
            for title, url in self._entries.values()
        ]

    def markdown(self) -> Markdown:
        """The numbered list under its heading (`templates/brief/sources.md.j2`)."""
        return render("brief/sources.md.j2", anchor=SOURCES_ANCHOR, sources=self.entries())


def _text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return " ".join(str(value).split()).rstrip(".")
