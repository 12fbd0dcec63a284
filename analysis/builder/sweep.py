"""Sweeps: one notebook run once per combination of parameter values, each a notebook of its own.

`--sweep NAME=V1,V2,...` (repeatable) gives the values of one parameter; the variants are the
product of the values, in the order given. Every value is converted and checked by the same
rules as `-p NAME=VALUE` before anything is written. A variant is named after its notebook
and its swept values, `STEM~NAME=VALUE[~NAME=VALUE...]`, e.g. `report~rate=0.5`: a
deterministic name that is a safe folder and URL path segment, so that the same values give
the same folder, and the build's reuse by name and execution key makes a sweep incremental.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.builder import params as params_module
from analysis.builder.manifest import canonical_json, read_manifest
from analysis.builder.options import MAX_VARIANTS
from analysis.errors import ParameterError, suggestion
from analysis.hashing import sha256_text

MARK = "~"
"""Separates a variant's notebook and its NAME=VALUE parts; never in a notebook's stem here."""

MAX_NAME = 120
"""The longest variant name kept whole; a longer one is cut and ends in a hash of its values."""

_SAFE = re.compile(r"[^A-Za-z0-9._,=-]")
"""Characters replaced in a value's part of a name (they would need escaping in a URL)."""

Axis = tuple[str, Sequence[Any]]
"""One `--sweep`: a parameter's name and its values (text from the command line, or data)."""


def parse_sweep(text: str) -> Axis:
    """`NAME=V1,V2,...` as (name, [values as text]); commas inside [...], {...} or quotes stay.

    Raises
    ------
    analysis.errors.ParameterError
        Not `NAME=VALUES`, an empty value, or unbalanced brackets or quotes.
    """
    name, sep, rest = text.partition("=")
    if not sep or not name.strip() or not rest.strip():
        raise ParameterError(f"--sweep {text!r}: expected NAME=V1,V2,...")
    values: list[str] = []
    depth, quote, start = 0, "", 0
    for index, char in enumerate(rest):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            values.append(rest[start:index])
            start = index + 1
    values.append(rest[start:])
    if depth or quote:
        raise ParameterError(f"--sweep {text!r}: unbalanced brackets or quotes")
    if any(not value.strip() for value in values):
        raise ParameterError(f"--sweep {text!r}: an empty value (V1,,V2 or a trailing comma)")
    return name.strip(), [value.strip() for value in values]


def expand(
    notebook: Path,
    axes: Sequence[Axis],
    fixed: Mapping[str, Any],
    check: params_module.CheckParameters | None,
) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """The variants of a sweep: (name, swept values, every parameter), in product order.

    `fixed` holds the values given by `-p` or a params file, the same for every variant.
    Each variant's full parameter set is resolved and checked like any build's.

    Raises
    ------
    analysis.errors.ParameterError
        One line: an unknown or twice-swept parameter, one also given by `-p`, a value
        given twice, more than `MAX_VARIANTS` variants, or a value the parameter's type
        or domain refuses (naming the parameter, the value and the variant).
    """
    stem = notebook.stem
    declared = {p.name: p for p in params_module.notebook_parameters(notebook)}
    converted: list[tuple[str, list[Any]]] = []
    for name, values in axes:
        if name not in declared:
            raise ParameterError(
                f"--sweep: {stem} has no parameter {name!r}{suggestion(name, declared)}"
            )
        if name in (axis for axis, _ in converted):
            raise ParameterError(f"--sweep: {name} is swept twice; give its values once")
        if name in fixed:
            raise ParameterError(f"--sweep: {name} is also set by -p or a params file")
        if not values:
            raise ParameterError(f"--sweep: {name} has no values")
        typed = []
        for value in values:
            where = f"{stem}, variant {name}={_shown(value)}"
            typed.append(params_module.convert(declared[name], value, where))
        for index, value in enumerate(typed):
            if value in typed[:index]:
                raise ParameterError(f"--sweep: {name} has the value {_shown(value)} twice")
        converted.append((name, typed))
    count = 1
    for _, values in converted:
        count *= len(values)
    if count > MAX_VARIANTS:
        raise ParameterError(f"--sweep: {count} variants; at most {MAX_VARIANTS} in one build")
    variants = []
    names = [name for name, _ in converted]
    for combination in itertools.product(*(values for _, values in converted)):
        swept = dict(zip(names, combination, strict=True))
        label = ", ".join(f"{name}={_shown(value)}" for name, value in swept.items())
        resolved = params_module.resolve(
            notebook, {**fixed, **swept}, check, where=f"{stem}, variant {label}"
        )
        variants.append((variant_name(stem, swept), swept, resolved))
    return variants


