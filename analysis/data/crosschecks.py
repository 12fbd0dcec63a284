"""Hand checks across tables: sources complete, one primary reference, ids apart, corrections."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlsplit

Rows = Sequence[tuple[int, dict[str, str]]]
"""A table's raw rows with their line numbers, as the validator reads them."""

Where = Callable[[str, int, dict[str, str], str], str]
"""Names a problem's place: (table, line, row, field) -> 'file, row n (key), field'."""

URL_SCHEMES = ("http", "https")
"""The schemes a source's URL may have: a reader can follow it in a browser."""

PER_MEMBER: dict[str, tuple[str, str]] = {
    "votes": ("resolution", "resolutions"),
    "summit_attendance": ("summit", "summits"),
    "exercise_participation": ("exercise", "exercises"),
}
"""Tables with one row per member state for each row of another: (its key column, the other)."""

UNSETTLED: dict[str, dict[str, tuple[str, ...]]] = {
    "votes": {"vote": ("abstain_or_absent", "not_against", "unknown")},
    "summit_attendance": {"attendance": ("unknown",), "signed_declaration": ("unknown",)},
    "exercise_participation": {"sent_troops": ("unknown",)},
}
"""Values that say the sources leave a fact open: a row with one needs a note saying why."""

ARTICLE_TABLE = "article"
"""The table naming the article's own row in `sources` (`source_id`): the source of every quote."""

CORRECTED_TABLES = {
    "claim": "claims",
    "statement": "statements",
    "event": "events",
    "source": "sources",
    "reference": "references",
}
"""A correction's `item_kind`, and the table its `item_id` is an id of."""


def crosscheck_problems(tables: Mapping[str, Rows], where: Where) -> list[str]:
    """Every problem the schema cannot express, one line each, [] when there is none.

    Parameters
    ----------
    tables : mapping
        Table name to its raw rows (line number, row of strings), as read from the CSVs.
    where : callable
        Formats the place of a problem from table, line, row and field.

    Notes
    -----
    An opened source needs its URL, the date it was opened and where in it the fact
    stands; one not opened has no date accessed and a note that says why; no two claims or
    statements check the same words (one quote, one verdict); a statement that is not
    `unverified` needs a source; each claim with references has exactly one primary one; no
    statement shares an id with a claim; each correction names a row that exists, in the
    table its `item_kind` says. An event after the article (`hindsight`) has no
    quote and is not dated before the article's publication (the `date_published` of the
    article's own row in `sources`, named by the `article` table); an event the article does not
    quote, dated after the period of its publication, is `hindsight`. Each resolution, summit
    and exercise has exactly one row per member state (`PER_MEMBER`); a value the sources
    leave open (`UNSETTLED`) has a note; a cancelled exercise sent no troops. A forecast's
    outcome step (`forecast_outcomes`) belongs to a sentence with a prediction, is dated
    neither before its deciding event nor before the article's publication, and changes the
    outcome (the first step from 'not_yet', each later one from the step before).
    """
    problems = _source_problems(tables.get("sources", ()), where)
    problems += _statement_problems(tables, where)
    problems += _primary_problems(tables.get("references", ()), where)
    problems += _correction_problems(tables, where)
    problems += _hindsight_problems(tables, where)
    problems += _per_member_problems(tables, where)
    problems += _unsettled_problems(tables, where)
    problems += _cancelled_problems(tables, where)
    problems += _forecast_problems(tables, where)
    return problems


def _source_problems(rows: Rows, where: Where) -> list[str]:
    problems = []
    for line, row in rows:
        url = row.get("url", "").strip()
        opened = row.get("opened", "").strip().lower() == "true"
        accessed = row.get("date_accessed", "").strip()
        if opened:
            for field in ("url", "date_accessed", "locator"):
                if not row.get(field, "").strip():
                    problems.append(
                        where("sources", line, row, field)
                        + f": an opened source needs its {field.replace('_', ' ')}"
                    )
        elif accessed:
            problems.append(
                where("sources", line, row, "date_accessed")
                + ": a source that was not opened has no date accessed (set opened to true)"
            )
        if url and (urlsplit(url).scheme.lower() not in URL_SCHEMES or not urlsplit(url).netloc):
            problems.append(
                where("sources", line, row, "url") + f": {url!r} is not an http(s) address"
            )
        if not opened and not row.get("note", "").strip():
            problems.append(
                where("sources", line, row, "note")
                + ": a source that was not opened needs a note that says why and what was searched"
            )
    return problems


