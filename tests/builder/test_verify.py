"""`csto-report verify` re-makes a run from its manifest and names what differs."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.builder import pipeline
from analysis.cli import project_config
from tests.conftest import make_notebook

pytestmark = pytest.mark.slow

build_reports = functools.partial(pipeline.build_reports, config=project_config())
"""The build of this project's configuration, for small notebooks given by path."""


def test_verify_passes_on_an_untouched_run_and_names_a_tampered_file(tmp_path: Path) -> None:
    notebook = make_notebook(tmp_path / "nb", "tiny", "n: int = 2  # how many",
                             "print(list(range(n)))")  # fmt: skip
    result = build_reports([str(notebook)], overrides={"n": 3}, out=tmp_path / "out",
                           say=lambda line: None)  # fmt: skip
    assert result.run_dir is not None
    command = [sys.executable, "-m", "analysis", "verify", str(result.run_dir)]
    clean = subprocess.run(command, capture_output=True, text=True, check=False)
    assert clean.returncode == 0, clean.stderr
    assert "byte for byte" in clean.stdout
    page = result.run_dir / "tiny" / "tiny.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    tampered = subprocess.run(command, capture_output=True, text=True, check=False)
    assert tampered.returncode == 1
    assert "differs: tiny/tiny.html" in tampered.stdout


def test_verify_refuses_a_folder_without_a_manifest(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "analysis", "verify", str(tmp_path)],
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 1
    assert "no readable manifest.json" in result.stderr
