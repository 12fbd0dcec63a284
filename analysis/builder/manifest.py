"""What a run was made from and what it made: inputs, versions and outputs with their hashes.

A manifest has two parts. `build` depends only on the inputs, so two runs with the same
inputs have equal `build` parts; `run` holds what differs from run to run (id, times,
durations, what was reused).
"""

from __future__ import annotations

import json
import platform
import re
import subprocess
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from analysis.hashing import fingerprint, sha256_file, sha256_text

MANIFEST_NAME = "manifest.json"
_RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._,=~-]*")
"""A notebook's name in a run: its stem, or a sweep's variant (`STEM~NAME=VALUE`); no `/`."""
_HERE = Path(__file__).resolve().parent

EXECUTION_CODE = (_HERE / "determinism.py",)
"""The build's own code that shapes an executed notebook's bytes: part of its execution key."""

RENDER_CODE = (_HERE / "render.py", _HERE.parent / "headings.py")
"""The build's own code that shapes a page's bytes: part of the render key."""


def relative(path: Path, root: Path) -> str:
    """A path relative to the project, in POSIX form, as manifests record it."""
    return path.resolve().relative_to(root).as_posix()


def inside(path: Path, root: Path) -> bool:
    """Whether `path` lies inside the project folder `root`."""
    return path.resolve().is_relative_to(root)


def sources_key(files: Iterable[Path], root: Path, own_code: Iterable[Path] = ()) -> str:
    """One hash over the project files `files` (by path and content) and the build's `own_code`."""
    own = {path.name: sha256_file(path) for path in own_code}
    return sha256_text(canonical_json({"files": fingerprint(files, root), "build": own}))


def hashed(paths: Iterable[Path], root: Path) -> list[dict[str, str]]:
    """`{"path", "sha256"}` records for files, paths relative to `root`, sorted by path."""
    records = [
        {"path": path.relative_to(root).as_posix(), "sha256": sha256_file(path)} for path in paths
    ]
    return sorted(records, key=lambda record: record["path"])


def package_versions(distribution: str) -> dict[str, str]:
    """Versions of every installed package the library runs on: its dependency closure.

    Parameters
    ----------
    distribution : str
        The project's own distribution, as its `pyproject.toml` names it.

    Returns
    -------
    dict[str, str]
        Canonical name -> version of each installed distribution `distribution` requires,
        directly or not, sorted by name; `distribution` itself is left out. A requirement
        whose marker does not hold here is not followed, nor one needed only by an extra;
        one that is not installed is skipped.
    """
    versions: dict[str, str] = {}
    pending = [distribution]
    while pending:
        name = canonicalize_name(pending.pop())
        if name in versions:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        versions[name] = dist.version
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    versions.pop(canonicalize_name(distribution), None)
    return dict(sorted(versions.items()))


def git_state(root: Path) -> dict[str, Any]:
    """The checkout's commit and whether it has uncommitted changes; None when not a repo."""
    if not (root / ".git").exists():
        return {"commit": None, "dirty": None}
    try:
        commit = _git(root, "rev-parse", "HEAD")
        dirty = bool(_git(root, "status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": dirty}


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def environment_record(
    versions: Mapping[str, str], distribution: str, root: Path
) -> dict[str, Any]:
    """The part of the build record that describes the software."""
    return {
        "package": {"name": distribution, "version": metadata.version(distribution)},
        "python": platform.python_version(),
        "package_versions": dict(versions),
        "git": git_state(root),
    }


def notebook_key(
    notebook_sha256: str,
    parameters: Mapping[str, Any],
    shared: str,
    versions: Mapping[str, str],
    data: Mapping[str, str | None] | None = None,
) -> str:
    """The hash of everything an executed notebook depends on: equal keys, equal outputs.

    `shared` is the `sources_key` of the execution sources (library code the kernel
    imports, and the data and seed when `data` is None) and of the build's execution code.
    `data` holds the sha256 of each data file the notebook read, by path (inputs.py).
    """
    payload: dict[str, Any] = {
        "notebook": notebook_sha256,
        "parameters": parameters,
        "shared": shared,
        "versions": versions,
        "python": platform.python_version(),
    }
    if data is not None:
        payload["data"] = dict(data)
    return sha256_text(canonical_json(payload))


def render_key(sources: str, versions: Mapping[str, str], public_url: str = "") -> str:
    """The hash of everything a page depends on besides its executed notebook.

    `sources` is the `sources_key` of the template folders, the render sources (the site's
    code and styles) and the build's render code; `public_url` is the address the run is
    published at (pages may give absolute addresses from it), "" for none.
    """
    payload = {
        "sources": sources,
        "versions": versions,
        "python": platform.python_version(),
        "public_url": public_url,
    }
    return sha256_text(canonical_json(payload))


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no insignificant whitespace: the same value, the same text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def write_manifest(path: Path, manifest: Mapping[str, Any]) -> None:
    """Write a manifest as indented, key-sorted UTF-8 JSON ending in a newline."""
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


MANIFEST_MAX_BYTES = 64 * 1024 * 1024
"""The largest manifest read; a real one is a few hundred kilobytes at most."""


def read_manifest(run_dir: Path) -> dict[str, Any] | None:
    """A run's manifest, or None when it has none or it cannot be read as one.

    Read as one means: a JSON object whose `build` is an object, and whose
    `build.notebooks`, if present, is a list of objects each with a plain `name` (no
    folder), a `key` and a `parameters` object.
    """
    path = run_dir / MANIFEST_NAME
    try:
        if not path.is_file() or path.stat().st_size > MANIFEST_MAX_BYTES:
            return None
        result = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return result if _well_formed(result) else None


def _well_formed(manifest: Any) -> bool:
    if not isinstance(manifest, dict) or not isinstance(manifest.get("build"), dict):
        return False
    notebooks = manifest["build"].get("notebooks", [])
    return isinstance(notebooks, list) and all(
        isinstance(nb, dict)
        and isinstance(nb.get("name"), str)
        and _RUN_NAME.fullmatch(nb["name"]) is not None
        and isinstance(nb.get("key"), str)
        and isinstance(nb.get("parameters", {}), dict)
        for nb in notebooks
    )
