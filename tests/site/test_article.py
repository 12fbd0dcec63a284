"""The annotated article marks every claim and event in place, escapes data, and is stable."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import analysis
from analysis.facts.factcheck import VERDICTS, claim_rows
from analysis.presentation.formatting import format_date, format_stated
from analysis.presentation.theme import verdict_label
from analysis.site.article import SYMBOLS, VERDICT_COLOURS, format_difference, render_article
from tests.site.sitekit import foreign_scripts, mark_of


@pytest.fixture(scope="module")
def checked() -> pd.DataFrame:
    return analysis.fact_check()


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return analysis.load("events")


@pytest.fixture(scope="module")
def page(checked: pd.DataFrame, events: pd.DataFrame) -> str:
    links = {"kaz-russians-share-1991": [("Demographics", "01_demographics/01_demographics.html")]}
    return render_article(
        checked=checked,
        events=events,
        seed=analysis.seed_text(),
        links=links,
        sentences=analysis.load("sentences"),
    )


@pytest.fixture(scope="module")
def soup(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def _claims(*rows: dict[str, Any]) -> pd.DataFrame:
    """A frame shaped like `fact_check()`'s from a few rows (missing fields empty)."""
    columns = [
        "claim", "verdict", "value", "comparator", "subject", "indicator", "quote", "source",
        "source_url", "reference_date", "note", "unit", "reference", "difference",
    ]  # fmt: skip
    base = {"comparator": "=", "subject": "KAZ", "indicator": "An indicator", "unit": "percent",
            "value": 10.0, "verdict": "unverified"}  # fmt: skip
    return pd.DataFrame([{**base, **row} for row in rows], columns=columns)


def _events(*rows: dict[str, Any]) -> pd.DataFrame:
    columns = [
        "id", "date", "date_precision", "end_date", "kind", "direction", "title", "quote",
        "date_source", "date_source_url", "note",
    ]  # fmt: skip
    base = {"date": pd.Timestamp("2022-01-05"), "date_precision": "day", "kind": "diplomacy",
            "direction": "neutral", "title": "An event", "date_source": "A source"}  # fmt: skip
    return pd.DataFrame([{**base, **row} for row in rows], columns=columns)


def test_every_claim_gets_a_mark_of_its_verdicts_class(
    soup: BeautifulSoup, checked: pd.DataFrame
) -> None:
    claims = claim_rows(checked)  # one mark per figure, on its primary basis
    for claim, verdict in zip(claims["claim"], claims["verdict"], strict=True):
        highlights = soup.select(f'.hl.v-{verdict}[data-ref="claim:{claim}"]')
        assert highlights, f"{claim}: no highlight of class v-{verdict}"
        mark = mark_of(soup, f"claim:{claim}")
        assert mark.get("tabindex") == "0"
        box = soup.select_one(f"#claim-{claim}")
        assert box is not None
        assert f"v-{verdict}" in box["class"]
        assert box.find_parent(class_="details").find_parent(class_="mark") is mark
        assert f"Verdict: {verdict_label(verdict)}" in box.get_text()


def test_every_event_gets_a_neutral_mark(soup: BeautifulSoup, events: pd.DataFrame) -> None:
    for event in events.loc[events["quote"].notna(), "id"]:  # the events the article cites
        assert soup.select(f'.hl.v-event[data-ref="event:{event}"]'), event
        box = soup.select_one(f"#event-{event}")
        assert box is not None
        assert "v-event" in box["class"]


def test_the_articles_text_is_kept_paragraph_by_paragraph(page: str) -> None:
    soup = BeautifulSoup(page, "html.parser")
    for extra in soup.select(".seed .details, .seed .sym"):
        extra.decompose()
    paragraphs = [p.get_text() for p in soup.select(".seed p.para")]
    assert paragraphs == [line for line in analysis.seed_text().splitlines() if line.strip()]


def test_details_give_value_reference_source_verdict_and_links(soup: BeautifulSoup) -> None:
    box = soup.select_one("#claim-kaz-russians-share-1991")
    text = " ".join(box.get_text(" ").split())
    assert "The article: 37%" in text
    census = analysis.load("census").set_index(["year", "group"]).loc[(1989, "Russians")]
    title = analysis.load("sources").set_index("id").loc[census["source_id"], "title"]
    assert f"Reference: 37.8% (12 January 1989), {' '.join(title.split())}" in text
    assert "+0.8 percentage points" in text
    assert "Verdict: nearly accurate" in text
    assert box.select_one('a[href="01_demographics/01_demographics.html"]').get_text() == (
        "Demographics"
    )
    kazakhs = " ".join(soup.select_one("#claim-kaz-kazakhs-share-1991").get_text(" ").split())
    assert "The article: under 40%" in kazakhs
    nagorno = soup.select_one("#claim-aze-nk-armenian-population")
    assert "about 120,000 people" in nagorno.get_text()
    source = nagorno.select_one('a[href^="https://en.wikipedia.org/"]')
    assert source is not None
    assert "Blockade of Nagorno-Karabakh" in source.get_text()
    unverified = soup.select_one("#claim-eu-share-kaz-fdi").get_text()
    assert "48%" in unverified
    assert "none found" in unverified


