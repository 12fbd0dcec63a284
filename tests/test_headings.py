"""A Markdown text's first level-1 heading: what a page's and a landing-page card's title read."""

from __future__ import annotations

import pytest

from analysis.headings import first_heading


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Title\n\nThe summary.", ("Title", "\n\nThe summary.")),
        ("Intro\n## Part\n  # Closed #\nText", ("Closed", "\nText")),
        ("## Only a part\n#hashtag\n    # code, not a heading", None),
    ],
    ids=["first line", "indented and closed, after a level-2 heading", "none"],
)
def test_the_first_level_1_heading_and_what_follows_its_line(
    markdown: str, expected: tuple[str, str] | None
) -> None:
    assert first_heading(markdown) == expected