def _statement_problems(tables: Mapping[str, Rows], where: Where) -> list[str]:
    claims = {row.get("id", "") for _, row in tables.get("claims", ())}
    quoted = {row.get("quote", ""): row.get("id", "") for _, row in tables.get("claims", ())}
    problems = []
    for line, row in tables.get("statements", ()):
        quote = row.get("quote", "")
        if quote in quoted:
            problems.append(
                where("statements", line, row, "quote")
                + f": claim {quoted[quote]} already checks these words; one quote, one verdict"
                " (quote the part of the sentence the statement's verdict rests on)"
            )
        quoted.setdefault(quote, row.get("id", ""))
    for line, row in tables.get("statements", ()):
        if row.get("id") in claims:
            problems.append(where("statements", line, row, "id") + ": the id is also a claim's id")
        if row.get("verdict") != "unverified" and not row.get("source_id", "").strip():
            problems.append(
                where("statements", line, row, "source_id")
                + f": a verdict {row.get('verdict')!r} needs the source that decides it"
            )
    return problems


def _primary_problems(rows: Rows, where: Where) -> list[str]:
    primaries = Counter(
        row.get("claim_id", "") for _, row in rows if row.get("primary", "").lower() == "true"
    )
    problems, seen = [], set()
    for line, row in rows:
        claim = row.get("claim_id", "")
        if claim in seen or primaries[claim] == 1:
            continue
        seen.add(claim)
        problems.append(
            where("references", line, row, "primary")
            + f": claim {claim} has {primaries[claim]} primary references; it needs exactly one"
        )
    return problems


def _correction_problems(tables: Mapping[str, Rows], where: Where) -> list[str]:
    problems = []
    for line, row in tables.get("corrections", ()):
        kind, item = row.get("item_kind", ""), row.get("item_id", "")
        table = CORRECTED_TABLES.get(kind)
        if table is None:
            continue  # not in the vocabulary: the schema pass names it
        if item not in {other.get("id", "") for _, other in tables.get(table, ())}:
            problems.append(
                where("corrections", line, row, "item_id")
                + f": no {kind} {item!r} in {table}.csv; a correction names a row that exists"
            )
    return problems


def _article(tables: Mapping[str, Rows]) -> str:
    """The id of the article's own row in `sources`, as the `article` table names it."""
    return next((row.get("source_id", "") for _, row in tables.get(ARTICLE_TABLE, ())), "")


def _published(tables: Mapping[str, Rows]) -> str:
    """The article's publication date as its row of `sources` gives it ('' when none)."""
    article = _article(tables)
    rows = tables.get("sources", ())
    dates = (row.get("date_published", "") for _, row in rows if row.get("id") == article)
    return next(dates, "")


def _hindsight_problems(tables: Mapping[str, Rows], where: Where) -> list[str]:
    published, article = _published(tables), _article(tables)
    first, last = _period(published)
    problems = []
    for line, row in tables.get("events", ()):
        hindsight = row.get("hindsight", "").strip().lower() == "true"
        quoted = bool(row.get("quote", "").strip())
        date = _day(row.get("date", ""))
        if hindsight and quoted:
            problems.append(
                where("events", line, row, "quote")
                + ": an event after the article (hindsight true) cannot be quoted from it;"
                " empty the quote or set hindsight to false"
            )
        if hindsight and date and first and date < first:
            problems.append(
                where("events", line, row, "hindsight")
                + f": {date.isoformat()} is before the article's publication ({published},"
                f" sources row {article}); an earlier event is not hindsight"
            )
        if not hindsight and not quoted and date and last and date > last:
            problems.append(
                where("events", line, row, "hindsight")
                + f": {date.isoformat()} is after the article's publication ({published},"
                f" sources row {article}) and the article does not quote it;"
                " set hindsight to true"
            )
    return problems


