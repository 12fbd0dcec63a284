"""Narrative sentences as Markdown templates a researcher edits: Jinja2, with data text escaped.

The words of the brief and of each notebook's narrative live in `templates/*.md.j2` beside
this module; the Python beside them only computes the frame and hands it over. A template
writes a figure through a filter of `presentation.formatting` (`{{ share | percent }}`,
`{{ count | number }}`, `{{ day | date }}`, `{{ names | and_list }}`) and every other value
from the data is escaped on its way out, so nothing the data says becomes markup.

Rules, each enforced here rather than trusted:

- every `{{ value }}` is escaped as Markdown text (`formatting.markdown_text`) unless it is
  already Markdown: the output of a filter below, of `render`, or wrapped in `Markdown`;
- an undefined name is an error naming the template and the name, never an empty string;
- a template is found by name under `templates/`, or in the folder given to `render`;
- `{{ loop | sep }}` writes a list's separators (', ' and ' and '), and
  `{% filter oneline %}...{% endfilter %}` joins a sentence laid out on several lines.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.errors import ReportError
from analysis.presentation import formatting

if TYPE_CHECKING:
    import jinja2

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
"""The narrative's Markdown templates, one file per strand or section."""


class Markdown(str):
    """Text that is already Markdown (escaped where it came from the data): written as is."""

    __slots__ = ()


def _escape(value: Any) -> str:
    """What a `{{ }}` writes: Markdown as is, None as nothing said, anything else escaped."""
    if isinstance(value, Markdown):
        return value
    if value is None:
        raise ReportError("a narrative template wrote a missing value (None)")
    return formatting.markdown_text(value)


def _and_list(items: Iterable[Any]) -> Markdown:
    return Markdown(formatting.format_list([_escape(item) for item in items]))


def _plural(count: Any, singular: str, plural: str | None = None) -> Markdown:
    """'1 event', '3 events': the count formatted, the noun agreeing."""
    number = float(count)
    noun = singular if number == 1 else (plural or singular + "s")
    return Markdown(f"{formatting.format_number(number)} {formatting.markdown_text(noun)}")


def _sep(loop: Any) -> Markdown:
    """What goes before an item of a `{% for %}` list: nothing, ', ' or ' and ' (as `and_list`)."""
    if loop.first:
        return Markdown("")
    return Markdown(" and " if loop.last else ", ")


def _oneline(text: Any) -> Markdown:
    """A block laid out on several lines for reading, written as one line (one paragraph)."""
    return Markdown(" ".join(str(text).split()))


FILTERS = {
    "number": lambda value, decimals=None: Markdown(formatting.format_number(value, decimals)),
    "percent": lambda value, decimals=1: Markdown(formatting.format_percent(value, decimals)),
    "pp": lambda value, decimals=1, signed=True: Markdown(
        formatting.format_pp(value, decimals, signed)
    ),
    "usd": lambda value: Markdown(formatting.markdown_text(formatting.format_usd(value))),
    "value": lambda value, unit, decimals=1: Markdown(
        formatting.markdown_text(formatting.format_value(value, unit, decimals))
    ),
    "stated": lambda value, unit, comparator="=": Markdown(
        formatting.markdown_text(formatting.format_stated(value, unit, comparator))
    ),
    "date": lambda value, precision="day": Markdown(formatting.format_date(value, precision)),
    "verdict": lambda value: Markdown(formatting.format_verdict(value)),
    "and_list": _and_list,
    "plural": _plural,
    "markdown": lambda value: Markdown(value),
    "sep": _sep,
    "oneline": _oneline,
}
"""The filters a template formats with; each returns Markdown, written as is (a `$` escaped)."""


@functools.cache
def environment(directory: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """The Jinja2 environment of the narrative templates found in `directory`."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(directory)),
        autoescape=False,
        finalize=_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(FILTERS)
    return env


def render(template: str, directory: Path | None = None, /, **context: Any) -> Markdown:
    """The Markdown template `template` (`'brief/opening.md.j2'`) filled in with `context`.

    Parameters
    ----------
    template : str
        The template's path under `directory`.
    directory : pathlib.Path, optional
        Where the template lives; the package's `templates/` by default. A notebook's own
        templates can live beside it.
    **context
        The frames and figures the template writes.

    Returns
    -------
    Markdown
        The text, stripped, with runs of three or more newlines made two (a paragraph
        break), so a template can be laid out for reading.

    Raises
    ------
    ReportError
        One line naming the template, when it is missing or names a value not given.
    """
    import jinja2

    env = environment((directory or TEMPLATES_DIR).resolve())
    try:
        text = env.get_template(template).render(**context)
    except jinja2.TemplateNotFound as error:
        raise ReportError(
            f"no narrative template {template} in {directory or TEMPLATES_DIR}"
        ) from error
    except jinja2.UndefinedError as error:
        raise ReportError(f"narrative template {template}: {error.message}") from error
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return Markdown(text.strip())
