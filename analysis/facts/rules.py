"""Each parameter's domain rule, checked before any kernel starts: years, groups, codes, dates.

The build calls `check_parameters` as its parameter hook (`[tool.csto-report.hooks]`).
Everything here is cheap (csv, json): a scheduled run refuses a bad value without pandas.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from analysis.data import schema
from analysis.errors import ParameterError
from analysis.paths import DATA_DIR


def check_parameters(values: Mapping[str, Any], where: str, data_dir: Path = DATA_DIR) -> None:
    """Check the values whose meaning the package knows, wherever a notebook declares them.

    Years lie among the census years, groups among the census groups, partners among the
    article's partners, members among the CSTO's; dates are ISO dates, `as_of` is not before
    `since`, tolerances are >= 0.

    Raises
    ------
    analysis.errors.ParameterError
        One line naming `where`, the parameter and what is wrong.
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
                close = difflib.get_close_matches(str(item), known, n=1)
                raise ParameterError(
                    f"{where}: {name} has {item!r}, not among the {what}: {', '.join(known)}"
                    + (f"; did you mean {close[0]!r}?" if close else "")
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
