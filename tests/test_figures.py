"""Charts: titled, labelled, captioned; saved byte-identically as PNG, SVG and CSV with alt text."""

from __future__ import annotations

import base64
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
import pytest

import analysis
from analysis.errors import ParameterError
from analysis.paths import REPORTS_DIR
from analysis.presentation import figures

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

CHARTS: dict[str, tuple[Callable[[], pd.DataFrame], Callable[..., Any], Callable[..., str]]] = {
    "census": (analysis.census_chart_frame, analysis.plot_census_shares,
               analysis.census_shares_alt),
    "engagement": (analysis.engagement_chart_frame, analysis.plot_engagement,
                   analysis.engagement_alt),
    "timeline": (analysis.cohesion_events, analysis.plot_timeline, analysis.timeline_alt),
    "kinds": (analysis.kind_matrix, analysis.plot_kind_heatmap, analysis.kind_heatmap_alt),
    "distancing": (analysis.distancing_counts, analysis.plot_distancing,
                   analysis.distancing_alt),
    "bands": (analysis.claim_bands, analysis.plot_claim_bands, analysis.claim_bands_alt),
    "verdicts": (analysis.verdict_counts, analysis.plot_verdict_counts,
                 analysis.verdict_counts_alt),
}  # fmt: skip


@pytest.fixture
def figures_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private figures folder, and a working directory that must stay empty."""
    folder = tmp_path / "figures"
    monkeypatch.setenv(figures.FIGURES_ENV, str(folder))
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return folder


def _save(chart: str, name: str | None = None) -> tuple[pd.DataFrame, dict[str, Path], str]:
    make, plot, alt = CHARTS[chart]
    frame = make()
    text = alt(frame)
    return frame, figures.save_figure(plot(frame), name or chart, frame, text), text


@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_every_chart_has_title_axis_labels_and_a_source_caption(chart: str) -> None:
    make, plot, _ = CHARTS[chart]
    fig = plot(make())
    assert fig._suptitle is not None
    assert fig._suptitle.get_text()
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            continue
        assert ax.get_xlabel(), chart
        assert ax.get_ylabel() or ax.get_yticklabels(), chart
    captions = [text.get_text() for text in fig.texts]
    assert any(caption.startswith(("Source: ", "Sources: ")) for caption in captions)


@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_saved_files_are_valid_and_land_in_the_figures_folder(
    chart: str, figures_dir: Path
) -> None:
    _frame, paths, _ = _save(chart)
    assert set(paths) == {"png", "svg", "csv"}
    assert all(path.parent == figures_dir for path in paths.values())
    assert paths["png"].read_bytes().startswith(PNG_SIGNATURE)
    root = ET.fromstring(paths["svg"].read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not any(Path.cwd().iterdir())
    assert sorted(p.name for p in figures_dir.iterdir()) == sorted(p.name for p in paths.values())


def test_csv_holds_the_plotted_frame(figures_dir: Path) -> None:
    frame, paths, _ = _save("census")
    back = pd.read_csv(paths["csv"], keep_default_na=False, na_values=[""])
    assert list(back.columns) == list(frame.columns)
    pd.testing.assert_series_equal(
        back["share"], frame["share"].astype(float), check_exact=False, rtol=1e-9
    )
    assert list(back["group"]) == list(frame["group"])
    assert paths["csv"].read_bytes() == figures.data_csv(frame)
    assert b"\r\n" not in paths["csv"].read_bytes()


def test_csv_of_a_matrix_keeps_its_named_index(figures_dir: Path) -> None:
    matrix, paths, _ = _save("kinds")
    back = pd.read_csv(paths["csv"], index_col="member")
    pd.testing.assert_frame_equal(back, matrix, check_names=False)


@pytest.mark.parametrize("chart", ["census", "timeline", "bands"])
def test_two_saves_into_two_folders_are_byte_identical(
    chart: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = []
    for run in ("one", "two"):
        monkeypatch.setenv(figures.FIGURES_ENV, str(tmp_path / run))
        written.append(_save(chart)[1])
    for kind in ("png", "svg", "csv"):
        assert written[0][kind].read_bytes() == written[1][kind].read_bytes(), kind


def test_bytes_ignore_the_session_settings_and_other_processes(tmp_path: Path) -> None:
    frame = analysis.census_chart_frame()
    here = figures.figure_bytes(analysis.plot_census_shares(frame), "svg")
    with mpl.rc_context({"font.size": 23.0, "lines.linewidth": 7.0, "svg.hashsalt": None}):
        assert figures.figure_bytes(analysis.plot_census_shares(frame), "svg") == here
    code = (
        "import sys, matplotlib as mpl; mpl.rcParams['axes.unicode_minus'] = False\n"
        "import analysis; from analysis.presentation import figures\n"
        "frame = analysis.census_chart_frame()\n"
        "for fmt in ('png', 'svg'):\n"
        "    data = figures.figure_bytes(analysis.plot_census_shares(frame), fmt)\n"
        "    open(sys.argv[1] + '.' + fmt, 'wb').write(data)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "other")], check=True)
    assert (tmp_path / "other.svg").read_bytes() == here
    png = figures.figure_bytes(analysis.plot_census_shares(frame), "png")
    assert (tmp_path / "other.png").read_bytes() == png


def test_files_carry_no_date_or_software_stamp(figures_dir: Path) -> None:
    _, paths, _ = _save("verdicts")
    svg = paths["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert "Matplotlib" not in svg
    assert b"Software" not in paths["png"].read_bytes()


def test_figures_go_to_reports_interactive_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(figures.FIGURES_ENV, raising=False)
    assert figures.figures_dir() == REPORTS_DIR / "interactive"


def test_census_alt_text_states_every_plotted_value() -> None:
    frame = analysis.census_chart_frame()
    alt = analysis.census_shares_alt(frame)
    assert alt.startswith("Line chart of ethnic shares of Kazakhstan's population")
    for share in frame.loc[frame["series"] == "census", "share"]:
        assert analysis.format_percent(share) in alt
    assert "under 40% (1991, consistent)" in alt
    assert "18% (2021, discrepant)" in alt


def test_other_alt_texts_state_their_values() -> None:
    assert "reference 30.0% (discrepant)" in analysis.engagement_alt(
        analysis.engagement_chart_frame()
    )
    distancing = analysis.distancing_counts()
    alt = analysis.distancing_alt(distancing)
    for name, count in zip(distancing["member_name"], distancing["events"], strict=True):
        assert f"{name} {count}" in alt
    assert "KAZ: diplomacy 8, exercise 1, humanitarian 1" in analysis.kind_heatmap_alt(
        analysis.kind_matrix()
    )
    counts = analysis.verdict_counts()
    alt = analysis.verdict_counts_alt(counts)
    for verdict, count in zip(counts["verdict"], counts["claims"], strict=True):
        assert f"{verdict} {count}" in alt
    assert "reference 37.8% (+0.8 pp, close)" in analysis.claim_bands_alt(analysis.claim_bands())


def test_alt_text_follows_the_data() -> None:
    frame = analysis.census_chart_frame(show_article_claims=False)
    changed = frame.assign(share=frame["share"] + 1)
    assert analysis.census_shares_alt(changed) != analysis.census_shares_alt(frame)
    assert "article" not in analysis.census_shares_alt(frame).lower()


def test_display_publishes_the_png_with_its_alt_text(
    figures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import IPython.display
    from IPython.core.interactiveshell import InteractiveShell

    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(InteractiveShell, "initialized", classmethod(lambda cls: True))
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: calls.append((a, k)))
    _, paths, alt = _save("verdicts")
    assert len(calls) == 1
    (bundle,), options = calls[0]
    assert base64.b64decode(bundle["image/png"]) == paths["png"].read_bytes()
    assert bundle["text/plain"] == alt
    assert options == {"raw": True, "metadata": {"image/png": {"alt": alt}}}


def test_outside_a_kernel_nothing_is_printed(
    figures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _save("verdicts")
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("name", ["../escape", "Has Caps", "", "a/b", "x.png"])
def test_bad_figure_names_are_parameter_errors(name: str, figures_dir: Path) -> None:
    frame = analysis.verdict_counts()
    fig = analysis.plot_verdict_counts(frame)
    with pytest.raises(ParameterError, match="figure name"):
        figures.save_figure(fig, name, frame, "alt")
    assert not figures_dir.exists()


def test_empty_alt_text_is_refused(figures_dir: Path) -> None:
    frame = analysis.verdict_counts()
    with pytest.raises(ParameterError, match="alt text"):
        figures.save_figure(analysis.plot_verdict_counts(frame), "verdicts", frame, " ")


def test_source_caption_names_sources_once_and_counts_the_rest() -> None:
    assert figures.source_caption(["A", "A", None, "B"]) == "Sources: A; B."
    assert figures.source_caption(["A; B", "B"]) == "Sources: A; B."
    assert figures.source_caption(["Only"]) == "Source: Only."
    many = [f"S{index}" for index in range(10)]
    caption = figures.source_caption(many)
    assert caption.startswith("Sources: S0; S1;")
    assert "5 more sources named in the CSV" in caption


def test_png_matches_its_declared_dpi(figures_dir: Path) -> None:
    from PIL import Image

    _, paths, _ = _save("verdicts")
    with Image.open(io.BytesIO(paths["png"].read_bytes())) as image:
        dpi = image.info.get("dpi")
    assert dpi is not None
    assert round(dpi[0]) == analysis.theme_rc()["savefig.dpi"]
