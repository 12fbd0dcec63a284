"""The corrections page: every correction since the fact check was published, newest first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.presentation.formatting import format_date
from analysis.presentation.theme import verdict_label
from analysis.site.config import ARTICLE_PAGE, CORRECTIONS_PAGE, HOME, SITE_DATA
from analysis.site.notes import records
from analysis.site.templating import TEMPLATES_DIR, render

if TYPE_CHECKING:
    import pandas as pd

ON_THE_ARTICLE_PAGE = ("claim", "statement", "event")
"""The kinds of item whose details the annotated article shows, at `#<kind>-<id>`."""


@dataclass(frozen=True)
class Correction:
    """One row of the `corrections` table as the page shows it."""

    ident: str
    date: str  # ISO, for the <time> element
    day: str  # as a reader reads it: '27 November 2026'
    kind: str
    item: str
    href: str | None  # the item's details on the article page, when it has some there
    field: str
    before: str
    after: str
    reason: str
    verdict_before: str | None  # labels, as every page names a verdict
    verdict_after: str | None


def corrections(table: pd.DataFrame) -> list[Correction]:
    """The rows of `corrections`, newest first (rows of one day by their id).

    Parameters
    ----------
    table : pandas.DataFrame
        `analysis.load("corrections")`.

    Returns
    -------
    list of Correction
    """
    rows = sorted(records(table), key=lambda row: str(row["id"]))
    rows.sort(key=lambda row: str(row["date"])[:10], reverse=True)
    return [_correction(row) for row in rows]


def _correction(row: Mapping[str, Any]) -> Correction:
    kind, item = str(row["item_kind"]), str(row["item_id"])
    date = str(row["date"])[:10]
    return Correction(
        ident=str(row["id"]),
        date=date,
        day=format_date(date),
        kind=kind,
        item=item,
        href=f"{ARTICLE_PAGE}#{kind}-{item}" if kind in ON_THE_ARTICLE_PAGE else None,
        field=str(row["field"]),
        before=str(row["before"] or ""),
        after=str(row["after"] or ""),
        reason=str(row["reason"]),
        verdict_before=_label(row["verdict_before"]),
        verdict_after=_label(row["verdict_after"]),
    )


def _label(verdict: Any) -> str | None:
    return None if verdict is None else verdict_label(verdict)


def write_corrections(
    run_dir: Path, table: pd.DataFrame, *, templates: Path = TEMPLATES_DIR
) -> Path:
    """Write `corrections.html` into a run folder; return its path."""
    text = render(
        "corrections.html.j2",
        templates,
        title="Corrections",
        home_href=HOME,
        sections=(),
        corrections=corrections(table),
        csv=f"{SITE_DATA}/corrections.csv",
    )
    path = Path(run_dir) / CORRECTIONS_PAGE
    path.write_bytes(text.encode("utf-8"))
    return path


__all__ = ["Correction", "corrections", "write_corrections"]
