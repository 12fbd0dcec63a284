"""Validate the data package: Table Schema rules by frictionless, provenance rules by hand."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from analysis.data import crosschecks, provenance, reads, sanity, schema, sentences
from analysis.data.decoding import decode
from analysis.data.files import PackageFiles
from analysis.errors import DataError
from analysis.hashing import fingerprint, sha256_text
from analysis.paths import DATA_DIR, DESCRIPTOR_NAME, SEED_PATH, display_path

VALIDATED_ENV = "REPORT_VALIDATED_FINGERPRINT"
"""Set by the report build for its kernels: the data it validated, so they skip doing it again."""

_validated: set[str] = set()


def data_fingerprint(data_dir: Path = DATA_DIR, seed_path: Path = SEED_PATH) -> str:
    """Hash of the descriptor, every table and the seed: what a validation result depends on."""
    return PackageFiles(data_dir, seed_path).fingerprint


def ensure_valid(
    data_dir: Path = DATA_DIR,
    seed_path: Path = SEED_PATH,
    stamps: Path | None = None,
    files: PackageFiles | None = None,
) -> str:
    """Validate once per process and data version; raise `DataError` on the first problems.

    Returns the data fingerprint. The frictionless pass (about 2 s) is skipped when the
    same bytes were already validated by the same validator: in this process, by the
    report build that started this kernel (`REPORT_VALIDATED_FINGERPRINT`), or by an earlier
    build that left a stamp in `stamps`. The cheap provenance checks always run, on the
    bytes `files` read (a `Dataset` passes its own, so that each file is read once).
    """
    with reads.paused():  # the whole package, for the check: not a read of the caller's
        files = files or PackageFiles(data_dir, seed_path)
        return _ensure_valid(data_dir, seed_path, stamps, files)


def _ensure_valid(data_dir: Path, seed_path: Path, stamps: Path | None, files: PackageFiles) -> str:
    undecodable = encoding_problems(files)
    if undecodable:
        raise DataError(undecodable)
    key = files.fingerprint
    if key in _validated:
        return key
    stamp = None if stamps is None else stamps / _stamp_name(key)
    if os.environ.get(VALIDATED_ENV) == key or (stamp is not None and stamp.is_file()):
        problems = provenance_problems(data_dir, seed_path, files)
    else:
        problems = schema_problems(data_dir, files) + provenance_problems(
            data_dir, seed_path, files
        )
    if problems:
        raise DataError(problems)
    _validated.add(key)
    if stamp is not None and not stamp.is_file():
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(key + "\n", encoding="utf-8")
    return key


def validated_environment(stamps: Path | None = None) -> dict[str, str]:
    """Validate the data once for a report build; the variables that let its kernels skip it.

    The build's `validate` hook (`[tool.csto-report.hooks]`): raises `DataError` on bad data.
    """
    return {VALIDATED_ENV: ensure_valid(stamps=stamps)}


def _stamp_name(key: str) -> str:
    """The data's fingerprint combined with the validator's: its code and frictionless."""
    from importlib import metadata

    here = Path(__file__).parent
    names = ("validation.py", "provenance.py", "schema.py", "files.py", "crosschecks.py",
             "sanity.py", "sentences.py", "decoding.py")  # fmt: skip
    code = [here / name for name in names]
    validator = fingerprint(code, root=here) + metadata.version("frictionless")
    return sha256_text(key + validator)


def validate_package(data_dir: Path = DATA_DIR, seed_path: Path = SEED_PATH) -> list[str]:
    """Every problem in the package, one line each naming file, row and field; [] when valid.

    Bytes that are not UTF-8 come first and alone: no other rule can be checked on them.
    """
    files = PackageFiles(data_dir, seed_path)
    with reads.paused():
        undecodable = encoding_problems(files)
        if undecodable:
            return undecodable
        return schema_problems(data_dir, files) + provenance_problems(data_dir, seed_path, files)


def encoding_problems(files: PackageFiles) -> list[str]:
    """One line per file of the package (descriptor, tables, seed) whose bytes are not UTF-8."""
    paths = [files.data_dir / DESCRIPTOR_NAME]
    problems: list[str] = []
    try:
        paths += [files.table_path(name) for name in schema.tables(files.data_dir)]
    except DataError as error:  # the descriptor itself: its tables cannot be listed
        problems += error.problems
    except (OSError, ValueError, KeyError):
        pass  # a missing or malformed descriptor: the schema pass names it
    for path in [*paths, files.seed_path]:
        try:
            decode(files.read(path), path)
        except DataError as error:
            if error.problems[0] not in problems:
                problems += error.problems
        except OSError:
            continue  # a missing file: the schema and provenance passes name it
    return problems


def schema_problems(data_dir: Path = DATA_DIR, files: PackageFiles | None = None) -> list[str]:
    """Problems frictionless finds: descriptor, types, constraints, keys, foreign keys."""
    import frictionless  # heavy: about 2 s with its JSON Schema checks

    files = files or PackageFiles(data_dir)
    report = frictionless.validate(str(data_dir / DESCRIPTOR_NAME))
    problems = [_descriptor_problem(data_dir, error) for error in report.errors]
    for task in report.tasks:
        path = data_dir / str(task.place)
        row_ids = _row_ids(task.name, data_dir, files)
        for error in task.errors:
            problems.append(_row_problem(path, row_ids, error))
    return problems


def provenance_problems(
    data_dir: Path = DATA_DIR, seed_path: Path = SEED_PATH, files: PackageFiles | None = None
) -> list[str]:
    """Problems no schema library knows: the article's words, dates at their precision, sums."""
    files = files or PackageFiles(data_dir, seed_path)
    try:
        seed = files.seed_text()
    except OSError as error:
        return [f"{display_path(seed_path)}: cannot read the seed ({error.strerror})"]
    seed_name = display_path(seed_path)
    problems: list[str] = []
    tables = {name: files.rows(name) for name in schema.tables(data_dir)}
    quoted = {"claims": "quote", "statements": "quote", "events": "quote", "members": "evidence"}
    for table, field in quoted.items():
        for line, row in tables.get(table, []):
            text = row.get(field, "")
            if text and not provenance.quote_in(text, seed):
                problems.append(
                    _where(data_dir, table, line, row, field)
                    + f": {text!r} is not a verbatim passage of the seed {seed_name}"
                )
    for line, row in tables.get("claims", []):
        value = _number(row.get("value"))
        if value is not None and not provenance.states_number(row.get("quote", ""), value):
            problems.append(
                _where(data_dir, "claims", line, row, "value")
                + f": {row['value']} does not occur in the claim's own quote {row.get('quote')!r}"
            )
    for table in ("claims", "events", "references"):
        for line, row in tables.get(table, []):
            problem = _date_precision_problem(row)
            if problem:
                problems.append(_where(data_dir, table, line, row, "date") + problem)
    for line, row in tables.get("events", []):
        start, end = _date(row.get("date")), _date(row.get("end_date"))
        if start and end and end < start:
            problems.append(
                _where(data_dir, "events", line, row, "end_date")
                + f": {row['end_date']} is before the event's date {row['date']}"
            )
    problems += _reference_problems(data_dir, tables)
    problems += _census_problems(data_dir, tables.get("census", []))
    problems += sentences.sentence_problems(
        tables,
        seed,
        seed_name,
        lambda table, line, row, field: _where(data_dir, table, line, row, field),
    )
    problems += crosschecks.crosscheck_problems(
        tables, lambda table, line, row, field: _where(data_dir, table, line, row, field)
    )
    return problems + _sanity_problems(data_dir, files, tables)


