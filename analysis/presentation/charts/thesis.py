"""The thesis charts: the UN vote matrix, participation per year, the timeline past the article."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Self

import pandas as pd

from analysis.facts import cohesion, participation, thesis, votes
from analysis.facts.lookups import records
from analysis.presentation import theme
from analysis.presentation.charts import drawing
from analysis.presentation.charts.base import Chart
from analysis.presentation.charts.cohesion import TimelineChart
from analysis.presentation.formatting import format_date, format_list

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Members = str | Iterable[str] | None


class VoteCue(NamedTuple):
    """How one value of `votes.vote` is drawn: a fill and the text written in its cell."""

    colour: str
    text: str
    label: str


VOTE_CUES: dict[str, VoteCue] = {
    "yes": VoteCue(theme.BLUISH_GREEN, "Y", "yes"),
    "no": VoteCue(theme.VERMILLION, "N", "no"),
    "abstain": VoteCue(theme.YELLOW, "A", "abstain"),
    "absent": VoteCue("#DDDDDD", "–", "absent"),
    "abstain_or_absent": VoteCue("#F7F1B5", "A/–", "abstain or absent"),
    "not_against": VoteCue("#EEEEEE", "¬N", "not against"),
    "unknown": VoteCue("#FFFFFF", "?", "unknown"),
}
"""Each vote's fill and cell text: the text says what the colour says, so colour is not alone."""

LEGEND_ROW = 0.3
"""Inches a legend entry takes: the timeline grows by half of each one it stacks in a column."""

EMPTY = "#FFFFFF"
"""The fill of a cell with nothing to count (no summit held, or only unknowns)."""


class _ThesisChart(Chart):
    """A chart of one of the thesis frames, which all take `as_of`, `since` and `members`."""

    compute: ClassVar[Callable[..., pd.DataFrame]]
    """The facts function whose frame the chart draws."""

    @classmethod
    def of(cls, as_of: Any = None, since: Any = None, members: Members = None) -> Self:
        """The chart of its facts function's frame (`compute`)."""
        frame = cls.compute(as_of, since, members)
        return cls(frame, parameters={"as_of": as_of, "since": since, "members": members})


class VoteMatrixChart(_ThesisChart):
    """Each member's vote on each UN General Assembly resolution, Russia's first.

    The frame is `analysis.vote_matrix`'s: a row per resolution and member with the vote,
    Russia's vote (`leader_vote`) and whether they match (`aligned`). Resolutions are rows
    (by date), members columns; a vote cast as Russia's is outlined.
    """

    name = "thesis-votes"
    group = "thesis"
    compute = staticmethod(votes.vote_matrix)

    def draw(self) -> Figure:
        from matplotlib.patches import Rectangle

        frame = self.frame
        leader = str(frame.attrs.get("leader", "RUS"))
        members = [str(member) for member in frame["member"].cat.categories]
        columns = [leader, *members]
        rows = _resolutions(frame)
        with theme.theme_context():
            fig, ax = drawing.figure(2.6 + 0.42 * max(len(rows), 1))
            for y, (_, part) in enumerate(rows):
                cells = {str(r.member): (str(r.vote), r.aligned) for r in records(part)}
                cells[leader] = (str(part["leader_vote"].iloc[0]), False)
                for x, member in enumerate(columns):
                    vote, aligned = cells.get(member, ("unknown", False))
                    cue = VOTE_CUES.get(vote, VoteCue(EMPTY, vote, vote))
                    ax.add_patch(
                        Rectangle(
                            (x, y), 1, 1, facecolor=cue.colour, edgecolor="white", linewidth=1.5
                        )
                    )
                    if aligned is not pd.NA and bool(aligned):
                        ax.add_patch(
                            Rectangle(
                                (x + 0.06, y + 0.06),
                                0.88,
                                0.88,
                                fill=False,
                                edgecolor=theme.BLACK,
                                linewidth=2,
                            )
                        )
                    ax.text(
                        x + 0.5,
                        y + 0.5,
                        cue.text,
                        ha="center",
                        va="center",
                        fontsize=theme.TEXT_SIZE,
                        color=theme.text_on(cue.colour),
                    )
            ax.set_xlim(0, len(columns))
            ax.set_ylim(len(rows), 0)
            ax.set_xticks([x + 0.5 for x in range(len(columns))], columns)
            ax.xaxis.tick_top()
            ax.xaxis.set_label_position("top")
            ax.set_xlabel("CSTO member (ISO 3166-1 alpha-3)")
            ax.set_yticks([y + 0.5 for y in range(len(rows))], [label for label, _ in rows])
            ax.tick_params(length=0)
            ax.grid(visible=False)
            for side in ax.spines.values():
                side.set_visible(False)
            # The key in words under the chart: a legend beside long row labels would squeeze
            # the grid, and the letters in the cells carry the votes without their colours.
            used = set(frame["leader_vote"].astype(str)) | set(frame["vote"].astype(str))
            key = "; ".join(
                f"{cue.text} {cue.label}" for vote, cue in VOTE_CUES.items() if vote in used
            )
            drawing.finish(
                fig,
                f"UN General Assembly votes on Russia's war, Russia first, {drawing.period(frame)}",
                f"{drawing.caption(frame)} Key: {key}; outlined: voted as Russia did.",
            )
        return fig

    def describe(self) -> str:
        frame = self.frame
        parts = []
        for _, part in frame.groupby("member", observed=True, sort=True):
            known = part["aligned"].dropna()
            parts.append(
                f"{part['member_name'].iloc[0]} voted as Russia did on {int(known.sum())} of "
                f"{len(known)} resolutions whose alignment is known ({_tally(part['vote'])})"
            )
        resolutions = frame["resolution"].nunique()
        return (
            f"Grid of the votes of the CSTO members on {resolutions} UN General Assembly "
            f"resolutions on Russia's war against Ukraine, {drawing.period(frame)}, Russia's "
            "vote first: " + "; ".join(parts) + "."
        )


