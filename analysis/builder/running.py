"""Execute a build's notebooks: the kernel template, the jobs, their outcomes and pages.

The build starts the kernel template as soon as it knows a notebook must run (`early_template`),
so that the stack is imported while it validates the data and takes its lock; then
`execute_notebooks` runs the jobs, longest first, and renders each page in the thread that
executed its notebook while the others still run.
"""

from __future__ import annotations

import contextlib
import functools
import math
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.builder import runs
from analysis.builder.config import BuildConfig
from analysis.builder.determinism import kernel_environment
from analysis.builder.inputs import READS_ENV, reads_folder
from analysis.builder.manifest import read_manifest
from analysis.builder.options import default_jobs
from analysis.builder.plan import BuildPlan, NotebookPlan
from analysis.errors import NotebookFailed, ReportsFolderError

if TYPE_CHECKING:
    from analysis.builder.cluster import Cluster
    from analysis.builder.execute import ExecutionJob, ExecutionOutcome
    from analysis.builder.kernel_fork import KernelForkServer

FIGURES_ENV = "REPORT_FIGURES_DIR"
"""Tells a notebook where this run keeps its figures."""


@contextlib.contextmanager
def early_template(
    plan: BuildPlan, started: KernelForkServer | None = None
) -> Iterator[KernelForkServer | None]:
    """The kernel template for the notebooks the plan executes, or None when all are reused.

    It imports the stack while this process validates the data and takes the lock; the
    variables the validation gives reach it through `configure` before it warms up. A
    template `started` before planning (`kernel_fork.start_template`) is used, and left to
    its owner; otherwise one is started now, and stopped at the end.
    """
    if all(nb.reuse_from is not None for nb in plan.notebooks):
        yield None
    elif started is not None:
        yield started
    else:
        from analysis.builder.kernel_fork import start_template

        with start_template(plan.config.preload, plan.config.warm_up) as template:
            yield template


def render_page(config: BuildConfig, executed: Path) -> None:
    """Render an executed notebook's page beside it, with the project's template and Markdown."""
    from analysis.builder.render import render_html

    render_html(executed, executed.with_suffix(".html"), template_dirs=config.template_dirs,
                template_name=config.page_template,
                markdown=config.hook("render_markdown"))  # fmt: skip


def warm_up_pages(config: BuildConfig) -> None:
    """Compile the page template and the notebook validator ahead (`render.warm_up`)."""
    from analysis.builder.render import warm_up

    warm_up(template_dirs=config.template_dirs, template_name=config.page_template,
            markdown=config.hook("render_markdown"))  # fmt: skip


