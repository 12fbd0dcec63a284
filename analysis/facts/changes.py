"""What changed between two runs: verdicts, figures, rows, notebooks, and the inputs that caused it.

The comparison needs no code of the older run: each run's fact check is recomputed from the
data package the run holds (`<run>/data/`) with this library, and everything else is read
from the run's files (`runfiles`). The result is plain data (`Changes`, `as_dict`) whose JSON,
with sorted keys, is the same bytes for the same two runs.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.data.compare import (
    RowChange,
    descriptor_of,
    linked_rows,
    package_changes,
    package_tables,
    primary_key,
    resources,
    row_key,
)
from analysis.errors import DataError, ParameterError
from analysis.facts.census import census_shares
from analysis.facts.factcheck import fact_check
from analysis.facts.rules import TOTAL
from analysis.facts.runfiles import (
    Cause,
    NotebookChange,
    build_record,
    input_causes,
    notebook_changes,
    notebooks_of,
    run_label,
)
from analysis.paths import SEED_PATH

NOTHING_TO_COMPARE = "This is the first run: there is no earlier run to compare it with."
MEMBERSHIP_TABLES = ("claims", "statements", "events", "sources")
"""Tables whose rows added or removed are reported by id, as the things the article says."""

_KEY = tuple[str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class VerdictChange:
    """A claim or statement whose verdict changed, its values on both sides, and why."""

    claim: str
    kind: str
    old_verdict: str | None
    new_verdict: str | None
    old_reference: float | None
    new_reference: float | None
    old_value: float | None
    new_value: float | None
    data_rows: list[RowChange]
    causes: list[str]


@dataclass(frozen=True)
class FigureChange:
    """A figure that moved: a stated or reference value, a census count or a derived share."""

    figure: str
    subject: str
    old: float | None
    new: float | None
    data_rows: list[RowChange]
    causes: list[str]


@dataclass(frozen=True)
class Membership:
    """Rows of one table of things the article says (claims, events...) added or removed."""

    table: str
    added: list[str]
    removed: list[str]


@dataclass(frozen=True)
class Changes:
    """Everything that changed from the `previous` run to the current one.

    `comparable` is False for a first run (`note` says so) and every list is then empty.
    `data_rows` and `causes` list every input that differs; each change names those of
    them that bear on it. `errors` says what could not be compared (a fact check that
    failed on a run's data), so a partial report never passes for a full one.
    """

    previous: str | None
    current: str | None
    comparable: bool
    note: str | None
    verdicts: list[VerdictChange] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)
    membership: list[Membership] = field(default_factory=list)
    notebooks: list[NotebookChange] = field(default_factory=list)
    data_rows: list[RowChange] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def compare_runs(
    old_run: Path | None,
    new_run: Path,
    *,
    old_data: Mapping[str, pd.DataFrame] | None = None,
    new_data: Mapping[str, pd.DataFrame] | None = None,
    old_build: Mapping[str, Any] | None = None,
    new_build: Mapping[str, Any] | None = None,
    seed_path: Path = SEED_PATH,
    current: str | None = None,
    check: Callable[..., pd.DataFrame] = fact_check,
) -> Changes:
    """Compare a run with the one before it.

    Parameters
    ----------
    old_run : Path or None
        The earlier run's folder; None for a first run (nothing to compare).
    new_run : Path
        The later run's folder (its `data/` and notebooks' files must be written).
    old_data, new_data : mapping of str to pandas.DataFrame, optional
        The runs' tables (default: `Dataset(<run>/data, seed_path)`).
    old_build, new_build : mapping, optional
        The runs' build records (default: the `build` part of `<run>/manifest.json`;
        a build that has not written its manifest yet passes its record).
    seed_path : Path
        The article the runs' data is validated against.
    current : str, optional
        A label for the later run (left out by default: a run's report must not carry
        its own id, or identical inputs would give different bytes).
    check : callable
        Computes a run's fact check: `fact_check`'s signature and result (default
        `fact_check`; the site passes one that keeps the checks it made ahead).

    Returns
    -------
    Changes
        Sorted lists throughout; `as_dict` gives JSON-ready data.
    """
    if old_run is None:
        return Changes(None, current, False, NOTHING_TO_COMPARE)
    old = dict(old_build) if old_build is not None else build_record(old_run)
    new = dict(new_build) if new_build is not None else build_record(new_run)
    rows = package_changes(old_run / "data", new_run / "data")
    causes = input_causes(old, new)
    errors: list[str] = []
    old_tables = _Tables(old_run / "data")
    new_tables = _Tables(new_run / "data")
    old_frames = _or_run_data(old_data, old_run, seed_path)
    new_frames = _or_run_data(new_data, new_run, seed_path)
    old_checked = _checked(check, old_frames, old, "previous", errors)
    new_checked = _checked(check, new_frames, new, "current", errors)
    check_causes = [
        c.label for c in causes
        if c.kind in ("library", "seed", "versions")
        or (c.kind == "parameters" and c.subject.split(".")[-1] in _parameters(fact_check))
    ]  # fmt: skip

    def related(claim: str) -> list[RowChange]:
        keys = old_tables.linked(claim) | new_tables.linked(claim)
        return [row for row in rows if _key_of(row) in keys]

    verdicts = [
        VerdictChange(
            claim, after["kind"], before["verdict"], after["verdict"], before["reference"],
            after["reference"], before["value"], after["value"], related(claim), check_causes,
        )
        for claim, before, after in _paired(old_checked, new_checked)
        if before["verdict"] != after["verdict"]
    ]  # fmt: skip
    figures = [
        FigureChange(label, claim, before[name], after[name], related(claim), check_causes)
        for claim, before, after in _paired(old_checked, new_checked)
        for name, label in (("value", "stated value"), ("reference", "reference value"))
        if before[name] != after[name]
    ]
    figures += _census_figures(old_frames, new_frames, rows, check_causes, errors)
    shared = sorted({f"data: {row.label}" for row in rows}) + [
        c.label for c in causes if c.kind in ("library", "seed", "versions")
    ]
    return Changes(
        previous=run_label(old_run),
        current=current,
        comparable=True,
        note=None,
        verdicts=verdicts,
        figures=figures,
        membership=_membership(rows),
        notebooks=notebook_changes(old_run, new_run, old, new, shared),
        data_rows=rows,
        causes=causes,
        errors=errors,
    )


def as_dict(changes: Changes) -> dict[str, Any]:
    """The report as JSON-ready data: missing numbers as null, each row with its label."""
    data = _plain(asdict(changes))
    for section in ("verdicts", "figures"):
        for change in data[section]:
            for row in change["data_rows"]:
                row["label"] = _label(row)
    for row in data["data_rows"]:
        row["label"] = _label(row)
    for cause in data["causes"]:
        cause["label"] = f"{cause['kind']}: {cause['subject']}"
    return dict(data)


def _label(row: Mapping[str, Any]) -> str:
    return RowChange(row["table"], row["key"], row["change"]).label


class _Tables:
    """A run's data package as CSV text, for finding the rows behind one claim."""

    def __init__(self, data_dir: Path) -> None:
        self.descriptor = descriptor_of(data_dir)
        self.tables = package_tables(data_dir)

    def linked(self, claim: str) -> set[_KEY]:
        """Keys of the rows a claim's verdict rests on: its row, its reference, its census."""
        keys: set[_KEY] = set()
        for table, resource in resources(self.descriptor).items():
            if len(primary_key(resource)) != 1:
                continue
            for name, row in linked_rows(self.descriptor, self.tables, table, claim):
                key = row_key(self.descriptor, name, row)
                keys.add((name, tuple(sorted(key.items()))))
                if name == "census" and "year" in key:
                    keys.add(_census_key(key["year"], TOTAL))
        return keys


