"""Describe a run folder as an RO-Crate: its inputs, parameters, outputs and notebook executions.

The description comes from the run's build record (the `build` part of `manifest.json`), so
it holds nothing of the clock: identical inputs give identical bytes. Each notebook's
execution is a `CreateAction` (Process Run Crate): the notebook as its instrument, the
shared inputs and its parameters as its object, the files it made as its result; of the
data files (`data_inputs`), a notebook whose reads were recorded names only those it read.
Inputs lie outside the run folder (the checkout's files), so they are local entities
(`#input/<path>`) with their sha256; outputs are the run's own files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from analysis.hashing import sha256_file

CRATE_METADATA = "ro-crate-metadata.json"
"""The crate's metadata file, at the top of the run folder."""

PROCESS_RUN_CRATE = "https://w3id.org/ro/wfrun/process/0.5"
"""The RO-Crate profile for runs of a tool: one CreateAction per execution."""

_FORMATS = {
    ".csv": "text/csv",
    ".html": "text/html",
    ".ipynb": "application/x-ipynb+json",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".py": "text/x-python",
}
"""Media types by suffix, fixed here so that the crate does not depend on the machine's."""

_SKIP = {"manifest.json", CRATE_METADATA}


def write_crate(
    run_dir: Path,
    build: Mapping[str, Any] | None = None,
    *,
    date_published: str | None = None,
    license_id: str | None = None,
) -> Path:
    """Write `ro-crate-metadata.json` into a run folder.

    Parameters
    ----------
    run_dir : Path
        The run folder.
    build : mapping, optional
        The run's build record: `inputs` and `outputs` (path, sha256), `notebooks` (name,
        source, parameters, notebook, page, figures, reads), `data_inputs`, `package`, `python`,
        `package_versions`. Default: the `build` part of the run's `manifest.json`. Without
        `outputs`, the run folder's files are listed and hashed.
    date_published : str, optional
        The crate's ISO date (for example the commit's date); left out when not given,
        never taken from the clock.
    license_id : str, optional
        The license of the run's content, as an SPDX identifier or URL.

    Returns
    -------
    Path
        The metadata file written.
    """
    from rocrate.model.contextentity import ContextEntity
    from rocrate.rocrate import ROCrate

    run_dir = Path(run_dir)
    record = dict(build) if build is not None else _manifest_build(run_dir)
    crate = ROCrate()
    root = crate.root_dataset
    root.properties().pop("datePublished", None)
    package = record.get("package") or {}
    name, version = str(package.get("name", "package")), str(package.get("version", ""))
    root["name"] = f"A run of {name} {version}".strip()
    root["description"] = (
        f"The notebooks of {name} executed with their parameters, and the files they made."
    )
    root["conformsTo"] = {"@id": PROCESS_RUN_CRATE}
    if date_published:
        root["datePublished"] = date_published
    if license_id:
        root["license"] = license_id

    def context(ident: str, properties: dict[str, Any]) -> Any:
        return crate.add(ContextEntity(crate, ident, properties=properties))

    context(
        PROCESS_RUN_CRATE, {"@type": "CreativeWork", "name": "Process Run Crate", "version": "0.5"}
    )
    software = context(
        "#software", {"@type": "SoftwareApplication", "name": name, "version": version}
    )
    software["softwareRequirements"] = [
        context(f"#package/{pkg}", {"@type": "SoftwareApplication", "name": pkg, "version": ver})
        for pkg, ver in sorted((record.get("package_versions") or {}).items())
    ] + [context("#python", {"@type": "SoftwareApplication", "name": "Python",
                             "version": str(record.get("python", ""))})]  # fmt: skip
    notebooks = [nb for nb in record.get("notebooks") or [] if isinstance(nb, dict)]
    sources = {str(nb.get("source")) for nb in notebooks}
    data = {str(path) for path in record.get("data_inputs") or []}
    inputs = {
        str(r["path"]): context(
            f"#input/{r['path']}",
            {"@type": "File", "name": str(r["path"]), "sha256": str(r.get("sha256")),
             **_format(str(r["path"]))},
        )
        for r in record.get("inputs") or []
    }  # fmt: skip
    outputs = {
        path: crate.add_file(
            dest_path=path, properties={"name": path, "sha256": digest, **_format(path)}
        )
        for path, digest in _outputs(run_dir, record)
    }
    for nb in notebooks:
        nb_name = str(nb["name"])
        source = str(nb.get("source"))
        instrument = inputs.get(source) or context(
            f"#input/{source}", {"@type": "File", "name": source, **_format(source)}
        )
        parameters = [
            context(
                f"#parameter/{nb_name}/{key}",
                {"@type": "PropertyValue", "name": key, "value": _value(value)},
            )
            for key, value in sorted((nb.get("parameters") or {}).items())
        ]
        reads = nb.get("reads")
        unread = data - set(reads) if isinstance(reads, list) else set()
        shared = [
            entity
            for path, entity in sorted(inputs.items())
            if path not in sources and path not in unread
        ]
        result = [
            entity for path, entity in sorted(outputs.items()) if path.startswith(f"{nb_name}/")
        ]
        action = crate.add_action(
            instrument,
            identifier=f"#execution/{nb_name}",
            object=shared + parameters,
            result=result,
            properties={"@type": "CreateAction", "name": f"Execute {nb_name}"},
        )
        action["agent"] = software
    path = run_dir / CRATE_METADATA
    crate.metadata.write(run_dir)
    return path


def _manifest_build(run_dir: Path) -> dict[str, Any]:
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    return dict(manifest["build"])


def _outputs(run_dir: Path, record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(path, sha256) of each output: the record's list, or the run folder's files."""
    listed = record.get("outputs")
    if listed:
        pairs = [(str(r["path"]), str(r.get("sha256"))) for r in listed]
    else:
        pairs = [
            (p.relative_to(run_dir).as_posix(), sha256_file(p))
            for p in run_dir.rglob("*")
            if p.is_file()
        ]
    return sorted((path, digest) for path, digest in pairs if path not in _SKIP)


def _format(path: str) -> dict[str, str]:
    media = _FORMATS.get(Path(path).suffix)
    return {"encodingFormat": media} if media else {}


def _value(value: Any) -> Any:
    """A parameter's value as JSON-LD takes it: scalars as they are, the rest as JSON text."""
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
