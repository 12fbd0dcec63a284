"""The article page's ClaimReview JSON-LD: one per claim and statement, true in every field."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import analysis
from analysis.data.provenance import normalise
from analysis.facts.reviews import article_record, sentence_of
from analysis.presentation.theme import verdict_label
from analysis.site.article import render_article
from analysis.site.claimreview import Publication, json_ld, repository_address, reviewer
from analysis.site.config import ARTICLE_PAGE
from analysis.site.pages import write_site
from tests.site.sitekit import PUBLIC_URL, make_run

COMPLETE = re.compile(r"^[“\"‘(\[A-Z].*[.!?][”\"’)]?$")
"""A complete sentence: a capital or an opening quote first, then . ! or ? at the end."""


def _reviews(page: str) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, parsed as plain JSON."""
    soup = BeautifulSoup(page, "html.parser")
    return [
        json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")
    ]


def _article(tmp_path: Path, public_url: str) -> str:
    """The article page that `write_site` writes for a small run published at `public_url`."""
    run, record = make_run(tmp_path)
    write_site(run, {**record, "public_url": public_url})
    return (run / ARTICLE_PAGE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The article page written by `write_site` for a small run, twice in two folders."""
    return _article(tmp_path_factory.mktemp("one"), PUBLIC_URL), _article(
        tmp_path_factory.mktemp("two"), PUBLIC_URL
    )


@pytest.fixture(scope="module")
def checked() -> pd.DataFrame:
    return analysis.fact_check()


def _expected_rows(checked: pd.DataFrame) -> dict[str, pd.Series]:
    """Each claim and statement of the fact check: the first (primary) row of each id."""
    if "primary" in checked:
        checked = checked[checked["primary"].astype(bool)]
    return {str(row["claim"]): row for _, row in checked.drop_duplicates("claim").iterrows()}


def _reviewed_days() -> dict[str, str]:
    """Each claim's and statement's `reviewed` day, read from the tables themselves."""
    frames = [analysis.load("claims"), analysis.load("statements")]
    return {
        str(ident): str(day.date())
        for frame in frames
        for ident, day in zip(frame["id"], frame["reviewed"], strict=True)
    }


def test_one_claimreview_per_claim_and_statement_with_every_field(
    built: tuple[str, str], checked: pd.DataFrame
) -> None:
    reviews = _reviews(built[0])
    expected = _expected_rows(checked)
    assert sorted(review["identifier"] for review in reviews) == sorted(expected)
    soup = BeautifulSoup(built[0], "html.parser")
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    source = analysis.load("sources").set_index("id").loc["cepa-article"]
    days = _reviewed_days()
    seed = analysis.seed_text()
    for review in reviews:
        row = expected[review["identifier"]]
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        quote = normalise(str(row["quote"]))
        assert review["claimReviewed"] == sentence_of(quote, seed)
        assert COMPLETE.match(review["claimReviewed"]), review["claimReviewed"]
        assert quote in review["claimReviewed"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["text"] == quote
        assert item["datePublished"] == source["date_published"] == "2023-09"
        cepa = {"@type": "Organization", "name": "CEPA", "url": "https://cepa.org/"}
        assert item["author"] == cepa
        assert item["appearance"] == {
            "@type": "Article",
            "url": source["url"],
            "headline": source["title"],
            "datePublished": source["date_published"],
            "author": cepa,
        }
        assert source["url"] == article_record().url
        rating = review["reviewRating"]
        assert rating["alternateName"] == verdict_label(row["verdict"])
        assert (rating["worstRating"], rating["bestRating"]) == (1, 3)
        if row["verdict"] == "unverified":
            assert "ratingValue" not in rating
        else:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["@id"] == review["url"]
        address, anchor = review["url"].split("#")
        assert address == PUBLIC_URL + ARTICLE_PAGE
        assert anchor in ids
        assert review["author"] == {"@type": "Organization", "name": "csto-analysis",
                                    "url": PUBLIC_URL}  # fmt: skip
        assert review["datePublished"] == days[review["identifier"]]


def test_the_review_date_is_the_reviewed_column_never_an_events_date(
    built: tuple[str, str],
) -> None:
    events = analysis.load("events")
    event_days = {str(d.date()) for d in pd.concat([events["date"], events["end_date"]]).dropna()}
    published = {review["datePublished"] for review in _reviews(built[0])}
    assert published == set(_reviewed_days().values())
    assert not published & event_days


def test_without_a_public_address_the_addresses_are_relative_and_the_page_says_so(
    tmp_path: Path,
) -> None:
    page = _article(tmp_path, "")
    reviews = _reviews(page)
    assert all(review["url"].startswith(f"{ARTICLE_PAGE}#") for review in reviews)
    assert all(review["@id"] == review["url"] for review in reviews)
    if not repository_address():
        assert all("url" not in review["author"] for review in reviews)
    said = BeautifulSoup(page, "html.parser").select_one("#review-addresses")
    assert said is not None
    text = " ".join(said.get_text().split())
    assert "relative" in text
    assert "no public address is configured" in text
    assert reviews[0]["url"] in text


def test_with_a_public_address_the_page_says_nothing_of_relative_addresses(
    built: tuple[str, str],
) -> None:
    soup = BeautifulSoup(built[0], "html.parser")
    assert soup.select_one("#review-addresses") is None
    assert PUBLIC_URL in soup.select_one("#methodology").get_text()


def test_the_reviewer_has_the_public_address_else_the_repositorys(tmp_path: Path) -> None:
    citation = tmp_path / "CITATION.cff"
    citation.write_text("cff-version: 1.2.0\nrepository-code: https://git.example/csto\n")
    assert reviewer("pkg", "https://a.example/", citation)["url"] == "https://a.example/"
    assert reviewer("pkg", "", citation)["url"] == "https://git.example/csto"
    citation.write_text("cff-version: 1.2.0\nrepository-code: javascript:alert(1)\n")
    assert reviewer("pkg", "", citation) == {"@type": "Organization", "name": "pkg"}
    assert reviewer("pkg", "", tmp_path / "missing.cff") == {"@type": "Organization", "name": "pkg"}


def test_better_verdicts_rate_higher_and_the_page_states_the_scale(built: tuple[str, str]) -> None:
    by_label = {
        review["reviewRating"]["alternateName"]: review["reviewRating"].get("ratingValue")
        for review in _reviews(built[0])
    }
    labels = [verdict_label(v) for v in ("consistent", "close", "discrepant")]
    order = [by_label[label] for label in labels if label in by_label]
    assert order == sorted(order, reverse=True)
    methodology = BeautifulSoup(built[0], "html.parser").select_one("#methodology")
    rows = {
        tr.find_all("td")[3].get_text(strip=True): [td.get_text(" ", strip=True) for td in
                                                     tr.find_all("td")]
        for tr in methodology.select("tbody tr")
    }  # fmt: skip
    assert rows["consistent"][1] == "3"
    assert rows["discrepant"][1] == "1"
    assert rows["unverified"][1].startswith("none")
    for verdict, cells in rows.items():
        assert cells[0].endswith(verdict_label(verdict))


def test_the_json_ld_is_byte_identical_between_runs(built: tuple[str, str]) -> None:
    assert built[0] == built[1]


def test_no_two_reviews_review_the_same_words(built: tuple[str, str]) -> None:
    """One review per quote: a quote that is both a claim and a statement is reviewed once.

    Two quotes in one sentence share their `claimReviewed` (the sentence) and are told
    apart by the words each checks (`itemReviewed.text`).
    """
    words = [review["itemReviewed"]["text"] for review in _reviews(built[0])]
    assert sorted(w for w in set(words) if words.count(w) > 1) == []


def test_data_cannot_close_the_script_element() -> None:
    hostile = {"claimReviewed": "</script><script>alert(1)</script> <!-- & -->"}
    text = json_ld(hostile)
    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text) == hostile


def test_a_hostile_quote_stays_data_on_the_page() -> None:
    quote = "</script><script>alert(1)</script>"
    claims = pd.DataFrame([{
        "claim": "evil", "verdict": "discrepant", "value": 5.0, "comparator": "=",
        "subject": "KAZ", "indicator": "x", "quote": quote, "source": "s", "source_url": None,
        "reference_date": pd.Timestamp("2020-01-01"), "note": None, "unit": "percent",
        "reference": 7.0, "difference": 2.0,
    }])  # fmt: skip
    events = analysis.load("events").head(0)
    page = render_article(checked=claims, events=events, seed=quote + "\n", links={})
    soup = BeautifulSoup(page, "html.parser")
    reviews = _reviews(page)
    assert [review["claimReviewed"] for review in reviews] == [quote]
    assert [review["itemReviewed"]["text"] for review in reviews] == [quote]
    assert len([s for s in soup.find_all("script") if not s.has_attr("type")]) == 1


def test_statements_and_second_bases_give_one_review_per_claim_and_statement() -> None:
    base = {"comparator": "=", "subject": "KAZ", "indicator": "Share", "unit": "percent",
            "source": "Census", "source_url": None, "note": None, "basis": None,
            "reference_date": pd.Timestamp("2021-10-01")}  # fmt: skip
    rows = [
        {**base, "claim": "share", "kind": "number", "verdict": "close", "value": 37.0,
         "quote": "made up 37%", "reference": 37.8, "difference": 0.8, "primary": True},
        {**base, "claim": "share", "kind": "number", "verdict": "close", "value": 37.0,
         "quote": "made up 37%", "reference": 38.1, "difference": 1.1, "primary": False,
         "basis": "permanent population"},
        {**base, "claim": "troops", "kind": "statement", "verdict": "consistent", "value": None,
         "quote": "refused to send troops", "reference": None, "difference": None,
         "primary": True, "unit": None, "indicator": None, "note": "No Armenian contingent."},
    ]  # fmt: skip
    seed = "In 1991 Russians made up 37%. Armenia refused to send troops.\n"
    publication = Publication(article_record(), reviewer("pkg"), "", {"share": "2026-01-02"})
    page = render_article(checked=pd.DataFrame(rows), events=analysis.load("events").head(0),
                          seed=seed, links={}, publication=publication)  # fmt: skip
    reviews = {review["identifier"]: review for review in _reviews(page)}
    assert sorted(reviews) == ["share", "troops"]
    assert reviews["share"]["claimReviewed"] == "In 1991 Russians made up 37%."
    assert reviews["troops"]["claimReviewed"] == "Armenia refused to send troops."
    assert reviews["troops"]["url"] == f"{ARTICLE_PAGE}#statement-troops"
    assert reviews["troops"]["reviewRating"]["ratingValue"] == 3
    assert reviews["troops"]["reviewRating"]["ratingExplanation"] == "No Armenian contingent."
    assert reviews["share"]["datePublished"] == "2026-01-02"
    assert "datePublished" not in reviews["troops"]  # no reviewed day: no date at all
    soup = BeautifulSoup(page, "html.parser")
    box = soup.select_one("#claim-share").get_text(" ")
    assert "permanent population" in box
    assert "No Armenian contingent." in soup.select_one("#statement-troops").get_text(" ")
