"""Read a notebook's typed parameters cell and convert values to the declared types.

Generic: names, types, plain data. What a value means (its domain) is checked by the
project's `check-parameters` hook, which `resolve` calls. Everything here is cheap (json,
ast): a scheduled run refuses a bad parameter without importing pandas or the Jupyter stack.
That is why the cell is not read by `papermill.inspect_notebook`: importing papermill would
cost every build, one with nothing to do included, 0.4-1.4 s. A test checks that both read
the same names, types, defaults and help from every notebook.
"""

from __future__ import annotations

import ast
import io
import json
import math
import tokenize
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.errors import ParameterError, suggestion

TYPES: dict[str, type | tuple[type, ...]] = {
    "int": int,
    "float": (int, float),
    "bool": bool,
    "str": str,
    "list": list,
    "dict": dict,
}
"""Types a parameters cell may declare, and the Python values each accepts."""


@dataclass(frozen=True)
class Parameter:
    """One line of a parameters cell: `name: type = default  # help`."""

    name: str
    type: str
    default: Any
    help: str

    def line(self) -> str:
        """The declaration as a parameters cell writes it, e.g. `start_year: int = 1989  # ...`."""
        if isinstance(self.default, list | dict | str):
            literal = json.dumps(self.default, ensure_ascii=False)
        else:
            literal = repr(self.default)
        return f"{self.name}: {self.type} = {literal}  # {self.help}"


def notebook_parameters(notebook: Path, where: str | None = None) -> list[Parameter]:
    """The parameters a notebook declares, in order, from its cell tagged `parameters`.

    `where` names the notebook in messages (default: its path).

    Raises
    ------
    analysis.errors.ParameterError
        The notebook cannot be read, has no or several parameters cells, or a line is
        not in papermill's typed form with a literal default.
    """
    where = where or str(notebook)
    try:
        document = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ParameterError(f"{where}: cannot read the notebook ({error})") from error
    cells = [
        cell
        for cell in document.get("cells", [])
        if "parameters" in cell.get("metadata", {}).get("tags", [])
    ]
    if len(cells) != 1:
        raise ParameterError(
            f"{where}: needs exactly one cell tagged 'parameters', has {len(cells)}"
        )
    source = cells[0]["source"]
    source = "".join(source) if isinstance(source, list) else source
    return _parse_cell(source, where)


def _parse_cell(source: str, where: str) -> list[Parameter]:
    try:
        comments = {
            token.start[0]: token.string.lstrip("#").strip()
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type == tokenize.COMMENT
        }
        body = ast.parse(source).body
    except (SyntaxError, tokenize.TokenError) as error:
        line = error.lineno if isinstance(error, SyntaxError) else error.args[1][0]
        line = min(line or 1, max(len(source.splitlines()), 1))  # an unclosed bracket: EOF
        message = error.msg if isinstance(error, SyntaxError) else error.args[0]
        raise ParameterError(
            f"{where}: parameters cell line {line} is not Python ({message})"
        ) from error
    parameters = []
    for node in body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
            raise ParameterError(
                f"{where}: parameters cell line {node.lineno} is not `name: type = default  # help`"
            )
        kind = ast.unparse(node.annotation)
        if kind not in TYPES or node.value is None:
            raise ParameterError(
                f"{where}: parameter {node.target.id} needs a type among "
                f"{', '.join(TYPES)} and a default"
            )
        try:
            default = ast.literal_eval(node.value)
        except ValueError as error:
            raise ParameterError(
                f"{where}: the default of {node.target.id} is not a literal value"
            ) from error
        parameters.append(Parameter(node.target.id, kind, default, comments.get(node.lineno, "")))
    return parameters


def convert(parameter: Parameter, value: Any, where: str) -> Any:
    """A value converted to the parameter's declared type; text from `-p` is parsed.

    A list or dict takes a YAML/JSON list or mapping, a bool true/false/yes/no/1/0.
    Values are plain data (str, int, float, bool, lists and dicts of them), so that
    papermill writes them into the notebook as literals, never as code.
    """
    if isinstance(value, str) and parameter.type != "str":
        value = _parse_text(parameter, value, where)
    # True is an int to Python, not to a researcher.
    numeric_bool = parameter.type in ("int", "float") and isinstance(value, bool)
    if numeric_bool or not isinstance(value, TYPES[parameter.type]):
        raise ParameterError(
            f"{where}: {parameter.name} must be {_article(parameter.type)}, not {value!r}"
        )
    if isinstance(value, int) and parameter.type == "float":
        value = float(value)
    _check_plain(parameter, value, where)
    return value


def _parse_text(parameter: Parameter, text: str, where: str) -> Any:
    problem = f"{where}: {parameter.name} must be {_article(parameter.type)}, not {text!r}"
    if parameter.type == "int":
        try:
            return int(text.strip())
        except ValueError:
            raise ParameterError(problem) from None
    if parameter.type == "float":
        try:
            return float(text.strip())
        except ValueError:
            raise ParameterError(problem) from None
    if parameter.type == "bool":
        truth = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
        if text.strip().lower() not in truth:
            raise ParameterError(problem + " (use true or false)")
        return truth[text.strip().lower()]
    try:
        return load_yaml(text, f"{where}: {parameter.name}")
    except ParameterError:
        raise ParameterError(problem + " (give a YAML or JSON list, e.g. [a, b])") from None


