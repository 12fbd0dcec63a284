"""Each parameter's domain, written once: the library's arguments and the check before a kernel.

A rule is a small object whose `check(name, value, domain)` returns the value as the library
uses it or raises `ParameterError` with one line. The library functions check their
arguments with these rules against the tables they were given; `check_parameters` applies
the same rules to a notebook's parameters before any kernel starts, reading the vocabularies
from the CSV files without pandas.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from analysis.data.columns import Columns, CsvColumns, FrameColumns
from analysis.errors import ParameterError, suggestion
from analysis.paths import DATA_DIR

TOTAL = "Total"
"""The census group that holds the whole population, the denominator of every share."""


class Domain:
    """The values the data allows a parameter: census years and groups, members, partners.

    Parameters
    ----------
    columns : analysis.data.columns.Columns
        Where the tables' values are read: the CSV files or frames already loaded.
    """

    def __init__(self, columns: Columns) -> None:
        self.columns = columns

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Domain:
        """The domain of a mapping of table names to frames (a `Dataset`, a test's frames)."""
        return cls(FrameColumns(data))

    @functools.cached_property
    def census_years(self) -> list[int]:
        """Census years the census table holds, ascending."""
        return sorted({int(year) for year in self.columns.column("census", "year") if year})

    @functools.cached_property
    def census_groups(self) -> list[str]:
        """Groups the census counts, the total excepted, in the vocabulary's order."""
        present = self.columns.column("census", "group")
        order = self.columns.vocabulary("census", "group") or list(dict.fromkeys(present))
        return [group for group in order if group in set(present) and group != TOTAL]

    @functools.cached_property
    def members(self) -> list[str]:
        """The CSTO member states' codes, in the members table's order."""
        return [code for code in self.columns.column("members", "code") if code]

    @functools.cached_property
    def partners(self) -> list[str]:
        """Western partners the claims describe: actors marked `western` that claims are about.

        Which actors count as Western is data (`actors.western`), not a rule here; the order
        is the actors table's.
        """
        subjects = set(self.columns.column("claims", "subject"))
        codes = self.columns.column("actors", "code")
        western = self.columns.column("actors", "western")
        return [
            code
            for code, flag in zip(codes, western, strict=True)
            if flag.strip().lower() == "true" and code in subjects
        ]


class Rule(Protocol):
    """A parameter's domain: `check` returns the value as the library uses it, or raises."""

    def check(self, name: str, value: Any, domain: Domain) -> Any:
        """The value checked (and converted), or a one-line `ParameterError`."""
        ...


@dataclass(frozen=True)
class Items:
    """A list parameter: items of a vocabulary, at least one, none repeated.

    A lone string is one item (`-p groups Kazakhs`, or `census_shares(groups="Kazakhs")`);
    None means every item of the vocabulary, in its order.
    """

    what: str
    """The vocabulary, as a message names it ('census groups')."""
    known: Callable[[Domain], Sequence[Any]]

    def check(self, name: str, value: Any, domain: Domain) -> list[Any]:
        """The items asked, in the order asked."""
        known = list(self.known(domain))
        if value is None:
            return known
        items = unique_list(name, value)
        if not items:
            raise ParameterError(f"{name} is empty; choose among {_listing(known)}")
        for item in items:
            if item not in known:
                raise ParameterError(
                    f"{name} has {item!r}, not among the {self.what}: {_listing(known)}"
                    + suggestion(str(item), [str(each) for each in known], close_only=True)
                )
        return items


@dataclass(frozen=True)
class Year:
    """A year bounding a range of censuses: a whole number within the census years."""

    def check(self, name: str, value: Any, domain: Domain) -> int | None:
        """The year as an int; None stays None (the range is open on that side)."""
        if value is None:
            return None
        problem = f"{name} must be a year such as 1999, not {value!r}"
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ParameterError(problem)
        try:
            number = float(value)
        except ValueError:
            raise ParameterError(problem) from None
        if not number.is_integer():
            raise ParameterError(f"{name} must be a whole year, not {value!r}")
        known = domain.census_years
        if known and not known[0] <= number <= known[-1]:
            raise ParameterError(
                f"{name} {int(number)} is outside the census years {known[0]}-{known[-1]}"
            )
        return int(number)


@dataclass(frozen=True)
class IsoDate:
    """A date: an ISO 8601 text in any of its forms ('2023-09-30', '20230930') or a date."""

    def check(self, name: str, value: Any, domain: Domain) -> dt.date:
        """The date (a datetime's date, for a timestamp)."""
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value.strip())
        except (AttributeError, TypeError, ValueError):
            raise ParameterError(
                f"{name} must be an ISO date such as 2023-09-30, not {value!r}"
            ) from None


