"""What makes an executed notebook's bytes depend on its inputs only: environment and clean-up.

A kernel gets a fixed hash seed, time zone, locale, thread counts and SOURCE_DATE_EPOCH; the
executed copy loses what papermill and nbclient stamp about when and where it ran. This
module's source is part of every notebook's execution key: changing it re-executes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

SOURCE_DATE_EPOCH = "946684800"
"""2000-01-01T00:00:00Z: the date tools that honour SOURCE_DATE_EPOCH stamp into their output."""

DETERMINISTIC_ENVIRONMENT: Mapping[str, str] = {
    # Iteration order of str/bytes sets and dicts built from them.
    "PYTHONHASHSEED": "0",
    # Dates matplotlib writes into SVG/PDF/PS metadata, and other reproducible-build aware tools.
    "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
    # open() and subprocess text defaults, whatever the machine's locale.
    "PYTHONUTF8": "1",
    # time.localtime() and naive-datetime conversions.
    "TZ": "UTC",
    # shutil.get_terminal_size() (used by some reprs) reads these before asking the terminal.
    "COLUMNS": "80",
    "LINES": "24",
    # Thread count changes BLAS summation order (last-bit float differences), and parallel
    # kernels would oversubscribe the cores.
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    # ipykernel's debugger warns on stderr about frozen modules at every kernel start.
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
"""Variables set in every kernel's environment so that its outputs do not vary between runs."""

_INHERITED_SESSION_VARIABLES = ("JPY_SESSION_NAME", "JPY_PARENT_PID")
"""Set when this process itself runs inside a Jupyter kernel; they must not leak to our kernels."""

_PAPERMILL_RUN_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path")
"""Keys of `metadata.papermill` that depend on when and where a notebook ran."""

_PAPERMILL_CELL_KEYS = ("start_time", "end_time", "duration")
"""Keys of a cell's `metadata.papermill` that depend on when it ran."""

_CELL_ID_PREFIX = "report-"
"""Ids given to the cells papermill adds (injected parameters, error banners)."""


def kernel_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for a kernel: this process's, made deterministic, plus `extra`.

    Parameters
    ----------
    extra
        Variables to add or override last (e.g. where a notebook finds its data).

    Returns
    -------
    dict[str, str]
        A new mapping; `os.environ` is left alone.
    """
    env = {k: v for k, v in os.environ.items() if k not in _INHERITED_SESSION_VARIABLES}
    env.update(DETERMINISTIC_ENVIRONMENT)
    if extra:
        env.update(extra)
    return env


def write_deterministic(partial: Path, target: Path, source_ids: set[object]) -> None:
    """Write papermill's output at `target` without what varies between runs.

    Parameters
    ----------
    partial
        The executed notebook as papermill wrote it.
    target
        Where the clean copy goes (replaced atomically).
    source_ids
        Cell ids of the source notebook; other cells get ids derived from their content.
    """
    import nbformat

    nb = nbformat.read(partial, as_version=4)
    run = nb.metadata.get("papermill", {})
    for key in _PAPERMILL_RUN_KEYS:
        run.pop(key, None)
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell_run = cell.metadata.get("papermill", {})
        for key in _PAPERMILL_CELL_KEYS:
            cell_run.pop(key, None)
        if cell.get("id") not in source_ids:
            # papermill's injected-parameters and error-banner cells get random ids from
            # nbformat; derive them from the content (for the injected cell: the parameters).
            digest = hashlib.sha256(f"{index}\0{cell.cell_type}\0{cell.source}".encode())
            cell["id"] = f"{_CELL_ID_PREFIX}{digest.hexdigest()[:16]}"
    text = nbformat.writes(nb)  # nbformat's JSON writer sorts keys and indents by 1
    staged = partial.with_name(partial.name + ".final")  # created with umask permissions
    try:
        staged.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        staged.replace(target)
    finally:
        staged.unlink(missing_ok=True)
