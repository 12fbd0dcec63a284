"""The kernels' warm-up fills caches only: no setting changes, no file stays open, no chart moves.

The build's kernel template calls `warm_up` once and forks every kernel from it, so whatever
it leaves behind, every notebook inherits. It runs here in a fresh interpreter, as in the
template: the test session has drawn and read too much already to show what it changes.
"""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, os
import matplotlib as mpl
import pandas as pd
from analysis.presentation import charts


def open_files():
    folder = f"/proc/{os.getpid()}/fd"
    names = set()
    for fd in os.listdir(folder):
        try:
            names.add(os.readlink(os.path.join(folder, fd)))
        except OSError:
            pass
    return names


def settings():
    options = ("display.max_rows", "display.precision", "mode.copy_on_write")
    return {"rc": repr(sorted(mpl.rcParams.items())),
            "pandas": repr([pd.get_option(name) for name in options])}


before_files, before_settings = open_files(), settings()
chart = charts.verdict_counts().files()
from analysis.presentation.warm import warm_up
warm_up()
after_files = open_files()
print(json.dumps({
    "settings_kept": settings() == before_settings,
    "new_files": sorted(after_files - before_files - {f"/proc/{os.getpid()}/fd"}),
    "chart_kept": charts.verdict_counts().files() == chart,
}))
"""


def test_the_warm_up_changes_no_setting_leaves_no_file_open_and_moves_no_chart() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=300
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["settings_kept"]
    # A forked kernel must not share a file offset with another: no font (or data) file open.
    assert [
        name
        for name in seen["new_files"]
        if not name.startswith(("pipe:", "socket:", "anon_inode:"))
    ] == []
    assert seen["chart_kept"]
