"""The Western engagement chart: the article's figures on the EU and the US beside references."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.facts.engagement import engagement_chart_frame
from analysis.presentation import theme
from analysis.presentation.charts import drawing
from analysis.presentation.charts.base import Chart
from analysis.presentation.formatting import format_list, format_stated, format_value

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_AXIS_LABELS = {"percent": "Share (%)", "USD": "US dollars (billions)"}


class EngagementChart(Chart):
    """Bars of the article's figures on Western partners beside the reference values, by unit.

    The frame is `analysis.engagement_chart_frame`'s: a row per value, `series` 'article'
    or 'reference', with the claim's unit, comparator and verdict.
    """

    name = "western-engagement-figures"
    group = "western-engagement"

    @classmethod
    def of(cls, partners: str | Iterable[str] | None = None, **options: Any) -> EngagementChart:
        """The chart of `analysis.engagement_chart_frame(...)` (options passed on to it)."""
        return cls(
            engagement_chart_frame(partners, **options),
            parameters={"partners": partners, **options},
        )

    def draw(self) -> Figure:
        frame = self.frame
        units = list(dict.fromkeys(frame["unit"].astype(str)))
        with theme.theme_context():
            claims = [frame.loc[frame["unit"] == unit, "claim"].nunique() for unit in units]
            height = 2.6 + 1.1 * sum(claims) + 0.9 * len(units)
            fig, axes = drawing.panels(height, claims)
            for ax, unit in zip(axes, units, strict=True):
                _panel(ax, frame.loc[frame["unit"] == unit], unit)
            verdicts = dict.fromkeys(frame.loc[frame["series"] == "reference", "verdict"])
            handles = [
                drawing.patch(theme.GREY, "", "The article's figure", fill=False),
                drawing.line(theme.BLACK, "", "Open-ended figure ('over')", style="--"),
                *[
                    drawing.patch(
                        theme.VERDICTS[v].colour,
                        theme.VERDICTS[v].hatch,
                        f"Reference (the claim is {theme.verdict_label(v)})",
                    )
                    for v in verdicts
                ],
            ]
            drawing.legend_below(axes[-1], handles)
            partners = format_list(list(dict.fromkeys(frame["partner_name"].astype(str))))
            drawing.finish(
                fig,
                f"{partners} in Kazakhstan: the article against references",
                drawing.caption(frame),
            )
        return fig

    def describe(self) -> str:
        frame = self.frame
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
                f"({theme.verdict_label(article['verdict'])})"
            )
        partners = format_list(list(dict.fromkeys(frame["partner_name"].astype(str))))
        return (
            f"Bar chart of the article's figures on {partners} in Kazakhstan beside reference "
            "values: " + "; ".join(items) + "."
        )


def _panel(ax: Axes, part: pd.DataFrame, unit: str) -> None:
    """One unit's claims: the article's figure (outline) over its reference (by verdict)."""
    claims = list(dict.fromkeys(part["claim"]))
    height = 0.38
    scale = 1e9 if unit == "USD" else 1.0
    for position, claim in enumerate(claims):
        rows = part.loc[part["claim"] == claim]
        article = rows.loc[rows["series"] == "article"].iloc[0]
        y = len(claims) - 1 - position
        value = float(article["value"])
        comparator = str(article["comparator"])
        _article_mark(ax, value / scale, y + height / 2, height, comparator)
        ax.annotate(
            format_stated(value, unit, comparator),
            (value / scale, y + height / 2),
            xytext=(4, 7 if comparator in "<>" else 0),
            textcoords="offset points",
            va="center",
            fontsize=theme.TEXT_SIZE,
        )
        reference = rows.loc[rows["series"] == "reference"]
        verdict = str(article["verdict"])
        cue = theme.VERDICTS.get(verdict)
        colour = cue.colour if cue else theme.GREY
        if reference.empty:
            ax.text(
                0.01,
                y - height / 2,
                f"{cue.symbol if cue else ''} no reference: {theme.verdict_label(verdict)}".strip(),
                transform=ax.get_yaxis_transform(),
                va="center",
                fontsize=theme.TEXT_SIZE,
                color=theme.text_colour(colour),
                clip_on=True,
            )
        else:
            ref = float(reference["value"].iloc[0])
            ax.barh(
                y - height / 2,
                ref / scale,
                height=height,
                color=colour,
                hatch=cue.hatch if cue else "",
                edgecolor="white",
            )
            ax.annotate(
                f"{format_value(ref, unit)} ({theme.verdict_label(verdict)})",
                (ref / scale, y - height / 2),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=theme.TEXT_SIZE,
            )
    labels = [str(part.loc[part["claim"] == c, "indicator"].iloc[0]) for c in claims]
    drawing.row_labels(ax, labels, [float(len(claims) - 1 - i) for i in range(len(claims))], 0.42)
    ax.set_ylim(-0.5, len(claims) - 0.05)
    top = float(part["value"].astype(float).max()) / scale
    ax.set_xlim(0, top * 1.35 if top > 0 else 1)
    ax.set_xlabel(_AXIS_LABELS.get(unit, unit.capitalize()))
    ax.grid(axis="y", visible=False)


def _article_mark(ax: Axes, value: float, y: float, height: float, comparator: str) -> None:
    """The article's figure: a definite outline bar, or an arrow to the side left open.

    'over' (and 'billions', 'thousands') admits anything above the figure, so it is drawn
    as a tick at the figure with an arrow running on to the right edge of the axes;
    'under' as an arrow from the figure towards zero; 'about' as a bar with its range.
    """
    if comparator in "<>":
        ax.plot([value, value], [y - height / 2, y + height / 2], color=theme.BLACK, linewidth=2)
        end = 0.0 if comparator == "<" else 1.0
        ax.annotate(
            "",
            xy=(end, y),
            xycoords=("axes fraction", "data"),
            xytext=(value, y),
            textcoords="data",
            arrowprops={"arrowstyle": "-|>", "color": theme.BLACK, "linewidth": 1.4,
                        "linestyle": (0, (4, 2))},
        )  # fmt: skip
        return
    ax.barh(y, value, height=height, color="white", edgecolor=theme.BLACK, linewidth=1.2)
