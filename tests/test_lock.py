"""The lock pins every package, agrees with pyproject.toml, and is what the reports run on."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from analysis.builder.manifest import package_versions
from analysis.cli import project_config
from analysis.paths import PROJECT_DIR

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)")


def _pins() -> dict[str, str]:
    text = (PROJECT_DIR / "requirements.lock").read_text(encoding="utf-8")
    pins = {}
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = project["project"]["dependencies"]
    for extra in project["project"]["optional-dependencies"].values():
        requirements += extra
    return [Requirement(text) for text in requirements]


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    pins = _pins()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is in pyproject.toml but not in the lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"lock pins {name}=={pins[name]}, outside pyproject's {requirement.specifier}:"
            " regenerate the lock (see README)"
        )


def test_lock_pins_exact_versions_only() -> None:
    text = (PROJECT_DIR / "requirements.lock").read_text(encoding="utf-8")
    requirement_lines = [
        line for line in text.splitlines() if line and not line.startswith(("#", " "))
    ]
    assert requirement_lines
    assert all(PIN.match(line) for line in requirement_lines), "every line must be name==version"


def test_the_environment_and_the_manifest_match_the_lock() -> None:
    pins = _pins()
    versions = package_versions(project_config().distribution)
    assert versions, "the dependency closure should not be empty"
    mismatched = {
        name: (version, pins.get(name))
        for name, version in versions.items()
        if pins.get(name) != version
    }
    assert not mismatched, f"installed versions differ from the lock: {mismatched}"


def test_the_closure_holds_the_runtime_dependencies_and_not_the_extras() -> None:
    from importlib import metadata

    versions = package_versions(project_config().distribution)
    assert versions == {name: metadata.version(name) for name in versions}
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = {canonicalize_name(Requirement(t).name) for t in project["project"]["dependencies"]}
    assert runtime <= set(versions), runtime - set(versions)
    # Only the test and dask extras (or nothing) bring these: their markers name an extra.
    assert not {"pytest", "ruff", "mypy", "import-linter", "distributed"} & set(versions)
    for name in versions:  # closed: what each member needs here is a member too
        for requirement in map(Requirement, metadata.requires(name) or []):
            needed = canonicalize_name(requirement.name)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            assert needed in versions or needed == "csto-analysis", f"{name} needs {needed}"
