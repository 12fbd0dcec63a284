"""What a notebook's execution key hashes: the code, and the data files its kernel read.

The configuration's `data-sources` are the files a kernel reads as data. While a notebook
executes, the build names a folder in `READS_ENV` (inside the notebook's run folder, so
that a remote worker sends it back like the figures); the project's data layer writes into
it which of those files it handed out (`RECORD_NAME`: `armed`, then `read PATH` lines,
`direct PATH` for a data file opened outside the data layer). The manifest keeps the files
read, per notebook (`reads`), and the next build's key for that notebook hashes those data
files only, beside the code, its parameters and the versions.

A record that is missing, not `armed` (the data layer never watched the kernel), names a
`direct` read, or names a file that is neither data nor code the key hashes, is not
trusted: the notebook's key then hashes every data file, as a key without reads always did.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.builder.config import BuildConfig, source_files
from analysis.builder.manifest import EXECUTION_CODE, inside, notebook_key, relative, sources_key
from analysis.hashing import sha256_file

READS_ENV = "REPORT_READS_DIR"
"""Names, for one kernel, the folder where the data layer writes what it read."""

READS_FOLDER = ".reads"
"""That folder, inside the notebook's run folder; removed once read."""

RECORD_NAME = "reads.txt"
"""The record in that folder."""


@dataclass(frozen=True)
class ExecutionInputs:
    """The files every execution key may hash, hashed once per build.

    Attributes
    ----------
    root
        The project folder: paths are recorded relative to it.
    whole
        The `sources_key` of every execution source and data file (a key without reads).
    code
        The `sources_key` of the execution sources that are not data.
    data
        Each data file's sha256, by its path relative to `root`.
    code_paths
        The paths of the code files, relative to `root`: every key hashes them.
    versions
        The package versions every key holds.
    """

    root: Path
    whole: str
    code: str
    data: Mapping[str, str]
    code_paths: frozenset[str]
    versions: Mapping[str, str]

    def key(self, notebook_sha256: str, parameters: Mapping[str, Any],
            reads: Sequence[str] | None) -> str:  # fmt: skip
        """The execution key of a notebook that read `reads` (None: not known, every file).

        A file read that is gone has no hash (null): the key then differs from any key
        made while it was there.
        """
        if reads is None:
            return notebook_key(notebook_sha256, parameters, self.whole, self.versions)
        data = {path: self.data.get(path) for path in sorted(set(reads))}
        return notebook_key(notebook_sha256, parameters, self.code, self.versions, data)


def execution_inputs(config: BuildConfig, versions: Mapping[str, str]) -> ExecutionInputs:
    """Hash the configuration's execution sources and data sources for this build's keys."""
    data_files = source_files(config.data_sources)
    every = source_files((*config.execution_sources, *config.data_sources))
    data_set = set(data_files)
    code_files = [path for path in every if path not in data_set]
    return ExecutionInputs(
        root=config.root,
        whole=sources_key(every, config.root, EXECUTION_CODE),
        code=sources_key(code_files, config.root, EXECUTION_CODE),
        data={relative(path, config.root): sha256_file(path) for path in data_files},
        code_paths=frozenset(relative(path, config.root) for path in code_files),
        versions=dict(versions),
    )


def reads_folder(run_folder: Path) -> Path:
    """Where a notebook's kernel writes its reads, inside the notebook's run folder."""
    return run_folder / READS_FOLDER


def collect_reads(run_folder: Path, inputs: ExecutionInputs) -> list[str] | None:
    """The data files a kernel recorded reading (project-relative, sorted), or None.

    None when the record cannot be trusted (see the module's docstring). The folder is
    removed: it is not an output of the run. A read of a code file is dropped: every key
    hashes those already.
    """
    folder = reads_folder(run_folder)
    try:
        lines = (folder / RECORD_NAME).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not lines or lines[0] != "armed":
        return None
    found: set[str] = set()
    for line in lines[1:]:
        kind, _, text = line.partition(" ")
        if kind == "armed":
            continue
        if kind != "read" or not text:
            return None  # `direct`, or a line of a kind this build does not know
        path = Path(text)
        if not path.is_absolute() or not inside(path, inputs.root):
            return None
        name = relative(path, inputs.root)
        if name in inputs.data:
            found.add(name)
        elif name not in inputs.code_paths:
            return None
    return sorted(found)


def recorded_reads(record: Mapping[str, Any]) -> list[str] | None:
    """A manifest's notebook record's `reads`: a list of paths, or None when absent or not one."""
    reads = record.get("reads")
    if not isinstance(reads, list) or not all(isinstance(item, str) for item in reads):
        return None
    return list(reads)
