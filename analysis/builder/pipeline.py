"""Build the reports: check arguments, skip what is unchanged, execute, render, publish.

The order matters for scheduled runs: arguments and parameters are checked and the work is
planned with cheap imports only (plan.py), so a bad value or a build with nothing to do costs
well under a second; the project's validation hook runs once, here, before any kernel
starts; the Jupyter stack is imported only when a notebook must run or a page be rendered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.builder import runs
from analysis.builder.config import BuildConfig
from analysis.builder.determinism import kernel_environment
from analysis.builder.inputs import collect_reads
from analysis.builder.manifest import (
    MANIFEST_NAME,
    hashed,
    write_manifest,
)
from analysis.builder.options import DEFAULT_TIMEOUT, check_options, check_out
from analysis.builder.plan import BuildPlan, NotebookPlan, build_record, plan_build
from analysis.builder.running import early_template, execute_notebooks, render_page
from analysis.builder.stack import skip_iri_grammars
from analysis.builder.sweep import Axis
from analysis.errors import CellTimeout, KernelDied, NotebookFailed, ReportsFolderError

if TYPE_CHECKING:
    from analysis.builder.cluster import Cluster
    from analysis.builder.kernel_fork import KernelForkServer

EXIT_BY_STATUS = {
    "failed": NotebookFailed.exit_status,
    "timeout": CellTimeout.exit_status,
    "dead": KernelDied.exit_status,
}
"""Exit status of a build by the worst way a notebook ended (see the README); a refused write
("io") raises `ReportsFolderError` instead (running.py)."""


@dataclass
class BuildResult:
    """How a build ended."""

    exit_status: int
    run_dir: Path | None = None
    up_to_date: bool = False
    failed_dir: Path | None = None


def build_reports(
    notebooks: Sequence[str] | None = None,
    *,
    config: BuildConfig,
    overrides: Mapping[str, Any] | None = None,
    per_notebook: Mapping[str, Mapping[str, Any]] | None = None,
    out: Path | None = None,
    force: bool = False,
    jobs: int | None = None,
    timeout: float | None = None,
    wait: bool = True,
    keep: int | None = None,
    sweep: Sequence[Axis] | None = None,
    say: Callable[[str], None] = print,
    warn: Callable[[str], None] = print,
    cluster: Cluster | None = None,
    template: KernelForkServer | None = None,
) -> BuildResult:
    """Build one run of reports into `out/<run-id>/` and point `out/latest` at it.

    Parameters
    ----------
    notebooks : sequence of str, optional
        Names (`01_intro`) or paths; default: every notebook of the configured folder.
    config : BuildConfig
        The project's build configuration (folders, template, hooks).
    overrides, per_notebook : mapping, optional
        Parameter values, see `plan_build`.
    out : Path, optional
        The reports folder (default: the configured one).
    force : bool
        Execute every notebook, even those whose inputs are unchanged.
    jobs : int, optional
        Notebooks executed at once (default: `options.default_jobs()`).
    timeout : float, optional
        Seconds a cell may run.
    wait : bool
        Wait for another build holding `out`, or fail at once (exit status 5).
    keep : int, optional
        Keep only the newest `keep` successful runs.
    sweep : sequence of (name, values), optional
        Run the one notebook named once per combination of these values (`plan_build`).
    say, warn : callable
        Where progress lines and error lines go.
    cluster : cluster.Cluster, optional
        Execute on this Dask cluster (the caller closes it); pages are rendered here.
    template : kernel_fork.KernelForkServer, optional
        A kernel template the caller started for this build (`kernel_fork.start_template`)
        and stops; by default the build starts one when a notebook will execute, with
        `force` before it plans.

    Returns
    -------
    BuildResult
        The exit status (0 success, 1 a notebook failed, 3 a cell timed out, 4 a kernel
        died), the published run folder, and whether it was already up to date.

    Raises
    ------
    analysis.errors.ParameterError
        A bad argument, notebook or parameter; raised before anything is written.
    """
    check_options(jobs, timeout, keep)
    out = config.reports_dir if out is None else out
    check_out(out)
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    options = {"overrides": overrides, "per_notebook": per_notebook, "out": out, "force": force,
               "sweep": sweep}  # fmt: skip
    with contextlib.ExitStack() as stack:
        if template is None and force and cluster is None:
            # Every notebook will execute: the template can import the stack while this plans.
            from analysis.builder.kernel_fork import start_template

            template = stack.enter_context(start_template(config.preload, config.warm_up))
        plan = plan_build(config, notebooks, warn=warn, **options)  # type: ignore[arg-type]
        return _build_planned(plan, template, notebooks, options, jobs=jobs, timeout=timeout,
                              wait=wait, keep=keep, say=say, warn=warn,
                              cluster=cluster)  # fmt: skip


def _build_planned(
    plan: BuildPlan,
    started: KernelForkServer | None,
    notebooks: Sequence[str] | None,
    options: dict[str, Any],
    *,
    jobs: int | None,
    timeout: float | None,
    wait: bool,
    keep: int | None,
    say: Callable[[str], None],
    warn: Callable[[str], None],
    cluster: Cluster | None,
) -> BuildResult:
    """`build_reports` once planned: reuse, or validate, lock, execute and publish."""
    config, out = plan.config, plan.out
    try:
        if plan.up_to_date and plan.latest is not None:
            say(f"up to date: {plan.latest.name} has these notebooks with unchanged inputs")
            if runs.has_leftovers(out):
                with runs.locked(out, wait=False, say=say, busy_ok=True) as held:
                    if held:
                        _clean(out, say, warn)
            _prune(out, keep, say)
            return BuildResult(0, plan.latest, up_to_date=True)
        local = early_template(plan, started) if cluster is None else contextlib.nullcontext(None)
        with local as template:
            # Bad data stops the build before anything is written; the hook may keep what it
            # has validated in the stamps folder, so that the next build can skip it.
            skip_iri_grammars()  # before the hook's validator imports jsonschema (stack.py)
            validate = config.hook("validate")
            kernel_env = dict(validate(out / runs.STAMPS)) if validate is not None else {}
            if template is not None:
                template.configure(kernel_environment(kernel_env))
            with runs.locked(out, wait=wait, say=say):
                _clean(out, say, warn)
                if runs.latest_run(out) != plan.latest:
                    # Another build published while this one waited for the lock: plan again.
                    plan = plan_build(config, notebooks, warn=warn, **options)
                    if plan.up_to_date and plan.latest is not None:
                        say(f"up to date: {plan.latest.name}, published while this build waited")
                        return BuildResult(0, plan.latest, up_to_date=True)
                result = _build_locked(plan, kernel_env, template, jobs=jobs, timeout=timeout,
                                       say=say, warn=warn, cluster=cluster)  # fmt: skip
                if result.exit_status == 0:
                    _prune(out, keep, say)
                return result
    except OSError as error:
        problem = ReportsFolderError.from_os_error(error, out)
        raise ReportsFolderError(f"{problem}; nothing published, latest unchanged") from None


def _clean(out: Path, say: Callable[[str], None], warn: Callable[[str], None]) -> None:
    """Remove what killed builds left (call with the lock held)."""
    removed = runs.clean_staging(out, warn)
    if removed:
        say(f"removed {len(removed)} unfinished run(s) left in {out / runs.STAGING}")


def _prune(out: Path, keep: int | None, say: Callable[[str], None]) -> None:
    if keep is None:
        return
    for path in runs.prune(out, keep):
        say(f"removed old run {path.name}")


def _build_locked(
    plan: BuildPlan,
    kernel_env: Mapping[str, str],
    template: KernelForkServer | None,
    *,
    jobs: int | None,
    timeout: float | None,
    say: Callable[[str], None],
    warn: Callable[[str], None],
    cluster: Cluster | None = None,
) -> BuildResult:
    started = dt.datetime.now(dt.UTC)
    clock = time.monotonic()
    run_id = runs.new_run_id(started)
    staging = runs.staging_dir(plan.out, run_id)
    timings: dict[str, dict[str, Any]] = {}
    try:
        reused = [nb for nb in plan.notebooks if nb.reuse_from is not None]
        for nb in reused:
            _reuse(plan, nb, staging)
            timings[nb.name] = {"seconds": 0.0, "reused_from": nb.reuse_from.parent.name,  # type: ignore[union-attr]
                                "rerendered": nb.rerender}  # fmt: skip
            say(f"{nb.name:<28} reused   0.0 s" + (", page rendered again" if nb.rerender else ""))
        to_run = [nb for nb in plan.notebooks if nb.reuse_from is None]
        failures = execute_notebooks(plan, to_run, staging, run_id, kernel_env, jobs, timeout,
                                     timings, say, warn, template, cluster)  # fmt: skip
        if failures:
            shutil.rmtree(staging, ignore_errors=True)
            status = max(EXIT_BY_STATUS[f] for f in failures.values())
            failed = plan.out / runs.FAILED / run_id
            kept = f"; kept in {failed}" if failed.is_dir() else ""
            warn(f"build failed: {len(failures)} notebook(s){kept}; nothing published,"
                 " latest unchanged")  # fmt: skip
            return BuildResult(status, failed_dir=failed)
        assert plan.keys is not None
        for nb in to_run:  # what each kernel read keys its notebook from now on
            nb.settle(plan.keys, collect_reads(staging / nb.name, plan.keys))
        _finish_run(plan, staging, run_id, started, clock, timings)
        run_dir = runs.publish(staging, plan.out, run_id)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    seconds = time.monotonic() - clock
    say(
        f"published {run_id}: {len(to_run)} executed, {len(reused)} reused, {seconds:.1f} s"
        f" -> {plan.out / runs.LATEST}"
    )
    return BuildResult(0, run_dir)


def _reuse(plan: BuildPlan, nb: NotebookPlan, staging: Path) -> None:
    """Link a notebook's unchanged outputs into the run; render its page again if asked."""
    assert nb.reuse_from is not None
    page = f"{nb.name}.html"

    def skip(folder: str, names: list[str]) -> list[str]:
        return [page] if nb.rerender and page in names else []

    shutil.copytree(nb.reuse_from, staging / nb.name, copy_function=_link_or_copy, ignore=skip)
    if nb.rerender:
        render_page(plan.config, staging / nb.name / f"{nb.name}.ipynb")


def _link_or_copy(source: str, target: str) -> str:
    """Hard-link an unchanged output into the new run (cheap), copying across filesystems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target


def _finish_run(
    plan: BuildPlan,
    staging: Path,
    run_id: str,
    started: dt.datetime,
    clock: float,
    timings: dict[str, dict[str, Any]],
) -> None:
    """Write the site (the project's `write-site` hook), the RO-Crate, then `manifest.json`.

    The site hook is given the run this one replaces as `latest` (None for a first run), so
    that it can say what changed since.
    """
    from analysis.builder.crate import write_crate

    build = build_record(plan, staging)
    write_site = plan.config.hook("write_site")
    if write_site is not None:
        write_site(staging, build, previous=plan.latest)

    def outputs() -> list[dict[str, str]]:
        files = [p for p in staging.rglob("*") if p.is_file() and p.name != MANIFEST_NAME]
        return hashed(files, staging)

    write_crate(staging, {**build, "outputs": outputs()})
    build["outputs"] = outputs()
    run = {
        "id": run_id,
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - clock, 3),
        "previous": plan.latest.name if plan.latest is not None else None,
        "notebooks": timings,
    }
    write_manifest(staging / MANIFEST_NAME, {"build": build, "run": run})
