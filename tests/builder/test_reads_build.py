"""A one-row edit executes only the notebooks whose kernels read that table, and no stale page.

Each test works on a copy of the project (code, notebooks, data, seed) built once with
`--force`; which notebooks read what comes from that build's manifest, not from a list here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.hashing import sha256_file
from tests.benchmark_changes import append_to_first_row, copy_project, edit_one_row

pytestmark = pytest.mark.slow

PACKAGE = Path("analysis/data/package")
"""The data package, relative to the project."""


def _build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`csto-report build` of the copy `project`: its own code, data and notebooks."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", *args], capture_output=True, text=True,
        check=False, cwd=project, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with one forced build published in its `reports/`."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    _build(project, "--force", "--quiet")
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built project, its reports included."""
    target = tmp_path / "project"
    shutil.copytree(built, target, symlinks=True)
    return target


def _manifest(project: Path, reports: str = "reports") -> dict:
    return json.loads((project / reports / "latest" / "manifest.json").read_text("utf-8"))


def _executed(result: subprocess.CompletedProcess[str]) -> set[str]:
    """The notebooks a build's progress lines say it executed."""
    return set(re.findall(r"^(\S+)\s+ok\s", result.stdout, flags=re.MULTILINE))


def _readers(manifest: dict, table: str) -> set[str]:
    """The notebooks whose kernels read `table` in the run of `manifest`."""
    path = (PACKAGE / f"{table}.csv").as_posix()
    return {nb["name"] for nb in manifest["build"]["notebooks"] if path in nb["reads"]}


def _edit_first_row(project: Path, table: str, field: str) -> None:
    """Append a few words to one cell of a table's first row (a valid package still)."""
    append_to_first_row(project / PACKAGE / f"{table}.csv", field)


def _outputs(run: Path) -> dict[str, str]:
    return {
        p.relative_to(run).as_posix(): sha256_file(p)
        for p in sorted(run.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


def test_every_notebook_records_what_it_read_and_the_crate_names_it(built: Path) -> None:
    manifest = _manifest(built)
    data = set(manifest["build"]["data_inputs"])
    for nb in manifest["build"]["notebooks"]:
        assert nb["reads"], nb["name"]
        assert set(nb["reads"]) <= data
    crate = json.loads((built / "reports" / "latest" / "ro-crate-metadata.json").read_text())
    actions = [e for e in crate["@graph"] if e.get("@type") == "CreateAction"]
    for nb in manifest["build"]["notebooks"]:
        action = next(a for a in actions if nb["name"] in a["@id"])
        named = {ref["@id"].removeprefix("#input/") for ref in action["object"]}
        assert set(nb["reads"]) <= named
        assert not (data - set(nb["reads"])) & named


def test_a_census_edit_executes_only_its_readers_and_pages_equal_a_forced_build(
    project: Path,
) -> None:
    readers = _readers(_manifest(project), "census")
    assert readers, "no notebook read the census"
    shutil.copytree(project / "reports", project / "forced", symlinks=True)
    _edit_first_row(project, "census", "census")
    result = _build(project)
    assert _executed(result) == readers
    forced = _build(project, "--force", "--out", str(project / "forced"))
    assert _executed(forced) == {nb["name"] for nb in _manifest(project)["build"]["notebooks"]}
    assert _outputs((project / "reports" / "latest").resolve()) == _outputs(
        (project / "forced" / "latest").resolve()
    )
    assert "up to date" in _build(project).stdout


def test_an_edit_of_a_table_no_notebook_read_executes_none_and_updates_the_data(
    project: Path,
) -> None:
    manifest = _manifest(project)
    read = {path for nb in manifest["build"]["notebooks"] for path in nb["reads"]}
    unread = sorted(
        Path(path).stem
        for path in manifest["build"]["data_inputs"]
        if path.endswith(".csv") and path not in read
    )
    edited = [(table, edit_one_row(project, table)) for table in unread[:1]]
    if not edited or edited[0][1] is None:
        pytest.skip(f"no table that no notebook reads takes an edit: {unread}")
    table = edited[0][0]
    result = _build(project)
    assert _executed(result) == set()
    assert "0 executed" in result.stdout
    published = (project / "reports" / "latest" / "data" / f"{table}.csv").read_text("utf-8")
    assert "(edited)" in published


def test_a_manifest_without_reads_executes_every_notebook_after_an_edit(project: Path) -> None:
    path = project / "reports" / "latest" / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    for nb in manifest["build"]["notebooks"]:
        del nb["reads"]  # as a manifest written before reads were recorded
    path.write_text(json.dumps(manifest), encoding="utf-8")
    names = {nb["name"] for nb in manifest["build"]["notebooks"]}
    _edit_first_row(project, "census", "census")
    assert _executed(_build(project)) == names
    assert all("reads" in nb for nb in _manifest(project)["build"]["notebooks"])
