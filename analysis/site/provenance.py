"""What a run was built from, as its landing page states it: code, software, input hashes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Provenance:
    """The build record's description of the run's inputs and software, sorted for display."""

    commit: str | None
    dirty: bool
    package: str
    version: str
    python: str
    inputs: list[tuple[str, str]]  # (path, sha256), by path
    versions: list[tuple[str, str]]  # (package, version), by package


def provenance(record: Mapping[str, Any]) -> Provenance:
    """The provenance of a run from its build record (never its `run` section).

    Parameters
    ----------
    record : mapping
        The manifest's `build` record: `git`, `package`, `python`, `inputs`,
        `package_versions`.

    Returns
    -------
    Provenance
    """
    git = record["git"]
    versions = record["package_versions"]
    return Provenance(
        commit=git["commit"],
        dirty=bool(git["dirty"]),
        package=str(record["package"]["name"]),
        version=str(record["package"]["version"]),
        python=str(record["python"]),
        inputs=sorted((str(item["path"]), str(item["sha256"])) for item in record["inputs"]),
        versions=[(name, str(versions[name])) for name in sorted(versions)],
    )
