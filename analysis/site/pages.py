"""The report site of one run: the landing page, the annotated article, provenance and data.

The build loads this module (its `write-site` hook) while the kernel template imports the
stack, so the libraries the site needs are imported here at the top, not at the end of a
build.
"""

from __future__ import annotations

import contextlib
import inspect
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

import analysis
from analysis.data.loading import Dataset, dataset
from analysis.facts.changes import check_arguments, compare_runs
from analysis.facts.factcheck import fact_check
from analysis.facts.forecasts import forecast_outcomes
from analysis.facts.reviews import article_record, review_dates
from analysis.facts.runfiles import build_record
from analysis.paths import DATA_DIR, DESCRIPTOR_NAME, SEED_PATH
from analysis.presentation.theme import verdict_label
from analysis.site.article import VERDICT_COLOURS, render_article
from analysis.site.changes import summary as change_summary
from analysis.site.changes import write_changes
from analysis.site.claimreview import Publication, reviewer
from analysis.site.config import (
    ARTICLE_PAGE,
    BRIEF,
    PROVENANCE_PAGE,
    REVIEWER,
    SITE_DATA,
    THESIS,
)
from analysis.site.corrections import write_corrections
from analysis.site.downloads import copy_data, data_files, descriptor
from analysis.site.forecasts import Outcomes
from analysis.site.links import article_links
from analysis.site.notebooks import (
    NotebookCard,
    markdown_outputs,
    notebook_cards,
    read_notebook,
    sweep_titles,
)
from analysis.site.notes import checked_rows
from analysis.site.provenance import provenance, write_provenance
from analysis.site.sweeps import SweepPage, sweep_pages, write_sweeps
from analysis.site.templating import TEMPLATES_DIR, compile_templates, render

if TYPE_CHECKING:
    from analysis.site.changes import ChangeSummary

SECTIONS = (
    ("#brief", "Brief"),
    ("#reports", "Reports"),
    ("#article", "Annotated article"),
    ("#data", "Data"),
    ("#provenance", "Provenance"),
)
"""The landing page's sections, in order, as its header lists them."""


@dataclass(frozen=True)
class Brief:
    """The brief notebook's Markdown outputs: the landing page opens with their first paragraph."""

    title: str
    page: str
    markdown: list[str]


class _Checks:
    """Fact checks, each made once per data package and parameters (`compare_runs`' `check`).

    Each check is kept with the tables it checked (so that their identity stays theirs), and
    handed out as a copy.
    """

    def __init__(self) -> None:
        self._made: list[tuple[Mapping[str, pd.DataFrame], str, pd.DataFrame]] = []

    def __call__(self, *, data: Mapping[str, pd.DataFrame], **parameters: Any) -> pd.DataFrame:
        arguments = inspect.signature(fact_check).bind(**parameters, data=None)
        arguments.apply_defaults()  # a parameter given at its default is the same check
        key = json.dumps(arguments.arguments, sort_keys=True, default=str)
        for tables, made_with, frame in self._made:
            if tables is data and made_with == key:
                return frame.copy()
        frame = fact_check(**parameters, data=data)
        self._made.append((data, key, frame))
        return frame.copy()


@dataclass
class _Ahead:
    """What the site of a run needs from the data alone, made before the notebooks end."""

    data: Mapping[str, pd.DataFrame]
    previous: Path | None
    previous_data: Mapping[str, pd.DataFrame] | None
    previous_build: dict[str, Any] | None
    checks: _Checks


_ahead: _Ahead | None = None
"""Made by `warm_up` for the next `write_site` of this process (with the same data and run)."""


def warm_up(previous: Path | None = None) -> None:
    """Do ahead what the site of the next run needs from the data (the build's `warm-site` hook).

    The build calls this while its kernel template warms up: it reads the data,
    compiles the site's templates and makes the fact checks the pages and the change report
    since `previous` (the run the build will replace as latest) show, so that writing the
    site at the end of the build costs only what depends on the executed notebooks.
    """
    global _ahead
    data = dataset()
    for name in data:
        data[name]
    compile_templates(TEMPLATES_DIR)
    ahead = _Ahead(data, previous, None, None, _Checks())
    ahead.checks(data=data)
    if previous is not None and (previous / "data").is_dir():
        ahead.previous_data = Dataset(previous / "data", SEED_PATH)
        with contextlib.suppress(Exception):  # the change report says what went wrong
            ahead.previous_build = build_record(previous)
            ahead.checks(**check_arguments(ahead.previous_build), data=ahead.previous_data)
    _ahead = ahead


def _take_ahead(previous: Path | None) -> _Ahead:
    """What `warm_up` made for this site, when made with the same data and run; else anew."""
    global _ahead
    ahead, _ahead = _ahead, None
    data = dataset()
    if ahead is None or ahead.data is not data or ahead.previous != previous:
        return _Ahead(data, previous, None, None, _Checks())
    return ahead


