"""The README's recipe for a chart, followed literally on a copy of the package.

'Adding a chart' says: a facts function that returns the tidy frame (and its line in
`analysis/__init__.pyi`), a `Chart` subclass in a module of `analysis/presentation/charts/`,
and one notebook line. Here a copy of the package gets exactly those, nothing else, and a
fresh interpreter runs the notebook's lines: the chart is registered, drawn from the frame
the table shows and from parameters alone, saved, and described.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from analysis.paths import PACKAGE_DIR, SEED_PATH

FACTS = '''
"""How many of the article's claims each strand of its argument holds."""

from __future__ import annotations

import pandas as pd

from analysis.data.loading import or_dataset


def claims_per_strand(strands=None, *, data=None) -> pd.DataFrame:
    """Columns strand and claims: the claims of each strand, in the strands table's order."""
    data = or_dataset(data)
    counts = data["claims"]["strand"].value_counts()
    order = [s for s in data["strands"]["id"] if strands is None or s in strands]
    return pd.DataFrame({"strand": order, "claims": [int(counts.get(s, 0)) for s in order]})
'''

CHART = '''
"""Bars of the claims per strand."""

from __future__ import annotations

from typing import Any

from analysis.facts.strands import claims_per_strand
from analysis.presentation.charts.base import Chart
from analysis.presentation.charts.drawing import source_caption


class ClaimsPerStrandChart(Chart):
    """A bar per strand of the article's argument: how many claims it holds."""

    name = "claims-per-strand"
    group = "fact-check"

    @classmethod
    def of(cls, strands=None, **options: Any) -> "ClaimsPerStrandChart":
        return cls(claims_per_strand(strands, **options), parameters={"strands": strands})

    def draw(self):
        from matplotlib.figure import Figure

        fig = Figure()
        ax = fig.subplots()
        ax.barh(list(self.frame["strand"]), list(self.frame["claims"]))
        ax.set_xlabel("Claims")
        fig.suptitle("The article's claims per strand")
        fig.text(0.01, 0.01, source_caption(["the article; the package's claims table"]))
        return fig

    def describe(self) -> str:
        bars = ", ".join(f"{s} {n}" for s, n in zip(self.frame["strand"], self.frame["claims"]))
        return f"Bar chart of the article's claims per strand: {bars}."
'''

NOTEBOOK = """
import json
import analysis

frame = analysis.claims_per_strand()
analysis.table(frame)
analysis.charts.claims_per_strand(frame).show()
alone = analysis.charts.claims_per_strand(["demographics"])
print(json.dumps({
    "registered": [cls.__name__ for cls in analysis.charts.CHARTS],
    "facts_is_a_function": analysis.claims_per_strand.__module__,
    "class": analysis.charts.ClaimsPerStrandChart.factory,
    "alt": analysis.charts.claims_per_strand(frame).alt,
    "alone": alone.frame.to_dict("list"),
    "saved": sorted(p.name for p in alone.save().values()),
}))
"""


def test_a_chart_added_as_the_readme_says_is_registered_shown_saved_and_described(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "project"
    shutil.copytree(PACKAGE_DIR, copy / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "seeds").mkdir()
    shutil.copy(SEED_PATH, copy / "seeds" / SEED_PATH.name)
    # The recipe's three steps, and nothing else: a facts function and its stub line ...
    (copy / "analysis" / "facts" / "strands.py").write_text(textwrap.dedent(FACTS))
    with (copy / "analysis" / "__init__.pyi").open("a", encoding="utf-8") as stub:
        stub.write("from .facts.strands import claims_per_strand as claims_per_strand\n")
    # ... a Chart subclass in a module of the charts package ...
    (copy / "analysis" / "presentation" / "charts" / "strands.py").write_text(CHART)
    # ... and the notebook's lines.
    figures = tmp_path / "figures"
    env = {**os.environ, "PYTHONPATH": str(copy), "REPORT_FIGURES_DIR": str(figures)}
    env.pop("JPY_SESSION_NAME", None)
    result = subprocess.run(
        [sys.executable, "-c", NOTEBOOK], cwd=copy, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])

    strands = [line.split(",")[0] for line in (PACKAGE_DIR / "data/package/strands.csv")
               .read_text(encoding="utf-8").splitlines()[1:]]  # fmt: skip
    assert "ClaimsPerStrandChart" in shown["registered"]
    assert shown["class"] == "claims_per_strand"
    assert shown["facts_is_a_function"] == "analysis.facts.strands"  # not hidden by the chart
    assert all(strand in shown["alt"] for strand in strands)
    assert shown["alone"]["strand"] == ["demographics"]
    assert shown["saved"] == [f"claims-per-strand.{kind}" for kind in ("csv", "png", "svg")]
    assert {p.name for p in figures.iterdir()} == set(shown["saved"])


def test_two_charts_of_one_name_are_refused_naming_both(monkeypatch) -> None:
    import pytest

    from analysis.presentation.charts import base

    monkeypatch.setattr(base, "REGISTRY", dict(base.REGISTRY))
    with pytest.raises(TypeError, match=r"named 'timeline', as .*TimelineChart is already"):

        class TimelineChart(base.Chart):  # another module's chart of the same name
            @classmethod
            def of(cls):
                return cls(None)

            def draw(self):
                return None


def test_a_chart_without_of_is_not_a_notebook_chart(monkeypatch) -> None:
    from analysis.presentation import charts
    from analysis.presentation.charts import base

    monkeypatch.setattr(base, "REGISTRY", dict(base.REGISTRY))

    class SketchChart(base.Chart):
        def draw(self):
            return None

    assert "sketch" not in base.REGISTRY
    assert SketchChart not in charts.CHARTS
