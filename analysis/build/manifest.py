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

from analysis.hashing import sha256_file, sha256_text
from analysis.paths import DATA_DIR, PACKAGE_DIR, PROJECT_DIR, SEED_PATH

DISTRIBUTION = "csto-analysis"
MANIFEST_NAME = "manifest.json"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def shared_inputs() -> list[Path]:
    """Files every notebook depends on: the data package, the seed and the library's source."""
    library = [
        path
        for path in PACKAGE_DIR.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.suffix in {".py", ".j2", ".json", ".css", ".csv", ".tpl", ".typed"}
    ]
    return sorted({*DATA_DIR.glob("*"), SEED_PATH, *library})


def relative(path: Path) -> str:
    """A path relative to the checkout, in POSIX form, as manifests record it."""
    return path.resolve().relative_to(PROJECT_DIR).as_posix()


def hashed(paths: Iterable[Path], root: Path) -> list[dict[str, str]]:
    """`{"path", "sha256"}` records for files, paths relative to `root`, sorted by path."""
    records = [
        {"path": path.relative_to(root).as_posix(), "sha256": sha256_file(path)} for path in paths
    ]
    return sorted(records, key=lambda record: record["path"])


def package_versions(distribution: str = DISTRIBUTION) -> dict[str, str]:
    """Versions of every installed package the library runs on: its dependency closure."""
    versions: dict[str, str] = {}
    pending = [distribution]
    while pending:
        name = _canonical(pending.pop())
        if name in versions:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        versions[name] = dist.version
        for requirement in dist.requires or []:
            if "extra ==" in requirement or "extra==" in requirement:
                continue
            if ";" in requirement and not _marker_holds(requirement.split(";", 1)[1]):
                continue
            match = _NAME.match(requirement.strip())
            if match:
                pending.append(match.group(0))
    versions.pop(distribution, None)
    return dict(sorted(versions.items()))


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _marker_holds(marker: str) -> bool:
    from packaging.markers import Marker

    try:
        return bool(Marker(marker.strip()).evaluate({"extra": ""}))
    except Exception:  # an unparsable marker: count the requirement rather than drop it
        return True


def git_state() -> dict[str, Any]:
    """The checkout's commit and whether it has uncommitted changes; None when not a repo."""
    if not (PROJECT_DIR / ".git").exists():
        return {"commit": None, "dirty": None}
    try:
        commit = _git("rev-parse", "HEAD")
        dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": dirty}


def _git(*args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(PROJECT_DIR), *args], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def environment_record(versions: Mapping[str, str]) -> dict[str, Any]:
    """The part of the build record that describes the software."""
    return {
        "package": {"name": DISTRIBUTION, "version": metadata.version(DISTRIBUTION)},
        "python": platform.python_version(),
        "package_versions": dict(versions),
        "git": git_state(),
    }


def notebook_key(
    notebook_sha256: str, parameters: Mapping[str, Any], shared: str, versions: Mapping[str, str]
) -> str:
    """The hash of everything a notebook's outputs depend on: equal keys, equal outputs."""
    payload = {
        "notebook": notebook_sha256,
        "parameters": parameters,
        "shared": shared,
        "versions": versions,
        "python": platform.python_version(),
    }
    return sha256_text(canonical_json(payload))


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no insignificant whitespace: the same value, the same text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def write_manifest(path: Path, manifest: Mapping[str, Any]) -> None:
    """Write a manifest as indented, key-sorted UTF-8 JSON ending in a newline."""
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def read_manifest(run_dir: Path) -> dict[str, Any] | None:
    """A run's manifest, or None when it has none or it cannot be read."""
    try:
        result: dict[str, Any] = json.loads((run_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return result
