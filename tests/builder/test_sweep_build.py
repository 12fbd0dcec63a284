"""A sweep end to end on a small real notebook: its variants published, compared and reused."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from analysis.builder import pipeline, runs
from analysis.builder.verify import verify_run
from analysis.cli import project_config
from tests.builder.test_build import GOOD
from tests.conftest import make_notebook

pytestmark = pytest.mark.slow

build_reports = functools.partial(pipeline.build_reports, config=project_config())


def _manifest(run_dir: Path) -> dict[str, Any]:
    return dict(json.loads((run_dir / "manifest.json").read_text(encoding="utf-8")))


def test_a_sweep_publishes_its_variants_keeps_the_site_and_is_incremental(tmp_path: Path) -> None:
    other = make_notebook(tmp_path / "nb", "other", *GOOD)
    swept = make_notebook(tmp_path / "nb", "swept", *GOOD)
    out = tmp_path / "out"
    assert build_reports([str(other), str(swept)], out=out, say=print).exit_status == 0

    said: list[str] = []
    first = build_reports([str(swept)], out=out, sweep=[("repeat", ["1", "3"])], say=said.append)
    assert first.exit_status == 0
    assert first.run_dir is not None
    assert "2 executed, 2 reused" in said[-1]
    build = _manifest(first.run_dir)["build"]
    names = [nb["name"] for nb in build["notebooks"]]
    assert names == ["other", "swept", "swept~repeat=1", "swept~repeat=3"]
    assert build["sweeps"] == [
        {"notebook": "swept", "names": ["repeat"], "variants": [
            {"name": f"swept~repeat={n}", "values": {"repeat": n}, "folder": f"swept~repeat={n}",
             "page": f"swept~repeat={n}/swept~repeat={n}.html"} for n in (1, 3)]}
    ]  # fmt: skip
    for n in (1, 3):
        folder = first.run_dir / f"swept~repeat={n}"
        assert (folder / f"swept~repeat={n}.html").is_file()
        assert (folder / "figures" / "values.csv").read_text() == f"label\n{'plain' * n}\n"
    assert 'href="swept~sweep.html"' in (first.run_dir / "index.html").read_text()
    assert (first.run_dir / "swept~sweep.html").is_file()

    again = build_reports([str(swept)], out=out, sweep=[("repeat", ["1", "3"])], say=print)
    assert again.up_to_date

    said.clear()
    other_sweep = build_reports([str(swept)], out=out, sweep=[("repeat", ["5"])], say=said.append)
    assert other_sweep.run_dir is not None
    assert "1 executed, 2 reused" in said[-1]
    assert not (other_sweep.run_dir / "swept~repeat=1").exists()  # replaced by the new sweep

    said.clear()
    back = build_reports([str(swept)], out=out, sweep=[("repeat", ["1", "3"])], say=said.append)
    assert back.run_dir is not None
    assert "0 executed, 4 reused" in said[-1]  # from the older run that still has them
    timings = _manifest(back.run_dir)["run"]["notebooks"]
    assert timings["swept~repeat=3"]["reused_from"] == first.run_dir.name
    assert runs.latest_run(out) == back.run_dir

    assert verify_run(back.run_dir, config=project_config(), say=print) == []
