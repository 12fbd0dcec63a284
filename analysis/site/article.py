"""The annotated article page: the seed's text with each claim's and event's passage marked."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from analysis.presentation import theme
from analysis.presentation.formatting import (
    MINUS,
    format_date,
    format_number,
    format_stated,
    format_value,
)

if TYPE_CHECKING:
    import pandas as pd

ARTICLE_TITLE = "The Demise of Putin's Little Non-NATO"
ARTICLE_PUBLISHER = "CEPA, September 2023"
ARTICLE_URL = "https://cepa.org/article/the-demise-of-putins-little-non-nato/"

VERDICT_COLOURS: dict[str, str] = dict(theme.VERDICT_COLORS)
"""Hex colour of each verdict: the house theme's colour-blind-safe (Okabe-Ito) palette."""

EVENT_COLOUR = theme.BLUE
"""Events carry no verdict: a calm blue that no verdict uses."""

SYMBOLS: dict[str, str] = {**theme.VERDICT_SYMBOLS, "event": "◆"}
"""The second cue besides colour: a symbol after each marked passage."""

UNDERLINES: dict[str, str] = {
    "consistent": "solid",
    "close": "dashed",
    "discrepant": "wavy",
    "unverified": "dotted",
    "event": "double",
}
"""The third cue: each kind of mark has its own underline style."""

MEANINGS: dict[str, str] = {
    "consistent": "the reference lies within what the claim admits",
    "close": "the reference lies just outside, within the tolerance",
    "discrepant": "the reference is further off",
    "unverified": "no source at hand confirms the claim",
    "event": "a dated event the article mentions (no verdict)",
}

BASE_CSS = """\
:root{color-scheme:light;--text:#1b1f23;--muted:#57606a;--rule:#d0d7de;--soft:#f6f8fa;\
--link:#0b5cad}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:48rem;padding:1rem;color:var(--text);background:#fff;\
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
font-size:1rem;line-height:1.55;overflow-wrap:break-word}
a{color:var(--link)}
nav.home{margin-bottom:1.5rem;font-size:.95rem}
h1,h2,h3,h4{line-height:1.25;margin:1.6em 0 .6em}
h1{font-size:1.8rem;margin-top:.5em}
img{max-width:100%;height:auto}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;\
font-size:.875rem;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.9rem;font-variant-numeric:tabular-nums}
.prose table{display:block;overflow-x:auto;max-width:100%}
th,td{padding:.3rem .6rem;border-bottom:1px solid var(--rule);text-align:left;\
vertical-align:top}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);\
white-space:nowrap}
@media (max-width:30rem){body{padding:.75rem}h1{font-size:1.5rem}}
@media print{nav.home{display:none}}
"""
"""Styles every page of the site shares (one readable column, system fonts)."""


def render_page(title: str, body: str, *, home_href: str | None, css: str = "") -> str:
    """A complete, self-contained HTML page: inline CSS, no scripts, nothing from the network.

    Parameters
    ----------
    title : str
        The page's title (plain text; escaped here).
    body : str
        The HTML inside `<main>`, already escaped.
    home_href : str or None
        Link back to the landing page, shown at the top; None on the landing page itself.
    css : str
        Styles added after `BASE_CSS`.

    Returns
    -------
    str
        The page, ending in a newline.
    """
    nav = (
        f'<nav class="home"><a href="{_attr(home_href)}">← All reports</a></nav>\n'
        if home_href is not None
        else ""
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(title)}</title>\n"
        f"<style>\n{BASE_CSS}{css}</style>\n</head>\n<body>\n{nav}<main>\n{body}</main>\n"
        "</body>\n</html>\n"
    )


@dataclass(frozen=True)
class _Note:
    """One marked passage's annotation: a claim or an event, with its details box."""

    key: str  # "claim:<id>" or "event:<id>": unique across both tables
    anchor: str  # the details box's element id
    kind: str  # the CSS suffix: a verdict, or "event"
    quote: str
    box: str  # the details box's HTML
    summary: str  # one line for the list of passages
    order: int


@dataclass(frozen=True)
class _Piece:
    """The part of a note's passage that lies in one paragraph (seed offsets)."""

    start: int
    end: int
    note: _Note


