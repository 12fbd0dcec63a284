"""Charts of the report's tidy frames, their alt text, and byte-deterministic saving and display."""

from __future__ import annotations

import base64
import io
import math
import os
import re
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from analysis.errors import ParameterError
from analysis.facts.lookups import distinct_sources, records
from analysis.paths import REPORTS_DIR
from analysis.presentation import theme
from analysis.presentation.formatting import (
    format_date,
    format_list,
    format_number,
    format_percent,
    format_pp,
    format_stated,
    format_value,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FIGURES_ENV = "CSTO_FIGURES_DIR"
"""Environment variable naming the folder figures are saved in (the report build sets it)."""

DEFAULT_FIGURES_DIR = REPORTS_DIR / "interactive"
"""Where figures go when `CSTO_FIGURES_DIR` is not set: never the working directory."""

FLOAT_FORMAT = "%.10g"
"""How floats are written into a figure's CSV: ten significant digits, the same on every run."""

CAPTION_WIDTH = 125
"""Characters per line of a source caption."""

MAX_CAPTION_SOURCES = 6
"""A caption names at most this many sources and counts the rest (they are in the CSV)."""

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


# --- saving --------------------------------------------------------------------------------


def figures_dir() -> Path:
    """The folder figures are saved in: `$CSTO_FIGURES_DIR`, else `reports/interactive/`."""
    value = os.environ.get(FIGURES_ENV)
    if value:
        return Path(value).expanduser().resolve()
    return DEFAULT_FIGURES_DIR


def save_figure(fig: Figure, name: str, data: pd.DataFrame, alt: str) -> dict[str, Path]:
    """Write `<name>.png`, `.svg` and `.csv`, display the PNG with its alt text, close the figure.

    The three files are byte-identical whenever the figure and the data are the same:
    the PNG and SVG carry no software, date or random ids, and the CSV has a fixed
    float format and line ending.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure made by one of this module's ``plot_`` functions.
    name : str
        File stem: lower-case letters, digits and hyphens.
    data : pandas.DataFrame
        The data the figure plots; written as the CSV (with its index when the index
        is named).
    alt : str
        Alt text, made by the matching ``*_alt`` function from the same data.

    Returns
    -------
    dict
        The paths written, under the keys 'png', 'svg' and 'csv'.

    Raises
    ------
    analysis.errors.ParameterError
        A name that is not a plain file stem, or empty alt text.
    """
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ParameterError(f"figure name {name!r} must be lower-case letters, digits and hyphens")
    if not isinstance(alt, str) or not alt.strip():
        raise ParameterError(f"figure {name!r} needs alt text")
    png = figure_bytes(fig, "png")
    svg = figure_bytes(fig, "svg")
    csv = data_csv(data)
    folder = figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "png": folder / f"{name}.png",
        "svg": folder / f"{name}.svg",
        "csv": folder / f"{name}.csv",
    }
    for kind, content in (("png", png), ("svg", svg), ("csv", csv)):
        _write_atomically(paths[kind], content)
    _display_png(png, alt)
    _close(fig)
    return paths


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes, without metadata that varies between runs."""
    metadata: dict[str, Any] = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
    }[fmt]
    buffer = io.BytesIO()
    with theme.theme_context():
        fig.savefig(
            buffer,
            format=fmt,
            dpi=theme.DPI,
            metadata=metadata,
            bbox_inches="tight",
            pad_inches=0.15,
            facecolor="white",
        )
    return buffer.getvalue()


def data_csv(data: pd.DataFrame) -> bytes:
    """A frame as UTF-8 CSV bytes: fixed float format, ISO dates, '\\n' line ends."""
    index = any(level is not None for level in data.index.names)
    text = data.to_csv(
        index=index,
        float_format=FLOAT_FORMAT,
        date_format="%Y-%m-%d",
        lineterminator="\n",
    )
    return text.encode("utf-8")


def source_caption(sources: Iterable[Any], in_csv: bool = True) -> str:
    """'Source: …' or 'Sources: …; …', from the data's source fields (distinct, in order).

    A source field that lists several sources ('A; B') counts as each of them. Beyond
    `MAX_CAPTION_SOURCES` sources, the caption names the first and counts the rest,
    saying that the CSV names them when `in_csv`.
    """
    parts = [part for source in distinct_sources(sources) for part in source.split("; ")]
    distinct = distinct_sources(parts)
    if not distinct:
        return ""
    if len(distinct) > MAX_CAPTION_SOURCES:
        rest = len(distinct) - MAX_CAPTION_SOURCES + 1
        more = f"{rest} more sources" + (" named in the CSV" if in_csv else "")
        named = [*distinct[: MAX_CAPTION_SOURCES - 1], more]
    else:
        named = distinct
    label = "Source" if len(distinct) == 1 else "Sources"
    return f"{label}: " + "; ".join(named) + "."


# --- the census chart ----------------------------------------------------------------------


def plot_census_shares(frame: pd.DataFrame) -> Figure:
    """Line chart of each group's census share, with the article's figures as marked points.

    Parameters
    ----------
    frame : pandas.DataFrame
        From `analysis.census_chart_frame`. The article's figures are hollow markers,
        shaped by their verdict.
    """
    census = frame.loc[frame["series"] == "census"]
    article = frame.loc[frame["series"] == "article"]
    groups = list(dict.fromkeys(census["group"].astype(str)))
    colors = theme.category_colors(groups)
    means = census.groupby("group", sort=False)["share"].mean()
    upper = {group: means[group] >= means.median() for group in groups}
    with theme.theme_context():
        fig, ax = _figure(4.8)
        for group in groups:
            part = census.loc[census["group"] == group]
            ax.plot(
                part["year"].astype(float),
                part["share"].astype(float),
                marker="o",
                color=colors[group],
                label=f"{group} (census)",
                linewidth=2,
            )
            above = 1 if upper[group] else -1
            for year, share in zip(part["year"], part["share"], strict=True):
                ax.annotate(
                    format_percent(share),
                    (float(year), float(share)),
                    textcoords="offset points",
                    xytext=(0, 9 * above),
                    ha="center",
                    va="bottom" if above > 0 else "top",
                    fontsize=8.5,
                    color=colors[group],
                )
        for row in records(article):
            verdict, group = str(row.verdict), str(row.group)
            color = colors.get(group, theme.BLACK)
            ax.scatter(
                [float(row.year)],
                [float(row.share)],
                s=80,
                zorder=3,
                linewidths=1.8,
                marker=theme.VERDICT_MARKERS.get(verdict, "D"),
                facecolors="white",
                edgecolors=color,
            )
            stated = format_stated(row.share, "percent", str(row.comparator))
            ax.annotate(
                f"article, {row.year}: {stated} ({verdict})",
                (float(row.year), float(row.share)),
                textcoords="offset points",
                xytext=(9, 5 if upper.get(group, True) else -5),
                va="center",
                fontsize=8,
                color=theme.BLACK,
            )
        for verdict in dict.fromkeys(article["verdict"].astype(str)):
            ax.scatter(
                [],
                [],
                marker=theme.VERDICT_MARKERS.get(verdict, "D"),
                facecolors="white",
                edgecolors=theme.BLACK,
                label=f"Article's figure: {verdict}",
            )
        years = sorted({int(year) for year in census["year"]})
        every = sorted({int(year) for year in frame["year"]})
        ax.set_xticks(years)
        ax.set_xticklabels([str(year) for year in years])
        span = max(every[-1] - every[0], 1)
        ax.set_xlim(every[0] - 0.04 * span, every[-1] + 0.25 * span)
        ax.set_ylim(0, 100)
        ax.set_xlabel("Census year (the article's figures at the year they refer to)")
        ax.set_ylabel("Share of Kazakhstan's population (%)")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        _finish(
            fig,
            f"Ethnic shares of Kazakhstan's population, censuses {_span(census)}",
            _caption(frame),
        )
    return fig


def census_shares_alt(frame: pd.DataFrame) -> str:
    """Alt text for `plot_census_shares`: every share plotted, and the article's figures."""
    census = frame.loc[frame["series"] == "census"]
    article = frame.loc[frame["series"] == "article"]
    lines = []
    for group, part in census.groupby("group", sort=False):
        values = [
            f"{format_percent(s)} ({y})" for y, s in zip(part["year"], part["share"], strict=True)
        ]
        lines.append(f"{group} {', '.join(values)}")
    text = (
        f"Line chart of ethnic shares of Kazakhstan's population at the censuses "
        f"{_span(census)}: " + "; ".join(lines) + "."
    )
    if not article.empty:
        marks = [
            f"{row.group} {format_stated(row.share, 'percent', str(row.comparator))} "
            f"({row.year}, {row.verdict})"
            for row in records(article)
        ]
        text += " The article's figures are marked: " + "; ".join(marks) + "."
    return text


