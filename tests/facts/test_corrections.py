"""The corrections of the independent re-check hold: dates, verdicts, actors, bases, events."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.data.provenance import quote_in
from analysis.facts.factcheck import claim_rows

EVENTS = analysis.load("events").set_index("id")


def _actors(event: str) -> set[str]:
    actors = analysis.load("event_actors")
    return set(actors.loc[actors["event_id"] == event, "actor"])


def test_the_2021_census_refers_to_1_september_2021() -> None:
    census = analysis.load("census")
    rows = census.loc[census["year"] == 2021]
    assert len(rows) == 3
    assert (rows["date"] == pd.Timestamp("2021-09-01")).all()
    sources = analysis.load("sources").set_index("id")
    assert sources.loc[rows["source_id"], "opened"].all()
    interval = analysis.load("references").set_index("claim_id").loc["kaz-census-interval-years"]
    assert "1 September 2021" in sources.loc[interval["source_id"], "note"]
    shares = analysis.census_shares(years=[2021])
    assert (shares["date"] == pd.Timestamp("2021-09-01")).all()
    assert set(shares["source_id"]) == set(rows["source_id"])


def test_derived_figures_follow_the_census_date() -> None:
    references = analysis.load("references").set_index("claim_id")
    assert (references.loc[references["census_year"] == 2021, "date"] == "2021-09-01").all()
    interval = references.loc["kaz-census-interval-years"]
    years = (pd.Timestamp("2021-09-01") - pd.Timestamp("1991-12-26")).days / 365.25
    assert interval["value"] == 29.7 == round(years, 1)
    row = claim_rows(analysis.fact_check()).set_index("claim").loc["kaz-census-interval-years"]
    assert row["verdict"] == "consistent"


@pytest.mark.parametrize(
    ("claim", "reference", "source", "words"),
    [
        ("usa-assistance-kaz", 2.05e9, "crs-97-1058", "97-1058"),
        ("usa-private-investment-kaz", 50e9, "state-astana-2023", "understates"),
    ],
)
def test_both_us_claims_are_consistent_with_their_references(
    claim: str, reference: float, source: str, words: str
) -> None:
    row = claim_rows(analysis.fact_check()).set_index("claim").loc[claim]
    assert row["verdict"] == "consistent"
    assert row["reference"] == reference
    assert row["source_id"] == source
    assert words in row["note"]


def test_the_secretary_of_states_figure_is_dated_and_placed() -> None:
    reference = analysis.load("references").set_index("id").loc["ref-usa-private-investment-kaz"]
    assert reference["date"] == pd.Timestamp("2023-02-28")
    assert "Astana" in reference["note"]


@pytest.mark.parametrize(
    ("event", "field", "value"),
    [
        ("lachin-blockade-2022", "date", "2022-12-12"),
        ("lachin-blockade-2022", "end_date", "2023-09-30"),
        ("nk-ceasefire-2020", "date", "2020-11-09"),
        ("rus-peacekeepers-nk-2020", "date", "2020-11-10"),
        ("arm-recalls-csto-rep-2023", "date", "2023-09-06"),
        ("arm-renounces-csto-post-2023", "date", "2023-03-10"),
        ("kaz-humanitarian-aid-ukr-2022", "date", "2022-03-14"),
        ("kaz-rejects-dpr-lpr-2022", "date", "2022-06-17"),
        ("kaz-rejects-annexation-2022", "date", "2022-09-26"),
        ("eu-kaz-epca-2020", "date", "2020-03-01"),
    ],
)
def test_corrected_and_added_event_dates(event: str, field: str, value: str) -> None:
    assert EVENTS.loc[event, field] == pd.Timestamp(value)
    assert EVENTS.loc[event, "date_precision"] == "day"


def test_the_sources_of_the_corrected_dates() -> None:
    sources = analysis.load("sources").set_index("id")
    assert EVENTS.loc["lachin-blockade-2022", "source_id"] == "wp-blockade-nk"
    assert "30 September 2023" in sources.loc["wp-blockade-nk", "note"]
    post = sources.loc[EVENTS.loc["arm-renounces-csto-post-2023", "source_id"]]
    assert "MFA" in post["publisher"]
    recall = sources.loc[EVENTS.loc["arm-recalls-csto-rep-2023", "source_id"]]
    assert recall["date_published"] == "2023-09-06"
    assert (
        "Rossiyskaya Gazeta could not be opened" in EVENTS.loc["arm-recalls-csto-rep-2023", "note"]
    )
    ceasefire = sources.loc[EVENTS.loc["nk-ceasefire-2020", "source_id"]]
    assert "10 November 2020" in ceasefire["note"]
    assert "1,960" in ceasefire["note"]


def test_the_ceasefire_was_signed_by_russia_armenia_and_azerbaijan() -> None:
    assert _actors("nk-ceasefire-2020") == {"RUS", "ARM", "AZE"}
    assert "2020-11-09" in EVENTS.loc["nk-war-2020", "note"]


def test_the_january_2022_force_had_five_contingents_and_kazakhstan_asked_for_it() -> None:
    assert _actors("csto-force-kaz-2022") == {"CSTO", "RUS", "BLR", "ARM", "TJK", "KGZ"}
    assert _actors("kaz-csto-appeal-2022") == {"KAZ", "CSTO"}
    force = EVENTS.loc["csto-force-kaz-2022"]
    assert (force["date"], force["end_date"]) == (
        pd.Timestamp("2022-01-06"), pd.Timestamp("2022-01-19")
    )  # fmt: skip
    assert "Kazakhstan, the host, sent none" in force["note"]


@pytest.mark.parametrize(
    ("event", "words", "actors"),
    [
        ("kaz-rejects-annexation-2022", "rejected Russia’s attempted territorial gains",
         {"KAZ", "RUS", "UKR"}),
        ("eu-kaz-epca-2020", "Enhanced Partnership and Cooperation Agreement", {"EU", "KAZ"}),
        ("rus-peacekeepers-nk-2020", "sent a peacekeeping force", {"RUS", "ARM", "AZE"}),
        ("nk-ceasefire-2020", "broker a ceasefire", {"RUS", "ARM", "AZE"}),
        ("ussr-dissolves-1991", "the Soviet Union collapsed in 1991", {"RUS", "KAZ"}),
    ],
)  # fmt: skip
def test_missing_events_are_added_with_the_articles_words_and_actors(
    event: str, words: str, actors: set[str]
) -> None:
    quote = EVENTS.loc[event, "quote"]
    assert words in quote
    assert quote_in(quote, analysis.seed_text())
    assert _actors(event) == actors


def test_the_peacekeeping_force_numbers_about_1960() -> None:
    assert "1960" in EVENTS.loc["rus-peacekeepers-nk-2020", "note"]


def test_1989_shares_are_checked_on_both_population_bases() -> None:
    census = analysis.load("census")
    assert set(census.loc[census["year"] == 1989, "basis"]) == {"de facto"}
    total = census.loc[(census["year"] == 1989) & (census["group"] == "Total"), "count"]
    assert int(total.iloc[0]) == 16_464_464
    checked = analysis.fact_check()
    verdicts = {
        (row.claim, row.basis): (row.verdict, row.primary, round(row.reference, 1))
        for row in checked.loc[checked["claim"].str.startswith("kaz-")].itertuples()
        if row.claim.endswith("-share-1991")
    }
    assert verdicts == {
        ("kaz-russians-share-1991", "de facto population"): ("close", True, 37.8),
        ("kaz-russians-share-1991", "permanent population"): ("consistent", False, 37.4),
        ("kaz-kazakhs-share-1991", "de facto population"): ("consistent", True, 39.7),
        ("kaz-kazakhs-share-1991", "permanent population"): ("close", False, 40.1),
    }
    assert claim_rows(checked)["claim"].is_unique
