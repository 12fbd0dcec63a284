"""Every page and the ClaimReview data name each verdict by one label, the same everywhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import analysis
from analysis.facts.factcheck import VERDICTS
from analysis.presentation import theme
from analysis.site.config import CORRECTIONS_PAGE
from analysis.site.pages import write_site
from tests.site.browserkit import site_pages
from tests.site.sitekit import make_run

LABELS = theme.VERDICT_LABELS
SYMBOLS = {theme.VERDICTS[verdict].symbol: verdict for verdict in VERDICTS}
NAMES = sorted({*LABELS, *LABELS.values()}, key=len, reverse=True)
NAMED = re.compile(
    "([" + re.escape("".join(SYMBOLS)) + r"])[\s(*]*(" + "|".join(map(re.escape, NAMES)) + r")\b",
    re.IGNORECASE,
)
"""A verdict's symbol and the name written after it: '≈ nearly accurate', '✗ (inaccurate)'."""

DATA_WORDS = re.compile(
    r"\b(" + "|".join(v for v in LABELS if v != LABELS[v] and v != "close") + r")\b(?! with)",
    re.IGNORECASE,
)
"""The data's own verdict words that are no label ('consistent', 'discrepant'): a reader
never meets them, except in prose such as 'consistent with' and in code (the methodology
names the data's values). 'close' is too common a word to look for."""


def _shown(page: str) -> str:
    """What a reader of the page meets: its text and its images' descriptions, not code."""
    soup = BeautifulSoup(page, "html.parser")
    alts = [img.get("alt", "") for img in soup.find_all("img")]
    for tag in soup(["script", "style", "code"]):
        tag.decompose()
    return " ".join(" ".join([soup.get_text(" "), *alts]).split())


def _problems(page: str, verdicts: dict[str, str]) -> list[str]:
    """Every place the page names a verdict otherwise than by its label."""
    text = _shown(page)
    problems = [
        f"{m.group(0)!r} (the {SYMBOLS[m.group(1)]} symbol's label is "
        f"{LABELS[SYMBOLS[m.group(1)]]!r})"
        for m in NAMED.finditer(text)
        if m.group(2).lower() != LABELS[SYMBOLS[m.group(1)]]
    ]
    problems += [
        f"the data's word in {text[max(0, m.start() - 40) : m.end() + 20]!r}"
        for m in DATA_WORDS.finditer(text)
    ]
    soup = BeautifulSoup(page, "html.parser")
    for script in soup.find_all("script", type="application/ld+json"):
        review = json.loads(script.string)
        label = review["reviewRating"]["alternateName"]
        if label != LABELS[verdicts[review["identifier"]]]:
            problems.append(f"{review['identifier']}: alternateName {label!r}")
    return problems


def _verdicts() -> dict[str, str]:
    """Each claim's and statement's verdict (of its primary row) in the fact check."""
    checked = analysis.fact_check()
    primary = checked.loc[checked["primary"].astype(bool)]
    return {str(row.claim): str(row.verdict) for row in primary.itertuples()}


def test_the_labels_are_words_a_stranger_reads_one_per_verdict() -> None:
    assert LABELS == {
        "consistent": "accurate",
        "close": "nearly accurate",
        "discrepant": "inaccurate",
        "unverified": "unverified",
    }
    assert len(set(SYMBOLS)) == len(VERDICTS)


def test_the_check_finds_a_verdict_named_otherwise() -> None:
    page = (
        "<p>✓ <b>consistent</b>; ≈ accurate; ✗ (inaccurate); ? unverified; 2 discrepant; "
        "consistent with the census.</p>"
    )
    assert _problems(page, {}) == [
        "'✓ consistent' (the consistent symbol's label is 'accurate')",
        "'≈ accurate' (the close symbol's label is 'nearly accurate')",
        "the data's word in '✓ consistent ; ≈ accurate; ✗ (in'",
        "the data's word in 'curate; ✗ (inaccurate); ? unverified; 2 discrepant; "
        "consistent with th'",
    ]
    review = '<script type="application/ld+json">{"identifier": "a", "reviewRating": '
    review += '{"alternateName": "consistent"}}</script>'
    assert _problems(review, {"a": "consistent"}) == ["a: alternateName 'consistent'"]


def test_every_page_of_a_small_run_names_each_verdict_by_its_label(tmp_path: Path) -> None:
    run, record = make_run(tmp_path, brief="**The brief.** Its text is the brief notebook's.")
    write_site(run, record)
    verdicts = _verdicts()
    for name in ("index.html", "article.html", "changes.html", CORRECTIONS_PAGE):
        page = (run / name).read_text(encoding="utf-8")
        assert _problems(page, verdicts) == [], name
    article = (run / "article.html").read_text(encoding="utf-8")
    shown = _shown(article)
    for verdict in set(verdicts.values()):
        assert LABELS[verdict] in shown


@pytest.mark.slow
def test_every_built_page_and_review_names_each_verdict_by_its_label(
    default_run: Path, sweep_run: Path
) -> None:
    verdicts = _verdicts()
    for run in (default_run, sweep_run):
        for name in [*site_pages(run), "changes.html"]:
            page = (run / name).read_text(encoding="utf-8")
            assert _problems(page, verdicts) == [], (run.name, name)
