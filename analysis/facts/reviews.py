"""What a published review of the article rests on: each quote's sentence, each verdict's date.

A fact-check review names the claim it checks in the article's own complete sentence, the
day the verdict was reviewed, and the article where the claim appeared. These are read or
derived from the data here, so that the site only writes them out.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.data.loading import or_dataset
from analysis.data.provenance import normalise
from analysis.data.sentences import split_sentences

REVIEWED_TABLES = ("claims", "statements")
"""The tables whose rows carry a verdict and the day it was reviewed (`reviewed`)."""


@dataclass(frozen=True)
class ArticleRecord:
    """The article as the `article` table and its row of `sources` give it: who, where, when."""

    title: str
    url: str
    date_published: str  # as precisely as known: YYYY, YYYY-MM or YYYY-MM-DD
    publisher: str = ""
    author: str = ""
    author_url: str = ""


def sentence_of(quote: str, seed_text: str) -> str:
    """The article's complete sentence that holds `quote` (every sentence, if it spans two).

    The sentences are those of the `sentences` table: `analysis.data.sentences`
    splits the seed, one rule for the table, its validation and the reviews.

    Parameters
    ----------
    quote : str
        The article's words, as the data quote them (whitespace does not matter).
    seed_text : str
        The article, one paragraph a line.

    Returns
    -------
    str
        The sentence, its whitespace collapsed; the quote itself when no sentence holds it
        (validation refuses such a quote in the data).
    """
    wanted = normalise(quote)
    sentences = [normalise(sentence.text) for sentence in split_sentences(seed_text)]
    for sentence in sentences:
        if wanted in sentence:
            return sentence
    for first, second in itertools.pairwise(sentences):  # a quote across two sentences
        if wanted in f"{first} {second}":
            return f"{first} {second}"
    return wanted


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
    """The article: its row of `article` (author) joined to its row of `sources`."""
    tables = or_dataset(data)
    article = tables["article"].iloc[0]
    row = tables["sources"].set_index("id").loc[str(article["source_id"])]
    return ArticleRecord(
        title=str(row["title"]),
        url=_text(row["url"]),
        date_published=str(row["date_published"]),
        publisher=_text(row["publisher"]),
        author=_text(article["author"]),
        author_url=_text(article["author_url"]),
    )


def _text(value: Any) -> str:
    """A cell as text; a missing one as ''."""
    return "" if value is None or value is pd.NA or value != value else str(value)


__all__ = [
    "ArticleRecord",
    "article_record",
    "review_dates",
    "sentence_of",
]
