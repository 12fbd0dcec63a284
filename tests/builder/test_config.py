"""The build's configuration: read from pyproject.toml, hooks loaded, and nothing of the article."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from analysis.builder import config as config_module
from analysis.builder.config import (
    PUBLIC_URL_ENV,
    ConfigError,
    load_config,
    source_files,
    with_environment,
)
from analysis.cli import project_config

BUILD_DIR = Path(config_module.__file__).resolve().parent


def _pyproject(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_table_becomes_a_config_with_paths_from_the_projects_folder(tmp_path: Path) -> None:
    path = _pyproject(tmp_path, """\
[project]
name = "other-article"

[tool.report]
notebooks = "nbs"
template-dirs = ["pkg/templates"]
page-template = "page"
preload = ["json"]
execution-sources = ["pkg/data"]

[tool.report.hooks]
check-parameters = "json:dumps"
""")  # fmt: skip
    config = load_config(path, "report")
    assert config.distribution == "other-article"
    assert config.notebooks_dir == tmp_path / "nbs"
    assert config.reports_dir == tmp_path / "reports"
    assert config.template_dirs == (tmp_path / "pkg" / "templates",)
    assert config.preload == ("json",)
    assert config.hook("check_parameters") is __import__("json").dumps
    assert config.hook("write_site") is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[tool.other]\n", "no [tool.report] table"),
        ("[tool.report]\npreload = 'pandas'\n", "preload must be a list of strings"),
        ("[tool.report.hooks]\nvalidate = 'no_colon'\n", 'must be "module:function"'),
        ("[tool.report\n", "cannot read"),
        ("[tool.report]\nsweep-measures = ['a']\n", "sweep-measures must be a table"),
        ("[tool.report.sweep-measures]\nnb = 'a'\n", "sweep-measures.nb must be a list"),
    ],
)
def test_a_bad_configuration_is_one_line_and_exit_status_2(
    tmp_path: Path, text: str, words: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(words)) as caught:
        load_config(_pyproject(tmp_path, "[project]\nname = 'x'\n" + text), "report")
    assert caught.value.exit_status == 2


def test_a_hook_that_cannot_load_is_named() -> None:
    with pytest.raises(ConfigError, match=r"analysis\.nowhere:check"):
        config_module.load_hook("analysis.nowhere:check")


def test_this_projects_hooks_all_load() -> None:
    config = project_config()
    for hook in ("check_parameters", "validate", "write_site"):
        assert callable(config.hook(hook)), hook


def test_execution_keys_cover_the_kernels_code_and_data_but_not_site_or_build() -> None:
    config = project_config()
    files = {p.relative_to(config.root).as_posix() for p in source_files(config.execution_sources)}
    assert "analysis/facts/factcheck.py" in files
    assert "analysis/presentation/theme.py" in files
    assert "analysis/data/package/claims.csv" in files
    assert any(path.startswith("seeds/") for path in files)
    assert not [path for path in files if path.startswith(("analysis/site/", "analysis/builder/"))]


def test_the_render_key_covers_the_site_and_its_stylesheets() -> None:
    config = project_config()
    files = source_files((*config.template_dirs, *config.render_sources))
    names = {p.relative_to(config.root).as_posix() for p in files}
    assert "analysis/site/pages.py" in names
    assert any(path.endswith(".css") for path in names)
    assert not [path for path in names if path.startswith(("analysis/facts/", "analysis/data/"))]


ARTICLE_WORDS = re.compile(
    r"csto|census|claim|member|countr|kazakh|armenia|russia|tolerance|as_of|verdict", re.I
)


def test_the_build_names_nothing_of_the_article() -> None:
    named = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(BUILD_DIR.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ARTICLE_WORDS.search(line)
    ]
    assert named == []


def test_the_public_url_is_read_as_a_folders_address(tmp_path: Path) -> None:
    base = "[project]\nname = 'x'\n[tool.report]\n"
    assert load_config(_pyproject(tmp_path, base), "report").public_url == ""
    path = _pyproject(tmp_path, base + "public-url = 'https://example.org/runs'\n")
    assert load_config(path, "report").public_url == "https://example.org/runs/"
    assert project_config().public_url.startswith("https://")
    assert project_config().public_url.endswith("/")


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "example.org/runs/", "https://", "https://a.org/?x=1", "3"]
)
def test_a_public_url_that_is_no_folders_address_is_refused(tmp_path: Path, value: str) -> None:
    text = f"[project]\nname = 'x'\n[tool.report]\npublic-url = {value!r}\n".replace("'3'", "3")
    with pytest.raises(ConfigError, match="public-url") as caught:
        load_config(_pyproject(tmp_path, text), "report")
    assert caught.value.exit_status == 2
    assert "\n" not in str(caught.value)


def test_the_environment_overrides_the_public_url_for_one_build() -> None:
    config = project_config()
    assert with_environment(config, {}) is config
    moved = with_environment(config, {PUBLIC_URL_ENV: "http://localhost:8000/r"})
    assert moved.public_url == "http://localhost:8000/r/"
    assert with_environment(config, {PUBLIC_URL_ENV: ""}).public_url == ""
    assert with_environment(config, {PUBLIC_URL_ENV: "  "}).public_url == ""
    with pytest.raises(ConfigError, match=PUBLIC_URL_ENV):
        with_environment(config, {PUBLIC_URL_ENV: "ftp://example.org/"})


def test_another_public_url_is_another_render_key_and_reaches_the_build_record(
    tmp_path: Path,
) -> None:
    from analysis.builder.plan import build_record, plan_build

    config = project_config()
    keys = {}
    for address in ("", "https://a.example/", "https://b.example/"):
        plan = plan_build(dataclasses.replace(config, public_url=address), out=tmp_path)
        keys[address] = plan.render_key
        assert build_record(plan, tmp_path)["public_url"] == address
    assert len(set(keys.values())) == 3


def test_sweep_measures_are_read_per_notebook_and_data_sources_as_paths(tmp_path: Path) -> None:
    text = ("[project]\nname = 'x'\n[tool.report]\ndata-sources = ['pkg/data']\n"
            "[tool.report.sweep-measures]\nnb = ['events', 'turnout']\n")  # fmt: skip
    config = load_config(_pyproject(tmp_path, text), "report")
    assert config.measures("nb") == ("events", "turnout")
    assert config.measures("other") == ()
    assert config.data_sources == (tmp_path / "pkg" / "data",)


def test_this_projects_data_sources_are_execution_sources_too() -> None:
    config = project_config()
    data = set(source_files(config.data_sources))
    assert data
    assert data <= set(source_files(config.execution_sources))