class ParticipationChart(_ThesisChart):
    """Summits attended and exercises with troops, per member and year, as two grids.

    The frame is `analysis.participation`'s: a row per member and year. Each cell says how
    many the member took part in of those held (and expected, for exercises), its shade the
    share of those whose answer is known; a blank cell had nothing to count.
    """

    name = "thesis-participation"
    factory = "participation_grid"
    group = "thesis"
    compute = staticmethod(participation.participation)

    def draw(self) -> Figure:
        frame = self.frame
        members = [str(member) for member in frame["member"].cat.categories]
        years = sorted({int(year) for year in frame["year"]})
        with theme.theme_context():
            fig, axes = drawing.panels(2.8 + 0.75 * len(members), [1, 1])
            for ax, (what, part, whole, share) in zip(axes, _PANELS, strict=True):
                _grid(ax, frame, members, years, (part, whole, share))
                ax.set_title(what, loc="left", fontsize=theme.LABEL_SIZE)
            drawing.finish(
                fig,
                f"Taking part in the CSTO per member and year, {drawing.period(frame)}",
                f"{drawing.caption(frame)} Each cell: taken part in / held (exercises: held and "
                "the member expected), unknowns left out; the darker, the larger the share. "
                "Blank: none to count.",
            )
        return fig

    def describe(self) -> str:
        frame = self.frame
        lines = []
        for _, rows in frame.groupby("member", observed=True, sort=True):
            cells = [
                f"{int(r.year)}: summits {int(r.summits_attended)} of "
                f"{int(r.summits_held - r.summits_unknown)}, exercises "
                f"{int(r.exercises_with_troops)} of {int(r.exercises_held - r.exercises_unknown)}"
                for r in records(rows)
            ]
            lines.append(f"{rows['member_name'].iloc[0]} ({'; '.join(cells)})")
        return (
            "Two grids of how the CSTO members took part in the organisation per year, "
            f"{drawing.period(frame)}, summits attended and exercises with troops over those "
            "held and expected, unknowns left out: " + ". ".join(lines) + "."
        )


_PANELS = (
    ("Summits attended", "summits_attended", ("summits_held", "summits_unknown"), "summit_share"),
    (
        "Exercises with troops",
        "exercises_with_troops",
        ("exercises_held", "exercises_unknown"),
        "exercise_share",
    ),
)
"""Each participation grid: its title, the count taken part in, held and unknown, the share."""


