"""The build's options, checked before anything is planned or written: ranges and --out."""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

from analysis.errors import ParameterError, ReportsFolderError

DEFAULT_TIMEOUT = 600.0
"""Seconds a cell may run when no --timeout is given, so that no unwatched run hangs."""

MAX_TIMEOUT = 86400.0
"""The longest --timeout: one day a cell."""

MAX_JOBS = 256
"""The most notebooks executed at once."""

MAX_VARIANTS = 256
"""The most variants a build may sweep: each is a kernel, an executed notebook and a page."""

MAX_KEEP = 100000
"""The most runs --keep may keep (any more is the same as not pruning)."""


def check_options(jobs: int | None, timeout: float | None, keep: int | None) -> None:
    """Refuse a --jobs, --timeout or --keep outside its range, in one line.

    Raises
    ------
    analysis.errors.ParameterError
        Naming the option, its range and the value given.
    """
    if jobs is not None and not 1 <= jobs <= MAX_JOBS:
        raise ParameterError(f"--jobs must be from 1 to {MAX_JOBS}, not {jobs}")
    if timeout is not None and not (math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT):
        raise ParameterError(
            f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g},"
            f" not {timeout:g}"
        )
    if keep is not None and not 1 <= keep <= MAX_KEEP:
        raise ParameterError(f"--keep must be from 1 to {MAX_KEEP}, not {keep}")


def default_jobs(cores: int | None = None) -> int:
    """Notebooks a local build executes at once when no --jobs is given: one per core, plus one.

    One more than the cores, because a notebook's kernel is not on a core all the time
    (while it starts, while the build relays its messages and renders its page), and because
    notebooks of unequal length, one per core, leave a core idle at the end while the longest
    runs on alone. Many more does not pay: each kernel then keeps being switched out, and on
    2 cores, 5 notebooks at once took 7-15% more CPU than 2, and no less time than 3 (README,
    "Speed"). At most `MAX_JOBS`.
    """
    return min(MAX_JOBS, (cores or os.cpu_count() or 1) + 1)


def check_out(out: Path) -> None:
    """Refuse a reports folder that cannot be one: a file, a dangling link, a read-only place.

    Nothing is created: a folder that does not exist yet is judged by the nearest folder
    above it that does, which must be one this process can write in.

    Raises
    ------
    analysis.errors.ParameterError
        `out` is not a folder or is a link to nothing: a bad `--out` (exit status 2).
    analysis.errors.ReportsFolderError
        The folder refuses a new file (read-only, full, no permission): the machine's
        state, which a scheduler may retry (exit status 7).
    """
    where = f"--out {out}"
    if out.is_symlink() and not out.exists():
        raise ParameterError(f"{where}: a symbolic link to nothing")
    existing = out
    while not existing.exists():
        if existing.is_symlink():
            raise ParameterError(f"{where}: {existing} is a symbolic link to nothing")
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        what = "is" if existing == out else f"is inside {existing}, which is"
        raise ParameterError(f"{where}: {what} not a folder")
    refused = _refusal(existing)
    if refused is not None:
        what = "" if existing == out else f" ({existing}, where it would be made)"
        raise ReportsFolderError(f"{where}: the folder cannot be written{what}: {refused}")


def _refusal(folder: Path) -> str | None:
    """Why no file can be made in `folder` (the system's words), or None.

    Tried rather than asked (`os.access`): root passes every access check, and the error
    says why (a read-only file system, no space, no permission)."""
    try:
        handle, name = tempfile.mkstemp(prefix=".report-probe-", dir=folder)
    except OSError as error:
        return error.strerror or type(error).__name__
    os.close(handle)
    Path(name).unlink(missing_ok=True)
    return None
