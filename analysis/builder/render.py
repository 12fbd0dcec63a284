"""Render an executed notebook as a standalone, offline, byte-deterministic HTML page."""

from __future__ import annotations

import functools
import json
import re
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.builder.stack import skip_iri_grammars
from analysis.headings import first_heading

DISPLAY_PRIORITY = [
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/latex",
    "text/plain",
]
"""Which representation of an output the page shows: the first present. No JavaScript or
widget views, which cannot work on an offline page; their text/plain form is shown instead."""

_FALLBACK_ALT = "Figure"
"""Alt text of an image whose output carries neither alt metadata nor a text/plain form."""

_MATPLOTLIB_REPR = re.compile(r"^<(?:Figure|Axes)[ :].*>$", re.DOTALL)
"""The text/plain form matplotlib gives a figure or axes: no description of what it shows."""

_EXPORTER_LOCK = threading.Lock()
"""Held while a page converts: threads that render share the exporter."""


def render_html(
    notebook: Path,
    target: Path,
    *,
    template_dirs: Sequence[Path],
    template_name: str,
    title: str | None = None,
    home_href: str = "../index.html",
    markdown: Callable[[str], str] | None = None,
) -> None:
    """Render an executed notebook as one self-contained HTML page.

    The page shows markdown cells and outputs only: no code, prompts or stderr. The
    injected-parameters cell becomes a list of the parameters used (from
    `metadata.papermill.parameters`). Nothing is loaded from the network: no scripts, the
    CSS is inlined, images are data URIs with alt text.

    The page template gets `resources.report` (title, show_title, home_href, parameters,
    parameters_at_top) and the filters `report_alt`, `report_size` and `report_base64`.

    Parameters
    ----------
    notebook
        The executed notebook.
    target
        Where to write the page (folders are created; replaced atomically).
    template_dirs, template_name
        nbconvert template folders, and the page template's name among them.
    title
        The page's title; by default the notebook's `metadata.title`, else its first
        level-1 markdown heading, else its file name.
    home_href
        Link to the site's landing page, shown at the top as "← All reports".
    markdown
        Renders the Markdown of cells and of `text/markdown` outputs as HTML, in place of
        nbconvert's renderer (which keeps raw HTML and every link as written).
    """
    skip_iri_grammars()
    import nbformat

    nb = nbformat.read(Path(notebook), as_version=4)
    heading = _first_heading(nb.cells)
    page_title = title or nb.metadata.get("title") or heading or Path(notebook).stem
    parameters = _parameter_rows(nb.metadata.get("papermill", {}).get("parameters") or {})
    has_injected_cell = any(
        "injected-parameters" in cell.metadata.get("tags", []) for cell in nb.cells
    )
    _name_unlabelled_images(nb.cells, page_title)
    exporter = _exporter(tuple(template_dirs), template_name, markdown)
    resources = {
        # No "metadata": nbconvert would record the notebook's path and modification date.
        "report": {
            "title": page_title,
            "show_title": heading is None,
            "home_href": home_href,
            "parameters": parameters,
            "parameters_at_top": not has_injected_cell,
        },
    }
    with _EXPORTER_LOCK:  # nbconvert registers filters on the exporter as it converts
        html, _ = exporter.from_notebook_node(nb, resources=resources)
    _write_atomically(Path(target), html if html.endswith("\n") else html + "\n")


def warm_up(
    *,
    template_dirs: Sequence[Path],
    template_name: str,
    markdown: Callable[[str], str] | None = None,
) -> None:
    """Compile the page template and nbformat's schema validator on a small notebook in memory.

    Both compile on first use, in every process: about 0.3 s for the templates and 0.35 s
    for the validator (fastjsonschema generates its code from the schema). A build calls this
    while its kernel template warms up, so that the first page rendered and the first
    notebook read while kernels run find them compiled. Nothing is written.
    """
    skip_iri_grammars()
    import nbformat
    from nbformat import v4

    # One output per kind the pages show, so that each of their template paths compiles; the
    # content does not matter, as nothing is written.
    shown = {kind: "x" for kind in ("text/plain", "text/html", "text/markdown", "image/png",
                                     "image/svg+xml")}  # fmt: skip
    outputs = [
        v4.new_output("stream", name="stdout", text="text\n"),
        *(v4.new_output("display_data", data={kind: shown[kind]}) for kind in shown),
        v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=1),
    ]
    nb = v4.new_notebook(
        cells=[v4.new_markdown_cell("# Title\n\nText."), v4.new_code_cell("1", outputs=outputs)]
    )
    nbformat.validate(nb)
    exporter = _exporter(tuple(template_dirs), template_name, markdown)
    report = {"title": "Title", "show_title": False, "home_href": "../index.html",
              "parameters": [("name", "value")], "parameters_at_top": True}  # fmt: skip
    with _EXPORTER_LOCK:
        exporter.from_notebook_node(nb, resources={"report": report})


