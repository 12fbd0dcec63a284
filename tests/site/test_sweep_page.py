"""A sweep's comparison page: what moves across its variants, linked from the landing page."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

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


def test_the_as_of_sweep_shows_the_counts_per_member_over_the_dates(tmp_path: Path) -> None:
    fixed = {"since": "2020-01-01", "members": ["ARM", "RUS"]}
    run_dir, record = _with_sweep(tmp_path, "01_demo", "as_of", ["2023-09-30", "2022-06-30"], fixed)
    (page,) = sweep_pages(record, {"01_demo": "Demo"})
    events, _distancing = page.tables
    assert [label for label, _ in events.columns] == ["2022-06-30", "2023-09-30"]
    assert [member for member, _ in events.rows] == ["Armenia", "Russia"]
    armenia = [cell.text for cell in events.rows[0][1]]
    assert int(armenia[0]) < int(armenia[1])
    assert events.rows[0][1][1].changed
    written = write_site(run_dir, record)
    soup = _soup(run_dir / "01_demo~sweep.html")
    assert soup.find("caption") is not None
    image = soup.find("img")
    assert image["src"] == "01_demo~sweep/cohesion-sweep.png"
    assert "Armenia" in image["alt"]
    assert run_dir / "01_demo~sweep" / "cohesion-sweep.png" in written


def test_any_other_sweep_lists_its_variants_with_their_values_and_pages(tmp_path: Path) -> None:
    run_dir, record = _with_sweep(tmp_path, "01_demo", "label", ["a", "b"], {})
    write_site(run_dir, record)
    page = _soup(run_dir / "01_demo~sweep.html")
    (table,) = page.find_all("table")
    rows = [[cell.get_text() for cell in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]
    assert rows == [["01_demo~label=a", "a"], ["01_demo~label=b", "b"]]
    assert table.tbody.a["href"] == "01_demo~label=a/01_demo~label=a.html"
