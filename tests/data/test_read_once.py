"""Executing every notebook's code in one process opens each CSV of the package at most once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.data.validation import VALIDATED_ENV, data_fingerprint
from analysis.paths import DATA_DIR, NOTEBOOKS_DIR

SCRIPT = r"""
import builtins, collections, io, json, os, sys
from pathlib import Path

data_dir = Path(sys.argv[1]).resolve()
opened = collections.Counter()
real_open = io.open

def counting_open(file, *args, **kwargs):
    if isinstance(file, (str, bytes, os.PathLike)):
        path = Path(os.fsdecode(file)).resolve()
        if path.suffix == ".csv" and path.is_relative_to(data_dir):
            opened[path.name] += 1
    return real_open(file, *args, **kwargs)

builtins.open = io.open = counting_open

for notebook in sys.argv[2:]:
    document = json.loads(Path(notebook).read_text(encoding="utf-8"))
    namespace = {"__name__": "__main__"}
    for cell in document["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"]
            exec(compile("".join(source) if isinstance(source, list) else source, notebook,
                         "exec"), namespace)
print(json.dumps(dict(opened)))
"""


@pytest.mark.slow
def test_all_notebooks_in_one_process_open_each_csv_at_most_once(tmp_path: Path) -> None:
    notebooks = sorted(str(path) for path in NOTEBOOKS_DIR.glob("*.ipynb"))
    assert notebooks
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "REPORT_FIGURES_DIR": str(tmp_path / "figures"),
        VALIDATED_ENV: data_fingerprint(),  # as the build tells its kernels
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(DATA_DIR), *notebooks],
        capture_output=True, text=True, check=False, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    opened = json.loads(result.stdout.strip().splitlines()[-1])
    assert opened, "the notebooks read no CSV at all"
    assert {name: count for name, count in opened.items() if count > 1} == {}
