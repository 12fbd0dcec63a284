"""Markdown sentences about the data, by strand: the words in `templates/`, the figures computed.

Each strand's module computes its frame with the facts layer (the `*_summary`, `*_figures`
functions take the facts' parameters) or takes the frame a notebook already shows (the
`*_sentence`, `*_markdown`, `*_table`, `*_list` functions), and renders its Markdown
template with `templating.render`: numbers through the template's filters, every text from
the data escaped, so that nothing the data says can become markup.
"""

from analysis.presentation.narrative.brief import (
    brief,
    brief_alliance_cohesion,
    brief_armenia,
    brief_demographics,
    brief_findings,
    brief_sections,
    brief_sources,
    brief_western_weight,
    claim_in_prose,
    strand_claims,
)
from analysis.presentation.narrative.claims import claim_sentence
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
from analysis.presentation.narrative.templating import Markdown, render

__all__ = [
    "Citations",
    "Markdown",
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
    "render",
    "share_change_table",
    "shift_sentence",
    "strand_claims",
    "verdict_sentence",
    "verdict_summary",
]
