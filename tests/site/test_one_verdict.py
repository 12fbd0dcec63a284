"""One quote, one verdict: the brief, every page and the JSON-LD agree on each quote's verdict."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import analysis
from analysis.data.provenance import normalise
from analysis.presentation import theme

pytestmark = pytest.mark.slow

LABELLED = re.compile(
    "(" + "|".join(re.escape(theme.VERDICT_SYMBOLS[v]) for v in theme.VERDICT_SYMBOLS) + r")\s+"
    r"(nearly accurate|inaccurate|accurate|unverified)"
)
"""A verdict as every page names it: its symbol, then its label."""


def _verdicts() -> dict[str, str]:
    """Each checked quote (a claim's, by its primary basis, or a statement's) and its verdict."""
    checked = analysis.fact_check()
    primary = checked.loc[checked["primary"].astype(bool)]
    verdicts: dict[str, set[str]] = {}
    for row in primary.itertuples():
        verdicts.setdefault(normalise(str(row.quote)), set()).add(str(row.verdict))
    assert all(len(found) == 1 for found in verdicts.values()), "a quote with two verdicts"
    return {quote: found.pop() for quote, found in verdicts.items()}


def _named_after(text: str, quote: str) -> list[str]:
    """The verdict named after each place the page quotes `quote`, before the next quote."""
    named = []
    for match in re.finditer(re.escape(f"“{quote}”"), text):
        following = text.find("“", match.end())
        after = LABELLED.search(text, match.end(), following if following > 0 else len(text))
        if after:
            named.append(after.group(2))
    return named


def test_every_quote_has_one_verdict_in_the_brief_the_pages_and_the_json_ld(
    default_run: Path,
) -> None:
    verdicts = _verdicts()
    pages = sorted(default_run.glob("**/*.html"))
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for script in soup.find_all("script", type="application/ld+json"):
            review = json.loads(script.string)
            quote = normalise(review["itemReviewed"]["text"])
            label = review["reviewRating"]["alternateName"]
            assert label == theme.verdict_label(verdicts[quote]), (page.name, quote)
        for hidden in soup.select("script, style, .details, .passages, .ledger"):
            hidden.decompose()  # a details box or list repeats a mark's verdict by design
        text = " ".join(soup.get_text(" ").split())
        for quote, verdict in verdicts.items():
            named = set(_named_after(text, quote))
            assert named <= {theme.verdict_label(verdict)}, (page.name, quote, named)


def test_the_json_ld_reviews_each_quote_once(default_run: Path) -> None:
    soup = BeautifulSoup((default_run / "article.html").read_text("utf-8"), "html.parser")
    texts = [
        normalise(json.loads(script.string)["itemReviewed"]["text"])
        for script in soup.find_all("script", type="application/ld+json")
    ]
    assert len(texts) == len(set(texts))
    assert set(texts) == set(_verdicts())
