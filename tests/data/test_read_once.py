"""Executing every notebook's code in one process, the library opens each CSV at most once.

Only the library's reads count: a notebook may read a file itself (`pd.read_csv`), and
`analysis.load("census")` in a notebook is served from the same cache as the facts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.data.validation import VALIDATED_ENV, data_fingerprint
from analysis.paths import DATA_DIR, NOTEBOOKS_DIR
from tests.conftest import make_notebook

SCRIPT = r"""
import builtins, collections, io, json, os, sys
from pathlib import Path

import analysis

data_dir = Path(sys.argv[1]).resolve()
library = str(Path(analysis.__file__).resolve().parent)
opened = collections.Counter()
real_open = io.open

def by_the_library():
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.startswith(library):
            return True
        frame = frame.f_back
    return False

def counting_open(file, *args, **kwargs):
    if isinstance(file, (str, bytes, os.PathLike)):
        path = Path(os.fsdecode(file)).resolve()
        if path.suffix == ".csv" and path.is_relative_to(data_dir) and by_the_library():
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


def _opened(notebooks: list[str], tmp_path: Path) -> dict[str, int]:
    """How often the library opened each CSV of the package while the notebooks' code ran."""
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
    opened: dict[str, int] = json.loads(result.stdout.strip().splitlines()[-1])
    return opened


@pytest.mark.slow
def test_all_notebooks_in_one_process_open_each_csv_at_most_once(tmp_path: Path) -> None:
    notebooks = sorted(str(path) for path in NOTEBOOKS_DIR.glob("*.ipynb"))
    assert notebooks
    opened = _opened(notebooks, tmp_path)
    assert opened, "the notebooks read no CSV at all"
    assert {name: count for name, count in opened.items() if count > 1} == {}


def test_load_in_a_notebook_reads_nothing_again_and_its_own_reads_do_not_count(
    tmp_path: Path,
) -> None:
    census = DATA_DIR / "census.csv"
    notebook = make_notebook(
        tmp_path, "reads", "",
        "import analysis\nimport pandas as pd\nanalysis.census_years()",
        f"frame = analysis.load('census')\nown = pd.read_csv({str(census)!r})",
        "assert len(frame) == len(own)",
    )  # fmt: skip
    opened = _opened([str(notebook)], tmp_path)
    assert opened["census.csv"] == 1
    assert set(opened.values()) == {1}
