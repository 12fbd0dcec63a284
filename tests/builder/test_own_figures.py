"""A figure a notebook draws itself (pyplot, pandas, seaborn) reaches its built page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from analysis.builder.pipeline import build_reports
from analysis.cli import project_config
from tests.conftest import make_notebook

pytestmark = pytest.mark.slow

# Each cell draws one figure the way a researcher would, outside the package's charts.
DRAWING_CELLS = (
    "import matplotlib.pyplot as plt\nplt.plot([1, 2, n])\nplt.title('Plain')\nplt.show()",
    "import pandas as pd\nimport seaborn as sns\n"
    "sns.barplot(data=pd.DataFrame({'x': ['a', 'b'], 'y': [1, n]}), x='x', y='y')",
    "pd.Series([1, n, 2]).plot()",
)
GIVEN_ALT = "Three points rising, then falling"
ALT_CELL = (
    "from IPython.display import display\nfig, ax = plt.subplots()\nax.plot([1, n, 2])\n"
    f"display(fig, metadata={{'image/png': {{'alt': {GIVEN_ALT!r}}}}})\nplt.close(fig)"
)


class _Images(HTMLParser):
    """The alt text of every image on a page."""

    def __init__(self, page: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.alts: list[str] = []
        self.feed(page.read_text("utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.alts.append(dict(attrs).get("alt") or "")


def _images(page: Path) -> list[str]:
    return _Images(page).alts


def _image_outputs(notebook: Path) -> int:
    nb = nbformat.read(notebook, as_version=4)
    return sum(
        1
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    )


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("own")
    return make_notebook(folder, "own_figures", "n: int = 3", *DRAWING_CELLS, ALT_CELL)


def _build(notebook: Path, out: Path) -> Path:
    result = build_reports(
        [str(notebook)], config=project_config(), out=out, force=True, say=lambda line: None
    )
    assert result.exit_status == 0
    assert result.run_dir is not None
    return result.run_dir / notebook.stem


def test_every_figure_a_cell_draws_reaches_the_page_byte_for_byte(
    notebook: Path, tmp_path: Path
) -> None:
    first = _build(notebook, tmp_path / "one")
    second = _build(notebook, tmp_path / "two")
    alts = _images(first / f"{notebook.stem}.html")
    assert len(alts) == len(DRAWING_CELLS) + 1
    assert _image_outputs(first / f"{notebook.stem}.ipynb") == len(alts)
    # Named by the notebook and the cell (the parameters cell is code cell 1).
    assert alts == [
        f"A figure drawn by code cell {number} of “{notebook.stem}”"
        " (the notebook gave it no alt text)"
        for number in range(2, 2 + len(DRAWING_CELLS))
    ] + [GIVEN_ALT]  # the alt text the notebook gave is kept
    page = f"{notebook.stem}.html"
    assert (first / page).read_bytes() == (second / page).read_bytes()


def test_plain_papermill_shows_the_same_figures(notebook: Path, tmp_path: Path) -> None:
    import papermill

    executed = tmp_path / "plain.ipynb"
    papermill.execute_notebook(
        str(notebook), str(executed), kernel_name="python3", progress_bar=False
    )
    assert _image_outputs(executed) == len(DRAWING_CELLS) + 1
