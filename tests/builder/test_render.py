"""Rendering executed notebooks as standalone, offline, deterministic HTML pages."""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.builder.execute import execute_notebook
from analysis.builder.render import render_html
from analysis.cli import project_config
from tests.conftest import heavy_imports

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALT = "Bar chart of troops by country, 2022"
STOCK_ALT = "No description has been provided for this image"
PAGE = {
    "template_dirs": project_config().template_dirs,
    "template_name": project_config().page_template,
}


class _Page(HTMLParser):
    """The tags and attributes of a page that the tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """report.ipynb executed in a real kernel: markdown, a DataFrame, a PNG with alt text."""
    folder = tmp_path_factory.mktemp("executed")
    target = folder / "report.ipynb"
    execute_notebook(NOTEBOOKS / "report.ipynb", target, {"country": "Kyrgyzstan"}, workdir=folder)
    return target


def test_import_does_not_load_nbconvert() -> None:
    assert heavy_imports("import analysis.builder.render") == []


@pytest.mark.slow
def test_page_is_offline_readable_and_shows_outputs_only(executed: Path, tmp_path: Path) -> None:
    target = tmp_path / "site" / "report.html"
    render_html(executed, target, home_href="../index.html", **PAGE)
    html = target.read_text(encoding="utf-8")
    page = _Page(html)

    for attrs in page.all("script"):
        assert not attrs.get("src", "").startswith(("http://", "https://", "//"))
    for attrs in page.all("link"):
        assert not attrs.get("href", "").startswith(("http://", "https://", "//"))
    assert page.all("script") == []
    assert page.all("link") == []  # the CSS is inlined
    assert "cdn" not in html.lower()
    assert "require.js" not in html
    assert "mathjax" not in html.lower()
    assert "@import" not in html
    assert "url(" not in html  # no web fonts or remote images in the CSS

    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in page.all(
        "meta"
    )
    assert page.all("a")[:2] == [{"class": "skip", "href": "#main"}, {"href": "../index.html"}]
    assert "← All reports" in page.text
    assert page.all("title")
    assert "Report fixture" in page.text

    images = page.all("img")
    assert [image["alt"] for image in images] == [ALT]
    assert images[0]["src"].startswith("data:image/png;base64,iVBOR")
    assert STOCK_ALT not in html

    # Markdown output as HTML, DataFrame as a table, stdout kept.
    assert "<strong>Kyrgyzstan</strong> in <em>2022</em>" in html
    assert page.all("table")
    assert "Kazakhstan" in page.text
    assert "standard output stays\n" in page.text

    # No code, prompts or stderr; the injected cell shows as a parameter list.
    assert "SECRET_INPUT_MARKER" not in html
    assert "import pandas" not in html
    assert 'country = "Kyrgyzstan"' not in html
    assert "In [" not in html
    assert "STDERR-MARKER" not in html
    assert "<dt>country</dt>\n<dd>Kyrgyzstan</dd>" in html


@pytest.mark.slow
def test_rendering_is_byte_deterministic(executed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "copy" / "renamed.ipynb"
    elsewhere.parent.mkdir()
    shutil.copyfile(executed, elsewhere)
    os.utime(elsewhere, (1_000_000_000, 1_000_000_000))  # another modification time
    first, second = tmp_path / "a" / "report.html", tmp_path / "b" / "c" / "page.html"
    render_html(executed, first, title="Report fixture", **PAGE)
    render_html(elsewhere, second, title="Report fixture", **PAGE)
    assert first.read_bytes() == second.read_bytes()
    html = first.read_text(encoding="utf-8")
    assert str(tmp_path) not in html
    assert str(executed.parent) not in html
    assert sorted(path.name for path in first.parent.iterdir()) == ["report.html"]


def _notebook_with(
    outputs: list[nbformat.NotebookNode], markdown: str = ""
) -> nbformat.NotebookNode:
    """A notebook of one code cell with `outputs`, after a markdown cell if given."""
    cells = [new_markdown_cell(markdown)] if markdown else []
    code = new_code_cell("secret_code_here = 1", execution_count=1)
    code.outputs = outputs
    nb = new_notebook(cells=[*cells, code])
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index}"
    return nb


def test_alt_text_is_the_outputs_own_else_names_the_page_and_cell_never_the_stock_phrase(
    tmp_path: Path,
) -> None:
    png = (  # 1x1 pixel
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="
    )
    nb = _notebook_with(
        [
            new_output("display_data", {"image/png": png, "text/plain": "<Figure size 1x1>"}),
            new_output("display_data", {"image/png": png}),
            new_output("display_data", {"image/png": png, "text/plain": "Bar chart of troops"}),
            new_output(
                "display_data",
                {"image/png": png, "text/plain": "ignored"},
                metadata={"image/png": {"alt": "Map of members", "width": 300}},
            ),
        ]
    )
    source = tmp_path / "figures.ipynb"
    nbformat.write(nb, source)
    target = tmp_path / "figures.html"
    render_html(source, target, home_href="/", **PAGE)
    html = target.read_text(encoding="utf-8")
    images = _Page(html).all("img")
    # matplotlib's text form says nothing of the figure: the page and the code cell do.
    named = "A figure drawn by code cell 1 of “figures” (the notebook gave it no alt text)"
    assert [image["alt"] for image in images] == [
        named,
        named,
        "Bar chart of troops",
        "Map of members",
    ]
    assert images[3]["width"] == "300"
    assert STOCK_ALT not in html
    assert "secret_code_here" not in html


def test_title_defaults_to_the_file_name_when_there_is_no_heading(tmp_path: Path) -> None:
    nb = _notebook_with([new_output("stream", name="stdout", text="hello\n")], "Just a paragraph.")
    source = tmp_path / "armenia-2022.ipynb"
    nbformat.write(nb, source)
    target = tmp_path / "page.html"
    render_html(source, target, home_href="https://example.org/reports/", **PAGE)
    page = _Page(target.read_text(encoding="utf-8"))
    assert "armenia-2022" in page.text
    assert page.all("h1") == [{}]
    assert {"href": "https://example.org/reports/"} in page.all("a")


HOSTILE_MARKDOWN = (
    '<script>alert(1)</script><img src=x onerror="alert(2)">\n\n'
    "[click](javascript:alert(3)) ![pic](javascript:alert(4))"
)


@pytest.mark.parametrize("hooked", [True, False])
def test_markdown_cells_and_outputs_go_through_the_projects_renderer(
    tmp_path: Path, hooked: bool
) -> None:
    notebook = new_notebook(
        cells=[
            new_markdown_cell("# Page\n\n" + HOSTILE_MARKDOWN),
            new_code_cell(
                "",
                outputs=[
                    new_output("display_data", data={"text/markdown": HOSTILE_MARKDOWN}),
                ],
            ),
        ]
    )
    source = tmp_path / "hostile.ipynb"
    nbformat.write(notebook, source)
    markdown = project_config().hook("render_markdown") if hooked else None
    render_html(source, tmp_path / "hostile.html", markdown=markdown, **PAGE)
    page = _Page((tmp_path / "hostile.html").read_text(encoding="utf-8"))
    live = (
        [attrs for tag, attrs in page.tags if any(name.startswith("on") for name in attrs)]
        + page.all("script")
        + [a for a in page.all("a") + page.all("img") if "javascript:" in str(a)]
    )
    # nbconvert's own renderer keeps raw HTML and javascript: links; the project's does not.
    assert (live == []) is hooked
    if hooked:
        assert "alert(1)" in "".join(page.text)  # shown as text
