"""Fail when a test file under tests/ is not collected by pytest.

pytest skips folders by name (its `norecursedirs`: build, dist, venv, ...) and files that do not
match `python_files`, silently. This asks pytest which files it collected (a module skipped as a
whole still counts: it was looked at) and compares them with every `test_*.py` under `tests/`.
Usage: python .ci/collected.py [PYTEST ARGS...]; exit 1 naming each file never collected.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


class _Seen:
    """A pytest plugin that records the path of every test module pytest collected."""

    def __init__(self) -> None:
        self.files: set[Path] = set()

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        path = Path(report.nodeid.split("::", 1)[0])
        if path.suffix == ".py":
            self.files.add(path)


def main(args: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    seen = _Seen()
    status = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", *args], plugins=[seen])
    if status not in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
        print(f"collected.py: pytest could not collect the tests (exit {int(status)})")
        return 1
    expected = {p.relative_to(root) for p in (root / "tests").rglob("test_*.py")}
    missing = sorted(expected - seen.files)
    for path in missing:
        print(f"collected.py: {path} is never collected by pytest (a folder or name it skips?)")
    print(f"collected.py: {len(expected) - len(missing)} of {len(expected)} test files collected")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