def render_article(
    *,
    checked: pd.DataFrame,
    events: pd.DataFrame,
    seed: str,
    links: Mapping[str, Sequence[tuple[str, str]]],
    home_href: str = "index.html",
) -> str:
    """The article, paragraph by paragraph, with every quoted passage marked in place.

    Each claim's passage is coloured by its verdict, with an underline style and a symbol
    as second cues; each event's passage is marked in a neutral colour. Every mark is
    focusable and shows, on hover and on focus, a details box: the claim's value and the
    reference with its source, the verdict, and links to the pages and charts that use it.
    Passages that overlap (or coincide) form one mark that shows every details box.

    Parameters
    ----------
    checked : pandas.DataFrame
        `analysis.fact_check()`: one row per claim with its quote and verdict.
    events : pandas.DataFrame
        `analysis.load("events")`.
    seed : str
        The article's text, one paragraph a line.
    links : mapping
        Claim or event id to (label, href) pairs: the notebook pages and charts using it.
    home_href : str
        The landing page, linked at the top.

    Returns
    -------
    str
        The page's HTML. Every data string is escaped; the page has no scripts.
    """
    notes = _claim_notes(_records(checked), links) + _event_notes(_records(events), links)
    spans = {note.key: _span(note.quote, seed) for note in notes}
    placed: dict[str, str] = {}  # note key -> id of the (first) mark that holds it
    taken: set[str] = set()  # ids of the marks so far
    paragraphs = []
    for start, end in _paragraphs(seed):
        pieces = [
            _Piece(max(span[0], start), min(span[1], end), note)
            for note in notes
            if (span := spans[note.key]) is not None and span[0] < end and span[1] > start
        ]
        body = _paragraph(seed, start, end, pieces, placed, taken)
        paragraphs.append(f'<p class="para">{body}</p>\n')
    counts = _counts(notes)
    body = (
        f"<h1>{_text(ARTICLE_TITLE)}</h1>\n"
        f'<p class="muted">{_text(ARTICLE_PUBLISHER)}. '
        f'<a href="{_attr(ARTICLE_URL)}">The original article</a>. '
        "The text below is the article as stored in this package; each quoted passage is "
        "marked. Hover over a mark, or move to it with Tab, to see its details.</p>\n"
        f'<p class="muted">{_text(counts)}</p>\n'
        f"{_legend()}"
        f'<article class="seed">\n{"".join(paragraphs)}</article>\n'
        f"{_passage_list(notes, spans, placed)}"
    )
    return render_page(f"{ARTICLE_TITLE}: the annotated article", body, home_href=home_href,
                       css=article_css())  # fmt: skip


def article_css() -> str:
    """The marks' styles: a tint, an underline style and a colour per verdict and for events."""
    rules = [
        ".para{position:relative;line-height:1.9}",
        # Vertical padding widens the hover area to the details box below the line.
        ".mark{cursor:help;border-radius:2px;padding:.45em 0}",
        ".mark:focus{outline:2px solid var(--text);outline-offset:2px}",
        ".hl{text-decoration-line:underline;text-decoration-thickness:2px;"
        "text-underline-offset:.2em;text-decoration-skip-ink:none;"
        "-webkit-box-decoration-break:clone;box-decoration-break:clone}",
        ".hl .hl{text-underline-offset:.45em}",
        ".hl .hl .hl{text-underline-offset:.7em}",
        ".sym{display:inline-block;min-width:1.25em;margin-left:.1em;padding:0 .15em;"
        "border:1px solid;border-radius:3px;font-size:.8em;line-height:1.3;text-align:center;"
        "font-weight:700;color:var(--text);vertical-align:.15em}",
        # The box's transparent top band reaches up into the mark's line: no gap to cross.
        ".details{display:none;position:absolute;left:0;right:0;z-index:10;cursor:auto;"
        "line-height:1.45;font-size:.9rem;margin-top:-.5em;padding-top:.5em}",
        ".mark:hover>.details,.mark:focus-within>.details{display:block}",
        ".box{display:block;margin:0 0 .1rem;padding:.5rem .7rem;background:#fff;"
        "border:1px solid var(--rule);border-left:6px solid;border-radius:4px;"
        "box-shadow:0 4px 14px rgba(0,0,0,.18)}",
        ".box>span{display:block}",
        ".box .head{font-weight:700;margin-bottom:.2rem}",
        ".box b{font-weight:600}",
        ".legend{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;list-style:none;margin:1rem 0;"
        "padding:.6rem .8rem;background:var(--soft);border-radius:4px;font-size:.9rem}",
        ".legend li{flex:1 1 15rem}",
        ".passages{font-size:.92rem}",
        ".passages li{margin:.3rem 0}",
        "@media print{.details{display:none!important}}",
    ]
    for kind, colour in _colours().items():
        style = UNDERLINES[kind]
        rules.append(
            f".hl.v-{kind}{{background:{_tint(colour)};text-decoration-color:{colour};"
            f"text-decoration-style:{style}}}"
        )
        rules.append(f".sym.v-{kind},.box.v-{kind}{{border-color:{colour}}}")
        rules.append(f".sym.v-{kind}{{background:{_tint(colour, 0.35)}}}")
    return "\n".join(rules) + "\n"


