"""A papermill engine that writes the executed notebook only when execution broke off.

papermill's `NotebookExecutionManager` saves the whole notebook (deep copy, schema
validation, JSON) when each cell starts and when it ends: for a notebook with a dozen cells
and a megabyte of figures, seconds of CPU that a build spends beside its kernels. A build
reads the copy only once the notebook is done, failed, timed out or lost its kernel. When it
is done, or a cell raised, `papermill.execute_notebook` writes the notebook itself after the
engine returns; when a cell timed out or the kernel died, the engine raises, and this one
saves the notebook first, with the running cell marked (`notebook_complete` runs in a
`finally`). So each notebook is written once.

Importing this module imports papermill, registers the engine as `ENGINE_NAME` and gives
papermill's logger a handler that drops its records (the build reports every failure itself).
"""

from __future__ import annotations

import logging
from typing import Any

from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

ENGINE_NAME = "report-save-at-end"
"""The name this engine is registered under with papermill."""


class SaveAtEnd(NotebookExecutionManager):
    """papermill's execution manager, saving only from `notebook_complete`, after a break."""

    _final = False
    broke_off = False
    """Set by the engine when execution raised (a timeout, a dead kernel, an interrupt)."""

    def save(self, **kwargs: Any) -> None:
        """Write the notebook, if execution broke off; papermill calls this at each cell."""
        if self._final:
            super().save(**kwargs)

    def notebook_complete(self, **kwargs: Any) -> None:
        """Finish the notebook's metadata; write it when nobody else will."""
        self._final = self.broke_off
        super().notebook_complete(**kwargs)


class SaveAtEndEngine(NBClientEngine):
    """nbclient's engine with the manager that saves once."""

    @classmethod
    def execute_notebook(
        cls,
        nb: Any,
        kernel_name: str,
        output_path: str | None = None,
        progress_bar: bool = True,
        log_output: bool = False,
        autosave_cell_every: int = 30,
        **kwargs: Any,
    ) -> Any:
        """papermill's `Engine.execute_notebook`, with `SaveAtEnd` as the manager."""
        manager = SaveAtEnd(
            nb,
            output_path=output_path,
            progress_bar=progress_bar,
            log_output=log_output,
            autosave_cell_every=autosave_cell_every,
        )
        manager.notebook_start()
        try:
            cls.execute_managed_notebook(manager, kernel_name, log_output=log_output, **kwargs)
        except BaseException:
            manager.broke_off = True
            raise
        finally:
            manager.cleanup_pbar()
            manager.notebook_complete()
        return manager.nb


papermill_engines.register(ENGINE_NAME, SaveAtEndEngine)

# papermill hands its logger to nbclient, which logs a timeout or a dead kernel there; with no
# handler Python's last resort prints it on stderr, beside the one line the build writes for
# the same failure. A scheduled run's stderr should hold that line only.
logging.getLogger("papermill").addHandler(logging.NullHandler())
