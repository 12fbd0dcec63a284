"""Build the reports: check parameters, skip what is unchanged, execute, render, publish.

The order matters for scheduled runs: parameters are checked and the work is planned
with cheap imports only, so a bad parameter or a build with nothing to do costs well
under a second; the data is validated once, here, before any kernel starts; the Jupyter
stack is imported only when a notebook must run.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.build import params as params_module
from analysis.build import runs
from analysis.build.manifest import (
    MANIFEST_NAME,
    environment_record,
    hashed,
    notebook_key,
    package_versions,
    read_manifest,
    relative,
    shared_inputs,
    write_manifest,
)
from analysis.errors import ParameterError
from analysis.hashing import fingerprint, sha256_file
from analysis.paths import NOTEBOOKS_DIR, PROJECT_DIR, REPORTS_DIR

FIGURES_ENV = "REPORT_FIGURES_DIR"
"""Tells a notebook's figure helper where this run keeps the notebook's figures."""

EXIT_BY_STATUS = {"failed": 1, "timeout": 3, "dead": 4}
"""Exit status of a build by the worst way a notebook ended (see the README)."""


def available_notebooks() -> list[Path]:
    """The notebooks in `notebooks/`, in name order: a new file there needs no code change."""
    return sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def resolve_notebooks(names: Sequence[str] | None) -> list[Path]:
    """Notebook files for names such as `01_demographics` or paths; all when none are given."""
    known = available_notebooks()
    if not names:
        return known
    chosen: list[Path] = []
    for name in names:
        path = Path(name)
        if path.suffix == ".ipynb" and path.is_file():
            chosen.append(path.resolve())
            continue
        matches = [nb for nb in known if nb.stem == path.stem]
        if not matches:
            raise ParameterError(
                f"no notebook {name!r}{params_module.suggest(name, [nb.stem for nb in known])}"
            )
        chosen.append(matches[0])
    if len({nb.stem for nb in chosen}) != len(chosen):
        raise ParameterError("the same notebook is named twice")
    return chosen


@dataclass
class NotebookPlan:
    """One notebook of a build: what it runs with, its input key, and outputs to reuse."""

    name: str
    source: Path
    parameters: dict[str, Any]
    key: str
    reuse_from: Path | None = None


@dataclass
class BuildPlan:
    """Everything decided before any kernel starts."""

    notebooks: list[NotebookPlan]
    out: Path
    versions: dict[str, str]
    shared: list[Path]
    latest: Path | None
    published: list[str]
    """The notebooks of the latest run, in its order."""

    @property
    def up_to_date(self) -> bool:
        """The latest run holds exactly these notebooks with exactly these inputs."""
        if self.latest is None or any(nb.reuse_from is None for nb in self.notebooks):
            return False
        return self.published == [nb.name for nb in self.notebooks]


@dataclass
class BuildResult:
    """How a build ended."""

    exit_status: int
    run_dir: Path | None = None
    up_to_date: bool = False
    failed_dir: Path | None = None


def plan_build(
    notebooks: Sequence[str] | None = None,
    *,
    overrides: Mapping[str, Any] | None = None,
    per_notebook: Mapping[str, Mapping[str, Any]] | None = None,
    out: Path = REPORTS_DIR,
    force: bool = False,
) -> BuildPlan:
    """Resolve notebooks and parameters and decide what can be reused; writes nothing.

    `overrides` apply to every chosen notebook that declares the name (a name that none
    declares is an error); `per_notebook` maps a notebook's name to its own values.

    Raises
    ------
    analysis.errors.ParameterError
        An unknown notebook or parameter, or a value of the wrong type or domain.
    """
    chosen = resolve_notebooks(notebooks)
    overrides = dict(overrides or {})
    per_notebook = {name: dict(values) for name, values in (per_notebook or {}).items()}
    unknown_sections = set(per_notebook) - {nb.stem for nb in chosen}
    if unknown_sections:
        name = sorted(unknown_sections)[0]
        raise ParameterError(
            f"parameters given for {name!r}, which this build does not run"
            + params_module.suggest(name, [nb.stem for nb in chosen])
        )
    declared = {nb.stem: params_module.notebook_parameters(nb) for nb in chosen}
    every_name = sorted({p.name for parameters in declared.values() for p in parameters})
    for name in overrides:
        if name not in every_name:
            raise ParameterError(
                f"unknown parameter {name!r}{params_module.suggest(name, every_name)}"
            )
    versions = package_versions()
    shared = shared_inputs()
    shared_key = fingerprint(shared, PROJECT_DIR)
    latest = runs.latest_run(out)
    manifest = read_manifest(latest) if latest else None
    published = [nb["name"] for nb in (manifest or {}).get("build", {}).get("notebooks", [])]
    previous = _previous_keys(latest, manifest)
    plans = []
    for notebook in chosen:
        names = {p.name for p in declared[notebook.stem]}
        values = {k: v for k, v in overrides.items() if k in names}
        values.update(per_notebook.get(notebook.stem, {}))
        resolved = params_module.resolve(notebook, values)
        key = notebook_key(sha256_file(notebook), resolved, shared_key, versions)
        reuse = None
        if not force and latest is not None and previous.get(notebook.stem) == key:
            reuse = latest / notebook.stem
        plans.append(NotebookPlan(notebook.stem, notebook, resolved, key, reuse))
    return BuildPlan(plans, out, versions, shared, latest, published)


def _previous_keys(latest: Path | None, manifest: dict[str, Any] | None) -> dict[str, str]:
    """Input keys of the latest run's notebooks whose outputs are still there to reuse."""
    notebooks = (manifest or {}).get("build", {}).get("notebooks", [])
    return {nb["name"]: nb["key"] for nb in notebooks if latest and (latest / nb["name"]).is_dir()}


