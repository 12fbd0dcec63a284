"""The reports folder: atomic publishing, `latest`, staging clean-up, pruning, listing."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.build import runs


def _staged_run(out: Path, run_id: str) -> Path:
    staged = runs.staging_dir(out, run_id)
    (staged / "manifest.json").write_text(json.dumps({"build": {}, "run": {"id": run_id}}))
    return staged


def test_publish_moves_the_run_and_points_latest_at_it(tmp_path: Path) -> None:
    first = runs.publish(_staged_run(tmp_path, "20260101T000000.000000Z"), tmp_path,
                         "20260101T000000.000000Z")  # fmt: skip
    assert runs.latest_run(tmp_path) == first
    second = runs.publish(_staged_run(tmp_path, "20260102T000000.000000Z"), tmp_path,
                          "20260102T000000.000000Z")  # fmt: skip
    assert runs.latest_run(tmp_path) == second
    assert (tmp_path / "latest").is_symlink()
    assert not (tmp_path / "latest").readlink().is_absolute()  # the folder can move
    assert first.is_dir()
    assert not any((tmp_path / runs.STAGING).iterdir())


def test_clean_staging_removes_what_killed_builds_left(tmp_path: Path) -> None:
    _staged_run(tmp_path, "a")
    _staged_run(tmp_path, "b")
    assert len(runs.clean_staging(tmp_path)) == 2
    assert not any((tmp_path / runs.STAGING).iterdir())


def test_prune_keeps_the_newest_and_never_latest(tmp_path: Path) -> None:
    ids = [f"2026010{day}T000000.000000Z" for day in range(1, 5)]
    for run_id in ids:
        runs.publish(_staged_run(tmp_path, run_id), tmp_path, run_id)
    runs.point_latest(tmp_path, ids[0])  # e.g. after a manual roll-back
    removed = runs.prune(tmp_path, keep=2)
    left = [run.run_id for run in runs.list_runs(tmp_path) if run.status == "ok"]
    assert left == [ids[0], ids[2], ids[3]]
    assert [path.name for path in removed] == [ids[1]]


def test_list_runs_reports_published_failed_and_incomplete(tmp_path: Path) -> None:
    runs.publish(_staged_run(tmp_path, "r1"), tmp_path, "r1")
    runs.failed_dir(tmp_path, "r2")
    _staged_run(tmp_path, "r3")
    statuses = {run.run_id: (run.status, run.latest) for run in runs.list_runs(tmp_path)}
    assert statuses == {"r1": ("ok", True), "r2": ("failed", False), "r3": ("incomplete", False)}


def test_run_ids_sort_by_time() -> None:
    import datetime as dt

    earlier = runs.new_run_id(dt.datetime(2026, 1, 1, 23, 59, tzinfo=dt.UTC))
    later = runs.new_run_id(dt.datetime(2026, 1, 2, 0, 0, tzinfo=dt.UTC))
    assert earlier < later