# --- Western engagement --------------------------------------------------------------------


def plot_engagement(frame: pd.DataFrame) -> Figure:
    """Bars of the article's figures on Western partners beside the reference values, by unit.

    Parameters
    ----------
    frame : pandas.DataFrame
        From `analysis.engagement_chart_frame`.
    """
    units = list(dict.fromkeys(frame["unit"].astype(str)))
    with theme.theme_context():
        claims_per_unit = [frame.loc[frame["unit"] == unit, "claim"].nunique() for unit in units]
        height = 1.6 + 0.75 * sum(claims_per_unit) + 0.6 * len(units)
        fig, axes = _panels(height, claims_per_unit)
        for ax, unit in zip(axes, units, strict=True):
            _engagement_panel(ax, frame.loc[frame["unit"] == unit], unit)
        handles = [
            _patch(theme.GREY, "", "The article's figure", fill=False),
            *[
                _patch(theme.VERDICT_COLORS[v], theme.VERDICT_HATCHES[v], f"Reference: {v}")
                for v in dict.fromkeys(frame.loc[frame["series"] == "reference", "verdict"])
            ],
        ]
        axes[0].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0))
        partners = format_list(list(dict.fromkeys(frame["partner_name"].astype(str))))
        _finish(fig, f"{partners} in Kazakhstan: the article against references", _caption(frame))
    return fig


