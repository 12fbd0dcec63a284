"""What the site is configured with: its notebooks and pages (the article itself is data)."""

from __future__ import annotations

BRIEF = "00_brief"
"""The notebook whose Markdown outputs open the landing page."""

FACT_CHECK = "04_fact_check"
"""The notebook whose page every claim links to, when the run has it."""

THESIS = "05_thesis"
"""The notebook that checks the article's forecasts: the article page links it from each one."""

SITE_DATA = "data"
"""The folder of the run that holds the data package's files for download."""

HOME = "index.html"
"""The landing page, relative to the run folder."""

ARTICLE_PAGE = "article.html"
"""The annotated article, relative to the run folder."""

PROVENANCE_PAGE = "provenance.html"
"""The run's provenance (code, software, every input's sha256), relative to the run folder:
the landing page and every page's footer link it."""

CORRECTIONS_PAGE = "corrections.html"
"""The corrections page, relative to the run folder: every page's footer links it."""


REVIEWER = "csto-analysis"
"""Who reviews the claims in the ClaimReview data: this package (an Organization there)."""
