"""The provenance page: every input the build record lists with its sha256, every package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from analysis.site.config import PROVENANCE_PAGE
from analysis.site.pages import write_site
from analysis.site.provenance import write_provenance
from tests.site.sitekit import make_run


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _rows(soup: BeautifulSoup, section: str) -> list[tuple[str, str]]:
    """(row header, cell) of each row of the table in `#section`, as the page shows them."""
    table = soup.select_one(f"#{section} table")
    return [
        (row.find("th").get_text(), row.find("td").get_text()) for row in table.select("tbody tr")
    ]


def test_the_provenance_page_holds_every_input_and_version_the_real_build_record_lists(
    tmp_path: Path,
) -> None:
    from analysis.builder.plan import build_record, plan_build
    from analysis.cli import project_config

    record = build_record(plan_build(project_config(), out=tmp_path / "reports"), tmp_path)
    soup = _soup(write_provenance(tmp_path, record))
    listed = {(str(item["path"]), str(item["sha256"])) for item in record["inputs"]}
    assert listed
    assert set(_rows(soup, "inputs")) == listed
    versions = {(name, str(version)) for name, version in record["package_versions"].items()}
    assert set(_rows(soup, "versions")) == versions


def test_the_provenance_tables_have_captions_and_headers_with_their_scope(tmp_path: Path) -> None:
    run_dir, record = make_run(tmp_path)
    soup = _soup(write_provenance(run_dir, record))
    for section in ("inputs", "versions"):
        table = soup.select_one(f"#{section} table")
        assert table.find("caption").get_text().strip()
        assert [th["scope"] for th in table.select("thead th")] == ["col", "col"]
        assert {th["scope"] for th in table.select("tbody th")} == {"row"}
        region = table.find_parent("div")
        assert (region["role"], region["tabindex"]) == ("region", "0")
        assert region["aria-label"]
    # Sorted by path and by package name, as the landing page listed them.
    assert [path for path, _ in _rows(soup, "inputs")] == sorted(
        str(item["path"]) for item in record["inputs"]
    )
    assert [name for name, _ in _rows(soup, "versions")] == sorted(record["package_versions"])
    text = " ".join(soup.get_text().split())
    assert "commit 0123456789abcdef0123456789abcdef01234567" in text
    assert "Package: csto-analysis 0.1.0" in text
    assert "Python 3.11.2" in text
    assert soup.select_one('#cite a[href="ro-crate-metadata.json"]') is not None


def test_the_site_writes_the_provenance_page_and_every_page_links_it(tmp_path: Path) -> None:
    run_dir, record = make_run(tmp_path)
    assert run_dir / PROVENANCE_PAGE in write_site(run_dir, record)
    landing = _soup(run_dir / "index.html")
    assert landing.select_one(f'#provenance a[href="{PROVENANCE_PAGE}"]') is not None
    for name in ("index.html", "article.html", "corrections.html", "changes.html", PROVENANCE_PAGE):
        footer = _soup(run_dir / name).select_one("footer.site")
        assert footer.find("a", href=PROVENANCE_PAGE) is not None, name
    page = _soup(run_dir / PROVENANCE_PAGE)
    assert page.select_one('header.site nav.home a[href="index.html"]') is not None


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", '"><img src=x onerror=alert(2)>'])
def test_hostile_text_in_the_record_stays_text_on_the_provenance_page(
    tmp_path: Path, hostile: str
) -> None:
    run_dir, record = make_run(tmp_path)
    changed: dict[str, Any] = dict(record)
    changed["inputs"] = [*record["inputs"], {"path": hostile, "sha256": hostile}]
    changed["package_versions"] = {**record["package_versions"], hostile: hostile}
    changed["git"] = {"commit": hostile, "dirty": True}
    page = write_provenance(run_dir, changed).read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None
    assert soup.find("img") is None
    assert (hostile, hostile) in _rows(soup, "inputs")
    assert "with uncommitted changes" in soup.get_text()
