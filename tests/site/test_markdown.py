"""Markdown from the notebooks becomes safe HTML: raw HTML escaped, unsafe links dropped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from analysis.site.markdown import markdown_to_html
from analysis.site.templating import safe_href


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_links_are_rebased_to_the_run_folder_and_headings_go_one_level_down() -> None:
    text = (
        "# Title\n\n[page](../01_demo/01_demo.html) [here](figures/a.png) [web](https://x.org/a)"
        " ![local](figures/b.png)\n"
    )
    soup = _soup(markdown_to_html(text, "00_brief"))
    assert soup.find("h2").get_text() == "Title"
    assert soup.find("h1") is None
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs == ["01_demo/01_demo.html", "00_brief/figures/a.png", "https://x.org/a"]
    image = soup.find("img")
    assert (image["src"], image["alt"]) == ("00_brief/figures/b.png", "local")


def test_a_link_that_only_resolves_as_written_is_kept(tmp_path: Path) -> None:
    (tmp_path / "article.html").write_text("x")
    soup = _soup(markdown_to_html("[a](article.html)", "00_brief", tmp_path))
    assert soup.find("a")["href"] == "article.html"


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
     "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"],
)  # fmt: skip
def test_links_of_other_schemes_become_their_text(link: str) -> None:
    html = markdown_to_html(f"[click me](<{link}>) and ![pic](<{link}>)")
    soup = _soup(html)
    assert soup.find("a") is None
    assert soup.find("img") is None
    assert "click me" in soup.get_text()
    assert "<script" not in html


def test_remote_images_become_their_alt_text() -> None:
    soup = _soup(markdown_to_html("![a *remote* chart](https://x.org/i.png)"))
    assert soup.find("img") is None
    assert soup.get_text().strip() == "a remote chart"


def test_raw_html_is_escaped_not_passed_through() -> None:
    text = '<script>alert(1)</script> <img src=x onerror="alert(2)"> <b>raw</b>\n\n<div>block</div>'
    html = markdown_to_html(text)
    soup = _soup(html)
    assert soup.find_all(["script", "img", "b", "div"]) == []
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;raw&lt;/b&gt;" in html


def test_safe_href_keeps_relative_and_http_links_only() -> None:
    assert safe_href("a/b.html?x=1#y") == "a/b.html?x=1#y"
    assert safe_href("https://example.org/") == "https://example.org/"
    assert safe_href("HTTP://example.org/") == "HTTP://example.org/"
    for bad in (
        "javascript:alert(1)",
        "  javascript:x",
        "%20javascript:x",
        "java\tscript:x",
        "data:text/html,x",
        "file:///etc",
    ):
        assert safe_href(bad) is None, bad
    assert safe_href(None) is None


def test_headings_get_ids_so_fragment_links_in_the_brief_resolve() -> None:
    html = markdown_to_html('see [1](#Sources)\n\n## Sources\n\n## <b>x</b> "quoted" & more')
    soup = BeautifulSoup(html, "html.parser")
    ids = [heading.get("id") for heading in soup.find_all(["h3"])]
    assert ids[0] == "Sources"
    assert soup.find("a")["href"] == "#Sources"
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", str(anchor)) for anchor in ids)
