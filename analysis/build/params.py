"""Read a notebook's typed parameters cell and check parameter values before any kernel starts.

Everything here is cheap (json, ast, csv): a scheduled run refuses a bad parameter, or
finds it has nothing to do, without importing pandas or the Jupyter stack.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import difflib
import io
import json
import tokenize
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.data import schema
from analysis.errors import ParameterError
from analysis.paths import DATA_DIR, display_path

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


def notebook_parameters(notebook: Path) -> list[Parameter]:
    """The parameters a notebook declares, in order, from its cell tagged `parameters`.

    Raises
    ------
    analysis.errors.ParameterError
        The notebook cannot be read, has no or several parameters cells, or a line is
        not in papermill's typed form with a literal default.
    """
    where = display_path(notebook)
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
    comments = {
        token.start[0]: token.string.lstrip("#").strip()
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    }
    parameters = []
    for node in ast.parse(source).body:
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
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        raise ParameterError(problem + " (give a YAML or JSON list, e.g. [a, b])") from None


def _check_plain(parameter: Parameter, value: Any, where: str) -> None:
    if isinstance(value, list):
        for item in value:
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


def resolve(
    notebook: Path, overrides: Mapping[str, Any], data_dir: Path = DATA_DIR
) -> dict[str, Any]:
    """The full parameter set of a run: defaults, then `overrides`, converted and checked.

    Raises `ParameterError` naming the notebook and the parameter: an unknown name (with
    the closest known one), a value of the wrong type, or one outside its domain.
    """
    where = notebook.stem
    declared = {parameter.name: parameter for parameter in notebook_parameters(notebook)}
    for name in overrides:
        if name not in declared:
            raise ParameterError(f"{where}: unknown parameter {name!r}{_suggest(name, declared)}")
    values = {name: parameter.default for name, parameter in declared.items()}
    for name, value in overrides.items():
        values[name] = convert(declared[name], value, where)
    check_domain(values, where, data_dir)
    return values


def _suggest(name: str, known: Mapping[str, Any] | list[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; choose from: {', '.join(known) or 'none'}"


def suggest(name: str, known: list[str]) -> str:
    """'; did you mean X?' for the closest known name, or the list of known names."""
    return _suggest(name, known)


def check_domain(values: Mapping[str, Any], where: str, data_dir: Path = DATA_DIR) -> None:
    """Check the values whose meaning the package knows, wherever a notebook declares them.

    Years lie among the census years, groups among the census groups, partners among the
    article's partners, members among the CSTO's; dates are ISO dates, `as_of` is not before
    `since`, tolerances are >= 0.
    """
    for name, value in values.items():
        rule = _DOMAIN.get(name)
        if rule is not None:
            rule(name, value, where, data_dir)
    if (
        "start_year" in values
        and "end_year" in values
        and values["start_year"] > values["end_year"]
    ):
        raise ParameterError(
            f"{where}: start_year {values['start_year']} is after end_year {values['end_year']}"
        )
    if "as_of" in values and "since" in values and values["as_of"] < values["since"]:
        raise ParameterError(f"{where}: as_of {values['as_of']} is before since {values['since']}")


def _column(table: str, field: str, data_dir: Path) -> list[str]:
    path = data_dir / schema.resource(table, data_dir)["path"]
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[field] for row in csv.DictReader(handle)]


def census_years(data_dir: Path = DATA_DIR) -> list[int]:
    """Census years in the data (read cheaply, without pandas)."""
    return sorted({int(year) for year in _column("census", "year", data_dir)})


def census_groups(data_dir: Path = DATA_DIR) -> list[str]:
    """Groups the census counts, the total excepted."""
    present = set(_column("census", "group", data_dir))
    return [
        g for g in schema.vocabulary("census", "group", data_dir) if g in present and g != "Total"
    ]


def member_codes(data_dir: Path = DATA_DIR) -> list[str]:
    """The CSTO member states' codes, in the members table's order."""
    return _column("members", "code", data_dir)


def partner_codes(data_dir: Path = DATA_DIR) -> list[str]:
    """Western partners the claims describe: subjects of claims about Kazakhstan's economy."""
    path = data_dir / schema.resource("claims", data_dir)["path"]
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return sorted(
        {
            row["subject"]
            for row in rows
            if row["unit"] == "USD" or "Kazakhstan's" in row["indicator"]
        }
    )


def _years(name: str, value: Any, where: str, data_dir: Path) -> None:
    known = census_years(data_dir)
    if not known[0] <= value <= known[-1]:
        raise ParameterError(
            f"{where}: {name} {value} is outside the census years {known[0]}-{known[-1]}"
        )


def _vocabulary(lookup: Callable[[Path], list[Any]], what: str) -> Callable[..., None]:
    def check(name: str, value: Any, where: str, data_dir: Path) -> None:
        known = lookup(data_dir)
        for item in value:
            if item not in known:
                raise ParameterError(
                    f"{where}: {name} has {item!r}, not among the {what}: {', '.join(known)}"
                    + (
                        _suggest(str(item), known)
                        if difflib.get_close_matches(str(item), known)
                        else ""
                    )
                )
        if not value:
            raise ParameterError(f"{where}: {name} is empty; choose among {', '.join(known)}")

    return check


def _iso_date(name: str, value: Any, where: str, data_dir: Path) -> None:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ParameterError(
            f"{where}: {name} must be an ISO date such as 2023-09-30, not {value!r}"
        ) from None


def _non_negative(name: str, value: Any, where: str, data_dir: Path) -> None:
    if not value >= 0:
        raise ParameterError(f"{where}: {name} must be >= 0, not {value!r}")


_DOMAIN: dict[str, Callable[[str, Any, str, Path], None]] = {
    "start_year": _years,
    "end_year": _years,
    "groups": _vocabulary(census_groups, "census groups"),
    "partners": _vocabulary(partner_codes, "partners in the data"),
    "members": _vocabulary(member_codes, "CSTO members"),
    "as_of": _iso_date,
    "since": _iso_date,
    "tolerance_pp": _non_negative,
}
