"""The site's HTML comes from templates only: escaped data, one stylesheet for every page."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from bs4 import BeautifulSoup

import analysis
from analysis.paths import DATA_DIR, PROJECT_DIR
from analysis.site.article import render_article
from analysis.site.notebooks import notebook_cards
from analysis.site.pages import render_index, write_site
from analysis.site.templating import LAYOUT, STYLESHEET, TEMPLATES_DIR
from tests.site.sitekit import foreign_scripts, make_run

TAG = re.compile(r"(?<![?P])<[a-zA-Z/!]")
"""The start of an HTML tag, comment or doctype (not a regular expression's `(?<` or `(?P<`)."""

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(2)>',
    "[click](javascript:alert(3))",
    "![pic](javascript:alert(4))",
    "<a href='javascript:alert(5)'>link</a>",
]
"""Strings that would run, or add markup, if a page wrote them unescaped."""


def _html_strings(path: Path) -> list[tuple[int, str]]:
    """String constants that hold an HTML tag, except docstrings (bare string statements)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in bare and TAG.search(node.value)
    ]  # fmt: skip


def test_no_python_file_of_the_package_writes_html() -> None:
    found = {
        f"{path.relative_to(PROJECT_DIR)}:{line}": text[:60]
        for path in sorted((PROJECT_DIR / "analysis").rglob("*.py"))
        for line, text in _html_strings(path)
    }
    assert found == {}


def test_the_scan_finds_a_tag_in_code_but_not_in_a_docstring(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text('"""Writes <b>.</b>"""\nX = "<p>" + "text"\nY = r"(?<!a)(?P<n>b)"\n')
    assert _html_strings(module) == [(2, "<p>")]


def _claims(text: str, url: str) -> pd.DataFrame:
    row = {"claim": "evil", "verdict": "discrepant", "value": 5.0, "comparator": "=",
           "subject": text, "indicator": text, "quote": "the passage", "source": text,
           "source_url": url, "reference_date": pd.Timestamp("2020-01-01"), "note": text,
           "unit": "percent", "reference": 7.0, "difference": 2.0}  # fmt: skip
    return pd.DataFrame([row])


def _events(text: str, url: str) -> pd.DataFrame:
    row = {"id": "e1", "date": pd.Timestamp("2022-01-05"), "date_precision": "day",
           "end_date": None, "kind": text, "direction": text, "title": text,
           "quote": "the passage", "date_source": text, "date_source_url": url,
           "note": text}  # fmt: skip
    return pd.DataFrame([row])


def _assert_inert(page: str, hostile: str) -> None:
    """Nothing of `hostile` became markup: no script, handler, javascript: link or image."""
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find_all(["svg", "iframe", "object"]) == []
    assert foreign_scripts(soup) == []
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        for name in ("href", "src"):
            assert not str(tag.get(name, "")).strip().lower().startswith("javascript"), tag
    if "<img" in hostile:
        assert [img for img in soup.find_all("img") if img.get("src") == "x"] == []
    assert hostile.split("(")[0] in soup.get_text() or "click" in soup.get_text()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_in_the_data_come_out_escaped_in_the_article(hostile: str) -> None:
    links = {"evil": [(hostile, "javascript:alert(6)"), (hostile, "a.html")]}
    page = render_article(checked=_claims(hostile, "javascript:alert(7)"),
                          events=_events(hostile, hostile), seed="Text with the passage.\n",
                          links=links)  # fmt: skip
    _assert_inert(page, hostile)
    assert hostile in BeautifulSoup(page, "html.parser").get_text()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_in_the_run_and_the_data_come_out_escaped_on_the_landing_page(
    tmp_path: Path, hostile: str
) -> None:
    run_dir, record = make_run(tmp_path, brief=f"{hostile}\n\n**bold** {hostile}\n")
    notebook = run_dir / "01_demo" / "01_demo.ipynb"
    document = json.loads(notebook.read_text(encoding="utf-8"))
    document["cells"][0]["source"] = [f"# {hostile}\n", "\n", f"{hostile}\n"]
    document["cells"][1]["outputs"][1]["metadata"]["image/png"]["alt"] = hostile
    notebook.write_text(json.dumps(document), encoding="utf-8")
    record["notebooks"][1]["parameters"] = {hostile: hostile}
    record["inputs"].append({"path": hostile, "sha256": hostile})
    record["package_versions"][hostile] = hostile
    record["git"] = {"commit": hostile, "dirty": True}
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["title"] = hostile
    for resource in descriptor["resources"]:
        resource["title"] = resource["description"] = hostile
    (data / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    cards = notebook_cards(run_dir, record)
    page = render_index(run_dir, record, cards, [hostile, "close"], 1, data_dir=data)
    _assert_inert(page, hostile)
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("title").get_text() == hostile
    assert soup.select_one("#reports .card img")["alt"] == hostile


def _site(run_dir: Path, record: dict[str, Any], templates: Path) -> dict[str, str]:
    """The landing page and the article rendered with the templates in `templates`."""
    cards = notebook_cards(run_dir, record)
    checked, events = analysis.fact_check(), analysis.load("events")
    return {
        "index.html": render_index(run_dir, record, cards, list(checked["verdict"]), 3,
                                   templates=templates),
        "article.html": render_article(checked=checked, events=events,
                                       seed=analysis.seed_text(), links={},
                                       templates=templates),
    }  # fmt: skip


def test_editing_only_the_stylesheet_changes_every_site_page(tmp_path: Path) -> None:
    run_dir, record = make_run(tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    before = _site(run_dir, record, templates)
    rule = ".card h3 { letter-spacing: 0.01em; }\n"
    with (templates / LAYOUT / STYLESHEET).open("a", encoding="utf-8") as handle:
        handle.write(rule)
    after = _site(run_dir, record, templates)
    for name, page in after.items():
        assert page != before[name], name
        assert page.replace(rule, "") == before[name], name
        style = BeautifulSoup(page, "html.parser").find("style").get_text()
        assert style.strip() == (templates / LAYOUT / STYLESHEET).read_text().strip()


def test_the_written_pages_inline_the_one_stylesheet(tmp_path: Path) -> None:
    run_dir, record = make_run(tmp_path)
    write_site(run_dir, record)
    css = (TEMPLATES_DIR / LAYOUT / STYLESHEET).read_text(encoding="utf-8")
    for name in ("index.html", "article.html"):
        soup = BeautifulSoup((run_dir / name).read_text(encoding="utf-8"), "html.parser")
        assert soup.find("style").get_text().strip() == css.strip()


def test_notebook_pages_share_the_stylesheet_header_and_footer(tmp_path: Path) -> None:
    from analysis.builder.render import render_html

    run_dir, _ = make_run(tmp_path)
    target = tmp_path / "page.html"
    render_html(
        run_dir / "01_demo" / "01_demo.ipynb",
        target,
        template_dirs=[TEMPLATES_DIR],
        template_name="csto_page",
    )
    soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
    css = (TEMPLATES_DIR / LAYOUT / STYLESHEET).read_text(encoding="utf-8")
    assert soup.find("style").get_text().strip() == css.strip()
    assert soup.body.find("a")["href"] == "#main"
    assert soup.select_one("header.site nav.home a")["href"] == "../index.html"
    assert soup.select_one("main#main") is not None
    assert soup.select_one("footer.site") is not None