PARAMS_FILE_MAX_BYTES = 64 * 1024
"""The largest params file read: a few lines of NAME: VALUE are far below it."""


def load_yaml(text: str, where: str) -> Any:
    """Plain YAML data from `text`; aliases (`&a` ... `*a`) are refused, so no value expands.

    Raises
    ------
    analysis.errors.ParameterError
        One line naming `where`: not YAML, or an alias.
    """
    import yaml

    class _NoAliases(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise ParameterError(f"{where}: YAML aliases (*name) are not accepted")
            return super().compose_node(parent, index)

    try:
        return yaml.load(text, Loader=_NoAliases)  # a SafeLoader, without aliases
    except yaml.YAMLError as error:
        raise ParameterError(f"{where}: not YAML ({' '.join(str(error).split())})") from None


def read_params_file(path: Path, notebook_names: Collection[str]) -> tuple[
    dict[str, Any], dict[str, dict[str, Any]]
]:  # fmt: skip
    """A params file's values: (for every notebook, per notebook by name).

    The file must be a regular file of at most `PARAMS_FILE_MAX_BYTES`, UTF-8 text, YAML
    without aliases, holding a mapping: `NAME: VALUE` lines for every notebook, or a
    notebook's name mapped to its own `NAME: VALUE` mapping.

    Raises
    ------
    analysis.errors.ParameterError
        One line naming the file and what is wrong with it.
    """
    where = f"--params-file {path}"
    try:
        if not path.exists():
            raise ParameterError(f"{where}: cannot read it (no such file)")
        if not path.is_file():
            raise ParameterError(f"{where}: not a file")
        with path.open("rb") as handle:
            data = handle.read(PARAMS_FILE_MAX_BYTES + 1)
    except OSError as error:
        raise ParameterError(f"{where}: cannot read it ({error.strerror})") from None
    if len(data) > PARAMS_FILE_MAX_BYTES:
        raise ParameterError(f"{where}: larger than {PARAMS_FILE_MAX_BYTES // 1024} KiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParameterError(f"{where}: not UTF-8 text") from None
    if "\x00" in text:
        raise ParameterError(f"{where}: not text (it holds NUL bytes)")
    loaded = load_yaml(text, where)
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise ParameterError(f"{where}: expected a mapping of NAME: VALUE")
    overrides: dict[str, Any] = {}
    per_notebook: dict[str, dict[str, Any]] = {}
    for key, value in loaded.items():
        if not isinstance(key, str):
            raise ParameterError(f"{where}: {key!r} is not a parameter or notebook name")
        if key in notebook_names:
            if not isinstance(value, dict):
                raise ParameterError(f"{where}: {key} needs a mapping of NAME: VALUE")
            per_notebook[key] = value
        else:
            overrides[key] = value
    return overrides, per_notebook


def _check_plain(parameter: Parameter, value: Any, where: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ParameterError(f"{where}: {parameter.name} must be a finite number, not {value!r}")
    if isinstance(value, list):
        for index, item in enumerate(value):
            if item in value[:index]:
                raise ParameterError(f"{where}: {parameter.name} has {item!r} twice")
            _check_plain(parameter, item, where)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_plain(parameter, key, where)
            _check_plain(parameter, item, where)
    elif not isinstance(value, str | int | float | bool) or value is None:
        raise ParameterError(f"{where}: {parameter.name} holds {value!r}, which is not plain data")


def _article(kind: str) -> str:
    return {"int": "an integer", "float": "a number", "bool": "true or false", "str": "text",
            "list": "a list", "dict": "a mapping"}[kind]  # fmt: skip


CheckParameters = Callable[[Mapping[str, Any], str], None]
"""A project's domain check: (values, where) -> None, raising ParameterError on a bad value."""


def resolve(
    notebook: Path,
    overrides: Mapping[str, Any],
    check: CheckParameters | None = None,
    *,
    where: str | None = None,
) -> dict[str, Any]:
    """The full parameter set of a run: defaults, then `overrides`, converted and checked.

    Parameters
    ----------
    notebook
        The notebook whose parameters cell declares the names and types.
    overrides
        Values to set; text (from `-p`) is parsed into the declared type.
    check
        The project's domain check, called with every value and the notebook's name.
    where
        Names the notebook in messages (default: its stem), e.g. a sweep's variant.

    Raises
    ------
    analysis.errors.ParameterError
        Naming the notebook and the parameter: an unknown name (with the closest known
        one), a value of the wrong type, or one `check` refuses.
    """
    where = where or notebook.stem
    declared = {parameter.name: parameter for parameter in notebook_parameters(notebook)}
    for name in overrides:
        if name not in declared:
            raise ParameterError(f"{where}: unknown parameter {name!r}{suggestion(name, declared)}")
    values = {name: parameter.default for name, parameter in declared.items()}
    for name, value in overrides.items():
        values[name] = convert(declared[name], value, where)
    if check is not None:
        check(values, where)
    return values
