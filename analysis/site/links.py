"""Which notebook pages and charts of a run use each claim and event: read from figure CSVs."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from analysis.site.config import FACT_CHECK
from analysis.site.notebooks import NotebookCard

_ID_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A claim or event id (the descriptor's pattern), as found inside a figure CSV's cell."""


class Link(NamedTuple):
    """A labelled link, relative to the run folder."""

    label: str
    href: str


def article_links(
    run_dir: Path, cards: Sequence[NotebookCard], claim_ids: Iterable[str],
    event_ids: Iterable[str],
) -> dict[str, list[Link]]:  # fmt: skip
    """For each claim and event id, the notebook pages and charts that use it.

    A notebook uses an id when a cell of one of its figure CSVs (`<stem>/figures/*.csv`)
    holds it; the chart is the figure's PNG (else SVG, else the CSV). Every claim also
    links to the fact-check notebook's page when the run has it.

    Parameters
    ----------
    run_dir : Path
        The run folder.
    cards : sequence of NotebookCard
        The run's notebooks.
    claim_ids, event_ids : iterable of str
        The ids to look for.

    Returns
    -------
    dict
        Id to links, hrefs relative to the run folder, in notebook order.
    """
    claims = set(claim_ids)
    wanted = claims | set(event_ids)
    found: dict[str, list[Link]] = {}
    for card in sorted(cards, key=lambda c: c.name):
        figures = run_dir / card.name / "figures"
        for table in sorted(figures.glob("*.csv")) if figures.is_dir() else []:
            chart = _chart_for(table).relative_to(run_dir).as_posix()
            for ident in sorted(_ids_in_csv(table) & wanted):
                links = found.setdefault(ident, [])
                if Link(card.title, card.page) not in links:
                    links.append(Link(card.title, card.page))
                links.append(Link(f"{card.title}: chart “{table.stem}”", chart))
        if card.name == FACT_CHECK:
            for ident in sorted(claims):
                links = found.setdefault(ident, [])
                if Link(card.title, card.page) not in links:
                    links.append(Link(card.title, card.page))
    return {ident: found[ident] for ident in sorted(found)}


def _chart_for(table: Path) -> Path:
    for suffix in (".png", ".svg"):
        chart = table.with_suffix(suffix)
        if chart.is_file():
            return chart
    return table


def _ids_in_csv(path: Path) -> set[str]:
    found: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            for cell in row:
                found.update(_ID_TOKEN.findall(cell))
    return found