def build_reports(
    notebooks: Sequence[str] | None = None,
    *,
    overrides: Mapping[str, Any] | None = None,
    per_notebook: Mapping[str, Mapping[str, Any]] | None = None,
    out: Path = REPORTS_DIR,
    force: bool = False,
    jobs: int | None = None,
    timeout: float | None = None,
    wait: bool = True,
    keep: int | None = None,
    say: Callable[[str], None] = print,
    warn: Callable[[str], None] = print,
) -> BuildResult:
    """Build one run of reports into `out/<run-id>/` and point `out/latest` at it.

    Parameters
    ----------
    notebooks : sequence of str, optional
        Names (`01_demographics`) or paths; default: every notebook in `notebooks/`.
    overrides, per_notebook : mapping, optional
        Parameter values, see `plan_build`.
    out : Path
        The reports folder.
    force : bool
        Execute every notebook, even those whose inputs are unchanged.
    jobs : int, optional
        Notebooks executed at once (default: the number of cores).
    timeout : float, optional
        Seconds a cell may run.
    wait : bool
        Wait for another build holding `out`, or fail at once (exit status 5).
    keep : int, optional
        Keep only the newest `keep` successful runs.
    say, warn : callable
        Where progress lines and error lines go.

    Returns
    -------
    BuildResult
        The exit status (0 success, 1 a notebook failed, 3 a cell timed out, 4 a kernel
        died), the published run folder, and whether it was already up to date.
    """
    plan = plan_build(notebooks, overrides=overrides, per_notebook=per_notebook, out=out,
                      force=force)  # fmt: skip
    if plan.up_to_date and plan.latest is not None:
        say(f"up to date: {plan.latest.name} has these notebooks with unchanged inputs")
        _prune(out, keep, say)
        return BuildResult(0, plan.latest, up_to_date=True)
    from analysis.data.validation import ensure_valid

    # Bad data stops the build before anything is written; data validated by an earlier
    # build (a stamp in the reports folder) is not put through frictionless again.
    validated = ensure_valid(stamps=out / runs.STAMPS)
    with runs.locked(out, wait=wait, say=say):
        removed = runs.clean_staging(out)
        if removed:
            say(f"removed {len(removed)} unfinished run(s) left in {out / runs.STAGING}")
        if runs.latest_run(out) != plan.latest:
            # Another build published while this one waited for the lock: plan again.
            plan = plan_build(notebooks, overrides=overrides, per_notebook=per_notebook,
                              out=out, force=force)  # fmt: skip
            if plan.up_to_date and plan.latest is not None:
                say(f"up to date: {plan.latest.name}, published while this build waited")
                return BuildResult(0, plan.latest, up_to_date=True)
        result = _build_locked(plan, validated, jobs=jobs, timeout=timeout, say=say, warn=warn)
        if result.exit_status == 0:
            _prune(out, keep, say)
        return result


def _prune(out: Path, keep: int | None, say: Callable[[str], None]) -> None:
    if keep is None:
        return
    if keep < 1:
        raise ParameterError(f"--keep must be at least 1, not {keep}")
    for path in runs.prune(out, keep):
        say(f"removed old run {path.name}")


def _build_locked(
    plan: BuildPlan,
    validated: str,
    *,
    jobs: int | None,
    timeout: float | None,
    say: Callable[[str], None],
    warn: Callable[[str], None],
) -> BuildResult:
    from analysis.data.validation import VALIDATED_ENV

    started = dt.datetime.now(dt.UTC)
    clock = time.monotonic()
    run_id = runs.new_run_id(started)
    staging = runs.staging_dir(plan.out, run_id)
    timings: dict[str, dict[str, Any]] = {}
    try:
        for nb in plan.notebooks:
            if nb.reuse_from is not None:
                shutil.copytree(nb.reuse_from, staging / nb.name, copy_function=_link_or_copy)
                timings[nb.name] = {"seconds": 0.0, "reused_from": nb.reuse_from.parent.name}
                say(f"{nb.name:<28} reused   0.0 s")
        to_run = [nb for nb in plan.notebooks if nb.reuse_from is None]
        failures = _execute(plan, to_run, staging, run_id, validated, VALIDATED_ENV, jobs,
                            timeout, timings, say, warn)  # fmt: skip
        if failures:
            shutil.rmtree(staging, ignore_errors=True)
            status = max(EXIT_BY_STATUS[f] for f in failures.values())
            failed = plan.out / runs.FAILED / run_id
            warn(f"build failed: {len(failures)} notebook(s); nothing published, latest unchanged")
            return BuildResult(status, failed_dir=failed)
        _finish_run(plan, staging, run_id, started, clock, timings)
        run_dir = runs.publish(staging, plan.out, run_id)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    seconds = time.monotonic() - clock
    reused = len(plan.notebooks) - len(to_run)
    say(
        f"published {run_id}: {len(to_run)} executed, {reused} reused, {seconds:.1f} s"
        f" -> {plan.out / runs.LATEST}"
    )
    return BuildResult(0, run_dir)


