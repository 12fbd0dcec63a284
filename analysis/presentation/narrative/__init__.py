"""Markdown sentences about the data, by strand; every figure formatted, every text escaped.

Each public function computes its frame with the facts layer and hands it to a function of
the frame (`shift_sentence`, `claims_table`, `events_markdown`, ...), which only writes:
numbers through `presentation.formatting`, and every text that comes from the data through
`formatting.markdown_text`, so that nothing the data says can become markup.
"""

from analysis.presentation.narrative.brief import (
    STRAND_SUBJECTS,
    brief,
    brief_alliance_cohesion,
    brief_armenia,
    brief_demographics,
    brief_findings,
    brief_sections,
    brief_sources,
    brief_western_weight,
    claim_in_prose,
)
from analysis.presentation.narrative.claims import claim_sentence, claims_paragraph
from analysis.presentation.narrative.cohesion import (
    direction_sentence,
    direction_summary,
    distancing_sentence,
    distancing_summary,
    event_list,
    events_markdown,
)
from analysis.presentation.narrative.demographics import (
    change_table,
    claims_list,
    demographic_claims,
    demographic_shift,
    share_change_table,
    shift_sentence,
)
from analysis.presentation.narrative.engagement import engagement_figures, engagement_list
from analysis.presentation.narrative.factcheck import (
    claims_table,
    definitions,
    fact_check_table,
    verdict_sentence,
    verdict_summary,
)
from analysis.presentation.narrative.findings import findings_markdown, ranked
from analysis.presentation.narrative.sources import Citations

__all__ = [
    "STRAND_SUBJECTS",
    "Citations",
    "brief",
    "brief_alliance_cohesion",
    "brief_armenia",
    "brief_demographics",
    "brief_findings",
    "brief_sections",
    "brief_sources",
    "brief_western_weight",
    "change_table",
    "claim_in_prose",
    "claim_sentence",
    "claims_list",
    "claims_paragraph",
    "claims_table",
    "definitions",
    "demographic_claims",
    "demographic_shift",
    "direction_sentence",
    "direction_summary",
    "distancing_sentence",
    "distancing_summary",
    "engagement_figures",
    "engagement_list",
    "event_list",
    "events_markdown",
    "fact_check_table",
    "findings_markdown",
    "ranked",
    "share_change_table",
    "shift_sentence",
    "verdict_sentence",
    "verdict_summary",
]
