"""The site's Jinja2 environment: autoescaping templates, the shared stylesheet, safe links."""

from __future__ import annotations

import contextlib
import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    import jinja2
    import markupsafe

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
"""The site's templates; `csto_page/` in it is the nbconvert template of the notebook pages."""

LAYOUT = "layout"
"""The folder of what every page shares (stylesheet, head, header, footer): an nbconvert
base template too, so the notebook pages find it through their template chain."""

_END_TAG = re.compile(r"<(?=/)")
"""The start of an end tag: an inlined script must not hold one."""

_CONTROL = re.compile(r"[\x00-\x20\x7f]")

STYLESHEET = "site.css"
"""The one stylesheet of every page, inlined so that pages work offline from disk."""


def safe_href(href: Any) -> str | None:
    """`href` when it is a relative link or an http(s) address; None for anything else.

    Parameters
    ----------
    href : object
        A link target as found in the data or the run (None gives None).

    Returns
    -------
    str or None
        The link to emit, or None: emit the label as plain text.
    """
    if href is None:
        return None
    text = str(href)
    # As a browser reads it: percent-escapes decoded, control characters and spaces dropped.
    normalized = _CONTROL.sub("", unquote(text)).lower()
    return text if urlsplit(normalized).scheme in ("", "http", "https") else None


def to_json(value: Any) -> str:
    """A parameter's value as compact, key-sorted JSON text (escaped by the template)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@functools.cache
def environment(directory: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """The Jinja2 environment of the site's pages in `directory`.

    Autoescaping is on for every `.j2` template, undefined names are errors, and the
    layout folder is on the search path, so `chrome.html.j2` and `site.css` resolve as they
    do for the nbconvert page template.

    Parameters
    ----------
    directory : Path
        The templates folder (a copy, in tests that edit a template).

    Returns
    -------
    jinja2.Environment
        With the filters `safe_href`, `to_json`, `markdown` (`markdown_to_html`),
        `markdown_blocks`, `markdown_opening` (`opening`) and `json_ld`, and the globals
        `stylesheet()` and `script(name)`.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(directory), str(directory / LAYOUT)]),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("j2", "html"), default_for_string=True
        ),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = safe_href
    env.filters["to_json"] = to_json
    env.filters["markdown"] = _markdown
    env.filters["markdown_blocks"] = _markdown_blocks
    env.filters["markdown_opening"] = _markdown_opening
    env.filters["json_ld"] = _json_ld
    env.globals["stylesheet"] = functools.partial(stylesheet, directory)
    env.globals["script"] = functools.partial(script, directory)
    return env


def _markdown(text: str, base: str = "", run_dir: Path | None = None) -> markupsafe.Markup:
    """Markdown as safe HTML (escaped and checked by `markdown_to_html`) for a template."""
    import markupsafe

    from analysis.site.markdown import markdown_to_html

    return markupsafe.Markup(markdown_to_html(text, base, run_dir))


def _markdown_blocks(text: str, base: str = "", run_dir: Path | None = None) -> list[Any]:
    """Markdown as blocks of safe HTML, so that a template can wrap each table."""
    import markupsafe

    from analysis.site.markdown import markdown_blocks

    return [
        {"html": markupsafe.Markup(block.html), "table": block.table}
        for block in markdown_blocks(text, base, run_dir)
    ]


def _markdown_opening(
    texts: list[str], base: str = "", run_dir: Path | None = None, page: str = ""
) -> markupsafe.Markup:
    """The first paragraph of Markdown outputs as safe HTML (`opening`), for a template."""
    import markupsafe

    from analysis.site.markdown import opening

    return markupsafe.Markup(opening(texts, base, run_dir, page=page))


def stylesheet(directory: Path = TEMPLATES_DIR) -> markupsafe.Markup:
    """The shared stylesheet, to inline in a page's `<style>` element (ours: not escaped)."""
    import markupsafe

    return markupsafe.Markup((directory / LAYOUT / STYLESHEET).read_text(encoding="utf-8"))


def script(directory: Path, name: str) -> markupsafe.Markup:
    """A static script of the templates folder, to inline in a `<script>` element.

    Scripts are our own files, never built from data, and may not contain `</`.
    """
    import markupsafe

    text = (directory / name).read_text(encoding="utf-8")
    if _END_TAG.search(text):
        raise ValueError(f"{name} holds the start of an end tag, which would end its element")
    return markupsafe.Markup(text)


def _json_ld(value: Any) -> markupsafe.Markup:
    """JSON-LD text for a script element: safe there, since `json_ld` escapes `<`, `>`, `&`."""
    import markupsafe

    from analysis.site.claimreview import json_ld

    return markupsafe.Markup(json_ld(value))


def compile_templates(directory: Path = TEMPLATES_DIR) -> int:
    """Compile every page template of the site's environment now; return how many.

    Jinja compiles a template, and each one it extends, includes or imports, at first use;
    a build does it ahead, while its kernel template warms up. A template of
    another tool kept in the folder (nbconvert's page template) is left alone.
    """
    import jinja2

    templates = environment(directory)
    compiled = 0
    for name in templates.list_templates(extensions=["j2"]):
        if name.startswith(f"{LAYOUT}/"):
            continue  # found, and compiled, by its name in the layout folder
        with contextlib.suppress(jinja2.TemplateError):
            templates.get_template(name)
            compiled += 1
    return compiled


def render(template: str, directory: Path = TEMPLATES_DIR, **context: Any) -> str:
    """Render one template of the site with `context`; the text ends in one newline.

    Parameters
    ----------
    template : str
        The template's name, such as `index.html.j2`.
    directory : Path
        The templates folder.
    **context
        The template's variables: plain data (dataclasses, dicts, strings); never HTML.

    Returns
    -------
    str
        The page.
    """
    text = environment(directory).get_template(template).render(**context)
    return text.rstrip("\n") + "\n"