def _sanity_problems(
    data_dir: Path, files: PackageFiles, tables: dict[str, list[tuple[int, dict[str, str]]]]
) -> list[str]:
    """Markup, BOMs, CRs, non-finite and implausible numbers (see sanity.py)."""
    problems: list[str] = []
    for name in tables:
        path = files.table_path(name)
        try:
            data = files.read(path)
        except OSError:
            continue  # named by the schema pass
        problems += sanity.file_problems(name, display_path(path), data)
        problems += sanity.row_problems(
            schema.resource(name, data_dir),
            tables[name],
            lambda table, line, row, field: _where(data_dir, table, line, dict(row), field),
        )
    return problems


def _reference_problems(
    data_dir: Path, tables: dict[str, list[tuple[int, dict[str, str]]]]
) -> list[str]:
    units = {row.get("id"): row.get("unit") for _, row in tables.get("claims", [])}
    problems = []
    for line, row in tables.get("references", []):
        has_value = bool(row.get("value"))
        has_census = bool(row.get("census_year")) or bool(row.get("census_group"))
        if has_value == has_census:
            problems.append(
                _where(data_dir, "references", line, row, "value")
                + ": give either a value or a census_year and census_group, not "
                + ("both" if has_value else "neither")
            )
        elif has_census and row.get("unit") != "percent":
            problems.append(
                _where(data_dir, "references", line, row, "unit")
                + ": a census-based reference is a share, so its unit must be 'percent'"
            )
        claim_unit = units.get(row.get("claim_id"))
        if claim_unit is not None and row.get("unit") != claim_unit:
            problems.append(
                _where(data_dir, "references", line, row, "unit")
                + f": {row.get('unit')!r} differs from the unit of claim {row.get('claim_id')}"
                + f" ({claim_unit!r})"
            )
    return problems


