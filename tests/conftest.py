"""Shared fixtures: copies of the data package to break one rule at a time."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis.paths import DATA_DIR, SEED_PATH


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of `analysis/data/package/` and of the seed, laid out side by side."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    shutil.copy(SEED_PATH, tmp_path / SEED_PATH.name)
    return target


@pytest.fixture
def seed_copy(data_copy: Path) -> Path:
    """The seed that belongs to `data_copy`."""
    return data_copy.parent / SEED_PATH.name


EditCell = Callable[[str, str, str, str], None]


@pytest.fixture
def edit_cell(data_copy: Path) -> EditCell:
    """Set one cell of a table in `data_copy`: edit(table, row id, field, new value).

    The row is found by the value of its first column.
    """

    def edit(table: str, row_id: str, field: str, value: str) -> None:
        path = data_copy / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        fieldnames = list(rows[0])
        matches = [row for row in rows if row[fieldnames[0]] == row_id]
        assert matches, f"no row {row_id!r} in {table}"
        for row in matches:
            row[field] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    return edit


def make_notebook(folder: Path, name: str, parameters: str, *code: str) -> Path:
    """Write a small real notebook: a title, a typed parameters cell, then code cells."""
    import json

    cells = [
        {"cell_type": "markdown", "id": "title", "metadata": {}, "source": f"# {name}\n\nA test."},
        {"cell_type": "code", "id": "parameters", "metadata": {"tags": ["parameters"]},
         "execution_count": None, "outputs": [], "source": parameters},
    ] + [
        {"cell_type": "code", "id": f"code-{index}", "metadata": {}, "execution_count": None,
         "outputs": [], "source": source}
        for index, source in enumerate(code)
    ]  # fmt: skip
    document = {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def default_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of every notebook with its defaults, shared by the slow tests."""
    from analysis.builder.pipeline import build_reports
    from analysis.cli import project_config

    result = build_reports(
        config=project_config(), out=tmp_path_factory.mktemp("reports"), say=lambda line: None
    )
    assert result.exit_status == 0, "the default build failed"
    assert result.run_dir is not None
    return result.run_dir


HEAVY = ("pandas", "matplotlib", "frictionless", "papermill", "nbclient", "nbconvert", "nbformat",
         "jupyter_client", "mistune")  # fmt: skip
"""Modules whose import costs a scheduled run or a kernel start-up noticeable time."""


def heavy_imports(statement: str) -> list[str]:
    """The `HEAVY` modules a fresh interpreter has loaded after running `statement`."""
    import subprocess
    import sys

    code = f"import sys\n{statement}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)  # fmt: skip
    return result.stdout.split()