def write_site(
    run_dir: Path, manifest: Mapping[str, Any], *, previous: Path | None = None
) -> list[Path]:
    """Write the run's `index.html`, `article.html`, change report, corrections, provenance,
    sweeps and `data/`.

    The pages are static and self-contained (inline CSS, the article's one static script,
    nothing fetched from the network) and byte-identical for identical inputs: the build
    record holds nothing of the run's id or times.

    Parameters
    ----------
    run_dir : Path
        The run folder: `<stem>/<stem>.ipynb`, `<stem>/<stem>.html` and
        `<stem>/figures/*` for each notebook of the record.
    manifest : mapping
        The build record the build passes: `notebooks` (name, parameters, notebook, page,
        figures, and `variant_of` for a sweep's variant), `inputs` (path, sha256),
        `package`, `python`, `package_versions`, `git`, `sweeps` (notebook, names,
        variants: name, values, folder, page), each given a comparison page, and
        `public_url`: the run folder's public address, from which the article's
        ClaimReviews take their addresses ("" or absent: relative ones, and the page says so).
    previous : Path, optional
        The run this one replaces as `latest`: `changes.json` and `changes.html` say what
        changed since (a first run says it has nothing to compare with).

    Returns
    -------
    list of Path
        The files written, sorted.
    """
    run_dir = Path(run_dir)
    ahead = _take_ahead(previous)
    cards = notebook_cards(run_dir, manifest)
    checked = ahead.checks(data=ahead.data)
    events = analysis.load("events")
    links = article_links(run_dir, cards, list(checked["claim"]), list(events["id"]))
    written = copy_data(run_dir)
    sweeps = sweep_pages(manifest, sweep_titles(run_dir, manifest))
    written += write_sweeps(run_dir, sweeps)
    changes = compare_runs(previous, run_dir, new_build=manifest, new_data=ahead.data,
                           old_data=ahead.previous_data, old_build=ahead.previous_build,
                           check=ahead.checks)  # fmt: skip
    written += write_changes(run_dir, changes)
    if "corrections" in ahead.data:
        written.append(write_corrections(run_dir, ahead.data["corrections"]))
    written.append(write_provenance(run_dir, manifest))
    package = manifest.get("package", {})
    address = str(manifest.get("public_url") or "")
    publication = Publication(
        article=article_record(data=ahead.data),
        reviewer=reviewer(str(package.get("name", REVIEWER)), address),
        address=address,
        dates=review_dates(data=ahead.data),
    )
    article = render_article(
        checked=checked,
        events=events,
        seed=analysis.seed_text(),
        links=links,
        sentences=analysis.load("sentences"),
        publication=publication,
        outcomes=_outcomes(ahead.data, cards),
    )
    written.append(_write(run_dir / ARTICLE_PAGE, article))
    verdicts = [str(row["verdict"]) for row in checked_rows(checked)]
    index = render_index(
        run_dir,
        manifest,
        cards,
        verdicts,
        len(events),
        changes=change_summary(changes),
        sweeps=sweeps,
    )
    written.append(_write(run_dir / "index.html", index))
    return sorted(written)


def render_index(
    run_dir: Path,
    manifest: Mapping[str, Any],
    cards: Sequence[NotebookCard],
    verdicts: Sequence[str],
    event_count: int,
    *,
    changes: ChangeSummary | None = None,
    sweeps: Sequence[SweepPage] = (),
    templates: Path = TEMPLATES_DIR,
    data_dir: Path = DATA_DIR,
) -> str:
    """The landing page: the brief's opening, a card per notebook, what changed, the article,
    the data, and the code the run was built with (the provenance page holds the rest).

    Parameters
    ----------
    run_dir : Path
        The run folder (links in the brief are checked against it).
    manifest : mapping
        The build record.
    cards : sequence of NotebookCard
        The run's notebooks.
    verdicts : sequence of str
        The verdict of every claim.
    event_count : int
        How many events the article mentions.
    changes : ChangeSummary, optional
        The "What changed" section (left out when not given).
    sweeps : sequence of SweepPage
        The run's sweeps, each linked from the reports section.
    templates : Path
        The templates folder.
    data_dir : Path
        The data package.

    Returns
    -------
    str
        The page.
    """
    package = descriptor(data_dir)
    counts = [
        (verdicts.count(kind), verdict_label(kind)) for kind in VERDICT_COLOURS if kind in verdicts
    ]
    return render(
        "index.html.j2",
        templates,
        title=str(package.get("title", "Reports")),
        home_href=None,
        sections=SECTIONS,
        run_dir=run_dir,
        brief=_brief(run_dir, cards),
        brief_name=BRIEF,
        cards=cards,
        sweeps=sweeps,
        article_page=ARTICLE_PAGE,
        claim_count=len(verdicts),
        verdict_counts=counts,
        event_count=event_count,
        data_files=data_files(package, data_dir),
        descriptor=f"{SITE_DATA}/{DESCRIPTOR_NAME}",
        descriptor_name=DESCRIPTOR_NAME,
        provenance=provenance(manifest),
        provenance_page=PROVENANCE_PAGE,
        **({} if changes is None else {"changes": changes}),
    )


def _brief(run_dir: Path, cards: Sequence[NotebookCard]) -> Brief | None:
    """The brief notebook's Markdown outputs, when the run has the brief."""
    card = next((card for card in cards if card.name == BRIEF), None)
    if card is None:
        return None
    notebook = read_notebook(run_dir / card.notebook)
    return Brief(card.title, card.page, markdown_outputs(notebook))


def _outcomes(data: Mapping[str, pd.DataFrame], cards: Sequence[NotebookCard]) -> Outcomes | None:
    """The forecasts' outcomes as the data stand, and the thesis notebook's page when built."""
    if "forecast_outcomes" not in data:
        return None
    page = next((card.page for card in cards if card.name == THESIS), None)
    return Outcomes(forecast_outcomes(data=data), page)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


__all__ = ["Brief", "render_index", "write_site"]
