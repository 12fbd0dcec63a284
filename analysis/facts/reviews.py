"""What a published review of the article rests on: each quote's sentence, each verdict's date.

A fact-check review names the claim it checks in the article's own complete sentence, the
day the verdict was reviewed, and the article where the claim appeared. These are read or
derived from the data here, so that the site only writes them out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.data.crosschecks import ARTICLE_SOURCE_ID
from analysis.data.loading import or_dataset
from analysis.data.provenance import normalise, quote_span

ABBREVIATIONS = ("St.", "U.S.", "Mr.", "Dr.")
"""Words that end in a full stop without ending the sentence."""

_END = re.compile(r"[.!?][”\"’)]?(?=\s+(?:[“\"‘(\[]|[A-Z]))")
"""A sentence's end: . ! or ?, perhaps a closing quote, then space and a capital or an
opening quote. A paragraph's end (a line break) ends its last sentence too."""

REVIEWED_TABLES = ("claims", "statements")
"""The tables whose rows carry a verdict and the day it was reviewed (`reviewed`)."""


@dataclass(frozen=True)
class ArticleRecord:
    """The article as its row of `sources` gives it: where and when it appeared."""

    title: str
    url: str
    date_published: str  # as precisely as known: YYYY, YYYY-MM or YYYY-MM-DD


def sentence_of(quote: str, seed_text: str) -> str:
    """The article's complete sentence that holds `quote` (every sentence, if it spans two).

    Sentences end at '.', '!' or '?', perhaps followed by a closing quote (” " ’ or a
    parenthesis), where space and a capital or an opening quote follow, and at the end of
    a paragraph (a line of the seed); never after the abbreviations in `ABBREVIATIONS`.

    Parameters
    ----------
    quote : str
        The article's words, as the data quote them (whitespace does not matter).
    seed_text : str
        The article, one paragraph a line.

    Returns
    -------
    str
        The sentence, its whitespace collapsed; the quote itself when the seed does not
        hold it (validation refuses such a quote in the data).
    """
    span = quote_span(quote, seed_text)
    if span is None:
        return normalise(quote)
    start, end = span
    for first, last in _sentences(seed_text):
        if first <= start < last:
            start = first
        if first < end <= last:
            end = last
    return normalise(seed_text[start:end])


def _sentences(text: str) -> list[tuple[int, int]]:
    """Start and end of each sentence of `text`, in order, paragraph by paragraph."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        start = offset
        for match in _END.finditer(line):
            if line[: match.start() + 1].endswith(ABBREVIATIONS):
                continue
            spans.append((start, offset + match.end()))
            start = offset + match.end()
        end = offset + len(line.rstrip())
        if end > start:
            spans.append((start, end))
        offset += len(line)
    return spans  # a sentence's span holds the space before it; `normalise` drops it


def review_dates(*, data: Mapping[str, pd.DataFrame] | None = None) -> dict[str, str]:
    """The day each claim's and statement's verdict was reviewed, by id (ISO dates).

    Parameters
    ----------
    data : mapping of str to DataFrame, optional
        Tables by name; `claims` and `statements` are read (default: `dataset()`).

    Returns
    -------
    dict of str to str
        Claim or statement id to its `reviewed` date, YYYY-MM-DD. A table without the
        column (the data of a run made before it existed) gives no dates.
    """
    tables = or_dataset(data)
    dates: dict[str, str] = {}
    for name in REVIEWED_TABLES:
        if name not in tables:
            continue
        frame = tables[name]
        if "reviewed" not in frame.columns:
            continue
        for ident, day in zip(frame["id"], frame["reviewed"], strict=True):
            if not pd.isna(day):
                dates[str(ident)] = str(pd.Timestamp(day).date())
    return dates


def article_record(*, data: Mapping[str, pd.DataFrame] | None = None) -> ArticleRecord:
    """The article's title, address and date of publication, from its row of `sources`."""
    sources = or_dataset(data)["sources"].set_index("id")
    row = sources.loc[ARTICLE_SOURCE_ID]
    return ArticleRecord(str(row["title"]), str(row["url"]), str(row["date_published"]))


__all__ = [
    "ABBREVIATIONS",
    "ArticleRecord",
    "article_record",
    "review_dates",
    "sentence_of",
]
