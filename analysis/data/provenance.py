"""Check the article's own words: quotes found in the seed and numbers found in their quotes."""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s+")

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_MAGNITUDES = {"hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "billions": 10**9}
_SUFFIXES = {"bn": 10**9, "billion": 10**9, "m": 10**6, "million": 10**6, "k": 1_000}

_NUMERAL = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(bn|billion|million|m|k)\b)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+")


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space, so line breaks never break a match."""
    return _WHITESPACE.sub(" ", text).strip()


def quote_in(quote: str, text: str) -> bool:
    """Whether `quote` is a verbatim passage of `text`, whitespace-normalised."""
    return normalise(quote) in normalise(text)


def quote_span(quote: str, text: str) -> tuple[int, int] | None:
    """Start and end of the first occurrence of `quote` in `text`, tolerant of whitespace."""
    words = [re.escape(word) for word in normalise(quote).split(" ")]
    match = re.search(r"\s+".join(words), text)
    return (match.start(), match.end()) if match else None


def numbers_in(text: str) -> list[float]:
    """Every number a passage states, in digits ('$31bn', '120,000', '37%') or in words.

    Words count too: 'thirty' is 30, 'six-nation' is 6, and 'thousands' or 'billions'
    stand for the smallest value they mean (1,000 and 1,000,000,000).
    """
    found: list[float] = []
    for match in _NUMERAL.finditer(text):
        number = float(match.group(1).replace(",", ""))
        suffix = (match.group(2) or "").lower()
        found.append(number * _SUFFIXES.get(suffix, 1))
    words = [word.lower() for word in _WORD.findall(text)]
    for index, word in enumerate(words):
        if word in _TENS:
            following = words[index + 1] if index + 1 < len(words) else ""
            found.append(_TENS[word] + (_UNITS.get(following, 0) if following in _UNITS else 0))
        elif word in _UNITS:
            found.append(_UNITS[word])
        elif word in _MAGNITUDES:
            found.append(_MAGNITUDES[word])
    return found


def states_number(text: str, value: float) -> bool:
    """Whether `text` states `value` (to a relative precision of one part in a million)."""
    return any(abs(number - value) <= 1e-6 * max(1.0, abs(value)) for number in numbers_in(text))
