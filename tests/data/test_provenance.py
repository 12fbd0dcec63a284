"""Every claim, event and stance is the article's own words, and every number is in its quote."""

from __future__ import annotations

import pytest

import analysis
from analysis.data import provenance


def test_quotes_match_across_line_breaks_and_runs_of_spaces() -> None:
    assert provenance.quote_in("made up\n 37%  of", "Russians made up 37% of the country")
    assert not provenance.quote_in("made up 38% of", "Russians made up 37% of the country")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("invested over $31bn in", 31e9),
        ("a community of about 120,000 currently", 120_000),
        ("made up 37% of", 37),
        ("Thirty years later", 30),
        ("the six-nation CSTO", 6),
        ("The five non-Russian members", 5),
        ("sent thousands of troops", 1000),
        ("has provided billions to", 1e9),
        ("only one day before", 1),
    ],
)
def test_numbers_in_reads_digits_and_words(text: str, number: float) -> None:
    assert provenance.states_number(text, number)


def test_numbers_in_does_not_invent_numbers() -> None:
    assert provenance.numbers_in("no figures here at all") == []
    assert not provenance.states_number("made up 37% of", 38)


def test_quote_span_finds_the_passage_in_the_seed() -> None:
    seed = analysis.seed_text()
    start, end = provenance.quote_span("just under\n40%", seed) or (0, 0)
    assert seed[start:end] == "just under 40%"


@pytest.mark.parametrize(("table", "field"), [("claims", "quote"), ("events", "quote"),
                                              ("members", "evidence")])  # fmt: skip
def test_every_shipped_quote_is_in_the_seed(table: str, field: str) -> None:
    seed = analysis.seed_text()
    for text in analysis.load(table)[field].dropna():  # an event the article does not cite
        assert provenance.quote_in(text, seed), text


def test_every_shipped_claim_states_its_number_in_its_quote() -> None:
    for claim in analysis.load("claims").itertuples():
        assert provenance.states_number(claim.quote, claim.value), claim.id
