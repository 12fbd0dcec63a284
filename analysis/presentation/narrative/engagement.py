"""The Western engagement strand: the article's figures on each partner, with their references."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.facts import engagement
from analysis.presentation.narrative.common import rows
from analysis.presentation.narrative.templating import Markdown, render


def engagement_figures(
    partners: str | Iterable[str] | None = None, tolerance_pp: float = 1.0
) -> Markdown:
    """The article's figures about each Western partner, with reference and verdict, as a list."""
    return engagement_list(engagement.engagement_claims(partners, tolerance_pp))


def engagement_list(claims: pd.DataFrame) -> Markdown:
    """`engagement_figures`' Markdown from an `engagement_claims` frame.

    A partner's name in bold, then a bullet per claim; a claim that does not hold carries
    its note (`templates/engagement/figures.md.j2`).
    """
    partners = [
        {"code": str(code), "name": part["partner_name"].iloc[0], "claims": rows(part)}
        for code, part in claims.groupby("partner", observed=True, sort=True)
    ]
    return render("engagement/figures.md.j2", partners=partners)
