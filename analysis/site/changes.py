"""The change report of a run: `changes.json`, the page `changes.html`, and a plain-text form.

The computation is the facts layer's (`analysis.facts.changes`); here it is only written out.
Every rendering takes its words from the same few functions (`headline`, `figure_text`,
`row_text`), so the page, the landing page's section and `csto-report diff` agree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.facts.changes import Changes, as_dict
from analysis.presentation.theme import verdict_label
from analysis.site.config import HOME
from analysis.site.templating import TEMPLATES_DIR, render

CHANGES_JSON = "changes.json"
"""The report as data, in the run folder."""

CHANGES_PAGE = "changes.html"
"""The report as a page, in the run folder."""

SUMMARY_VERDICTS = 5
"""How many changed verdicts the landing page's section lists before it links to the rest."""


@dataclass(frozen=True)
class ChangeSummary:
    """What the landing page's "What changed" section shows, and the page it links to."""

    comparable: bool
    headline: str
    page: str
    verdicts: list[str]
    more: int


def changes_json(changes: Changes) -> str:
    """The report as indented, key-sorted JSON ending in a newline: same report, same bytes."""
    return json.dumps(as_dict(changes), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_changes(
    run_dir: Path, changes: Changes, *, templates: Path = TEMPLATES_DIR
) -> list[Path]:
    """Write `changes.json` and `changes.html` into a run folder.

    Parameters
    ----------
    run_dir : Path
        The run folder.
    changes : Changes
        The report (`analysis.facts.changes.compare_runs`).
    templates : Path
        The templates folder.

    Returns
    -------
    list of Path
        The two files written.
    """
    written = []
    for name, text in (
        (CHANGES_JSON, changes_json(changes)),
        (CHANGES_PAGE, render_changes(changes, templates=templates)),
    ):
        path = Path(run_dir) / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def render_changes(changes: Changes, *, templates: Path = TEMPLATES_DIR) -> str:
    """The page `changes.html`: every change with its values and its causes."""
    data = as_dict(changes)
    return render(
        "changes.html.j2",
        templates,
        title="What changed since the previous run",
        home_href=HOME,
        sections=(),
        changes=data,
        headline=headline(data),
        figure_text=figure_text,
        row_text=row_text,
        verdict_text=_verdict,
        json_name=CHANGES_JSON,
    )


def summary(changes: Changes, page: str = CHANGES_PAGE) -> ChangeSummary:
    """The landing page's short section: the headline and the first verdicts that changed."""
    data = as_dict(changes)
    verdicts = [_verdict_line(v) for v in data["verdicts"]]
    return ChangeSummary(
        comparable=bool(data["comparable"]),
        headline=headline(data, named=False),
        page=page,
        verdicts=verdicts[:SUMMARY_VERDICTS],
        more=max(0, len(verdicts) - SUMMARY_VERDICTS),
    )


def headline(data: Mapping[str, Any], named: bool = True) -> str:
    """One sentence: how many verdicts, figures, rows and notebooks changed (or why none can).

    A notebook new in this run is counted as added, one gone as removed, not as changed.
    The change report names the run it compares with by its id (`named`); the landing page
    says "the previous run" instead, so that the same inputs built the same number of times
    give the same `index.html` in any reports folder (the id is the time of the run).
    """
    if not data["comparable"]:
        return str(data["note"])
    statuses = [nb["status"] for nb in data["notebooks"]]
    listed = sum(len(m["added"]) + len(m["removed"]) for m in data["membership"])
    parts = [
        _count(len(data["verdicts"]), "verdict", "verdicts", "changed"),
        _count(len(data["figures"]), "figure", "figures", "moved"),
        _count(listed, "claim, statement, event or source", "claims, statements, events or sources",
               "added or removed"),
        _count(len(data["data_rows"]), "data row", "data rows", "changed"),
        _count(statuses.count("changed"), "notebook", "notebooks", "changed"),
        *(_count(statuses.count(status), "notebook", "notebooks", status)
          for status in ("added", "removed") if status in statuses),
    ]  # fmt: skip
    since = f"run {data['previous']}" if named else "the previous run"
    return f"Since {since}: " + "; ".join(parts) + "."


def _count(number: int, one: str, many: str, verb: str) -> str:
    return f"{number if number else 'no'} {one if number == 1 else many} {verb}"


def figure_text(value: Any) -> str:
    """A value as the report prints it: thousands separated, two decimals, `none` if missing."""
    if value is None:
        return "none"
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def row_text(row: Mapping[str, Any], arrow: str = "->") -> str:
    """A data row's change as one phrase: `census[year=2021, group=Russians] count 1 -> 2`."""
    if row["change"] != "changed":
        return f"{row['label']} {row['change']}"
    fields = "; ".join(
        f"{f['field']} {_cell(f['old'])} {arrow} {_cell(f['new'])}" for f in row["fields"]
    )
    return f"{row['label']} {fields}"


def _cell(text: Any) -> str:
    return "(empty)" if text in (None, "") else str(text)


def _verdict_line(change: Mapping[str, Any]) -> str:
    return (
        f"{change['claim']}: {_verdict(change['old_verdict'])} -> "
        f"{_verdict(change['new_verdict'])} "
        f"(reference {figure_text(change['old_reference'])} -> "
        f"{figure_text(change['new_reference'])})"
    )


def _verdict(verdict: Any) -> str:
    """A verdict as readers see it (its label), or `none` where there was none."""
    return "none" if verdict in (None, "") else verdict_label(verdict)


def diff_text(changes: Changes) -> str:
    """The report as plain text, for `csto-report diff RUN_A RUN_B`; ends in a newline.

    Parameters
    ----------
    changes : Changes
        The report.

    Returns
    -------
    str
        A headline, then a section per kind of change that has any, each change with the
        values on both sides and, indented, what caused it.
    """
    data = as_dict(changes)
    lines = [headline(data)]
    if data["current"]:
        lines[0] = f"Run {data['current']}. " + lines[0]
    if not data["comparable"]:
        return lines[0] + "\n"
    verdicts = []
    for change in data["verdicts"]:
        stated = [change["old_value"], change["new_value"]]
        moved = f"; stated {' -> '.join(map(figure_text, stated))}" if len(set(stated)) > 1 else ""
        verdicts.append(
            f"{change['claim']} ({change['kind']}): {_verdict_line(change).split(': ', 1)[1]}"
            + moved
        )
        verdicts += _because(change)
    figures = []
    for change in data["figures"]:
        figures.append(
            f"{change['figure']} of {change['subject']}: "
            f"{figure_text(change['old'])} -> {figure_text(change['new'])}"
        )
        figures += _because(change)
    members = [
        f"{m['table']}: added {', '.join(m['added']) or 'none'}; "
        f"removed {', '.join(m['removed']) or 'none'}"
        for m in data["membership"]
    ]
    notebooks = []
    for nb in data["notebooks"]:
        if nb["status"] == "unchanged":
            continue
        narrative = "narrative changed" if nb["narrative_changed"] else "narrative unchanged"
        notebooks.append(
            f"{nb['name']}: {nb['status']}"
            + (f"; {narrative}" if nb["status"] == "changed" else "")
        )
        notebooks += [
            f"  {c['file']} ({c['status']}): {c['added']} rows added, {c['removed']} removed, "
            f"{c['changed']} changed"
            for c in nb["charts"]
        ]
        notebooks += [f"    because {cause}" for cause in nb["causes"]]
    sections = (
        ("Verdicts that changed", verdicts),
        ("Figures that moved", figures),
        ("Added or removed", members),
        ("Notebooks", notebooks),
        ("Data rows that changed", [row_text(row) for row in data["data_rows"]]),
        ("Other inputs that changed", [_cause_text(c) for c in data["causes"]]),
        ("Could not compare", list(data["errors"])),
    )
    for title, body in sections:
        if body:
            lines += ["", title, *(f"  {line}" for line in body)]
    return "\n".join(lines) + "\n"


def _because(change: Mapping[str, Any]) -> list[str]:
    return [f"    because {row_text(row)}" for row in change["data_rows"]] + [
        f"    because {cause}" for cause in change["causes"]
    ]


def _cause_text(cause: Mapping[str, Any]) -> str:
    return f"{cause['label']}: {figure_text(cause['old'])} -> {figure_text(cause['new'])}"


__all__: Sequence[str] = [
    "CHANGES_JSON",
    "CHANGES_PAGE",
    "ChangeSummary",
    "changes_json",
    "diff_text",
    "figure_text",
    "headline",
    "render_changes",
    "row_text",
    "summary",
    "write_changes",
]
