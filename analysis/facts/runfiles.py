"""Read what two runs' folders hold, and name what differs in their inputs and notebooks.

A run folder holds `manifest.json` (its `build` part: inputs with hashes, notebooks with
their parameters, package versions), `data/` (the data package it was made from) and, per
notebook, `<name>/<name>.ipynb` and `<name>/figures/*.csv`. Everything here reads those
files as stored, so a run made by older code still compares.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.data.compare import RowChange, diff_rows, leading_key, read_rows
from analysis.paths import DATA_DIR, PROJECT_DIR, SEED_PATH

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Cause:
    """An input other than the data that differs: a notebook, a parameter, a version, code."""

    kind: str
    subject: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        """`kind: subject`, as a change names its cause."""
        return f"{self.kind}: {self.subject}"


@dataclass(frozen=True)
class ChartChange:
    """One chart's data file: `added`, `removed` or `changed`, and its rows that differ."""

    file: str
    status: str
    added: int
    removed: int
    changed: int
    rows: list[RowChange] = field(default_factory=list)


@dataclass(frozen=True)
class NotebookChange:
    """One notebook: whether its charts' data and its narrative changed, and why."""

    name: str
    status: str
    charts: list[ChartChange]
    narrative_changed: bool
    narrative_removed: list[str]
    narrative_added: list[str]
    causes: list[str]


