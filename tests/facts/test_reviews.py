"""A review names the claim in the article's complete sentence, its day, and the article."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import analysis
from analysis.data.loading import frame_of
from analysis.data.provenance import normalise
from analysis.facts.reviews import article_record, review_dates, sentence_of

SEED = analysis.seed_text()

COMPLETE = re.compile(r"^[“\"‘(\[A-Z].*[.!?][”\"’)]?$")
"""A sentence starts with a capital or an opening quote and ends in . ! or ?."""


@pytest.mark.parametrize(
    ("quote", "text", "sentence"),
    [
        ("Then he left", "He said “it is over.” Then he left.\n", "Then he left."),
        ("it is over", "He said “it is over.” Then he left.\n", "He said “it is over.”"),
        ("President Biden", "He met U.S. President Biden. Then\n left.",
         "He met U.S. President Biden."),
        ("the so-called", "He skipped the so-called Davos in St. Petersburg. Later.",
         "He skipped the so-called Davos in St. Petersburg."),
        ("Mr. Smith", "He met Mr. Smith and Dr. Jones. Later!", "He met Mr. Smith and Dr. Jones."),
        ("ends. Two", "One ends. Two starts? Three.", "One ends. Two starts?"),
        ("Second", "A first paragraph without a stop\nSecond line. Third.", "Second line."),
        ("first paragraph", "A first paragraph without a stop\nSecond line.",
         "A first paragraph without a stop"),
        ("the 1.5 times", "It grew the 1.5 times. Then fell.", "It grew the 1.5 times."),
        ("not here", "A text.", "not here"),
    ],
)  # fmt: skip
def test_sentence_of_gives_the_whole_sentence_by_the_rule(
    quote: str, text: str, sentence: str
) -> None:
    assert sentence_of(quote, text) == sentence


def test_sentence_of_collapses_whitespace_and_tolerates_a_quote_broken_across_lines() -> None:
    assert sentence_of("made  up\n37%", "Russians  made\nup 37% then. Next.") == (
        "Russians made up 37% then."
    )


def test_every_quote_of_the_data_lies_in_one_complete_sentence_of_the_article() -> None:
    seed = normalise(SEED)
    for table in ("claims", "statements", "events"):
        for quote in analysis.load(table)["quote"].dropna():  # an event may quote nothing
            sentence = sentence_of(quote, SEED)
            assert normalise(quote) in sentence, quote
            assert sentence in seed, quote
            assert COMPLETE.match(sentence), sentence


def test_the_sentence_holds_what_the_quote_leaves_out() -> None:
    assert sentence_of("Russians made up 37%", SEED) == (
        "When the Soviet Union collapsed in 1991, Russians made up 37% of the country’s "
        "population and ethnic Kazakhs just under 40%."
    )
    assert sentence_of("Russian Davos", SEED).endswith("in St. Petersburg in June this year.")


def test_review_dates_are_each_rows_reviewed_day() -> None:
    dates = review_dates()
    for table in ("claims", "statements"):
        frame = analysis.load(table)
        assert frame["reviewed"].notna().all()
        for ident, day in zip(frame["id"], frame["reviewed"], strict=True):
            assert dates[ident] == str(day.date())


def test_review_dates_of_data_without_the_column_are_none() -> None:
    claims = frame_of("claims", [{"id": "a", "reviewed": "2026-01-02"}])
    assert review_dates(data={"claims": claims}) == {"a": "2026-01-02"}
    assert review_dates(data={"claims": claims.drop(columns=["reviewed"])}) == {}


def test_the_article_record_is_the_articles_row_of_sources() -> None:
    row = analysis.load("sources").set_index("id").loc["cepa-article"]
    record = article_record()
    assert (record.title, record.url, record.date_published) == (
        row["title"], row["url"], row["date_published"]
    )  # fmt: skip
    assert record.date_published == "2023-09"
    assert pd.Timestamp(record.date_published) <= pd.Timestamp("2023-09-30")
