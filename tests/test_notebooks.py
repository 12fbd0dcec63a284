"""The notebooks keep the rules `validate` checks, and run under plain papermill and nbconvert."""

from __future__ import annotations

import ast
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest

from analysis.builder import notebook_rules
from analysis.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
PARAMETER_LINE = re.compile(
    r"(?P<name>[a-z_][a-z0-9_]*): (?P<type>\w+) = (?P<default>.+?)  # (?P<help>\S.*)"
)
TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "dict": dict}


def _read(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def _source(cell: dict[str, Any]) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else str(source)


def _parameters(path: Path) -> dict[str, tuple[str, Any, str]]:
    (cell,) = [
        cell for cell in _read(path)["cells"]
        if "parameters" in cell.get("metadata", {}).get("tags", [])
    ]  # fmt: skip
    found = {}
    for line in _source(cell).splitlines():
        match = PARAMETER_LINE.fullmatch(line)
        assert match, f"{path.name}: parameter line {line!r} is not 'name: type = default  # help'"
        found[match["name"]] = (match["type"], ast.literal_eval(match["default"]), match["help"])
    return found


def test_every_notebook_of_the_folder_keeps_the_rules_validate_checks() -> None:
    assert NOTEBOOKS, "no notebook in notebooks/"
    assert notebook_rules.folder_problems(NOTEBOOKS_DIR) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_valid_nbformat(path: Path) -> None:
    nbformat.validate(nbformat.read(path, as_version=nbformat.NO_CONVERT))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_reads_each_parameter_with_type_default_and_help(path: Path) -> None:
    import papermill

    inferred = papermill.inspect_notebook(str(path))
    for name, (kind, default, help_text) in _parameters(path).items():
        assert type(default) is TYPES[kind], name
        assert inferred[name]["inferred_type_name"] == kind
        assert inferred[name]["help"] == help_text


@pytest.mark.slow
def test_demographics_runs_with_papermill_from_another_folder(tmp_path: Path) -> None:
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    figures = tmp_path / "figures"
    env = {**os.environ, "REPORT_FIGURES_DIR": str(figures)}
    subprocess.run(
        [sys.executable, "-m", "papermill", "--no-progress-bar",
         str(NOTEBOOKS_DIR / "01_demographics.ipynb"), "out.ipynb", "-p", "start_year", "1999"],
        cwd=workdir, env=env, check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    assert sorted(p.name for p in workdir.iterdir()) == ["out.ipynb"]
    assert {p.suffix for p in figures.iterdir()} == {".png", ".svg", ".csv"}
    outputs = [o for cell in _read(workdir / "out.ipynb")["cells"] for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error" or o.get("name") == "stderr"]
    described = _described_images(workdir / "out.ipynb")
    assert any("censuses 1999-2021" in alt for alt, _ in described), "start_year did not reach"
    from markupsafe import escape

    for alt, image in described:
        assert "".join(image["data"]["text/plain"]) == alt
        assert f'alt="{escape(alt)}"' in "".join(image["data"]["text/html"])


def _described_images(executed: Path) -> list[tuple[str, dict[str, Any]]]:
    """Each image output that carries its description (`alt`), with that description."""
    outputs = [o for cell in _read(executed)["cells"] for o in cell.get("outputs", [])]
    return [
        (output["metadata"]["image/png"]["alt"], output)
        for output in outputs
        if "image/png" in output.get("data", {})
        and output.get("metadata", {}).get("image/png", {}).get("alt")
    ]


@pytest.mark.slow
def test_plain_nbconvert_pages_keep_every_charts_description(tmp_path: Path) -> None:
    executed = tmp_path / "out.ipynb"
    env = {**os.environ, "REPORT_FIGURES_DIR": str(tmp_path / "figures")}
    subprocess.run(
        [sys.executable, "-m", "papermill", "--no-progress-bar",
         str(NOTEBOOKS_DIR / "03_alliance_cohesion.ipynb"), str(executed)],
        cwd=tmp_path, env=env, check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", str(executed)],
        cwd=tmp_path, env=env, check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    shown = {html.unescape(alt) for alt in re.findall(r'<img [^>]*alt="([^"]*)"', page)}
    described = {alt for alt, _ in _described_images(executed)}
    assert described, "the notebook showed no chart with a description"
    assert described <= shown
