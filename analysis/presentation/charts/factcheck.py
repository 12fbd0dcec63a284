"""The fact-check charts: each claim against its reference and tolerance, and verdict counts."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.facts import checks
from analysis.facts.lookups import records
from analysis.presentation import theme
from analysis.presentation.charts import drawing
from analysis.presentation.charts.base import Chart
from analysis.presentation.formatting import (
    format_number,
    format_percent,
    format_pp,
    format_stated,
    format_value,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_INTERVAL = "#555555"
_BAND = "#D9D9D9"


class ClaimBandsChart(Chart):
    """Each claim's admitted interval and tolerance band, with its reference marked by verdict.

    The frame is `analysis.claim_bands`'s: percentages in one panel (percentage points
    from the stated figure), other units in another (percent of the stated figure).
    """

    name = "fact-check-bands"
    group = "fact-check"

    @classmethod
    def of(cls, tolerance_pp: float = 1.0, **options: Any) -> ClaimBandsChart:
        """The chart of `analysis.claim_bands(...)` (options passed on to it)."""
        return cls(
            checks.claim_bands(tolerance_pp, **options), parameters={"tolerance_pp": tolerance_pp}
        )

    def draw(self) -> Figure:
        frame = self.frame
        scales = [s for s in ("pp", "relative") if (frame["scale"] == s).any()]
        with theme.theme_context():
            sizes = [int((frame["scale"] == s).sum()) for s in scales]
            fig, axes = drawing.panels(2.6 + 0.8 * sum(sizes) + 1.0 * len(scales), sizes)
            for ax, scale in zip(axes, scales, strict=True):
                _bands_panel(ax, frame.loc[frame["scale"] == scale], scale)
            verdicts = list(dict.fromkeys(frame["verdict"].astype(str)))
            handles = [
                drawing.patch(_INTERVAL, "", "What the claim admits"),
                drawing.patch(_BAND, "", "Tolerance band"),
                *[
                    drawing.line(
                        theme.VERDICTS[v].colour,
                        theme.VERDICTS[v].marker,
                        f"Verdict: {theme.verdict_label(v)}",
                    )
                    for v in verdicts
                ],
            ]
            drawing.legend_below(axes[-1], handles, ncols=2)
            drawing.finish(
                fig, "The article's claims against their references", drawing.caption(frame)
            )
        return fig

    def describe(self) -> str:
        frame = self.frame
        items = []
        for row in records(frame):
            stated = format_stated(row.value, str(row.unit), str(row.comparator))
            distance = (
                format_pp(row.offset)
                if row.scale == "pp"
                else format_number(round(float(row.offset), 1), 1) + "%"
            )
            verdict = theme.verdict_label(row.verdict)
            items.append(
                f"{row.indicator} {stated}: reference "
                f"{format_value(row.reference, str(row.unit))} ({distance}, {verdict})"
            )
        return (
            f"Dot chart of {len(frame)} claims against their references with each claim's "
            f"interval and tolerance band ({_tolerance_text(frame)}): " + "; ".join(items) + "."
        )


class VerdictCountsChart(Chart):
    """Horizontal bars of how many claims get each verdict.

    The frame is `analysis.verdict_counts`'s: a row per verdict and its count of claims.
    """

    name = "brief-verdicts"
    group = "brief"

    @classmethod
    def of(cls, tolerance_pp: float = 1.0, **options: Any) -> VerdictCountsChart:
        """The chart of `analysis.verdict_counts(...)` (options passed on to it): the claims."""
        counts = checks.verdict_counts(tolerance_pp, **options)
        frame = counts[["verdict", "claims"]].copy()  # the figures; statements are not drawn
        frame.attrs = dict(counts.attrs)
        return cls(frame, parameters={"tolerance_pp": tolerance_pp})

    def draw(self) -> Figure:
        frame = self.frame
        with theme.theme_context():
            fig, ax = drawing.figure(2.8)
            verdicts = [str(v) for v in frame["verdict"]][::-1]
            counts = [int(n) for n in frame["claims"]][::-1]
            for y, (verdict, count) in enumerate(zip(verdicts, counts, strict=True)):
                cue = theme.VERDICTS[verdict]
                ax.barh(y, count, color=cue.colour, hatch=cue.hatch, edgecolor="white")
                ax.annotate(
                    format_number(count),
                    (count, y),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=theme.TEXT_SIZE,
                )
            ax.set_yticks(range(len(verdicts)))
            ax.set_yticklabels([theme.verdict_label(v) for v in verdicts])
            drawing.count_axis(ax, counts, "Claims (count)", "Verdict")
            drawing.finish(
                fig,
                f"The article's {sum(counts)} quantitative claims by fact-check verdict",
                drawing.caption(frame),
            )
        return fig

    def describe(self) -> str:
        frame = self.frame
        counts = [
            f"{theme.verdict_label(v)} {int(n)}"
            for v, n in zip(frame["verdict"], frame["claims"], strict=True)
        ]
        total = int(frame["claims"].sum())
        return f"Bar chart of the article's {total} claims by verdict: " + ", ".join(counts) + "."


def _bands_panel(ax: Axes, part: pd.DataFrame, scale: str) -> None:
    """One scale's claims: band, interval and the reference's marker, row by row."""
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
        band = (drawing.clip(row.band_low, left, right), drawing.clip(row.band_high, left, right))
        interval = (drawing.clip(row.low, left, right), drawing.clip(row.high, left, right))
        ax.barh(y, band[1] - band[0], left=band[0], height=0.4, color=_BAND)
        ax.barh(y, interval[1] - interval[0], left=interval[0], height=0.18, color=_INTERVAL)
        cue = theme.VERDICTS.get(str(row.verdict))
        ax.plot(
            [float(row.offset)],
            [y],
            marker=cue.marker if cue else "o",
            color=cue.colour if cue else theme.GREY,
            markersize=9,
            markeredgecolor=theme.BLACK,
            markeredgewidth=0.6,
            linestyle="",
        )
    ax.axvline(0, color=theme.BLACK, linewidth=0.8)
    ax.set_xlim(left, right)
    labels = [
        f"{row.indicator}: {format_stated(row.value, str(row.unit), str(row.comparator))}"
        for row in records(part)
    ]
    drawing.row_labels(ax, labels, [float(n - 1 - i) for i in range(n)], 0.3)
    ax.set_ylim(-0.4, n - 0.1)
    ax.grid(axis="y", visible=False)
    tolerance = float(part["tolerance"].iloc[0])
    if scale == "pp":
        title = f"Percentages: close within {format_pp(tolerance, signed=False)}"
        ax.set_xlabel("Reference minus the article's figure (percentage points)")
    else:
        title = f"Other figures: close within {format_percent(tolerance, 0)} of the value"
        ax.set_xlabel("Reference minus the article's figure (% of the article's figure)")
    ax.set_title(title, loc="left", fontsize=theme.TEXT_SIZE)


def _tolerance_text(frame: pd.DataFrame) -> str:
    parts = []
    for scale, size in frame.groupby("scale", sort=False)["tolerance"].first().items():
        if scale == "pp":
            parts.append(f"tolerance ±{format_pp(size, signed=False)} for percentages")
        else:
            parts.append(f"±{format_percent(size, 0)} of the value for other figures")
    return ", ".join(parts)