def _engagement_panel(ax: Axes, part: pd.DataFrame, unit: str) -> None:
    claims = list(dict.fromkeys(part["claim"]))
    height = 0.38
    scale = 1e9 if unit == "USD" else 1.0
    for position, claim in enumerate(claims):
        rows = part.loc[part["claim"] == claim]
        article = rows.loc[rows["series"] == "article"].iloc[0]
        y = len(claims) - 1 - position
        value = float(article["value"])
        ax.barh(
            y + height / 2,
            value / scale,
            height=height,
            color="white",
            edgecolor=theme.BLACK,
            linewidth=1.2,
        )
        ax.annotate(
            format_stated(value, unit, str(article["comparator"])),
            (value / scale, y + height / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8.5,
        )
        reference = rows.loc[rows["series"] == "reference"]
        verdict = str(article["verdict"])
        if reference.empty:
            ax.annotate(
                f"no reference: {verdict}",
                (0, y - height / 2),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
                color=theme.VERDICT_COLORS.get(verdict, theme.GREY),
            )
        else:
            ref = float(reference["value"].iloc[0])
            ax.barh(
                y - height / 2,
                ref / scale,
                height=height,
                color=theme.VERDICT_COLORS.get(verdict, theme.GREY),
                hatch=theme.VERDICT_HATCHES.get(verdict, ""),
                edgecolor="white",
            )
            ax.annotate(
                f"{format_value(ref, unit)} ({verdict})",
                (ref / scale, y - height / 2),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
            )
    ax.set_yticks(range(len(claims)))
    labels = [str(part.loc[part["claim"] == c, "indicator"].iloc[0]) for c in claims]
    ax.set_yticklabels([textwrap.fill(label, 28) for label in reversed(labels)])
    top = float(part["value"].astype(float).max()) / scale
    ax.set_xlim(0, top * 1.35 if top > 0 else 1)
    if unit == "percent":
        ax.set_xlabel("Share (%)")
    elif unit == "USD":
        ax.set_xlabel("US dollars (billions)")
    else:
        ax.set_xlabel(unit.capitalize())
    ax.grid(axis="y", visible=False)


def engagement_alt(frame: pd.DataFrame) -> str:
    """Alt text for `plot_engagement`: each figure the article states, its reference and verdict."""
    items = []
    for claim in dict.fromkeys(frame["claim"]):
        rows = frame.loc[frame["claim"] == claim]
        article = rows.loc[rows["series"] == "article"].iloc[0]
        unit = str(article["unit"])
        reference = rows.loc[rows["series"] == "reference"]
        given = (
            f"reference {format_value(reference['value'].iloc[0], unit)}"
            if not reference.empty
            else "no reference"
        )
        items.append(
            f"{article['indicator']}: article "
            f"{format_stated(article['value'], unit, str(article['comparator']))}, {given} "
            f"({article['verdict']})"
        )
    partners = format_list(list(dict.fromkeys(frame["partner_name"].astype(str))))
    return (
        f"Bar chart of the article's figures on {partners} in Kazakhstan beside reference "
        "values: " + "; ".join(items) + "."
    )


# --- alliance cohesion ---------------------------------------------------------------------


def plot_timeline(frame: pd.DataFrame) -> Figure:
    """Timeline of events by member (rows) and direction (colour and marker).

    Parameters
    ----------
    frame : pandas.DataFrame
        From `analysis.cohesion_events`. An event that spans days is drawn as a line to
        its end; one known only to the month or year as a dotted line across that period.
    """
    import matplotlib.dates as mdates

    members = [str(m) for m in frame["member"].cat.categories]
    names = {**frame.attrs.get("member_names", {})}
    directions = [str(d) for d in frame["direction"].cat.categories]
    offsets = {d: 0.27 - 0.18 * index for index, d in enumerate(directions)}
    with theme.theme_context():
        fig, ax = _figure(1.6 + 0.55 * len(members))
        for row in records(frame):
            direction = str(row.direction)
            y = len(members) - 1 - members.index(str(row.member)) + offsets[direction]
            color = theme.DIRECTION_COLORS[direction]
            start = pd.Timestamp(row.date)
            end = _period_end(start, str(row.date_precision), row.end_date)
            if end is not None:
                style = "-" if not pd.isna(row.end_date) else ":"
                ax.plot(
                    mdates.date2num([start, end]),
                    [y, y],
                    color=color,
                    linestyle=style,
                    linewidth=2,
                    solid_capstyle="butt",
                )
            ax.plot(
                mdates.date2num([start]),
                [y],
                marker=theme.DIRECTION_MARKERS[direction],
                color=color,
                markersize=8,
                markeredgecolor="white",
                markeredgewidth=0.6,
                linestyle="",
            )
        ax.set_yticks(range(len(members)))
        ax.set_yticklabels([names.get(m, m) for m in reversed(members)])
        ax.set_ylim(-0.6, len(members) - 0.4)
        since, as_of = frame.attrs.get("since"), frame.attrs.get("as_of")
        if since and as_of:
            first, last = pd.Timestamp(since), pd.Timestamp(as_of)
            pad = (last - first) * 0.02
            ax.set_xlim(float(mdates.date2num(first - pad)), float(mdates.date2num(last + pad)))
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
        ax.grid(axis="x", which="minor", linewidth=0.4)
        ax.set_xlabel("Date (events dated to the day, month or year)")
        ax.set_ylabel("CSTO member")
        handles = [
            _line(theme.DIRECTION_COLORS[d], theme.DIRECTION_MARKERS[d], theme.DIRECTION_LABELS[d])
            for d in directions
        ]
        handles += [
            _line(theme.GREY, "", "Span of the event", style="-"),
            _line(theme.GREY, "", "Date known to the month or year", style=":"),
        ]
        ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5))
        _finish(
            fig, f"Events of the CSTO's members by direction, {_period(frame)}", _caption(frame)
        )
    return fig


