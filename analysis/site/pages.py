"""The report site of one run: a landing page, the annotated article and the data downloads."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import html
import json
import posixpath
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from analysis.paths import DATA_DIR, DESCRIPTOR_NAME
from analysis.site.article import VERDICT_COLOURS, render_article, render_page, safe_href

BRIEF = "00_brief"
"""The notebook whose Markdown outputs open the landing page."""

FACT_CHECK = "04_fact_check"
"""The notebook whose page every claim links to, when the run has it."""

SITE_DATA = "data"
"""The folder of the run that holds the data package's files for download."""

_ID_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A claim or event id (the descriptor's pattern), as found inside a figure CSV's cell."""

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$")

INDEX_CSS = """\
.lead{font-size:1.05rem}
.toc{display:flex;flex-wrap:wrap;gap:.2rem 1rem;padding:0;list-style:none;font-size:.95rem}
.prose{margin:1rem 0 2rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,17rem),1fr));\
gap:1rem;margin:1rem 0;padding:0;list-style:none}
.card{display:flex;flex-direction:column;gap:.4rem;padding:.8rem;font-size:.95rem;\
border:1px solid var(--rule);border-radius:6px;min-width:0}
.card h3{margin:0;font-size:1.1rem}
.card p{margin:0}
.card img{display:block;width:100%;border:1px solid var(--rule);border-radius:4px;\
background:#fff}
.card .status{color:#a40e26;font-weight:600}
dl.params{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.1rem .8rem;\
margin:0;font-size:.85rem}
dl.params dt{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
dl.params dd{margin:0;overflow-wrap:anywhere}
.verdicts{padding-left:1.2rem}
"""


@dataclass
class NotebookCard:
    """What the landing page shows of one notebook of the run."""

    name: str
    title: str
    summary: str = ""  # Markdown
    parameters: dict[str, Any] = field(default_factory=dict)
    status: str = "ok"
    page: str | None = None  # href, when the page exists
    thumbnail: tuple[str, str] | None = None  # (href, alt)


def write_site(run_dir: Path, manifest: Mapping[str, Any]) -> list[Path]:
    """Write the run's `index.html`, `article.html` and `data/` folder.

    The pages are static and self-contained (inline CSS, no scripts, nothing fetched from
    the network) and byte-identical for identical inputs: nothing from the manifest's
    `run` section (its id and times) goes into them.

    Parameters
    ----------
    run_dir : Path
        The run folder: `<stem>/<stem>.ipynb`, `<stem>/<stem>.html` and
        `<stem>/figures/*` for each notebook of the manifest.
    manifest : mapping
        The build record: `notebooks` (name, parameters, status, page, notebook,
        figures), `inputs` (path, sha256), `package_versions`, and the git commit
        (`git_commit`, or `git.commit`). A whole manifest with a `build` section works too.

    Returns
    -------
    list of Path
        The files written, sorted.
    """
    import analysis
    from analysis.facts.factcheck import claim_rows
    from analysis.facts.sources import with_sources

    run_dir = Path(run_dir)
    record = _build_record(manifest)
    cards = notebook_cards(run_dir, record)
    checked = claim_rows(analysis.fact_check())
    events = with_sources(analysis.load("events")).rename(
        columns={"source": "date_source", "source_url": "date_source_url"}
    )
    links = article_links(run_dir, cards, list(checked["claim"]), list(events["id"]))
    written = _copy_data(run_dir)
    article = render_article(checked=checked, events=events, seed=analysis.seed_text(), links=links)
    written.append(_write(run_dir / "article.html", article))
    verdicts = [str(value) for value in checked["verdict"]]
    index = render_index(run_dir, record, cards, verdicts, len(events))
    written.append(_write(run_dir / "index.html", index))
    return sorted(written)


def notebook_cards(run_dir: Path, manifest: Mapping[str, Any]) -> list[NotebookCard]:
    """One card per notebook of the manifest, in name order, read from the executed notebooks.

    The title and summary are the first markdown cell's `# Title` line and the paragraph
    after it; the thumbnail is the notebook's first PNG output, found among its figure
    files by content, with the output's `image/png.alt` metadata as alt text.
    """
    cards = []
    entries = sorted(manifest.get("notebooks", []), key=lambda entry: str(entry["name"]))
    for entry in entries:
        name = str(entry["name"])
        page = str(entry.get("page") or f"{name}/{name}.html")
        card = NotebookCard(
            name=name,
            title=name,
            parameters=dict(entry.get("parameters") or {}),
            status=str(entry.get("status", "ok")),
            page=page if (run_dir / page).is_file() else None,
        )
        notebook = _read_notebook(run_dir / str(entry.get("notebook") or f"{name}/{name}.ipynb"))
        if notebook is not None:
            card.title, card.summary = _title_and_summary(notebook, name)
            card.thumbnail = _thumbnail(run_dir, name, entry, notebook, card.title)
        cards.append(card)
    return cards


def article_links(
    run_dir: Path, cards: Sequence[NotebookCard], claim_ids: Iterable[str],
    event_ids: Iterable[str],
) -> dict[str, list[tuple[str, str]]]:  # fmt: skip
    """For each claim and event id, the notebook pages and charts that use it.

    A notebook uses an id when a cell of one of its figure CSVs (`<stem>/figures/*.csv`)
    holds it; the chart is the figure's PNG (else SVG, else the CSV). Every claim also
    links to the fact-check notebook's page when the run has it.

    Returns
    -------
    dict
        Id to (label, href) pairs, hrefs relative to the run folder, in notebook order.
    """
    claims = set(claim_ids)
    wanted = claims | set(event_ids)
    found: dict[str, list[tuple[str, str]]] = {}
    for card in sorted(cards, key=lambda c: c.name):
        figures = run_dir / card.name / "figures"
        for table in sorted(figures.glob("*.csv")) if figures.is_dir() else []:
            chart = _chart_for(table)
            chart_href = chart.relative_to(run_dir).as_posix()
            for ident in sorted(_ids_in_csv(table) & wanted):
                pairs = found.setdefault(ident, [])
                if card.page is not None and (card.title, card.page) not in pairs:
                    pairs.append((card.title, card.page))
                pairs.append((f"{card.title}: chart “{table.stem}”", chart_href))
        if card.name == FACT_CHECK and card.page is not None:
            for ident in sorted(claims):
                pairs = found.setdefault(ident, [])
                if (card.title, card.page) not in pairs:
                    pairs.append((card.title, card.page))
    return {ident: found[ident] for ident in sorted(found)}


def render_index(
    run_dir: Path,
    manifest: Mapping[str, Any],
    cards: Sequence[NotebookCard],
    verdicts: Sequence[str],
    event_count: int,
) -> str:
    """The landing page: the brief, a card per notebook, the article, the data, provenance."""
    descriptor = _descriptor()
    brief = next((card for card in cards if card.name == BRIEF), None)
    brief_html = _brief_html(run_dir, manifest, brief)
    body = [
        f"<h1>{_text(descriptor.get('title', 'Reports'))}</h1>\n",
        '<nav aria-label="Sections"><ul class="toc">'
        '<li><a href="#brief">Brief</a></li><li><a href="#reports">Reports</a></li>'
        '<li><a href="#article">Annotated article</a></li><li><a href="#data">Data</a></li>'
        '<li><a href="#provenance">Provenance</a></li></ul></nav>\n',
        f'<section id="brief" class="prose">\n<h2>{_text(brief.title if brief else "Brief")}</h2>\n'
        f"{brief_html}</section>\n",
        _cards_html(cards, run_dir),
        _article_section(verdicts, event_count),
        _data_section(descriptor),
        _provenance_section(manifest),
    ]
    return render_page(str(descriptor.get("title", "Reports")), "".join(body), home_href=None,
                       css=INDEX_CSS)  # fmt: skip


def markdown_to_html(text: str, base: str = "", run_dir: Path | None = None) -> str:
    """Markdown as HTML, raw HTML escaped, headings one level down, links rebased.

    Links and images are written relative to the folder `base` of the run (a notebook's
    folder); they are rewritten relative to the run folder, where the landing page is,
    unless only the link as written resolves there (checked when `run_dir` is given).
    Links with other schemes than http(s) become plain text; remote images their alt text.
    """
    import mistune

    convert = mistune.create_markdown(escape=True, renderer=_renderer_class()(base, run_dir),
                                      plugins=["table", "strikethrough"])  # fmt: skip
    return str(convert(text))


@functools.cache
def _renderer_class() -> type[Any]:
    """Mistune's HTML renderer with safe, rebased links and headings one level down."""
    import mistune

    class SiteRenderer(mistune.HTMLRenderer):
        def __init__(self, base: str, run_dir: Path | None) -> None:
            super().__init__(escape=True)
            self._base = base
            self._run_dir = run_dir

        def heading(self, text: str, level: int, **attrs: Any) -> str:
            tag = f"h{min(level + 1, 6)}"
            return f"<{tag}>{text}</{tag}>\n"

        def link(self, text: str, url: str, title: str | None = None) -> str:
            href = _rebase(url, self._base, self._run_dir)
            if href is None:
                return text
            titled = f' title="{_attr(title)}"' if title else ""
            return f'<a href="{_attr(href)}"{titled}>{text}</a>'

        def image(self, text: str, url: str, title: str | None = None) -> str:
            alt = html.unescape(re.sub(r"<[^>]*>", "", text))
            src = _rebase(url, self._base, self._run_dir)
            if src is None or urlsplit(src).scheme:
                return _text(alt)  # nothing is fetched from the network
            return f'<img src="{_attr(src)}" alt="{_attr(alt)}">'

    return SiteRenderer


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


def _build_record(manifest: Mapping[str, Any]) -> Mapping[str, Any]:
    """The manifest's build record (never its `run` section)."""
    build = manifest.get("build")
    if "notebooks" not in manifest and isinstance(build, Mapping):
        return build
    return {key: value for key, value in manifest.items() if key != "run"}


def _read_notebook(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return result


def _source(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _title_and_summary(notebook: Mapping[str, Any], fallback: str) -> tuple[str, str]:
    """The first markdown cell's `# Title` line and the paragraph after it."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        lines = _source(cell.get("source")).splitlines()
        title, rest = fallback, lines
        for index, line in enumerate(lines):
            match = _HEADING.match(line.strip())
            if match:
                title, rest = match.group(1).strip(), lines[index + 1 :]
                break
        paragraph: list[str] = []
        for line in rest:
            if line.strip():
                if line.lstrip().startswith("#") and not paragraph:
                    continue
                paragraph.append(line.strip())
            elif paragraph:
                break
        return _plain(title), " ".join(paragraph)
    return fallback, ""


def _plain(markdown: str) -> str:
    """A heading's text without inline Markdown markers."""
    return re.sub(r"[*_`]", "", markdown).strip()


def _outputs(notebook: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            yield from cell.get("outputs", [])


def _thumbnail(
    run_dir: Path, name: str, entry: Mapping[str, Any], notebook: Mapping[str, Any], title: str
) -> tuple[str, str] | None:
    """The figure file whose bytes are the notebook's first PNG output, and its alt text."""
    first = next((out for out in _outputs(notebook) if "image/png" in out.get("data", {})), None)
    if first is None:
        return None
    try:
        png = base64.b64decode("".join(_source(first["data"]["image/png"]).split()))
    except (binascii.Error, ValueError):
        return None
    digest = hashlib.sha256(png).hexdigest()
    candidates = sorted(
        {str(path) for path in entry.get("figures", []) if str(path).endswith(".png")}
        | {p.relative_to(run_dir).as_posix() for p in (run_dir / name / "figures").glob("*.png")}
    )
    for candidate in candidates:
        path = run_dir / candidate
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            return candidate, _alt(first, title)
    return None


def _alt(output: Mapping[str, Any], title: str) -> str:
    """The output's `image/png.alt` metadata, else its text/plain form, else a description."""
    metadata = output.get("metadata", {}).get("image/png", {})
    alt = metadata.get("alt") if isinstance(metadata, Mapping) else None
    if not alt:
        plain = _source(output.get("data", {}).get("text/plain", ""))
        alt = "" if plain.startswith("<Figure") else plain
    return " ".join(str(alt).split()) or f"The first chart of {title}"


def _chart_for(table: Path) -> Path:
    for suffix in (".png", ".svg"):
        chart = table.with_suffix(suffix)
        if chart.is_file():
            return chart
    return table


def _ids_in_csv(path: Path) -> set[str]:
    import csv

    found: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            for cell in row:
                found.update(_ID_TOKEN.findall(cell))
    return found


def _brief_html(run_dir: Path, manifest: Mapping[str, Any], brief: NotebookCard | None) -> str:
    """The Markdown outputs of the executed brief notebook, as HTML."""
    if brief is None:
        return f"<p>This run has no brief (the <code>{BRIEF}</code> notebook).</p>\n"
    entry = next(e for e in manifest.get("notebooks", []) if str(e["name"]) == BRIEF)
    notebook = _read_notebook(run_dir / str(entry.get("notebook") or f"{BRIEF}/{BRIEF}.ipynb"))
    parts = [
        markdown_to_html(_source(output["data"]["text/markdown"]), BRIEF, run_dir)
        for output in (_outputs(notebook) if notebook is not None else [])
        if "text/markdown" in output.get("data", {})
    ]
    if not parts:
        return "<p>The brief has no output in this run.</p>\n"
    more = f'<p><a href="{_attr(brief.page)}">The brief as a page</a></p>\n' if brief.page else ""
    return "".join(parts) + more


def _cards_html(cards: Sequence[NotebookCard], run_dir: Path) -> str:
    items = []
    for card in cards:
        title = _text(card.title)
        heading = f'<a href="{_attr(card.page)}">{title}</a>' if card.page else title
        parts = [f"<h3>{heading}</h3>"]
        if card.thumbnail is not None:
            href, alt = card.thumbnail
            image = f'<img src="{_attr(href)}" alt="{_attr(alt)}">'
            parts.append(f'<a href="{_attr(card.page)}">{image}</a>' if card.page else image)
        if card.summary:
            parts.append(markdown_to_html(card.summary, card.name, run_dir))
        if card.status not in ("ok", "reused"):
            parts.append(f'<p class="status">Status: {_text(card.status)}</p>')
        if card.parameters:
            rows = "".join(
                f"<dt>{_text(key)}</dt><dd>{_text(_json(card.parameters[key]))}</dd>"
                for key in sorted(card.parameters)
            )
            parts.append(f'<dl class="params" aria-label="Parameters">{rows}</dl>')
        parts.append(f'<p class="muted"><code>{_text(card.name)}</code></p>')
        items.append(f'<li class="card">{"".join(parts)}</li>\n')
    listing = f'<ul class="cards">\n{"".join(items)}</ul>\n' if items else "<p>No reports.</p>\n"
    return f'<section id="reports">\n<h2>Reports</h2>\n{listing}</section>\n'


def _article_section(verdicts: Sequence[str], event_count: int) -> str:
    counts = "".join(
        f"<li>{verdicts.count(kind)} {_text(kind)}</li>"
        for kind in VERDICT_COLOURS
        if kind in verdicts
    )
    return (
        '<section id="article">\n<h2>The annotated article</h2>\n'
        '<p><a href="article.html">The article with every claim and event marked</a>: '
        f"{len(verdicts)} claims, each with its verdict against the reference data, and "
        f"{event_count} dated events.</p>\n"
        f'<ul class="verdicts">{counts}</ul>\n</section>\n'
    )


def _data_section(descriptor: Mapping[str, Any]) -> str:
    rows = []
    for resource in sorted(descriptor.get("resources", []), key=lambda r: str(r["name"])):
        path = str(resource["path"])
        count = _row_count(DATA_DIR / path)
        rows.append(
            f'<tr><td><a href="{_attr(SITE_DATA + "/" + path)}">{_text(path)}</a></td>'
            f"<td>{_text(resource.get('title', resource['name']))}</td>"
            f"<td>{count}</td><td>{_text(resource.get('description', ''))}</td></tr>"
        )
    return (
        '<section id="data">\n<h2>Data</h2>\n'
        "<p>Each table of the data package as CSV, and the "
        f'<a href="{SITE_DATA}/{DESCRIPTOR_NAME}">descriptor</a> ({DESCRIPTOR_NAME}, '
        "Frictionless Data Package) that gives their fields, types, units and sources.</p>\n"
        '<div class="scroll"><table>\n<thead><tr><th>File</th><th>Table</th><th>Rows</th>'
        f"<th>What it holds</th></tr></thead>\n<tbody>\n{chr(10).join(rows)}\n</tbody>\n"
        "</table></div>\n</section>\n"
    )


def _provenance_section(manifest: Mapping[str, Any]) -> str:
    git = manifest.get("git")
    commit = manifest.get("git_commit")
    dirty = None
    if isinstance(git, Mapping):
        commit = commit or git.get("commit")
        dirty = git.get("dirty")
    lines = [
        f"<li>Code: commit <code>{_text(commit)}</code>"
        + (" with uncommitted changes" if dirty else "")
        + "</li>"
        if commit
        else "<li>Code: not from a git checkout (no commit recorded)</li>"
    ]
    package = manifest.get("package")
    if isinstance(package, Mapping) and package.get("name"):
        lines.append(
            f"<li>Package: <code>{_text(package['name'])}</code> {_text(package.get('version'))}"
            "</li>"
        )
    if manifest.get("python"):
        lines.append(f"<li>Python {_text(manifest['python'])}</li>")
    inputs = sorted(manifest.get("inputs", []), key=lambda record: str(record.get("path")))
    input_rows = "".join(
        f"<tr><td><code>{_text(record.get('path'))}</code></td>"
        f'<td><code class="mono">{_text(record.get("sha256"))}</code></td></tr>\n'
        for record in inputs
    )
    versions = manifest.get("package_versions") or {}
    version_rows = "".join(
        f"<tr><td>{_text(name)}</td><td>{_text(versions[name])}</td></tr>\n"
        for name in sorted(versions)
    )
    return (
        '<section id="provenance">\n<h2>Provenance</h2>\n'
        f"<ul>{''.join(lines)}</ul>\n"
        "<h3>Inputs</h3>\n"
        '<div class="scroll"><table>\n<thead><tr><th>File</th><th>sha256</th></tr></thead>\n'
        f"<tbody>\n{input_rows}</tbody>\n</table></div>\n"
        "<h3>Package versions</h3>\n"
        '<div class="scroll"><table>\n<thead><tr><th>Package</th><th>Version</th></tr></thead>\n'
        f"<tbody>\n{version_rows}</tbody>\n</table></div>\n</section>\n"
    )


def _descriptor() -> dict[str, Any]:
    result: dict[str, Any] = json.loads((DATA_DIR / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    return result


def _copy_data(run_dir: Path) -> list[Path]:
    """The data package's CSVs and descriptor, byte for byte, into `<run>/data/`."""
    target = run_dir / SITE_DATA
    target.mkdir(parents=True, exist_ok=True)
    names = sorted({str(r["path"]) for r in _descriptor()["resources"]} | {DESCRIPTOR_NAME})
    written = []
    for name in names:
        shutil.copyfile(DATA_DIR / name, target / name)
        written.append(target / name)
    return written


def _row_count(path: Path) -> int:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return max(0, sum(1 for _ in csv.reader(handle)) - 1)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _text(value: Any) -> str:
    return html.escape(str(value), quote=False)


def _attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


__all__ = [
    "NotebookCard",
    "article_links",
    "markdown_to_html",
    "notebook_cards",
    "render_index",
    "write_site",
]