def test_overlapping_passages_share_one_mark_with_every_details_box(soup: BeautifulSoup) -> None:
    # "Thirty years later, a census showed" and "a census showed Kazakhs made up 70%..." cross.
    crossing = mark_of(soup, "claim:kaz-census-interval-years")
    assert "claim:kaz-kazakhs-share-2021" in crossing["data-refs"].split()
    # "the six-nation CSTO" lies inside the event's passage; identical passages coincide
    # (a statement may share the passage too).
    for outer, inner, shared in (
        ("event:kaz-csto-appeal-2022", "claim:csto-member-count",
         ["statement:kaz-appeal-answered-2022"]),
        ("event:kgz-cancels-exercise-2022", "claim:kgz-exercise-cancel-lead-days", []),
        ("claim:aze-nk-armenian-population", "event:lachin-blockade-2022",
         ["statement:nk-siege-starvation"]),
    ):  # fmt: skip
        mark = mark_of(soup, outer)
        assert inner in mark["data-refs"].split()
        boxes = [box["data-ref"] for box in mark.select(".details > .box")]
        assert sorted(boxes) == sorted([outer, inner, *shared])


def test_two_claims_on_one_passage_both_show() -> None:
    seed = "First paragraph.\nThe same 40% passage here.\n"
    claims = _claims(
        {"claim": "one", "quote": "same 40% passage", "verdict": "consistent", "value": 40.0},
        {"claim": "two", "quote": "same 40% passage", "verdict": "discrepant", "value": 40.0},
    )
    soup = BeautifulSoup(render_article(checked=claims, events=_events(), seed=seed, links={}),
                         "html.parser")  # fmt: skip
    marks = soup.select(".seed .mark")
    assert len(marks) == 1
    assert marks[0]["data-refs"].split() == ["claim:one", "claim:two"]
    assert [b["id"] for b in marks[0].select(".details > .box")] == ["claim-one", "claim-two"]
    assert marks[0].select(".hl.v-consistent")
    assert marks[0].select(".hl.v-discrepant")
    assert [s.get_text() for s in marks[0].select(":scope > .sym [aria-hidden]")] == ["✓", "✗"]


def test_data_strings_cannot_inject_markup() -> None:
    seed = "Intro.\nThey said <script>alert('x')</script> & left.\n"
    claims = _claims(
        {"claim": "evil", "quote": "<script>alert('x')</script>",
         "note": '<img src=x onerror="alert(1)">', "source": '"><b>bold</b>',
         "source_url": "javascript:alert(1)", "reference": 5.0, "difference": -5.0,
         "reference_date": pd.Timestamp("2020-01-01"), "indicator": "<i>ind</i>",
         "verdict": "discrepant"},
    )  # fmt: skip
    events = _events({"id": "e1", "quote": "& left", "title": "<script>t</script>",
                      "date_source_url": 'https://example.org/"onmouseover="x'})  # fmt: skip
    links = {"evil": [("<b>label</b>", "javascript:alert(2)"), ("ok", "a/b.html?x=1&y=<2>")]}
    page = render_article(checked=claims, events=events, seed=seed, links=links)
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all(["img", "i"])
    assert foreign_scripts(soup) == []
    assert soup.find("b", string="bold") is None
    assert "javascript:" not in page
    assert "&lt;script&gt;alert(" in page
    assert not any(
        tag.has_attr("onerror") or tag.has_attr("onmouseover") for tag in soup.find_all()
    )
    assert soup.select_one('a[href="a/b.html?x=1&y=<2>"]') is not None  # escaped, then parsed
    assert (
        soup.select_one(".seed .mark .hl.v-discrepant").get_text() == "<script>alert('x')</script>"
    )


def test_a_passage_not_in_the_text_is_listed_not_marked() -> None:
    claims = _claims({"claim": "lost", "quote": "words the article never says"})
    page = render_article(checked=claims, events=_events(), seed="Text.\n", links={})
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.select(".seed .mark")
    assert "passage not found in the text" in soup.select_one(".passages").get_text()


def test_a_passage_across_two_lines_is_marked_in_both_without_duplicate_ids() -> None:
    seed = "It ends here.\nAnd starts here.\n"
    claims = _claims({"claim": "split", "quote": "ends here. And starts"})
    soup = BeautifulSoup(render_article(checked=claims, events=_events(), seed=seed, links={}),
                         "html.parser")  # fmt: skip
    assert len(soup.select(".seed .mark")) == 2
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert ids.count("claim-split") == 1


def test_ids_are_unique_and_every_fragment_link_has_a_target(soup: BeautifulSoup) -> None:
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert [key for key, count in ids.items() if count > 1] == []
    for link in soup.select('a[href^="#"]'):
        assert link["href"][1:] in ids


