"""The reports folder: atomic publishing, `latest`, staging clean-up, pruning, listing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from analysis.builder import runs
from analysis.builder.manifest import read_manifest


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


def _outside(tmp_path: Path) -> Path:
    """A folder outside the reports folder, with a file a build must never delete."""
    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    (outside / "keep" / "precious.txt").write_text("mine\n", encoding="utf-8")
    return outside


def test_staging_or_trash_as_links_are_removed_as_links_never_followed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    outside = _outside(tmp_path)
    (out / runs.STAGING).symlink_to(outside, target_is_directory=True)
    (out / runs.TRASH).symlink_to(outside, target_is_directory=True)
    warnings: list[str] = []
    assert runs.has_leftovers(out)
    runs.clean_staging(out, warnings.append)
    assert (outside / "keep" / "precious.txt").is_file()
    assert not (out / runs.STAGING).is_symlink()
    assert not (out / runs.TRASH).exists()
    assert len(warnings) == 2
    # A link inside staging goes as a link too; a new run gets a real staging folder.
    (out / runs.STAGING).mkdir()
    (out / runs.STAGING / "run").symlink_to(outside, target_is_directory=True)
    assert runs.clean_staging(out)
    assert (outside / "keep" / "precious.txt").is_file()
    (out / runs.STAGING).rmdir()
    (out / runs.STAGING).symlink_to(outside, target_is_directory=True)
    staged = runs.staging_dir(out, "r1")
    assert staged.parent.resolve() == (out / runs.STAGING)
    assert not (outside / "r1").exists()


@pytest.mark.parametrize("state", ["folder", "dangling", "outside", "file", "bad-manifest"])
def test_a_latest_that_cannot_be_used_means_nothing_to_reuse_with_a_warning(
    tmp_path: Path, state: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    latest = out / runs.LATEST
    if state == "folder":
        _staged_run(out, "x").replace(latest)
    elif state == "dangling":
        latest.symlink_to("gone", target_is_directory=True)
    elif state == "outside":
        other = _staged_run(tmp_path / "elsewhere", "r0")
        latest.symlink_to(other, target_is_directory=True)
    elif state == "file":
        latest.write_text("?", encoding="utf-8")
    else:
        run = runs.publish(_staged_run(out, "r0"), out, "r0")
        (run / "manifest.json").write_text('{"build": {"notebooks": [{"name": "../../etc"}]}}')
    warnings: list[str] = []
    assert runs.latest_run(out, warnings.append) is None
    assert len(warnings) == 1
    assert str(latest) in warnings[0]
    assert "nothing to reuse" in warnings[0]
    if state != "file":
        runs.publish(_staged_run(out, "r1"), out, "r1")
        assert runs.latest_run(out) == out / "r1"
    if state == "folder":
        assert (out / "latest.r1.old" / "manifest.json").is_file()  # kept, not deleted


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        '{"build": []}',
        '{"build": {"notebooks": {"a": 1}}}',
        '{"build": {"notebooks": [{"name": "a/b", "key": "k"}]}}',
        '{"build": {"notebooks": [{"name": "a", "key": 3}]}}',
        "\ufeff{not json",
    ],
)
def test_a_manifest_of_the_wrong_shape_is_no_manifest(tmp_path: Path, text: str) -> None:
    (tmp_path / "manifest.json").write_text(text, encoding="utf-8")
    assert read_manifest(tmp_path) is None


def test_keep_prunes_failed_runs_and_validation_stamps_too(tmp_path: Path) -> None:
    for day in range(1, 4):
        run_id = f"2026010{day}T000000.000000Z"
        runs.publish(_staged_run(tmp_path, run_id), tmp_path, run_id)
        runs.failed_dir(tmp_path, run_id)
        stamp = tmp_path / runs.STAMPS / f"stamp{day}"
        stamp.parent.mkdir(exist_ok=True)
        stamp.write_text("k\n", encoding="utf-8")
        os.utime(stamp, ns=(day * 10**9, day * 10**9))
    runs.prune(tmp_path, keep=1)
    statuses = [(run.run_id, run.status) for run in runs.list_runs(tmp_path)]
    assert statuses == [("20260103T000000.000000Z", "failed"), ("20260103T000000.000000Z", "ok")]
    assert [p.name for p in (tmp_path / runs.STAMPS).iterdir()] == ["stamp3"]


def test_a_failed_folder_that_is_a_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / runs.FAILED).symlink_to(outside, target_is_directory=True)
    kept = runs.failed_dir(out, "r1")
    assert kept == out / runs.FAILED / "r1"
    assert not (out / runs.FAILED).is_symlink()
    assert sorted(p.name for p in outside.iterdir()) == ["keep"]