def timeline_alt(frame: pd.DataFrame) -> str:
    """Alt text for `plot_timeline`: the period, and each member's events by direction."""
    unique = frame.drop_duplicates("event")
    names = frame.attrs.get("member_names", {})
    lines = []
    for member, part in frame.groupby("member", observed=False, sort=True):
        name = str(names.get(str(member), member))
        counts = part["direction"].value_counts(sort=False)
        listed = [
            f"{int(n)} {theme.DIRECTION_LABELS[str(d)].lower()}" for d, n in counts.items() if n
        ]
        lines.append(f"{name}: {', '.join(listed) if listed else 'no event'}")
    return (
        f"Timeline of {len(unique)} event{'s' * (len(unique) != 1)}, {_period(frame)}, "
        "by CSTO member and direction: " + "; ".join(lines) + "."
    )


def plot_kind_heatmap(matrix: pd.DataFrame) -> Figure:
    """Heatmap of how many events of each kind each member takes part in.

    Parameters
    ----------
    matrix : pandas.DataFrame
        From `analysis.kind_matrix`.
    """
    import seaborn as sns

    with theme.theme_context():
        fig, ax = _figure(1.8 + 0.5 * len(matrix))
        sns.heatmap(
            matrix,
            annot=True,
            fmt="d",
            cmap=theme.sequential_cmap(),
            vmin=0,
            linewidths=0.8,
            linecolor="white",
            cbar_kws={"label": "Events (count)"},
            ax=ax,
        )
        ax.set_xlabel("Kind of event")
        ax.set_ylabel("CSTO member (ISO 3166-1 alpha-3)")
        ax.tick_params(axis="y", rotation=0)
        ax.tick_params(axis="x", rotation=0, labelsize=8.5)
        ax.grid(visible=False)
        _finish(fig, f"Events by member and kind, {_period(matrix)}", _caption(matrix))
    return fig


