"""What a run was built from, as its provenance page states it: code, software, input hashes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.site.config import ARTICLE_PAGE, HOME, PROVENANCE_PAGE
from analysis.site.templating import TEMPLATES_DIR, render

SECTIONS = (
    ("#build", "Code and software"),
    ("#cite", "How to cite"),
    ("#inputs", "Inputs"),
    ("#versions", "Package versions"),
)
"""The provenance page's sections, in order, as its header lists them."""


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


def write_provenance(
    run_dir: Path, record: Mapping[str, Any], *, templates: Path = TEMPLATES_DIR
) -> Path:
    """Write the provenance page (`provenance.html`) into a run folder; return its path.

    Parameters
    ----------
    run_dir : Path
        The run folder.
    record : mapping
        The manifest's `build` record, as `provenance` takes it.
    templates : Path
        The templates folder.

    Returns
    -------
    Path
        The page written.
    """
    text = render(
        "provenance.html.j2",
        templates,
        title="Provenance of this run",
        home_href=HOME,
        sections=SECTIONS,
        provenance=provenance(record),
        article_page=ARTICLE_PAGE,
    )
    path = Path(run_dir) / PROVENANCE_PAGE
    path.write_bytes(text.encode("utf-8"))
    return path


__all__ = ["Provenance", "provenance", "write_provenance"]
