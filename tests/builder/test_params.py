"""The parameters cell: names, types, defaults and help read; values converted; the hook called."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.builder import params
from analysis.errors import ParameterError

CELL = """\
groups: list = ["Kazakhs", "Russians"]  # census groups to show
start_year: int = 1989  # first census year
end_year: int = 2021  # last census year
show_article_claims: bool = True  # overlay the article's figures
tolerance_pp: float = 1.0  # percentage points
as_of: str = "2023-09-30"  # leave out later events
since: str = "2020-01-01"  # leave out earlier events
members: list = ["ARM", "KAZ"]  # CSTO members
partners: list = ["EU"]  # western partners
label: str = "x"  # free text
"""


def write_notebook(folder: Path, source: str = CELL, name: str = "sample") -> Path:
    """A minimal nbformat-4 notebook whose only code cell is the parameters cell."""
    cell = {"cell_type": "code", "id": "parameters", "metadata": {"tags": ["parameters"]},
            "execution_count": None, "outputs": [], "source": source}  # fmt: skip
    document = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = folder / f"{name}.ipynb"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_reads_name_type_default_and_help(tmp_path: Path) -> None:
    declared = params.notebook_parameters(write_notebook(tmp_path))
    first = declared[0]
    assert (first.name, first.type, first.default, first.help) == (
        "groups", "list", ["Kazakhs", "Russians"], "census groups to show",
    )  # fmt: skip
    assert [p.name for p in declared][-1] == "label"


def test_defaults_are_the_values_when_nothing_is_given(tmp_path: Path) -> None:
    values = params.resolve(write_notebook(tmp_path), {})
    assert values["start_year"] == 1989
    assert values["groups"] == ["Kazakhs", "Russians"]


def test_the_check_hook_sees_every_value_and_its_refusal_propagates(tmp_path: Path) -> None:
    seen: list[tuple[dict[str, object], str]] = []

    def check(values: dict[str, object], where: str) -> None:
        seen.append((dict(values), where))
        if values["label"] == "bad":
            raise ParameterError(f"{where}: label may not be 'bad'")

    params.resolve(write_notebook(tmp_path), {}, check)
    assert seen[0][1] == "sample"
    assert seen[0][0]["end_year"] == 2021
    with pytest.raises(ParameterError, match="sample: label may not be 'bad'"):
        params.resolve(write_notebook(tmp_path), {"label": "bad"}, check)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [("start_year", "1999", 1999), ("tolerance_pp", "2", 2.0), ("show_article_claims", "no", False),
     ("groups", "[Kazakhs]", ["Kazakhs"]), ("groups", '["Russians"]', ["Russians"]),
     ("label", "1999", "1999")],
)  # fmt: skip
def test_text_values_are_converted_to_the_declared_type(
    tmp_path: Path, name: str, text: str, expected: object
) -> None:
    assert params.resolve(write_notebook(tmp_path), {name: text})[name] == expected


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"start_yr": "1999"}, "did you mean 'start_year'"),
        ({"start_year": "nineteen"}, "must be an integer"),
        ({"groups": "Kazakhs"}, "must be a list"),
        ({"show_article_claims": "maybe"}, "true or false"),
        ({"start_year": True}, "must be an integer"),
        ({"tolerance_pp": "[1]"}, "must be a number"),
    ],
)
def test_bad_values_are_refused_in_one_line(
    tmp_path: Path, overrides: dict[str, object], words: str
) -> None:
    with pytest.raises(ParameterError) as caught:
        params.resolve(write_notebook(tmp_path), overrides)
    message = str(caught.value)
    assert words in message
    assert message.startswith("sample: ")
    assert "\n" not in message


@pytest.mark.parametrize(
    "value",
    ["it's \"quoted\"", "two\nlines", "back\\slash\\", "__import__('os').system('touch pwned')",
     "'); import os; os.system('x'); ('"],
)  # fmt: skip
def test_text_parameters_stay_plain_strings(tmp_path: Path, value: str) -> None:
    assert params.resolve(write_notebook(tmp_path), {"label": value})["label"] == value


def test_code_in_a_list_value_stays_text(tmp_path: Path) -> None:
    values = params.resolve(write_notebook(tmp_path), {"groups": "[__import__('os')]"})
    assert values["groups"] == ["__import__('os')"]


@pytest.mark.parametrize(
    "source",
    ["x = 1  # untyped", "x: int  # no default", "x: set = {1}  # unsupported type",
     "x: int = len('a')  # not a literal"],
)  # fmt: skip
def test_malformed_parameters_cells_are_refused(tmp_path: Path, source: str) -> None:
    with pytest.raises(ParameterError):
        params.notebook_parameters(write_notebook(tmp_path, source))


def test_a_notebook_needs_exactly_one_parameters_cell(tmp_path: Path) -> None:
    path = tmp_path / "none.ipynb"
    path.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}), encoding="utf-8")  # fmt: skip
    with pytest.raises(ParameterError, match="exactly one cell tagged 'parameters'"):
        params.notebook_parameters(path)


def test_the_build_reads_what_papermill_inspect_notebook_reads() -> None:
    """The build parses the cell itself, with ast: importing papermill would cost a build
    with nothing to do 0.4-1.4 s. Name, type, default and help agree, in order."""
    import ast

    import papermill

    from analysis.paths import NOTEBOOKS_DIR

    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        inferred = papermill.inspect_notebook(str(path)).values()
        assert [(p.name, p.type, p.default, p.help) for p in params.notebook_parameters(path)] == [
            (p["name"], p["inferred_type_name"], ast.literal_eval(p["default"]), p["help"])
            for p in inferred
        ], path.name


@pytest.mark.parametrize("source", ["x: list = [1, 2  # help", "x: int = 1 +  # help"])
def test_a_parameters_cell_that_is_not_python_is_one_line(source: str) -> None:
    from analysis.builder.params import _parse_cell

    with pytest.raises(ParameterError) as refused:
        _parse_cell(source, "nb.ipynb")
    assert str(refused.value).startswith("nb.ipynb: parameters cell line 1 is not Python (")
