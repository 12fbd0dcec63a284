"""A run described as an RO-Crate: one CreateAction per notebook, the same bytes each time."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from analysis.builder.crate import CRATE_METADATA, write_crate


def _run(root: Path) -> Path:
    """A run of two notebooks, with a manifest whose build part lists inputs and outputs."""
    run = root / "run"
    for name in ("01_a", "02_b"):
        (run / name / "figures").mkdir(parents=True)
        (run / name / f"{name}.ipynb").write_text("{}", encoding="utf-8")
        (run / name / "figures" / "chart.csv").write_text("x\n1\n", encoding="utf-8")
    (run / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    outputs = sorted(p.relative_to(run).as_posix() for p in run.rglob("*") if p.is_file())
    build = {
        "inputs": [
            {"path": "lib/code.py", "sha256": "a" * 64},
            {"path": "notebooks/01_a.ipynb", "sha256": "b" * 64},
            {"path": "notebooks/02_b.ipynb", "sha256": "c" * 64},
        ],
        "notebooks": [
            {"name": name, "source": f"notebooks/{name}.ipynb", "parameters": params}
            for name, params in (("01_a", {"n": 1, "items": ["x", "y"]}), ("02_b", {}))
        ],
        "outputs": [{"path": path, "sha256": "d" * 64} for path in outputs],
        "package": {"name": "demo", "version": "1.0"},
        "package_versions": {"pandas": "2.3.3"},
        "python": "3.11.2",
    }
    (run / "manifest.json").write_text(json.dumps({"build": build, "run": {"id": "x"}}))
    return run


def _graph(path: Path) -> dict[str, dict[str, Any]]:
    return {e["@id"]: e for e in json.loads(path.read_text(encoding="utf-8"))["@graph"]}


def _ids(value: Any) -> list[str]:
    return [item["@id"] for item in (value if isinstance(value, list) else [value])]


def test_each_notebook_execution_is_a_create_action(tmp_path: Path) -> None:
    graph = _graph(write_crate(_run(tmp_path)))
    actions = {k: e for k, e in graph.items() if e["@type"] == "CreateAction"}
    assert sorted(actions) == ["#execution/01_a", "#execution/02_b"]
    action = actions["#execution/01_a"]
    assert _ids(action["instrument"]) == ["#input/notebooks/01_a.ipynb"]
    objects = _ids(action["object"])
    assert "#input/lib/code.py" in objects
    assert "#input/notebooks/02_b.ipynb" not in objects
    assert {"#parameter/01_a/n", "#parameter/01_a/items"} <= set(objects)
    assert graph["#parameter/01_a/items"]["value"] == '["x", "y"]'
    assert _ids(action["result"]) == [
        "01_a/01_a.ipynb", "01_a/figures/chart.csv"
    ]  # fmt: skip
    assert graph["01_a/figures/chart.csv"]["@type"] == "File"
    assert graph["01_a/figures/chart.csv"]["sha256"] == "d" * 64
    root = graph["./"]
    assert "index.html" in _ids(root["hasPart"])
    assert "datePublished" not in root


def test_identical_runs_give_identical_bytes_and_no_clock(tmp_path: Path) -> None:
    first = write_crate(_run(tmp_path / "one"))
    second_run = tmp_path / "two" / "run"
    shutil.copytree(first.parent, second_run)
    (second_run / CRATE_METADATA).unlink()
    second = write_crate(second_run)
    assert first.read_bytes() == second.read_bytes()
    dated = write_crate(second_run, date_published="2026-11-27")
    assert _graph(dated)["./"]["datePublished"] == "2026-11-27"


def test_without_listed_outputs_the_run_folders_files_are_hashed(tmp_path: Path) -> None:
    run = _run(tmp_path)
    manifest = json.loads((run / "manifest.json").read_text())
    del manifest["build"]["outputs"]
    graph = _graph(write_crate(run, manifest["build"]))
    assert "manifest.json" not in graph
    assert len(graph["index.html"]["sha256"]) == 64
