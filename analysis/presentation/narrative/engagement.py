"""The Western engagement strand: the article's figures on each partner, with their references."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.facts import engagement
from analysis.presentation.narrative.claims import claim_sentence
from analysis.presentation.narrative.common import md


def engagement_figures(
    partners: str | Iterable[str] | None = None, tolerance_pp: float = 1.0
) -> str:
    """The article's figures about each Western partner, with reference and verdict, as a list."""
    return engagement_list(engagement.engagement_claims(partners, tolerance_pp))


def engagement_list(claims: pd.DataFrame) -> str:
    """`engagement_figures`' Markdown from an `engagement_claims` frame.

    A partner's name in bold, then a bullet per claim; a claim that does not hold carries
    its note.
    """
    lines = []
    for partner, part in claims.groupby("partner", observed=True, sort=True):
        lines.append(f"**{md(part['partner_name'].iloc[0])} ({md(partner)})**")
        lines.append("")
        for row in part.to_dict("records"):
            lines.append(f"- {md(row['indicator'])}: {claim_sentence(row)}")
            note = row.get("note")
            if isinstance(note, str) and note and str(row["verdict"]) != "consistent":
                lines.append(f"  {md(note)}")
        lines.append("")
    return "\n".join(lines).strip()
