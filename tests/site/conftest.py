"""Fixtures of the browser tests: Chromium, and the pages of one real run."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.browserkit import CHROMIUM, CHROMIUM_ARGS, site_pages


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium, or a skip that says what is missing."""
    if not CHROMIUM.is_file():
        pytest.skip(f"chromium not found at {CHROMIUM}: install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.skip(f"playwright's Python package is not installed: {error}")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="session")
def run_dir(default_run: Path) -> Path:
    """A real run: every notebook executed and rendered, the site written (shared build)."""
    return default_run


@pytest.fixture(scope="session")
def pages(run_dir: Path) -> list[str]:
    return site_pages(run_dir)


@pytest.fixture(scope="session")
def sweep_run(default_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared run's reports folder copied, then a sweep of two tolerances built into it."""
    from analysis.builder.pipeline import build_reports
    from analysis.cli import project_config

    out = tmp_path_factory.mktemp("swept") / "reports"
    shutil.copytree(default_run.parent, out, symlinks=True)
    result = build_reports(["04_fact_check"], config=project_config(), out=out,
                           sweep=[("tolerance_pp", ["0", "2"])], say=lambda line: None)  # fmt: skip
    assert result.exit_status == 0, "the sweep build failed"
    assert result.run_dir is not None
    return result.run_dir
