"""The README's list of notebook parameters is written from the notebooks, and checked."""

from __future__ import annotations

import shutil
from pathlib import Path

from analysis.builder import readme
from tests.conftest import make_notebook

README = f"# Project\n\nIntro.\n\n{readme.BEGIN}\n\n{readme.END}\n\nAfter.\n"


def _project(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "notebooks"
    make_notebook(folder, "01_first", "start_year: int = 1989  # First year", "print(start_year)")
    make_notebook(folder, "02_second", "", "print(1)")
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    return tmp_path / "README.md", folder


def test_write_lists_each_notebooks_parameters_and_keeps_the_rest(tmp_path: Path) -> None:
    path, folder = _project(tmp_path)
    assert readme.problems(path, folder) != []
    assert readme.write(path, folder) is True
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Project\n\nIntro.\n\n")
    assert text.endswith(f"{readme.END}\n\nAfter.\n")
    assert "`01_first`\n\n```python\nstart_year: int = 1989  # First year\n```" in text
    assert "`02_second`\n\n(no parameters)" in text
    assert readme.problems(path, folder) == []
    assert readme.write(path, folder) is False


def test_a_new_a_changed_and_a_removed_notebook_are_each_one_line(tmp_path: Path) -> None:
    path, folder = _project(tmp_path)
    readme.write(path, folder)
    shutil.copy(folder / "01_first.ipynb", folder / "05_copy.ipynb")
    make_notebook(folder, "01_first", "start_year: int = 1999  # First year", "print(start_year)")
    (folder / "02_second.ipynb").unlink()
    fix = "; run the fix"
    found = readme.problems(
        path, folder, lambda p: p.relative_to(tmp_path).as_posix(), "run the fix"
    )
    assert found == [
        f"README.md: notebooks/01_first.ipynb has changed parameters{fix}",
        f"README.md: notebooks/05_copy.ipynb has no parameters entry{fix}",
        f"README.md: lists 02_second, which is no notebook{fix}",
    ]


def test_a_readme_without_the_markers_says_so(tmp_path: Path) -> None:
    path, folder = _project(tmp_path)
    path.write_text("# Project\n", encoding="utf-8")
    [line] = readme.problems(path, folder)
    assert "no list of notebook parameters" in line


def test_a_notebook_in_a_subfolder_is_not_listed(tmp_path: Path) -> None:
    path, folder = _project(tmp_path)
    make_notebook(folder / "explore", "scratch", "n: int = 1", "print(n)")
    readme.write(path, folder)
    assert "scratch" not in path.read_text(encoding="utf-8")


def test_an_incomplete_list_passes_only_the_notebook_not_yet_listed(tmp_path: Path) -> None:
    path, folder = _project(tmp_path)
    readme.write(path, folder)
    shutil.copy(folder / "01_first.ipynb", folder / "05_copy.ipynb")
    assert readme.problems(path, folder, complete=False) == []
    make_notebook(folder, "01_first", "start_year: int = 1999  # First year", "print(start_year)")
    found = readme.problems(path, folder, lambda p: p.name, "fix", complete=False)
    assert found == ["README.md: 01_first.ipynb has changed parameters; fix"]
