"""Re-make a published run from its manifest and name each output whose bytes differ."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from analysis.builder.config import BuildConfig
from analysis.builder.crate import write_crate
from analysis.builder.manifest import MANIFEST_NAME, hashed, read_manifest
from analysis.builder.pipeline import BuildResult, build_reports
from analysis.errors import ReportError
from analysis.hashing import sha256_file


def verify_run(
    run_dir: Path, *, config: BuildConfig, say: Callable[[str], None] = print
) -> list[str]:
    """Execute a run's notebooks again, with its parameters, and compare every file's hash.

    The run's files as they are on disk are compared with the re-made ones. Returns the
    run-relative paths of files that differ, are missing, or are new;
    [] when the run is reproduced byte for byte. Inputs that changed since the run (data,
    notebooks, library, package versions) show up as differing outputs too, and are
    named first.
    """
    manifest = read_manifest(run_dir)
    if manifest is None:
        raise ReportError(f"{run_dir}: no readable manifest.json; is this a run folder?")
    build = manifest["build"]
    with tempfile.TemporaryDirectory(prefix="report-verify-") as scratch:
        result = _remake(build, config, Path(scratch), say)
        if result.exit_status != 0 or result.run_dir is None:
            raise ReportError(
                f"{run_dir}: re-executing the run failed (status {result.exit_status})"
            )
        again = read_manifest(result.run_dir) or {}
        _compare_with_previous(run_dir, manifest, result.run_dir, again, config, say)
        # The re-made run as it is on disk, after the comparison above rewrote some files.
        after = {
            path.relative_to(result.run_dir).as_posix(): sha256_file(path)
            for path in result.run_dir.rglob("*")
            if path.is_file() and path.name != MANIFEST_NAME
        }
    # What is on disk now: a file edited since the run differs too.
    before = {
        path.relative_to(run_dir).as_posix(): sha256_file(path)
        for path in run_dir.rglob("*")
        if path.is_file() and path.name != MANIFEST_NAME
    }
    changed_inputs = {i["path"] for i in build["inputs"]} ^ {
        i["path"] for i in again["build"]["inputs"]
    }
    changed_inputs |= {
        i["path"]
        for i in build["inputs"]
        if {"path": i["path"], "sha256": i["sha256"]} not in again["build"]["inputs"]
    }
    for path in sorted(changed_inputs):
        say(f"input changed since the run: {path}")
    if build.get("git") != again["build"].get("git"):
        say("the checkout's commit changed since the run: index.html names the commit")
    if build.get("package_versions") != again["build"].get("package_versions"):
        say("package versions changed since the run")
    return sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )


def _remake(
    build: dict[str, Any], config: BuildConfig, out: Path, say: Callable[[str], None]
) -> BuildResult:
    """Execute the run's notebooks into `out`, then each of its sweeps, as one run in the end.

    A sweep is made again from its record: its names, each name's values in the order its
    variants give them, and the other parameters as its first variant had them.
    """
    plain = [nb for nb in build["notebooks"] if not nb.get("variant_of")]
    # The pages are made for the address the run was published at, whatever is set now.
    config = dataclasses.replace(config, public_url=str(build.get("public_url", "")))
    quiet = {"config": config, "out": out, "force": True, "say": lambda line: None, "warn": say}
    result = BuildResult(0)
    if plain:
        result = build_reports(
            [str(config.root / nb["source"]) for nb in plain],
            per_notebook={nb["name"]: nb["parameters"] for nb in plain},
            **quiet,  # type: ignore[arg-type]
        )
    by_name = {nb["name"]: nb for nb in build["notebooks"]}
    for sweep in build.get("sweeps") or []:
        if result.exit_status != 0:
            break
        variants = [by_name[v["name"]] for v in sweep["variants"]]
        names = list(sweep["names"])
        axes = [(name, _distinct(v["parameters"][name] for v in variants)) for name in names]
        fixed = {k: v for k, v in variants[0]["parameters"].items() if k not in names}
        result = build_reports(
            [str(config.root / variants[0]["source"])],
            per_notebook={sweep["notebook"]: fixed},
            sweep=axes,
            **quiet,  # type: ignore[arg-type]
        )
    return result


def _distinct(values: Iterable[Any]) -> list[Any]:
    """The values in the order first met, each once (values may be lists: no set)."""
    found: list[Any] = []
    for value in values:
        if value not in found:
            found.append(value)
    return found


def _compare_with_previous(
    run_dir: Path,
    manifest: dict[str, Any],
    remade: Path,
    again: dict[str, Any],
    config: BuildConfig,
    say: Callable[[str], None],
) -> None:
    """Write the re-made run's site again against the run the original replaced.

    A run's site may depend on the run before it (a change report); the re-made run had
    none, so it is given the same one, when that run is still there, and its crate is
    written again from the files that result.
    """
    previous = manifest.get("run", {}).get("previous")
    write_site = config.hook("write_site")
    if not previous or write_site is None:
        return
    earlier = run_dir.parent / str(previous)
    if not (earlier / MANIFEST_NAME).is_file():
        say(f"the run it was compared with, {previous}, is gone: pages that compare differ")
        return
    write_site(remade, again["build"], previous=earlier)
    files = [p for p in remade.rglob("*") if p.is_file() and p.name != MANIFEST_NAME]
    write_crate(remade, {**again["build"], "outputs": hashed(files, remade)})