def format_difference(difference: float, unit: str) -> str:
    """Reference minus claim, signed: '+0.8 percentage points', '−10 percentage points'."""
    sign = "+" if difference > 0 else MINUS if difference < 0 else "±"
    if unit == "percent":
        return f"{sign}{format_number(abs(difference), 1).removesuffix('.0')} percentage points"
    return sign + format_value(abs(difference), unit)


def safe_href(href: str) -> str | None:
    """`href` when it is a relative link or an http(s) address; None for anything else."""
    scheme = urlsplit(href).scheme.lower()
    return href if scheme in ("", "http", "https") else None


def _claim_notes(
    rows: list[dict[str, Any]], links: Mapping[str, Sequence[tuple[str, str]]]
) -> list[_Note]:
    notes = []
    for order, row in enumerate(rows):
        ident = str(row["claim"])
        kind = str(row["verdict"]) if row["verdict"] is not None else "unverified"
        if kind not in VERDICT_COLOURS:
            raise ValueError(f"claim {ident!r} has an unknown verdict {kind!r}")
        unit = str(row["unit"])
        said = format_stated(float(row["value"]), unit, str(row["comparator"]))
        lines = [
            f'<span class="head">{_symbol(kind)} {_text(kind.capitalize())}: '
            f"{_text(row['indicator'])} ({_text(row['subject'])})</span>",
            f"<span><b>The article:</b> {_text(said)}</span>",
        ]
        if row["reference"] is None:
            lines.append("<span><b>Reference:</b> none found</span>")
        else:
            when = row["reference_date"]
            dated = f" ({format_date(when)})" if when is not None else ""
            lines.append(
                f"<span><b>Reference:</b> {_text(format_value(float(row['reference']), unit))}"
                f"{_text(dated)}, {_link(row['source'], row['source_url'])}</span>"
            )
            if row["difference"] is not None:
                difference = format_difference(float(row["difference"]), unit)
                lines.append(f"<span><b>Reference minus claim:</b> {_text(difference)}</span>")
        lines.append(f"<span><b>Verdict:</b> {_text(kind)}: {_text(MEANINGS[kind])}</span>")
        if row["note"] is not None:
            lines.append(f"<span><b>Note:</b> {_text(row['note'])}</span>")
        lines.extend(_used_in(links.get(ident, ())))
        lines.append(f'<span class="muted">Claim <code>{_text(ident)}</code></span>')
        anchor = f"claim-{ident}"
        summary = f"{_text(row['indicator'])}: {_text(said)} ({_text(kind)})"
        notes.append(_note(f"claim:{ident}", anchor, kind, row["quote"], lines, summary, order))
    return notes


