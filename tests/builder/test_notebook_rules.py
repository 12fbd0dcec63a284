"""The rules a notebook must follow: each broken one is a line naming notebook and cell."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from analysis import cli
from analysis.builder import notebook_rules, pipeline, readme
from analysis.cli import project_config
from analysis.paths import NOTEBOOKS_DIR, PROJECT_DIR
from tests.conftest import make_notebook

RESEARCHER_CODE = (
    "import pandas as pd\nimport seaborn as sns\nimport numpy as np\n"
    "import matplotlib.pyplot as plt\n\n"
    "frame = pd.DataFrame({'year': [1989, 2021], 'share': [39.7, 70.4]})\n"
    "sns.lineplot(data=frame, x='year', y='share')\nplt.show()\nprint(np.round(0.5, 1), n)"
)


def _edit(path: Path, edit: object) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    edit(document["cells"])  # type: ignore[operator]
    path.write_text(json.dumps(document), encoding="utf-8")


def test_what_a_researcher_writes_breaks_no_rule(tmp_path: Path) -> None:
    notebook = make_notebook(tmp_path, "free", "n: int = 1  # a number", RESEARCHER_CODE)
    _edit(notebook, lambda cells: cells.append({
        "cell_type": "markdown", "id": "method", "metadata": {},
        "source": "Compared with the 2021 census, about 70% of the population is Kazakh.",
    }))  # fmt: skip
    assert notebook_rules.problems(notebook, "free.ipynb") == []


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        pytest.param(lambda cells: cells[0].update(source="Just text, no title"),
                     "free.ipynb cell title: the first cell must be Markdown", id="no-title"),
        pytest.param(lambda cells: cells[0].update(source="# A title alone"),
                     "a '# Title' line, then a one-line summary", id="no-summary"),
        pytest.param(lambda cells: cells[1]["metadata"].update(tags=[]),
                     "needs exactly one cell tagged 'parameters', has 0", id="no-parameters"),
        pytest.param(lambda cells: cells[1].update(source="n = 1"),
                     "is not `name: type = default  # help`", id="untyped-parameter"),
        pytest.param(lambda cells: cells[1].update(source="n: int = (1"),
                     "free.ipynb: parameters cell line 1 is not Python (", id="not-python"),
        pytest.param(lambda cells: cells[2].update(source="print(2)"),
                     "free.ipynb cell parameters: parameter 'n' is used by no code cell after it",
                     id="unused-parameter"),
        pytest.param(lambda cells: cells[2].update(id="title"),
                     "free.ipynb cell 3: id 'title' is also another cell's", id="duplicate-id"),
    ],
)  # fmt: skip
def test_a_broken_rule_is_one_line_naming_the_notebook_and_cell(
    tmp_path: Path, edit: object, words: str
) -> None:
    notebook = make_notebook(tmp_path, "free", "n: int = 1  # a number", "print(n)")
    _edit(notebook, edit)
    found = notebook_rules.problems(notebook, "free.ipynb")
    assert len(found) == 1, found
    assert words in found[0]
    assert "\n" not in found[0]


def test_a_file_that_is_no_notebook_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.ipynb").write_text("{not json", encoding="utf-8")
    [line] = notebook_rules.folder_problems(tmp_path, lambda p: p.name)
    assert line.startswith("bad.ipynb: not a readable notebook")


def test_validate_names_the_notebook_and_cell_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, folder)
    make_notebook(folder, "06_new", "n: int = 1  # a number", "print(2)")
    config = dataclasses.replace(project_config(), notebooks_dir=folder)
    monkeypatch.setattr(cli, "project_config", lambda: config)
    assert cli.main(["validate"]) == 2
    out, err = capsys.readouterr()
    new = str(folder / "06_new.ipynb")
    assert err.splitlines() == [
        f"{new} cell parameters: parameter 'n' is used by no code cell after it"
    ]
    # Not yet listed in the README: a note (the commit hook writes the entry), not a problem.
    assert any(
        line.startswith(f"note: README.md: {new} has no parameters entry")
        for line in out.splitlines()
    )


def test_the_issue_23_trials_on_a_copy_of_the_notebooks_and_readme(tmp_path: Path) -> None:
    """Prose with any number, pandas and seaborn in a cell, a copied notebook: all allowed."""
    folder = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, folder, ignore=shutil.ignore_patterns("explore"))
    readme_copy = tmp_path / "README.md"
    shutil.copy(PROJECT_DIR / "README.md", readme_copy)
    readme.write(readme_copy, folder)  # in step with the notebooks as they are now
    first = sorted(folder.glob("*.ipynb"))[0]

    def add(cells: list[dict[str, object]]) -> None:
        cells.append(
            {
                "cell_type": "markdown",
                "id": "method-2021",
                "metadata": {},
                "source": "Beside the 2021 census, about 70% of the population.",
            }
        )
        cells.append({"cell_type": "code", "id": "3e9b1c2a-seaborn", "metadata": {},
                      "execution_count": None, "outputs": [],
                      "source": RESEARCHER_CODE.replace(", n)", ")")})  # fmt: skip

    _edit(first, add)
    copy = folder / "05_copy.ipynb"
    while copy.exists():  # a researcher's own 05_copy may be there already
        copy = copy.with_stem(f"{copy.stem}_again")
    shutil.copy(first, copy)
    assert notebook_rules.folder_problems(folder) == []
    [line] = readme.problems(readme_copy, folder, lambda p: p.relative_to(tmp_path).as_posix())
    assert line.startswith(f"README.md: notebooks/{copy.name} has no parameters entry")
    readme.write(readme_copy, folder)
    assert readme.problems(readme_copy, folder) == []


def test_the_explore_folder_is_neither_checked_nor_listed(tmp_path: Path) -> None:
    make_notebook(tmp_path, "01_report", "n: int = 1  # a number", "print(n)")
    (tmp_path / "explore").mkdir()
    (tmp_path / "explore" / "scratch.ipynb").write_text("{not even json", encoding="utf-8")
    assert notebook_rules.folder_problems(tmp_path) == []
    assert list(readme.entries(tmp_path)) == ["01_report"]


@pytest.mark.slow
def test_a_build_of_every_notebook_leaves_the_explore_folder_out(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    make_notebook(folder, "01_report", "n: int = 1  # a number", "print(n)")
    make_notebook(folder / "explore", "scratch", "n: int = 1  # a number", "print(n)")
    config = dataclasses.replace(project_config(), notebooks_dir=folder)
    result = pipeline.build_reports(None, config=config, out=tmp_path / "out", say=lambda _: None)
    assert result.exit_status == 0
    run = tmp_path / "out" / "latest"
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert [nb["name"] for nb in manifest["build"]["notebooks"]] == ["01_report"]
    assert not [p for p in run.rglob("*") if "scratch" in p.name or "explore" in p.parts]
    assert "scratch" not in (run / "index.html").read_text(encoding="utf-8")


def test_a_notebook_in_the_explore_folder_named_by_path_is_refused(tmp_path: Path) -> None:
    from analysis.builder.plan import resolve_notebooks
    from analysis.errors import ParameterError

    folder = tmp_path / "notebooks"
    make_notebook(folder, "01_report", "n: int = 1  # a number", "print(n)")
    make_notebook(folder / "explore", "scratch", "n: int = 1  # a number", "print(n)")
    scratch = str(folder / "explore" / "scratch.ipynb")
    with pytest.raises(ParameterError, match="never built or published"):
        resolve_notebooks([scratch], folder)
    assert resolve_notebooks([str(folder / "01_report.ipynb")], folder) == [
        (folder / "01_report.ipynb").resolve()
    ]
