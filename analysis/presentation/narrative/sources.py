"""Numbered references: each source cited as [n] in prose, listed once with its title and link."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.presentation.narrative.common import md

SOURCES_ANCHOR = "Sources"
"""The heading the numbered references link to (`## Sources`; nbconvert gives it this id)."""

_HTTP = re.compile(r"https?://[^\s()<>\[\]]+")


class Citations:
    """Sources numbered in the order they are first cited; `cite` writes '[n]'.

    A source is known by its `source_id` when the data gives one, else by its title, so
    the same source cited twice keeps one number.
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
        key = _text(ident) or text
        if key not in self._entries:
            self._entries[key] = (text, _text(url))
        return list(self._entries).index(key) + 1

    def cite(self, title: Any, url: Any = None, ident: Any = None) -> str:
        """'[n]' linking to the sources list; '' for a missing source."""
        number = self.add(title, url, ident)
        return f"[\\[{number}\\]](#{SOURCES_ANCHOR})" if number else ""

    def cite_row(self, row: Any) -> str:
        """'[n]' for a fact-check row's reference source (fields source, source_url, source_id)."""
        get = (
            row.get
            if hasattr(row, "get")
            else lambda name, default=None: getattr(row, name, default)
        )
        return self.cite(get("source"), get("source_url"), get("source_id"))

    def cite_all(self, titles: Iterable[Any]) -> str:
        """'[1], [3]' for several sources (distinct, in order)."""
        cited = dict.fromkeys(self.cite(title) for title in titles)
        return ", ".join(c for c in cited if c)

    def markdown(self) -> str:
        """The numbered list: '1. Title. <https://…>' (a link only for an http(s) address)."""
        lines = []
        for number, (title, url) in enumerate(self._entries.values(), start=1):
            link = f" <{url}>" if _HTTP.fullmatch(url) else ""
            lines.append(f"{number}. {md(title)}.{link}")
        return "\n".join(lines)


def _text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return " ".join(str(value).split()).rstrip(".")
