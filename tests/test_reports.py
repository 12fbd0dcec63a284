"""The real notebooks built end to end: every page, figure and number, twice, byte for byte."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.builder.pipeline import build_reports
from analysis.builder.plan import available_notebooks
from analysis.cli import project_config
from analysis.facts.factcheck import claim_rows
from analysis.hashing import sha256_file

pytestmark = pytest.mark.slow

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _outputs(run_dir: Path) -> dict[str, str]:
    return {
        p.relative_to(run_dir).as_posix(): sha256_file(p)
        for p in sorted(run_dir.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


def _manifest(run_dir: Path) -> dict:
    return json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))


def test_every_notebook_is_executed_rendered_and_hashed(default_run: Path) -> None:
    manifest = _manifest(default_run)
    names = [nb["name"] for nb in manifest["build"]["notebooks"]]
    assert names == [nb.stem for nb in available_notebooks(project_config().notebooks_dir)]
    recorded = {o["path"]: o["sha256"] for o in manifest["build"]["outputs"]}
    assert recorded == _outputs(default_run)
    for name in names:
        page = (default_run / name / f"{name}.html").read_text(encoding="utf-8")
        assert "Traceback" not in page
        assert (default_run / name / f"{name}.ipynb").is_file()
    assert (default_run / "index.html").is_file()
    assert (default_run / "article.html").is_file()


def test_every_figure_is_a_valid_png_and_svg_with_its_data(default_run: Path) -> None:
    pngs = sorted(default_run.glob("*/figures/*.png"))
    assert len(pngs) >= 5
    for png in pngs:
        assert png.read_bytes().startswith(PNG_SIGNATURE)
        root = ET.parse(png.with_suffix(".svg")).getroot()
        assert root.tag.endswith("svg")
        assert len(pd.read_csv(png.with_suffix(".csv"))) > 0


def test_the_narrative_carries_the_datas_numbers(default_run: Path) -> None:
    page = (default_run / "01_demographics" / "01_demographics.html").read_text(encoding="utf-8")
    for row in analysis.share_change().itertuples():
        for figure in (
            analysis.format_percent(row.start_share),
            analysis.format_percent(row.end_share),
            analysis.format_pp(row.change_pp),
        ):
            assert figure in page, (row.group, figure)
    checked = claim_rows(analysis.fact_check())
    fact_page = (default_run / "04_fact_check" / "04_fact_check.html").read_text(encoding="utf-8")
    for row in checked.itertuples():
        stated = analysis.format_stated(row.value, row.unit, row.comparator)
        assert html.escape(stated, quote=False) in fact_page, row.claim
        if not pd.isna(row.reference):
            assert analysis.format_value(row.reference, row.unit) in fact_page, row.claim
    counts = analysis.verdict_counts()
    for row in counts.itertuples():
        assert f"{row.claims} {analysis.VERDICTS[row.verdict].symbol} <strong>" in fact_page


def test_every_chart_on_a_page_carries_its_description(default_run: Path) -> None:
    for page in sorted(default_run.glob("*/*.html")):
        images = re.findall(r"<img [^>]*>", page.read_text(encoding="utf-8"))
        assert images, page.name
        for image in images:
            alt = re.search(r'alt="([^"]*)"', image)
            assert alt, (page.name, image[:80])
            assert len(alt.group(1)) > 40, (page.name, image[:80])


def test_other_parameters_change_what_the_reports_show(tmp_path: Path) -> None:
    result = build_reports(
        ["01_demographics", "03_alliance_cohesion"],
        config=project_config(),
        per_notebook={"01_demographics": {"start_year": 1999},
                      "03_alliance_cohesion": {"as_of": "2022-12-31"}},
        out=tmp_path / "out",
        say=lambda line: None,
    )  # fmt: skip
    assert result.exit_status == 0
    run = result.run_dir
    assert run is not None
    census = pd.read_csv(run / "01_demographics" / "figures" / "demographics-census-shares.csv")
    assert census.loc[census["series"] == "census", "year"].min() == 1999
    timeline = pd.read_csv(run / "03_alliance_cohesion" / "figures" / "cohesion-timeline.csv")
    assert (pd.to_datetime(timeline["date"]) <= "2022-12-31").all()
    events_2023 = analysis.load("events").query("date >= '2023-01-01'")["id"]
    assert not set(timeline["event"]) & set(events_2023)
    parameters = {nb["name"]: nb["parameters"] for nb in _manifest(run)["build"]["notebooks"]}
    assert parameters["01_demographics"]["start_year"] == 1999


def test_a_second_build_into_another_folder_is_byte_identical(
    default_run: Path, tmp_path: Path
) -> None:
    again = build_reports(
        config=project_config(), out=tmp_path / "again", force=True, say=lambda line: None
    )
    assert again.run_dir is not None
    assert _outputs(again.run_dir) == _outputs(default_run)
    assert _manifest(again.run_dir)["build"] == _manifest(default_run)["build"]
