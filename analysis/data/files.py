"""Read the data package's files once: their bytes, their rows and their fingerprint.

Everything here is cheap (hashlib, csv): the check of parameters before a kernel starts
reads its vocabularies through it without pandas, and a `Dataset` derives its fingerprint,
its provenance checks and its typed frames from the same bytes.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
from pathlib import Path

from analysis.data import reads, schema
from analysis.data.decoding import decode
from analysis.paths import DATA_DIR, DESCRIPTOR_NAME, SEED_PATH

SEED_LABEL = "seed"
"""How the fingerprint names the article's text, wherever its file lies."""

Row = tuple[int, dict[str, str]]
"""A table's row as text, with its line number in the file (the header is line 1)."""


class PackageFiles:
    """The bytes of a data package's descriptor, tables and seed, each file read at most once.

    Parameters
    ----------
    data_dir, seed_path : Path
        The data package and the article it is checked against.

    Notes
    -----
    Files are read when first asked for, so a caller that needs two tables reads two
    files. The text is decoded as UTF-8; a byte-order mark at its start is dropped, and bytes that
    are not UTF-8 are a `DataError` naming the file, the line and the byte offset.
    """

    def __init__(self, data_dir: Path = DATA_DIR, seed_path: Path = SEED_PATH) -> None:
        self.data_dir = data_dir
        self.seed_path = seed_path
        self._bytes: dict[Path, bytes] = {}
        self._rows: dict[str, list[Row]] = {}
        reads.watch(data_dir, seed_path.parent)

    def read(self, path: Path) -> bytes:
        """A file's bytes, read on the first call only (`OSError` when it cannot be read).

        Every call, the first or not, counts as a read of the file (`reads.record`).
        """
        with reads.reading(path):
            if path not in self._bytes:
                self._bytes[path] = path.read_bytes()
        return self._bytes[path]

    def table_path(self, name: str) -> Path:
        """Where a table's CSV lives (a `KeyError` listing the tables when there is none)."""
        return self.data_dir / schema.resource(name, self.data_dir)["path"]

    def table_text(self, name: str) -> str:
        """A table's CSV as text (`DataError` naming the line and byte when it is not UTF-8)."""
        path = self.table_path(name)
        return decode(self.read(path), path)

    def rows(self, name: str) -> list[Row]:
        """A table's rows as text with their line numbers; [] when its file is missing."""
        if name not in self._rows:
            path = self.table_path(name)
            if not path.is_file():
                return []
            reader = csv.DictReader(io.StringIO(self.table_text(name), newline=""))
            self._rows[name] = [
                (line, {key: (value or "") for key, value in row.items() if key is not None})
                for line, row in enumerate(reader, start=2)
            ]
        return self._rows[name]

    def column(self, name: str, field: str) -> list[str]:
        """One column of a table as text, in the file's order ('' for an empty cell)."""
        return [row.get(field, "") for _, row in self.rows(name)]

    def seed_text(self) -> str:
        """The article's text (`OSError` when it cannot be read, `DataError` when not UTF-8)."""
        return decode(self.read(self.seed_path), self.seed_path)

    @functools.cached_property
    def fingerprint(self) -> str:
        """Hash of the descriptor, every CSV of the folder and the seed: names and contents.

        Files are named relative to the package folder, and the seed as `seed`, so that a
        copy of the same package elsewhere (a run's snapshot of its data) has the same
        fingerprint and is known to be validated. Computed from the bytes read here, so
        that hashing a package costs no second read.
        """
        with reads.inside():  # the files listed are recorded as they are read below
            package = [self.data_dir / DESCRIPTOR_NAME, *self.data_dir.glob("*.csv")]
        named = [(path.name, path) for path in package]
        digest = hashlib.sha256()
        for name, path in [*sorted(named), (SEED_LABEL, self.seed_path)]:
            digest.update(name.encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(self.read(path)).hexdigest().encode("ascii") + b"\n")
        return digest.hexdigest()
