"""Plan a build with cheap imports only: notebooks, parameters, keys, and what can be reused.

Two keys decide what a build must do. A notebook's execution key hashes its file, its
parameters, the execution sources (the code its kernel imports, the data, the seed), the
build's execution code and the package versions: when it equals the latest run's, the
executed notebook and its figures are reused. The render key hashes the template folders,
the render sources (the site's code and styles) and the build's render code: when only it
changed, the pages are rendered again from the reused notebooks, and no kernel starts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.builder import params as params_module
from analysis.builder import runs
from analysis.builder import sweep as sweep_module
from analysis.builder.config import BuildConfig, source_files
from analysis.builder.manifest import (
    EXECUTION_CODE,
    RENDER_CODE,
    environment_record,
    inside,
    notebook_key,
    package_versions,
    read_manifest,
    relative,
    render_key,
    sources_key,
)
from analysis.errors import ParameterError, suggestion
from analysis.hashing import sha256_file


def available_notebooks(folder: Path) -> list[Path]:
    """The notebooks in `folder`, in name order: a new file there needs no code change."""
    return sorted(folder.glob("*.ipynb"))


def resolve_notebooks(names: Sequence[str] | None, folder: Path) -> list[Path]:
    """Notebook files for names such as `01_intro` or paths; all of `folder` when none."""
    known = available_notebooks(folder)
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
                f"no notebook {name!r}{suggestion(name, [nb.stem for nb in known])}"
            )
        chosen.append(matches[0])
    if len({nb.stem for nb in chosen}) != len(chosen):
        raise ParameterError("the same notebook is named twice")
    return chosen


@dataclass
class NotebookPlan:
    """One notebook of a build: what it runs with, its execution key, and what to reuse.

    `reuse_from` is the latest run's folder of this notebook when its execution key is
    unchanged (or an older run's, for a sweep's variant); `rerender` says that its page
    must be rendered again all the same. A sweep's variant names its notebook in
    `variant_of`.
    """

    name: str
    source: Path
    parameters: dict[str, Any]
    key: str
    reuse_from: Path | None = None
    rerender: bool = False
    variant_of: str | None = None


@dataclass
class BuildPlan:
    """Everything decided before any kernel starts."""

    config: BuildConfig
    notebooks: list[NotebookPlan]
    out: Path
    versions: dict[str, str]
    inputs: list[Path]
    """Every file the keys hash, and the build's own source, for the manifest."""
    render_key: str
    latest: Path | None
    published: list[str]
    """The notebooks of the latest run, in its order."""
    sweeps: list[dict[str, Any]] = field(default_factory=list)
    """The run's sweeps as the manifest records them (`sweep.record`)."""
    published_sweeps: list[dict[str, Any]] = field(default_factory=list)
    """The latest run's sweeps."""

    @property
    def up_to_date(self) -> bool:
        """The latest run holds exactly these notebooks with exactly these inputs."""
        if self.latest is None:
            return False
        if any(nb.reuse_from != self.latest / nb.name or nb.rerender for nb in self.notebooks):
            return False
        names = [nb.name for nb in self.notebooks]
        return self.published == names and self.published_sweeps == self.sweeps