def build_record(run_dir: Path) -> dict[str, Any]:
    """The `build` part of a run's manifest; {} when the run has none or it cannot be read."""
    try:
        manifest = json.loads((run_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    build = manifest.get("build") if isinstance(manifest, dict) else None
    return build if isinstance(build, dict) else {}


def run_label(run_dir: Path) -> str:
    """A run's id from its manifest's `run` part, else its folder's name."""
    try:
        manifest = json.loads((run_dir / MANIFEST).read_text(encoding="utf-8"))
        return str(manifest["run"]["id"])
    except (OSError, ValueError, KeyError, TypeError):
        return run_dir.resolve().name


def notebooks_of(build: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The build record's notebooks by name."""
    listed = build.get("notebooks") or []
    return {str(nb["name"]): nb for nb in listed if isinstance(nb, dict) and "name" in nb}


def input_causes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Cause]:
    """The inputs other than data rows that differ between two build records.

    Returns
    -------
    list of Cause
        `notebook` (a notebook's file), `parameters` (`notebook.name`), `seed` (the
        article's text), `library` (a source file of the package) and `versions` (a
        package's version, Python's, the package's own); sorted by kind and subject.
    """
    causes: list[Cause] = []
    old_notebooks, new_notebooks = notebooks_of(old), notebooks_of(new)
    old_inputs, new_inputs = _inputs(old), _inputs(new)
    sources = set()
    for name in sorted(set(old_notebooks) & set(new_notebooks)):
        before, after = old_notebooks[name], new_notebooks[name]
        sources |= {str(before.get("source")), str(after.get("source"))}
        old_hash = old_inputs.get(str(before.get("source")))
        new_hash = new_inputs.get(str(after.get("source")))
        if old_hash != new_hash:
            causes.append(Cause("notebook", name, old_hash, new_hash))
        old_params, new_params = before.get("parameters") or {}, after.get("parameters") or {}
        for param in sorted(set(old_params) | set(new_params)):
            if old_params.get(param) != new_params.get(param):
                causes.append(
                    Cause("parameters", f"{name}.{param}", old_params.get(param),
                          new_params.get(param))
                )  # fmt: skip
    data_prefix = _relative(DATA_DIR) + "/"
    seed = _relative(SEED_PATH)
    for path in sorted(set(old_inputs) | set(new_inputs)):
        if path in sources or path.startswith(data_prefix) or path.startswith("notebooks/"):
            continue
        if old_inputs.get(path) != new_inputs.get(path):
            kind = "seed" if path == seed else "library"
            causes.append(Cause(kind, path, old_inputs.get(path), new_inputs.get(path)))
    causes += _version_causes(old, new)
    return sorted(causes, key=lambda cause: (cause.kind, cause.subject))


def _inputs(build: Mapping[str, Any]) -> dict[str, str]:
    listed = build.get("inputs") or []
    return {str(r["path"]): str(r.get("sha256")) for r in listed if isinstance(r, dict)}


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return path.as_posix()


def _version_causes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Cause]:
    before = dict(old.get("package_versions") or {})
    after = dict(new.get("package_versions") or {})
    before["python"], after["python"] = old.get("python"), new.get("python")
    own_old, own_new = old.get("package") or {}, new.get("package") or {}
    if own_old or own_new:
        before[str(own_new.get("name") or own_old.get("name"))] = own_old.get("version")
        after[str(own_new.get("name") or own_old.get("name"))] = own_new.get("version")
    return [
        Cause("versions", name, before.get(name), after.get(name))
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    ]


def markdown_outputs(path: Path) -> list[str]:
    """The text of every `text/markdown` output of an executed notebook, in order."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    texts = []
    for cell in notebook.get("cells") or []:
        for output in cell.get("outputs") or []:
            value = (output.get("data") or {}).get("text/markdown")
            if value is not None:
                texts.append("".join(value) if isinstance(value, list) else str(value))
    return texts


def chart_changes(old_dir: Path, new_dir: Path) -> list[ChartChange]:
    """Each chart data file (`figures/*.csv`) of a notebook that differs between two runs."""
    names = sorted({p.name for d in (old_dir, new_dir) for p in (d / "figures").glob("*.csv")})
    changes = []
    for name in names:
        old_path, new_path = old_dir / "figures" / name, new_dir / "figures" / name
        if _same_bytes(old_path, new_path):
            continue
        old_columns, old_rows = read_rows(old_path)
        new_columns, new_rows = read_rows(new_path)
        columns = list(dict.fromkeys([*new_columns, *old_columns]))
        common = [c for c in columns if c in old_columns and c in new_columns]
        key = leading_key(common or columns, old_rows, new_rows)
        rows = diff_rows(f"figures/{name}", old_rows, new_rows, key, columns)
        status = "changed" if old_path.is_file() and new_path.is_file() else "added"
        if not new_path.is_file():
            status = "removed"
        count = {kind: sum(r.change == kind for r in rows) for kind in _ROW_CHANGES}
        changes.append(ChartChange(f"figures/{name}", status, rows=rows, **count))
    return changes


_ROW_CHANGES = ("added", "removed", "changed")


def _same_bytes(old: Path, new: Path) -> bool:
    return old.is_file() and new.is_file() and old.read_bytes() == new.read_bytes()


def notebook_changes(
    old_run: Path, new_run: Path, old: Mapping[str, Any], new: Mapping[str, Any],
    shared: list[str],
) -> list[NotebookChange]:  # fmt: skip
    """For every notebook of either run: its charts' data, its narrative, and the causes.

    Parameters
    ----------
    old_run, new_run : Path
        The run folders.
    old, new : mapping
        Their build records.
    shared : list of str
        Labels of causes every notebook shares (data rows, library, versions, seed).

    Returns
    -------
    list of NotebookChange
        By name; `status` is `added`, `removed`, `changed` or `unchanged`.
    """
    old_notebooks, new_notebooks = notebooks_of(old), notebooks_of(new)
    own = input_causes(old, new)
    changes = []
    for name in sorted(set(old_notebooks) | set(new_notebooks)):
        charts = chart_changes(old_run / name, new_run / name)
        before = markdown_outputs(old_run / name / f"{name}.ipynb")
        after = markdown_outputs(new_run / name / f"{name}.ipynb")
        causes = [
            cause.label
            for cause in own
            if cause.kind in ("notebook", "parameters") and cause.subject.split(".")[0] == name
        ]
        if name not in old_notebooks or name not in new_notebooks:
            status = "added" if name not in old_notebooks else "removed"
        else:
            status = "changed" if charts or before != after else "unchanged"
        changes.append(
            NotebookChange(
                name, status, charts, before != after,
                [text for text in before if text not in after],
                [text for text in after if text not in before],
                causes + shared if status != "unchanged" else causes,
            )
        )  # fmt: skip
    return changes