def _period(text: str) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a YYYY, YYYY-MM or YYYY-MM-DD date; (None, None) if none."""
    parts = text.strip().split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 1:
            return dt.date(numbers[0], 1, 1), dt.date(numbers[0], 12, 31)
        if len(numbers) == 2:
            year, month = numbers
            return dt.date(year, month, 1), dt.date(
                year, month, calendar.monthrange(year, month)[1]
            )
        day = dt.date(*numbers)
        return day, day
    except (TypeError, ValueError):
        return None, None


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _per_member_problems(tables: Mapping[str, Rows], where: Where) -> list[str]:
    members = [row.get("code", "") for _, row in tables.get("members", ())]
    problems = []
    for table, (column, parent) in PER_MEMBER.items():
        if table not in tables:
            continue
        rows: dict[str, list[str]] = {}
        for _, row in tables[table]:
            rows.setdefault(row.get(column, ""), []).append(row.get("member", ""))
        for line, row in tables.get(parent, ()):
            present = rows.get(row.get("id", ""), [])
            missing = [member for member in members if member not in present]
            if missing:
                problems.append(
                    where(parent, line, row, "id")
                    + f": {table}.csv has no row for {', '.join(missing)}; give every member"
                    " state a row (with 'unknown' and a note where the sources do not say)"
                )
    return problems


def _unsettled_problems(tables: Mapping[str, Rows], where: Where) -> list[str]:
    problems = []
    for table, fields in UNSETTLED.items():
        for line, row in tables.get(table, ()):
            if row.get("note", "").strip():
                continue
            for field, values in fields.items():
                if row.get(field, "") in values:
                    problems.append(
                        where(table, line, row, "note")
                        + f": {field} {row[field]!r} leaves the fact open; say why in the note"
                        " (which sources were read, what they give)"
                    )
    return problems


def _cancelled_problems(tables: Mapping[str, Rows], where: Where) -> list[str]:
    cancelled = {
        row.get("id", "")
        for _, row in tables.get("exercises", ())
        if row.get("held", "").strip().lower() == "false"
    }
    return [
        where("exercise_participation", line, row, "sent_troops")
        + f": exercise {row.get('exercise')} was cancelled (held false), so nobody sent troops"
        for line, row in tables.get("exercise_participation", ())
        if row.get("exercise") in cancelled and row.get("sent_troops") == "yes"
    ]


FORECAST_START = "not_yet"
"""A forecast's outcome before its first step: what the first step must change."""


def _forecast_problems(tables: Mapping[str, Rows], where: Where) -> list[str]:
    """Each outcome step: a forecast's, after its event and the article, and a change."""
    predicted = {
        (row.get("paragraph", ""), row.get("position", ""))
        for _, row in tables.get("sentences", ())
        if row.get("prediction", "").strip()
    }
    event_dates = {
        row.get("id", ""): _day(row.get("date", "")) for _, row in tables.get("events", ())
    }
    published = _published(tables)
    first, _ = _period(published)
    problems = []
    previous: dict[tuple[str, str], str] = {}
    steps = sorted(tables.get("forecast_outcomes", ()), key=lambda item: _step_order(item[1]))
    for line, row in steps:
        key = (row.get("paragraph", ""), row.get("position", ""))
        date, event = _day(row.get("date", "")), event_dates.get(row.get("event_id", ""))
        if key not in predicted:
            problems.append(
                where("forecast_outcomes", line, row, "paragraph")
                + f": sentence {key[0]}.{key[1]} predicts nothing (no prediction in"
                " sentences.csv); give it its prediction or remove the step"
            )
        if date and event and date < event:
            problems.append(
                where("forecast_outcomes", line, row, "date")
                + f": {date.isoformat()} is before its deciding event {row.get('event_id')}"
                f" ({event.isoformat()})"
            )
        if date and first and date < first:
            problems.append(
                where("forecast_outcomes", line, row, "date")
                + f": {date.isoformat()} is before the article's publication ({published})"
            )
        outcome = row.get("outcome", "")
        if outcome == previous.get(key, FORECAST_START):
            problems.append(
                where("forecast_outcomes", line, row, "outcome")
                + f": {outcome!r} is the outcome already in force; a step changes it"
            )
        previous[key] = outcome
    return problems


def _step_order(row: Mapping[str, str]) -> tuple[int, int, str]:
    """A step's sentence and date, so that each sentence's steps are read in time order."""
    numbers = [row.get(field, "") for field in ("paragraph", "position")]
    paragraph, position = (int(n) if n.isdigit() else 0 for n in numbers)
    return paragraph, position, row.get("date", "")
