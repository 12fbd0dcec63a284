"""Decode a data file's bytes as UTF-8, or refuse it in one line naming the file, line and byte."""

from __future__ import annotations

from pathlib import Path

from analysis.errors import DataError
from analysis.paths import display_path


def decode(data: bytes, path: Path) -> str:
    """The text of a file's bytes as UTF-8 (a byte-order mark at its start is dropped).

    Parameters
    ----------
    data : bytes
        What the file holds.
    path : Path
        The file, named in the message when its bytes are not UTF-8.

    Raises
    ------
    analysis.errors.DataError
        One line: the file, the line (counting from 1) and the byte offset (counting from 0)
        of the first byte that is not UTF-8, and that byte.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError([undecodable(data, path, error)]) from None


def undecodable(data: bytes, path: Path, error: UnicodeDecodeError) -> str:
    """The one-line problem of bytes that are not UTF-8, naming file, line and byte offset."""
    offset = error.start
    line = data.count(b"\n", 0, offset) + 1
    bad = data[offset : error.end].hex(" ")
    return (
        f"{display_path(path)}, line {line}, byte offset {offset}: not UTF-8 (byte {bad});"
        " save the file as UTF-8"
    )
