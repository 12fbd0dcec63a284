"""The command line: params, list, usage errors, one line and an exit status each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from analysis.builder.params import notebook_parameters
from analysis.builder.plan import available_notebooks
from analysis.cli import project_config
from tests.conftest import heavy_imports

NOTEBOOKS = project_config().notebooks_dir


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, check=False)  # fmt: skip


def test_params_prints_each_parameters_name_type_default_and_help() -> None:
    result = _cli("params", "01_demographics")
    assert result.returncode == 0
    notebook = next(nb for nb in available_notebooks(NOTEBOOKS) if nb.stem == "01_demographics")
    assert result.stdout.splitlines() == [p.line() for p in notebook_parameters(notebook)]
    assert 'groups: list = ["Kazakhs", "Russians"]' in result.stdout


def test_params_of_an_unknown_notebook_suggests_the_closest() -> None:
    result = _cli("params", "01_demographic")
    assert result.returncode == 2
    assert "did you mean '01_demographics'" in result.stderr


def test_list_shows_the_notebooks_and_says_when_there_are_no_runs(tmp_path: Path) -> None:
    result = _cli("list", "--out", str(tmp_path / "none"))
    assert result.returncode == 0
    for notebook in available_notebooks(NOTEBOOKS):
        assert notebook.stem in result.stdout
    assert "none yet" in result.stdout


def test_no_command_prints_usage_and_exits_2() -> None:
    result = _cli()
    assert result.returncode == 2
    assert "build" in result.stderr


def test_a_build_with_nothing_to_do_does_not_import_the_jupyter_stack(tmp_path: Path) -> None:
    """Decided with cheap imports: the plan is made before papermill is ever imported."""
    statement = (
        "from pathlib import Path; from analysis.builder.plan import plan_build; "
        "from analysis.cli import project_config; "
        f"plan_build(project_config(), out=Path({str(tmp_path)!r}))"
    )
    assert heavy_imports(statement) == []
