"""Each parameter's domain is one rule: the check before a kernel and the library agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

import analysis
from analysis.errors import ParameterError
from analysis.facts import rules
from analysis.facts.rules import check_parameters
from tests.conftest import heavy_imports

DEFAULTS = {
    "groups": ["Kazakhs", "Russians"], "start_year": 1989, "end_year": 2021,
    "show_article_claims": True, "tolerance_pp": 1.0, "as_of": "2023-09-30",
    "since": "2020-01-01", "members": ["ARM", "KAZ"], "partners": ["EU"], "label": "x",
}  # fmt: skip
"""What the notebooks declare, with their types already converted by the build."""


def test_the_defaults_pass() -> None:
    check_parameters(DEFAULTS, "sample")


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"start_year": 1980}, "start_year 1980 is outside the census years 1989-2021"),
        ({"end_year": 2030}, "end_year 2030 is outside the census years 1989-2021"),
        ({"start_year": 2021, "end_year": 1999}, "start_year 2021 is after end_year 1999"),
        ({"start_year": 2010, "end_year": 2020}, "no census between 2010 and 2020"),
        ({"groups": ["Uzbeks"]}, "groups has 'Uzbeks', not among the census groups: Kazakhs"),
        ({"groups": ["Kazakh"]}, "did you mean 'Kazakhs'?"),
        ({"groups": ["Kazakhs", {"a": "b"}]}, "not among the census groups"),
        ({"groups": ["Kazakhs", "Kazakhs"]}, "groups has 'Kazakhs' twice"),
        ({"groups": []}, "groups is empty; choose among Kazakhs, Russians"),
        ({"members": ["ARM", "USA"]}, "members has 'USA', not among the CSTO members"),
        ({"members": ["ARM", "ARM"]}, "members has 'ARM' twice"),
        ({"partners": ["CHN"]}, "partners has 'CHN', not among the partners in the data"),
        ({"as_of": "2023-02-30"}, "as_of must be an ISO date such as 2023-09-30"),
        ({"as_of": "2019-12-31"}, "as_of 2019-12-31 is before since 2020-01-01"),
        ({"as_of": "20191231"}, "as_of 2019-12-31 is before since 2020-01-01"),
        ({"since": "2024-01-01"}, "as_of 2023-09-30 is before since 2024-01-01"),
        ({"tolerance_pp": -0.5}, "tolerance_pp must be a number from 0 to 100, not -0.5"),
        ({"tolerance_pp": float("inf")}, "tolerance_pp must be a number from 0 to 100"),
        ({"tolerance_pp": float("nan")}, "tolerance_pp must be a number from 0 to 100"),
        ({"tolerance_pp": 1e300}, "tolerance_pp must be a number from 0 to 100"),
    ],
)
def test_bad_values_are_refused_in_one_line(overrides: dict[str, object], words: str) -> None:
    with pytest.raises(ParameterError) as caught:
        check_parameters({**DEFAULTS, **overrides}, "sample")
    message = str(caught.value)
    assert words in message
    assert message.startswith("sample: ")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("as_of", "since"),
    [("2023-09-30", "20200101"), ("20230930", "2020-01-01"), ("2023-W39-6", "2020-01-01")],
)
def test_dates_are_compared_as_dates_whatever_iso_form(as_of: str, since: str) -> None:
    check_parameters({"as_of": as_of, "since": since}, "sample")


def test_names_without_a_rule_are_left_alone() -> None:
    check_parameters({"label": object(), "repeat": -1, "show_article_claims": "maybe"}, "x")


def test_vocabularies_come_from_the_files_given(data_copy: Path) -> None:
    census = data_copy / "census.csv"
    lines = census.read_text(encoding="utf-8").splitlines(keepends=True)
    census.write_text("".join(line for line in lines if not line.startswith("1989,")),
                      encoding="utf-8")  # fmt: skip
    check_parameters({"start_year": 1999}, "sample", data_copy)
    with pytest.raises(ParameterError, match="outside the census years 1999-2021"):
        check_parameters({"start_year": 1989}, "sample", data_copy)


def test_the_shipped_vocabularies_are_the_datas() -> None:
    """Each vocabulary read from the CSV files, as the data says it, and the same both ways."""
    import pandas as pd

    from analysis.data.columns import CsvColumns
    from analysis.data.loading import dataset
    from analysis.paths import DATA_DIR

    def read(table: str) -> pd.DataFrame:
        return pd.read_csv(DATA_DIR / f"{table}.csv", dtype=str, keep_default_na=False)

    census, actors, claims = read("census"), read("actors"), read("claims")
    domain = rules.Domain(CsvColumns())
    assert domain.census_years == sorted({int(year) for year in census["year"]})
    assert set(domain.census_groups) == set(census["group"]) - {"Total"}
    assert domain.members == sorted(read("members")["code"])
    western = set(actors.loc[actors["western"] == "true", "code"])
    assert domain.partners == sorted(western & set(claims["subject"]))
    assert rules.Domain.of(dataset()).partners == domain.partners


def test_the_check_before_a_kernel_imports_no_pandas() -> None:
    statement = (
        "from analysis.facts.rules import check_parameters\n"
        "check_parameters({'groups': ['Kazakhs'], 'members': ['ARM'], 'partners': ['EU'],"
        " 'start_year': 1989, 'end_year': 2021}, 'x')"
    )
    assert heavy_imports(statement) == []


LIBRARY: list[tuple[dict[str, object], Callable[..., object]]] = [
    ({"groups": ["Uzbeks"]}, analysis.census_series),
    ({"groups": ["Kazakhs", "Kazakhs"]}, analysis.census_series),
    ({"start_year": 2021, "end_year": 1999}, analysis.census_series),
    ({"start_year": 2010, "end_year": 2020}, analysis.census_series),
    ({"start_year": 1980}, analysis.census_series),
    ({"members": ["USA"]}, analysis.cohesion_events),
    ({"as_of": "2019-12-31", "since": "2020-01-01"}, analysis.cohesion_events),
    ({"as_of": "2023-02-30"}, analysis.cohesion_events),
    ({"partners": ["CHN"]}, analysis.engagement_claims),
    ({"tolerance_pp": -1.0}, analysis.fact_check),
]


@pytest.mark.parametrize(("arguments", "function"), LIBRARY)
def test_the_library_says_what_the_check_before_a_kernel_says(
    arguments: dict[str, object], function: Callable[..., object]
) -> None:
    with pytest.raises(ParameterError) as before:
        check_parameters(arguments, "sample")
    with pytest.raises(ParameterError) as inside:
        function(**arguments)
    assert str(before.value) == f"sample: {inside.value}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2023-09-30", dt.date(2023, 9, 30)), (" 20230930 ", dt.date(2023, 9, 30)),
     (dt.datetime(2023, 9, 30, 12), dt.date(2023, 9, 30)),
     (dt.date(2020, 1, 1), dt.date(2020, 1, 1))],
)  # fmt: skip
def test_a_date_is_any_iso_form_or_a_date(value: object, expected: dt.date) -> None:
    assert rules.DATE.check("as_of", value, rules.Domain.of({})) == expected


@pytest.mark.parametrize("value", [None, 20230930, "30/09/2023", "2023-09-31", ""])
def test_what_is_not_a_date(value: object) -> None:
    with pytest.raises(ParameterError, match="as_of must be an ISO date such as 2023-09-30"):
        rules.DATE.check("as_of", value, rules.Domain.of({}))


def test_a_lone_string_is_one_item_and_none_is_every_item() -> None:
    domain = rules.Domain.of({"members": analysis.load("members")})
    assert rules.MEMBERS.check("members", "KAZ", domain) == ["KAZ"]
    assert rules.MEMBERS.check("members", None, domain) == domain.members
    with pytest.raises(ParameterError, match="members must be a list, not 5"):
        rules.MEMBERS.check("members", 5, domain)


@pytest.mark.parametrize(("value", "words"), [(True, "must be a year such as 1999"),
                                               (1999.5, "must be a whole year")])  # fmt: skip
def test_what_is_not_a_year(value: object, words: str) -> None:
    with pytest.raises(ParameterError, match=words):
        check_parameters({"start_year": value}, "sample")
