"""Each parameter's domain rule (analysis.facts.rules), as the build's check hook applies it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.build import params
from analysis.errors import ParameterError
from analysis.facts import rules

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


def test_defaults_pass_the_domain_rules(tmp_path: Path) -> None:
    values = params.resolve(write_notebook(tmp_path), {}, rules.check_parameters)
    assert values["start_year"] == 1989
    assert values["tolerance_pp"] == 1.0


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"start_year": "1980"}, "outside the census years"),
        ({"start_year": "2021", "end_year": "1999"}, "is after end_year"),
        ({"groups": "[Uzbeks]"}, "not among the census groups"),
        ({"members": "[ARM, USA]"}, "not among the CSTO members"),
        ({"partners": "[CHN]"}, "not among the partners"),
        ({"as_of": "2023-02-30"}, "ISO date"),
        ({"as_of": "2019-12-31"}, "is before since"),
        ({"tolerance_pp": "-0.5"}, ">= 0"),
        ({"groups": "[Kazakhs, {a: b}]"}, "not among the census groups"),
    ],
)
def test_values_outside_their_domain_are_refused_in_one_line(
    tmp_path: Path, overrides: dict[str, object], words: str
) -> None:
    with pytest.raises(ParameterError) as caught:
        params.resolve(write_notebook(tmp_path), overrides, rules.check_parameters)
    message = str(caught.value)
    assert words in message
    assert message.startswith("sample: ")
    assert "\n" not in message


def test_code_in_a_list_value_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParameterError):
        params.resolve(
            write_notebook(tmp_path), {"groups": "[__import__('os')]"}, rules.check_parameters
        )


def test_vocabularies_come_from_the_data() -> None:
    assert rules.census_years() == [1989, 1999, 2009, 2021]
    assert rules.census_groups() == ["Kazakhs", "Russians"]
    assert rules.member_codes() == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
    assert rules.partner_codes() == ["EU", "USA"]
