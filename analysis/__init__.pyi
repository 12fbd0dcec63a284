"""The public surface of `analysis`, listed once: `lazy_loader` reads this stub, and each name
loads its module on first use, so `import analysis` stays cheap for kernels and cron runs."""

from .data.loading import (
    Dataset as Dataset,
)
from .data.loading import (
    dataset as dataset,
)
from .data.loading import (
    frame_of as frame_of,
)
from .data.loading import (
    load as load,
)
from .data.loading import (
    seed_text as seed_text,
)
from .data.loading import (
    tables as tables,
)
from .data.validation import (
    validate_package as validate_package,
)
from .errors import (
    DataError as DataError,
)
from .errors import (
    ParameterError as ParameterError,
)
from .errors import (
    ReportError as ReportError,
)
from .facts.census import (
    census_groups as census_groups,
)
from .facts.census import (
    census_shares as census_shares,
)
from .facts.census import (
    census_years as census_years,
)
from .facts.checks import (
    claim_bands as claim_bands,
)
from .facts.checks import (
    verdict_counts as verdict_counts,
)
from .facts.cohesion import (
    cohesion_events as cohesion_events,
)
from .facts.cohesion import (
    direction_counts as direction_counts,
)
from .facts.cohesion import (
    distancing_counts as distancing_counts,
)
from .facts.cohesion import (
    hindsight_events as hindsight_events,
)
from .facts.cohesion import (
    kind_matrix as kind_matrix,
)
from .facts.demographics import (
    article_share_claims as article_share_claims,
)
from .facts.demographics import (
    census_chart_frame as census_chart_frame,
)
from .facts.demographics import (
    census_series as census_series,
)
from .facts.demographics import (
    share_change as share_change,
)
from .facts.engagement import (
    engagement_chart_frame as engagement_chart_frame,
)
from .facts.engagement import (
    engagement_claims as engagement_claims,
)
from .facts.factcheck import (
    fact_check as fact_check,
)
from .facts.factcheck import (
    reference_values as reference_values,
)
from .facts.forecasts import (
    forecast_outcomes as forecast_outcomes,
)
from .facts.forecasts import (
    outcome_scale as outcome_scale,
)
from .facts.participation import (
    participation as participation,
)
from .facts.thesis import (
    member_evidence as member_evidence,
)
from .facts.thesis import (
    thesis_timeline as thesis_timeline,
)
from .facts.votes import (
    alignment_by_year as alignment_by_year,
)
from .facts.votes import (
    vote_matrix as vote_matrix,
)
from .presentation import (
    charts as charts,
)
from .presentation.charts.base import (
    data_csv as data_csv,
)
from .presentation.charts.base import (
    figure_bytes as figure_bytes,
)
from .presentation.charts.base import (
    figures_dir as figures_dir,
)
from .presentation.charts.drawing import (
    source_caption as source_caption,
)
from .presentation.formatting import (
    format_date as format_date,
)
from .presentation.formatting import (
    format_list as format_list,
)
from .presentation.formatting import (
    format_number as format_number,
)
from .presentation.formatting import (
    format_percent as format_percent,
)
from .presentation.formatting import (
    format_pp as format_pp,
)
from .presentation.formatting import (
    format_stated as format_stated,
)
from .presentation.formatting import (
    format_usd as format_usd,
)
from .presentation.formatting import (
    format_value as format_value,
)
from .presentation.formatting import (
    format_verdict as format_verdict,
)
from .presentation.formatting import (
    markdown_text as markdown_text,
)
from .presentation.narrative import (
    brief as brief,
)
from .presentation.narrative import (
    brief_alliance_cohesion as brief_alliance_cohesion,
)
from .presentation.narrative import (
    brief_armenia as brief_armenia,
)
from .presentation.narrative import (
    brief_demographics as brief_demographics,
)
from .presentation.narrative import (
    brief_findings as brief_findings,
)
from .presentation.narrative import (
    brief_sections as brief_sections,
)
from .presentation.narrative import (
    brief_sources as brief_sources,
)
from .presentation.narrative import (
    brief_western_weight as brief_western_weight,
)
from .presentation.narrative import (
    change_table as change_table,
)
from .presentation.narrative import (
    claim_sentence as claim_sentence,
)
from .presentation.narrative import (
    claims_list as claims_list,
)
from .presentation.narrative import (
    claims_table as claims_table,
)
from .presentation.narrative import (
    definitions as definitions,
)
from .presentation.narrative import (
    demographic_claims as demographic_claims,
)
from .presentation.narrative import (
    demographic_shift as demographic_shift,
)
from .presentation.narrative import (
    direction_sentence as direction_sentence,
)
from .presentation.narrative import (
    direction_summary as direction_summary,
)
from .presentation.narrative import (
    distancing_sentence as distancing_sentence,
)
from .presentation.narrative import (
    distancing_summary as distancing_summary,
)
from .presentation.narrative import (
    engagement_figures as engagement_figures,
)
from .presentation.narrative import (
    engagement_list as engagement_list,
)
from .presentation.narrative import (
    event_list as event_list,
)
from .presentation.narrative import (
    events_markdown as events_markdown,
)
from .presentation.narrative import (
    fact_check_table as fact_check_table,
)
from .presentation.narrative import (
    share_change_table as share_change_table,
)
from .presentation.narrative import (
    shift_sentence as shift_sentence,
)
from .presentation.narrative import (
    verdict_sentence as verdict_sentence,
)
from .presentation.narrative import (
    verdict_summary as verdict_summary,
)
from .presentation.narrative.thesis import (
    forecast_list as forecast_list,
)
from .presentation.narrative.thesis import (
    forecast_scale as forecast_scale,
)
from .presentation.narrative.thesis import (
    member_findings as member_findings,
)
from .presentation.narrative.thesis import (
    thesis_opening as thesis_opening,
)
from .presentation.narrative.thesis import (
    three_years_on as three_years_on,
)
from .presentation.tables import (
    table as table,
)
from .presentation.theme import (
    DIRECTION_COLORS as DIRECTION_COLORS,
)
from .presentation.theme import (
    DIRECTION_HATCHES as DIRECTION_HATCHES,
)
from .presentation.theme import (
    DIRECTION_LABELS as DIRECTION_LABELS,
)
from .presentation.theme import (
    DIRECTION_MARKERS as DIRECTION_MARKERS,
)
from .presentation.theme import (
    DIRECTION_SYMBOLS as DIRECTION_SYMBOLS,
)
from .presentation.theme import (
    DIRECTIONS as DIRECTIONS,
)
from .presentation.theme import (
    PALETTE as PALETTE,
)
from .presentation.theme import (
    VERDICT_COLORS as VERDICT_COLORS,
)
from .presentation.theme import (
    VERDICT_HATCHES as VERDICT_HATCHES,
)
from .presentation.theme import (
    VERDICT_MARKERS as VERDICT_MARKERS,
)
from .presentation.theme import (
    VERDICT_SYMBOLS as VERDICT_SYMBOLS,
)
from .presentation.theme import (
    VERDICTS as VERDICTS,
)
from .presentation.theme import (
    Cue as Cue,
)
from .presentation.theme import (
    apply_theme as apply_theme,
)
from .presentation.theme import (
    category_colors as category_colors,
)
from .presentation.theme import (
    sequential_cmap as sequential_cmap,
)
from .presentation.theme import (
    theme_context as theme_context,
)
from .presentation.theme import (
    theme_rc as theme_rc,
)
