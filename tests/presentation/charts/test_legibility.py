"""Every chart passes an editor: contrast of text and marks, integer counts, every claim kept."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

import analysis
from analysis.presentation import charts, theme

FACTORIES = {
    "census_shares": charts.census_shares,
    "engagement": charts.engagement,
    "timeline": charts.timeline,
    "kind_heatmap": charts.kind_heatmap,
    "distancing": charts.distancing,
    "claim_bands": charts.claim_bands,
    "verdict_counts": charts.verdict_counts,
}


def _visible(colour: object) -> bool:
    return to_rgba(colour)[3] > 0  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_text_reads_at_4_5_to_1_and_marks_at_3_to_1_on_white(name: str) -> None:
    fig = FACTORIES[name]().draw()
    heatmap_texts = set()
    for ax in fig.axes:
        if ax.collections and name == "kind_heatmap":
            heatmap_texts |= set(ax.texts)
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip() or text in heatmap_texts:
            continue
        colour = to_hex(text.get_color())
        assert theme.contrast(colour) >= theme.TEXT_CONTRAST, (name, text.get_text(), colour)
    grid = {
        tick.gridline
        for ax in fig.axes
        for axis in (ax.xaxis, ax.yaxis)
        for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]
    }  # the grid is a guide behind the marks, not a mark
    for line in fig.findobj(Line2D):
        if line in grid or not line.get_visible() or len(line.get_xdata()) == 0:
            continue
        colour = to_hex(line.get_color())
        assert theme.contrast(colour) >= theme.MARK_CONTRAST, (name, line.get_label(), colour)
    for ax in fig.axes:
        for patch in ax.patches:
            if not isinstance(patch, Rectangle) or patch.get_width() == 0:
                continue
            face = patch.get_facecolor()
            colour = (
                to_hex(face)
                if _visible(face) and to_hex(face) != "#ffffff"
                else to_hex(patch.get_edgecolor())
            )
            if colour in ("#ffffff", "#d9d9d9"):  # white fills; the tolerance band behind a mark
                continue
            assert theme.contrast(colour) >= theme.MARK_CONTRAST, (name, colour)


def test_heatmap_counts_contrast_with_their_cells_and_its_colour_bar_counts_in_integers() -> None:
    fig = charts.kind_heatmap().draw()
    ax = fig.axes[0]
    mesh = ax.collections[0]
    for text, face in zip(ax.texts, mesh.get_facecolors(), strict=False):
        ratio = theme.contrast(to_hex(text.get_color()), to_hex(face))
        assert ratio >= theme.TEXT_CONTRAST, text.get_text()
    colorbar = mesh.colorbar
    assert colorbar is not None
    ticks = colorbar.get_ticks()
    assert all(float(tick).is_integer() for tick in ticks)


def test_every_verdict_colour_of_the_theme_passes_as_a_mark_and_its_text_colour_as_text() -> None:
    for records in (theme.VERDICTS, theme.DIRECTIONS):
        for cue in records.values():
            assert theme.contrast(cue.colour) >= theme.MARK_CONTRAST, cue
            assert theme.contrast(theme.text_colour(cue.colour)) >= theme.TEXT_CONTRAST, cue


def test_the_engagement_charts_data_carries_every_claim_about_its_partners() -> None:
    frame = charts.engagement().frame
    claims = analysis.engagement_claims()
    assert set(claims["claim"]) <= set(frame["claim"])
    fig = charts.engagement().draw()
    texts = " ".join(t.get_text() for t in fig.findobj(Text))
    for verdict in claims["verdict"].astype(str).unique():
        assert theme.verdict_label(verdict) in texts, verdict


def test_the_census_charts_data_carries_every_claim_about_the_shares() -> None:
    frame = charts.census_shares().frame
    article = frame.loc[frame["series"] == "article"]
    expected = analysis.article_share_claims()
    assert len(article) == len(expected)


def test_as_of_leaves_no_end_date_after_it_in_the_timelines_data() -> None:
    frame = charts.timeline(as_of="2022-12-31").frame
    assert (frame["end_date"].dropna() <= pd.Timestamp("2022-12-31")).all()
    assert frame["ongoing"].any()


def _texts(fig: object) -> list[Text]:
    return [
        t
        for t in fig.findobj(Text)  # type: ignore[attr-defined]
        if t.get_visible() and t.get_text().strip() and t.get_figure() is not None
    ]


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_no_two_labels_overlap(name: str) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = FACTORIES[name]().draw()
    canvas = FigureCanvasAgg(fig)
    with theme.theme_context():
        canvas.draw()
    renderer = canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer).shrunk(0.96, 0.9)) for t in _texts(fig)]
    for index, (text, box) in enumerate(boxes):
        for other, other_box in boxes[index + 1 :]:
            assert not box.overlaps(other_box), (name, text, other)


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_type_stays_11_css_pixels_high_on_a_375_pixel_phone(name: str) -> None:
    import io

    from PIL import Image

    chart = FACTORIES[name]()
    fig = chart.draw()
    smallest = min(t.get_fontsize() for t in _texts(fig))
    png = Image.open(io.BytesIO(chart.files()["png"]))
    width_in = png.width / theme.DPI
    css_px = smallest * (4 / 3) * theme.PHONE_WIDTH_PX / (width_in * 96)
    assert css_px >= theme.PHONE_TEXT_PX, (name, smallest, width_in, css_px)
