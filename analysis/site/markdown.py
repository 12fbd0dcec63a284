"""Markdown from the notebooks as safe HTML: raw HTML escaped, only http(s) and relative links."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from analysis.site.templating import safe_href


@dataclass(frozen=True)
class Block:
    """One top-level block of converted Markdown: its HTML, and its kind (mistune's name)."""

    html: str
    kind: str  # "paragraph", "table", "heading", "list", ...

    @property
    def table(self) -> bool:
        """Whether the block is a table (a template wraps it in a region that scrolls)."""
        return self.kind == "table"


def markdown_to_html(
    text: str, base: str = "", run_dir: Path | None = None, *, heading_shift: int = 1
) -> str:
    """Markdown as HTML, raw HTML escaped, headings shifted down, links rebased.

    Two walls keep markup in the text from running: mistune escapes raw HTML and refuses
    harmful link schemes itself, and before that every link and image is checked here.
    Links and images are written relative to the folder `base` of the run (a notebook's
    folder); they are rewritten relative to the run folder, where the landing page is,
    unless only the link as written resolves there (checked when `run_dir` is given).
    Links with other schemes than http(s) become their text; remote images their alt text.

    Parameters
    ----------
    text : str
        The Markdown.
    base : str
        The folder, relative to the run folder, that the Markdown's links are relative to.
    run_dir : Path, optional
        The run folder, to check where a relative link resolves.
    heading_shift : int
        Levels to add to every heading (a page's `#` becomes a section's `##`).

    Returns
    -------
    str
        The HTML.
    """
    blocks = markdown_blocks(text, base, run_dir, heading_shift=heading_shift)
    return "".join(block.html for block in blocks)


def markdown_blocks(
    text: str,
    base: str = "",
    run_dir: Path | None = None,
    *,
    heading_shift: int = 1,
    page: str = "",
) -> list[Block]:
    """Markdown as `markdown_to_html` converts it, one top-level block at a time.

    A template wraps each table block in a region that scrolls sideways by keyboard.

    Parameters
    ----------
    text : str
        The Markdown.
    base : str
        The folder, relative to the run folder, that the Markdown's links are relative to.
    run_dir : Path, optional
        The run folder, to check where a relative link resolves.
    heading_shift : int
        Levels to add to every heading.
    page : str
        Where a link to an anchor alone (`#Sources`) points, relative to the run folder:
        the notebook's page, when only part of its Markdown is shown. Default: as written.

    Returns
    -------
    list of Block
        The blocks in order; joined, they are `markdown_to_html`'s HTML.
    """
    import mistune

    convert = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
    html_renderer = convert.renderer

    def rewrite_then_render(tokens: Iterable[dict[str, Any]], state: Any) -> list[Block]:
        rewritten = _rewrite(list(tokens), base, run_dir, heading_shift, page)
        return [
            Block(str(html_renderer([token], state)), str(token.get("type")))  # type: ignore[misc]
            for token in rewritten
        ]

    convert.renderer = rewrite_then_render  # type: ignore[assignment]
    blocks, _ = convert.parse(text)
    return [block for block in blocks if isinstance(block, Block)]


def opening(
    texts: Iterable[str], base: str = "", run_dir: Path | None = None, *, page: str = ""
) -> str:
    """The first paragraph of a notebook's Markdown outputs as HTML: its opening, where a page
    shows no more of it (headings, lists and tables before it are passed over).

    Converted as `markdown_blocks` converts it; a link to an anchor of the notebook
    (`#Sources`) points at `page`, the notebook's own page, where the anchor is.

    Parameters
    ----------
    texts : iterable of str
        The Markdown outputs, in order.
    base : str
        The folder, relative to the run folder, that the Markdown's links are relative to.
    run_dir : Path, optional
        The run folder, to check where a relative link resolves.
    page : str
        The notebook's page, relative to the run folder.

    Returns
    -------
    str
        The paragraph's HTML, or "" when the outputs hold no paragraph.
    """
    for text in texts:
        for block in markdown_blocks(text, base, run_dir, page=page):
            if block.kind == "paragraph":
                return block.html
    return ""


def page_markdown(text: str) -> str:
    """A notebook page's Markdown (a cell, or a `text/markdown` output) as safe HTML.

    The build's `render-markdown` hook: `markdown_to_html` with headings and links as
    written, raw HTML escaped, links other than http(s) and relative ones as their text.
    """
    return markdown_to_html(text, heading_shift=0)


def _rewrite(
    tokens: list[dict[str, Any]], base: str, run_dir: Path | None, shift: int, page: str = ""
) -> list[dict[str, Any]]:
    """The parsed tokens with headings shifted, links rebased, unsafe links as their text."""
    result: list[dict[str, Any]] = []
    for token in tokens:
        children = token.get("children")
        if isinstance(children, list):
            token["children"] = _rewrite(children, base, run_dir, shift, page)
        kind = token.get("type")
        attrs = token.get("attrs", {})
        if kind == "heading":
            attrs["level"] = min(int(attrs["level"]) + shift, 6)
            attrs["id"] = _anchor(_plain(token.get("children", [])))
        elif kind == "link":
            href = _rebase(str(attrs["url"]), base, run_dir)
            if href is None:
                result.extend(token.get("children", []))
                continue
            attrs["url"] = f"{page}{href}" if page and href.startswith("#") else href
        elif kind == "image":
            src = _rebase(str(attrs["url"]), base, run_dir)
            if src is None or urlsplit(src).scheme:  # nothing is fetched from the network
                result.append({"type": "text", "raw": _plain(token.get("children", []))})
                continue
            attrs["url"] = src
        result.append(token)
    return result


def _anchor(text: str) -> str:
    """A heading's id as nbconvert gives it (words joined by '-'), in letters, digits, - and _.

    So a link such as `[1](#Sources)` in a notebook's Markdown finds its heading on the
    landing page as it does on the notebook's own page.
    """
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text.strip()).strip("-") or "section"


def _plain(tokens: list[dict[str, Any]]) -> str:
    """The text of inline tokens without their markup (an image's alt text)."""
    parts = []
    for token in tokens:
        if isinstance(token.get("children"), list):
            parts.append(_plain(token["children"]))
        elif token.get("type") in ("text", "codespan"):
            parts.append(str(token.get("raw", "")))
    return "".join(parts)


def _rebase(url: str, base: str, run_dir: Path | None) -> str | None:
    """`url`, written relative to the folder `base`, relative to the run folder instead."""
    if safe_href(url) is None:
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or url.startswith("/"):
        return url
    rebased = posixpath.normpath(posixpath.join(base, parts.path))
    if run_dir is not None and not (run_dir / rebased).exists() and (run_dir / parts.path).exists():
        return url
    return rebased + url[len(parts.path) :]
