"""Benchmark the report build against the plain way (papermill, then nbconvert, per notebook).

Run from the checkout: `.venv/bin/python tests/benchmark.py [--repeat N]`. It measures, on
this machine and in this one run: (a) `papermill` then `jupyter nbconvert --to html` for
each notebook in turn, (b) `csto-report build --force`, (c) `csto-report build` with nothing
to do, and (f) the floor: the stack imported once in a fresh process, then every notebook's
code cells run in it one after the other (`benchmark_floor.py`), the sum divided by the
cores that can share it (at most one per notebook). It prints the median of each and the
ratios a/b, b/f and a/c, and the CPU time of (b), all its processes together, beside the
floor's (import + cells): a build that keeps every core busy cannot take less than its CPU
time divided by the cores. Then, once each (`benchmark_changes.py`): (d) a one-row edit of
each table and the notebooks the build after it executes, and (s) sweeps of 10 and 100
variants with their time, peak memory and a second run's time. `--only` picks the parts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchmark_changes as changes  # beside this file, run as a script

BIN = Path(sys.executable).parent
PARTS = ("builds", "edits", "sweeps")
NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def _run(*command: str | Path) -> None:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                            check=False)  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(map(str, command))}\n"
                         + result.stderr[-2000:])  # fmt: skip


def plain_way(scratch: Path) -> None:
    """(a) What a researcher would script by hand: one process per step, in turn."""
    for notebook in NOTEBOOKS:
        executed = scratch / notebook.name
        _run(BIN / "papermill", notebook, executed, "--cwd", scratch)
        _run(BIN / "jupyter", "nbconvert", "--to", "html", executed)


def build_forced(scratch: Path) -> None:
    """(b) Every notebook executed again, in parallel, rendered in the same processes."""
    _run(BIN / "csto-report", "build", "--force", "--quiet", "--out", scratch / "reports")


def build_nothing_to_do(scratch: Path) -> None:
    """(c) Inputs unchanged since the last run: decide that and return."""
    _run(BIN / "csto-report", "build", "--quiet", "--out", scratch / "reports")


def floor(scratch: Path) -> tuple[float, float, dict[str, float]]:
    """(f) The work itself: (import + every notebook's cells) / min(cores, notebooks)."""
    stamps = scratch / "reports" / ".stamps"
    code = ("import json, sys; from pathlib import Path; "
            "from analysis.data.validation import validated_environment as valid; "
            "from analysis.builder.determinism import kernel_environment as env; "
            "print(json.dumps(env(valid(Path(sys.argv[1])))))")  # fmt: skip
    env = json.loads(subprocess.run([sys.executable, "-c", code, str(stamps)], check=True,
                                    capture_output=True, text=True).stdout)  # fmt: skip
    result = subprocess.run([sys.executable, Path(__file__).with_name("benchmark_floor.py"),
                             *map(str, NOTEBOOKS)], env=env, check=False, capture_output=True,
                            text=True)  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"the floor failed:\n{result.stderr[-2000:]}")
    measured = json.loads(result.stdout)
    share = min(os.cpu_count() or 1, len(NOTEBOOKS))
    total = measured["import"] + sum(measured["cells"].values())
    return total / share, measured["import"], measured["cells"]


def _children_cpu() -> float:
    """CPU seconds (user + system) of this process's ended children, and theirs, so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _median(step: Callable[[Path], None], scratch: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step(scratch)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Measure the three ways and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each way (default 3)")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS),
                        help="the parts to measure (default: all)")  # fmt: skip
    args = parser.parse_args()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"machine: {machine}")
    with tempfile.TemporaryDirectory(prefix="csto-bench-") as folder:
        scratch = Path(folder)
        build_forced(scratch)  # warm caches (fonts, bytecode) for all three alike
        floor_cells: dict[str, float] = {}
        if "builds" in args.only:
            floor_cells = _builds(scratch, args.repeat)
        if "edits" in args.only:
            _print_edits(changes.edits(scratch))
        if "sweeps" in args.only:
            if not floor_cells:
                floor_cells = floor(scratch)[2]
            _print_sweeps(changes.sweeps(scratch), floor_cells.get(changes.SWEPT))
    return 0


def _print_edits(results: list[tuple[str, str, float, list[str]]]) -> None:
    print("(d) one row edited, then csto-report build (each table in turn):")
    for table, field, seconds, executed in results:
        if not field:
            print(f"    {table:<24} no text field takes an edit and stays valid")
            continue
        names = ", ".join(executed) if executed else "none"
        print(f"    {table:<24} {field:<12} {seconds:6.2f} s  executed: {names}")


def _print_sweeps(results: list[tuple[int, float, int, int, float]], cells: float | None) -> None:
    share = os.cpu_count() or 1
    floor_each = f"; floor per variant {cells / share:.2f} s ({cells:.2f} s / {share})" if cells \
        else ""  # fmt: skip
    print(f"(s) sweep of {changes.SWEPT} over as_of, month by month{floor_each}:")
    for count, seconds, own, total, again in results:
        print(f"    {count:>3} variants: {seconds:7.2f} s ({seconds / count:.2f} s each), peak"
              f" RSS of the build {own / 2**20:.0f} MiB, peak PSS of all its processes"
              f" {total / 2**20:.0f} MiB; again: {again:.2f} s")  # fmt: skip


def _builds(scratch: Path, repeat: int) -> dict[str, float]:
    """(a), (b), (c) and (f), printed; the floor's cells per notebook returned."""
    a = _median(plain_way, scratch, repeat)
    c = _median(build_nothing_to_do, scratch, repeat)
    # (b) and (f) alternate, so that both see the machine in the same state: on a shared
    # virtual machine the same work takes up to a third longer from one minute to the next.
    builds, floors, cpus = [], [], []
    for _ in range(repeat):
        before = _children_cpu()
        builds.append(_median(build_forced, scratch, 1))
        cpus.append(_children_cpu() - before)
        floors.append(floor(scratch))
    b = statistics.median(builds)
    f, imported, cells = sorted(floors)[len(floors) // 2]
    pairs = ", ".join(f"{b_:.2f}/{f_[0]:.2f}" for b_, f_ in zip(builds, floors, strict=True))
    print(f"notebooks: {len(NOTEBOOKS)}; median of {repeat} runs each")
    print(f"(a) papermill + nbconvert, in turn : {a:6.2f} s")
    print(f"(b) csto-report build --force      : {b:6.2f} s")
    print(f"(c) csto-report build, nothing new : {c:6.2f} s")
    share = min(os.cpu_count() or 1, len(NOTEBOOKS))
    print(f"(f) floor: (import {imported:.2f} s + cells {sum(cells.values()):.2f} s) / {share}"
          f"   : {f:6.2f} s")  # fmt: skip
    print("    cells: " + ", ".join(f"{name} {seconds:.2f}" for name, seconds in cells.items()))
    print(f"    (b)/(f) run by run: {pairs}")
    print(f"    CPU of (b), all processes: {statistics.median(cpus):.2f} s; of (f): "
          f"{imported + sum(cells.values()):.2f} s")  # fmt: skip
    print(f"a/b = {a / b:.1f}x   b/f = {b / f:.2f}x   a/c = {a / c:.0f}x")
    return cells


if __name__ == "__main__":
    raise SystemExit(main())
