"""schema.org ClaimReview of every claim and statement, as JSON-LD for the article page."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.presentation.theme import verdict_label
from analysis.site.config import (
    ARTICLE_AUTHOR,
    ARTICLE_AUTHOR_URL,
    ARTICLE_PAGE,
    ARTICLE_TITLE,
    ARTICLE_URL,
)

if TYPE_CHECKING:
    import pandas as pd

RATINGS: dict[str, int] = {"consistent": 3, "close": 2, "discrepant": 1}
"""The published scale: each verdict's ratingValue. `unverified` has none (no reference)."""

BEST_RATING = max(RATINGS.values())
WORST_RATING = min(RATINGS.values())

CLAIM_LENGTH = 75
"""The longest `claimReviewed`: longer quotes are cut at a word and end in an ellipsis."""


@dataclass(frozen=True)
class Reviewed:
    """One claim or statement to review: its id, the article's words, verdict and anchor."""

    ident: str
    quote: str
    verdict: str
    anchor: str  # the element id on the article page that the review's url points at
    explanation: str | None = None


@dataclass(frozen=True)
class Scale:
    """One step of the published scale, for the methodology section."""

    verdict: str  # the data's value
    rating: int | None
    meaning: str
    label: str  # how readers see it, here and in `alternateName`


def scale(meanings: Mapping[str, str]) -> list[Scale]:
    """The verdicts in `meanings` with their rating (None for `unverified`) and label."""
    return [
        Scale(verdict, RATINGS.get(verdict), meaning, verdict_label(verdict))
        for verdict, meaning in meanings.items()
    ]


def claim_reviews(
    reviewed: Iterable[Reviewed],
    *,
    date_published: str | None,
    author: Mapping[str, Any],
    page: str = ARTICLE_PAGE,
) -> list[dict[str, Any]]:
    """One schema.org ClaimReview per claim or statement.

    Parameters
    ----------
    reviewed : iterable of Reviewed
        The claims and statements, in the page's order.
    date_published : str or None
        An ISO date taken from the inputs (`publication_date`), never the clock; None
        leaves `datePublished` out (inputs without any date).
    author : mapping
        Who reviews: the package, as a schema.org Organization or SoftwareSourceCode.
    page : str
        The article page's address, relative to the run folder.

    Returns
    -------
    list of dict
        JSON-LD objects: claimReviewed, itemReviewed (a Claim by the article's publisher
        appearing in the article), reviewRating (the verdict as alternateName and, except
        for `unverified`, its ratingValue on the published scale), url, author and
        datePublished.
    """
    reviews = []
    for item in reviewed:
        rating: dict[str, Any] = {
            "@type": "Rating",
            "alternateName": verdict_label(item.verdict),
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        }
        if item.verdict in RATINGS:
            rating["ratingValue"] = RATINGS[item.verdict]
        if item.explanation:
            rating["ratingExplanation"] = item.explanation
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{page}#{item.anchor}",
            "claimReviewed": shorten(item.quote),
            "itemReviewed": {
                "@type": "Claim",
                "author": {
                    "@type": "Organization", "name": ARTICLE_AUTHOR, "url": ARTICLE_AUTHOR_URL
                },
                "appearance": {
                    "@type": "Article", "url": ARTICLE_URL, "headline": ARTICLE_TITLE
                },
            },
            "reviewRating": rating,
            "author": dict(author),
            "datePublished": date_published,
            "identifier": item.ident,
        }  # fmt: skip
        if date_published is None:
            del review["datePublished"]
        reviews.append(review)
    return reviews


def shorten(text: str, limit: int = CLAIM_LENGTH) -> str:
    """`text` with its spaces collapsed; cut at a word and ended with '…' past `limit`."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    if " " in cut and not words[limit - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.–—") + "…"


def publication_date(descriptor: Mapping[str, Any], frames: Sequence[pd.DataFrame]) -> str | None:
    """The date the fact check stands at, from the inputs alone: never the clock.

    The data package descriptor's `created` when it has one, else the latest date in
    any date column of `frames` (for instance the fact check's and the events').

    Parameters
    ----------
    descriptor : mapping
        The data package descriptor.
    frames : sequence of pandas.DataFrame
        Tables whose datetime columns the latest date is taken from.

    Returns
    -------
    str or None
        An ISO date, YYYY-MM-DD; None when the inputs hold no date at all.
    """
    import pandas as pd

    created = descriptor.get("created")
    if created:
        return str(pd.Timestamp(str(created)).date())
    dates = [
        frame[column].max()
        for frame in frames
        for column in frame.columns
        if pd.api.types.is_datetime64_any_dtype(frame[column]) and frame[column].notna().any()
    ]
    return str(max(dates).date()) if dates else None


def json_ld(value: Any) -> str:
    """`value` as JSON for a `<script type="application/ld+json">` element.

    Key-sorted and compact for byte-identical pages; `<`, `>` and `&` are written as
    `\\u003c`, `\\u003e` and `\\u0026`, so that no string in the data can close the
    script element or open a comment in it. Parsing the text gives `value` back.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


__all__ = [
    "BEST_RATING",
    "RATINGS",
    "WORST_RATING",
    "Reviewed",
    "Scale",
    "claim_reviews",
    "json_ld",
    "publication_date",
    "scale",
    "shorten",
]
