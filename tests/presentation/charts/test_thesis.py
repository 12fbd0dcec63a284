"""The thesis charts draw their facts' frames: every vote, every count, the article's date."""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import Rectangle
from pandas.testing import assert_frame_equal

import analysis
from analysis.facts.thesis import ARTICLE_DATE
from analysis.presentation.charts import thesis

PERIOD = ("2026-09-30", "2019-01-01")


def test_the_vote_matrix_writes_every_vote_and_outlines_each_one_cast_as_russias() -> None:
    frame = analysis.vote_matrix(*PERIOD)
    chart = thesis.VoteMatrixChart.of(*PERIOD)
    assert_frame_equal(chart.frame, frame)
    fig = chart.draw()
    ax = fig.axes[0]
    outlined = [p for p in ax.patches if isinstance(p, Rectangle) and not p.get_fill()]
    assert len(outlined) == int(frame["aligned"].fillna(False).sum())
    texts = [text.get_text() for text in ax.texts]
    resolutions = frame["resolution"].nunique()
    assert len(texts) == resolutions * (len(frame["member"].cat.categories) + 1)
    for vote, count in frame["vote"].astype(str).value_counts().items():
        assert texts.count(thesis.VOTE_CUES[vote].text) >= count
    for name in frame["member_name"].unique():
        assert str(name) in chart.alt


def test_the_participation_grids_write_each_count_over_those_held() -> None:
    frame = analysis.participation(*PERIOD)
    chart = thesis.ParticipationChart(frame)
    summits, exercises = chart.draw().axes
    expected = [
        f"{int(row.summits_attended)}/{int(row.summits_held - row.summits_unknown)}"
        for row in frame.itertuples()
        if row.summits_held - row.summits_unknown
    ]
    assert sorted(t.get_text() for t in summits.texts if t.get_text()) == sorted(expected)
    troops = frame["exercises_with_troops"].astype(int).sum()
    written = [t.get_text() for t in exercises.texts if t.get_text()]
    assert sum(int(text.split("/")[0]) for text in written) == troops
    assert "Armenia" in chart.alt


def test_the_timeline_marks_the_article_and_counts_the_events_after_it() -> None:
    chart = thesis.ThesisTimelineChart.of(*PERIOD)
    fig = chart.draw()
    import matplotlib.dates as mdates

    article = float(mdates.date2num(pd.Timestamp(ARTICLE_DATE)))
    lines = [line for line in fig.axes[0].lines if list(line.get_xdata()) == [article, article]]
    assert lines
    assert lines[0].get_linestyle() == "--"
    after = chart.frame.loc[chart.frame["hindsight"].astype(bool), "event"].nunique()
    assert f"{after} of the events come after it" in chart.alt
