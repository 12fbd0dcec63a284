"""The change report names what changed between two runs, with both values and the cause."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from analysis.facts.changes import NOTHING_TO_COMPARE, Changes, as_dict, compare_runs
from tests.runkit import (
    NOTEBOOK,
    RUSSIANS_2021,
    RUSSIANS_2021_AS_18_PERCENT,
    make_run,
    set_cell,
)


@pytest.fixture(scope="module")
def census_corrected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Changes]:
    """Two runs; in the second the 2021 count of Russians makes their share 18%."""
    root = tmp_path_factory.mktemp("runs")
    old = make_run(root, "run-1")
    new = make_run(root, "run-2")
    set_cell(new, "census", {"year": "2021", "group": "Russians"}, "count",
             RUSSIANS_2021_AS_18_PERCENT)  # fmt: skip
    return old, new, compare_runs(old, new)


def test_a_flipped_verdict_names_the_claim_both_verdicts_values_and_the_row(
    census_corrected: tuple[Path, Path, Changes],
) -> None:
    changes = census_corrected[2]
    assert [v.claim for v in changes.verdicts] == [RUSSIANS_2021]
    flip = changes.verdicts[0]
    assert (flip.old_verdict, flip.new_verdict) == ("discrepant", "consistent")
    assert flip.old_reference == pytest.approx(100 * 2981946 / 19186015)
    assert flip.new_reference == pytest.approx(18.0, abs=1e-4)
    assert flip.old_value == flip.new_value == 18
    [row] = flip.data_rows
    assert (row.table, row.key, row.change) == (
        "census", {"year": "2021", "group": "Russians"}, "changed"
    )  # fmt: skip
    assert [(f.field, f.old, f.new) for f in row.fields] == [
        ("count", "2981946", RUSSIANS_2021_AS_18_PERCENT)
    ]


def test_the_census_count_and_the_shares_derived_from_it_are_figures_that_moved(
    census_corrected: tuple[Path, Path, Changes],
) -> None:
    moved = {(f.figure, f.subject) for f in census_corrected[2].figures}
    assert moved == {
        ("census count", "2021 Russians"),
        ("census share", "2021 Russians"),
        ("reference value", RUSSIANS_2021),
    }
    assert all(f.data_rows for f in census_corrected[2].figures)


def test_a_row_that_bears_on_no_claim_is_reported_but_named_by_none(tmp_path: Path) -> None:
    old, new = make_run(tmp_path, "a"), make_run(tmp_path, "b")
    set_cell(new, "actors", {"code": "AZE"}, "name", "Azerbaijan Republic")
    changes = compare_runs(old, new)
    assert [row.label for row in changes.data_rows] == ["actors[code=AZE]"]
    assert changes.verdicts == []
    assert changes.figures == []


def test_a_changed_reference_value_flips_its_claim_and_names_the_reference_row(
    tmp_path: Path,
) -> None:
    old, new = make_run(tmp_path, "a"), make_run(tmp_path, "b")
    set_cell(new, "references", {"id": "ref-eu-share-kaz-trade"}, "value", "40")
    [flip] = compare_runs(old, new).verdicts
    assert flip.claim == "eu-share-kaz-trade"
    assert (flip.old_verdict, flip.new_verdict) == ("discrepant", "consistent")
    assert (flip.old_reference, flip.new_reference) == (30, 40)
    assert [row.label for row in flip.data_rows] == ["references[id=ref-eu-share-kaz-trade]"]


def test_the_first_run_says_it_has_nothing_to_compare_with(tmp_path: Path) -> None:
    changes = compare_runs(None, make_run(tmp_path, "a"))
    assert not changes.comparable
    assert changes.note == NOTHING_TO_COMPARE
    assert as_dict(changes)["verdicts"] == []


def test_the_same_two_runs_give_the_same_json_bytes_wherever_they_lie(
    census_corrected: tuple[Path, Path, Changes], tmp_path: Path
) -> None:
    old, new, changes = census_corrected
    moved_old, moved_new = tmp_path / old.name, tmp_path / "elsewhere" / new.name
    shutil.copytree(old, moved_old)
    shutil.copytree(new, moved_new)
    again = compare_runs(moved_old, moved_new)
    first = json.dumps(as_dict(changes), sort_keys=True)
    assert json.dumps(as_dict(again), sort_keys=True).encode() == first.encode()
    assert str(tmp_path) not in first


def test_removed_events_are_listed_by_id(tmp_path: Path) -> None:
    old, new = make_run(tmp_path, "a"), make_run(tmp_path, "b")
    for table, column in (("events", "id"), ("event_actors", "event_id")):
        path = new / "data" / f"{table}.csv"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        index = lines[0].rstrip("\n").split(",").index(column)
        kept = [line for line in lines if line.split(",")[index] != "nk-war-2020"]
        path.write_text("".join(kept), encoding="utf-8")
    changes = compare_runs(old, new)
    [events] = [m for m in changes.membership if m.table == "events"]
    assert (events.added, events.removed) == ([], ["nk-war-2020"])


def test_a_notebooks_chart_rows_narrative_and_parameters_are_compared(tmp_path: Path) -> None:
    old = make_run(tmp_path, "a", narrative=["Russians were 15.5%.", "Unchanged."])
    new = make_run(
        tmp_path, "b",
        parameters={"tolerance_pp": 3.0},
        chart=[{"claim": "a", "value": "1"}, {"claim": "b", "value": "5"},
               {"claim": "c", "value": "0"}],
        narrative=["Russians were 18.0%.", "Unchanged."],
        versions={"pandas": "2.3.4"},
    )  # fmt: skip
    changes = compare_runs(old, new)
    [notebook] = changes.notebooks
    assert (notebook.name, notebook.status, notebook.narrative_changed) == (
        NOTEBOOK, "changed", True
    )  # fmt: skip
    assert (notebook.narrative_removed, notebook.narrative_added) == (
        ["Russians were 15.5%."], ["Russians were 18.0%."]
    )  # fmt: skip
    [chart] = notebook.charts
    assert (chart.file, chart.added, chart.removed, chart.changed) == ("figures/demo.csv", 1, 0, 1)
    changed = next(row for row in chart.rows if row.change == "changed")
    assert (changed.key, changed.fields[0].old, changed.fields[0].new) == ({"claim": "b"}, "2", "5")
    assert f"parameters: {NOTEBOOK}.tolerance_pp" in notebook.causes
    assert "versions: pandas" in notebook.causes
    causes = {(c.kind, c.subject): (c.old, c.new) for c in changes.causes}
    assert causes[("parameters", f"{NOTEBOOK}.tolerance_pp")] == (1.0, 3.0)
    assert causes[("versions", "pandas")] == ("2.3.3", "2.3.4")
    # The fact check follows the run's tolerance: 2021 Russians (18 vs 15.5) is now close.
    flips = {v.claim: (v.old_verdict, v.new_verdict, v.causes) for v in changes.verdicts}
    assert flips[RUSSIANS_2021][:2] == ("discrepant", "close")
    assert f"parameters: {NOTEBOOK}.tolerance_pp" in flips[RUSSIANS_2021][2]


def test_a_run_whose_data_breaks_the_rules_is_reported_as_not_compared(tmp_path: Path) -> None:
    old, new = make_run(tmp_path, "a"), make_run(tmp_path, "b")
    set_cell(new, "claims", {"id": RUSSIANS_2021}, "quote", "words the article never wrote")
    changes = compare_runs(old, new)
    assert changes.comparable
    assert any("current run" in error for error in changes.errors)
    assert [row.label for row in changes.data_rows] == [f"claims[id={RUSSIANS_2021}]"]
