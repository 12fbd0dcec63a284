"""Run folders made by hand, for the tests of change reports and crates."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

from analysis.paths import DATA_DIR

NOTEBOOK = "01_demo"
"""The one notebook of a hand-made run."""

RUSSIANS_2021 = "kaz-russians-share-2021"
"""The claim (18%) whose reference, the 2021 census share of Russians (15.5%), is discrepant."""

RUSSIANS_2021_AS_18_PERCENT = "3453483"
"""A 2021 count of Russians that makes their share 18.0% of the 2021 total: consistent."""


def make_run(
    root: Path,
    name: str,
    *,
    parameters: dict[str, Any] | None = None,
    chart: list[dict[str, str]] | None = None,
    narrative: list[str] | None = None,
    versions: dict[str, str] | None = None,
) -> Path:
    """A run folder `root/name`: a copy of the data package, one notebook's files, a manifest.

    The notebook `01_demo` has a chart data file `figures/demo.csv` (rows `chart`), an
    executed notebook whose Markdown outputs are `narrative`, and the parameters given.
    """
    run = root / name
    shutil.copytree(DATA_DIR, run / "data")
    figures = run / NOTEBOOK / "figures"
    figures.mkdir(parents=True)
    rows = (
        chart if chart is not None else [{"claim": "a", "value": "1"}, {"claim": "b", "value": "2"}]
    )
    with (figures / "demo.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    texts = narrative if narrative is not None else ["**Census.** Russians were 15.5% in 2021."]
    outputs = [
        {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": text}}
        for text in texts
    ]
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": 1, "source": "",
         "outputs": outputs},
    ]}  # fmt: skip
    (run / NOTEBOOK / f"{NOTEBOOK}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    build = {
        "inputs": [{"path": f"notebooks/{NOTEBOOK}.ipynb", "sha256": "1" * 64}],
        "notebooks": [
            {
                "name": NOTEBOOK,
                "source": f"notebooks/{NOTEBOOK}.ipynb",
                "parameters": parameters if parameters is not None else {"tolerance_pp": 1.0},
                "notebook": f"{NOTEBOOK}/{NOTEBOOK}.ipynb",
                "page": f"{NOTEBOOK}/{NOTEBOOK}.html",
                "figures": [f"{NOTEBOOK}/figures/demo.csv"],
                "status": "ok",
            }
        ],
        "package": {"name": "csto-analysis", "version": "0.1.0"},
        "package_versions": versions if versions is not None else {"pandas": "2.3.3"},
        "python": "3.11.2",
        "git": {"commit": None, "dirty": None},
    }
    manifest = {"build": build, "run": {"id": name, "started": "2026-01-01T00:00:00+00:00"}}
    (run / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return run


def set_cell(run: Path, table: str, match: dict[str, str], field: str, value: str) -> None:
    """Set one cell of a run's data table: the rows whose fields equal `match`."""
    path = run / "data" / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    hits = [row for row in rows if all(row[k] == v for k, v in match.items())]
    assert hits, f"no row of {table} matches {match}"
    for row in hits:
        row[field] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
