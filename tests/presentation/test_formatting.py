"""Numbers, dates and claims are written one way everywhere: prose, pages and charts."""

from __future__ import annotations

import html
from typing import Any

import pytest

from analysis.presentation import formatting
from tests.conftest import heavy_imports

MINUS = formatting.MINUS


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: formatting.format_percent(39.689212), "39.7%"),
        (lambda: formatting.format_percent(37, decimals=None), "37%"),
        (lambda: formatting.format_pp(30.663), "+30.7 pp"),
        (lambda: formatting.format_pp(-22.28), f"{MINUS}22.3 pp"),
        (lambda: formatting.format_pp(0.01), "0.0 pp"),
        (lambda: formatting.format_usd(31e9), "$31bn"),
        (lambda: formatting.format_usd(39.9e9), "$39.9bn"),
        (lambda: formatting.format_usd(2.5e6), "$2.5m"),
        (lambda: formatting.format_number(120000), "120,000"),
        (lambda: formatting.format_value(120000, "persons"), "120,000 people"),
        (lambda: formatting.format_value(1, "days"), "1 day"),
        (lambda: formatting.format_value(29.8, "years"), "29.8 years"),
        (lambda: formatting.format_stated(40, "percent", "<"), "under 40%"),
        (lambda: formatting.format_stated(31e9, "USD", ">"), "over $31bn"),
        (lambda: formatting.format_stated(120000, "persons", "~"), "about 120,000 people"),
        (lambda: formatting.format_date("2023-01-10"), "10 January 2023"),
        (lambda: formatting.format_date("2023-09-01", "month"), "September 2023"),
        (lambda: formatting.format_date("2022-01-01", "year"), "2022"),
        (lambda: formatting.format_list(["a", "b", "c"]), "a, b and c"),
    ],
)
def test_formatters(call: Any, expected: str) -> None:
    assert call() == expected


def test_dates_accept_text_dates_and_timestamps() -> None:
    import pandas as pd

    assert formatting.format_date(pd.Timestamp("2020-09-27")) == "27 September 2020"
    assert formatting.format_date("2020-09-27T00:00:00", "month") == "September 2020"


def test_importing_formatting_is_cheap() -> None:
    assert heavy_imports("import analysis.presentation.formatting") == []


HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "![i](https://example.org/x.png)",
    "*bold* _it_ `code` ~~s~~ $x$ # h | cell & &amp;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_renders_as_the_text_itself(text: str) -> None:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(formatting.markdown_text(text))
    assert rendered.strip() == f"<p>{html.escape(text, quote=False)}</p>"


def test_markdown_text_puts_data_on_one_line() -> None:
    assert formatting.markdown_text("a\n\n# b\n- c") == "a \\# b - c"
    assert formatting.escape_md is formatting.markdown_text
