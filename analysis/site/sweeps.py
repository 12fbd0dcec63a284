"""A comparison page per sweep of the run: what moves across the variants, and links to each.

The build records each sweep (notebook, swept names, variants with their values and pages,
and the `measures` that pyproject's `sweep-measures` names for the notebook) in the build
record, knowing nothing of what they mean; here the site turns them into a comparison. A
sweep with measures shows each member's measures across the variants (`MEASURES` of
analysis.facts.sweeps): a chart, what moved from the first variant to the last, and a folded
table per measure. A sweep of the fact check's tolerance shows where each claim's verdict
flips as the tolerance grows; any other sweep lists its variants. Every figure is computed
by the facts layer with each variant's parameters, never read back out of a page.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.presentation.formatting import format_number, format_percent
from analysis.presentation.theme import verdict_label
from analysis.site.config import HOME
from analysis.site.templating import TEMPLATES_DIR, render, to_json

if TYPE_CHECKING:
    from analysis.presentation.charts.base import Chart

PAGE_SUFFIX = "~sweep.html"
"""A sweep's page is `<notebook>~sweep.html` in the run folder (one sweep per notebook);
its chart's files, if it has one, are in the folder `<notebook>~sweep/`."""


FOLD_AFTER = 12
"""A table of more variants than this is folded (`<details>`); the chart stays open."""


@dataclass(frozen=True)
class Cell:
    """One cell of a comparison table: its text, and whether it marks a change."""

    text: str
    changed: bool = False


@dataclass(frozen=True)
class Table:
    """A comparison table: a short caption, a note on how to read it, column headers (with
    links to the variants' pages), and rows with a header (and its link, if any). A folded
    table shows its caption and opens on demand (`<details>`)."""

    caption: str
    note: str
    corner: str
    columns: Sequence[tuple[str, str | None]]
    rows: Sequence[tuple[str, Sequence[Cell]]]
    row_links: Sequence[str | None] = ()
    folded: bool = False


@dataclass(frozen=True)
class Move:
    """How one measure moved from the first variant to the last: (member, from, to) each."""

    label: str
    members: Sequence[tuple[str, str, str]]


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
    moves: list[Move] = field(default_factory=list)
    """Each measure's first and last values per member, for the sentence above the chart."""
    span: tuple[str, str] = ("", "")
    """The first and last variants' labels that `moves` compare."""

    @property
    def folded_variants(self) -> bool:
        """Whether the list of variants is long enough to fold."""
        return len(self.variants) > FOLD_AFTER

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
        measures = [str(name) for name in sweep.get("measures") or []]
        if measures and variants:
            _measured(page, full, measures)
        elif (compare := COMPARISONS.get(tuple(names))) is not None and variants:
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


def _measured(page: SweepPage, parameters: Sequence[Mapping[str, Any]], names: list[str]) -> None:
    """Each member's configured measures across the variants: a chart, moves, folded tables.

    The variants are shown in the order of their swept values (dates ascending).
    """
    from analysis.data.loading import dataset
    from analysis.facts.sweeps import MEASURES, measures_across
    from analysis.presentation.charts.sweeps import MeasuresChart

    order = sorted(range(len(page.variants)), key=lambda i: _sort_key(page.variants[i].values))
    labels = [", ".join(page.variants[i].values) for i in order]
    frame = measures_across([(labels[k], parameters[i]) for k, i in enumerate(order)], names,
                            data=dataset())  # fmt: skip
    frame["label"] = frame["measure"].map({name: MEASURES[name].label for name in names})
    frame["unit"] = frame["measure"].map({name: MEASURES[name].unit for name in names})
    links = [page.variants[i].page for i in order]
    page.span = (labels[0], labels[-1])
    for name in names:
        rows = frame.loc[frame["measure"] == name]
        share = MEASURES[name].unit == "share"
        members = list(dict.fromkeys(str(m) for m in rows["member_name"]))
        table = rows.pivot(index="variant", columns="member_name", values="value")
        table = table.reindex(index=labels, columns=members)
        cells = []
        for k, label in enumerate(labels):
            values = [_measure_text(v, share) for v in table.loc[label]]
            before = [_measure_text(v, share) for v in table.iloc[k - 1]] if k else values
            cells.append((label, [Cell(v, v != b) for v, b in zip(values, before, strict=True)]))
        page.tables.append(Table(
            MEASURES[name].label, "In bold, a value that differs from the variant's before.",
            " ".join(page.names), [(m, None) for m in members], cells, links,
            folded=len(labels) > FOLD_AFTER,
        ))  # fmt: skip
        page.moves.append(Move(MEASURES[name].label, [
            (m, _measure_text(table.iloc[0][m], share), _measure_text(table.iloc[-1][m], share))
            for m in members
        ]))  # fmt: skip
    page.chart = MeasuresChart(frame)


def _sort_key(values: Sequence[str]) -> tuple[Any, ...]:
    """Numbers by value, anything else (ISO dates included) as text."""
    key: list[Any] = []
    for value in values:
        try:
            key.append((0, float(value), ""))
        except ValueError:
            key.append((1, 0.0, value))
    return tuple(key)


def _measure_text(value: Any, share: bool) -> str:
    if value is None or pd.isna(value):
        return "–"
    return format_percent(float(value) * 100, 0) if share else format_number(float(value))


COMPARISONS: dict[tuple[str, ...], Callable[[SweepPage, Sequence[Mapping[str, Any]]], None]] = {
    ("tolerance_pp",): _tolerances,
}
"""What a sweep's page compares, by the names swept, when pyproject names no measures for
its notebook; any other sweep lists its variants."""
