"""The build's configuration: folders, page template, kernel preloads, key sources and hooks.

The build names nothing of the project it builds. What it must know comes from a table of
`pyproject.toml` (the command line chooses which one) read into a frozen `BuildConfig`::

    [tool.NAME]
    notebooks = "notebooks"                    # the notebooks to build
    reports = "reports"                        # where runs are published
    template-dirs = ["pkg/site/templates"]     # nbconvert template folders
    page-template = "page"                     # the page template's name among them
    preload = ["pandas", "pkg.charts"]         # modules a kernel template imports once
    warm-up = ["pkg.charts:warm_up"]           # functions it then calls once (fill caches)
    execution-sources = ["pkg/data", "seeds"]  # what a notebook's execution key hashes
    data-sources = ["pkg/data/package", "seeds"]  # of those, data: hashed if the kernel read it
    render-sources = ["pkg/site"]              # what the pages' render key hashes
    public-url = "https://example.org/report/" # where a run's folder is published, or ""

    [tool.NAME.sweep-measures]                 # what a sweep's page compares, per notebook:
    "01_report" = ["pkg.site:measure"]         # names the site's hook understands (the build
                                               # only records them with the sweep)

    [tool.NAME.hooks]
    check-parameters = "pkg.rules:check"       # (values, where) -> None, raises on a bad value
    validate = "pkg.data:validated_env"        # (stamps_dir) -> {VAR: value} for every kernel
    write-site = "pkg.site:write_site"         # (run_dir, build_record) -> [paths]
    render-markdown = "pkg.site:markdown"      # (text) -> safe HTML, for the notebook pages
    warm-site = "pkg.site:warm_up"             # (previous_run) -> None, ahead (fill caches)

Paths are relative to the folder of `pyproject.toml`. `public-url` is the address at which a
run's folder is read (its `index.html` is `public-url` + `index.html`), for pages that must
give absolute addresses; the variable `REPORT_PUBLIC_URL` overrides it for one build
(`with_environment`; empty: none). Only the standard library is imported.
"""

from __future__ import annotations

import dataclasses
import importlib
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from analysis.errors import ReportError

PUBLIC_URL_ENV = "REPORT_PUBLIC_URL"
"""The variable that overrides `public-url` for one build; set but empty, it means none."""


class ConfigError(ReportError):
    """The build's configuration is missing, malformed or names a hook that cannot load."""

    exit_status = 2


