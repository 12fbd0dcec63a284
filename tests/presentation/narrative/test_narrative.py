"""Sentences are made from the data: their numbers are the frame's, and change when the data do."""

from __future__ import annotations

import re

import pytest

import analysis
from analysis.facts.factcheck import claim_rows
from analysis.presentation import formatting, narrative
from analysis.presentation.theme import verdict_label

MINUS = formatting.MINUS


def _number(text: str) -> float:
    return float(text.replace(MINUS, "-").replace(",", "").replace("+", ""))


def test_demographic_shift_numbers_are_the_frames() -> None:
    sentence = analysis.demographic_shift()
    change = analysis.share_change()
    found = re.findall(r"(\w+) (rose|fell) from ([\d.]+)% to ([\d.]+)% \(([^)]+) pp\)", sentence)
    found = [(row[0], *row[2:]) for row in found]
    assert len(found) == len(change) == 2
    for (_, start, end, points), row in zip(found, change.itertuples(), strict=True):
        assert float(start) == round(row.start_share, 1)
        assert float(end) == round(row.end_share, 1)
        assert _number(points) == round(row.change_pp, 1)
    assert "Between the 1989 and 2021 censuses" in sentence
    assert sentence.index("Kazakhs") < sentence.index("Russians")


def test_demographic_shift_follows_the_frame() -> None:
    change = analysis.share_change(["Russians"])
    before = narrative.shift_sentence(change)
    after = narrative.shift_sentence(change.assign(end_share=18.24, change_pp=18.24 - 37.82))
    assert after != before
    assert f"to 18.2% ({MINUS}19.6 pp)" in after


def test_one_census_in_range_reports_its_shares() -> None:
    sentence = analysis.demographic_shift(start_year=2005, end_year=2015)
    shares = analysis.census_series(start_year=2005, end_year=2015)
    assert "Only the 2009 census" in sentence
    for share in shares["share"]:
        assert analysis.format_percent(share) in sentence


def test_demographic_claims_cite_census_and_verdict() -> None:
    text = analysis.demographic_claims()
    claims = analysis.article_share_claims()
    lines = text.splitlines()
    assert len(lines) == len(claims)
    for line, row in zip(lines, claims.itertuples(), strict=True):
        assert analysis.format_percent(row.reference) in line
        assert f"**{verdict_label(row.verdict)}**" in line
        assert f"the {row.census_year} census" in line


def test_share_change_table_numbers_are_the_frames() -> None:
    table = analysis.share_change_table()
    change = analysis.share_change()
    rows = [line for line in table.splitlines()[2:]]
    for line, row in zip(rows, change.itertuples(), strict=True):
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert cells[0] == row.group
        assert float(cells[1].rstrip("%")) == round(row.start_share, 1)
        assert float(cells[2].rstrip("%")) == round(row.end_share, 1)
        assert _number(cells[3].removesuffix(" pp")) == round(row.change_pp, 1)


def test_engagement_figures_cite_values_and_verdicts() -> None:
    text = analysis.engagement_figures(["EU"])
    claims = analysis.engagement_claims(["EU"])
    for row in claims.itertuples():
        assert analysis.markdown_text(row.indicator) in text
        assert f"**{verdict_label(row.verdict)}**" in text
    assert "the reference gives 30.0%" in text
    assert "United States" not in text


def test_engagement_figures_follow_the_references() -> None:
    claims = analysis.engagement_claims(["EU"])
    trade = claims["claim"] == "eu-share-kaz-trade"
    claims.loc[trade, "reference"] = 41.0
    claims.loc[trade, "verdict"] = "close"
    text = narrative.engagement_list(claims)
    assert "the reference gives 41.0%" in text
    assert "≈ **nearly accurate**" in text


def test_distancing_summary_counts_are_the_frames() -> None:
    sentence = analysis.distancing_summary()
    counts = analysis.distancing_counts().set_index("member_name")["events"]
    found = dict(re.findall(r"([A-Z][a-z]+) (\d+)\b", sentence.split(":", 1)[1]))
    assert {name: int(n) for name, n in found.items()} == counts.to_dict()
    total = int(re.search(r"in (\d+) events? of distancing", sentence).group(1))
    assert total == counts.sum()


def test_distancing_summary_follows_the_counts() -> None:
    counts = analysis.distancing_counts()
    fewer = counts.assign(events=counts["events"].where(counts["member"] != "ARM", 2))
    sentence = narrative.distancing_sentence(fewer)
    assert "Armenia 2" in sentence
    assert f"in {int(fewer['events'].sum())} events of distancing" in sentence


def test_distancing_summary_for_chosen_members_and_dates() -> None:
    sentence = analysis.distancing_summary(as_of="2022-12-31", members=["ARM", "KGZ"])
    assert sentence.startswith("From 1 January 2020 to 31 December 2022, Armenia and Kyrgyzstan")
    assert "Kyrgyzstan 1 and Armenia 0" in sentence


def test_verdict_summary_counts_are_the_frames() -> None:
    sentence = analysis.verdict_summary()
    counts = analysis.verdict_counts().set_index("verdict")["claims"]
    found = {label: int(n) for n, label in re.findall(r"(\d+) \S \*\*([\w ]+)\*\*", sentence)}
    assert found == {verdict_label(v): int(n) for v, n in counts.items()}
    assert f"Of the article's {counts.sum()} quantitative claims" in sentence
    assert "within 1.0 pp" in analysis.verdict_summary(1.0)
    assert "within 2.5 pp" in analysis.verdict_summary(2.5)


