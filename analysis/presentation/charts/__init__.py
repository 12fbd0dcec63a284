"""Charts as objects: each holds the tidy frame it plots, draws it, describes it and saves it.

In a notebook, one line shows a chart and saves its PNG, SVG and CSV::

    analysis.charts.census_shares(groups, start_year, end_year).show()

Each factory (`census_shares`, `engagement`, `timeline`, `kind_heatmap`, `distancing`,
`claim_bands`, `verdict_counts`, `vote_matrix`, `participation_grid`, `thesis_timeline`) is
its class's `of`, which takes the facts layer's
parameters; `Chart(frame)` charts any frame of the same shape.
"""

from analysis.presentation.charts.base import Chart, data_csv, figure_bytes, figures_dir
from analysis.presentation.charts.cohesion import (
    DistancingChart,
    KindHeatmapChart,
    TimelineChart,
    distancing,
    kind_heatmap,
    timeline,
)
from analysis.presentation.charts.demographics import CensusSharesChart, census_shares
from analysis.presentation.charts.drawing import source_caption
from analysis.presentation.charts.engagement import EngagementChart, engagement
from analysis.presentation.charts.factcheck import (
    ClaimBandsChart,
    VerdictCountsChart,
    claim_bands,
    verdict_counts,
)
from analysis.presentation.charts.thesis import (
    ParticipationChart,
    ThesisTimelineChart,
    VoteMatrixChart,
    participation_grid,
    thesis_timeline,
    vote_matrix,
)

CHARTS: tuple[type[Chart], ...] = (
    CensusSharesChart,
    EngagementChart,
    TimelineChart,
    KindHeatmapChart,
    DistancingChart,
    ClaimBandsChart,
    VerdictCountsChart,
    VoteMatrixChart,
    ParticipationChart,
    ThesisTimelineChart,
)
"""Every chart class, for tests and tools that go through them all."""

__all__ = [
    "CHARTS",
    "CensusSharesChart",
    "Chart",
    "ClaimBandsChart",
    "DistancingChart",
    "EngagementChart",
    "KindHeatmapChart",
    "ParticipationChart",
    "ThesisTimelineChart",
    "TimelineChart",
    "VerdictCountsChart",
    "VoteMatrixChart",
    "census_shares",
    "claim_bands",
    "data_csv",
    "distancing",
    "engagement",
    "figure_bytes",
    "figures_dir",
    "kind_heatmap",
    "participation_grid",
    "source_caption",
    "thesis_timeline",
    "timeline",
    "verdict_counts",
    "vote_matrix",
]
