"""The narrative's Markdown templates: data text escaped, figures formatted, names required."""

from __future__ import annotations

import pytest

from analysis.errors import ReportError
from analysis.presentation import formatting
from analysis.presentation.narrative.templating import Markdown, render


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "t.md.j2").write_text(
        "{{ name }} grew {{ share | percent }} in {{ day | date('month') }};\n\n\n\n"
        "{{ names | and_list }}: {{ count | plural('event') }}. {{ already }}\n",
        encoding="utf-8",
    )
    (tmp_path / "missing.md.j2").write_text("{{ nothing_given }}", encoding="utf-8")
    return tmp_path


def test_data_text_is_escaped_and_figures_formatted(folder):
    text = render(
        "t.md.j2",
        folder,
        name="<script>*x*</script>",
        share=39.71,
        day="2023-09-19",
        names=["A|B", "C"],
        count=3,
        already=Markdown("**bold**"),
    )
    assert text.startswith(formatting.markdown_text("<script>*x*</script>") + " grew 39.7% ")
    assert "in September 2023;\n\nA\\|B and C: 3 events. **bold**" in text
    assert "<script>" not in text
    assert isinstance(text, Markdown)


def test_an_undefined_name_is_one_line_naming_template(folder):
    with pytest.raises(ReportError, match=r"missing\.md\.j2.*nothing_given"):
        render("missing.md.j2", folder)


def test_a_missing_template_is_named(folder):
    with pytest.raises(ReportError, match=r"no narrative template nope\.md\.j2"):
        render("nope.md.j2", folder)


def test_none_is_refused_not_written_as_none(folder):
    with pytest.raises(ReportError, match="missing value"):
        render(
            "t.md.j2", folder, name=None, share=1, day="2023-01-01", names=[], count=1, already=""
        )
