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
        return cls(census_chart_frame(groups, start_year, end_year, show_article_claims, **options))

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
                        fontsize=8.5,
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
                    marker=_marker(verdict),
                    facecolors="white",
                    edgecolors=theme.BLACK,
                    label=f"Article's figure: {verdict}",
                )
            years = sorted({int(year) for year in census["year"]})
            every = sorted({int(year) for year in frame["year"]})
            ax.set_xticks(years)
            ax.set_xticklabels([str(year) for year in years])
            width = max(every[-1] - every[0], 1)
            ax.set_xlim(every[0] - 0.04 * width, every[-1] + 0.25 * width)
            ax.set_ylim(0, 100)
            ax.set_xlabel("Census year (the article's figures at the year they refer to)")
            ax.set_ylabel("Share of Kazakhstan's population (%)")
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
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
                f"({row.year}, {row.verdict})"
                for row in records(article)
            ]
            text += " The article's figures are marked: " + "; ".join(marks) + "."
        return text


def _marker(verdict: str) -> str:
    cue = theme.VERDICTS.get(verdict)
    return cue.marker if cue else "D"


census_shares = CensusSharesChart.of
