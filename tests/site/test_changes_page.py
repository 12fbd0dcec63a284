"""The change report as a page, as JSON, as the landing page's section and as plain text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from analysis.facts.changes import Changes, compare_runs
from analysis.site.changes import (
    CHANGES_JSON,
    CHANGES_PAGE,
    changes_json,
    diff_text,
    summary,
    write_changes,
)
from analysis.site.templating import render
from tests.runkit import RUSSIANS_2021, RUSSIANS_2021_AS_18_PERCENT, make_run, set_cell

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Changes]:
    """A run whose census flips a verdict and whose notebook's narrative carries markup."""
    root = tmp_path_factory.mktemp("runs")
    old = make_run(root, "run-1")
    new = make_run(root, "run-2", narrative=[f"Russians: 18%. {HOSTILE}"])
    set_cell(new, "census", {"year": "2021", "group": "Russians"}, "count",
             RUSSIANS_2021_AS_18_PERCENT)  # fmt: skip
    # Markup in the data itself is refused by `validate` (and the fact check of such a run
    # fails), so the data row carries text that only needs escaping; the markup comes
    # through the narrative.
    set_cell(new, "actors", {"code": "AZE"}, "name", 'Azerbaijan & "Republic" <1>')
    return new, compare_runs(old, new)


def test_the_page_names_the_claim_both_verdicts_both_values_and_the_row(
    runs: tuple[Path, Changes],
) -> None:
    run, changes = runs
    written = write_changes(run, changes)
    assert sorted(p.name for p in written) == [CHANGES_PAGE, CHANGES_JSON]
    soup = BeautifulSoup((run / CHANGES_PAGE).read_text(encoding="utf-8"), "html.parser")
    row = soup.select_one("#verdicts tbody tr")
    assert row is not None
    text = " ".join(row.get_text(" ").split())
    for expected in (RUSSIANS_2021, "inaccurate → accurate", "15.54 → 18.00",
                     "census[year=2021, group=Russians]", "2981946 → 3453483"):  # fmt: skip
        assert expected in text
    stored = json.loads((run / CHANGES_JSON).read_text(encoding="utf-8"))
    assert stored["verdicts"][0]["claim"] == RUSSIANS_2021


def test_text_from_the_data_and_the_notebooks_is_escaped(runs: tuple[Path, Changes]) -> None:
    run, changes = runs
    write_changes(run, changes)
    html = (run / CHANGES_PAGE).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert soup.find("img") is None
    assert not [tag for tag in soup.find_all(True) if "onerror" in tag.attrs]
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 1  # the narrative
    assert "Azerbaijan &amp; &#34;Republic&#34; &lt;1&gt;" in html or "Azerbaijan &amp;" in html


def test_the_json_is_the_same_bytes_each_time(runs: tuple[Path, Changes]) -> None:
    run, changes = runs
    again = compare_runs(run.parent / "run-1", run)
    assert changes_json(again).encode() == changes_json(changes).encode()
    assert changes_json(changes).endswith("}\n")


def test_the_text_report_says_what_the_page_says(runs: tuple[Path, Changes]) -> None:
    text = diff_text(runs[1])
    assert text.startswith("Since run run-1: 1 verdict changed;")
    assert f"{RUSSIANS_2021} (number): inaccurate -> accurate (reference 15.54 -> 18.00)" in text
    assert "because census[year=2021, group=Russians] count 2981946 -> 3453483" in text
    assert "01_demo: changed; narrative changed" in text


def test_a_first_run_says_so_in_text_page_and_section(tmp_path: Path) -> None:
    run = make_run(tmp_path, "only")
    changes = compare_runs(None, run)
    assert (
        diff_text(changes) == "This is the first run: there is no earlier run to compare it with.\n"
    )
    write_changes(run, changes)
    page = BeautifulSoup((run / CHANGES_PAGE).read_text(encoding="utf-8"), "html.parser")
    assert "first run" in page.main.get_text()
    assert page.select("#verdicts") == []
    section = BeautifulSoup(
        render("index/changes.html.j2", changes=summary(changes)), "html.parser"
    )
    assert "first run" in section.get_text()
    assert section.find("a") is None


def test_the_landing_section_links_the_full_report(runs: tuple[Path, Changes]) -> None:
    section = BeautifulSoup(
        render("index/changes.html.j2", changes=summary(runs[1])), "html.parser"
    )
    assert section.section["id"] == "changes"
    assert [a["href"] for a in section.find_all("a")] == [CHANGES_PAGE]
    assert f"{RUSSIANS_2021}: inaccurate -> accurate" in section.get_text()


def _add_notebook(run: Path, name: str) -> None:
    """Give a run a second notebook, `name`, a copy of its first."""
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    [first] = manifest["build"]["notebooks"]
    shutil.copytree(run / first["name"], run / name)
    (run / name / f"{first['name']}.ipynb").rename(run / name / f"{name}.ipynb")
    entry = {
        key: value.replace(first["name"], name) if isinstance(value, str) else value
        for key, value in first.items()
    }
    entry["figures"] = [f.replace(first["name"], name) for f in first["figures"]]
    manifest["build"]["notebooks"].append(entry)
    (run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_a_notebook_new_in_this_run_is_added_in_every_what_changed(tmp_path: Path) -> None:
    old, new = make_run(tmp_path, "a"), make_run(tmp_path, "b")
    _add_notebook(new, "05_copy")
    changes = compare_runs(old, new)
    assert {nb.name: nb.status for nb in changes.notebooks}["05_copy"] == "added"
    section = BeautifulSoup(
        render("index/changes.html.j2", changes=summary(changes)), "html.parser"
    )
    assert "1 notebook added" in section.get_text()
    assert "notebook changed" not in section.get_text()
    text = diff_text(changes)
    assert "  05_copy: added\n" in text
    write_changes(new, changes)
    page = BeautifulSoup((new / CHANGES_PAGE).read_text(encoding="utf-8"), "html.parser")
    assert "1 notebook added" in page.main.get_text()
    [row] = [tr for tr in page.select("#notebooks tbody tr") if "05_copy" in tr.get_text()]
    assert row.find_all("td")[1].get_text(strip=True) == "added"
    removed = compare_runs(new, make_run(tmp_path, "c"))
    assert "1 notebook removed" in diff_text(removed)
