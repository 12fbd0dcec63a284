"""A comparison page per sweep of the run: what moves across the variants, and links to each.

The build records each sweep (notebook, swept names, variants with their values and pages)
in the build record, knowing nothing of what the parameters mean; here the site decides
what to compare. A sweep of the fact check's tolerance shows where each claim's verdict
flips as the tolerance grows; a sweep of the cohesion cut-off date shows the counts per
member over the dates; any other sweep lists its variants. Every figure is computed by the
facts layer with each variant's parameters, never read back out of a page.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.presentation.theme import verdict_label
from analysis.site.config import HOME
from analysis.site.templating import TEMPLATES_DIR, render, to_json

if TYPE_CHECKING:
    from analysis.presentation.charts.base import Chart

PAGE_SUFFIX = "~sweep.html"
"""A sweep's page is `<notebook>~sweep.html` in the run folder (one sweep per notebook);
its chart's files, if it has one, are in the folder `<notebook>~sweep/`."""


@dataclass(frozen=True)
class Cell:
    """One cell of a comparison table: its text, and whether it marks a change."""

    text: str
    changed: bool = False


@dataclass(frozen=True)
class Table:
    """A comparison table: a short caption, a note on how to read it, column headers (with
    links to the variants' pages), and rows with a header."""

    caption: str
    note: str
    corner: str
    columns: Sequence[tuple[str, str | None]]
    rows: Sequence[tuple[str, Sequence[Cell]]]


@dataclass(frozen=True)
class Variant:
    """A variant of the sweep: its name, its page, its swept values as text."""

    name: str
    page: str
    values: list[str]


@dataclass
class SweepPage:
    """What a sweep's page shows, as plain data for its template."""

    notebook: str
    title: str
    href: str
    names: list[str]
    variants: list[Variant]
    summary: str = ""
    tables: list[Table] = field(default_factory=list)
    chart: Chart | None = None

    @property
    def figures(self) -> str:
        """The folder of the page's chart files, relative to the run folder."""
        return self.href.removesuffix(".html")


def sweep_pages(build: Mapping[str, Any], titles: Mapping[str, str]) -> list[SweepPage]:
    """A page per sweep of the build record, its comparison computed by the facts layer.

    Parameters
    ----------
    build : mapping
        The build record: `sweeps` (notebook, names, variants with name, values, page)
        and `notebooks` (each variant's full `parameters`).
    titles : mapping of str to str
        Notebook titles by name, for the page's heading.

    Returns
    -------
    list of SweepPage
        In the record's order; none when the run has no sweep.
    """
    parameters = {
        str(nb["name"]): dict(nb.get("parameters") or {}) for nb in build.get("notebooks") or []
    }
    pages = []
    for sweep in build.get("sweeps") or []:
        notebook, names = str(sweep["notebook"]), [str(n) for n in sweep["names"]]
        records = list(sweep["variants"])
        variants = [
            Variant(str(v["name"]), str(v["page"]), [_value(v["values"][n]) for n in names])
            for v in records
        ]
        full = [parameters.get(str(v["name"]), dict(v["values"])) for v in records]
        page = SweepPage(notebook, titles.get(notebook, notebook), notebook + PAGE_SUFFIX,
                         names, variants)  # fmt: skip
        compare = COMPARISONS.get(tuple(names))
        if compare is not None and variants:
            compare(page, full)
        pages.append(page)
    return pages


def write_sweeps(
    run_dir: Path, pages: Sequence[SweepPage], *, templates: Path = TEMPLATES_DIR
) -> list[Path]:
    """Write each sweep's page into the run folder; return the files written."""
    written = []
    for page in pages:
        text = render(
            "sweep.html.j2",
            templates,
            title=f"Sweep: {page.title}",
            home_href=HOME,
            sections=(),
            sweep=page,
        )
        path = Path(run_dir) / page.href
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
        if page.chart is not None:
            written += page.chart.save(Path(run_dir) / page.figures).values()
    return sorted(written)


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return value if isinstance(value, str) else to_json(value)


