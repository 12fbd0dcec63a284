"""Where each note's passage stands in the article, and the marks that hold them, as data."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Part:
    """A piece of a details line: an optional bold label, then text, linked when `href`."""

    text: str
    label: str | None = None
    href: str | None = None


@dataclass(frozen=True)
class Note:
    """One marked passage's annotation: a claim or an event, with its details box's lines."""

    key: str  # "claim:<id>", "statement:<id>" or "event:<id>": unique across the tables
    anchor: str  # the details box's element id
    kind: str  # a verdict, or "event"
    quote: str
    head: str  # the details box's first line, after the symbol
    lines: tuple[tuple[Part, ...], ...]
    footer: tuple[str, str]  # ("Claim", id) or ("Event", id)
    summary: str  # one line for the list of passages
    order: int


@dataclass(frozen=True)
class Segment:
    """A stretch of a mark's text and the notes that cover it (outermost first)."""

    text: str
    notes: tuple[Note, ...]


@dataclass
class Mark:
    """One focusable mark: its text in segments, a symbol and a details box per note."""

    id: str
    segments: list[Segment]
    notes: list[Note]
    boxed: set[str] = field(default_factory=set)  # keys whose box carries its anchor here

    @property
    def refs(self) -> str:
        return " ".join(note.key for note in self.notes)


@dataclass(frozen=True)
class _Piece:
    """The part of a note's passage that lies in one paragraph (seed offsets)."""

    start: int
    end: int
    note: Note


Chunk = str | Mark
"""A paragraph is plain text and marks, in order."""


@dataclass
class Layout:
    """The article's paragraphs with every findable passage marked."""

    paragraphs: list[list[Chunk]]
    placed: dict[str, str]  # note key -> id of the (first) mark that holds it
    spans: dict[str, tuple[int, int] | None]


def lay_out(seed: str, notes: Sequence[Note]) -> Layout:
    """Mark every note's passage in the seed, paragraph by paragraph.

    Passages that overlap (or coincide) form one mark that shows every details box; a
    passage split across paragraphs gets a mark in each, its box's anchor in the first.

    Parameters
    ----------
    seed : str
        The article's text, one paragraph a line.
    notes : sequence of Note
        The claims' and events' notes.

    Returns
    -------
    Layout
    """
    spans = {note.key: span(note.quote, seed) for note in notes}
    placed: dict[str, str] = {}
    taken: set[str] = set()
    paragraphs = []
    for start, end in paragraphs_of(seed):
        pieces = [
            _Piece(max(where[0], start), min(where[1], end), note)
            for note in notes
            if (where := spans[note.key]) is not None and where[0] < end and where[1] > start
        ]
        paragraphs.append(_paragraph(seed, start, end, pieces, placed, taken))
    return Layout(paragraphs, placed, spans)


def reading_order(notes: Sequence[Note], spans: Mapping[str, tuple[int, int] | None]) -> list[Note]:
    """The notes by where their passage stands; those not found last."""
    return sorted(notes, key=lambda n: (spans[n.key] or (10**12, 0), n.order))


def span(quote: str, seed: str) -> tuple[int, int] | None:
    """Where `quote` first stands in `seed`, tolerant of whitespace (as `quote_span`)."""
    words = [re.escape(word) for word in quote.split()]
    if not words:
        return None
    match = re.search(r"\s+".join(words), seed)
    return (match.start(), match.end()) if match else None


def paragraphs_of(seed: str) -> list[tuple[int, int]]:
    """Start and end of each non-blank line: one paragraph a line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", seed) if m.group().strip()]


def _paragraph(
    seed: str, start: int, end: int, pieces: list[_Piece], placed: dict[str, str], taken: set[str]
) -> list[Chunk]:
    """One paragraph: plain text between marks; overlapping passages share a mark."""
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
    chunks: list[Chunk] = []
    position = start
    for cluster in clusters:
        low = cluster[0].start
        high = max(piece.end for piece in cluster)
        if seed[position:low]:
            chunks.append(seed[position:low])
        chunks.append(_mark(seed, cluster, low, high, placed, taken))
        position = high
    if seed[position:end]:
        chunks.append(seed[position:end])
    return chunks


def _mark(
    seed: str, cluster: list[_Piece], low: int, high: int, placed: dict[str, str], taken: set[str]
) -> Mark:
    """One mark: the passage cut where a note starts or ends, each cut with its notes."""
    bounds = sorted({low, high} | {p.start for p in cluster} | {p.end for p in cluster})
    segments = [
        Segment(
            seed[left:right],
            tuple(p.note for p in cluster if p.start <= left and p.end >= right),
        )
        for left, right in itertools.pairwise(bounds)
    ]
    notes = list(dict.fromkeys(piece.note for piece in cluster))
    mark_id = "m-" + notes[0].anchor
    suffix = 1
    while mark_id in taken:  # a passage split across paragraphs: one mark in each
        suffix += 1
        mark_id = f"m-{notes[0].anchor}-{suffix}"
    taken.add(mark_id)
    for note in notes:
        placed.setdefault(note.key, mark_id)
    boxed = {note.key for note in notes if placed[note.key] == mark_id}
    return Mark(mark_id, segments, notes, boxed)
