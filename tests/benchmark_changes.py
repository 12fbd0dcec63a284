"""The everyday builds `tests/benchmark.py` measures beside the forced one: edits and sweeps.

(d) A one-row edit of each table, in turn, in a copy of the project (code, notebooks, data,
seed) built once with `--force`: the build that follows executes the notebooks whose kernels
read that table (the manifest's `reads`), and no other; the edit stays, so each build starts
from the one before. The cell edited is the first row's first text field that can take a few
more words and leave the package valid (checked by `validate_package` before the build):
a string field without a closed vocabulary or pattern, outside the primary key.

(s) A sweep of the cohesion notebook over `as_of`, month by month, with 10 and with 100
variants: the wall time, the peak memory, and the same sweep again (nothing to do). Memory is
sampled every 0.2 s: the build process's resident set, and the proportional set size (PSS)
of the build and every process it started, summed: forked kernels share the template's pages,
which PSS counts once.
"""

from __future__ import annotations

import calendar
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path("analysis/data/package")
SWEPT = "03_alliance_cohesion"
"""The notebook the sweeps run: its `as_of` is the cut-off date of the events it counts."""


def copy_project(target: Path) -> Path:
    """A copy of the checkout's code, notebooks, data and seed: a project of its own."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
    for name in ("analysis", "notebooks", "seeds"):
        shutil.copytree(ROOT / name, target / name, ignore=skip)
    for name in ("pyproject.toml", "CITATION.cff"):
        shutil.copy(ROOT / name, target / name)
    return target


def build(project: Path, *args: str) -> tuple[float, set[str], str]:
    """`csto-report build ARGS` of `project` (its own code): seconds, notebooks executed, output."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "analysis", "build", *args], cwd=project,
                            env=env, capture_output=True, text=True, check=False)  # fmt: skip
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    executed = set(re.findall(r"^(\S+)\s+ok\s", result.stdout, flags=re.MULTILINE))
    return seconds, executed, result.stdout


def append_to_first_row(path: Path, field: str) -> None:
    """Add " (edited)" to one cell of a CSV file's first row."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0][field] = (rows[0][field] + " (edited)").strip()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_one_row(project: Path, table: str) -> str | None:
    """Add words to a text cell of the table's first row, keeping the package valid: its field."""
    from analysis.data.validation import validate_package

    data = project / PACKAGE
    seed = next((project / "seeds").glob("*.txt"))
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    path = data / resource["path"]
    original = path.read_bytes()
    keys = resource["schema"].get("primaryKey") or []
    for field in resource["schema"]["fields"]:
        closed = {"enum", "pattern", "maxLength"} & set(field.get("constraints") or {})
        if field.get("type", "string") != "string" or closed or field["name"] in keys:
            continue
        append_to_first_row(path, field["name"])
        if not validate_package(data, seed):
            return str(field["name"])
        path.write_bytes(original)
    return None


def edits(scratch: Path) -> list[tuple[str, str, float, list[str]]]:
    """(d) For each table: the field edited, the build's seconds, the notebooks it executed."""
    project = copy_project(scratch / "edits")
    build(project, "--force", "--quiet")
    manifest = json.loads((project / "reports" / "latest" / "manifest.json").read_text("utf-8"))
    tables = [Path(p).stem for p in manifest["build"]["data_inputs"] if p.endswith(".csv")]
    results = []
    for table in tables:
        field = edit_one_row(project, table)
        if field is None:
            results.append((table, "", 0.0, []))
            continue
        seconds, executed, _ = build(project)
        results.append((table, field, seconds, sorted(executed)))
    return results


def month_ends(count: int, last: tuple[int, int] = (2025, 9)) -> list[str]:
    """The last days of `count` months, ending with the month `last` (year, month)."""
    year, month = last
    days = []
    for _ in range(count):
        days.append(f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return days[::-1]


def measured(command: list[str], cwd: Path) -> tuple[float, int, int]:
    """Run `command`: seconds, peak RSS of its process and peak PSS of it and its children."""
    start = time.perf_counter()
    process = psutil.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    own = total = 0
    while process.poll() is None:
        try:
            own = max(own, process.memory_info().rss)
            tree = [process, *process.children(recursive=True)]
        except psutil.Error:
            break
        pss = 0
        for member in tree:
            try:
                pss += member.memory_full_info().pss
            except psutil.Error:
                continue
        total = max(total, pss)
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    if process.wait() != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()[-2000:]}")
    return seconds, own, total


Swept = tuple[int, float, int, int, float]
"""A sweep measured: variants, seconds, peak RSS of the build, peak PSS of all, rerun seconds."""


def sweeps(scratch: Path, counts: tuple[int, ...] = (10, 100)) -> list[Swept]:
    """(s) Per count: seconds, peak RSS of the build, peak PSS of all, and the rerun's seconds."""
    results = []
    for count in counts:
        days = month_ends(count)
        command = [str(Path(sys.executable).parent / "csto-report"), "build", SWEPT, "--quiet",
                   "-p", f"since={days[0][:4]}-01-01", "--sweep", "as_of=" + ",".join(days),
                   "--out", str(scratch / f"sweep-{count}")]  # fmt: skip
        seconds, own, total = measured(command, ROOT)
        again, _, _ = measured(command, ROOT)
        results.append((count, seconds, own, total, again))
    return results
