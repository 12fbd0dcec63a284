"""The alliance cohesion charts: events on a timeline, by kind, and distancing per member."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Self

import pandas as pd

from analysis.facts import cohesion
from analysis.facts.lookups import records
from analysis.presentation import theme
from analysis.presentation.charts import drawing
from analysis.presentation.charts.base import Chart
from analysis.presentation.formatting import format_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Members = str | Iterable[str] | None


class _CohesionChart(Chart):
    """A chart of one of the cohesion frames, which all take `as_of`, `since` and `members`."""

    compute: ClassVar[Callable[..., pd.DataFrame]]
    """The facts function whose frame the chart draws."""

    @classmethod
    def of(
        cls,
        as_of: Any = cohesion.AS_OF,
        since: Any = cohesion.SINCE,
        members: Members = None,
        **options: Any,
    ) -> Self:
        """The chart of its facts function's frame (`compute`; options passed on to it)."""
        frame = cls.compute(as_of, since, members, **options)
        return cls(frame, parameters={"as_of": as_of, "since": since, "members": members})


class TimelineChart(_CohesionChart):
    """Timeline of events by member (rows) and direction (colour and marker).

    The frame is `analysis.cohesion_events`'s: a row per event and member. An event that
    spans days is drawn as a line to its end; one known only to the month or year as a
    dotted line across that period.
    """

    name = "cohesion-timeline"
    group = "cohesion"
    compute = staticmethod(cohesion.cohesion_events)

    def draw(self) -> Figure:
        import matplotlib.dates as mdates

        frame = self.frame
        members = [str(m) for m in frame["member"].cat.categories]
        names = {**frame.attrs.get("member_names", {})}
        directions = [str(d) for d in frame["direction"].cat.categories]
        offsets = {d: 0.27 - 0.18 * index for index, d in enumerate(directions)}
        as_of_attr = frame.attrs.get("as_of")
        limit = pd.Timestamp(as_of_attr) if as_of_attr else None
        with theme.theme_context():
            fig, ax = drawing.figure(1.6 + 0.55 * len(members))
            for row in records(frame):
                cue = theme.DIRECTIONS[str(row.direction)]
                y = len(members) - 1 - members.index(str(row.member)) + offsets[str(row.direction)]
                start = pd.Timestamp(row.date)
                end = _period_end(start, str(row.date_precision), row.end_date)
                if end is not None and limit is not None:
                    end = min(end, limit)
                if end is not None:
                    ax.plot(
                        mdates.date2num([start, end]),
                        [y, y],
                        color=cue.colour,
                        linestyle="-" if not pd.isna(row.end_date) else ":",
                        linewidth=2,
                        solid_capstyle="butt",
                    )
                if bool(getattr(row, "ongoing", False)) and end is not None:
                    ax.plot(
                        mdates.date2num([end]), [y], marker=">", color=cue.colour,
                        markersize=6, linestyle="",
                    )  # fmt: skip
                ax.plot(
                    mdates.date2num([start]),
                    [y],
                    marker=cue.marker,
                    color=cue.colour,
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
                pad = (last - first) * 0.03
                ax.set_xlim(float(mdates.date2num(first - pad)), float(mdates.date2num(last + pad)))
                ax.axvline(float(mdates.date2num(last)), color=theme.GREY, linewidth=0.8)
            ax.xaxis.set_major_locator(mdates.YearLocator())
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
            ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
            ax.grid(axis="x", which="minor", linewidth=0.4)
            ax.set_xlabel("Date (to the day, month or year)")
            handles = [
                drawing.line(theme.DIRECTIONS[d].colour, theme.DIRECTIONS[d].marker,
                             theme.DIRECTIONS[d].label)
                for d in directions
            ]  # fmt: skip
            handles += [
                drawing.line(theme.GREY, "", "Span of the event", style="-"),
                drawing.line(theme.GREY, "", "Known to the month or year", style=":"),
                drawing.line(theme.GREY, ">", "Running on the cut-off date"),
            ]
            drawing.legend_below(ax, handles, ncols=2)
            drawing.finish(
                fig,
                f"Events of the CSTO's members by direction, {drawing.period(frame)}",
                drawing.caption(frame),
            )
        return fig

    def describe(self) -> str:
        frame = self.frame
        unique = frame.drop_duplicates("event")
        names = frame.attrs.get("member_names", {})
        lines = []
        for member, part in frame.groupby("member", observed=False, sort=True):
            name = str(names.get(str(member), member))
            counts = part["direction"].value_counts(sort=False)
            listed = [
                f"{int(n)} {theme.DIRECTIONS[str(d)].label.lower()}" for d, n in counts.items() if n
            ]
            lines.append(f"{name}: {', '.join(listed) if listed else 'no event'}")
        return (
            f"Timeline of {len(unique)} event{'s' * (len(unique) != 1)}, "
            f"{drawing.period(frame)}, by CSTO member and direction: " + "; ".join(lines) + "."
        )


class KindHeatmapChart(_CohesionChart):
    """Heatmap of how many events of each kind each member takes part in.

    The frame is `analysis.kind_matrix`'s: members as the (named) index, kinds as columns.
    """

    name = "cohesion-kinds"
    group = "cohesion"
    compute = staticmethod(cohesion.kind_matrix)

    def draw(self) -> Figure:
        import seaborn as sns

        matrix = self.frame
        with theme.theme_context():
            # Kinds as rows and members as columns: six short codes fit a phone's width.
            fig, ax = drawing.figure(2.4 + 0.5 * len(matrix.columns))
            sns.heatmap(
                matrix.T,
                annot=True,
                fmt="d",
                cmap=theme.sequential_cmap(),
                vmin=0,
                linewidths=0.8,
                linecolor="white",
                cbar_kws={"label": "Events (count)"},
                annot_kws={"fontsize": theme.TEXT_SIZE},
                ax=ax,
            )
            _readable_annotations(ax)
            colorbar = ax.collections[0].colorbar
            if colorbar is not None:
                top = max(int(matrix.to_numpy().max()), 1)
                colorbar.set_ticks(list(range(0, top + 1, max(1, (top + 4) // 5))))
                colorbar.minorticks_off()
            ax.set_xlabel("CSTO member (ISO 3166-1 alpha-3)")
            ax.set_ylabel("Kind of event")
            ax.tick_params(axis="y", rotation=0)
            ax.tick_params(axis="x", rotation=0)
            ax.grid(visible=False)
            drawing.finish(
                fig,
                f"Events by member and kind, {drawing.period(matrix)}",
                drawing.caption(matrix),
            )
        return fig

    def describe(self) -> str:
        lines = []
        for member, row in self.frame.iterrows():
            counts = [f"{kind} {int(n)}" for kind, n in row.items() if n]
            lines.append(f"{member}: {', '.join(counts) if counts else 'none'}")
        return (
            "Heatmap of event counts by CSTO member and kind of event, "
            f"{drawing.period(self.frame)}: " + "; ".join(lines) + "."
        )


class DistancingChart(_CohesionChart):
    """Horizontal bars of the distancing events of each member.

    The frame is `analysis.distancing_counts`'s: a row per member, its name and count.
    """

    name = "cohesion-distancing"
    group = "cohesion"
    compute = staticmethod(cohesion.distancing_counts)

    def draw(self) -> Figure:
        frame = self.frame
        cue = theme.DIRECTIONS["distancing"]
        with theme.theme_context():
            fig, ax = drawing.figure(1.6 + 0.45 * len(frame))
            names = [str(name) for name in frame["member_name"]][::-1]
            counts = [int(n) for n in frame["events"]][::-1]
            ax.barh(names, counts, color=cue.colour, hatch=cue.hatch, edgecolor="white")
            for y, count in enumerate(counts):
                ax.annotate(
                    format_number(count),
                    (count, y),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=theme.TEXT_SIZE,
                )
            drawing.count_axis(ax, counts, "Distancing events (count)", "CSTO member")
            drawing.finish(
                fig,
                f"Distancing events per member, {drawing.period(frame)}",
                drawing.caption(frame),
            )
        return fig

    def describe(self) -> str:
        frame = self.frame
        counts = [
            f"{name} {int(n)}"
            for name, n in zip(frame["member_name"], frame["events"], strict=True)
        ]
        return (
            f"Bar chart of distancing events per CSTO member, {drawing.period(frame)}: "
            + ", ".join(counts)
            + "."
        )


def _readable_annotations(ax: Any) -> None:
    """Each count in a heatmap cell in black or white, whichever contrasts more with it."""
    from matplotlib.colors import to_hex

    mesh = ax.collections[0]
    colours = mesh.get_facecolors()
    for text, colour in zip(ax.texts, colours, strict=False):
        text.set_color(theme.text_on(to_hex(colour)))


def _period_end(start: pd.Timestamp, precision: str, end_date: Any) -> pd.Timestamp | None:
    """Where an event's line ends: its end date, or the end of an imprecise date's period."""
    if not pd.isna(end_date):
        return pd.Timestamp(end_date)
    if precision == "year":
        return start + pd.offsets.YearEnd(0)
    if precision == "month":
        return start + pd.offsets.MonthEnd(0)
    return None