def _census_key(year: Any, group: Any) -> _KEY:
    return ("census", (("group", str(group)), ("year", str(year))))


def _key_of(row: RowChange) -> _KEY:
    return (row.table, tuple(sorted(row.key.items())))


def _or_run_data(
    data: Mapping[str, pd.DataFrame] | None, run: Path, seed_path: Path
) -> Mapping[str, pd.DataFrame]:
    from analysis.data.loading import Dataset

    return data if data is not None else Dataset(run / "data", seed_path)


def _checked(
    check: Callable[..., pd.DataFrame],
    data: Mapping[str, pd.DataFrame],
    build: Mapping[str, Any],
    which: str,
    errors: list[str],
) -> dict[str, dict[str, Any]]:
    """Each claim's kind, verdict, stated and reference value, as the run's fact check gives."""
    try:
        frame = check(**check_arguments(build), data=data)
    except (DataError, ParameterError, KeyError, ValueError, TypeError) as exc:
        errors.append(f"the fact check of the {which} run failed: {_first_line(exc)}")
        return {}
    checked = {}
    for row in frame.to_dict("records"):
        if row.get("primary") is False:  # a figure's reference on a second basis
            continue
        checked[str(row["claim"])] = {
            "kind": str(row["kind"]) if "kind" in frame.columns else "number",
            "verdict": _plain(row.get("verdict")),
            "value": _plain(row.get("value")),
            "reference": _plain(row.get("reference")),
        }
    return checked


