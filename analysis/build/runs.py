"""The reports folder: published runs, `latest`, failed runs, staging and the build lock.

A run is built in `.staging/<run-id>/` and published by one atomic rename to `<run-id>/`;
`latest` is a relative symbolic link replaced atomically, and only after a successful run.
A build killed at any moment leaves only staging behind, which the next build removes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from analysis.build.manifest import MANIFEST_NAME, read_manifest
from analysis.errors import ReportError

LATEST = "latest"
FAILED = "failed"
STAGING = ".staging"
TRASH = ".trash"
STAMPS = ".validated"
LOCK = ".lock"


class BuildLocked(ReportError):
    """Another build holds the reports folder and `--no-wait` was given."""

    exit_status = 5


def new_run_id(now: dt.datetime | None = None) -> str:
    """A sortable run id: UTC time to the microsecond, e.g. 20261127T053000.123456Z."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return moment.strftime("%Y%m%dT%H%M%S.%fZ")


@contextmanager
def locked(out: Path, *, wait: bool, say: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the reports folder's lock: wait for it (saying so) or fail at once."""
    from filelock import FileLock, Timeout

    out.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out / LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not wait:
            raise BuildLocked(
                f"another build is running in {out} (lock {out / LOCK}); try again later"
                " or pass --wait"
            ) from None
        say(f"waiting for another build in {out} to finish (lock {out / LOCK})")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def clean_staging(out: Path) -> list[Path]:
    """Remove what killed builds left in staging (call with the lock held).

    Each leftover is first renamed out of staging, in one step: a worker of the killed
    build that is still winding down then cannot write into it again under its old path,
    so the removal cannot be undone by a late write.
    """
    staging = out / STAGING
    leftovers = sorted(staging.iterdir()) if staging.is_dir() else []
    trash = out / TRASH
    if leftovers:
        trash.mkdir(exist_ok=True)
    for path in leftovers:
        path.replace(trash / f"{path.name}.{os.getpid()}.{time.monotonic_ns()}")
    if trash.is_dir():
        for path in trash.iterdir():
            shutil.rmtree(path, ignore_errors=True)
        with contextlib.suppress(OSError):
            trash.rmdir()
    return leftovers


def staging_dir(out: Path, run_id: str) -> Path:
    """A fresh staging folder for a run."""
    path = out / STAGING / run_id
    path.mkdir(parents=True)
    return path


def publish(staged: Path, out: Path, run_id: str) -> Path:
    """Move a finished run into place with one rename, then point `latest` at it."""
    target = out / run_id
    staged.replace(target)
    _fsync_dir(out)
    point_latest(out, run_id)
    return target


def point_latest(out: Path, run_id: str) -> None:
    """Replace the `latest` link atomically (a new link renamed over the old one)."""
    temporary = out / f".{LATEST}.{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(run_id, target_is_directory=True)
    temporary.replace(out / LATEST)
    _fsync_dir(out)


def latest_run(out: Path) -> Path | None:
    """The run `latest` points at, or None."""
    link = out / LATEST
    if not link.is_symlink() and not link.is_dir():
        return None
    target = link.resolve()
    return target if (target / MANIFEST_NAME).is_file() else None


def failed_dir(out: Path, run_id: str) -> Path:
    """Where a failed run keeps its executed notebooks."""
    path = out / FAILED / run_id
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class RunInfo:
    """A run folder and how it ended."""

    run_id: str
    path: Path
    status: str  # "ok", "failed" or "incomplete"
    latest: bool


def list_runs(out: Path) -> list[RunInfo]:
    """Published, failed and incomplete runs under `out`, oldest first."""
    runs: list[RunInfo] = []
    latest = latest_run(out)
    if not out.is_dir():
        return runs
    for path in out.iterdir():
        if path.is_dir() and not path.is_symlink() and read_manifest(path) is not None:
            runs.append(RunInfo(path.name, path, "ok", path == latest))
    for parent, status in ((out / FAILED, "failed"), (out / STAGING, "incomplete")):
        if parent.is_dir():
            runs += [RunInfo(p.name, p, status, False) for p in parent.iterdir() if p.is_dir()]
    return sorted(runs, key=lambda run: (run.run_id, run.status))


def prune(out: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` successful runs (never the one `latest` names)."""
    published = [run for run in list_runs(out) if run.status == "ok"]
    doomed = [run.path for run in published[: max(0, len(published) - keep)] if not run.latest]
    for path in doomed:
        shutil.rmtree(path)
    return doomed


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
