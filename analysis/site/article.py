"""The annotated article page: the seed's text with each claim's and event's passage marked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.facts.lookups import article_source
from analysis.facts.reviews import article_record, review_dates, sentence_of
from analysis.presentation import theme
from analysis.site.claimreview import (
    BEST_RATING,
    WORST_RATING,
    Publication,
    Reviewed,
    claim_reviews,
    reviewer,
    scale,
)
from analysis.site.config import CORRECTIONS_PAGE, HOME
from analysis.site.forecasts import FORECAST_COLOUR, OUTCOME_CUES, Outcomes, forecast_notes
from analysis.site.ledger import class_counts, ledger
from analysis.site.marks import Note, lay_out, reading_order
from analysis.site.notes import Links, claim_notes, event_notes, format_difference
from analysis.site.templating import TEMPLATES_DIR, render

if TYPE_CHECKING:
    import pandas as pd

VERDICT_COLOURS: dict[str, str] = dict(theme.VERDICT_COLORS)
"""Hex colour of each verdict: the house theme's colour-blind-safe (Okabe-Ito) palette."""

EVENT_COLOUR = "#0072B2"
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

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Kind:
    """How one kind of mark looks: the custom properties the stylesheet reads, the legend."""

    name: str
    colour: str
    tint: str
    tint_strong: str
    underline: str
    symbol: str
    meaning: str
    label: str  # how readers see it: the verdict's label, or "event"


def kinds(outcomes: Outcomes | None = None) -> list[Kind]:
    """Every verdict, then "event", then each forecast outcome: colour, tints, underline,
    symbol, meaning and label."""
    colours = {**VERDICT_COLOURS, "event": EVENT_COLOUR}
    found = [
        Kind(name, colour, _tint(colour), _tint(colour, 0.35), UNDERLINES[name], SYMBOLS[name],
             MEANINGS[name], theme.verdict_label(name))
        for name, colour in colours.items()
    ]  # fmt: skip
    if outcomes is not None:
        found += [
            Kind(name, FORECAST_COLOUR, _tint(FORECAST_COLOUR), _tint(FORECAST_COLOUR, 0.35),
                 cue.underline, cue.symbol, f"a forecast that {meaning}",
                 outcomes.labels.get(name, name))
            for name, meaning in outcomes.meanings.items()
            if (cue := OUTCOME_CUES.get(name)) is not None
        ]  # fmt: skip
    return found


