"""Keep a README's list of each notebook's parameters equal to the notebooks' parameters cells.

The list stands between two marker lines (`BEGIN`, `END`, Markdown comments that no page
shows): per notebook its name in backticks, then its parameters cell's lines in a `python`
block. `write` writes it from the notebooks; `problems` names each notebook whose entry is
missing, stale or left over, with the command line's way to `fix` it. Generic: it knows the
markers, not the notebooks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from analysis.builder.params import notebook_parameters
from analysis.builder.plan import available_notebooks
from analysis.errors import ParameterError

BEGIN = "[//]: # (The notebooks' parameters, written from the notebooks: do not edit by hand)"
END = "[//]: # (End of the notebooks' parameters)"
_ENTRY = re.compile(
    r"^`(?P<name>[^`\n]+)`\n\n(?:```python\n.*?\n```|\(no parameters\))$", re.DOTALL | re.MULTILINE
)

Display = Callable[[Path], str]


def entries(folder: Path, display: Display = str) -> dict[str, str]:
    """Each notebook's entry as the README should hold it, by notebook name.

    Raises
    ------
    analysis.errors.ParameterError
        A notebook's parameters cell cannot be read (the message names the notebook).
    """
    found = {}
    for notebook in available_notebooks(folder):
        lines = [p.line() for p in notebook_parameters(notebook, display(notebook))]
        body = "```python\n" + "\n".join(lines) + "\n```" if lines else "(no parameters)"
        found[notebook.stem] = f"`{notebook.stem}`\n\n{body}"
    return found


def problems(
    readme: Path,
    folder: Path,
    display: Display = str,
    fix: str = "write it from the notebooks",
    *,
    complete: bool = True,
) -> list[str]:
    """One line per notebook whose README entry is missing, out of date or left over.

    Each line ends in `fix`, what to do about it (the command line names its command).
    `complete=False` lets a notebook with no entry yet pass (the tests: a notebook just
    added is listed by `validate --write-readme`, which the commit hook runs); an entry
    that is wrong or names no notebook is still a problem.
    """
    where = display(readme)
    listed = _listed(readme.read_text(encoding="utf-8"))
    if listed is None:
        return [f"{where}: no list of notebook parameters between {BEGIN!r} and {END!r}"]
    try:
        wanted = entries(folder, display)
    except ParameterError as error:
        return [str(error)]
    lines = [
        f"{where}: {display(folder / name)}.ipynb "
        + ("has no parameters entry" if name not in listed else "has changed parameters")
        + f"; {fix}"
        for name, entry in wanted.items()
        if listed.get(name) != entry and (complete or name in listed)
    ]
    lines += [
        f"{where}: lists {name}, which is no notebook; {fix}"
        for name in listed
        if name not in wanted
    ]
    return lines


def check(readme: Path, folder: Path, display: Display, fix: str) -> tuple[list[str], list[str]]:
    """What `validate` says of the README's list: (problems, notes), one line each.

    An entry that is wrong or names no notebook is a problem; a notebook not listed yet is
    a note, because the commit hook writes its entry. Each line ends in `fix`.
    """
    wrong = problems(readme, folder, display, fix, complete=False)
    return wrong, [line for line in problems(readme, folder, display, fix) if line not in wrong]


def write(readme: Path, folder: Path, display: Display = str) -> bool:
    """Write the notebooks' entries between the markers; whether the file changed."""
    text = readme.read_text(encoding="utf-8")
    if _listed(text) is None:
        raise ParameterError(f"{display(readme)}: no lines {BEGIN!r} and {END!r} to write between")
    head, rest = text.split(BEGIN + "\n", 1)
    _, tail = rest.split(END, 1)
    body = "\n\n".join(entries(folder, display).values())
    new = f"{head}{BEGIN}\n\n{body}\n\n{END}{tail}"
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


def _listed(text: str) -> dict[str, str] | None:
    if text.count(BEGIN + "\n") != 1 or text.count(END) != 1:
        return None
    inside = text.split(BEGIN + "\n", 1)[1].split(END, 1)[0]
    return {match["name"]: match.group(0) for match in _ENTRY.finditer(inside)}