def plan_build(
    config: BuildConfig,
    notebooks: Sequence[str] | None = None,
    *,
    overrides: Mapping[str, Any] | None = None,
    per_notebook: Mapping[str, Mapping[str, Any]] | None = None,
    out: Path | None = None,
    force: bool = False,
    warn: Callable[[str], None] | None = None,
    sweep: Sequence[sweep_module.Axis] | None = None,
) -> BuildPlan:
    """Resolve notebooks and parameters and decide what can be reused; writes nothing.

    `overrides` apply to every chosen notebook that declares the name (a name that none
    declares is an error); `per_notebook` maps a notebook's name to its own values. `out`
    defaults to the configured reports folder. When `notebooks` names only some, the
    latest run's other notebooks are kept, reused as they were, so that the run this
    build publishes is the whole site (and its sweeps). A `latest` or manifest that
    cannot be used is named to `warn` and means nothing to reuse.

    `sweep` (with exactly one notebook) runs that notebook once per combination of the
    values instead (`sweep.expand`); a variant is reused from the latest run, or else from
    the newest older run that holds it with the same execution key. The latest run's
    variants of that notebook are replaced; its other notebooks and sweeps are kept. A
    build that names no notebook keeps no sweep.

    Raises
    ------
    analysis.errors.ParameterError
        An unknown notebook or parameter, or a value of the wrong type or domain.
    """
    out = config.reports_dir if out is None else out
    chosen = resolve_notebooks(notebooks, config.notebooks_dir)
    if sweep and (not notebooks or len(chosen) != 1):
        raise ParameterError(f"--sweep needs exactly one NOTEBOOK, not {len(notebooks or [])}")
    overrides = dict(overrides or {})
    per_notebook = {name: dict(values) for name, values in (per_notebook or {}).items()}
    unknown_sections = set(per_notebook) - {nb.stem for nb in chosen}
    if unknown_sections:
        name = sorted(unknown_sections)[0]
        raise ParameterError(
            f"parameters given for {name!r}, which this build does not run"
            + suggestion(name, [nb.stem for nb in chosen])
        )
    declared = {nb.stem: params_module.notebook_parameters(nb, config.display(nb)) for nb in chosen}
    every_name = sorted({p.name for parameters in declared.values() for p in parameters})
    for name in overrides:
        if name not in every_name:
            raise ParameterError(f"unknown parameter {name!r}{suggestion(name, every_name)}")
    check = config.hook("check_parameters")
    versions = package_versions(config.distribution)
    execution_files = source_files(config.execution_sources)
    render_files = source_files((*config.template_dirs, *config.render_sources))
    shared_key = sources_key(execution_files, config.root, EXECUTION_CODE)
    pages_key = render_key(
        sources_key(render_files, config.root, RENDER_CODE), versions, config.public_url
    )
    latest = runs.latest_run(out, warn)
    manifest = read_manifest(latest) if latest else None
    build = (manifest or {}).get("build", {})
    published = [nb["name"] for nb in build.get("notebooks", [])]
    previous = _previous_keys(latest, build)
    rerender = build.get("render_key") != pages_key
    plans = []
    sweeps: list[dict[str, Any]] = []
    for notebook in chosen:
        names = {p.name for p in declared[notebook.stem]}
        values = {k: v for k, v in overrides.items() if k in names}
        values.update(per_notebook.get(notebook.stem, {}))
        if sweep:
            variants = sweep_module.expand(notebook, sweep, values, check)
            for name, _, resolved in variants:
                key = notebook_key(sha256_file(notebook), resolved, shared_key, versions)
                plan = NotebookPlan(name, notebook, resolved, key, variant_of=notebook.stem)
                if not force:
                    _reuse_variant(plan, out, latest, previous, rerender, pages_key)
                plans.append(plan)
            axes = [name for name, _ in sweep]
            sweeps.append(sweep_module.record(notebook.stem, axes, [v[:2] for v in variants]))
            continue
        resolved = params_module.resolve(notebook, values, check)
        key = notebook_key(sha256_file(notebook), resolved, shared_key, versions)
        plan = NotebookPlan(notebook.stem, notebook, resolved, key)
        if not force and latest is not None and previous.get(notebook.stem) == key:
            plan.reuse_from, plan.rerender = latest / notebook.stem, rerender
        plans.append(plan)
    published_sweeps = list(build.get("sweeps", []))
    if notebooks and latest is not None:
        swept = {s["notebook"] for s in sweeps}
        kept = _kept(config, latest, build, {plan.name for plan in plans}, rerender, swept)
        plans = sorted(plans + kept, key=lambda plan: plan.name) if kept else plans
        present = {plan.name for plan in kept}
        sweeps += [_kept_sweep(s, present) for s in published_sweeps if s["notebook"] not in swept]
        sweeps = sorted((s for s in sweeps if s["variants"]), key=lambda s: str(s["notebook"]))
    own = [p for p in source_files([Path(__file__).resolve().parent]) if p.suffix == ".py"]
    own += RENDER_CODE  # headings.py, outside this folder, shapes the pages too
    inputs = sorted({*execution_files, *render_files, *(p for p in own if inside(p, config.root))})
    return BuildPlan(config, plans, out, versions, inputs, pages_key, latest, published,
                     sweeps, published_sweeps)  # fmt: skip


