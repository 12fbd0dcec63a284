"""Every statement of fact has its exact words in the seed, a verdict, a reason and a source."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.data.provenance import quote_in
from analysis.facts.factcheck import VERDICTS, claim_rows
from analysis.facts.statements import statement_checks

STATEMENTS = analysis.load("statements")


@pytest.mark.parametrize("ident", list(STATEMENTS["id"]))
def test_each_statements_quote_is_verbatim_in_the_seed(ident: str) -> None:
    row = STATEMENTS.set_index("id").loc[ident]
    assert quote_in(str(row["quote"]), analysis.seed_text())
    assert str(row["verdict"]) in VERDICTS
    assert str(row["reason"]).strip().endswith(".")
    if row["verdict"] != "unverified":
        assert isinstance(row["source_id"], str)


def test_statements_are_many_and_apart_from_the_claims() -> None:
    assert len(STATEMENTS) >= 30
    assert not set(STATEMENTS["id"]) & set(analysis.load("claims")["id"])
    assert set(STATEMENTS["verdict"].astype(str)) == set(VERDICTS)  # every verdict is used


@pytest.mark.parametrize(
    ("ident", "quote", "verdict", "words", "source"),
    [
        ("eu-mission-in-nagorno-karabakh", "in Nagorno-Karabakh", "discrepant",
         "has no access to Nagorno-Karabakh", "council-pr-euma-2023"),
        ("rus-turkey-broker-ceasefire-2020", "Moscow worked with Turkey", "discrepant",
         "names only the leaders of Armenia, Azerbaijan and Russia", "trilateral-statement-2020"),
        ("kremlin-sent-troops-2022", "The Kremlin sent", "close", "a CSTO force",
         "armradio-csto-2022"),
        ("rus-peacekeepers-nk-2020", "peacekeeping force", "consistent", "1,960",
         "trilateral-statement-2020"),
    ],
)  # fmt: skip
def test_the_statements_the_issue_names(
    ident: str, quote: str, verdict: str, words: str, source: str
) -> None:
    row = STATEMENTS.set_index("id").loc[ident]
    assert quote in row["quote"]
    assert row["verdict"] == verdict
    assert words in row["reason"]
    assert row["source_id"] == source


def test_fact_check_lists_numbers_then_statements_with_a_kind() -> None:
    checked = analysis.fact_check()
    assert list(checked["kind"].cat.categories) == ["number", "statement"]
    numbers = checked.loc[checked["kind"] == "number"]
    statements = checked.loc[checked["kind"] == "statement"].reset_index(drop=True)
    assert checked.index[checked["kind"] == "statement"].min() > numbers.index.max()
    assert list(statements["claim"]) == list(STATEMENTS["id"])
    assert list(statements["verdict"].astype(str)) == list(STATEMENTS["verdict"].astype(str))
    assert list(statements["note"]) == list(STATEMENTS["reason"])
    for column in ("value", "comparator", "unit", "reference", "difference", "reference_date"):
        assert statements[column].isna().all(), column
    assert statements["primary"].all()
    titled = statements.dropna(subset=["source_id"])
    assert titled["source"].notna().all()


def test_statement_checks_from_small_frames() -> None:
    data = {
        "statements": pd.DataFrame(
            {"id": ["s1", "s2"], "subject": ["EU", "RUS"], "quote": ["q1", "q2"],
             "verdict": ["discrepant", "unverified"], "reason": ["r1.", "r2."],
             "source_id": ["src", None]}
        ),
        "sources": pd.DataFrame(
            {"id": ["src"], "title": ["A decision"], "url": ["https://example.org/d"]}
        ),
    }  # fmt: skip
    frame = statement_checks(data=data)
    assert list(frame["claim"]) == ["s1", "s2"]
    assert list(frame["kind"]) == ["statement", "statement"]
    assert frame.loc[0, "source"] == "A decision"
    assert frame.loc[0, "source_url"] == "https://example.org/d"
    assert pd.isna(frame.loc[1, "source"])


def test_verdict_counts_count_figures_and_statements_by_kind() -> None:
    counts = analysis.verdict_counts().set_index("verdict")
    assert counts["claims"].sum() == len(claim_rows(analysis.fact_check()))
    assert counts["statements"].sum() == len(STATEMENTS)
    assert counts.loc["discrepant", "statements"] >= 2