def _arguments(function: Callable[..., Any], parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The variant's parameters that `function` takes, by name."""
    accepted = set(inspect.signature(function).parameters) - {"data"}
    return {name: value for name, value in parameters.items() if name in accepted}


def _tolerances(page: SweepPage, parameters: Sequence[Mapping[str, Any]]) -> None:
    """Where each claim's verdict flips as the tolerance grows, and the counts per verdict."""
    from analysis.data.loading import dataset
    from analysis.facts.factcheck import fact_check
    from analysis.facts.sweeps import verdict_counts_across, verdicts_across

    data = dataset()
    checks = {
        float(p["tolerance_pp"]): fact_check(**_arguments(fact_check, p), data=data)
        for p in parameters
    }
    frame = verdicts_across(checks)
    tolerances = sorted(checks)
    order = sorted(range(len(page.variants)), key=lambda i: float(parameters[i]["tolerance_pp"]))
    columns = [(f"{tolerances[k]:g} pp", page.variants[i].page) for k, i in enumerate(order)]
    rows = [
        (str(claim), [Cell(verdict_label(r.verdict) + (" (flips)" if r.flipped else ""),
                           bool(r.flipped))
                      for r in group.itertuples()])
        for claim, group in frame.groupby("claim", sort=False)
    ]  # fmt: skip
    flipped = list(dict.fromkeys(frame.loc[frame["flipped"], "claim"]))
    low, high = f"{tolerances[0]:g}", f"{tolerances[-1]:g}"
    page.summary = (
        f"{len(flipped)} of {len(rows)} claims change verdict as the tolerance grows from {low}"
        f" to {high} percentage points{': ' + ', '.join(flipped) if flipped else ''}."
        " Statements are judged without a tolerance and are left out."
    )
    page.tables.append(
        Table("Verdict per claim and tolerance", "(flips) marks a verdict that differs from the"
              " claim's verdict at the next smaller tolerance.", "Claim", columns, rows)
    )  # fmt: skip
    counts = verdict_counts_across(frame)
    page.tables.append(
        Table("Claims per verdict and tolerance", "", "Verdict", columns,
              [(verdict_label(verdict), [Cell(str(n)) for n in counts[verdict]])
               for verdict in counts])
    )  # fmt: skip


def _dates(page: SweepPage, parameters: Sequence[Mapping[str, Any]]) -> None:
    """Events per member at each cut-off date: all of them, and the distancing ones."""
    from analysis.data.loading import dataset
    from analysis.facts.cohesion import direction_counts
    from analysis.facts.sweeps import member_counts_across
    from analysis.presentation.charts.sweeps import MemberCountsChart

    data = dataset()
    counts = {
        str(p["as_of"]): direction_counts(**_arguments(direction_counts, p), data=data)
        for p in parameters
    }
    frame = member_counts_across(counts)
    dates = sorted(counts)
    pages = {str(p["as_of"]): v.page for p, v in zip(parameters, page.variants, strict=True)}
    columns = [(date, pages[date]) for date in dates]
    note = (
        "The events a member takes part in that start up to each date; in bold, a count that"
        " differs from the one at the date before."
    )
    for measure, caption in (
        ("events", "Events per member and date"),
        ("distancing", "Distancing events per member and date"),
    ):
        rows = []
        for _, group in frame.groupby("member", sort=False):
            values = list(group[measure])
            cells = [Cell(str(n), k > 0 and n != values[k - 1]) for k, n in enumerate(values)]
            rows.append((str(group["member_name"].iloc[0]), cells))
        page.tables.append(Table(caption, note, "Member", columns, rows))
        note = ""
    first, last = frame.loc[frame["as_of"] == dates[0]], frame.loc[frame["as_of"] == dates[-1]]
    page.summary = (
        f"From {dates[0]} to {dates[-1]} the members' events counted go from"
        f" {int(first['events'].sum())} to {int(last['events'].sum())} member participations,"
        f" the distancing ones from {int(first['distancing'].sum())} to"
        f" {int(last['distancing'].sum())}."
    )
    page.chart = MemberCountsChart(frame)


COMPARISONS: dict[tuple[str, ...], Callable[[SweepPage, Sequence[Mapping[str, Any]]], None]] = {
    ("tolerance_pp",): _tolerances,
    ("as_of",): _dates,
}
"""What a sweep's page compares, by the names swept; any other sweep lists its variants."""
