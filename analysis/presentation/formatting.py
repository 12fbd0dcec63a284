"""Numbers, dates and claims written for readers, the same on every page and in every sentence."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from analysis.presentation.theme import VERDICTS

MINUS = "\N{MINUS SIGN}"
"""The typographic minus, for negative numbers in prose."""

_MARKDOWN_SIGNIFICANT = frozenset("\\`*_[]<>&#|~$")
"""Characters that could start markup in Markdown or HTML; each is written backslash-escaped."""

_COMPARATOR_WORDS = {"=": "", "<": "under ", ">": "over ", "~": "about "}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_number(value: float, decimals: int | None = None) -> str:
    """A number with thousands separators: '120,000'; `decimals=None` drops a zero fraction.

    Negative numbers take the typographic minus.
    """
    number = float(value)
    if decimals is None:
        decimals = 0 if number.is_integer() else _decimals(number)
    text = f"{abs(number):,.{decimals}f}"
    return (MINUS if number < 0 and float(text.replace(",", "")) != 0 else "") + text


def format_percent(value: float, decimals: int | None = 1) -> str:
    """A share in percent: '39.7%' (`decimals=None` writes a stated '37%' as stated)."""
    return format_number(value, decimals) + "%"


def format_pp(value: float, decimals: int = 1, signed: bool = True) -> str:
    """A difference in percentage points: '+30.7 pp', '−22.3 pp'."""
    text = format_number(value, decimals)
    if signed and not text.startswith(MINUS) and float(text.replace(",", "")) != 0:
        text = "+" + text
    return text + " pp"


def format_usd(value: float) -> str:
    """US dollars, large sums in billions or millions: '$31bn', '$39.9bn', '$250m', '$1,200'."""
    number = float(value)
    for size, suffix in ((1e9, "bn"), (1e6, "m")):
        if abs(number) >= size:
            scaled = round(number / size, 1)
            return "$" + format_number(scaled, 0 if scaled.is_integer() else 1) + suffix
    return "$" + format_number(number)


def format_value(value: float, unit: str, decimals: int | None = 1) -> str:
    """A value in its unit: '37.8%', '$31bn', '120,000 people', '29.8 years', '1 day', '6'."""
    number = float(value)
    if unit == "percent":
        return format_percent(number, decimals)
    if unit == "USD":
        return format_usd(number)
    text = format_number(number, None if decimals is None else min(decimals, _decimals(number)))
    words = {"persons": ("person", "people"), "years": ("year", "years"), "days": ("day", "days")}
    if unit in words:
        singular, plural = words[unit]
        return f"{text} {singular if number == 1 else plural}"
    return text


def format_stated(value: float, unit: str, comparator: str) -> str:
    """A claim's figure as the article states it: 'under 40%', 'over $31bn', 'about 120,000'."""
    return _COMPARATOR_WORDS.get(comparator, "") + format_value(value, unit, decimals=None)


def format_date(value: Any, precision: str = "day") -> str:
    """A date as far as it is known: '10 January 2023', 'September 2023', '2022'."""
    stamp = dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if precision == "year":
        return str(stamp.year)
    if precision == "month":
        return f"{_MONTHS[stamp.month - 1]} {stamp.year}"
    return f"{stamp.day} {_MONTHS[stamp.month - 1]} {stamp.year}"


def format_verdict(verdict: str) -> str:
    """A verdict with its symbol and label, for prose: '≈ **nearly accurate**'."""
    cue = VERDICTS[str(verdict)]
    return f"{cue.symbol} **{markdown_text(cue.label)}**"


def format_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def markdown_text(value: Any) -> str:
    """Text from the data, safe to write into Markdown: it reads as itself, never as markup.

    Runs of whitespace become one space (no line can start a heading, list or table), and
    every character that could open HTML (`<`, `>`, `&`), a link or image (`[`, `]`),
    emphasis, code, strike-through, math, a heading or a table cell (`*`, `_`, backtick,
    `~`, `$`, `#`, `|`) is backslash-escaped, which CommonMark, mistune and marked all read
    as the literal character.

    Parameters
    ----------
    value : Any
        A field of a table (converted with `str`).

    Returns
    -------
    str
        The text, escaped: `<script>` becomes `\\<script\\>`, shown as typed.
    """
    text = " ".join(str(value).split())
    return "".join("\\" + char if char in _MARKDOWN_SIGNIFICANT else char for char in text)


escape_md = markdown_text
"""Short name of `markdown_text`."""


def _decimals(number: float) -> int:
    """Decimals a float needs to be written as it is stored (at most 6)."""
    if math.isinf(number) or math.isnan(number):
        return 0
    text = f"{number:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0
