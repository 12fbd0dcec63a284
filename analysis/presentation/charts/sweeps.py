"""Charts of a sweep: how each member's measures move with the swept value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.presentation import theme
from analysis.presentation.charts import drawing
from analysis.presentation.charts.base import Chart
from analysis.presentation.formatting import format_date

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
"""One marker per member, so that the lines differ without their colour."""

MAX_MARKED = 24
"""Up to this many variants, each point has its marker; beyond, the lines alone."""

SOURCE = "Source: each variant's own run of the notebook, which names the data's sources."
"""The caption: the chart draws what the variants computed, each page citing its sources."""

MAX_TICKS = 4
"""The most swept values labelled under the chart: more would overlap at a phone's width."""

PANEL_HEIGHT = 2.0
"""Inches per measure: one panel each, stacked, sharing the swept axis."""


def _dates(labels: list[str]) -> pd.DatetimeIndex | None:
    """The variants' labels as dates when every one is an ISO date; else None."""
    try:
        return pd.DatetimeIndex(pd.to_datetime(labels, format="%Y-%m-%d"))
    except (ValueError, TypeError):
        return None


class MeasuresChart(Chart):
    """Lines of each member's measures across a sweep's variants, a panel per measure.

    The frame is `analysis.facts.sweeps.measures_across`'s with two columns added: label
    (the measure's label) and unit ('count' or 'share'). The variants are in the frame's
    order; when each is an ISO date, they are placed on a time axis.
    """

    name = "sweep-measures"
    group = "sweeps"

    def draw(self) -> Figure:
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator, PercentFormatter

        frame = self.frame
        variants = list(dict.fromkeys(str(v) for v in frame["variant"]))
        dates = _dates(variants)
        where: dict[str, Any] = dict(zip(variants, dates if dates is not None
                                         else range(len(variants)), strict=True))  # fmt: skip
        measures = list(dict.fromkeys(str(m) for m in frame["measure"]))
        names = list(dict.fromkeys(str(name) for name in frame["member_name"]))
        colours = theme.category_colors(names)
        marked = len(variants) <= MAX_MARKED
        with theme.theme_context():
            fig = Figure(figsize=(theme.FIGURE_WIDTH, 0.8 + PANEL_HEIGHT * len(measures)),
                         layout="constrained")  # fmt: skip
            axes = fig.subplots(len(measures), 1, sharex=True, squeeze=False)[:, 0]
            for ax, measure in zip(axes, measures, strict=True):
                rows = frame.loc[frame["measure"] == measure]
                for index, name in enumerate(names):
                    line = rows.loc[rows["member_name"] == name]
                    if line.empty:
                        continue
                    ax.plot(
                        [where[str(v)] for v in line["variant"]],
                        line["value"].astype("float64").to_numpy(na_value=float("nan")),
                        marker=MARKERS[index % len(MARKERS)] if marked else None,
                        color=colours[name],
                        label=name,
                    )
                share = str(rows["unit"].iloc[0]) == "share"
                if share:
                    ax.set_ylim(-0.05, 1.05)
                    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
                else:
                    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
                    ax.set_ylim(0, max([*rows["value"].dropna().astype(float), 1.0]) * 1.1)
                ax.set_title(str(rows["label"].iloc[0]), loc="left", fontsize=theme.LABEL_SIZE)
            step = -(-len(variants) // MAX_TICKS)
            shown = variants[::step]
            labels = [pd.Timestamp(v).strftime("%b %Y") for v in shown] if dates is not None \
                else shown  # fmt: skip
            axes[-1].set_xticks([where[v] for v in shown], labels)
            found = {h.get_label(): h for ax in axes for h in ax.get_legend_handles_labels()[0]}
            handles = [found[name] for name in names if name in found]  # a member of any panel
            drawing.legend_below(axes[-1], handles, ncols=3)
            axes[-1].set_xlabel("Cut-off date (as_of)" if dates is not None else "Swept value")
            drawing.finish(fig, "Each member's measures across the sweep", SOURCE)
        return fig

    def describe(self) -> str:
        frame = self.frame
        variants = list(dict.fromkeys(str(v) for v in frame["variant"]))
        dates = _dates(variants) is not None
        first, last = variants[0], variants[-1]
        span = f"{format_date(first)} to {format_date(last)}" if dates else f"{first} to {last}"
        parts = []
        for _, rows in frame.groupby("measure", sort=False):
            share = str(rows["unit"].iloc[0]) == "share"
            moves = []
            for name, line in rows.groupby("member_name", sort=False):
                values = line.set_index("variant")["value"]
                moves.append(f"{name} {_shown(values.get(first), share)} to "
                             f"{_shown(values.get(last), share)}")  # fmt: skip
            parts.append(f"{rows['label'].iloc[0]}: " + ", ".join(moves))
        return (
            f"Line charts, one per measure, of each CSTO member across {len(variants)} variants"
            f" from {span}; first and last values: " + "; ".join(parts) + "."
        )


def _shown(value: Any, share: bool) -> str:
    if value is None or pd.isna(value):
        return "not known"
    return f"{float(value):.0%}" if share else f"{float(value):g}"