def kind_heatmap_alt(matrix: pd.DataFrame) -> str:
    """Alt text for `plot_kind_heatmap`: each member's non-zero counts by kind."""
    lines = []
    for member, row in matrix.iterrows():
        counts = [f"{kind} {int(n)}" for kind, n in row.items() if n]
        lines.append(f"{member}: {', '.join(counts) if counts else 'none'}")
    return (
        f"Heatmap of event counts by CSTO member and kind of event, {_period(matrix)}: "
        + "; ".join(lines)
        + "."
    )


def plot_distancing(frame: pd.DataFrame) -> Figure:
    """Horizontal bars of the distancing events of each member.

    Parameters
    ----------
    frame : pandas.DataFrame
        From `analysis.distancing_counts`.
    """
    from matplotlib.ticker import MaxNLocator

    with theme.theme_context():
        fig, ax = _figure(1.6 + 0.45 * len(frame))
        names = [str(name) for name in frame["member_name"]][::-1]
        counts = [int(n) for n in frame["events"]][::-1]
        ax.barh(
            names,
            counts,
            color=theme.DIRECTION_COLORS["distancing"],
            hatch=theme.DIRECTION_HATCHES["distancing"],
            edgecolor="white",
        )
        for y, count in enumerate(counts):
            ax.annotate(
                format_number(count),
                (count, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
            )
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0, max([*counts, 1]) * 1.15)
        ax.set_xlabel("Distancing events (count)")
        ax.set_ylabel("CSTO member")
        ax.grid(axis="y", visible=False)
        _finish(fig, f"Distancing events per member, {_period(frame)}", _caption(frame))
    return fig


def distancing_alt(frame: pd.DataFrame) -> str:
    """Alt text for `plot_distancing`: every member's count."""
    counts = [
        f"{name} {int(n)}" for name, n in zip(frame["member_name"], frame["events"], strict=True)
    ]
    return (
        f"Bar chart of distancing events per CSTO member, {_period(frame)}: "
        + ", ".join(counts)
        + "."
    )


# --- the fact check ------------------------------------------------------------------------


def plot_claim_bands(frame: pd.DataFrame) -> Figure:
    """Each claim's admitted interval and tolerance band, with its reference marked by verdict.

    Parameters
    ----------
    frame : pandas.DataFrame
        From `analysis.claim_bands`: percentages in one panel (percentage points from
        the stated figure), other units in another (percent of the stated figure).
    """
    scales = [s for s in ("pp", "relative") if (frame["scale"] == s).any()]
    with theme.theme_context():
        sizes = [int((frame["scale"] == s).sum()) for s in scales]
        fig, axes = _panels(1.8 + 0.42 * sum(sizes) + 0.5 * len(scales), sizes)
        for ax, scale in zip(axes, scales, strict=True):
            _bands_panel(ax, frame.loc[frame["scale"] == scale], scale)
        verdicts = list(dict.fromkeys(frame["verdict"].astype(str)))
        handles = [
            _patch("#555555", "", "What the claim admits"),
            _patch("#D9D9D9", "", "Tolerance band (close)"),
            *[
                _line(theme.VERDICT_COLORS[v], theme.VERDICT_MARKERS[v], f"Reference: {v}")
                for v in verdicts
            ],
        ]
        axes[0].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0))
        _finish(fig, "The article's claims against their references", _caption(frame))
    return fig