def _link_or_copy(source: str, target: str) -> str:
    """Hard-link an unchanged output into the new run (cheap), copying across filesystems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target


def _execute(
    plan: BuildPlan,
    to_run: list[NotebookPlan],
    staging: Path,
    run_id: str,
    validated: str,
    validated_env: str,
    jobs: int | None,
    timeout: float | None,
    timings: dict[str, dict[str, Any]],
    say: Callable[[str], None],
    warn: Callable[[str], None],
) -> dict[str, str]:
    """Execute and render the notebooks that must run; return {name: status} of failures."""
    if not to_run:
        return {}
    from analysis.build.execute import (
        ExecutionJob,
        ExecutionOutcome,
        execute_many,
        kernel_environment,
    )
    from analysis.build.render import render_html

    execution_jobs = []
    for nb in to_run:
        folder = staging / nb.name
        figures = folder / "figures"
        figures.mkdir(parents=True)
        env = kernel_environment({FIGURES_ENV: str(figures), validated_env: validated})
        execution_jobs.append(
            ExecutionJob(
                nb.name, nb.source, folder / f"{nb.name}.ipynb", nb.parameters, folder, env, timeout
            )
        )
    failures: dict[str, str] = {}

    def done(outcome: ExecutionOutcome) -> None:
        name = outcome.job.name
        timings[name] = {"seconds": round(outcome.seconds, 3), "reused_from": None}
        if outcome.status == "ok":
            render_html(outcome.job.target, outcome.job.target.with_suffix(".html"))
            say(f"{name:<28} ok       {outcome.seconds:.1f} s")
            return
        failures[name] = outcome.status
        kept = runs.failed_dir(plan.out, run_id) / outcome.job.target.name
        if outcome.job.target.exists():
            shutil.copy2(outcome.job.target, kept)
        warn(f"{name:<28} {outcome.status:<8} {outcome.seconds:.1f} s: {outcome.error}")
        if kept.exists():
            warn(f"{name:<28} executed copy with the error kept at {kept}")

    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers < 1:
        raise ParameterError(f"--jobs must be at least 1, not {workers}")
    execute_many(execution_jobs, max_workers=workers, on_done=done)
    return failures


def _build_record(plan: BuildPlan, staging: Path) -> dict[str, Any]:
    """The manifest's `build` part before outputs: it depends on the inputs only."""
    build: dict[str, Any] = environment_record(plan.versions)
    build["inputs"] = sorted(
        [{"path": relative(p), "sha256": sha256_file(p)} for p in plan.shared]
        + [{"path": relative(nb.source), "sha256": sha256_file(nb.source)}
           for nb in plan.notebooks if _inside_project(nb.source)],
        key=lambda record: record["path"],
    )  # fmt: skip
    build["notebooks"] = [
        {
            "name": nb.name,
            "source": relative(nb.source) if _inside_project(nb.source) else str(nb.source),
            "parameters": nb.parameters,
            "key": nb.key,
            "status": "ok",
            "notebook": f"{nb.name}/{nb.name}.ipynb",
            "page": f"{nb.name}/{nb.name}.html",
            "figures": sorted(
                p.relative_to(staging).as_posix() for p in (staging / nb.name / "figures").glob("*")
            ),
        }
        for nb in plan.notebooks
    ]
    return build


def _finish_run(
    plan: BuildPlan,
    staging: Path,
    run_id: str,
    started: dt.datetime,
    clock: float,
    timings: dict[str, dict[str, Any]],
) -> None:
    """Write the site (landing page, article, data) and then `manifest.json` into the run."""
    from analysis.site.pages import write_site

    build = _build_record(plan, staging)
    write_site(staging, build)
    build["outputs"] = hashed(
        [p for p in staging.rglob("*") if p.is_file() and p.name != MANIFEST_NAME], staging
    )
    run = {
        "id": run_id,
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - clock, 3),
        "notebooks": timings,
    }
    write_manifest(staging / MANIFEST_NAME, {"build": build, "run": run})


def _inside_project(path: Path) -> bool:
    return path.resolve().is_relative_to(PROJECT_DIR)
