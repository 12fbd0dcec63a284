"""Plan a build with cheap imports only: notebooks, parameters, keys, and what can be reused.

Two keys decide what a build must do. A notebook's execution key hashes its file, its
parameters, the execution sources (the code its kernel imports), the data files its kernel
read when it last executed (all of them when that is not known: inputs.py), the build's
execution code and the package versions: when it equals the latest run's, the executed
notebook and its figures are reused. The render key hashes the template folders,
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
from analysis.builder.inputs import ExecutionInputs, execution_inputs, recorded_reads
from analysis.builder.manifest import (
    RENDER_CODE,
    environment_record,
    inside,
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
            parent, top = path.resolve().parent, folder.resolve()
            if parent != top and parent.is_relative_to(top):  # notebooks/explore/ and the like
                raise ParameterError(
                    f"{name}: a notebook in a folder under {folder.name}/ is never built"
                    f" or published; copy it into {folder.name}/ to publish it"
                )
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
    `variant_of`. `reads` are the data files its kernel read (None: not known); a notebook
    that executes gets them, and its key, again once it has run (`settle`).
    """

    name: str
    source: Path
    parameters: dict[str, Any]
    key: str
    reuse_from: Path | None = None
    rerender: bool = False
    variant_of: str | None = None
    reads: list[str] | None = None
    source_sha256: str = ""

    def settle(self, keys: ExecutionInputs, reads: list[str] | None) -> None:
        """After it executed: what its kernel read, and the execution key that gives."""
        self.reads = reads
        self.key = keys.key(self.source_sha256, self.parameters, reads)


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
    keys: ExecutionInputs | None = None
    """The hashes the execution keys are made of, to key an executed notebook again."""
    input_records: list[dict[str, str]] = field(default_factory=list)
    """Every input's path and sha256, as the manifest's `build.inputs` records them."""
    same_inputs: bool = False
    """The latest run's `build.inputs` equal these (a table no notebook read may differ)."""

    @property
    def up_to_date(self) -> bool:
        """The latest run holds exactly these notebooks with exactly these inputs."""
        if self.latest is None or not self.same_inputs:
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
    keys = execution_inputs(config, versions)
    execution_files = source_files((*config.execution_sources, *config.data_sources))
    render_files = source_files((*config.template_dirs, *config.render_sources))
    pages_key = render_key(
        sources_key(render_files, config.root, RENDER_CODE), versions, config.public_url
    )
    latest = runs.latest_run(out, warn)
    manifest = read_manifest(latest) if latest else None
    build = (manifest or {}).get("build", {})
    published = [nb["name"] for nb in build.get("notebooks", [])]
    previous = _previous_records(latest, build)
    rerender = build.get("render_key") != pages_key
    older = sweep_module.OlderRuns(out, latest)
    plans = []
    sweeps: list[dict[str, Any]] = []
    for notebook in chosen:
        names = {p.name for p in declared[notebook.stem]}
        values = {k: v for k, v in overrides.items() if k in names}
        values.update(per_notebook.get(notebook.stem, {}))
        digest = sha256_file(notebook)
        if sweep:
            variants = sweep_module.expand(notebook, sweep, values, check)
            for name, _, resolved in variants:
                plan = _planned(name, notebook, digest, resolved, keys, previous.get(name))
                plan.variant_of = notebook.stem
                if not force:
                    _reuse_variant(plan, keys, latest, previous, rerender, pages_key, older)
                plans.append(plan)
            axes = [name for name, _ in sweep]
            record = sweep_module.record(notebook.stem, axes, [v[:2] for v in variants])
            sweeps.append({**record, **_measures(config, notebook.stem)})
            continue
        resolved = params_module.resolve(notebook, values, check)
        latest_record = previous.get(notebook.stem)
        plan = _planned(notebook.stem, notebook, digest, resolved, keys, latest_record)
        if not force and latest is not None and _matches(latest_record, plan, keys):
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
    result = BuildPlan(config, plans, out, versions, inputs, pages_key, latest, published,
                       sweeps, published_sweeps, keys)  # fmt: skip
    result.input_records = _input_records(result)
    result.same_inputs = build.get("inputs") == result.input_records
    return result