class ThesisTimelineChart(TimelineChart):
    """The timeline carried past the article: every event, the article's date marked.

    The frame is `analysis.thesis_timeline`'s: `cohesion_events` with the context and the
    events after the article, and `attrs["article_date"]`.
    """

    name = "thesis-timeline"
    group = "thesis"

    @classmethod
    def of(
        cls, as_of: Any = None, since: Any = None, members: Members = None, **options: Any
    ) -> Self:
        """The chart of `analysis.thesis_timeline(as_of, since, members)`."""
        since = cohesion.SINCE if since is None else since
        frame = thesis.thesis_timeline(as_of, since, members, **options)
        return cls(frame, parameters={"as_of": as_of, "since": since, "members": members})

    def draw(self) -> Figure:
        import matplotlib.dates as mdates

        fig = super().draw()
        ax = fig.axes[0]
        article = pd.Timestamp(self.frame.attrs.get("article_date", thesis.ARTICLE_DATE))
        x = float(mdates.date2num(article))
        with theme.theme_context():
            ax.axvline(x, color=theme.BLACK, linewidth=1.6, linestyle="--")
            # One column: a legend as wide as the figure would squeeze the axes beside the
            # members' names; the article's line joins it.
            legend = ax.get_legend()
            handles = [] if legend is None else list(legend.legend_handles)
            if legend is not None:
                legend.remove()
            handles.append(drawing.line(theme.BLACK, "", "The article", style="--"))
            drawing.legend_below(ax, handles, ncols=1)
            fig.set_figheight(fig.get_figheight() + LEGEND_ROW * len(handles) / 2)
            ax.text(
                x,
                1.0,
                " the article ",
                transform=ax.get_xaxis_transform(),
                ha="right",
                va="bottom",
                fontsize=theme.TEXT_SIZE,
                color=theme.BLACK,
            )
            fig.suptitle(
                drawing.wrap(
                    f"Events before and after the article (dashed line), "
                    f"{drawing.period(self.frame)}",
                    theme.TITLE_SIZE,
                    bold=True,
                ),
                x=0.0,
                ha="left",
                fontsize=theme.TITLE_SIZE,
                fontweight="bold",
            )
        return fig

    def describe(self) -> str:
        frame = self.frame
        article = frame.attrs.get("article_date", thesis.ARTICLE_DATE)
        after = frame.loc[frame["hindsight"].fillna(False).astype(bool)]
        return (
            super().describe()
            + f" A dashed line marks the article ({format_date(article)}); "
            + f"{after['event'].nunique()} of the events come after it."
        )


def _resolutions(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Each resolution's label ('2022-03-02 ES-11/1') and its rows, in date order.

    The label is the date at its precision and the UN symbol without 'A/RES/', or a
    descriptive id without its 'GA-' and date.
    """
    rows = []
    for resolution, part in frame.groupby("resolution", sort=False):
        day = pd.Timestamp(part["date"].iloc[0]).date().isoformat()
        precision = str(part["date_precision"].iloc[0])
        day = {"month": day[:7], "year": day[:4]}.get(precision, day)
        short = _DATED_ID.sub("", str(resolution).removeprefix("A/RES/"))
        rows.append((f"{day} {short}", part))
    return rows


_DATED_ID = re.compile(r"^GA-\d{4}(?:-\d{2}){0,2}-")
"""The start of a descriptive resolution id: 'GA-' and the date."""


def _grid(
    ax: Axes,
    frame: pd.DataFrame,
    members: list[str],
    years: list[int],
    columns: tuple[str, tuple[str, str], str],
) -> None:
    """One participation grid: members as rows, years as columns, 'part/whole' in each cell."""
    from matplotlib.patches import Rectangle

    part, (held, unknown), share = columns
    cmap = theme.sequential_cmap()
    cells = {(str(row.member), int(row.year)): row for row in records(frame)}
    for y, member in enumerate(members):
        for x, year in enumerate(years):
            row = cells.get((member, year))
            whole = 0 if row is None else int(getattr(row, held) - getattr(row, unknown))
            fraction = getattr(row, share, None)
            fraction = None if fraction is None or pd.isna(fraction) else float(fraction)
            colour = EMPTY if fraction is None else _hex(cmap(0.15 + 0.85 * fraction))
            ax.add_patch(
                Rectangle((x, y), 1, 1, facecolor=colour, edgecolor="#BBBBBB", linewidth=0.8)
            )
            text = "" if row is None or whole == 0 else f"{int(getattr(row, part))}/{whole}"
            ax.text(
                x + 0.5,
                y + 0.5,
                text,
                ha="center",
                va="center",
                fontsize=theme.TEXT_SIZE,
                color=theme.text_on(colour),
            )
    ax.set_xlim(0, len(years))
    ax.set_ylim(len(members), 0)
    ax.set_xticks([x + 0.5 for x in range(len(years))], [str(year) for year in years])
    ax.set_yticks([y + 0.5 for y in range(len(members))], members)
    ax.set_xlabel("Year")
    ax.tick_params(length=0)
    ax.grid(visible=False)
    for side in ax.spines.values():
        side.set_visible(False)


def _hex(rgba: Any) -> str:
    from matplotlib.colors import to_hex

    return str(to_hex(rgba))


def _tally(values: pd.Series) -> str:
    """'3 yes, 2 abstain': how often each vote was cast, in the vocabulary's order."""
    counts = values.astype(str).value_counts()
    order = [vote for vote in VOTE_CUES if vote in counts.index]
    return format_list([f"{int(counts[vote])} {VOTE_CUES[vote].label}" for vote in order])
