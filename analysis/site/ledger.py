"""Every sentence of the article with its class, what checks it, or why nothing does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analysis.site.marks import Note

if TYPE_CHECKING:
    import pandas as pd

CLASS_LABELS: dict[str, str] = {
    "figure": "figure",
    "statement": "statement of fact",
    "forecast": "forecast",
    "attribution": "attribution",
    "opinion": "opinion",
    "not_checkable": "not checkable",
}
"""How each class of sentence is named for a reader."""

CLASS_PLURALS: dict[str, str] = {
    "figure": "figures",
    "statement": "statements of fact",
    "forecast": "forecasts",
    "attribution": "attributions",
    "opinion": "opinions",
    "not_checkable": "not checkable",
}
"""The same, for a count of more than one."""


CHECKING = ("claim", "statement")
"""The notes that check a sentence (key prefixes): an event is cited, a forecast has an outcome."""


@dataclass(frozen=True)
class Line:
    """One sentence in the ledger: where it stands, its class, its checks, or the reason."""

    anchor: str
    number: str  # "7.3": paragraph and sentence
    text: str
    klass: str
    label: str
    checks: tuple[Note, ...]
    reason: str
    prediction: str
    outcome: Note | None = None  # a forecast's outcome, marked in the text


def ledger(sentences: pd.DataFrame, notes: Sequence[Note]) -> list[Line]:
    """The sentences in reading order, each with the claims and statements inside it.

    Parameters
    ----------
    sentences : pandas.DataFrame
        `analysis.load("sentences")`.
    notes : sequence of Note
        The article page's notes; those of claims and statements check the sentence their
        quote lies in.

    Returns
    -------
    list of Line
        One per sentence: a sentence no note checks keeps its reason, so a reader can
        tell an unchecked sentence from one judged not checkable.
    """
    checking = [note for note in notes if note.key.split(":")[0] in CHECKING]
    forecasts = {note.key: note for note in notes if note.key.startswith("forecast:")}
    lines = []
    for row in sentences.to_dict("records"):
        text, klass = str(row["text"]), str(row["class"])
        checks = tuple(note for note in checking if note.quote and note.quote in text)
        lines.append(
            Line(
                anchor=f"sentence-{row['paragraph']}-{row['position']}",
                number=f"{row['paragraph']}.{row['position']}",
                text=text,
                klass=klass,
                label=CLASS_LABELS.get(klass, klass),
                checks=checks,
                reason=_text(row.get("reason")),
                prediction=_text(row.get("prediction")),
                outcome=forecasts.get(f"forecast:{row['paragraph']}-{row['position']}"),
            )
        )
    return lines


def class_counts(lines: Sequence[Line]) -> list[tuple[str, int]]:
    """(count with its class label, of them checked), in the vocabulary's order."""
    counts = []
    for klass, label in CLASS_LABELS.items():
        total = sum(line.klass == klass for line in lines)
        checked = sum(line.klass == klass and bool(line.checks) for line in lines)
        if total:
            counts.append((f"{total} {label if total == 1 else CLASS_PLURALS[klass]}", checked))
    return counts


def _text(value: object) -> str:
    return "" if value is None or value != value else " ".join(str(value).split())