def render_article(
    *,
    checked: pd.DataFrame,
    events: pd.DataFrame,
    seed: str,
    links: Links,
    sentences: pd.DataFrame | None = None,
    home_href: str = HOME,
    publication: Publication | None = None,
    outcomes: Outcomes | None = None,
    templates: Path = TEMPLATES_DIR,
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
        Claim or event id to (label, href) links: the notebook pages and charts using it.
    sentences : pandas.DataFrame, optional
        `analysis.load("sentences")`: the ledger of every sentence, checked or why not.
    home_href : str
        The landing page, linked at the top.
    publication : Publication, optional
        What the ClaimReviews review, their author, the run's public address and each
        verdict's day of review; by default the article's row of `sources`, this package,
        relative addresses and the data's `reviewed` dates.
    outcomes : Outcomes, optional
        The forecasts' outcomes (`analysis.forecast_outcomes()`) and the thesis notebook's
        page: each forecast sentence is marked with its outcome's symbol and label, and
        the page links the notebook. Without them, forecasts are not marked.
    templates : Path
        The templates folder.

    Returns
    -------
    str
        The page's HTML. Every data string is escaped; the one script is the static
        `article/marks.js`; the ClaimReview JSON-LD (one per claim and statement) is data.
    """
    checks = claim_notes(checked, links, MEANINGS)
    cited = events.loc[events["quote"].notna()] if "quote" in events.columns else events
    forecasts = [] if outcomes is None else forecast_notes(outcomes)
    notes = checks + event_notes(_with_date_sources(cited), links) + forecasts
    shown = kinds(outcomes)
    layout = lay_out(seed, notes)
    lines = [] if sentences is None else ledger(sentences, notes)
    reviewed = [
        Reviewed(note.footer[1], note.quote, note.kind, note.anchor,
                 sentence_of(note.quote, seed), _explanation(note))
        for note in checks
    ]  # fmt: skip
    publication = publication or Publication(article_record(), reviewer(), "", review_dates())
    reviews = claim_reviews(reviewed, publication)
    article = publication.article
    return render(
        "article.html.j2",
        templates,
        title=f"{article.title}: the annotated article",
        home_href=home_href,
        sections=(),
        article_title=article.title,
        publisher=article_source(),
        article_url=article.url,
        counts=_counts(notes, outcomes),
        kinds=shown,
        symbols={kind.name: kind.symbol for kind in shown},
        labels={kind.name: kind.label for kind in shown},
        thesis_page=None if outcomes is None else outcomes.page,
        outcomes_shown=[] if outcomes is None else list(outcomes.meanings),
        paragraphs=layout.paragraphs,
        passages=reading_order(notes, layout.spans),
        ledger=lines,
        class_counts=class_counts(lines),
        placed=layout.placed,
        reviews=reviews,
        scripted=True,
        best=BEST_RATING,
        worst=WORST_RATING,
        author=article.author or article.publisher,
        article_date=publication.article.date_published,
        review_address=publication.address,
        reviewer_url=publication.reviewer.get("url"),
        corrections_page=CORRECTIONS_PAGE,
        scale=scale({kind: MEANINGS[kind] for kind in VERDICT_COLOURS}),
    )


def _counts(notes: list[Note], outcomes: Outcomes | None = None) -> str:
    """'14 claims (8 accurate, ...), 20 statements (...), 19 events and 3 forecasts (...).'"""
    parts = []
    for prefix, word in (("claim:", "claims"), ("statement:", "statements")):
        group = [note for note in notes if note.key.startswith(prefix)]
        by_kind = [
            f"{sum(note.kind == kind for note in group)} {theme.verdict_label(kind)}"
            for kind in VERDICT_COLOURS
            if any(note.kind == kind for note in group)
        ]
        if group or prefix == "claim:":
            parts.append(f"{len(group)} {word} ({', '.join(by_kind) or 'none'})")
    events = sum(note.key.startswith("event:") for note in notes)
    forecasts = [note for note in notes if note.key.startswith("forecast:")]
    if outcomes is None or not forecasts:
        return f"{', '.join(parts)} and {events} events."
    by_outcome = [
        f"{sum(note.kind == kind for note in forecasts)} {label}"
        for kind, label in outcomes.labels.items()
        if any(note.kind == kind for note in forecasts)
    ]
    return (
        f"{', '.join(parts)}, {events} events and {len(forecasts)} forecasts"
        f" ({', '.join(by_outcome)})."
    )


def _explanation(note: Note) -> str | None:
    """The note's reason or note line, as the rating's explanation."""
    for line in note.lines:
        if line and line[0].label in ("Note:", "Reason:"):
            return line[0].text
    return None


def _tint(colour: str, strength: float = 0.2) -> str:
    """`colour` mixed with white: a light background that keeps dark text readable."""
    if not _HEX.fullmatch(colour):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - c) * strength) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


__all__ = [
    "EVENT_COLOUR",
    "MEANINGS",
    "SYMBOLS",
    "VERDICT_COLOURS",
    "format_difference",
    "kinds",
    "render_article",
]


def _with_date_sources(events: pd.DataFrame) -> pd.DataFrame:
    """The events with the title and URL of each date's source, joined from `sources`."""
    if "source_id" not in events.columns or "date_source" in events.columns:
        return events
    from analysis.facts.sources import with_sources

    joined = with_sources(events)
    return joined.rename(columns={"source": "date_source", "source_url": "date_source_url"})
