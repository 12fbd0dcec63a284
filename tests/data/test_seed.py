"""The seed is the article byte for byte, and its README records its hash."""

from __future__ import annotations

import re

from analysis.hashing import sha256_file
from analysis.paths import SEED_PATH

EXPECTED_SHA256 = "f513404bf0e68c3d6e4956efbaa095d63979847f388cc64e22180151772918b6"


def test_seed_bytes_are_the_article_as_received() -> None:
    assert sha256_file(SEED_PATH) == EXPECTED_SHA256


def test_seed_readme_records_the_same_hash_and_month_precision() -> None:
    readme = (SEED_PATH.parent / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\b{EXPECTED_SHA256}\b", readme)
    assert "2023-09" in readme
    assert "month precision" in readme.lower()
    assert SEED_PATH.name in readme


def test_seed_is_utf8_text_with_the_articles_title_topic() -> None:
    text = SEED_PATH.read_bytes().decode("utf-8")
    assert text.startswith("CSTO is hosting a series of training exercises in Belarus")
    assert text.rstrip().endswith("Source: CEPA")
