"""What the site knows of this article: its notebooks, its title, its publisher and address."""

from __future__ import annotations

BRIEF = "00_brief"
"""The notebook whose Markdown outputs open the landing page."""

FACT_CHECK = "04_fact_check"
"""The notebook whose page every claim links to, when the run has it."""

THESIS = "05_thesis"
"""The notebook that checks the article's forecasts: the article page links it from each one."""

ARTICLE_TITLE = "The Demise of Putin's Little Non-NATO"
"""The article the package checks, as its publisher titles it."""

ARTICLE_PUBLISHER = "CEPA, September 2023"
"""Who published the article, and when."""

ARTICLE_URL = "https://cepa.org/article/the-demise-of-putins-little-non-nato/"
"""Where the article is published."""

SITE_DATA = "data"
"""The folder of the run that holds the data package's files for download."""

HOME = "index.html"
"""The landing page, relative to the run folder."""

ARTICLE_PAGE = "article.html"
"""The annotated article, relative to the run folder."""

CORRECTIONS_PAGE = "corrections.html"
"""The corrections page, relative to the run folder: every page's footer links it."""

ARTICLE_AUTHOR = "CEPA"
"""Who makes the article's claims: the Center for European Policy Analysis, its publisher."""

ARTICLE_AUTHOR_URL = "https://cepa.org/"
"""The publisher's address."""

REVIEWER = "csto-analysis"
"""Who reviews the claims in the ClaimReview data: this package (an Organization there)."""