@functools.cache
def _exporter(
    template_dirs: tuple[Path, ...], template_name: str, markdown: Callable[[str], str] | None
) -> Any:
    """One HTML exporter per page template in a process: its Jinja templates compile once."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config(
        {
            "NbConvertBase": {"display_data_priority": DISPLAY_PRIORITY},
            # Conventional tags for what a page should not show.
            "TagRemovePreprocessor": {
                "enabled": True,
                "remove_cell_tags": ["remove-cell", "remove_cell"],
                "remove_all_outputs_tags": ["remove-output", "remove_output"],
            },
        }
    )
    exporter = HTMLExporter(
        config=config,
        # Validate the notebook once, after all eleven preprocessors, not after each of them:
        # the same check, in about a quarter less of a page's render time.
        optimistic_validation=True,
        extra_template_basedirs=[str(folder) for folder in template_dirs],
        template_name=template_name,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_filter("report_alt", _alt_text)
    exporter.register_filter("report_size", _size_attributes)
    exporter.register_filter("report_base64", _compact_base64)
    if markdown is not None:
        exporter.register_filter("markdown2html", markdown)
    return exporter


def _first_heading(cells: list[Any]) -> str | None:
    """Text of the first level-1 heading of the markdown cells, if any."""
    for cell in cells:
        found = first_heading(cell.source) if cell.cell_type == "markdown" else None
        if found:
            return found[0]
    return None


def _parameter_rows(parameters: Mapping[str, object]) -> list[tuple[str, str]]:
    """(name, shown value) pairs, by name; strings as they are, the rest as JSON."""
    return [
        (
            name,
            value
            if isinstance(value, str)
            else json.dumps(value, ensure_ascii=False, sort_keys=True),
        )
        for name, value in sorted(parameters.items())
    ]


def _name_unlabelled_images(cells: list[Any], page_title: str) -> None:
    """Give each image that came with no alt text of its own one naming the page and cell.

    A figure a notebook draws with pyplot, pandas or seaborn reaches its page like any
    other output; matplotlib gives it no alt text, only a text/plain form such as
    `<Figure size 640x480 with 1 Axes>`, which tells a reader nothing. Such an image is
    named by the notebook's title and its code cell (counted from 1, as the notebook was
    written: without the cell of injected parameters). An image whose output carries "alt"
    metadata, or a text/plain form of its own, keeps it.
    """
    number = 0
    for cell in cells:
        if cell.cell_type != "code" or "injected-parameters" in cell.metadata.get("tags", []):
            continue
        number += 1
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            plain = data.get("text/plain", "")
            plain = "".join(plain) if isinstance(plain, list) else str(plain)
            if plain.strip() and not _MATPLOTLIB_REPR.match(plain.strip()):
                continue
            for mimetype in ("image/png", "image/jpeg", "image/svg+xml"):
                metadata = output.setdefault("metadata", {}).setdefault(mimetype, {})
                if mimetype in data and isinstance(metadata, dict) and not metadata.get("alt"):
                    metadata["alt"] = (
                        f"A figure drawn by code cell {number} of “{page_title}”"
                        " (the notebook gave it no alt text)"
                    )
            for mimetype in [m for m, v in output.get("metadata", {}).items() if v == {}]:
                del output["metadata"][mimetype]  # leave no empty entry behind


def _alt_text(output: Mapping[str, Any], mimetype: str) -> str:
    """An image's alt text: its display metadata's "alt", else its text/plain form."""
    metadata = output.get("metadata", {}).get(mimetype, {})
    alt = metadata.get("alt") if isinstance(metadata, Mapping) else None
    if not alt:
        plain = output.get("data", {}).get("text/plain", "")
        alt = "".join(plain) if isinstance(plain, list) else plain
    return " ".join(str(alt).split()) or _FALLBACK_ALT


def _size_attributes(output: Mapping[str, Any], mimetype: str) -> str:
    """` width=".." height=".."` from the image's display metadata, if it has them."""
    from markupsafe import Markup, escape

    metadata = output.get("metadata", {}).get(mimetype, {})
    if not isinstance(metadata, Mapping):
        return ""
    attributes = "".join(
        f' {name}="{escape(metadata[name])}"' for name in ("width", "height") if name in metadata
    )
    return Markup(attributes)  # the values are escaped above


def _compact_base64(data: str | list[str]) -> str:
    """Base64 image data without the line breaks some writers put in."""
    text = "".join(data) if isinstance(data, list) else data
    return "".join(text.split())


def _write_atomically(target: Path, text: str) -> None:
    """Write `text` at `target` through a temporary file in the same folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")  # umask permissions
    try:
        staged.write_text(text, encoding="utf-8")
        staged.replace(target)
    finally:
        staged.unlink(missing_ok=True)
