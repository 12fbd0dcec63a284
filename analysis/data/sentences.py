"""Split the article into its sentences, the unit the `sentences` table accounts for."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

ABBREVIATIONS = ("St.", "U.S.", "U.K.", "U.N.", "Mr.", "Mrs.", "Ms.", "Dr.", "No.", "Jr.", "Gen.")
"""Words ending in a full stop after which a capital does not start a new sentence."""

_BOUNDARY = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))"  # an end mark, with the closing quote it may carry
    + "".join(rf"(?<!\b{re.escape(word)})" for word in ABBREVIATIONS)
    + r"\s+(?=[A-Z“\"‘(])"  # then space, and a capital or an opening quote
)
"""Where one sentence ends and the next begins, inside a paragraph."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article: its paragraph (a line of the seed) and place in it."""

    paragraph: int
    position: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a text whose paragraphs are its lines, each counted from 1.

    Parameters
    ----------
    text : str
        The article as stored in `seeds/`: one paragraph a line.

    Returns
    -------
    list of Sentence
        In reading order. Blank lines are not paragraphs; a sentence ends at `.`, `!` or
        `?` (with a closing quote or bracket it carries) before a space and a capital or
        an opening quote, except after the abbreviations in `ABBREVIATIONS`.
    """
    sentences = []
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    for number, paragraph in enumerate(paragraphs, start=1):
        for position, sentence in enumerate(_BOUNDARY.split(paragraph), start=1):
            sentences.append(Sentence(number, position, sentence.strip()))
    return sentences


CHECKED_CLASSES = ("figure", "statement")
"""Classes of sentence that a claim or a statement must check."""

CHECKING_TABLES = ("claims", "statements")
"""The tables whose `quote` checks the sentence it lies in."""

Rows = list[tuple[int, dict[str, str]]]


def sentence_problems(
    tables: dict[str, Rows], seed: str, seed_name: str, where: Callable[..., str]
) -> list[str]:
    """Every seed sentence has its row, and every row is a sentence of the seed, checked or not.

    Parameters
    ----------
    tables : dict
        Table name to its raw rows (line number, row of strings).
    seed, seed_name : str
        The article's text, and how to name its file.
    where : callable
        (table, line, row, field) -> the place of a problem, as the validator names it.

    Returns
    -------
    list of str
        One line a problem: a sentence with no row (naming paragraph, position and its
        start), a row that is no sentence of the seed, a figure or statement no quote
        checks, an unchecked sentence without its reason, a forecast without a prediction.
    """
    rows = {(_int(row.get("paragraph")), _int(row.get("position"))): (line, row)
            for line, row in tables.get("sentences", [])}  # fmt: skip
    if "sentences" not in tables:
        return []
    problems = []
    seed_sentences = split_sentences(seed)
    texts = {sentence.text for sentence in seed_sentences}
    at: dict[tuple[int | None, int | None], str] = {
        (sentence.paragraph, sentence.position): sentence.text for sentence in seed_sentences
    }
    # Rows whose text is not the seed's at their place, by text: where a sentence went.
    misplaced = {row.get("text", ""): key for key, (_, row) in rows.items()
                 if at.get(key) != row.get("text", "")}  # fmt: skip
    for sentence in seed_sentences:
        key = (sentence.paragraph, sentence.position)
        if key in rows and rows[key][1].get("text", "") == sentence.text:
            continue
        start = sentence.text[:60] + ("…" if len(sentence.text) > 60 else "")
        here = f"{seed_name}, paragraph {sentence.paragraph}, sentence {sentence.position}"
        if sentence.text not in misplaced:
            problems.append(
                f"{here}: {start!r} has no row in sentences.csv; add one with its class"
            )
        else:
            paragraph, position = misplaced[sentence.text]
            problems.append(
                f"{here}: {start!r} stands in sentences.csv as paragraph {paragraph},"
                f" position {position}; number it {sentence.paragraph}, {sentence.position}"
            )
    quotes = [row.get("quote", "") for table in CHECKING_TABLES for _, row in tables.get(table, [])]
    for line, row in tables.get("sentences", []):
        if row.get("text", "") not in texts:
            problems.append(
                where("sentences", line, row, "text") + ": no such sentence in the seed"
            )
            continue
        text, klass = row.get("text", ""), row.get("class", "")
        checked = any(quote and quote in text for quote in quotes)
        if klass in CHECKED_CLASSES and not checked:
            problems.append(
                where("sentences", line, row, "class")
                + f": a {klass} needs a claim or statement that quotes it"
                " (or another class, and a reason)"
            )
        if not checked and not row.get("reason", "").strip():
            problems.append(
                where("sentences", line, row, "reason")
                + ": no claim or statement checks it: say why"
            )
        if klass == "forecast" and not row.get("prediction", "").strip():
            problems.append(
                where("sentences", line, row, "prediction") + ": a forecast needs what it predicts"
            )
    for table in CHECKING_TABLES:
        for line, row in tables.get(table, []):
            quote = row.get("quote", "")
            if quote and quote in seed and not any(quote in text for text in texts):
                problems.append(
                    where(table, line, row, "quote") + ": runs across two sentences; quote one"
                )
    return problems


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None
