"""schema.org ClaimReview of every claim and statement, as JSON-LD for the article page."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.facts.reviews import ArticleRecord
from analysis.paths import PROJECT_DIR
from analysis.presentation.theme import verdict_label
from analysis.site.config import ARTICLE_PAGE, REVIEWER

RATINGS: dict[str, int] = {"consistent": 3, "close": 2, "discrepant": 1}
"""The published scale: each verdict's ratingValue. `unverified` has none (no reference)."""

BEST_RATING = max(RATINGS.values())
WORST_RATING = min(RATINGS.values())

CITATION = PROJECT_DIR / "CITATION.cff"
"""The package's citation file: its `repository-code`, when it has one, is the reviewer's
address where no public address is configured."""


@dataclass(frozen=True)
class Reviewed:
    """One claim or statement to review: its id, the article's words, verdict and anchor."""

    ident: str
    quote: str  # the words checked: itemReviewed's text
    verdict: str
    anchor: str  # the element id on the article page that the review's url points at
    sentence: str  # the article's complete sentence that holds the quote: claimReviewed
    explanation: str | None = None


@dataclass(frozen=True)
class Publication:
    """What the reviews review, who publishes them, where, and the day of each verdict."""

    article: ArticleRecord
    reviewer: Mapping[str, Any]  # a schema.org Organization
    address: str = ""  # the public address of the run folder, ending in "/"; "" for none
    dates: Mapping[str, str] = field(default_factory=dict)  # id -> the day it was reviewed


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


def reviewer(name: str = REVIEWER, address: str = "", citation: Path = CITATION) -> dict[str, Any]:
    """The package as the reviews' author: an Organization, with an address when one is known.

    The address is the public one when configured, else the repository that
    `CITATION.cff` names (`repository-code`); without either the Organization has no `url`
    (and the article page says so).
    """
    found = address or repository_address(citation)
    return {"@type": "Organization", "name": name, **({"url": found} if found else {})}


def repository_address(citation: Path = CITATION) -> str:
    """The http(s) `repository-code` of a CFF file; "" when it has none or cannot be read."""
    import yaml

    try:
        document = yaml.safe_load(citation.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    value = document.get("repository-code") if isinstance(document, dict) else None
    return value if isinstance(value, str) and value.startswith(("https://", "http://")) else ""


def claim_reviews(
    reviewed: Iterable[Reviewed], publication: Publication, *, page: str = ARTICLE_PAGE
) -> list[dict[str, Any]]:
    """One schema.org ClaimReview per claim or statement.

    Parameters
    ----------
    reviewed : iterable of Reviewed
        The claims and statements, in the page's order.
    publication : Publication
        The article reviewed, the reviewer, the public address of the run folder ("" for
        relative addresses) and each verdict's day of review (an id without one gets no
        `datePublished`).
    page : str
        The article page's address, relative to the run folder.

    Returns
    -------
    list of dict
        JSON-LD objects: `@id` and `url` (the claim's details on the page), claimReviewed
        (the article's complete sentence), itemReviewed (a Claim: the words checked, its
        author, date and appearance in the article), reviewRating (the verdict's label as
        alternateName and, except for `unverified`, its ratingValue on the published
        scale), author and datePublished (the day the verdict was reviewed).
    """
    article = publication.article
    claimant = {
        "@type": "Organization",
        "name": article.author or article.publisher,
        **({"url": article.author_url} if article.author_url else {}),
    }
    appearance = {
        "@type": "Article",
        "url": article.url,
        "headline": article.title,
        "datePublished": article.date_published,
        "author": claimant,
    }
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
        address = f"{publication.address}{page}#{item.anchor}"
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "@id": address,
            "url": address,
            "claimReviewed": item.sentence,
            "itemReviewed": {
                "@type": "Claim",
                "text": " ".join(item.quote.split()),
                "author": claimant,
                "datePublished": article.date_published,
                "appearance": appearance,
            },
            "reviewRating": rating,
            "author": dict(publication.reviewer),
            "identifier": item.ident,
        }
        if item.ident in publication.dates:
            review["datePublished"] = publication.dates[item.ident]
        reviews.append(review)
    return reviews


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
    "Publication",
    "Reviewed",
    "Scale",
    "claim_reviews",
    "json_ld",
    "repository_address",
    "reviewer",
    "scale",
]
