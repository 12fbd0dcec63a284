"""A sweep's comparison page: what moves across its variants, linked from the landing page."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pandas as pd
from bs4 import BeautifulSoup

from analysis.facts.sweeps import MEASURES
from analysis.site.pages import write_site
from analysis.site.sweeps import sweep_pages
from tests.site.sitekit import make_run


def _with_sweep(
    root: Path, notebook: str, name: str, values: list[Any], fixed: dict[str, Any]
) -> tuple[Path, dict[str, Any]]:
    """A hand-made run with a sweep of `notebook` over `name`: a copy of its folder per value."""
    run_dir, record = make_run(root)
    variants = []
    for value in values:
        variant = f"{notebook}~{name}={value}"
        shutil.copytree(run_dir / notebook, run_dir / variant)
        for path in list((run_dir / variant).glob(f"{notebook}.*")):
            path.rename(path.with_name(variant + path.suffix))
        page = f"{variant}/{variant}.html"
        record["notebooks"].append(
            {"name": variant, "source": f"notebooks/{notebook}.ipynb",
             "parameters": {**fixed, name: value}, "key": "d" * 64, "status": "ok",
             "notebook": f"{variant}/{variant}.ipynb", "page": page, "figures": [],
             "variant_of": notebook}
        )  # fmt: skip
        variants.append({"name": variant, "values": {name: value}, "folder": variant,
                         "page": page})  # fmt: skip
    record["sweeps"] = [{"notebook": notebook, "names": [name], "variants": variants}]
    return run_dir, record


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_tolerance_sweep_shows_where_each_verdict_flips_and_the_counts(
    tmp_path: Path,
) -> None:
    run_dir, record = _with_sweep(tmp_path, "04_fact_check", "tolerance_pp", [2.0, 0.0, 0.5], {})
    write_site(run_dir, record)
    page = _soup(run_dir / "04_fact_check~sweep.html")
    flips, counts, variants = page.find_all("table")
    assert [th.get_text() for th in flips.thead.find_all("th")] == [
        "Claim", "0 pp", "0.5 pp", "2 pp"
    ]  # fmt: skip
    assert all(table.caption.get_text().strip() for table in (flips, counts, variants))
    assert all(th["scope"] == "row" for th in flips.tbody.find_all("th"))
    row = next(
        tr for tr in flips.tbody.find_all("tr") if tr.th.get_text() == "kaz-russians-share-1991"
    )
    assert [td.get_text() for td in row.find_all("td")] == [
        "inaccurate",
        "nearly accurate (flips)",
        "nearly accurate",
    ]
    assert [td.get("class") for td in row.find_all("td")] == [None, ["changed"], None]
    header = flips.thead.find_all("a")[0]
    assert header["href"] == "04_fact_check~tolerance_pp=0.0/04_fact_check~tolerance_pp=0.0.html"
    totals = [sum(int(td.get_text()) for td in tr.find_all("td")) for tr in counts.tbody("tr")]
    assert sum(totals) == 3 * len(flips.tbody.find_all("tr"))
    index = _soup(run_dir / "index.html")
    link = index.find("a", href="04_fact_check~sweep.html")
    assert link is not None
    assert "3 variants" in link.get_text()
    cards = [a["href"] for a in index.select(".card h3 a")]
    assert not [href for href in cards if "~" in href]  # the variants have no card


def test_an_as_of_sweep_with_measures_follows_each_member_over_the_dates(tmp_path: Path) -> None:
    fixed = {"since": "2019-01-01", "members": ["ARM", "KAZ", "RUS"]}
    dates = ["2025-09-30", "2021-06-30", "2023-09-30"]
    run_dir, record = _with_sweep(tmp_path, "01_demo", "as_of", dates, fixed)
    measures = ["alignment_with_russia", "summit_attendance", "exercise_troops"]
    record["sweeps"][0]["measures"] = measures
    (page,) = sweep_pages(record, {"01_demo": "Demo"})
    assert [table.caption for table in page.tables] == [MEASURES[m].label for m in measures]
    summits = page.tables[1]
    assert [header for header, _ in summits.rows] == sorted(dates)  # dates ascending
    assert [member for member, _ in summits.columns] == ["Armenia", "Kazakhstan", "Russia"]
    expected = MEASURES["summit_attendance"].function(sorted(dates)[-1], **fixed)
    last = [cell.text for cell in summits.rows[-1][1]]
    assert last == [f"{value * 100:.0f}%" for value in expected["value"]]
    assert summits.row_links[0] == "01_demo~as_of=2021-06-30/01_demo~as_of=2021-06-30.html"
    assert [move.label for move in page.moves] == [table.caption for table in page.tables]
    written = write_site(run_dir, record)
    soup = _soup(run_dir / "01_demo~sweep.html")
    assert not soup.find("details")  # three variants: nothing folded
    image = soup.find("img")
    assert image["src"] == "01_demo~sweep/sweep-measures.png"
    assert "Armenia" in image["alt"]
    assert run_dir / "01_demo~sweep" / "sweep-measures.png" in written
    assert "From 2021-06-30 to 2025-09-30" in soup.get_text()


def test_a_hundred_variants_fold_their_tables_under_an_open_chart(tmp_path: Path) -> None:
    dates = [str(day.date()) for day in pd.date_range("2017-06-30", periods=100, freq="ME")]
    run_dir, record = _with_sweep(tmp_path, "01_demo", "as_of", dates, {"since": "2017-01-01"})
    record["sweeps"][0]["measures"] = ["events", "distancing"]
    write_site(run_dir, record)
    soup = _soup(run_dir / "01_demo~sweep.html")
    folded = soup.find_all("details")
    assert len(folded) == 3  # two measures' tables and the list of variants
    assert all(len(d.find("table").tbody.find_all("tr")) == 100 for d in folded)
    assert soup.find("img").find_parent("details") is None  # the chart is not folded
    assert all(d.summary.get_text().strip() for d in folded)


def test_any_other_sweep_lists_its_variants_with_their_values_and_pages(tmp_path: Path) -> None:
    run_dir, record = _with_sweep(tmp_path, "01_demo", "label", ["a", "b"], {})
    write_site(run_dir, record)
    page = _soup(run_dir / "01_demo~sweep.html")
    (table,) = page.find_all("table")
    rows = [[cell.get_text() for cell in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]
    assert rows == [["01_demo~label=a", "a"], ["01_demo~label=b", "b"]]
    assert table.tbody.a["href"] == "01_demo~label=a/01_demo~label=a.html"
