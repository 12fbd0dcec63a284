"""Read the Frictionless descriptor: the one source of truth for tables, fields and vocabularies."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from analysis.data import reads
from analysis.data.decoding import decode
from analysis.paths import DATA_DIR, DESCRIPTOR_NAME


def descriptor(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The data package descriptor as a dict (read once per process and folder)."""
    path = data_dir / DESCRIPTOR_NAME
    with reads.reading(path):
        return _descriptor(path)


@functools.cache
def _descriptor(path: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(decode(path.read_bytes(), path))
    return result


def tables(data_dir: Path = DATA_DIR) -> list[str]:
    """Names of the tables, in the descriptor's order."""
    return [resource["name"] for resource in descriptor(data_dir)["resources"]]


def resource(name: str, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The descriptor of one table; a `KeyError` that lists the tables when there is none."""
    for entry in descriptor(data_dir)["resources"]:
        if entry["name"] == name:
            return dict(entry)
    raise KeyError(f"no table {name!r}; the tables are: {', '.join(tables(data_dir))}")


def fields(name: str, data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    """Field descriptors of one table, in column order."""
    return list(resource(name, data_dir)["schema"]["fields"])


def vocabulary(name: str, field: str, data_dir: Path = DATA_DIR) -> list[str]:
    """The closed vocabulary (`enum` constraint) of a field, in the descriptor's order."""
    for entry in fields(name, data_dir):
        if entry["name"] == field:
            enum = entry.get("constraints", {}).get("enum")
            if enum is None:
                raise KeyError(f"field {name}.{field} has no closed vocabulary")
            return list(enum)
    raise KeyError(f"table {name!r} has no field {field!r}")


def citations(data_dir: Path = DATA_DIR) -> list[tuple[str, str]]:
    """Every (table, field) whose values are source ids: a foreign key to `sources`' `id`.

    The descriptor declares them, so a table that cites its sources in a new column is
    counted here without a code change.
    """
    found = []
    for entry in descriptor(data_dir)["resources"]:
        for key in entry["schema"].get("foreignKeys", []):
            fields = key["fields"]
            reference = key["reference"]
            if reference.get("resource") == "sources" and isinstance(fields, str):
                found.append((str(entry["name"]), fields))
    return found


def pandas_dtype(field: dict[str, Any]) -> str:
    """The pandas dtype a Table Schema field loads as ('category' for closed vocabularies)."""
    kind = field.get("type", "string")
    if kind == "string":
        return "category" if "enum" in field.get("constraints", {}) else "string"
    return {
        "integer": "Int64",
        "number": "Float64",
        "boolean": "boolean",
        "date": "datetime64[ns]",
        "datetime": "datetime64[ns, UTC]",
    }[kind]
