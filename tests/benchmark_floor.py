"""The floor of a build: the stack imported once, then every notebook's code cells in one process.

Run by `tests/benchmark.py` in a fresh interpreter started with the kernels' environment
(the data validated, so that no notebook validates it again). It imports the stack, i.e.
what the build's kernel template imports (ipykernel's modules and the project's `preload`),
then runs the code cells of each notebook, one notebook after the other, in one IPython
shell with the inline backend, and prints {"import": s, "cells": {notebook: s}} as JSON on
stdout. Figures go to a temporary folder. This is the work itself, without process starts,
kernels, messaging or rendering; the notebooks share the process's caches.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    """Measure and print the floor's parts."""
    notebooks = [Path(arg) for arg in sys.argv[1:]]
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    preload = config["tool"]["csto-report"]["preload"]
    sources = [_code_cells(path) for path in notebooks]  # read before the clock starts
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    start = time.perf_counter()
    from IPython.core.interactiveshell import InteractiveShell

    from analysis.builder.kernel_fork import KERNEL_MODULES

    for module in (*KERNEL_MODULES, *preload):
        importlib.import_module(module)
    shell = InteractiveShell.instance()
    imported = time.perf_counter() - start
    cells: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="csto-floor-") as figures:
        os.environ["REPORT_FIGURES_DIR"] = figures
        for path, code in zip(notebooks, sources, strict=True):
            shell.reset(new_session=False)
            began = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                for source in code:
                    result = shell.run_cell(source, store_history=False)
                    if not result.success:
                        raise SystemExit(f"{path.name}: a cell failed: {result.error_in_exec}")
            cells[path.stem] = time.perf_counter() - began
    print(json.dumps({"import": imported, "cells": cells}))
    return 0


def _code_cells(path: Path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


if __name__ == "__main__":
    raise SystemExit(main())