def test_the_page_is_deterministic(checked: pd.DataFrame, events: pd.DataFrame, page: str) -> None:
    links = {"kaz-russians-share-1991": [("Demographics", "01_demographics/01_demographics.html")]}
    again = render_article(
        checked=checked,
        events=events,
        seed=analysis.seed_text(),
        links=links,
        sentences=analysis.load("sentences"),
    )
    assert again == page


def test_page_is_static_offline_and_links_home(soup: BeautifulSoup, page: str) -> None:
    assert soup.html["lang"] == "en"
    viewport = soup.select_one('meta[name="viewport"]')
    assert viewport["content"] == "width=device-width, initial-scale=1"
    assert not soup.find_all(["link", "iframe", "img"])
    assert foreign_scripts(soup) == []
    assert [s for s in soup.find_all("script") if not s.has_attr("type")]  # the static one
    assert not re.search(r"url\(|@import", page)
    assert soup.select_one('nav a[href="index.html"]') is not None
    custom = render_article(checked=_claims(), events=_events(), seed="x\n", links={},
                            home_href="../index.html")  # fmt: skip
    assert 'href="../index.html"' in custom


def test_the_legend_gives_every_verdict_with_its_second_cue(soup: BeautifulSoup) -> None:
    legend = soup.select_one(".legend")
    assert set(VERDICT_COLOURS) == set(VERDICTS)
    for kind in [*VERDICTS, "event"]:
        item = legend.select_one(f".hl.v-{kind}").find_parent("li")
        assert SYMBOLS[kind] in item.get_text()
    assert len(set(SYMBOLS.values())) == len(SYMBOLS)


@pytest.mark.parametrize(
    ("value", "comparator", "unit", "expected"),
    [
        (40.0, "<", "percent", "under 40%"),
        (37.0, "=", "percent", "37%"),
        (31e9, ">", "USD", "over $31bn"),
        (1e9, ">", "USD", "over $1bn"),
        (120_000.0, "~", "persons", "about 120,000 people"),
        (1.0, "=", "days", "1 day"),
        (29.8, "=", "years", "29.8 years"),
        (6.0, "=", "count", "6"),
    ],
)
def test_claims_are_stated_as_the_article_states_them(
    value: float, comparator: str, unit: str, expected: str
) -> None:
    assert format_stated(value, unit, comparator) == expected


def test_format_difference_and_date() -> None:
    assert format_difference(-10.0, "percent") == "−10 percentage points"
    assert format_difference(1000.0, "persons") == "+1,000 people"
    assert format_difference(0.0, "count") == "±0"
    day = pd.Timestamp("2020-09-27")
    assert format_date(day) == "27 September 2020"
    assert format_date(day, "month") == "September 2020"
    assert format_date(day, "year") == "2020"


def test_an_unknown_verdict_is_an_error() -> None:
    claims = _claims({"claim": "odd", "quote": "Text", "verdict": "maybe"})
    with pytest.raises(ValueError, match="unknown verdict 'maybe'"):
        render_article(checked=claims, events=_events(), seed="Text.\n", links={})


def test_every_statement_gets_a_mark_with_its_verdict_reason_and_source(
    soup: BeautifulSoup, checked: pd.DataFrame
) -> None:
    statements = checked.loc[checked["kind"] == "statement"]
    assert len(statements) >= 30
    for row in statements.itertuples():
        assert soup.select(f'.hl.v-{row.verdict}[data-ref="statement:{row.claim}"]'), row.claim
        box = soup.select_one(f"#statement-{row.claim}")
        assert f"v-{row.verdict}" in box["class"]
        text = " ".join(box.get_text(" ").split())
        assert " ".join(str(row.note).split()) in text
        assert f"Verdict: {verdict_label(row.verdict)}" in text
    euma = " ".join(
        soup.select_one("#statement-eu-mission-in-nagorno-karabakh").get_text(" ").split()
    )
    assert "Inaccurate" in euma
    source = analysis.load("sources").set_index("id").loc["council-pr-euma-2023", "url"]
    assert soup.select_one(f'#statement-eu-mission-in-nagorno-karabakh a[href="{source}"]')
    assert f"{len(statements)} statements" in soup.get_text()


def test_every_sentence_is_listed_with_its_class_and_its_checks_or_why_not(
    soup: BeautifulSoup,
) -> None:
    sentences = analysis.load("sentences")
    items = soup.select("#sentences li.sentence")
    assert len(items) == len(sentences)
    quotes = list(analysis.load("claims")["quote"]) + list(analysis.load("statements")["quote"])
    for item, row in zip(items, sentences.to_dict("records"), strict=True):
        assert item["id"] == f"sentence-{row['paragraph']}-{row['position']}"
        assert f"s-{row['class']}" in item["class"]
        text = " ".join(item.get_text(" ").split())
        assert " ".join(row["text"].split()) in text
        if any(quote in row["text"] for quote in quotes):
            assert "Checked by:" in text
        else:
            assert f"Not checked: {' '.join(str(row['reason']).split())}" in text