def variant_name(stem: str, swept: Mapping[str, Any]) -> str:
    """`STEM~NAME=VALUE...`: letters, digits and `._,=~-` only, at most about `MAX_NAME` long.

    A float is written as Python writes it, without a trailing `.0` (`0`, `0.5`), a bool
    as true/false, a list as its items joined by commas. A value with other characters
    has them replaced by `_`, and the name then ends in `~` and eight hex digits of the
    values' hash, so that two variants never share a name.
    """
    parts = [f"{_SAFE.sub('_', name)}={_text(value)}" for name, value in swept.items()]
    safe = [_SAFE.sub("_", part) for part in parts]
    name = MARK.join([stem, *safe])
    if safe != parts or len(name) > MAX_NAME:
        digest = sha256_text(canonical_json(dict(swept)))[:8]
        name = f"{name[:MAX_NAME]}{MARK}{digest}"
    return name


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, list):
        return ",".join(_text(item) for item in value)
    if isinstance(value, dict):
        return canonical_json(value)
    return str(value)


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else canonical_json(value)


class OlderRuns:
    """The published runs under `out` besides `skip` (the latest), newest first, for reuse.

    So a sweep reuses what an older kept run executed, after a build in between dropped it.
    Each run's manifest is read once, when a variant is first looked for, and indexed by
    notebook name: a sweep of a hundred variants reads each older run once, not a hundred
    times.
    """

    def __init__(self, out: Path, skip: Path | None) -> None:
        self.out = out
        self.skip = skip
        self._index: list[tuple[Path, str, dict[str, list[Mapping[str, Any]]]]] | None = None

    def find(
        self, name: str, matches: Callable[[Mapping[str, Any]], bool]
    ) -> tuple[Path, str, Mapping[str, Any]] | None:
        """The newest run holding variant `name` with a record that `matches`: its folder
        of the variant, its render key and that record; None when no run has it."""
        for run, render_key, by_name in self._runs():
            for record in by_name.get(name, []):
                if matches(record) and (run / name).is_dir():
                    return run / name, render_key, record
        return None

    def _runs(self) -> list[tuple[Path, str, dict[str, list[Mapping[str, Any]]]]]:
        if self._index is None:
            self._index = []
            if self.out.is_dir():
                runs = sorted(
                    (p for p in self.out.iterdir() if p.is_dir() and not p.is_symlink()),
                    key=lambda path: path.name,
                    reverse=True,
                )
                for run in runs:
                    if run == self.skip:
                        continue
                    build = (read_manifest(run) or {}).get("build", {})
                    by_name: dict[str, list[Mapping[str, Any]]] = {}
                    for record in build.get("notebooks", []):
                        by_name.setdefault(record["name"], []).append(record)
                    self._index.append((run, str(build.get("render_key")), by_name))
        return self._index


def record(
    notebook: str, names: Sequence[str], variants: Sequence[tuple[str, Any]]
) -> dict[str, Any]:
    """A sweep as the manifest's build record keeps it: notebook, swept names, variants.

    `variants` holds (name, swept values); each variant's folder is its name, its page
    `NAME/NAME.html`.
    """
    return {
        "notebook": notebook,
        "names": list(names),
        "variants": [
            {"name": name, "values": dict(values), "folder": name, "page": f"{name}/{name}.html"}
            for name, values in variants
        ],
    }
