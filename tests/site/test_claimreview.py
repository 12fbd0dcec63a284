"""The article page's ClaimReview JSON-LD: one per claim and statement, every field, escaped."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import analysis
from analysis.presentation.theme import verdict_label
from analysis.site.article import render_article
from analysis.site.claimreview import json_ld, publication_date, shorten
from analysis.site.config import ARTICLE_PAGE, ARTICLE_URL
from analysis.site.pages import write_site
from tests.site.sitekit import make_run


def _reviews(page: str) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, parsed as plain JSON."""
    soup = BeautifulSoup(page, "html.parser")
    return [
        json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The article page written by `write_site` for a small run, twice in two folders."""
    pages = []
    for name in ("one", "two"):
        run, record = make_run(tmp_path_factory.mktemp(name))
        write_site(run, record)
        pages.append((run / ARTICLE_PAGE).read_text(encoding="utf-8"))
    return pages[0], pages[1]


@pytest.fixture(scope="module")
def checked() -> pd.DataFrame:
    return analysis.fact_check()


def _expected_rows(checked: pd.DataFrame) -> dict[str, pd.Series]:
    """Each claim and statement of the fact check: the first (primary) row of each id."""
    if "primary" in checked:
        checked = checked[checked["primary"].astype(bool)]
    return {str(row["claim"]): row for _, row in checked.drop_duplicates("claim").iterrows()}


def test_one_claimreview_per_claim_and_statement_with_every_field(
    built: tuple[str, str], checked: pd.DataFrame
) -> None:
    reviews = _reviews(built[0])
    expected = _expected_rows(checked)
    assert sorted(review["identifier"] for review in reviews) == sorted(expected)
    soup = BeautifulSoup(built[0], "html.parser")
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    dates = [str(value.date()) for value in checked["reference_date"].dropna()]
    events = analysis.load("events")
    dates += [
        str(value.date()) for value in pd.concat([events["date"], events["end_date"]]).dropna()
    ]
    for review in reviews:
        row = expected[review["identifier"]]
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        claim = review["claimReviewed"]
        assert 0 < len(claim) <= 75
        quote = " ".join(str(row["quote"]).split())
        assert claim == quote or (claim.endswith("…") and quote.startswith(claim[:-1]))
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["appearance"]["url"] == ARTICLE_URL
        assert item["author"] == {
            "@type": "Organization",
            "name": "CEPA",
            "url": "https://cepa.org/",
        }
        rating = review["reviewRating"]
        assert rating["alternateName"] == verdict_label(row["verdict"])
        assert (rating["worstRating"], rating["bestRating"]) == (1, 3)
        if row["verdict"] == "unverified":
            assert "ratingValue" not in rating
        else:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        page, anchor = review["url"].split("#")
        assert page == ARTICLE_PAGE
        assert anchor in ids
        assert review["author"]["@type"] in ("Organization", "SoftwareSourceCode")
        assert review["author"]["name"] == "csto-analysis"
        assert review["datePublished"] in dates
        assert review["datePublished"] == max(dates)


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
        tr.find_all("td")[3].get_text(strip=True): tr.find_all("td")[1].get_text()
        for tr in methodology.select("tbody tr")
    }
    assert rows["consistent"] == "3"
    assert rows["discrepant"] == "1"
    assert rows["unverified"].startswith("none")


def test_the_json_ld_is_byte_identical_between_runs(built: tuple[str, str]) -> None:
    assert built[0] == built[1]


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
    assert [review["claimReviewed"] for review in _reviews(page)] == [quote]
    assert len([s for s in soup.find_all("script") if not s.has_attr("type")]) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short  words\n here", "Short words here"),
        ("a" * 75, "a" * 75),
        ("word " * 20, ("word " * 15).strip() + "…"),
        ("x" * 80, "x" * 74 + "…"),
    ],
)
def test_shorten_keeps_75_characters_cut_at_a_word(text: str, expected: str) -> None:
    assert shorten(text) == expected
    assert len(shorten(text)) <= 75


def test_the_date_comes_from_the_inputs_never_the_clock() -> None:
    frame = pd.DataFrame({"date": pd.to_datetime(["2021-01-02", "2023-05-06", None])})
    assert publication_date({}, [frame]) == "2023-05-06"
    assert publication_date({"created": "2024-02-03T10:00:00Z"}, [frame]) == "2024-02-03"
    assert publication_date({}, [pd.DataFrame({"x": [1]})]) is None


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
    seed = "Russians made up 37% and Armenia refused to send troops.\n"
    page = render_article(checked=pd.DataFrame(rows), events=analysis.load("events").head(0),
                          seed=seed, links={})  # fmt: skip
    reviews = {review["identifier"]: review for review in _reviews(page)}
    assert sorted(reviews) == ["share", "troops"]
    assert reviews["troops"]["url"] == f"{ARTICLE_PAGE}#statement-troops"
    assert reviews["troops"]["reviewRating"]["ratingValue"] == 3
    assert reviews["troops"]["reviewRating"]["ratingExplanation"] == "No Armenian contingent."
    soup = BeautifulSoup(page, "html.parser")
    box = soup.select_one("#claim-share").get_text(" ")
    assert "permanent population" in box
    assert "No Armenian contingent." in soup.select_one("#statement-troops").get_text(" ")