def execute_notebooks(
    plan: BuildPlan,
    to_run: list[NotebookPlan],
    staging: Path,
    run_id: str,
    kernel_env: Mapping[str, str],
    jobs: int | None,
    timeout: float | None,
    timings: dict[str, dict[str, Any]],
    say: Callable[[str], None],
    warn: Callable[[str], None],
    template: KernelForkServer | None = None,
    cluster: Cluster | None = None,
) -> dict[str, str]:
    """Execute and render the notebooks that must run; return {name: status} of failures.

    A notebook whose files the disk or the folder refused ("io") stops the build at once with a
    `ReportsFolderError`: one line naming the path, the notebooks still running stopped.

    The longest notebooks (by the latest run's timings) start first, so that the short ones
    fill the cores at the end rather than one long one running alone. With a `cluster`, they
    execute as tasks on its workers and each page is rendered here as its notebook returns.
    """
    if not to_run:
        return {}
    before = _latest_timings(plan.latest)
    to_run = sorted(to_run, key=lambda nb: -_seconds(before.get(nb.name)))
    from analysis.builder.execute import ExecutionJob
    from analysis.builder.workers import execute_many

    env = kernel_environment(kernel_env)
    execution_jobs = []
    for nb in to_run:
        folder = staging / nb.name
        figures = folder / "figures"
        figures.mkdir(parents=True)
        reads = reads_folder(folder)  # what the kernel's data layer read (inputs.py)
        reads.mkdir()
        extra = {FIGURES_ENV: str(figures), READS_ENV: str(reads)}
        execution_jobs.append(
            ExecutionJob(
                nb.name,
                nb.source,
                folder / f"{nb.name}.ipynb",
                nb.parameters,
                folder,
                env,
                timeout,
                extra,
            )
        )
    failures: dict[str, str] = {}

    def done(outcome: ExecutionOutcome) -> None:
        name = outcome.job.name
        timings[name] = {"seconds": round(outcome.seconds, 3), "reused_from": None,
                         "rerendered": False}  # fmt: skip
        if outcome.status == "ok":
            say(f"{name:<28} ok       {outcome.seconds:.1f} s")
            return
        if outcome.status == "io":  # the disk or folder refused: the other notebooks would too
            raise ReportsFolderError(
                f"cannot write in the reports folder {plan.out} ({outcome.error}); nothing"
                " published, latest unchanged"
            )
        failures[name] = outcome.status
        error: object = outcome.error
        if outcome.job.target.exists():
            kept = runs.failed_dir(plan.out, run_id) / outcome.job.target.name
            shutil.copy2(outcome.job.target, kept)
            if isinstance(error, NotebookFailed):
                # Name the kept copy: the staging copy is deleted with the failed run.
                error = NotebookFailed(error.notebook, error.cell_index, error.ename,
                                       error.evalue, kept)  # fmt: skip
            else:
                error = f"{error} (executed copy kept at {kept})"
        warn(f"{name:<28} {outcome.status:<8} {outcome.seconds:.1f} s: {error}")

    workers = jobs if jobs is not None else default_jobs()
    where: dict[str, Any] = {"task": functools.partial(_run_and_render, plan.config)}
    if cluster is not None:
        render = functools.partial(render_page, plan.config)
        where = cluster.run_options(plan.config, kernel_env, render)
    execute_many(
        execution_jobs,
        max_workers=workers,
        on_done=done,
        preload=plan.config.preload,
        warm_up=plan.config.warm_up,
        prepare=functools.partial(_load_ahead, plan.config),
        meanwhile=functools.partial(_warm_ahead, plan),
        template=template,
        **where,
    )
    return failures


def _latest_timings(latest: Path | None) -> dict[str, Any]:
    """The latest run's per-notebook timings (its manifest's `run.notebooks`), or none."""
    manifest = read_manifest(latest) if latest is not None else None
    run = manifest.get("run") if isinstance(manifest, dict) else None
    timings = run.get("notebooks") if isinstance(run, dict) else None
    return timings if isinstance(timings, dict) else {}


def _seconds(timing: object) -> float:
    """How long a notebook took to execute in a run's timings (infinity when unknown)."""
    if not isinstance(timing, dict) or timing.get("reused_from") is not None:
        return math.inf
    seconds = timing.get("seconds")
    return float(seconds) if isinstance(seconds, int | float) and seconds > 0 else math.inf


def _load_ahead(config: BuildConfig) -> None:
    """Import what executing, rendering and the site need, before any job starts.

    Done in one thread before the jobs' threads start, so that no two threads import at once.
    """
    from analysis.builder.stack import import_client_stack

    import_client_stack()  # first: it keeps jsonschema's IRI grammars out (stack.py)
    import jupyter_client.provisioning  # noqa: F401  # what starting a kernel imports first

    for hook in ("write_site", "render_markdown", "warm_site"):
        config.hook(hook)


def _warm_ahead(plan: BuildPlan) -> None:
    """Compile the pages' templates and warm the site while the kernel template warms up.

    The site's `warm-site` hook is told the run this build will replace as latest.
    """
    warm_up_pages(plan.config)
    warm_site = plan.config.hook("warm_site")
    if warm_site is not None:
        warm_site(plan.latest)


def _run_and_render(config: BuildConfig, job: ExecutionJob) -> ExecutionOutcome:
    """Execute a notebook and, when it succeeded, render its page in the same thread.

    Rendering one page overlaps with the notebooks still executing.
    """
    from analysis.builder.execute import run_job

    outcome = run_job(job)
    if outcome.status == "ok":
        render_page(config, job.target)
    return outcome