@dataclass(frozen=True)
class BuildConfig:
    """What the build needs to know about the project it builds.

    Attributes
    ----------
    root
        The project's folder (where `pyproject.toml` is); manifests record paths from it.
    distribution
        The project's distribution name; its dependency closure is recorded and keyed.
    notebooks_dir, reports_dir
        Where the notebooks are, and the default reports folder.
    template_dirs, page_template
        nbconvert template folders and the name of the page template among them.
    preload
        Modules the build's kernel template imports once, so forked kernels find them loaded.
    warm_up
        "module:function" names the template calls once after importing `preload`, to fill
        caches (data read, fonts loaded) that every forked kernel inherits.
    execution_sources
        Files and folders whose contents every notebook's execution key hashes: the code its
        kernel imports and the data it reads.
    data_sources
        Files and folders of data a kernel reads: a notebook's execution key hashes only the
        files of these its kernel was recorded reading (inputs.py), or all of them when it
        has no record to trust. They count as execution sources too.
    render_sources
        Files and folders whose contents the render key hashes (the site's code and styles;
        the template folders always count).
    public_url
        The address at which a run's folder is published, ending in "/", or "" for none.
        The render key holds it and the build record passes it to the site (`public_url`).
    sweep_measures
        (notebook, names) pairs: what a sweep of that notebook compares. The build records
        the names with the sweep (`measures`) and knows nothing of what they mean; the
        `write-site` hook does.
    check_parameters, validate, write_site, render_markdown, warm_site
        Hooks as "module:function"; empty when the project has none. Without
        `render_markdown`, the pages use nbconvert's own Markdown renderer, which passes raw
        HTML and any link through: a project whose notebooks show text from untrusted data
        names a renderer that escapes it.
    """

    root: Path
    distribution: str
    notebooks_dir: Path
    reports_dir: Path
    template_dirs: tuple[Path, ...] = ()
    page_template: str = "lab"
    preload: tuple[str, ...] = ()
    warm_up: tuple[str, ...] = ()
    execution_sources: tuple[Path, ...] = ()
    data_sources: tuple[Path, ...] = ()
    render_sources: tuple[Path, ...] = ()
    public_url: str = ""
    sweep_measures: tuple[tuple[str, tuple[str, ...]], ...] = ()
    check_parameters: str = ""
    validate: str = ""
    write_site: str = ""
    render_markdown: str = ""
    warm_site: str = ""

    def hook(self, name: str) -> Callable[..., Any] | None:
        """The function a hook names ("check_parameters", "validate", ...), or None."""
        spec: str = getattr(self, name)
        return load_hook(spec) if spec else None

    def measures(self, notebook: str) -> tuple[str, ...]:
        """What a sweep of `notebook` compares (`sweep-measures`); () when nothing is said."""
        return dict(self.sweep_measures).get(notebook, ())

    def display(self, path: Path) -> str:
        """A path relative to the project when it lies inside it, for messages a user reads."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def load_config(pyproject: Path, section: str) -> BuildConfig:
    """Read `[tool.<section>]` of a `pyproject.toml` into a `BuildConfig`.

    Raises
    ------
    ConfigError
        The file cannot be read, the table is missing, or a value has the wrong type.
    """
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{pyproject}: cannot read the build configuration ({error})") from None
    table = document.get("tool", {}).get(section)
    if not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: no [tool.{section}] table")
    root = pyproject.resolve().parent
    where = f"{pyproject} [tool.{section}]"
    hooks = table.get("hooks", {})
    if not isinstance(hooks, dict):
        raise ConfigError(f"{where}: hooks must be a table")
    distribution = table.get("distribution") or document.get("project", {}).get("name", "")

    def paths(key: str) -> tuple[Path, ...]:
        return tuple(root / item for item in _strings(table, key, where))

    return BuildConfig(
        root=root,
        distribution=_string({"distribution": distribution}, "distribution", where),
        notebooks_dir=root / _string(table, "notebooks", where, "notebooks"),
        reports_dir=root / _string(table, "reports", where, "reports"),
        template_dirs=paths("template-dirs"),
        page_template=_string(table, "page-template", where, "lab"),
        preload=_strings(table, "preload", where),
        warm_up=_strings(table, "warm-up", where),
        execution_sources=paths("execution-sources"),
        data_sources=paths("data-sources"),
        render_sources=paths("render-sources"),
        public_url=public_address(table.get("public-url", ""), f"{where}: public-url"),
        sweep_measures=_measures(table, where),
        check_parameters=_hook_spec(hooks, "check-parameters", where),
        validate=_hook_spec(hooks, "validate", where),
        write_site=_hook_spec(hooks, "write-site", where),
        render_markdown=_hook_spec(hooks, "render-markdown", where),
        warm_site=_hook_spec(hooks, "warm-site", where),
    )


def with_environment(config: BuildConfig, environ: Mapping[str, str]) -> BuildConfig:
    """`config` with what the environment overrides for one build: `REPORT_PUBLIC_URL`.

    Raises
    ------
    ConfigError
        The variable holds something other than an http(s) address (or nothing).
    """
    if PUBLIC_URL_ENV not in environ:
        return config
    return dataclasses.replace(
        config, public_url=public_address(environ[PUBLIC_URL_ENV], PUBLIC_URL_ENV)
    )


def public_address(value: Any, where: str) -> str:
    """An http(s) address of a folder, ending in "/"; "" (or only spaces) for none.

    Raises
    ------
    ConfigError
        `value` is not text, not an http(s) address with a host, or has a query or a
        fragment (a folder's address has neither).
    """
    if not isinstance(value, str):
        raise ConfigError(f"{where} must be a string")
    text = value.strip()
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(
            f"{where}: {value!r} is not the http(s) address of a folder, such as "
            "https://example.org/reports/"
        )
    return text if text.endswith("/") else text + "/"


def load_hook(spec: str) -> Callable[..., Any]:
    """The function named by "package.module:function".

    Raises
    ------
    ConfigError
        The module cannot be imported or has no such function.
    """
    module_name, _, attribute = spec.partition(":")
    try:
        function = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise ConfigError(f"hook {spec!r} cannot be loaded ({error})") from None
    if not callable(function):
        raise ConfigError(f"hook {spec!r} is not a function")
    return function


def source_files(sources: Iterable[Path]) -> list[Path]:
    """The files under `sources` (files or folders), sorted, without caches and hidden files."""
    found: set[Path] = set()
    for source in sources:
        if source.is_file():
            found.add(source)
        elif source.is_dir():
            found.update(
                path
                for path in source.rglob("*")
                if path.is_file()
                and "__pycache__" not in path.parts
                and not any(part.startswith(".") for part in path.relative_to(source).parts)
                and path.suffix != ".pyc"
            )
    return sorted(found)


def _string(table: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: {key} must be a non-empty string")
    return value


def _strings(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _measures(table: dict[str, Any], where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    value = table.get("sweep-measures", {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: sweep-measures must be a table of notebook = [names]")
    pairs = []
    for notebook, names in sorted(value.items()):
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise ConfigError(f"{where}: sweep-measures.{notebook} must be a list of strings")
        pairs.append((str(notebook), tuple(names)))
    return tuple(pairs)


def _hook_spec(hooks: dict[str, Any], key: str, where: str) -> str:
    value = hooks.get(key, "")
    if not isinstance(value, str) or (value and ":" not in value):
        raise ConfigError(f'{where}: hooks.{key} must be "module:function"')
    return value