def _event_notes(
    rows: list[dict[str, Any]], links: Mapping[str, Sequence[tuple[str, str]]]
) -> list[_Note]:
    notes = []
    for order, row in enumerate(rows):
        ident = str(row["id"])
        precision = str(row["date_precision"])
        when = format_date(row["date"], precision)
        if row["end_date"] is not None:
            when += f" to {format_date(row['end_date'])}"
        lines = [
            f'<span class="head">{_symbol("event")} Event: {_text(row["title"])}</span>',
            f"<span><b>Date:</b> {_text(when)}</span>",
            f"<span><b>Kind:</b> {_text(row['kind'])}; <b>direction:</b> "
            f"{_text(str(row['direction']).replace('_', ' '))}</span>",
            f"<span><b>Date source:</b> {_link(row['date_source'], row['date_source_url'])}</span>",
        ]
        if row["note"] is not None:
            lines.append(f"<span><b>Note:</b> {_text(row['note'])}</span>")
        lines.extend(_used_in(links.get(ident, ())))
        lines.append(f'<span class="muted">Event <code>{_text(ident)}</code></span>')
        summary = f"{_text(row['title'])}, {_text(when)} (event)"
        notes.append(
            _note(f"event:{ident}", f"event-{ident}", "event", row["quote"], lines, summary,
                  10_000 + order)
        )  # fmt: skip
    return notes


def _note(
    key: str, anchor: str, kind: str, quote: Any, lines: list[str], summary: str, order: int
) -> _Note:
    box = (
        f'<span class="box v-{kind}" id="{_attr(anchor)}" data-ref="{_attr(key)}">'
        + "".join(lines)
        + "</span>"
    )
    return _Note(key, anchor, kind, str(quote), box, summary, order)


def _used_in(links: Iterable[tuple[str, str]]) -> list[str]:
    anchors = []
    for label, href in links:
        safe = safe_href(href)
        if safe is not None:
            anchors.append(f'<a href="{_attr(safe)}">{_text(label)}</a>')
    return [f"<span><b>Used in:</b> {'; '.join(anchors)}</span>"] if anchors else []


def _paragraph(
    seed: str, start: int, end: int, pieces: list[_Piece], placed: dict[str, str], taken: set[str]
) -> str:
    """One paragraph's HTML: plain text between marks; overlapping passages share a mark."""
    pieces = sorted(pieces, key=lambda p: (p.start, -p.end, p.note.order))
    clusters: list[list[_Piece]] = []
    reach = -1
    for piece in pieces:
        if clusters and piece.start < reach:
            clusters[-1].append(piece)
            reach = max(reach, piece.end)
        else:
            clusters.append([piece])
            reach = piece.end
    out = []
    position = start
    for cluster in clusters:
        low = cluster[0].start
        high = max(piece.end for piece in cluster)
        out.append(_text(seed[position:low]))
        out.append(_mark(seed, cluster, low, high, placed, taken))
        position = high
    out.append(_text(seed[position:end]))
    return "".join(out)


def _mark(
    seed: str,
    cluster: list[_Piece],
    low: int,
    high: int,
    placed: dict[str, str],
    taken: set[str],
) -> str:
    """One focusable mark: the passage, nested highlights per note, symbols, details boxes."""
    bounds = sorted({low, high} | {p.start for p in cluster} | {p.end for p in cluster})
    segments = []
    for left, right in itertools.pairwise(bounds):
        covering = [p for p in cluster if p.start <= left and p.end >= right]
        opening = "".join(
            f'<span class="hl v-{p.note.kind}" data-ref="{_attr(p.note.key)}">' for p in covering
        )
        segments.append(opening + _text(seed[left:right]) + "</span>" * len(covering))
    notes = list(dict.fromkeys(piece.note for piece in cluster))
    mark_id = "m-" + notes[0].anchor
    suffix = 1
    while mark_id in taken:  # a passage split across paragraphs: one mark in each
        suffix += 1
        mark_id = f"m-{notes[0].anchor}-{suffix}"
    taken.add(mark_id)
    for note in notes:
        placed.setdefault(note.key, mark_id)
    symbols = "".join(
        f'<span class="sym v-{note.kind}"><span aria-hidden="true">{SYMBOLS[note.kind]}</span>'
        f'<span class="vh"> ({_text(_kind_label(note.kind))})</span></span>'
        for note in notes
    )
    boxes = "".join(
        note.box if placed[note.key] == mark_id else _without_id(note) for note in notes
    )
    refs = " ".join(note.key for note in notes)
    return (
        f'<span class="mark" tabindex="0" id="{_attr(mark_id)}" data-refs="{_attr(refs)}">'
        f'{"".join(segments)}{symbols}<span class="details" role="note">{boxes}</span></span>'
    )