def _input_records(plan: BuildPlan) -> list[dict[str, str]]:
    """`{"path", "sha256"}` of every input and notebook source in the project, by path."""
    root = plan.config.root
    known = {} if plan.keys is None else dict(plan.keys.data)
    sources = {nb.source for nb in plan.notebooks if inside(nb.source, root)}
    paths = {relative(p, root): p for p in [*plan.inputs, *sources]}
    return [
        {"path": name, "sha256": known.get(name) or sha256_file(path)}
        for name, path in sorted(paths.items())
    ]


def build_record(plan: BuildPlan, staging: Path) -> dict[str, Any]:
    """The manifest's `build` part before outputs: it depends on the inputs only.

    Each notebook (a sweep's variant names its notebook in `variant_of`) with its
    parameters, key, the data files it read (`reads`, when known) and files in the run
    folder `staging`; the data files the keys may hash (`data_inputs`); the run's `sweeps`.
    """
    root = plan.config.root
    build: dict[str, Any] = environment_record(plan.versions, plan.config.distribution, root)
    build["inputs"] = plan.input_records or _input_records(plan)
    if plan.keys is not None and plan.keys.data:
        build["data_inputs"] = sorted(plan.keys.data)
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
            **({"reads": nb.reads} if nb.reads is not None else {}),
        }
        for nb in plan.notebooks
    ]
    if plan.sweeps:
        build["sweeps"] = plan.sweeps
    return build


def _planned(
    name: str,
    source: Path,
    digest: str,
    parameters: dict[str, Any],
    keys: ExecutionInputs,
    record: Mapping[str, Any] | None,
) -> NotebookPlan:
    """A notebook's plan, keyed by the reads its latest run recorded (if it has one)."""
    reads = recorded_reads(record) if record is not None else None
    key = keys.key(digest, parameters, reads)
    return NotebookPlan(name, source, parameters, key, reads=reads, source_sha256=digest)


def _matches(record: Mapping[str, Any] | None, plan: NotebookPlan, keys: ExecutionInputs) -> bool:
    """Whether a run's record of a notebook has the key the plan's inputs give, by its reads."""
    if record is None:
        return False
    reads = recorded_reads(record)
    return record["key"] == keys.key(plan.source_sha256, plan.parameters, reads)


def _reuse_variant(
    plan: NotebookPlan,
    keys: ExecutionInputs,
    latest: Path | None,
    previous: Mapping[str, Mapping[str, Any]],
    rerender: bool,
    pages: str,
    older: sweep_module.OlderRuns,
) -> None:
    """Reuse a variant from the latest run, else from the newest older run that has it."""
    record = previous.get(plan.name)
    if latest is not None and _matches(record, plan, keys):
        plan.reuse_from, plan.rerender = latest / plan.name, rerender
        return
    found = older.find(plan.name, lambda record: _matches(record, plan, keys))
    if found is not None:
        folder, render, record = found
        plan.reuse_from, plan.rerender = folder, render != pages
        plan.reads, plan.key = recorded_reads(record), str(record["key"])


def _measures(config: BuildConfig, notebook: str) -> dict[str, Any]:
    """What the configuration says a sweep of `notebook` compares (`sweep-measures`), if any."""
    measures = config.measures(notebook)
    return {"measures": list(measures)} if measures else {}


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
                            variant_of=variant_of, reads=recorded_reads(record))  # fmt: skip
        plan.reuse_from, plan.rerender = latest / name, rerender
        kept.append(plan)
    return kept


def _previous_records(latest: Path | None, build: Mapping[str, Any]) -> dict[str, Any]:
    """The latest run's records of the notebooks whose outputs are still there to reuse."""
    notebooks = build.get("notebooks", [])
    return {nb["name"]: nb for nb in notebooks if latest and (latest / nb["name"]).is_dir()}
