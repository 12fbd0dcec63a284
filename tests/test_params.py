"""Parameters are read from the typed parameters cell and checked before any kernel starts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.build import params
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


def test_defaults_pass_the_domain_rules(tmp_path: Path) -> None:
    values = params.resolve(write_notebook(tmp_path), {})
    assert values["start_year"] == 1989
    assert values["tolerance_pp"] == 1.0


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


def test_code_in_a_list_value_is_data_or_refused(tmp_path: Path) -> None:
    with pytest.raises(ParameterError):
        params.resolve(write_notebook(tmp_path), {"groups": "[__import__('os')]"})


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
