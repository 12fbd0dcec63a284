"""What the landing page shows of each notebook of a run, read from the executed notebooks."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.headings import first_heading


@dataclass(frozen=True)
class Thumbnail:
    """A chart's image file in the run, with its description."""

    href: str
    alt: str


@dataclass
class NotebookCard:
    """What the landing page shows of one notebook of the run."""

    name: str
    title: str
    page: str  # the notebook's page, relative to the run folder
    notebook: str  # the executed notebook, relative to the run folder
    summary: str = ""  # Markdown
    parameters: dict[str, Any] = field(default_factory=dict)
    thumbnail: Thumbnail | None = None


def notebook_cards(run_dir: Path, record: Mapping[str, Any]) -> list[NotebookCard]:
    """One card per notebook of the build record, in name order; a sweep's variants have none
    (the sweep's own page lists them).

    The title and summary are the first markdown cell's `# Title` line and the paragraph
    after it; the thumbnail is the notebook's first PNG output, found among its figure
    files by content, with the output's `image/png.alt` metadata as alt text.

    Parameters
    ----------
    run_dir : Path
        The run folder.
    record : mapping
        The manifest's `build` record, as the build writes it.

    Returns
    -------
    list of NotebookCard
    """
    cards = []
    for entry in sorted(record["notebooks"], key=lambda entry: str(entry["name"])):
        if entry.get("variant_of"):
            continue
        name = str(entry["name"])
        notebook = read_notebook(run_dir / str(entry["notebook"]))
        title, summary = _title_and_summary(notebook, name)
        cards.append(
            NotebookCard(
                name=name,
                title=title,
                page=str(entry["page"]),
                notebook=str(entry["notebook"]),
                summary=summary,
                parameters=dict(entry["parameters"]),
                thumbnail=_thumbnail(run_dir, entry["figures"], notebook, title),
            )
        )
    return cards


def sweep_titles(run_dir: Path, record: Mapping[str, Any]) -> dict[str, str]:
    """The title of each swept notebook, from its first variant's executed copy.

    Never from another notebook the run holds (a reused copy of the same notebook, or none in
    a sweep built into an empty folder), so that the sweep's page is the same in any folder.
    """
    entries = {str(entry["name"]): entry for entry in record["notebooks"]}
    titles = {}
    for sweep in record.get("sweeps") or []:
        name = str(sweep["notebook"])
        first = next((entries.get(str(v["name"])) for v in sweep["variants"]), None)
        if first is not None:
            notebook = read_notebook(run_dir / str(first["notebook"]))
            titles[name] = _title_and_summary(notebook, name)[0]
    return titles


def read_notebook(path: Path) -> dict[str, Any]:
    """An executed notebook as plain JSON data."""
    result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return result


def markdown_outputs(notebook: Mapping[str, Any]) -> list[str]:
    """The text of every `text/markdown` output of the notebook's code cells, in order."""
    return [
        _source(output["data"]["text/markdown"])
        for output in _outputs(notebook)
        if "text/markdown" in output.get("data", {})
    ]


def _source(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _title_and_summary(notebook: Mapping[str, Any], fallback: str) -> tuple[str, str]:
    """The first markdown cell's `# Title` line and the paragraph after it."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = _source(cell.get("source"))
        title, rest = first_heading(source) or (fallback, source)
        paragraph: list[str] = []
        for line in rest.splitlines():
            if line.strip():
                if line.lstrip().startswith("#") and not paragraph:
                    continue
                paragraph.append(line.strip())
            elif paragraph:
                break
        return _plain(title), " ".join(paragraph)
    return fallback, ""


def _plain(markdown: str) -> str:
    """A heading's text without inline Markdown markers."""
    return re.sub(r"[*_`]", "", markdown).strip()


def _outputs(notebook: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            yield from cell.get("outputs", [])


def _thumbnail(
    run_dir: Path, figures: Iterable[str], notebook: Mapping[str, Any], title: str
) -> Thumbnail | None:
    """The figure file whose bytes are the notebook's first PNG output, and its alt text."""
    first = next((out for out in _outputs(notebook) if "image/png" in out.get("data", {})), None)
    if first is None:
        return None
    try:
        png = base64.b64decode("".join(_source(first["data"]["image/png"]).split()))
    except (binascii.Error, ValueError):
        return None
    digest = hashlib.sha256(png).hexdigest()
    for candidate in sorted(str(path) for path in figures if str(path).endswith(".png")):
        path = run_dir / candidate
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            return Thumbnail(candidate, _alt(first, title))
    return None


def _alt(output: Mapping[str, Any], title: str) -> str:
    """The output's `image/png.alt` metadata, else its text/plain form, else a description."""
    metadata = output.get("metadata", {}).get("image/png", {})
    alt = metadata.get("alt") if isinstance(metadata, Mapping) else None
    if not alt:
        plain = _source(output.get("data", {}).get("text/plain", "")).strip()
        # An object's repr such as matplotlib's "<Figure size ...>" describes nothing.
        alt = "" if plain.startswith("<") and plain.endswith(">") else plain
    return " ".join(str(alt).split()) or f"The first chart of {title}"
