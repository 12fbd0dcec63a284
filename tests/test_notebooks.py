"""The report notebooks are committed clean, typed-parameterized and free of hand-typed figures."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest

from analysis.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
PARAMETER_LINE = re.compile(
    r"(?P<name>[a-z_][a-z0-9_]*): (?P<type>\w+) = (?P<default>.+?)  # (?P<help>\S.*)"
)
TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "dict": dict}
EXPECTED_PARAMETERS = {
    "00_brief": {"tolerance_pp": 1.0},
    "01_demographics": {
        "groups": ["Kazakhs", "Russians"], "start_year": 1989, "end_year": 2021,
        "show_article_claims": True,
    },
    "02_western_engagement": {"partners": ["EU", "USA"]},
    "03_alliance_cohesion": {
        "as_of": "2023-09-30", "since": "2020-01-01",
        "members": ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"],
    },
    "04_fact_check": {"tolerance_pp": 1.0},
    "05_thesis": {
        "as_of": "2026-09-30", "since": "2019-01-01",
        "members": ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"],
    },
}  # fmt: skip
ALLOWED_IMPORTS = {"analysis", "IPython.display"}


def _read(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def _source(cell: dict[str, Any]) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else str(source)


def _parameters_cells(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        cell for cell in document["cells"]
        if "parameters" in cell.get("metadata", {}).get("tags", [])
    ]  # fmt: skip


def _parameters(path: Path) -> dict[str, tuple[str, Any, str]]:
    (cell,) = _parameters_cells(_read(path))
    found = {}
    for line in _source(cell).splitlines():
        match = PARAMETER_LINE.fullmatch(line)
        assert match, f"{path.name}: parameter line {line!r} is not 'name: type = default  # help'"
        found[match["name"]] = (match["type"], ast.literal_eval(match["default"]), match["help"])
    return found


def test_the_five_reports_are_there() -> None:
    assert [path.stem for path in NOTEBOOKS] == sorted(EXPECTED_PARAMETERS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_or_execution_counts(path: Path) -> None:
    for cell in _read(path)["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], cell["id"]
            assert cell["execution_count"] is None, cell["id"]
    assert "papermill" not in _read(path)["metadata"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_valid_nbformat_with_the_python3_kernel(path: Path) -> None:
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(notebook)
    assert (notebook.nbformat, notebook.nbformat_minor) == (4, 5)
    kernelspec = notebook.metadata["kernelspec"]
    assert kernelspec["name"] == "python3"
    assert kernelspec["display_name"] == "Python 3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_cells_have_stable_readable_ids(path: Path) -> None:
    ids = [cell.get("id") for cell in _read(path)["cells"]]
    assert all(isinstance(i, str) and re.fullmatch(r"[a-z][a-z0-9-]*", i) for i in ids), ids
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_first_cell_is_a_title_and_a_one_line_summary(path: Path) -> None:
    first = _read(path)["cells"][0]
    assert first["cell_type"] == "markdown"
    lines = [line for line in _source(first).splitlines() if line.strip()]
    assert len(lines) == 2
    assert lines[0].startswith("# ")
    assert len(lines[0]) > 2
    assert not lines[1].startswith("#")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exactly_one_typed_parameters_cell_right_after_the_title(path: Path) -> None:
    document = _read(path)
    cells = _parameters_cells(document)
    assert len(cells) == 1
    assert document["cells"].index(cells[0]) == 1
    for name, (kind, default, help_text) in _parameters(path).items():
        assert kind in TYPES, name
        assert type(default) is TYPES[kind], name
        assert help_text.strip(), name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_are_the_ones_the_reports_promise(path: Path) -> None:
    found = {name: default for name, (_, default, _) in _parameters(path).items()}
    assert found == EXPECTED_PARAMETERS[path.stem]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_reads_each_parameter_with_type_and_help(path: Path) -> None:
    import papermill

    inferred = papermill.inspect_notebook(str(path))
    for name, (kind, _, help_text) in _parameters(path).items():
        assert inferred[name]["inferred_type_name"] == kind
        assert inferred[name]["help"] == help_text


DEFINITIONAL_YEARS = {"1989", "1991", "1999"}
"""Years the method is defined by, allowed in Markdown: the Soviet collapse (1991), the census
that stands for it (1989, the last before it) and the next one (1999). Every other figure a
sentence carries comes from the data, through the library."""

DISPLAY_OPTIONS = {"head", "tail", "table", "round", "set_option"}
"""Calls whose number literals only say how much to show (`frame.head(10)`), not a finding."""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_figure_is_typed_into_the_notebooks_prose(path: Path) -> None:
    for cell in _read(path)["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for word in re.findall(r"\S*\d\S*", _source(cell)):
            year = re.sub(r"[^0-9]", "", word)
            where = f"{path.name} cell {cell['id']}: {word!r} typed into prose"
            assert year in DEFINITIONAL_YEARS, where
            assert len(year) == len(re.sub(r"\W", "", word)), where


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_numbers_in_code_only_set_parameters_or_display_options(path: Path) -> None:
    document = _read(path)
    (parameters,) = _parameters_cells(document)
    for cell in document["cells"]:
        if cell["cell_type"] != "code" or cell is parameters:
            continue
        tree = ast.parse(_source(cell))
        allowed = {
            id(argument)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in DISPLAY_OPTIONS
            for argument in [*node.args, *(k.value for k in node.keywords)]
        }
        numbers = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, int | float)
            and not isinstance(node.value, bool)
            and id(node) not in allowed
        ]
        assert numbers == [], f"{path.name} cell {cell['id']}: {numbers}"


def test_the_prose_rule_catches_a_typed_figure_and_allows_a_display_option() -> None:
    assert re.findall(r"\S*\d\S*", "Kazakhs were 39.7% in 1989") == ["39.7%", "1989"]
    tree = ast.parse("analysis.table(frame).data.head(10)")
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert any(isinstance(c.func, ast.Attribute) and c.func.attr == "head" for c in calls)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_only_calls_the_library_and_uses_every_parameter(path: Path) -> None:
    document = _read(path)
    (parameters,) = _parameters_cells(document)
    code = "\n".join(
        _source(cell) for cell in document["cells"]
        if cell["cell_type"] == "code" and cell is not parameters
    )  # fmt: skip
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert {alias.name for alias in node.names} <= ALLOWED_IMPORTS
        elif isinstance(node, ast.ImportFrom):
            assert node.module in ALLOWED_IMPORTS
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert set(_parameters(path)) <= used


def test_each_chart_is_shown_and_saved_in_one_line_by_one_notebook() -> None:
    from analysis.presentation import charts

    shown: dict[str, str] = {}
    for other in NOTEBOOKS:
        for cell in _read(other)["cells"]:
            source = _source(cell)
            for name in re.findall(r"analysis\.charts\.(\w+)\(", source):
                assert shown.setdefault(name, other.stem) == other.stem, name
                assert "\n" not in source, source
                assert source.endswith(".show()"), source
    assert set(shown) <= set(charts.__all__)
    assert len(shown) == len(charts.CHARTS)


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
    assert not [o for o in outputs if o["output_type"] in ("error", "stream")]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1
    alt = images[0]["metadata"]["image/png"]["alt"]
    assert "censuses 1999-2021" in alt
    assert "".join(images[0]["data"]["text/plain"]) == alt
    from markupsafe import escape

    assert f'alt="{escape(alt)}"' in "".join(images[0]["data"]["text/html"])


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
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == 3
    for image in images:
        alt = re.search(r'alt="([^"]*)"', image)
        assert alt
        assert alt.group(1).startswith(("Timeline of", "Heatmap of", "Bar chart of"))