def _census_problems(data_dir: Path, rows: list[tuple[int, dict[str, str]]]) -> list[str]:
    totals = {
        row.get("year"): _number(row.get("count")) for _, row in rows if row.get("group") == "Total"
    }
    problems = []
    for line, row in rows:
        count, total = _number(row.get("count")), totals.get(row.get("year"))
        where = _where(data_dir, "census", line, row, "count")
        if row.get("group") == "Total" or count is None:
            continue
        if total is None:
            problems.append(where + f": no Total row for census year {row.get('year')}")
        elif total <= 0 or not 0 <= 100 * count / total <= 100:
            share = "undefined" if total <= 0 else f"{100 * count / total:.1f}%"
            problems.append(where + f": derived share {share} is outside 0-100 (total {total:g})")
    return problems


def _date_precision_problem(row: dict[str, str]) -> str:
    date, precision = _date(row.get("date")), row.get("date_precision")
    if date is None:
        return ""
    if precision == "month" and date.day != 1:
        return f": {row['date']} has month precision, so it must be the first of the month"
    if precision == "year" and (date.month, date.day) != (1, 1):
        return f": {row['date']} has year precision, so it must be the first of January"
    return ""


def _row_ids(name: str, data_dir: Path, files: PackageFiles) -> dict[int, str]:
    """Each row's primary key as text, by line number, from the rows `files` already read."""
    keys = schema.resource(name, data_dir)["schema"].get("primaryKey", [])
    keys = [keys] if isinstance(keys, str) else keys
    return {
        line: " ".join(f"{key} {row.get(key, '')}" for key in keys)
        for line, row in files.rows(name)
    }


def _where(data_dir: Path, table: str, line: int, row: dict[str, str], field: str) -> str:
    path = data_dir / schema.resource(table, data_dir)["path"]
    keys = schema.resource(table, data_dir)["schema"].get("primaryKey", [])
    keys = [keys] if isinstance(keys, str) else keys
    ident = " ".join(f"{key} {row.get(key, '')}" for key in keys)
    return f"{display_path(path)}, row {line} ({ident}), field '{field}'"


def _row_problem(path: Path, row_ids: dict[int, str], error: object) -> str:
    where = display_path(path)
    line = getattr(error, "row_number", None)
    if line:
        where += f", row {line}" + (f" ({row_ids[line]})" if line in row_ids else "")
    field = getattr(error, "field_name", None)
    names = getattr(error, "field_names", None)
    if field:
        where += f", field '{field}'"
    elif names:
        where += ", field " + ", ".join(f"'{name}'" for name in names)
    cell = getattr(error, "cell", None)
    note = str(getattr(error, "note", ""))
    if getattr(error, "type", "") == "type-error":
        expected = note.split('"')[1].split("/")[0] if note.count('"') >= 2 else "value"
        return f"{where}: {cell!r} is not a valid {expected}"
    shown = f" (value {cell!r})" if cell not in (None, "") else ""
    return f"{where}: {getattr(error, 'title', 'error')}: {note}{shown}"


def _descriptor_problem(data_dir: Path, error: object) -> str:
    path = display_path(data_dir / DESCRIPTOR_NAME)
    return f"{path}: {getattr(error, 'title', 'error')}: {getattr(error, 'note', '')}"


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
