"""Record which of the data package's files a process read, for the build's execution keys.

The report build names a folder in `REPORT_READS_DIR` for each notebook it executes. While
that variable is set, the data layer appends to `reads.txt` there a line per file it hands
out (a table, the descriptor, the seed), once per file, as it hands it out: the next build
then hashes only those files into the notebook's execution key. A line is written at once
(the kernel is killed, not shut down, when its last cell is done).

What the data layer reads to validate the package (every file, to fingerprint it) is not a
read of the notebook's: validation runs `paused()`. A file of a watched folder (the package,
the seed's folder) opened, or such a folder listed, by anything but the data layer is
written as `direct PATH`: the build then cannot trust the record and hashes the whole package,
as it does when there is no record. A Python audit hook (`sys.addaudithook`) sees those
opens; it is installed when this module is first imported, which the build's kernel template
does before it forks a notebook's kernel, and costs a dictionary lookup per audited event.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from analysis.paths import DATA_DIR, SEED_PATH

READS_ENV = "REPORT_READS_DIR"
"""The folder, set by the report build for one kernel, where the reads are written."""

RECORD_NAME = "reads.txt"
"""The file in that folder: `armed`, then `read PATH` and `direct PATH` lines."""

_EVENTS = frozenset({"open", "os.listdir", "os.scandir", "exec"})
"""The audited events the hook looks at; `exec` (a cell runs) arms the record."""

_watched: set[str] = set()
"""Folders (absolute, with a trailing separator) whose files are data."""

_state = threading.local()
"""Per thread: `depth` of data-layer reads under way, `paused` validations under way."""

_sink: dict[str, Any] = {"pid": None, "folder": None, "fd": None, "written": set()}
"""Where this process writes its record, and what it has written there."""

_writing = threading.RLock()


def watch(*folders: Path) -> None:
    """Treat the files of `folders` as data: opening them outside the data layer is `direct`."""
    for folder in folders:
        for form in {str(Path(folder).absolute()), str(Path(folder).resolve())}:
            _watched.add(form.rstrip(os.sep) + os.sep)


def record(path: Path) -> None:
    """Write that this process read `path` (once per file), if a build asked for a record."""
    if getattr(_state, "paused", 0):
        return
    _write("read", str(Path(path).absolute()))


@contextlib.contextmanager
def inside() -> Iterator[None]:
    """The data layer at work: what it opens or lists meanwhile is not `direct`."""
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        yield
    finally:
        _state.depth -= 1


@contextlib.contextmanager
def reading(path: Path) -> Iterator[None]:
    """Record `path` as read, and let the data layer open it without it counting as `direct`."""
    record(path)
    with inside():
        yield


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Read without recording: for validating the whole package, which is not a notebook's read."""
    _state.paused = getattr(_state, "paused", 0) + 1
    try:
        with inside():
            yield
    finally:
        _state.paused -= 1


def _write(kind: str, path: str = "") -> None:
    """Append `kind path` to this process's record, once; nothing when no build asked.

    The record opens with `armed`: the kernel ran with the data layer watching it.
    """
    folder = os.environ.get(READS_ENV)
    if not folder:
        return
    with _writing:
        if _sink["pid"] != os.getpid() or _sink["folder"] != folder:
            # A kernel forked from the template, or a new record: start afresh.
            _sink.update(pid=os.getpid(), folder=folder, fd=None, written=set())
        if _sink["fd"] is None:
            _state.depth = getattr(_state, "depth", 0) + 1  # our own open is not a data read
            try:
                target = Path(folder) / RECORD_NAME
                fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                os.write(fd, b"armed\n")
                _sink["fd"] = fd
            except OSError:
                return
            finally:
                _state.depth -= 1
        line = f"{kind} {path}" if path else kind
        if line == "armed" or line in _sink["written"]:
            return
        _sink["written"].add(line)
        os.write(_sink["fd"], (line + "\n").encode("utf-8", "surrogateescape"))


def _audit(event: str, args: tuple[Any, ...]) -> None:
    """Watch opens and listings of the data folders; arm the record when a cell runs."""
    if event not in _EVENTS:
        return
    try:
        if not os.environ.get(READS_ENV):
            return
        if event == "exec":
            _write("armed")
            return
        if getattr(_state, "depth", 0):
            return
        target = args[0] if args else None
        if target is None or isinstance(target, int):
            return  # a file descriptor, or the working folder
        # Text only, no system call: this runs for every file the process opens.
        path = os.path.abspath(os.fsdecode(os.fspath(target)))  # noqa: PTH100
        folder = path.rstrip(os.sep) + os.sep
        if any(folder.startswith(prefix) for prefix in _watched):
            _write("direct", path)
    except Exception:  # an audit hook must never break the operation it watches
        return


watch(DATA_DIR, SEED_PATH.parent)
sys.addaudithook(_audit)
