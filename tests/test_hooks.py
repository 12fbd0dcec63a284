"""The git hook the README's commands install strips a notebook saved with outputs."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from analysis.paths import NOTEBOOKS_DIR, PROJECT_DIR
from tests.conftest import make_notebook


def _hook(name: str) -> dict[str, object]:
    config = yaml.safe_load((PROJECT_DIR / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"] if hook["id"] == name]
    assert len(hooks) == 1, f"no single hook {name!r} in .pre-commit-config.yaml"
    return hooks[0]


def test_the_strip_hook_covers_every_notebook_of_the_folder() -> None:
    pattern = re.compile(str(_hook("nbstripout")["files"]))
    for notebook in NOTEBOOKS_DIR.glob("*.ipynb"):
        assert pattern.search(notebook.relative_to(PROJECT_DIR).as_posix()), notebook


def test_the_strip_hook_empties_outputs_and_counts_of_a_saved_notebook(tmp_path: Path) -> None:
    notebook = make_notebook(tmp_path, "saved", "n: int = 1", "print(n)")
    document = json.loads(notebook.read_text("utf-8"))
    code = document["cells"][-1]
    code["execution_count"] = 7
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "1\n"}]
    notebook.write_text(json.dumps(document), encoding="utf-8")
    entry = shlex.split(str(_hook("nbstripout")["entry"]))
    program = Path(sys.executable).with_name(Path(entry[0]).name)  # this environment's
    subprocess.run([str(program), *entry[1:], str(notebook)], check=True)
    stripped = json.loads(notebook.read_text("utf-8"))
    for cell in stripped["cells"]:
        assert cell.get("outputs", []) == []
        assert cell.get("execution_count") is None
    assert [cell["id"] for cell in stripped["cells"]] == [c["id"] for c in document["cells"]]


def test_the_validate_hook_runs_for_a_notebook_and_the_readme_but_not_for_exploration() -> None:
    hook = _hook("data-valid")
    pattern = re.compile(str(hook["files"]))
    assert "--write-readme" in str(hook["entry"])
    for path in ("notebooks/05_copy.ipynb", "README.md", "analysis/data/package/claims.csv"):
        assert pattern.search(path), path
    assert not pattern.search("notebooks/explore/scratch.ipynb")
