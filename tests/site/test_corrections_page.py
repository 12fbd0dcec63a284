"""The corrections page lists every correction, newest first, and every page links it."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

import analysis
from analysis.data.loading import frame_of
from analysis.paths import DATA_DIR
from analysis.presentation.theme import verdict_label
from analysis.site.config import CORRECTIONS_PAGE
from analysis.site.corrections import write_corrections
from analysis.site.pages import write_site
from tests.site.browserkit import site_pages
from tests.site.sitekit import make_run


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _rows() -> list[dict[str, str]]:
    """The corrections table as its CSV holds it."""
    with (DATA_DIR / "corrections.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    run, record = make_run(tmp_path_factory.mktemp("corrections"))
    write_site(run, record)
    return run


def test_the_page_lists_every_row_of_the_table_with_what_why_and_verdicts(site: Path) -> None:
    soup = _soup(site / CORRECTIONS_PAGE)
    shown = soup.select("table#corrections tbody tr")
    rows = _rows()
    assert len(rows) > 0
    assert sorted(tr["id"] for tr in shown) == sorted(row["id"] for row in rows)
    for row in rows:
        text = " ".join(soup.find("tr", id=row["id"]).get_text(" ").split())
        for field in ("item_id", "item_kind", "field", "reason"):
            assert " ".join(row[field].split()) in text, (row["id"], field)
        for field in ("before", "after"):
            assert " ".join((row[field] or "none").split()) in text, (row["id"], field)
        if row["verdict_before"] or row["verdict_after"]:
            before, after = (verdict_label(row[f"verdict_{s}"]) if row[f"verdict_{s}"] else "none"
                             for s in ("before", "after"))  # fmt: skip
            assert f"{before} → {after}" in text
        assert soup.find("tr", id=row["id"]).find("time")["datetime"] == row["date"]


def test_the_newest_correction_comes_first(site: Path) -> None:
    soup = _soup(site / CORRECTIONS_PAGE)
    dates = [time["datetime"] for time in soup.select("table#corrections tbody time")]
    assert dates == sorted(dates, reverse=True)


def test_each_claim_statement_or_event_corrected_links_its_details(site: Path) -> None:
    article = _soup(site / "article.html")
    links = _soup(site / CORRECTIONS_PAGE).select("table#corrections tbody a")
    linked = {a["href"] for a in links}
    for row in _rows():
        if row["item_kind"] in ("claim", "statement", "event"):
            href = f"article.html#{row['item_kind']}-{row['item_id']}"
            assert href in linked
            assert article.find(id=href.split("#")[1]) is not None, href


def test_the_page_links_the_table_as_data(site: Path) -> None:
    soup = _soup(site / CORRECTIONS_PAGE)
    assert soup.select_one('main a[href="data/corrections.csv"]') is not None
    assert (site / "data" / "corrections.csv").is_file()


@pytest.mark.parametrize("name", ["index.html", "article.html", "changes.html", CORRECTIONS_PAGE])
def test_every_page_of_the_site_links_the_corrections_from_its_footer(
    site: Path, name: str
) -> None:
    footer = _soup(site / name).select_one("footer.site")
    assert footer.find("a", href=CORRECTIONS_PAGE, string="Corrections") is not None


def test_a_notebook_page_links_the_corrections_beside_the_landing_page(tmp_path: Path) -> None:
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    from analysis.builder.render import render_html
    from analysis.cli import project_config

    source = tmp_path / "nb.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# A page")]), source)
    config = project_config()
    for home, expected in (("../index.html", "../corrections.html"),
                           ("../../index.html", "../../corrections.html")):  # fmt: skip
        target = tmp_path / "page.html"
        render_html(source, target, template_dirs=config.template_dirs,
                    template_name=config.page_template, home_href=home)  # fmt: skip
        footer = _soup(target).select_one("footer.site")
        assert footer.find("a", href=expected, string="Corrections") is not None


def test_text_in_a_correction_stays_text(tmp_path: Path) -> None:
    row: dict[str, Any] = {
        "id": "x", "date": "2026-12-03", "item_id": "<b>id</b>", "item_kind": "source",
        "field": "<i>url</i>", "before": "<script>alert(1)</script>", "after": "&amp;",
        "reason": "<img src=x onerror=alert(2)>", "verdict_before": None, "verdict_after": None,
    }  # fmt: skip
    path = write_corrections(tmp_path, frame_of("corrections", [row]))
    soup = _soup(path)
    assert soup.find("script") is None
    assert soup.select("main img, main b, main i") == []
    text = soup.find("tr", id="x").get_text()
    for value in ("<script>alert(1)</script>", "&amp;", "<img src=x onerror=alert(2)>"):
        assert value in text
    assert "unchanged" in text


def test_an_empty_table_says_there_is_no_correction(tmp_path: Path) -> None:
    empty = analysis.load("corrections").head(0)
    text = _soup(write_corrections(tmp_path, empty)).get_text()
    assert "No correction has been made." in text


@pytest.mark.slow
def test_every_built_page_links_the_corrections(default_run: Path, sweep_run: Path) -> None:
    for run in (default_run, sweep_run):
        assert (run / CORRECTIONS_PAGE).is_file()
        for name in [*site_pages(run), "changes.html"]:
            footer = _soup(run / name).select_one("footer.site")
            links = [a for a in footer.find_all("a", string="Corrections")]
            assert len(links) == 1, (run.name, name)
            target = (run / name).parent / links[0]["href"]
            assert target.resolve() == (run / CORRECTIONS_PAGE).resolve(), (run.name, name)
