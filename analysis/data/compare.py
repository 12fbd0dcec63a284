"""Compare two copies of CSV tables row by row: rows added, removed and changed, field by field.

Tables are compared as the text their CSV files hold (no types, no validation), so that a run
made by older code compares with a newer one. Rows are matched on the table's primary key
from its descriptor; a table without one (a chart's data file) is matched on the shortest
leading run of columns that tells its rows apart in both copies.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.data import reads
from analysis.paths import DESCRIPTOR_NAME

Rows = list[dict[str, str]]


@dataclass(frozen=True)
class FieldChange:
    """One field of a row that holds another value: the text of the CSV cell on each side."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class RowChange:
    """A row `added`, `removed` or `changed` in a table, named by its key's fields and values."""

    table: str
    key: dict[str, str]
    change: str
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The row as a reader names it: `census[year=2021, group=Russians]`."""
        return f"{self.table}[{', '.join(f'{k}={v}' for k, v in self.key.items())}]"


def read_rows(path: Path) -> tuple[list[str], Rows]:
    """A CSV file's header and rows as text; ([], []) when the file is missing.

    Parameters
    ----------
    path : Path
        The CSV file (UTF-8; a byte-order mark is dropped).

    Returns
    -------
    tuple of (list of str, list of dict)
        The column names and one mapping of column to cell text per row.
    """
    try:
        with reads.reading(path):
            text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return [], []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = [{name: row.get(name) or "" for name in reader.fieldnames or []} for row in reader]
    return list(reader.fieldnames or []), rows


def leading_key(columns: Sequence[str], *row_sets: Rows) -> list[str]:
    """The shortest leading run of `columns` whose values tell apart the rows of every set.

    Returns every column when no shorter run does (rows then match only when equal).
    """
    for end in range(1, len(columns) + 1):
        key = list(columns[:end])
        if all(_unique(rows, key) for rows in row_sets):
            return key
    return list(columns)


def _unique(rows: Rows, key: Sequence[str]) -> bool:
    seen = {tuple(row.get(name, "") for name in key) for row in rows}
    return len(seen) == len(rows)


def diff_rows(
    table: str, old: Rows, new: Rows, key: Sequence[str], columns: Sequence[str] | None = None
) -> list[RowChange]:
    """The rows of `new` that `old` lacks, those it has that `new` lacks, and those that differ.

    Parameters
    ----------
    table : str
        The table's name, carried by each change.
    old, new : list of dict
        The two copies' rows (`read_rows`).
    key : sequence of str
        The fields that name a row (its primary key).
    columns : sequence of str, optional
        The fields to compare, in order (default: every field of either copy).

    Returns
    -------
    list of RowChange
        Sorted by change (added, changed, removed) and key; a row whose key appears twice
        in one copy is compared with the first of its rows only.
    """
    names = list(columns) if columns is not None else _union(_columns(old), _columns(new))
    before = _keyed(old, key)
    after = _keyed(new, key)
    changes = []
    for ident in sorted(set(before) | set(after)):
        label = dict(zip(key, ident, strict=True))
        if ident not in before:
            changes.append(RowChange(table, label, "added"))
        elif ident not in after:
            changes.append(RowChange(table, label, "removed"))
        else:
            fields = [
                FieldChange(name, before[ident].get(name), after[ident].get(name))
                for name in names
                if before[ident].get(name) != after[ident].get(name)
            ]
            if fields:
                changes.append(RowChange(table, label, "changed", fields))
    order = {"added": 0, "changed": 1, "removed": 2}
    return sorted(changes, key=lambda c: (order[c.change], sorted(c.key.items())))


def _keyed(rows: Rows, key: Sequence[str]) -> dict[tuple[str, ...], dict[str, str]]:
    keyed: dict[tuple[str, ...], dict[str, str]] = {}
    for row in rows:
        keyed.setdefault(tuple(row.get(name, "") for name in key), row)
    return keyed


def _columns(rows: Rows) -> list[str]:
    return list(rows[0]) if rows else []


def _union(*lists: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(name for names in lists for name in names))


def descriptor_of(data_dir: Path) -> dict[str, Any]:
    """A data package's descriptor as stored; {} when it is missing or unreadable."""
    try:
        with reads.reading(data_dir / DESCRIPTOR_NAME):
            loaded = json.loads((data_dir / DESCRIPTOR_NAME).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def resources(descriptor: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The descriptor's tabular resources by name."""
    found = descriptor.get("resources")
    listed = found if isinstance(found, list) else []
    return {str(r["name"]): r for r in listed if isinstance(r, dict) and "name" in r}


def primary_key(resource: Mapping[str, Any]) -> list[str]:
    """A resource's primary key as a list of field names ([] when it declares none)."""
    key = resource.get("schema", {}).get("primaryKey") or []
    return [key] if isinstance(key, str) else [str(name) for name in key]


def package_tables(data_dir: Path) -> dict[str, tuple[list[str], Rows]]:
    """Every table of a data package folder as (header, rows) text, by resource name."""
    tables = {}
    for name, resource in resources(descriptor_of(data_dir)).items():
        tables[name] = read_rows(data_dir / str(resource.get("path", f"{name}.csv")))
    return tables


def package_changes(old_dir: Path, new_dir: Path) -> list[RowChange]:
    """Every row added, removed or changed between two copies of a data package.

    Parameters
    ----------
    old_dir, new_dir : Path
        Folders holding `datapackage.json` and the tables it lists.

    Returns
    -------
    list of RowChange
        By table name, then as `diff_rows` orders them. A table only one copy has counts
        all its rows as added or removed. Rows are matched on the primary key of the new
        descriptor (the old one's when the table is gone).
    """
    old_resources = resources(descriptor_of(old_dir))
    new_resources = resources(descriptor_of(new_dir))
    old_tables, new_tables = package_tables(old_dir), package_tables(new_dir)
    changes: list[RowChange] = []
    for name in sorted(set(old_resources) | set(new_resources)):
        old_columns, old_rows = old_tables.get(name, ([], []))
        new_columns, new_rows = new_tables.get(name, ([], []))
        columns = _union(new_columns, old_columns)
        key = primary_key(new_resources.get(name) or old_resources[name])
        if not key or not set(key) <= set(columns):
            key = leading_key(columns, old_rows, new_rows)
        changes.extend(diff_rows(name, old_rows, new_rows, key, columns))
    return changes


def linked_rows(
    descriptor: Mapping[str, Any],
    tables: Mapping[str, tuple[list[str], Rows]],
    table: str,
    value: str,
) -> list[tuple[str, dict[str, str]]]:
    """The row of `table` whose one-field key is `value`, the rows pointing at it, and theirs.

    Follows the descriptor's foreign keys: rows of other tables whose foreign key names
    this row, then the rows those rows' foreign keys name (one step each way).

    Returns
    -------
    list of (str, dict)
        Table name and row, the start row first; [] when no such row exists.
    """
    found = resources(descriptor)
    start = [row for row in tables.get(table, ([], []))[1] if _key_text(found, table, row) == value]
    linked: list[tuple[str, dict[str, str]]] = [(table, row) for row in start]
    pointing = []
    for name, resource in found.items():
        for fields, target, target_fields in _foreign_keys(resource):
            if target != table:
                continue
            for row in tables.get(name, ([], []))[1]:
                if any(_values(row, fields) == _values(s, target_fields) for s in start):
                    pointing.append((name, row, resource))
    for name, row, resource in pointing:
        linked.append((name, row))
        for fields, target, target_fields in _foreign_keys(resource):
            if target == table:
                continue
            wanted = _values(row, fields)
            linked += [
                (target, other)
                for other in tables.get(target, ([], []))[1]
                if _values(other, target_fields) == wanted
            ]
    return linked


def _key_text(found: Mapping[str, Mapping[str, Any]], table: str, row: Mapping[str, str]) -> str:
    key = primary_key(found.get(table, {}))
    return row.get(key[0], "") if len(key) == 1 else ""


def _foreign_keys(resource: Mapping[str, Any]) -> list[tuple[list[str], str, list[str]]]:
    keys = []
    for fk in resource.get("schema", {}).get("foreignKeys") or []:
        fields, reference = fk.get("fields"), fk.get("reference", {})
        target_fields = reference.get("fields")
        keys.append(
            (
                [fields] if isinstance(fields, str) else list(fields or []),
                str(reference.get("resource") or resource.get("name")),
                [target_fields] if isinstance(target_fields, str) else list(target_fields or []),
            )
        )
    return keys


def _values(row: Mapping[str, str], fields: Sequence[str]) -> tuple[str, ...]:
    return tuple(row.get(name, "") for name in fields)


def row_key(descriptor: Mapping[str, Any], table: str, row: Mapping[str, str]) -> dict[str, str]:
    """A row's primary key as field to value (every field when the table declares none)."""
    key = primary_key(resources(descriptor).get(table, {})) or list(row)
    return {name: row.get(name, "") for name in key}
