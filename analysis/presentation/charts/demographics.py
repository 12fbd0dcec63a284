"""The census chart: each group's share of Kazakhstan's population, with the article's figures."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from analysis.facts.demographics import census_chart_frame
from analysis.facts.lookups import records
from analysis.presentation import theme
from analysis.presentation.charts import drawing
from analysis.presentation.charts.base import Chart
from analysis.presentation.formatting import format_percent, format_stated

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class CensusSharesChart(Chart):
    """Line chart of each group's census share; the article's figures as hollow markers.

    The frame is `analysis.census_chart_frame`'s: a row per point, `series` 'census' or
    'article', the article's rows with their comparator and verdict.
    """

    name = "demographics-census-shares"
    group = "demographics"

    @classmethod
    def of(
        cls,
        groups: str | Iterable[str] | None = None,
        start_year: int | None = None,
        end_year: int | None = None,
        show_article_claims: bool = True,
        **options: Any,
    ) -> CensusSharesChart:
        """The chart of `analysis.census_chart_frame(...)` (options passed on to it)."""
        frame = census_chart_frame(groups, start_year, end_year, show_article_claims, **options)
        chosen = {"groups": groups, "start_year": start_year, "end_year": end_year}
        return cls(frame, parameters={**chosen, "show_article_claims": show_article_claims})

    def draw(self) -> Figure:
        frame = self.frame
        census = frame.loc[frame["series"] == "census"]
        article = frame.loc[frame["series"] == "article"]
        groups = list(dict.fromkeys(census["group"].astype(str)))
        colors = theme.category_colors(groups)
        means = census.groupby("group", sort=False)["share"].mean()
        upper = {group: means[group] >= means.median() for group in groups}
        with theme.theme_context():
            fig, ax = drawing.figure(4.8)
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
                        fontsize=theme.TEXT_SIZE,
                        color=colors[group],
                    )
            for row in records(article):
                verdict, group = str(row.verdict), str(row.group)
                ax.scatter(
                    [float(row.year)],
                    [float(row.share)],
                    s=80,
                    zorder=3,
                    linewidths=1.8,
                    marker=_marker(verdict),
                    facecolors="white",
                    edgecolors=colors.get(group, theme.BLACK),
                )
                stated = format_stated(row.share, "percent", str(row.comparator))
                if str(row.comparator) in "<>":  # open-ended: an arrow to the open side
                    sign = -1 if str(row.comparator) == "<" else 1
                    ax.annotate(
                        "",
                        xy=(float(row.year), float(row.share) + sign * 9),
                        xytext=(float(row.year), float(row.share)),
                        arrowprops={"arrowstyle": "-|>", "color": theme.BLACK, "linewidth": 1.2,
                                    "linestyle": (0, (3, 2))},
                    )  # fmt: skip
                ax.annotate(
                    stated,
                    (float(row.year), float(row.share)),
                    textcoords="offset points",
                    xytext=(20, 7 if upper.get(group, True) else -7),
                    va="center",
                    fontsize=theme.TEXT_SIZE,
                    color=theme.BLACK,
                )
            for verdict in dict.fromkeys(article["verdict"].astype(str)):
                ax.scatter(
                    [],
                    [],
                    marker=_marker(verdict),
                    facecolors="white",
                    edgecolors=theme.BLACK,
                    label=f"Article's figure: {theme.verdict_label(verdict)}",
                )
            years = sorted({int(year) for year in census["year"]})
            every = sorted({int(year) for year in frame["year"]})
            ax.set_xticks(years)
            ax.set_xticklabels([str(year) for year in years])
            width = max(every[-1] - every[0], 1)
            ax.set_xlim(every[0] - 0.04 * width, every[-1] + 0.25 * width)
            ax.set_ylim(0, 100)
            ax.set_xlabel("Census year (article's figures at their year)")
            ax.set_ylabel("Share of population (%)")
            handles, _ = ax.get_legend_handles_labels()
            drawing.legend_below(ax, handles)
            drawing.finish(
                fig,
                f"Ethnic shares of Kazakhstan's population, censuses {drawing.span(census)}",
                drawing.caption(frame),
            )
        return fig

    def describe(self) -> str:
        frame = self.frame
        census = frame.loc[frame["series"] == "census"]
        article = frame.loc[frame["series"] == "article"]
        lines = []
        for group, part in census.groupby("group", sort=False):
            values = [
                f"{format_percent(share)} ({year})"
                for year, share in zip(part["year"], part["share"], strict=True)
            ]
            lines.append(f"{group} {', '.join(values)}")
        text = (
            f"Line chart of ethnic shares of Kazakhstan's population at the censuses "
            f"{drawing.span(census)}: " + "; ".join(lines) + "."
        )
        if not article.empty:
            marks = [
                f"{row.group} {format_stated(row.share, 'percent', str(row.comparator))} "
                f"({row.year}, {theme.verdict_label(row.verdict)})"
                for row in records(article)
            ]
            text += " The article's figures are marked: " + "; ".join(marks) + "."
        return text


def _marker(verdict: str) -> str:
    cue = theme.VERDICTS.get(verdict)
    return cue.marker if cue else "D"
