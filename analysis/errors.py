"""Errors a user can cause, each with the exit status a scheduler can act on."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class ReportError(Exception):
    """Base class: a message for one line on stderr, and an exit status."""

    exit_status = 1


class DataError(ReportError):
    """A data file breaks a rule of the descriptor or of the article's provenance.

    The message names the file, the row (by id or line) and the field.
    """

    exit_status = 2

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "invalid data"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more problem{'s' * (more > 1)})" if more else ""))


class ParameterError(ReportError):
    """A notebook parameter is unknown, of the wrong type or outside its domain."""

    exit_status = 2


def suggestion(name: str, known: Iterable[str], close_only: bool = False) -> str:
    """The end of a message about an unknown name: the closest known name, or all of them.

    Parameters
    ----------
    name : str
        The name given.
    known : Iterable[str]
        The names that exist, in the order to list them.
    close_only : bool
        Say nothing, rather than list every known name, when none is close.

    Returns
    -------
    str
        "; did you mean 'X'?" (`difflib.get_close_matches`), else "; choose from: A, B" (or
        "none"), or "" with `close_only`.
    """
    known = list(known)
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    return "" if close_only else f"; choose from: {', '.join(known) or 'none'}"


class ReportsFolderError(ReportError):
    """The reports folder or the disk refused a read or a write: a full disk, a read-only
    folder, a file where a folder should be. The message names the path."""

    exit_status = 7

    @classmethod
    def from_os_error(cls, error: OSError, where: object) -> ReportsFolderError:
        """One line naming the path (the error's own, else `where`) and what went wrong."""
        path = error.filename if error.filename is not None else where
        reason = error.strerror or type(error).__name__
        return cls(_one_line(f"{path}: {reason}"))


def _one_line(text: object) -> str:
    """Collapse whitespace so that a message fits on one line of stderr."""
    return " ".join(str(text).split())


class NotebookFailed(ReportError):
    """A cell of a notebook raised; the executed copy carries papermill's error banner.

    Parameters
    ----------
    notebook
        The source notebook.
    cell_index
        Index of the failing cell in the executed notebook (counting papermill's
        injected-parameters cell, not counting its banner cells).
    ename, evalue
        Name and value of the exception the cell raised.
    executed
        Where the executed copy, with the error banner, was written.
    """

    exit_status = 1

    def __init__(
        self, notebook: object, cell_index: int | None, ename: str, evalue: str, executed: object
    ) -> None:
        from pathlib import Path

        self.notebook = Path(str(notebook))
        self.cell_index = cell_index
        self.ename = ename
        self.evalue = evalue
        self.executed = Path(str(executed))
        where = f"cell {cell_index}" if cell_index is not None else "a cell"
        detail = _one_line(f"{ename}: {evalue}" if evalue else ename)
        super().__init__(f"{self.notebook}: {where} raised {detail} (see {self.executed})")

    def __reduce__(self) -> tuple[object, ...]:
        return (
            type(self),
            (str(self.notebook), self.cell_index, self.ename, self.evalue, str(self.executed)),
        )


class CellTimeout(ReportError):
    """A cell of a notebook ran longer than the time allowed per cell."""

    exit_status = 3

    def __init__(self, notebook: object, cell_index: int | None, timeout: float) -> None:
        from pathlib import Path

        self.notebook = Path(str(notebook))
        self.cell_index = cell_index
        self.timeout = timeout
        where = f"cell {cell_index}" if cell_index is not None else "a cell"
        super().__init__(f"{self.notebook}: {where} ran longer than {timeout:g} s and was stopped")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (str(self.notebook), self.cell_index, self.timeout))


class KernelDied(ReportError):
    """The kernel (or the worker process driving it) died while a notebook ran."""

    exit_status = 4

    def __init__(
        self, notebook: object, cell_index: int | None, detail: str = "the kernel died"
    ) -> None:
        from pathlib import Path

        self.notebook = Path(str(notebook))
        self.cell_index = cell_index
        self.detail = detail
        where = f" while running cell {cell_index}" if cell_index is not None else ""
        super().__init__(f"{self.notebook}: {_one_line(detail)}{where}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (str(self.notebook), self.cell_index, self.detail))


class WorkerLost(ReportError):
    """A Dask worker stopped answering while it ran a notebook: it died or hangs."""

    exit_status = 4


class BuildLocked(ReportError):
    """Another build holds the reports folder and `--no-wait` was given."""

    exit_status = 5


class ClusterError(ReportError):
    """The Dask scheduler cannot be reached or went away, or has no worker: the cluster's state,
    not the build's fault, so a scheduled run may try again later."""

    exit_status = 8
