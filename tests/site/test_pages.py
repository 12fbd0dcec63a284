"""The run's site: landing page, annotated article and data, static, offline and stable."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

import analysis
from analysis.paths import DATA_DIR
from analysis.site.links import article_links
from analysis.site.notebooks import notebook_cards
from analysis.site.pages import write_site
from tests.conftest import heavy_imports
from tests.site.sitekit import CLAIM, EVENT, Elements, foreign_scripts, make_run

PAGES = ("index.html", "article.html", "corrections.html", "provenance.html")


@pytest.fixture
def run(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    return make_run(tmp_path)


@pytest.fixture
def site(run: tuple[Path, dict[str, Any]]) -> Path:
    run_dir, manifest = run
    write_site(run_dir, manifest)
    return run_dir


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_write_site_writes_pages_changes_and_data_and_returns_them_sorted(
    run: tuple[Path, dict[str, Any]],
) -> None:
    run_dir, manifest = run
    written = write_site(run_dir, manifest)
    assert written == sorted(written)
    tables = sorted(r["path"] for r in json.loads((DATA_DIR / "datapackage.json").read_text())[
        "resources"])  # fmt: skip
    pages = ["article.html", "changes.html", "changes.json", "corrections.html", "index.html",
             "provenance.html"]  # fmt: skip
    expected = [run_dir / name for name in pages] + [
        run_dir / "data" / name for name in [*tables, "datapackage.json"]
    ]
    assert sorted(written) == sorted(expected)
    for name in [*tables, "datapackage.json"]:
        assert (run_dir / "data" / name).read_bytes() == (DATA_DIR / name).read_bytes()


def test_pages_are_byte_identical_between_runs_in_other_folders(tmp_path: Path) -> None:
    first, record = make_run(tmp_path / "a")
    second, other = make_run(tmp_path / "b")
    write_site(first, record)
    write_site(second, other)
    for name in PAGES:
        text = (first / name).read_bytes()
        assert text == (second / name).read_bytes(), name
        assert str(tmp_path).encode() not in text


@pytest.mark.slow
def test_the_fixture_record_has_the_keys_the_build_writes(
    default_run: Path, run: tuple[Path, dict[str, Any]]
) -> None:
    built = json.loads((default_run / "manifest.json").read_text(encoding="utf-8"))["build"]
    _, record = run
    assert set(record) == set(built) - {"outputs"}  # outputs are hashed after the site
    assert {key for entry in record["notebooks"] for key in entry} == {
        key for entry in built["notebooks"] for key in entry
    }
    assert set(record["git"]) == set(built["git"])
    assert set(record["package"]) == set(built["package"])


def test_the_landing_page_opens_with_the_briefs_first_paragraph_converted_and_escaped(
    site: Path,
) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    brief = soup.select_one("#brief")
    assert brief is not None
    assert brief.find("h2").get_text() == "The brief"
    assert brief.find("strong").get_text() == "Alliance cohesion."
    assert brief.find("table") is None  # the rest of the brief is on its page, linked
    assert brief.select_one('a[href="00_brief/00_brief.html"]') is not None
    # Links written relative to the brief's folder now work from the landing page.
    assert brief.select_one('a[href="01_demo/01_demo.html"]') is not None
    assert brief.select_one('a[href="00_brief/figures/brief.png"]') is not None
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    assert page.index('id="brief"') < page.index('id="reports"') < page.index('id="changes"')
    assert page.index('id="changes"') < page.index('id="article"') < page.index('id="data"')
    assert page.index('id="data"') < page.index('id="provenance"')


def test_the_briefs_opening_skips_headings_and_links_its_anchors_on_the_briefs_page(
    tmp_path: Path,
) -> None:
    brief = (
        "## Findings\n\nThe opening [\\[1\\]](#Sources).\n\nMore.\n\n## Sources\n\n1. A source.\n"
    )
    run_dir, record = make_run(tmp_path, brief=brief)
    write_site(run_dir, record)
    section = _soup(run_dir / "index.html").select_one("#brief")
    assert section.find("p").get_text() == "The opening [1]."
    assert section.select_one('a[href="00_brief/00_brief.html#Sources"]') is not None
    assert "More." not in section.get_text()
    assert section.find(["h3", "ol"]) is None


def test_a_card_per_notebook_with_title_summary_thumbnail_parameters_and_link(
    site: Path,
) -> None:
    soup = _soup(site / "index.html")
    cards = soup.select("#reports .card")
    assert [card.select_one("code:last-of-type").get_text() for card in cards] == [
        "00_brief", "01_demo", "04_fact_check",
    ]  # fmt: skip
    demo = cards[1]
    assert demo.find("h3").get_text() == "Demo report: shares"
    assert demo.select_one('h3 a[href="01_demo/01_demo.html"]') is not None
    assert "The summary of the demo. second line." in demo.get_text()
    assert "More." not in demo.get_text()
    image = demo.find("img")
    assert image["src"] == "01_demo/figures/demo-chart.png"  # the first PNG output's file
    assert image["alt"] == "Bar chart of <b>demo</b> shares"
    parameters = {dt.get_text(): dt.find_next("dd").get_text() for dt in demo.select("dt")}
    assert parameters == {"groups": '["Kazakhs", "<Russians>"]', "start_year": "1989"}
    assert cards[2].find("img") is None  # the fact check has no chart output


def test_the_landing_page_offers_the_data_and_links_the_provenance(site: Path) -> None:
    soup = _soup(site / "index.html")
    data = soup.select_one("#data")
    hrefs = {a["href"] for a in data.find_all("a")}
    assert "data/datapackage.json" in hrefs
    assert {f"data/{name}.csv" for name in analysis.tables()} <= hrefs
    assert data.find("caption") is not None
    assert {th["scope"] for th in data.find_all("th")} == {"col", "row"}
    provenance = soup.select_one("#provenance")
    text = " ".join(provenance.get_text().split())
    assert "commit 0123456789abcdef0123456789abcdef01234567" in text
    assert "uncommitted" not in text
    assert "csto-analysis 0.1.0" in text
    assert "Python 3.11.2" in text
    assert provenance.select_one('a[href="provenance.html"]') is not None
    assert provenance.find("table") is None  # the inputs and versions are on their own page
    assert "a" * 64 not in soup.get_text()
    assert soup.select_one('#article a[href="article.html"]') is not None


def test_article_links_scan_figure_csvs_and_add_the_fact_check(
    run: tuple[Path, dict[str, Any]],
) -> None:
    run_dir, manifest = run
    cards = notebook_cards(run_dir, manifest)
    claims = list(analysis.fact_check()["claim"])
    links = article_links(run_dir, cards, claims, list(analysis.load("events")["id"]))
    demo = [
        ("Demo report: shares", "01_demo/01_demo.html"),
        ("Demo report: shares: chart “demo-chart”", "01_demo/figures/demo-chart.png"),
    ]
    fact_check = ("Fact check", "04_fact_check/04_fact_check.html")
    assert links[CLAIM] == [*demo, fact_check]
    assert links[EVENT] == demo
    for claim in claims:
        assert fact_check in links[claim]
    assert "consistent" not in links  # words in a CSV are not ids


def test_the_article_links_each_claim_to_its_pages_and_charts(site: Path) -> None:
    soup = _soup(site / "article.html")
    box = soup.select_one(f"#claim-{CLAIM}")
    hrefs = [a["href"] for a in box.find_all("a")]
    assert "01_demo/figures/demo-chart.png" in hrefs
    assert "04_fact_check/04_fact_check.html" in hrefs
    assert soup.select_one('header nav a[href="index.html"]') is not None


@pytest.mark.parametrize("name", PAGES)
def test_pages_share_the_skip_link_header_and_footer(site: Path, name: str) -> None:
    soup = _soup(site / name)
    first = soup.body.find("a")
    assert first["href"] == "#main"
    assert soup.select_one("main#main") is not None
    assert soup.select_one("header.site") is not None
    assert soup.select_one("footer.site") is not None


@pytest.mark.parametrize("name", PAGES)
def test_pages_fetch_nothing_from_the_network(site: Path, name: str) -> None:
    page = (site / name).read_text(encoding="utf-8")
    elements = Elements(page)
    assert not [tag for tag, _ in elements.tags if tag in ("iframe", "object")]
    assert foreign_scripts(BeautifulSoup(page, "html.parser")) == []
    for tag, attribute, url in elements.urls():
        if tag != "a":  # img src, link href and the like load by themselves
            assert not urlsplit(url).scheme, (tag, attribute, url)
    assert "@import" not in page
    assert "url(" not in page


@pytest.mark.parametrize("name", PAGES)
def test_every_relative_link_resolves_to_a_file(site: Path, name: str) -> None:
    page = (site / name).read_text(encoding="utf-8")
    elements = Elements(page)
    for _, _, url in elements.urls():
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            continue
        assert not parts.scheme, url
        if not parts.path:
            assert parts.fragment in elements.ids, url
            continue
        assert not parts.path.startswith("/"), url
        assert (site / unquote(parts.path)).is_file(), url


@pytest.mark.parametrize("name", PAGES)
def test_pages_are_mobile_ready_and_images_have_alt_text(site: Path, name: str) -> None:
    soup = _soup(site / name)
    assert soup.html["lang"] == "en"
    viewport = soup.select_one('meta[name="viewport"]')
    assert viewport["content"] == "width=device-width, initial-scale=1"
    assert soup.find("style") is not None
    for image in soup.find_all("img"):
        assert image.get("alt", "").strip(), image
    if name != "index.html":
        assert soup.select_one('a[href="index.html"]') is not None


def test_a_run_without_the_brief_and_outside_git_still_gets_a_site(
    run: tuple[Path, dict[str, Any]],
) -> None:
    run_dir, record = run
    record["notebooks"] = [nb for nb in record["notebooks"] if nb["name"] != "00_brief"]
    record["git"] = {"commit": None, "dirty": None}
    written = write_site(run_dir, record)
    assert run_dir / "index.html" in written
    text = _soup(run_dir / "index.html").get_text()
    assert "This run has no brief" in text
    assert "not from a git checkout" in text


def test_the_site_module_brings_its_libraries_so_the_build_can_load_them_ahead() -> None:
    # The build loads its write-site hook while the kernel template imports the stack
    # (build/running.py), so the site's libraries are imported then, not at the build's end.
    assert "pandas" in heavy_imports("import analysis.site.pages")


def test_the_warm_up_compiles_every_site_template_ahead() -> None:
    from analysis.site.pages import warm_up
    from analysis.site.templating import TEMPLATES_DIR, environment

    warm_up()
    cached = {template.name for template in environment(TEMPLATES_DIR).cache.values()}
    pages = {p.relative_to(TEMPLATES_DIR).as_posix() for p in TEMPLATES_DIR.rglob("*.html.j2")}
    layout = {path.name for path in (TEMPLATES_DIR / "layout").glob("*.html.j2")}
    expected = {name for name in pages if name.split("/")[0] not in ("layout", "csto_page")}
    assert expected | layout <= cached
    assert "chrome.html.j2" in layout


def test_the_warm_up_makes_the_sites_fact_checks_and_changes_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import analysis.site.pages as pages
    from tests.runkit import RUSSIANS_2021_AS_18_PERCENT, set_cell
    from tests.runkit import make_run as make_previous

    previous = make_previous(tmp_path / "runs", "run-1")  # a verdict has flipped since
    set_cell(previous, "census", {"year": "2021", "group": "Russians"}, "count",
             RUSSIANS_2021_AS_18_PERCENT)  # fmt: skip
    checks: list[Any] = []

    @functools.wraps(pages.fact_check)
    def counted(*args: Any, **kwargs: Any) -> Any:
        checks.append(kwargs)
        return real(*args, **kwargs)

    real = pages.fact_check
    monkeypatch.setattr(pages, "fact_check", counted)
    sites, made = [], []
    for warm in (False, True):
        run, manifest = make_run(tmp_path / f"warm-{warm}")
        if warm:
            pages.warm_up(previous)
        made.append(len(checks))
        write_site(run, manifest, previous=previous)
        made.append(len(checks))
        sites.append({path.relative_to(run).as_posix(): path.read_bytes()
                      for path in sorted(run.rglob("*")) if path.is_file()})  # fmt: skip
    assert sites[0] == sites[1]
    assert json.loads(sites[1]["changes.json"])["verdicts"], "the change report has the flip"
    cold, warmed = made[1] - made[0], made[3] - made[2]
    assert (cold, warmed) == (2, 0), "the warm-up made both checks the site shows"