def check_arguments(build: Mapping[str, Any]) -> dict[str, Any]:
    """The fact check's parameters as the run's first notebook that sets them set them.

    These are what `compare_runs` checks a run's data with, from its build record.
    """
    accepted = _parameters(fact_check) - {"data"}
    for _, notebook in sorted(notebooks_of(build).items()):
        given = {k: v for k, v in (notebook.get("parameters") or {}).items() if k in accepted}
        if given:
            return given
    return {}


def _parameters(function: Callable[..., Any]) -> set[str]:
    return set(inspect.signature(function).parameters)


def _paired(
    old: Mapping[str, dict[str, Any]], new: Mapping[str, dict[str, Any]]
) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    return [(claim, old[claim], new[claim]) for claim in sorted(set(old) & set(new))]


def _census_figures(
    old: Mapping[str, pd.DataFrame],
    new: Mapping[str, pd.DataFrame],
    rows: list[RowChange],
    causes: list[str],
    errors: list[str],
) -> list[FigureChange]:
    """Census counts and the shares derived from them that moved, with their census rows."""
    try:
        before, after = _census_values(old), _census_values(new)
    except (DataError, ParameterError, KeyError, ValueError, TypeError) as exc:
        errors.append(f"the census could not be compared: {_first_line(exc)}")
        return []
    figures = []
    for label, year, group in sorted(set(before) | set(after)):
        old_value = before.get((label, year, group))
        new_value = after.get((label, year, group))
        if old_value == new_value:
            continue
        keys = {_census_key(year, group), _census_key(year, TOTAL)}
        related = [row for row in rows if _key_of(row) in keys]
        figures.append(
            FigureChange(label, f"{year} {group}", old_value, new_value, related, causes)
        )
    return figures


def _census_values(data: Mapping[str, pd.DataFrame]) -> dict[tuple[str, str, str], Any]:
    values: dict[tuple[str, str, str], Any] = {}
    census = data["census"]
    for year, group, count in zip(census["year"], census["group"], census["count"], strict=True):
        values[("census count", str(year), str(group))] = _plain(count)
    shares = census_shares(data=data)
    for year, group, share in zip(shares["year"], shares["group"], shares["share"], strict=True):
        values[("census share", str(year), str(group))] = _plain(share)
    return values


def _membership(rows: list[RowChange]) -> list[Membership]:
    found = []
    for table in MEMBERSHIP_TABLES:
        mine = [row for row in rows if row.table == table]
        added = sorted("/".join(r.key.values()) for r in mine if r.change == "added")
        removed = sorted("/".join(r.key.values()) for r in mine if r.change == "removed")
        if added or removed:
            found.append(Membership(table, added, removed))
    return found


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


def _plain(value: Any) -> Any:
    """JSON-ready data: numbers as int or float, missing values and NaN as None."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return None if isinstance(value, float) and not math.isfinite(value) else value
    if pd.isna(value):
        return None
    if hasattr(value, "item"):
        return _plain(value.item())
    return str(value)
