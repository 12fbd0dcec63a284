"""The annotated article marks each forecast with its outcome, in words as well as colour."""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import analysis
from analysis.site.article import render_article
from analysis.site.forecasts import OUTCOME_CUES, Outcomes
from tests.site.sitekit import mark_of

THESIS_PAGE = "05_thesis/05_thesis.html"


def _page(outcomes: pd.DataFrame, page: str | None = THESIS_PAGE) -> BeautifulSoup:
    html = render_article(
        checked=analysis.fact_check(),
        events=analysis.load("events"),
        seed=analysis.seed_text(),
        links={},
        sentences=analysis.load("sentences"),
        outcomes=Outcomes(outcomes, page),
    )
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def outcomes() -> pd.DataFrame:
    return analysis.forecast_outcomes()


@pytest.fixture(scope="module")
def soup(outcomes: pd.DataFrame) -> BeautifulSoup:
    return _page(outcomes)


def test_each_forecast_is_marked_with_its_outcomes_symbol_and_label(
    soup: BeautifulSoup, outcomes: pd.DataFrame
) -> None:
    for row in outcomes.to_dict("records"):
        key = f"forecast:{row['paragraph']}-{row['position']}"
        mark = mark_of(soup, key)
        symbol = mark.select_one(f".sym.v-{row['outcome']}")
        assert symbol is not None, key
        assert OUTCOME_CUES[str(row["outcome"])].symbol in symbol.get_text()
        assert f"({row['label']})" in symbol.select_one(".vh").get_text()
        box = mark.select_one(f'.box[data-ref="{key}"]')
        assert box is not None
        assert str(row["prediction"]) in box.get_text()
        if not pd.isna(row["reason"]):
            assert str(row["event_title"]) in box.get_text()
        assert box.select_one(f'a[href="{THESIS_PAGE}"]') is not None


def test_the_ledger_gives_each_forecast_its_outcome_and_the_page_links_the_notebook(
    soup: BeautifulSoup, outcomes: pd.DataFrame
) -> None:
    for row in outcomes.to_dict("records"):
        line = soup.select_one(f"#sentence-{row['paragraph']}-{row['position']}")
        assert line is not None
        assert f"Outcome: {OUTCOME_CUES[str(row['outcome'])].symbol} {row['label']}" in " ".join(
            line.get_text().split()
        )
    intro = soup.select_one("#forecasts")
    assert intro is not None
    assert intro.select_one(f'a[href="{THESIS_PAGE}"]') is not None
    for label in outcomes.attrs["labels"].values():
        assert label in intro.get_text()


def test_as_of_before_any_step_every_forecast_is_marked_not_yet() -> None:
    frame = analysis.forecast_outcomes("2023-01-01")
    soup = _page(frame, page=None)
    for row in frame.to_dict("records"):
        mark = mark_of(soup, f"forecast:{row['paragraph']}-{row['position']}")
        assert mark.select_one(".sym.v-not_yet") is not None
    assert soup.select_one("#forecasts a") is None


def test_a_reason_with_markup_is_escaped(outcomes: pd.DataFrame) -> None:
    frame = outcomes.copy()
    frame["reason"] = frame["reason"].astype("object")
    frame.loc[0, "reason"] = "<script>alert(1)</script>"
    soup = _page(frame)
    assert soup.find("script", string="alert(1)") is None
    assert "<script>alert(1)</script>" in soup.get_text()
