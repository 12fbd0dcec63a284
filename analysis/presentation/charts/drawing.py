"""What every chart draws the same way: figures and panels, title and source caption, legends."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from analysis.facts.lookups import distinct_sources
from analysis.presentation import theme
from analysis.presentation.formatting import format_date

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

AVERAGE_GLYPH = 0.56
"""Average width of a DejaVu Sans glyph, in ems, for wrapping text to the figure's width."""

MAX_CAPTION_SOURCES = 6
"""A caption names at most this many sources and counts the rest (they are in the CSV)."""


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


def caption(frame: pd.DataFrame) -> str:
    """The caption from the frame's source column, else from the sources in its attrs."""
    if "source" in frame.columns:
        return source_caption(frame["source"])
    return source_caption(frame.attrs.get("sources", []), in_csv=False)


def figure(height: float) -> tuple[Figure, Axes]:
    """A figure outside pyplot (so no backend shows it twice) with constrained layout."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(theme.FIGURE_WIDTH, height), layout="constrained")
    return fig, fig.add_subplot()


def panels(height: float, height_ratios: list[int]) -> tuple[Figure, list[Axes]]:
    """A figure with one panel per entry of `height_ratios`, stacked."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(theme.FIGURE_WIDTH, height), layout="constrained")
    axes = fig.subplots(len(height_ratios), 1, height_ratios=height_ratios, squeeze=False)
    return fig, list(axes[:, 0])


def wrap(text: str, size: float, share: float = 1.0, bold: bool = False) -> str:
    """`text` wrapped to lines that fit `share` of the figure's width at `size` points."""
    glyph = size * AVERAGE_GLYPH * (1.1 if bold else 1.0)
    return textwrap.fill(text, max(int(theme.FIGURE_WIDTH * 72 * share / glyph), 12))


def legend_below(ax: Axes, handles: list[Any], ncols: int = 1) -> None:
    """The legend under the axes, below their tick labels and x label, as wide as they are."""
    from matplotlib.transforms import ScaledTranslation

    drop = 1.9 * theme.TEXT_SIZE + (1.9 * theme.LABEL_SIZE if ax.get_xlabel() else 0.0)
    fig = ax.get_figure()
    assert fig is not None
    anchor = ax.transAxes + ScaledTranslation(0, -drop / 72, fig.dpi_scale_trans)
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=anchor,
        ncols=ncols,
        handlelength=1.6,
        columnspacing=1.0,
    )


def row_labels(ax: Axes, labels: list[str], ys: list[float], above: float) -> None:
    """Each row's label written above it across the axes' width, instead of a tick label.

    On a narrow screen a tick label beside the axes takes half the width; above its row
    it takes none. `above` is where the label sits, in data units over the row's centre.
    """
    ax.set_yticks([])
    for label, y in zip(labels, ys, strict=True):
        ax.text(
            0.01,
            y + above,
            wrap(label, theme.TEXT_SIZE, share=0.95),
            transform=ax.get_yaxis_transform(),
            va="bottom",
            ha="left",
            fontsize=theme.TEXT_SIZE,
            color=theme.BLACK,
            bbox={"facecolor": theme.BACKGROUND, "edgecolor": "none", "pad": 1.0},
        )


def count_axis(ax: Axes, counts: Iterable[int], xlabel: str, ylabel: str) -> None:
    """A horizontal count axis: whole-number ticks, room for the bars' labels, no row grid."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max([*counts, 1]) * 1.15)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", visible=False)


def finish(fig: Figure, title: str, text: str) -> None:
    """Title above the chart; the source caption under it, both wrapped to its width."""
    fig.suptitle(
        wrap(title, theme.TITLE_SIZE, bold=True),
        x=0.0,
        ha="left",
        fontsize=theme.TITLE_SIZE,
        fontweight="bold",
    )
    if text:
        fig.text(
            0.0,
            -0.01,
            wrap(text, theme.CAPTION_SIZE),
            ha="left",
            va="top",
            fontsize=theme.CAPTION_SIZE,
            color="#444444",
        )


def span(frame: pd.DataFrame) -> str:
    """'1989-2021' from a frame's `year` column (one year alone if there is one)."""
    years = sorted({int(year) for year in frame["year"]})
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def period(frame: pd.DataFrame) -> str:
    """'1 January 2020 to 30 September 2023' from a frame's `since` and `as_of` attrs."""
    since, as_of = frame.attrs.get("since"), frame.attrs.get("as_of")
    if since and as_of:
        return f"{format_date(since)} to {format_date(as_of)}"
    return "all dates"


def clip(value: float, low: float, high: float) -> float:
    """`value` within [low, high]."""
    return min(max(float(value), low), high)


def patch(color: str, hatch: str, label: str, fill: bool = True) -> Any:
    """A legend entry for bars: filled and hatched, or an outline."""
    from matplotlib.patches import Patch

    if fill:
        return Patch(facecolor=color, hatch=hatch, edgecolor="white", label=label)
    return Patch(facecolor="white", edgecolor=theme.BLACK, label=label)


def line(
    color: str, marker: str, label: str, style: Literal["-", ":", "--", "None"] = "None"
) -> Any:
    """A legend entry for markers and lines."""
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