def _bands_panel(ax: Axes, part: pd.DataFrame, scale: str) -> None:
    finite = [
        float(v)
        for col in ("band_low", "band_high", "offset")
        for v in part[col]
        if math.isfinite(float(v))
    ]
    low, high = min([*finite, 0.0]), max([*finite, 0.0])
    margin = 0.08 * (high - low or 1.0)
    left, right = low - margin, high + margin
    n = len(part)
    for position, row in enumerate(records(part)):
        y = n - 1 - position
        band = (_clip(row.band_low, left, right), _clip(row.band_high, left, right))
        interval = (_clip(row.low, left, right), _clip(row.high, left, right))
        ax.barh(y, band[1] - band[0], left=band[0], height=0.5, color="#D9D9D9")
        ax.barh(y, interval[1] - interval[0], left=interval[0], height=0.22, color="#555555")
        verdict = str(row.verdict)
        ax.plot(
            [float(row.offset)],
            [y],
            marker=theme.VERDICT_MARKERS.get(verdict, "o"),
            color=theme.VERDICT_COLORS.get(verdict, theme.GREY),
            markersize=9,
            markeredgecolor=theme.BLACK,
            markeredgewidth=0.6,
            linestyle="",
        )
    ax.axvline(0, color=theme.BLACK, linewidth=0.8)
    ax.set_xlim(left, right)
    ax.set_yticks(range(n))
    labels = [
        textwrap.fill(
            f"{row.indicator}: {format_stated(row.value, str(row.unit), str(row.comparator))}", 32
        )
        for row in records(part)
    ]
    ax.set_yticklabels(list(reversed(labels)))
    ax.set_ylim(-0.6, n - 0.4)
    ax.grid(axis="y", visible=False)
    tolerance = float(part["tolerance"].iloc[0])
    if scale == "pp":
        ax.set_title(
            f"Percentages: close within {format_pp(tolerance, signed=False)}",
            loc="left",
            fontsize=11,
        )
        ax.set_xlabel("Reference minus the article's figure (percentage points)")
    else:
        ax.set_title(
            f"Other figures: close within {format_percent(tolerance, 0)} of the value",
            loc="left",
            fontsize=11,
        )
        ax.set_xlabel("Reference minus the article's figure (% of the article's figure)")


def claim_bands_alt(frame: pd.DataFrame) -> str:
    """Alt text for `plot_claim_bands`: each claim, its reference, the distance and the verdict."""
    items = []
    for row in records(frame):
        stated = format_stated(row.value, str(row.unit), str(row.comparator))
        distance = (
            format_pp(row.offset)
            if row.scale == "pp"
            else format_number(round(float(row.offset), 1), 1).join(["", "%"])
        )
        items.append(
            f"{row.indicator} {stated}: reference {format_value(row.reference, str(row.unit))} "
            f"({distance}, {row.verdict})"
        )
    return (
        f"Dot chart of {len(frame)} claims against their references with each claim's "
        f"interval and tolerance band ({_tolerance_text(frame)}): " + "; ".join(items) + "."
    )


def plot_verdict_counts(frame: pd.DataFrame) -> Figure:
    """Horizontal bars of how many claims get each verdict.

    Parameters
    ----------
    frame : pandas.DataFrame
        From `analysis.verdict_counts`.
    """
    from matplotlib.ticker import MaxNLocator

    with theme.theme_context():
        fig, ax = _figure(2.8)
        verdicts = [str(v) for v in frame["verdict"]][::-1]
        counts = [int(n) for n in frame["claims"]][::-1]
        for y, (verdict, count) in enumerate(zip(verdicts, counts, strict=True)):
            ax.barh(
                y,
                count,
                color=theme.VERDICT_COLORS[verdict],
                hatch=theme.VERDICT_HATCHES[verdict],
                edgecolor="white",
            )
            ax.annotate(
                format_number(count),
                (count, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
            )
        ax.set_yticks(range(len(verdicts)))
        ax.set_yticklabels(verdicts)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0, max([*counts, 1]) * 1.15)
        ax.set_xlabel("Claims (count)")
        ax.set_ylabel("Verdict")
        ax.grid(axis="y", visible=False)
        total = sum(counts)
        _finish(
            fig, f"The article's {total} quantitative claims by fact-check verdict", _caption(frame)
        )
    return fig


