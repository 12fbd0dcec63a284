"""The article's forecasts on its page: each forecast sentence marked with its outcome."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analysis.presentation.formatting import format_date
from analysis.site.marks import Note, Part
from analysis.site.notes import records, source_part
from analysis.site.templating import safe_href

if TYPE_CHECKING:
    import pandas as pd

FORECAST_COLOUR = "#8E4B72"
"""The forecasts' marks: a dark reddish purple (6:1 on white) that no verdict or event uses."""


@dataclass(frozen=True)
class OutcomeCue:
    """How one outcome is marked besides its colour: a symbol and an underline style."""

    symbol: str
    underline: str


OUTCOME_CUES: dict[str, OutcomeCue] = {
    "happened": OutcomeCue("●", "solid"),
    "partly": OutcomeCue("◐", "dashed"),
    "not_yet": OutcomeCue("○", "dotted"),
}
"""Full, half and empty: the symbol says how much of the forecast took place."""

ORDER = 20_000
"""Forecast notes come after the claims' and the events' in the list of passages."""


@dataclass(frozen=True)
class Outcomes:
    """What the article page needs of the forecasts: the frame, its scale and the notebook."""

    frame: pd.DataFrame
    """`analysis.forecast_outcomes()`: one row per forecast with its outcome."""

    page: str | None = None
    """The thesis notebook's page, relative to the run folder (None: not in the run)."""

    @property
    def labels(self) -> Mapping[str, str]:
        """Each outcome's label ('partly happened')."""
        labels: Mapping[str, str] = self.frame.attrs["labels"]
        return labels

    @property
    def meanings(self) -> Mapping[str, str]:
        """Each outcome's meaning, the scale's words."""
        scale: Mapping[str, str] = self.frame.attrs["scale"]
        return scale


def forecast_notes(outcomes: Outcomes) -> list[Note]:
    """A note per forecast sentence: what it predicts, its outcome, why, the deciding event.

    The note's passage is the whole sentence; its kind is the outcome, so its mark carries
    the outcome's symbol and label beside its colour.
    """
    notes = []
    for order, row in enumerate(records(outcomes.frame)):
        number = f"{row['paragraph']}.{row['position']}"
        outcome, label = str(row["outcome"]), str(row["label"])
        since = f" since {format_date(row['since'])}" if row["since"] is not None else ""
        lines: list[tuple[Part, ...]] = [
            (Part(str(row["prediction"]), "Predicts:"),),
            (Part(f"{label}{since}: {outcomes.meanings.get(outcome, '')}", "Outcome:"),),
        ]
        if row["reason"] is not None:
            lines.append((Part(str(row["reason"]), "Reason:"),))
            when = format_date(row["event_date"]) if row["event_date"] is not None else ""
            lines.append((Part(f"{row['event_title']} ({when}), ", "Deciding event:"),
                          source_part(row["source"], row["source_url"])))  # fmt: skip
        page = safe_href(outcomes.page) if outcomes.page else None
        if page is not None:
            lines.append((Part("", "Checked in:"), Part("the thesis notebook", href=page)))
        notes.append(
            Note(
                key=f"forecast:{row['paragraph']}-{row['position']}",
                anchor=f"forecast-{row['paragraph']}-{row['position']}",
                kind=outcome,
                quote=str(row["sentence"]),
                head=f"Forecast, {label}",
                lines=tuple(lines),
                footer=("Forecast", number),
                summary=f"forecast ({label})",
                order=ORDER + order,
            )
        )
    return notes
