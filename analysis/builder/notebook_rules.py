"""Check the few rules a notebook must follow to be built and published, one line a problem.

Generic: what the build and the landing page need of any notebook, whatever it computes.

- It is a notebook: nbformat 4 JSON whose cells have distinct ids.
- Its first cell is Markdown: a `# Title` line, then a one-line summary (the landing page's
  card shows both).
- It has one cell tagged `parameters`, each line `name: type = default  # help`
  (papermill's typed form, which the `params` command and the build read).
- Each parameter is used by a code cell after that cell (one that is not is a slip: the
  parameter would change nothing).

Nothing else is a rule: prose may state any number, code may import any library and show any
number of figures. The `validate` command reports every problem of every notebook in the
notebooks folder; a folder inside it (`explore/`) is never checked, built or published.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analysis.builder.params import notebook_parameters
from analysis.builder.plan import available_notebooks
from analysis.errors import ParameterError
from analysis.headings import first_heading

Display = Callable[[Path], str]


def folder_problems(folder: Path, display: Display = str) -> list[str]:
    """Every broken rule of every notebook the build would run from `folder`, a line each.

    Parameters
    ----------
    folder : Path
        The notebooks folder (its sub-folders are not the build's, and are left alone).
    display : callable
        How a notebook's path is written in a message (e.g. relative to the project).

    Returns
    -------
    list of str
        One line per problem, naming the notebook and, where it lies in one, the cell.
    """
    return [line for path in available_notebooks(folder) for line in problems(path, display(path))]


def problems(notebook: Path, where: str) -> list[str]:
    """Every broken rule of one notebook, each a line starting with `where`."""
    try:
        document = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"{where}: not a readable notebook ({error})"]
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list) or not cells or document.get("nbformat") != 4:
        return [f"{where}: not an nbformat 4 notebook with cells"]
    found = _ids(cells, where) + _title(cells[0], where)
    try:
        names = [parameter.name for parameter in notebook_parameters(notebook, where)]
    except ParameterError as error:  # a parameters cell that is not Python included
        return [*found, str(error)]
    return found + _unused(cells, names, where)


def title_and_summary(notebook: Path) -> tuple[str, str]:
    """A notebook's title and one-line summary from its first cell; empty when it has none."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells") or [{}]
    except (OSError, ValueError, AttributeError):
        return "", ""
    found = first_heading(_source(cells[0])) if cells[0].get("cell_type") == "markdown" else None
    if found is None:
        return "", ""
    lines = [line.strip() for line in found[1].splitlines() if line.strip()]
    return found[0].strip(), lines[0] if lines else ""


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _ids(cells: list[dict[str, Any]], where: str) -> list[str]:
    seen: set[Any] = set()
    found = []
    for index, cell in enumerate(cells, 1):
        identity = cell.get("id")
        if identity is not None and identity in seen:
            found.append(f"{where} cell {index}: id {identity!r} is also another cell's")
        seen.add(identity)
    return found


def _title(cell: dict[str, Any], where: str) -> list[str]:
    heading = first_heading(_source(cell)) if cell.get("cell_type") == "markdown" else None
    lines = [line for line in _source(cell).splitlines() if line.strip()]
    if heading is None or not lines[0].startswith("# ") or len(lines) < 2:
        return [
            f"{where} cell {cell.get('id', 1)}: the first cell must be Markdown: "
            "a '# Title' line, then a one-line summary"
        ]
    return []


def _unused(cells: list[dict[str, Any]], names: list[str], where: str) -> list[str]:
    start = next(
        index for index, cell in enumerate(cells)
        if "parameters" in cell.get("metadata", {}).get("tags", [])
    )  # fmt: skip
    used: set[str] = set()
    for cell in cells[start + 1 :]:
        if cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse(_ipython_free(_source(cell)))
        except SyntaxError:
            continue  # the kernel says where; this check only looks for names
        used |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    cell_id = cells[start].get("id", start + 1)
    return [
        f"{where} cell {cell_id}: parameter {name!r} is used by no code cell after it"
        for name in names
        if name not in used
    ]


def _ipython_free(source: str) -> str:
    """Code without IPython's magics and shell lines, which are not Python."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()
    )
