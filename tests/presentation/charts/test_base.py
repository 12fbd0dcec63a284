"""Charts as objects: titled and captioned; saved byte-identically; shown with their description."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
import pytest

import analysis
from analysis.errors import ParameterError
from analysis.paths import REPORTS_DIR
from analysis.presentation import charts
from analysis.presentation.charts import base

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHARTS = {cls.__name__: cls for cls in charts.CHARTS}


@pytest.fixture
def figures_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private figures folder, and a working directory that must stay empty."""
    folder = tmp_path / "figures"
    monkeypatch.setenv("REPORT_FIGURES_DIR", str(folder))
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return folder


class _Images(HTMLParser):
    """The attributes of every <img> of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))


def _images(html: str) -> list[dict[str, str | None]]:
    parser = _Images()
    parser.feed(html)
    return parser.images


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_has_title_axis_labels_and_a_source_caption(name: str) -> None:
    fig = CHARTS[name].of().draw()
    assert fig._suptitle is not None
    assert fig._suptitle.get_text()
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            continue
        assert ax.get_xlabel(), name
        assert ax.get_ylabel() or ax.get_yticklabels() or ax.texts, (
            name
        )  # rows may be labelled above
    captions = [text.get_text() for text in fig.texts]
    assert any(caption.startswith(("Source: ", "Sources: ")) for caption in captions)


def test_a_figure_without_title_labels_or_sources_is_refused_in_one_line() -> None:
    from matplotlib.figure import Figure

    from analysis.errors import ParameterError
    from analysis.presentation.charts.base import Chart

    class _Bare(Chart):
        name = "bare"

        def draw(self) -> Figure:
            fig = Figure()
            fig.subplots().plot([1, 2], [3, 4])
            return fig

        def describe(self) -> str:
            return "A line."

    with pytest.raises(ParameterError) as refused:
        _Bare(pd.DataFrame({"x": [1]})).save()
    message = str(refused.value)
    assert "\n" not in message
    assert message == (
        "figure 'bare' needs a title (suptitle), an x-axis label,"
        " a 'Source: ...' caption (source_caption): add it in draw()"
    )


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_saved_files_are_valid_and_land_in_the_figures_folder(name: str, figures_dir: Path) -> None:
    chart = CHARTS[name].of()
    paths = chart.save()
    assert set(paths) == {"png", "svg", "csv"}
    assert all(path.parent == figures_dir for path in paths.values())
    assert {path.stem for path in paths.values()} == {chart.file_stem}
    assert paths["png"].read_bytes().startswith(PNG_SIGNATURE)
    root = ET.fromstring(paths["svg"].read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not any(Path.cwd().iterdir())
    assert sorted(p.name for p in figures_dir.iterdir()) == sorted(p.name for p in paths.values())


def test_chart_names_are_distinct_file_stems() -> None:
    stems = [cls.name for cls in charts.CHARTS]
    assert len(set(stems)) == len(stems)


def test_csv_holds_the_plotted_frame(tmp_path: Path) -> None:
    chart = charts.census_shares()
    paths = chart.save(tmp_path)
    back = pd.read_csv(paths["csv"], keep_default_na=False, na_values=[""])
    assert list(back.columns) == list(chart.frame.columns)
    pd.testing.assert_series_equal(
        back["share"], chart.frame["share"].astype(float), check_exact=False, rtol=1e-9
    )
    assert list(back["group"]) == list(chart.frame["group"])
    assert paths["csv"].read_bytes() == charts.data_csv(chart.frame)
    assert b"\r\n" not in paths["csv"].read_bytes()


def test_csv_of_a_matrix_keeps_its_named_index(tmp_path: Path) -> None:
    chart = charts.kind_heatmap()
    back = pd.read_csv(chart.save(tmp_path)["csv"], index_col="member")
    pd.testing.assert_frame_equal(back, chart.frame, check_names=False)


@pytest.mark.parametrize("name", ["CensusSharesChart", "TimelineChart", "ClaimBandsChart"])
def test_two_saves_into_two_folders_are_byte_identical(name: str, tmp_path: Path) -> None:
    one = CHARTS[name].of().save(tmp_path / "one")
    two = CHARTS[name].of().save(tmp_path / "two")
    for kind in ("png", "svg", "csv"):
        assert one[kind].read_bytes() == two[kind].read_bytes(), kind


def test_bytes_ignore_the_session_settings_and_other_processes(tmp_path: Path) -> None:
    here = charts.census_shares().files()
    with mpl.rc_context({"font.size": 23.0, "lines.linewidth": 7.0, "svg.hashsalt": None}):
        assert charts.census_shares().files() == here
    code = (
        "import sys, matplotlib as mpl; mpl.rcParams['axes.unicode_minus'] = False\n"
        "import analysis\n"
        "analysis.charts.census_shares().save(sys.argv[1])\n"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True)
    for kind in ("png", "svg", "csv"):
        assert (tmp_path / f"demographics-census-shares.{kind}").read_bytes() == here[kind]


def test_files_carry_no_date_or_software_stamp() -> None:
    files = charts.verdict_counts().files()
    svg = files["svg"].decode("utf-8")
    assert "<dc:date>" not in svg
    assert "Matplotlib" not in svg
    assert b"Software" not in files["png"]


def test_outside_a_build_figures_go_to_a_folder_per_notebook_or_group(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REPORT_FIGURES_DIR", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setenv("CSTO_FIGURES_DIR", "/somewhere/else")  # the old name is not read
    folders = {cls.group: charts.figures_dir(cls.group) for cls in charts.CHARTS}
    interactive = REPORTS_DIR / "interactive"
    assert all(folder.parent.parent == interactive for folder in folders.values())
    assert len(set(folders.values())) == len(folders) > 1  # not one flat folder
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/me/notebooks/01_demographics.ipynb")
    assert charts.figures_dir("cohesion").parent == interactive / "01_demographics"
    monkeypatch.setenv("REPORT_FIGURES_DIR", "relative/figures")
    assert charts.figures_dir("cohesion") == (Path.cwd() / "relative" / "figures").resolve()


def test_outside_a_build_each_parameter_set_gets_its_own_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from analysis.presentation.charts import base

    monkeypatch.delenv("REPORT_FIGURES_DIR", raising=False)
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/me/03_alliance_cohesion.ipynb")
    monkeypatch.setattr(base, "INTERACTIVE_DIR", tmp_path)
    early = charts.distancing(as_of="2022-12-31").save()
    late = charts.distancing(as_of="2023-09-30").save()
    again = charts.distancing(as_of="2022-12-31").save()
    assert early["png"].parent != late["png"].parent
    assert early == again
    for paths in (early, late):
        folder = paths["png"].parent
        assert folder.parent == tmp_path / "03_alliance_cohesion"
        recorded = json.loads((folder / "parameters.json").read_text(encoding="utf-8"))
        assert recorded["as_of"] in ("2022-12-31", "2023-09-30")


def test_show_saves_and_displays_the_chart_with_its_description_in_html_and_png(
    figures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import IPython.display
    from IPython.core.interactiveshell import InteractiveShell

    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(InteractiveShell, "initialized", classmethod(lambda cls: True))
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: calls.append((a, k)))
    chart = charts.verdict_counts()
    assert chart.show() is None
    png = (figures_dir / "brief-verdicts.png").read_bytes()
    ((bundle,), options) = calls[0]
    assert len(calls) == 1
    assert base64.b64decode(bundle["image/png"]) == png
    assert bundle["text/plain"] == chart.alt
    assert options == {"raw": True, "metadata": {"image/png": {"alt": chart.alt}}}
    (image,) = _images(bundle["text/html"])
    assert image["alt"] == chart.alt
    assert base64.b64decode(str(image["src"]).removeprefix("data:image/png;base64,")) == png


def test_the_repr_carries_the_description_and_escapes_it() -> None:
    frame = analysis.verdict_counts()
    hostile = frame.assign(verdict=frame["verdict"].astype(str))
    chart = charts.VerdictCountsChart(frame)
    data, metadata = chart._repr_mimebundle_()
    assert _images(data["text/html"])[0]["alt"] == chart.alt == metadata["image/png"]["alt"]

    class Hostile(charts.VerdictCountsChart):
        def describe(self) -> str:
            return '"><script>alert(1)</script>'

    data, _ = Hostile(hostile)._repr_mimebundle_()
    assert "<script>" not in data["text/html"]
    assert _images(data["text/html"])[0]["alt"] == '"><script>alert(1)</script>'


def test_outside_a_kernel_show_prints_nothing(
    figures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    charts.verdict_counts().show()
    assert capsys.readouterr().out == ""
    assert (figures_dir / "brief-verdicts.csv").is_file()


@pytest.mark.parametrize("name", ["../escape", "Has Caps", "", "a/b", "x.png"])
def test_bad_figure_names_are_parameter_errors(name: str, figures_dir: Path) -> None:
    with pytest.raises(ParameterError, match="figure name"):
        charts.VerdictCountsChart(analysis.verdict_counts(), name=name)
    assert not figures_dir.exists()


def test_empty_alt_text_is_refused(figures_dir: Path) -> None:
    class Silent(charts.VerdictCountsChart):
        def describe(self) -> str:
            return " "

    with pytest.raises(ParameterError, match="alt text"):
        Silent(analysis.verdict_counts()).save()
    assert not figures_dir.exists()


def test_source_caption_names_sources_once_and_counts_the_rest() -> None:
    assert charts.source_caption(["A", "A", None, "B"]) == "Sources: A; B."
    assert charts.source_caption(["A; B", "B"]) == "Sources: A; B."
    assert charts.source_caption(["Only"]) == "Source: Only."
    caption = charts.source_caption([f"S{index}" for index in range(10)])
    assert caption.startswith("Sources: S0; S1;")
    assert "5 more sources named in the CSV" in caption


def test_png_matches_its_declared_dpi() -> None:
    from PIL import Image

    with Image.open(io.BytesIO(charts.verdict_counts().files()["png"])) as image:
        dpi = image.info.get("dpi")
    assert dpi is not None
    assert round(dpi[0]) == analysis.theme_rc()["savefig.dpi"]


def test_the_base_chart_is_abstract() -> None:
    with pytest.raises(NotImplementedError):
        base.Chart(pd.DataFrame()).draw()


def test_a_chart_of_an_empty_frame_needs_no_source_caption(figures_dir: Path) -> None:
    """A cut-off before any event: the chart says so, and has nothing to cite."""
    chart = charts.timeline("2025-05-31", "2024-01-01", None)
    assert chart.frame.empty
    assert set(chart.save()) == {"png", "svg", "csv"}
