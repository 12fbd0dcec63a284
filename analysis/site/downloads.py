"""The data package's files for download from a run: copied byte for byte, listed by table."""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.paths import DATA_DIR, DESCRIPTOR_NAME
from analysis.site.config import SITE_DATA


@dataclass(frozen=True)
class DataFile:
    """One table of the data package as the landing page lists it."""

    href: str
    path: str
    title: str
    rows: int
    description: str


def descriptor(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The data package's descriptor (`datapackage.json`)."""
    result: dict[str, Any] = json.loads((data_dir / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    return result


def data_files(package: dict[str, Any], data_dir: Path = DATA_DIR) -> list[DataFile]:
    """Every table of the descriptor, by name: its download link, title, rows and description.

    Parameters
    ----------
    package : dict
        The descriptor.
    data_dir : Path
        Where the tables are.

    Returns
    -------
    list of DataFile
    """
    files = []
    for resource in sorted(package.get("resources", []), key=lambda r: str(r["name"])):
        path = str(resource["path"])
        files.append(
            DataFile(
                href=f"{SITE_DATA}/{path}",
                path=path,
                title=str(resource.get("title", resource["name"])),
                rows=_row_count(data_dir / path),
                description=str(resource.get("description", "")),
            )
        )
    return files


def copy_data(run_dir: Path, data_dir: Path = DATA_DIR) -> list[Path]:
    """Copy the data package's CSVs and descriptor, byte for byte, into `<run>/data/`.

    Returns
    -------
    list of Path
        The files written.
    """
    target = run_dir / SITE_DATA
    target.mkdir(parents=True, exist_ok=True)
    names = sorted({str(r["path"]) for r in descriptor(data_dir)["resources"]} | {DESCRIPTOR_NAME})
    written = []
    for name in names:
        shutil.copyfile(data_dir / name, target / name)
        written.append(target / name)
    return written


def _row_count(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return max(0, sum(1 for _ in csv.reader(handle)) - 1)