def build_record(plan: BuildPlan, staging: Path) -> dict[str, Any]:
    """The manifest's `build` part before outputs: it depends on the inputs only.

    Each notebook (a sweep's variant names its notebook in `variant_of`) with its
    parameters, key and files in the run folder `staging`, and the run's `sweeps`.
    """
    root = plan.config.root
    build: dict[str, Any] = environment_record(plan.versions, plan.config.distribution, root)
    build["inputs"] = sorted(
        [{"path": relative(p, root), "sha256": sha256_file(p)} for p in plan.inputs]
        + [{"path": relative(nb.source, root), "sha256": sha256_file(nb.source)}
           for nb in plan.notebooks if inside(nb.source, root)],
        key=lambda record: record["path"],
    )  # fmt: skip
    build["render_key"] = plan.render_key
    build["public_url"] = plan.config.public_url
    build["notebooks"] = [
        {
            "name": nb.name,
            "source": relative(nb.source, root) if inside(nb.source, root) else str(nb.source),
            "parameters": nb.parameters,
            "key": nb.key,
            "status": "ok",
            "notebook": f"{nb.name}/{nb.name}.ipynb",
            "page": f"{nb.name}/{nb.name}.html",
            "figures": sorted(
                p.relative_to(staging).as_posix() for p in (staging / nb.name / "figures").glob("*")
            ),
            **({"variant_of": nb.variant_of} if nb.variant_of else {}),
        }
        for nb in plan.notebooks
    ]
    if plan.sweeps:
        build["sweeps"] = plan.sweeps
    return build


def _reuse_variant(
    plan: NotebookPlan,
    out: Path,
    latest: Path | None,
    previous: Mapping[str, str],
    rerender: bool,
    pages: str,
) -> None:
    """Reuse a variant from the latest run, else from the newest older run that has it."""
    if latest is not None and previous.get(plan.name) == plan.key:
        plan.reuse_from, plan.rerender = latest / plan.name, rerender
        return
    found = sweep_module.reusable(out, plan.name, plan.key, latest)
    if found is not None:
        plan.reuse_from, plan.rerender = found[0], found[1] != pages


def _kept_sweep(record: Mapping[str, Any], present: set[str]) -> dict[str, Any]:
    """A sweep of the latest run with only its variants this build keeps."""
    return {**record, "variants": [v for v in record["variants"] if v["name"] in present]}


def _kept(
    config: BuildConfig,
    latest: Path,
    build: Mapping[str, Any],
    asked: set[str],
    rerender: bool,
    swept: set[str],
) -> list[NotebookPlan]:
    """The latest run's notebooks that this build was not asked for, reused as they were.

    A notebook whose outputs or source file are gone is left out, and so are the
    variants of a notebook this build sweeps again (`swept`).
    """
    kept = []
    for record in build.get("notebooks", []):
        name, source = record["name"], Path(str(record.get("source", "")))
        source = source if source.is_absolute() else config.root / source
        variant_of = record.get("variant_of")
        if name in asked or not (latest / name).is_dir() or not source.is_file():
            continue
        if variant_of in swept:
            continue
        plan = NotebookPlan(name, source, dict(record.get("parameters", {})), record["key"],
                            variant_of=variant_of)  # fmt: skip
        plan.reuse_from, plan.rerender = latest / name, rerender
        kept.append(plan)
    return kept


def _previous_keys(latest: Path | None, build: Mapping[str, Any]) -> dict[str, str]:
    """Execution keys of the latest run's notebooks whose outputs are still there to reuse."""
    notebooks = build.get("notebooks", [])
    return {nb["name"]: nb["key"] for nb in notebooks if latest and (latest / nb["name"]).is_dir()}
