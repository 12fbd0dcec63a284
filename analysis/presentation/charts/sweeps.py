"""Charts of a sweep: how the members' event counts move with the cut-off date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.presentation import theme
from analysis.presentation.charts import drawing
from analysis.presentation.charts.base import Chart
from analysis.presentation.formatting import format_date, format_list

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
"""One marker per member, so that the lines differ without their colour."""

MAX_TICKS = 4
"""The most dates labelled under the chart: more would overlap at a phone's width."""


class MemberCountsChart(Chart):
    """Lines of the events each member takes part in, counted up to each cut-off date.

    The frame is `analysis.facts.sweeps.member_counts_across`'s: member, member_name,
    as_of (ISO dates), events.
    """

    name = "cohesion-sweep"
    group = "cohesion"

    def draw(self) -> Figure:
        frame = self.frame
        names = list(dict.fromkeys(str(name) for name in frame["member_name"]))
        colours = theme.category_colors(names)
        with theme.theme_context():
            fig, ax = drawing.figure(4.4)
            for index, name in enumerate(names):
                rows = frame.loc[frame["member_name"] == name]
                ax.plot(
                    pd.to_datetime(rows["as_of"]),
                    [int(n) for n in rows["events"]],
                    marker=MARKERS[index % len(MARKERS)],
                    color=colours[name],
                    label=name,
                )
            import matplotlib.dates as mdates
            from matplotlib.ticker import MaxNLocator

            dates = pd.to_datetime(sorted(set(frame["as_of"])))
            step = -(-len(dates) // MAX_TICKS)
            ticks = dates[::step]
            ax.set_xticks(mdates.date2num(ticks), [d.strftime("%b %Y") for d in ticks])
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_ylim(0, max([*frame["events"], 1]) * 1.1)
            ax.set_ylabel("Events (count)")
            drawing.legend_below(ax, ax.get_legend_handles_labels()[0], ncols=3)
            drawing.finish(fig, "Events per member, counted up to each cut-off date", "")
        return fig

    def describe(self) -> str:
        frame = self.frame
        dates = sorted(set(frame["as_of"]))
        parts = []
        for name, rows in frame.groupby("member_name", sort=False):
            counts = [str(int(n)) for n in rows.sort_values("as_of")["events"]]
            parts.append(f"{name} {', '.join(counts)}")
        when = format_list([format_date(date) for date in dates])
        return (
            f"Line chart of the events each CSTO member takes part in, counted up to {when}: "
            + "; ".join(parts)
            + "."
        )