def test_fact_check_table_has_a_row_per_claim_with_its_verdict() -> None:
    table = analysis.fact_check_table().splitlines()
    checked = claim_rows(analysis.fact_check())
    assert len(table) == 2 + len(checked)
    for line, row in zip(table[2:], checked.itertuples(), strict=True):
        assert f"**{verdict_label(row.verdict)}**" in line
        assert line.count("|") == 6


BRIEFS = {
    "alliance_cohesion": analysis.brief_alliance_cohesion,
    "demographics": analysis.brief_demographics,
    "western_weight": analysis.brief_western_weight,
    "armenia": analysis.brief_armenia,
}


@pytest.mark.parametrize("strand", sorted(BRIEFS))
def test_each_brief_cites_its_claims_with_their_verdicts(strand: str) -> None:
    paragraph = BRIEFS[strand]()
    checked = claim_rows(analysis.fact_check())
    strands = analysis.load("claims").set_index("id")["strand"]
    mine = checked.loc[checked["claim"].map(strands) == strand]
    assert not mine.empty
    for row in mine.itertuples():
        assert f"“{analysis.markdown_text(row.quote)}”" in paragraph
        assert f"{analysis.format_verdict(row.verdict)}" in paragraph
    assert "\n" not in paragraph


def test_a_strand_gives_its_claims_in_the_articles_order() -> None:
    seed = " ".join(analysis.seed_text().split())
    for strand, claims in narrative.strand_claims(
        analysis.fact_check(), analysis.dataset()
    ).items():
        places = [seed.index(" ".join(claim["quote"].split())) for claim in claims]
        assert places == sorted(places), strand


def test_every_strand_of_the_data_has_its_paragraph_in_the_brief() -> None:
    from analysis.presentation.narrative.brief import brief_sections

    strands = analysis.load("strands")
    sections = brief_sections()
    assert set(analysis.load("claims")["strand"]) <= set(strands["id"])
    for row in strands.itertuples():
        assert sections[row.id].startswith(f"**{analysis.markdown_text(row.title)}.**")
    assert list(sections)[1 : 1 + len(strands)] == list(strands["id"])


def test_the_brief_states_no_sentence_twice() -> None:
    sentences = [
        sentence
        for section in analysis.brief().split("\n")
        for sentence in re.split(r"(?<=[.)]) (?=[A-Z“])", section)
        if len(sentence.split()) > 3
    ]
    assert len(sentences) == len(set(sentences))


def test_a_figure_the_opening_gives_is_not_given_again_in_its_strand() -> None:
    from analysis.presentation.narrative.brief import brief_sections

    sections = brief_sections()
    checked = claim_rows(analysis.fact_check())
    wrong = checked.loc[checked["verdict"].astype(str) == "discrepant"]
    strands = analysis.load("claims").set_index("id")["strand"]
    for row in wrong.itertuples():
        reference = analysis.markdown_text(analysis.format_value(row.reference, row.unit))
        assert reference in sections["findings"]
        assert f"gives {reference}" not in sections[strands[row.claim]]


def test_brief_demographics_carries_the_census_change_with_numbered_sources() -> None:
    sentence = analysis.demographic_shift(["Kazakhs", "Russians"])
    assert sentence.split(" Sources: ")[0].rstrip(".") in analysis.brief_demographics()


def test_brief_armenia_lists_its_distancing_events_with_dates() -> None:
    paragraph = analysis.brief_armenia()
    timeline = analysis.cohesion_events(members=["ARM"])
    for row in timeline.loc[timeline["direction"] == "distancing"].itertuples():
        title = analysis.markdown_text(row.title)
        assert f"{title} ({analysis.format_date(row.date, row.date_precision)})" in paragraph


def test_brief_follows_the_tolerance() -> None:
    assert "✗ **inaccurate**" in analysis.brief_demographics(1.0)
    assert "✗ **inaccurate**" not in analysis.brief_demographics(3.0)


def test_event_list_filters_by_direction() -> None:
    text = analysis.event_list(direction="distancing")
    assert "Western engagement" not in text
    assert (
        len(text.splitlines())
        == analysis.cohesion_events().query("direction == 'distancing'")["event"].nunique()
    )


def test_the_brief_opens_by_naming_the_wrong_figures_in_their_words_largest_error_first() -> None:
    from analysis.facts.factcheck import claim_rows

    opening = analysis.brief_findings()
    checked = analysis.fact_check()
    figures = claim_rows(checked)
    wrong = checked.loc[(checked["verdict"] == "discrepant") & checked["primary"].astype(bool)]
    assert not wrong.empty
    for row in wrong.itertuples():
        assert f"“{analysis.markdown_text(row.quote)}”" in opening, row.claim
    wrong_figures = figures.loc[figures["verdict"] == "discrepant"]
    sized = sorted(
        (abs(row.difference) / abs(row.value), opening.index(analysis.markdown_text(row.quote)))
        for row in wrong_figures.itertuples()
    )
    positions = [position for _, position in reversed(sized)]
    assert positions == sorted(positions)  # the largest relative error first
    assert opening.startswith(f"**In short.** Of the article's {len(figures)} figures")


def test_the_briefs_sources_are_numbered_references_not_inline_titles() -> None:
    from analysis.presentation.narrative.brief import brief_sections

    sections = brief_sections()
    checked = analysis.fact_check()
    titles = [str(t) for t in checked["source"].dropna().unique()]
    for name, text in sections.items():
        if name == "sources":
            continue
        for title in titles:
            assert f"({analysis.markdown_text(title)})" not in text, (name, title)
    assert "[\\[1\\]](#Sources)" in sections["findings"]
    assert sections["sources"].startswith("## Sources\n\n1. ")
