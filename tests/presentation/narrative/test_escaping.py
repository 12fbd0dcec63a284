"""Nothing the data says becomes markup: hostile text in a frame leaves the narrative inert."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from markdown_it import MarkdownIt

import analysis
from analysis.facts.factcheck import claim_rows
from analysis.presentation import narrative

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "![i](https://example.org/t.png)",
]


def _rendered(markdown: str) -> str:
    """The Markdown as HTML, the way CommonMark renderers (JupyterLab, nbconvert) read it."""
    return MarkdownIt("commonmark").enable("table").render(markdown)


def _assert_inert(markdown: str, hostile: str) -> None:
    page = re.sub(r'<a href="#Sources">\[\d+\]</a>', "", _rendered(markdown))  # citations
    assert "<script" not in page
    assert "<img" not in page
    assert "<a " not in page
    assert html.escape(hostile, quote=False) in page  # shown as the text it is


@pytest.mark.parametrize("hostile", HOSTILE)
def test_claims_table_and_sentences_escape_every_text_field(hostile: str) -> None:
    checked = analysis.fact_check().head(3)
    for column in ("indicator", "quote", "source"):
        checked[column] = checked[column].astype("string")
        checked[column] = hostile
    table = narrative.claims_table(checked)
    _assert_inert(table, hostile)
    figures = claim_rows(checked)  # the table gives a figure once, on its primary basis
    assert len(table.splitlines()) == 2 + len(figures)  # a pipe could not add a cell
    for row in checked.to_dict("records"):
        _assert_inert(narrative.claim_sentence(row), hostile)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_event_list_escapes_titles_quotes_and_member_names(hostile: str) -> None:
    timeline = analysis.cohesion_events(members=["ARM"])
    for column in ("title", "quote", "member_name"):
        timeline[column] = pd.Series(hostile, index=timeline.index, dtype="string")
    _assert_inert(narrative.events_markdown(timeline), hostile)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_census_and_engagement_strands_escape_their_text(hostile: str) -> None:
    change = analysis.share_change().assign(group=hostile, source=hostile)
    _assert_inert(narrative.shift_sentence(change), hostile)
    _assert_inert(narrative.change_table(change), hostile)
    claims = analysis.article_share_claims().assign(group=hostile, quote=hostile)
    _assert_inert(narrative.claims_list(claims), hostile)
    engaged = analysis.engagement_claims().assign(
        indicator=hostile, partner_name=hostile, note=hostile, quote=hostile
    )
    _assert_inert(narrative.engagement_list(engaged), hostile)
    counts = analysis.distancing_counts().assign(member_name=hostile)
    _assert_inert(narrative.distancing_sentence(counts), hostile)


def test_a_line_break_in_the_data_cannot_start_a_heading_or_a_list() -> None:
    change = analysis.share_change().assign(group="Kazakhs\n\n# Injected\n- item")
    page = _rendered(narrative.shift_sentence(change))
    assert "<h1>" not in page
    assert "<li>" not in page


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_briefs_opening_strands_and_sources_escape_their_text(hostile: str) -> None:
    checked = analysis.fact_check()
    for column in ("indicator", "quote", "source", "source_url", "note", "basis"):
        checked[column] = pd.Series(hostile, index=checked.index, dtype="string")
    citations = narrative.Citations()
    _assert_inert(narrative.findings_markdown(checked, citations), hostile)
    row = checked.loc[checked["verdict"] == "consistent"].iloc[0].to_dict()
    _assert_inert(narrative.claim_in_prose(row, citations), hostile)
    _assert_inert(citations.markdown(), hostile)