def verdict_counts_alt(frame: pd.DataFrame) -> str:
    """Alt text for `plot_verdict_counts`: the count of each verdict."""
    counts = [f"{v} {int(n)}" for v, n in zip(frame["verdict"], frame["claims"], strict=True)]
    total = int(frame["claims"].sum())
    return f"Bar chart of the article's {total} claims by verdict: " + ", ".join(counts) + "."


# --- helpers -------------------------------------------------------------------------------


def _figure(height: float) -> tuple[Figure, Axes]:
    """A figure outside pyplot (so no backend shows it twice) with constrained layout."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(theme.FIGURE_WIDTH, height), layout="constrained")
    return fig, fig.add_subplot()


def _panels(height: float, height_ratios: list[int]) -> tuple[Figure, list[Axes]]:
    """A figure with one panel per entry of `height_ratios`, stacked."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(theme.FIGURE_WIDTH, height), layout="constrained")
    axes = fig.subplots(len(height_ratios), 1, height_ratios=height_ratios, squeeze=False)
    return fig, list(axes[:, 0])


def _finish(fig: Figure, title: str, caption: str) -> None:
    """Title above the chart; the source caption under it, wrapped."""
    fig.suptitle(title, x=0.0, ha="left", fontsize=13, fontweight="bold")
    if caption:
        fig.text(
            0.0,
            -0.01,
            textwrap.fill(caption, CAPTION_WIDTH),
            ha="left",
            va="top",
            fontsize=theme.CAPTION_SIZE,
            color="#444444",
        )


def _span(frame: pd.DataFrame) -> str:
    years = sorted({int(year) for year in frame["year"]})
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def _period(frame: pd.DataFrame) -> str:
    since, as_of = frame.attrs.get("since"), frame.attrs.get("as_of")
    if since and as_of:
        return f"{format_date(since)} to {format_date(as_of)}"
    return "all dates"


def _caption(frame: pd.DataFrame) -> str:
    """The caption from the frame's source column, else from the sources in its attrs."""
    if "source" in frame.columns:
        return source_caption(frame["source"])
    return source_caption(frame.attrs.get("sources", []), in_csv=False)


def _tolerance_text(frame: pd.DataFrame) -> str:
    parts = []
    for scale, size in frame.groupby("scale", sort=False)["tolerance"].first().items():
        if scale == "pp":
            parts.append(f"tolerance ±{format_pp(size, signed=False)} for percentages")
        else:
            parts.append(f"±{format_percent(size, 0)} of the value for other figures")
    return ", ".join(parts)


def _period_end(start: pd.Timestamp, precision: str, end_date: Any) -> pd.Timestamp | None:
    """Where an event's line ends: its end date, or the end of an imprecise date's period."""
    if not pd.isna(end_date):
        return pd.Timestamp(end_date)
    if precision == "year":
        return start + pd.offsets.YearEnd(0)
    if precision == "month":
        return start + pd.offsets.MonthEnd(0)
    return None


def _clip(value: float, low: float, high: float) -> float:
    return min(max(float(value), low), high)


def _patch(color: str, hatch: str, label: str, fill: bool = True) -> Any:
    from matplotlib.patches import Patch

    if fill:
        return Patch(facecolor=color, hatch=hatch, edgecolor="white", label=label)
    return Patch(facecolor="white", edgecolor=theme.BLACK, label=label)


def _line(color: str, marker: str, label: str, style: Literal["-", ":", "None"] = "None") -> Any:
    from matplotlib.lines import Line2D

    return Line2D(
        [],
        [],
        color=color,
        marker=marker or None,
        linestyle=style,
        markersize=8,
        linewidth=2,
        label=label,
    )


def _write_atomically(path: Path, content: bytes) -> None:
    """Write through a temporary file so that a reader never sees half a figure."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(content)
    temporary.replace(path)


def _display_png(png: bytes, alt: str) -> None:
    """Publish the PNG with its alt text, when running in an IPython kernel or shell."""
    if "IPython" not in sys.modules:
        return
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import display

    if not InteractiveShell.initialized():
        return
    encoded = base64.b64encode(png).decode("ascii")
    display(
        {"image/png": encoded, "text/plain": alt}, raw=True, metadata={"image/png": {"alt": alt}}
    )


def _close(fig: Figure) -> None:
    """Release the figure; pyplot is only asked when it is in use."""
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close(fig)