@dataclass(frozen=True)
class Tolerance:
    """A tolerance: a finite number from 0 to `upper`."""

    upper: float

    def check(self, name: str, value: Any, domain: Domain) -> float:
        """The tolerance as a float."""
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if not numeric or not math.isfinite(value) or not 0 <= value <= self.upper:
            raise ParameterError(f"{name} must be a number from 0 to {self.upper:g}, not {value!r}")
        return float(value)


CENSUS_GROUPS = Items("census groups", lambda domain: domain.census_groups)
CENSUS_YEARS = Items("census years", lambda domain: domain.census_years)
MEMBERS = Items("CSTO members", lambda domain: domain.members)
PARTNERS = Items("partners in the data", lambda domain: domain.partners)
YEAR = Year()
DATE = IsoDate()
TOLERANCE_PP = Tolerance(100.0)
"""Percentage points: a share is never more than 100 points off."""
TOLERANCE_REL = Tolerance(1.0)
"""A fraction of the stated value: more than all of it would make every figure close."""

PARAMETERS: dict[str, Rule] = {
    "groups": CENSUS_GROUPS,
    "years": CENSUS_YEARS,
    "members": MEMBERS,
    "partners": PARTNERS,
    "start_year": YEAR,
    "end_year": YEAR,
    "as_of": DATE,
    "since": DATE,
    "tolerance_pp": TOLERANCE_PP,
    "tolerance_rel": TOLERANCE_REL,
}
"""The rule of each parameter name, wherever a function or a notebook declares it."""


def year_range(start: Any, end: Any, domain: Domain) -> tuple[int | None, int | None]:
    """Check an inclusive range of years; either end may be None (open)."""
    first = YEAR.check("start_year", start, domain)
    last = YEAR.check("end_year", end, domain)
    if first is not None and last is not None and first > last:
        raise ParameterError(f"start_year {first} is after end_year {last}")
    return first, last


def census_years_between(start: Any, end: Any, domain: Domain) -> list[int]:
    """The census years in an inclusive range; a `ParameterError` when it holds none."""
    first, last = year_range(start, end, domain)
    years = [
        year
        for year in domain.census_years
        if (first is None or year >= first) and (last is None or year <= last)
    ]
    if not years:
        raise ParameterError(
            f"no census between {first} and {last}; the censuses are: "
            + _listing(domain.census_years)
        )
    return years


def period(since: Any, as_of: Any, domain: Domain) -> tuple[dt.date, dt.date]:
    """The first and last day of a period, checked as dates: `as_of` not before `since`."""
    start = DATE.check("since", since, domain)
    end = DATE.check("as_of", as_of, domain)
    if end < start:
        raise ParameterError(f"as_of {end.isoformat()} is before since {start.isoformat()}")
    return start, end


def open_period(since: Any, as_of: Any, domain: Domain) -> tuple[dt.date | None, dt.date | None]:
    """A period either end of which may be open (None): each date checked, `as_of` not
    before `since`."""
    start = None if since is None else DATE.check("since", since, domain)
    end = None if as_of is None else DATE.check("as_of", as_of, domain)
    if start is not None and end is not None and end < start:
        raise ParameterError(f"as_of {end.isoformat()} is before since {start.isoformat()}")
    return start, end


def unique_list(name: str, value: Any) -> list[Any]:
    """A list from a list-like argument, a lone string as one item; no item given twice."""
    if isinstance(value, str):
        return [value]
    try:
        items = list(value)
    except TypeError:
        raise ParameterError(f"{name} must be a list, not {value!r}") from None
    for index, item in enumerate(items):
        if item in items[:index]:
            raise ParameterError(f"{name} has {item!r} twice")
    return items


def check_parameters(values: Mapping[str, Any], where: str, data_dir: Path = DATA_DIR) -> None:
    """Check a notebook's parameter values before its kernel starts (the build's hook).

    Only the names in `PARAMETERS` are checked, each by the rule the library uses, then
    the pairs: `start_year` not after `end_year` with a census between them, `as_of`
    not before `since`. The vocabularies are read from the CSV files, without pandas.

    Raises
    ------
    analysis.errors.ParameterError
        One line, `f"{where}: ..."`, naming the parameter and what it may be.
    """
    domain = Domain(CsvColumns(data_dir))
    try:
        for name, value in values.items():
            rule = PARAMETERS.get(name)
            if rule is not None:
                rule.check(name, value, domain)
        if "start_year" in values and "end_year" in values:
            census_years_between(values["start_year"], values["end_year"], domain)
        if "since" in values and "as_of" in values:
            period(values["since"], values["as_of"], domain)
    except ParameterError as error:
        raise ParameterError(f"{where}: {error}") from None


def _listing(known: Iterable[Any]) -> str:
    return ", ".join(str(item) for item in known)
