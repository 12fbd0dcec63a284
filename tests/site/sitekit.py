"""A small run folder made by hand, for the site's tests: notebooks, pages, figures, record."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

CLAIM = "kaz-russians-share-1991"
"""A claim that the demo notebook's chart data names."""

EVENT = "nk-war-2020"
"""An event that the demo notebook's chart data names."""

PUBLIC_URL = "https://reports.example.org/csto/"
"""The address the demo run is published at (the build record's `public_url`)."""

BRIEF_MARKDOWN = (
    "**Alliance cohesion.** The data hold 19 events; see the "
    "[demographics](../01_demo/01_demo.html) and [a chart](figures/brief.png). "
    "<script>alert('brief')</script>\n\n"
    "| verdict | claims |\n|---|---|\n| consistent | 8 |\n"
)


def png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (0, 114, 178)) -> bytes:
    """A valid, tiny, single-colour PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def _notebook(title: str, summary: str, outputs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": "markdown", "id": "a1", "metadata": {},
             "source": [f"# {title}\n", "\n", f"{summary}\n", "second line.\n", "\n", "More.\n"]},
            {"cell_type": "code", "id": "a2", "metadata": {}, "execution_count": 1,
             "source": "x = 1", "outputs": outputs},
        ],
    }  # fmt: skip


def _image_output(data: bytes, alt: str | None) -> dict[str, Any]:
    return {
        "output_type": "display_data",
        "data": {"image/png": base64.b64encode(data).decode(), "text/plain": "<Figure>"},
        "metadata": {"image/png": {"alt": alt}} if alt else {},
    }


def _page(title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n</head>\n<body>\n"
        f'<nav><a href="../index.html">All reports</a></nav>\n<h1>{title}</h1>\n'
        "</body>\n</html>\n"
    )


def make_run(root: Path, *, brief: str = BRIEF_MARKDOWN) -> tuple[Path, dict[str, Any]]:
    """A run folder with a brief, a demo report with a chart and a fact check.

    Returns the folder and its build record, with exactly the keys that the build's
    `plan.build_record` writes (the build passes this record, never the `run` section).
    """
    run = root / "run"
    chart, other = png(), png(rgb=(213, 94, 0))
    files: dict[str, bytes | str] = {
        "00_brief/00_brief.ipynb": json.dumps(
            _notebook(
                "The brief",
                "Four strands, fact-checked.",
                [
                    {
                        "output_type": "display_data",
                        "metadata": {},
                        "data": {"text/markdown": brief, "text/plain": "<Markdown>"},
                    },
                ],
            )
        ),
        "00_brief/00_brief.html": _page("The brief"),
        "00_brief/figures/brief.png": other,
        "01_demo/01_demo.ipynb": json.dumps(
            _notebook(
                "Demo report: *shares*",
                "The summary of the demo.",
                [
                    {"output_type": "stream", "name": "stdout", "text": "hello\n"},
                    _image_output(chart, "Bar chart of <b>demo</b> shares"),
                    _image_output(other, "Second chart"),
                ],
            )
        ),
        "01_demo/01_demo.html": _page("Demo report"),
        "01_demo/figures/demo-chart.png": chart,
        "01_demo/figures/demo-chart.csv": f"claim,event,value\n{CLAIM},,37\n,{EVENT},1\n",
        "01_demo/figures/second.png": other,
        "01_demo/figures/second.csv": "verdict,claims\nconsistent,8\n",
        "04_fact_check/04_fact_check.ipynb": json.dumps(
            _notebook("Fact check", "Every claim against its reference.", [])
        ),
        "04_fact_check/04_fact_check.html": _page("Fact check"),
        # The build writes the run's RO-Crate beside the site, and the landing page links it.
        "ro-crate-metadata.json": json.dumps({"@context": "https://w3id.org/ro/crate/1.1/context"}),
    }
    for name, content in files.items():
        path = run / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    def entry(name: str, parameters: dict[str, Any]) -> dict[str, Any]:
        figures = sorted(
            p.relative_to(run).as_posix() for p in (run / name / "figures").glob("*") if p.is_file()
        )
        return {
            "name": name,
            "source": f"notebooks/{name}.ipynb",
            "parameters": parameters,
            "key": "c" * 64,
            "status": "ok",
            "notebook": f"{name}/{name}.ipynb",
            "page": f"{name}/{name}.html",
            "figures": figures,
            "reads": ["analysis/data/package/claims.csv"],
        }

    record = {
        "package": {"name": "csto-analysis", "version": "0.1.0"},
        "python": "3.11.2",
        "package_versions": {"pandas": "2.3.3", "jinja2": "3.1.6"},
        "git": {"commit": "0123456789abcdef0123456789abcdef01234567", "dirty": False},
        "render_key": "d" * 64,
        "public_url": PUBLIC_URL,
        "inputs": [
            {"path": "seeds/article.txt", "sha256": "b" * 64},
            {"path": "analysis/data/package/claims.csv", "sha256": "a" * 64},
        ],
        "data_inputs": ["analysis/data/package/claims.csv", "seeds/article.txt"],
        "notebooks": [
            entry("00_brief", {"tolerance_pp": 1.0}),
            entry("01_demo", {"groups": ["Kazakhs", "<Russians>"], "start_year": 1989}),
            entry("04_fact_check", {"tolerance_pp": 1.0}),
        ],
    }
    return run, record


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the page's element ids."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {key: value or "" for key, value in attrs}))

    @property
    def ids(self) -> list[str]:
        return [attrs["id"] for _, attrs in self.tags if "id" in attrs]

    def urls(self) -> list[tuple[str, str, str]]:
        """(tag, attribute, value) of every href and src."""
        return [
            (tag, key, attrs[key]) for tag, attrs in self.tags for key in ("href", "src")
            if key in attrs
        ]  # fmt: skip


SCRIPT = "article/marks.js"
"""The one static script of the site (the article's), inlined as it is."""


def foreign_scripts(soup: Any) -> list[Any]:
    """The page's script elements other than JSON-LD data and the site's static script."""
    from analysis.site.templating import TEMPLATES_DIR

    ours = (TEMPLATES_DIR / SCRIPT).read_text(encoding="utf-8")
    return [
        script for script in soup.find_all("script")
        if script.get("type") != "application/ld+json"
        and (script.has_attr("src") or script.get_text().strip() != ours.strip())
    ]  # fmt: skip


def mark_of(soup: BeautifulSoup, key: str) -> Tag:
    """The focusable mark that holds the note `key` ('claim:<id>', 'event:<id>', 'forecast:...')."""
    marks = [m for m in soup.select(".mark") if key in str(m.get("data-refs", "")).split()]
    assert marks, f"no mark for {key}"
    return marks[0]