def _without_id(note: _Note) -> str:
    """The details box again (a passage split across paragraphs) without a duplicate id."""
    return note.box.replace(f' id="{_attr(note.anchor)}"', "", 1)


def _legend() -> str:
    items = []
    for kind in [*VERDICT_COLOURS, "event"]:
        label = _kind_label(kind)
        items.append(
            f'<li><span class="hl v-{kind}">{_text(label)}</span>'
            f'<span class="sym v-{kind}" aria-hidden="true">{SYMBOLS[kind]}</span> '
            f"{_text(UNDERLINES[kind])} underline: {_text(MEANINGS[kind])}</li>"
        )
    return f'<ul class="legend" aria-label="Legend">{"".join(items)}</ul>\n'


def _passage_list(
    notes: list[_Note], spans: Mapping[str, tuple[int, int] | None], placed: Mapping[str, str]
) -> str:
    """Every marked passage in reading order, linked to its mark: the details without hover."""
    ordered = sorted(notes, key=lambda n: (spans[n.key] or (10**12, 0), n.order))
    items = []
    for note in ordered:
        quote = f"“{_text(note.quote)}”"
        target = placed.get(note.key)
        where = (
            f'<a href="#{_attr(target)}">{quote}</a>'
            if target
            else f"{quote} <em>(passage not found in the text)</em>"
        )
        items.append(
            f'<li><span class="sym v-{note.kind}" aria-hidden="true">{SYMBOLS[note.kind]}</span> '
            f"{where} — {note.summary}</li>"
        )
    return (
        '<section class="passages">\n<h2>Every marked passage</h2>\n'
        f"<ol>\n{chr(10).join(items)}\n</ol>\n</section>\n"
    )


def _counts(notes: list[_Note]) -> str:
    claims = [note for note in notes if note.key.startswith("claim:")]
    by_kind = [
        f"{sum(note.kind == kind for note in claims)} {kind}"
        for kind in VERDICT_COLOURS
        if any(note.kind == kind for note in claims)
    ]
    events = len(notes) - len(claims)
    return f"{len(claims)} claims ({', '.join(by_kind) or 'none'}) and {events} events."


def _kind_label(kind: str) -> str:
    return "event" if kind == "event" else kind


def _symbol(kind: str) -> str:
    return f'<span class="sym v-{kind}" aria-hidden="true">{SYMBOLS[kind]}</span>'


def _link(label: Any, url: Any) -> str:
    text = _text(label if label is not None else url if url is not None else "no source named")
    href = safe_href(str(url)) if url is not None else None
    return f'<a href="{_attr(href)}">{text}</a>' if href else text


def _span(quote: str, seed: str) -> tuple[int, int] | None:
    """Where `quote` first stands in `seed`, tolerant of whitespace (as `quote_span`)."""
    words = [re.escape(word) for word in quote.split()]
    if not words:
        return None
    match = re.search(r"\s+".join(words), seed)
    return (match.start(), match.end()) if match else None


def _paragraphs(seed: str) -> list[tuple[int, int]]:
    """Start and end of each non-blank line: one paragraph a line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", seed) if m.group().strip()]


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain values, every missing value (NA, NaT, NaN) as None."""
    import pandas as pd

    return [
        {str(key): (None if _missing(value, pd) else value) for key, value in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def _missing(value: Any, pd: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _colours() -> dict[str, str]:
    return {**VERDICT_COLOURS, "event": EVENT_COLOUR}


def _tint(colour: str, strength: float = 0.2) -> str:
    """`colour` mixed with white: a light background that keeps dark text readable."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * strength) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _text(value: Any) -> str:
    return html.escape(str(value), quote=False)


def _attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


__all__ = [
    "ARTICLE_TITLE",
    "BASE_CSS",
    "EVENT_COLOUR",
    "VERDICT_COLOURS",
    "article_css",
    "format_date",
    "format_difference",
    "render_article",
    "render_page",
    "safe_href",
]
