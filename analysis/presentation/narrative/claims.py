"""The article's claims as sentences: its words, its figure, the reference and the verdict."""

from __future__ import annotations

from typing import Any

from analysis.presentation.narrative.common import row_of
from analysis.presentation.narrative.templating import Markdown, render


def claim_sentence(row: Any) -> Markdown:
    """One claim of a fact-check frame as a sentence: words, figure, reference and verdict.

    Parameters
    ----------
    row : Mapping or namedtuple
        A row of `analysis.fact_check()` (fields quote, value, unit, comparator,
        reference, source, verdict).

    Returns
    -------
    Markdown
        `templates/claims/claim.md.j2` filled in, the quote and source escaped, e.g.
        '“…” (under 40%): the reference gives 39.7% (Census 1989), ✓ **accurate**.'
    """
    return render("claims/claim.md.j2", row=row_of(row))
