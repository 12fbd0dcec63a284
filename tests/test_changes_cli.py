"""The change report end to end: a verdict that flips between two builds is named by the run's
`changes.json` and `changes.html`, by `csto-report diff`, and by `build --fail-on`'s exit 6."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.cli import EXIT_VERDICT_CHANGED, main
from analysis.presentation.theme import verdict_label

pytestmark = pytest.mark.slow

CLAIM = "kaz-russians-share-1991"
"""The article's 37% against the 1989 census's 37.8%: close at 1 pp, discrepant at 0 pp."""


def _build(out: Path, tolerance: str, *extra: str) -> int:
    return main(["build", "04_fact_check", "-p", f"tolerance_pp={tolerance}", "--out", str(out),
                 "--quiet", *extra])  # fmt: skip


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    out = tmp_path_factory.mktemp("reports")
    assert _build(out, "1.0") == 0
    first = (out / "latest").resolve()
    status = _build(out, "0", "--fail-on", "verdict-change")
    return first, (out / "latest").resolve(), status


def test_the_first_run_has_nothing_to_compare_with(two_runs: tuple[Path, Path, int]) -> None:
    first, _, _ = two_runs
    report = json.loads((first / "changes.json").read_text(encoding="utf-8"))
    assert not report["comparable"]
    assert report["verdicts"] == []


def test_a_flipped_verdict_is_named_with_both_verdicts_and_its_cause(
    two_runs: tuple[Path, Path, int],
) -> None:
    _, second, _ = two_runs
    report = json.loads((second / "changes.json").read_text(encoding="utf-8"))
    flipped = {change["claim"]: change for change in report["verdicts"]}
    assert (flipped[CLAIM]["old_verdict"], flipped[CLAIM]["new_verdict"]) == (
        "close",
        "discrepant",
    )
    page = (second / "changes.html").read_text(encoding="utf-8")
    for word in (CLAIM, verdict_label("close"), verdict_label("discrepant"), "tolerance_pp"):
        assert word in page
    index = (second / "index.html").read_text(encoding="utf-8")
    assert 'id="changes"' in index
    assert "changes.html" in index


def test_fail_on_verdict_change_exits_6_and_still_publishes(
    two_runs: tuple[Path, Path, int],
) -> None:
    first, second, status = two_runs
    assert status == EXIT_VERDICT_CHANGED
    assert second != first
    assert (second / "manifest.json").is_file()


def test_diff_prints_the_same_change(
    two_runs: tuple[Path, Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, _ = two_runs
    assert main(["diff", str(first), str(second)]) == 0
    text = capsys.readouterr().out
    for word in (CLAIM, f"{verdict_label('close')} -> {verdict_label('discrepant')}"):
        assert word in text
    assert main(["diff", str(first), str(second), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    saved = json.loads((second / "changes.json").read_text(encoding="utf-8"))
    assert printed["verdicts"] == saved["verdicts"]


def test_diff_of_a_folder_that_is_no_run_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(tmp_path), str(tmp_path)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_the_run_is_a_ro_crate_with_one_create_action(two_runs: tuple[Path, Path, int]) -> None:
    _, second, _ = two_runs
    crate = json.loads((second / "ro-crate-metadata.json").read_text(encoding="utf-8"))
    actions = [e for e in crate["@graph"] if e.get("@type") == "CreateAction"]
    assert len(actions) == len(
        json.loads((second / "manifest.json").read_text())["build"]["notebooks"]
    )
