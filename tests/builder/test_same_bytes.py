"""The same inputs give the same bytes in any reports folder, first run or later."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from analysis.builder import pipeline
from analysis.cli import project_config
from analysis.hashing import sha256_file
from tests.builder.test_build import GOOD
from tests.conftest import make_notebook

pytestmark = pytest.mark.slow

build_reports = functools.partial(pipeline.build_reports, config=project_config())

CHANGE_REPORT = ("changes.html", "changes.json")
"""The files that name the run they compare with by its id."""

RUN_SPECIFIC = ("manifest.json", "ro-crate-metadata.json", *CHANGE_REPORT)
"""Every file that may differ between two folders given the same inputs (README: "Same
inputs, same bytes")."""


def _quiet(line: str) -> None:
    """Swallow progress lines."""


def _files(run_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(run_dir).as_posix(): p.read_bytes() for p in sorted(run_dir.rglob("*"))
            if p.is_file()}  # fmt: skip


def _twice(notebook: Path, out: Path) -> tuple[Path, Path]:
    """Build `notebook` into `out` twice (the second forced); both runs."""
    runs = []
    for force in (False, True):
        result = build_reports([str(notebook)], out=out, force=force, say=_quiet)
        assert result.exit_status == 0
        assert result.run_dir is not None
        runs.append(result.run_dir)
    return runs[0], runs[1]


def _titled(folder: Path, name: str, title: str) -> Path:
    """A small real notebook whose title is not its name."""
    path = make_notebook(folder, name, *GOOD)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["cells"][0]["source"] = f"# {title}\n\nA test."
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


def test_two_folders_built_twice_hold_the_same_pages_but_for_the_previous_runs_id(
    tmp_path: Path,
) -> None:
    notebook = make_notebook(tmp_path / "nb", "good", *GOOD)
    first_a, later_a = _twice(notebook, tmp_path / "a")
    first_b, later_b = _twice(notebook, tmp_path / "b")
    assert first_a.name != first_b.name  # the runs' ids differ
    for a, b, may_differ in ((first_a, first_b, ("manifest.json",)),
                             (later_a, later_b, RUN_SPECIFIC)):  # fmt: skip
        files_a, files_b = _files(a), _files(b)
        assert sorted(files_a) == sorted(files_b)
        differ = sorted(name for name in files_a if files_a[name] != files_b[name])
        assert set(differ) <= set(may_differ), differ
        assert files_a["index.html"] == files_b["index.html"]
        assert a.name.encode() not in files_a["index.html"]
    # The later runs' change reports differ by the previous run's id only ...
    for name in CHANGE_REPORT:
        text_a = (later_a / name).read_text(encoding="utf-8")
        text_b = (later_b / name).read_text(encoding="utf-8")
        assert first_a.name in text_a
        assert text_a.replace(first_a.name, "ID") == text_b.replace(first_b.name, "ID")
    # ... and their RO-Crates by those files' hashes.
    crates = []
    for run in (later_a, later_b):
        crate = (run / "ro-crate-metadata.json").read_text(encoding="utf-8")
        for name in CHANGE_REPORT:
            crate = crate.replace(sha256_file(run / name), name)
        crates.append(crate)
    assert crates[0] == crates[1]
    # The manifest's build section differs by the same hashes; its run section names the id.
    builds = []
    for run, previous in ((later_a, first_a), (later_b, first_b)):
        manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["run"]["previous"] == previous.name
        build = manifest["build"]
        build["outputs"] = [o for o in build["outputs"] if o["path"] not in RUN_SPECIFIC]
        builds.append(build)
    assert builds[0] == builds[1]


def test_a_sweeps_page_takes_its_title_from_the_notebook_whatever_the_folder_held(
    tmp_path: Path,
) -> None:
    other = make_notebook(tmp_path / "nb", "other", *GOOD)
    old = _titled(tmp_path / "old", "swept", "An older title")
    full = tmp_path / "full"
    assert build_reports([str(other), str(old)], out=full, say=_quiet).exit_status == 0
    swept = _titled(tmp_path / "nb", "swept", "How repeating changes the values")
    pages = []
    for out in (tmp_path / "empty", full):
        result = build_reports([str(swept)], out=out, sweep=[("repeat", ["1", "3"])], say=_quiet)
        assert result.exit_status == 0
        assert result.run_dir is not None
        pages.append((result.run_dir / "swept~sweep.html").read_bytes())
    assert b"<title>Sweep: How repeating changes the values" in pages[0]
    assert pages[0] == pages[1]
