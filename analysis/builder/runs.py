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

from analysis.builder.manifest import MANIFEST_NAME, read_manifest
from analysis.errors import BuildLocked

LATEST = "latest"
FAILED = "failed"
STAGING = ".staging"
TRASH = ".trash"
STAMPS = ".validated"
LOCK = ".lock"


def new_run_id(now: dt.datetime | None = None) -> str:
    """A sortable run id: UTC time to the microsecond, e.g. 20261127T053000.123456Z."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return moment.strftime("%Y%m%dT%H%M%S.%fZ")


@contextmanager
def locked(
    out: Path, *, wait: bool, say: Callable[[str], None] = print, busy_ok: bool = False
) -> Iterator[bool]:
    """Hold the reports folder's lock: wait for it (saying so) or fail at once.

    With `busy_ok`, a lock held by another build is no error: the context yields False
    (and holds nothing) instead; otherwise it yields True.
    """
    from filelock import FileLock, Timeout

    out.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out / LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if busy_ok:
            yield False
            return
        if not wait:
            raise BuildLocked(
                f"another build is running in {out} (lock {out / LOCK}); try again later"
                " or pass --wait"
            ) from None
        say(f"waiting for another build in {out} to finish (lock {out / LOCK})")
        lock.acquire()
    try:
        yield True
    finally:
        lock.release()


def has_leftovers(out: Path) -> bool:
    """Whether a killed build left anything behind: staging, trash or a half-made link."""
    staging = out / STAGING
    return (
        (staging.is_symlink() or (staging.is_dir() and any(staging.iterdir())))
        or (out / TRASH).is_symlink()
        or (out / TRASH).exists()
        or any(out.glob(f".{LATEST}.*"))
    )


def clean_staging(out: Path, warn: Callable[[str], None] | None = None) -> list[Path]:
    """Remove what killed builds left in staging (call with the lock held).

    Each leftover is first renamed out of staging, in one step: a worker of the killed
    build that is still winding down then cannot write into it again under its old path,
    so the removal cannot be undone by a late write. A `.staging` or `.trash` that is a
    symbolic link is removed as a link: nothing outside the reports folder is touched.
    """
    staging, trash = out / STAGING, out / TRASH
    for folder in (staging, trash):
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            if warn is not None:
                warn(f"{folder} was not a folder (a link or a file); removed it, not its target")
            folder.unlink()
    leftovers = sorted(staging.iterdir()) if staging.is_dir() else []
    if leftovers:
        trash.mkdir(exist_ok=True)
    for path in leftovers:
        path.replace(trash / f"{path.name}.{os.getpid()}.{time.monotonic_ns()}")
    if trash.is_dir():
        for path in trash.iterdir():
            remove(path)
        with contextlib.suppress(OSError):
            trash.rmdir()
    for link in out.glob(f".{LATEST}.*"):
        if link.is_symlink():
            link.unlink()
    return leftovers


def remove(path: Path) -> None:
    """Remove a file, a link (never what it points at) or a folder with what it holds."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        # rmtree does not follow links inside the folder; it removes them as links.
        shutil.rmtree(path, ignore_errors=True)


def _own_folder(out: Path, name: str) -> Path:
    """The reports folder's own subfolder `name`, made a real folder if it was a link."""
    path = out / name
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink()
    path.mkdir(parents=True, exist_ok=True)
    return path


def staging_dir(out: Path, run_id: str) -> Path:
    """A fresh staging folder for a run."""
    path = _own_folder(out, STAGING) / run_id
    path.mkdir()
    return path


def publish(staged: Path, out: Path, run_id: str) -> Path:
    """Move a finished run into place with one rename, then point `latest` at it."""
    target = out / run_id
    staged.replace(target)
    _fsync_dir(out)
    point_latest(out, run_id)
    return target


def point_latest(out: Path, run_id: str) -> None:
    """Replace the `latest` link atomically (a new link renamed over the old one).

    A `latest` that is a real folder is kept, renamed to `latest.<run-id>.old`: a link
    cannot replace a folder in one step, and the folder is not the build's to delete.
    """
    link = out / LATEST
    if link.is_dir() and not link.is_symlink():
        link.replace(out / f"{LATEST}.{run_id}.old")
    temporary = out / f".{LATEST}.{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(run_id, target_is_directory=True)
    temporary.replace(link)
    _fsync_dir(out)


def latest_run(out: Path, warn: Callable[[str], None] | None = None) -> Path | None:
    """The run `latest` points at, or None: "nothing to reuse".

    `latest` must be a symbolic link to a run folder inside `out` holding a readable
    manifest; anything else is named to `warn` (when given) and gives None.
    """
    link = out / LATEST
    problem = None
    if not link.is_symlink():
        problem = "is not a symbolic link" if link.exists() else None
    else:
        target = link.resolve()
        if not target.is_dir():
            problem = "points at no folder"
        elif target.parent != out.resolve():
            problem = "points outside the reports folder"
        elif read_manifest(target) is None:
            problem = f"points at {target.name}, whose {MANIFEST_NAME} cannot be read as one"
        else:
            return target
    if problem is not None and warn is not None:
        warn(f"{link} {problem}: nothing to reuse, every notebook is executed")
    return None


def failed_dir(out: Path, run_id: str) -> Path:
    """Where a failed run keeps its executed notebooks."""
    path = _own_folder(out, FAILED) / run_id
    path.mkdir(exist_ok=True)
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
        if parent.is_dir() and not parent.is_symlink():
            runs += [RunInfo(p.name, p, status, False) for p in parent.iterdir() if p.is_dir()]
    return sorted(runs, key=lambda run: (run.run_id, run.status))


def prune(out: Path, keep: int) -> list[Path]:
    """Keep the newest `keep` successful runs (and the one `latest` names), failed runs and
    validation stamps; remove the rest. Links are removed as links, never followed."""
    listed = list_runs(out)
    doomed: list[Path] = []
    for status in ("ok", "failed"):
        found = [run for run in listed if run.status == status]
        doomed += [run.path for run in found[: max(0, len(found) - keep)] if not run.latest]
    for path in doomed:
        remove(path)
    stamps = out / STAMPS
    if stamps.is_dir() and not stamps.is_symlink():
        by_age = sorted(stamps.iterdir(), key=lambda p: (p.lstat().st_mtime_ns, p.name))
        for path in by_age[: max(0, len(by_age) - keep)]:
            remove(path)
    return doomed


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
