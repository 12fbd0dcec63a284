"""Every page of a real run passes axe-core at 1280 and 375 px; the article works by keyboard.

axe-core comes with the `axe-playwright-python` package (its `axe.min.js`), injected into
each page opened offline in headless Chromium; any violation fails, named with its nodes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.browserkit import Visit, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def _violations(page: Any, context: str | None = None) -> list[str]:
    """axe-core's violations on the page (or in `context`), one line each with its targets."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError as error:
        pytest.skip(f"axe-playwright-python is not installed: {error}")
    results = Axe().run(page, context=context)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_axe_finds_no_violation_on_any_page(
    browser: Any, run_dir: Path, pages: list[str], viewport: dict[str, int]
) -> None:
    found = {}
    for name in pages:
        visit = Visit(browser, run_dir / name, viewport)
        try:
            violations = _violations(visit.page)
            if name == "article.html":  # and with a mark's details open
                visit.page.locator(".seed .mark:has(.details a)").first.focus()
                visit.page.keyboard.press("Enter")
                violations += _violations(visit.page, ".seed .mark.open")
        finally:
            visit.close()
        if violations:
            found[name] = violations
    assert found == {}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
def test_axe_finds_no_violation_on_a_sweeps_pages(
    browser: Any, sweep_run: Path, viewport: dict[str, int]
) -> None:
    pages = ["index.html", "04_fact_check~sweep.html",
             "04_fact_check~tolerance_pp=2/04_fact_check~tolerance_pp=2.html"]  # fmt: skip
    assert set(pages) <= set(site_pages(sweep_run))
    found = {}
    for name in pages:
        visit = Visit(browser, sweep_run / name, viewport)
        try:
            violations = _violations(visit.page)
            wide = visit.page.evaluate("() => document.documentElement.scrollWidth")
        finally:
            visit.close()
        if wide > viewport["width"]:
            violations.append(f"the page is {wide} px wide")
        if violations:
            found[name] = violations
    assert found == {}


def _active(page: Any) -> str:
    """What has the focus: the id of the mark it is in, or the element's tag."""
    return str(
        page.evaluate(
            "() => { const a = document.activeElement;"
            " const m = a.closest('.mark'); return m ? m.id + (a === m ? '' : ' link') :"
            " a.tagName; }"
        )
    )


def test_tab_moves_from_mark_to_mark_past_the_links_of_closed_details(
    browser: Any, run_dir: Path
) -> None:
    visit = Visit(browser, run_dir / "article.html", DESKTOP)
    try:
        page = visit.page
        marks = page.locator(".seed .mark")
        ids = marks.evaluate_all("els => els.map(e => e.id)")
        marks.first.focus()
        for expected in ids[1:10]:
            page.keyboard.press("Tab")
            assert _active(page) == expected
        reachable = page.eval_on_selector_all(
            ".seed .details a[href]", "els => els.filter(e => e.tabIndex >= 0).length"
        )
        assert reachable == 0
    finally:
        visit.close()


def test_escape_closes_details_opened_by_focus_by_enter_and_by_hover(
    browser: Any, run_dir: Path
) -> None:
    visit = Visit(browser, run_dir / "article.html", DESKTOP)
    try:
        page = visit.page
        mark = page.locator(".seed .mark:has(.details a)").first
        details = mark.locator(":scope > .details")
        mark.focus()
        assert details.is_visible()
        page.keyboard.press("Escape")
        assert not details.is_visible()
        assert _active(page) == mark.get_attribute("id")  # the focus stays where it was
        page.keyboard.press("Enter")  # opens again, links reachable
        assert details.is_visible()
        page.keyboard.press("Tab")
        assert _active(page).endswith(" link")
        page.keyboard.press("Escape")  # from a link: closed, focus back on the mark
        assert not details.is_visible()
        assert _active(page) == mark.get_attribute("id")
        page.locator("h1").click()
        mark.hover()
        assert details.is_visible()
        details.locator(".box").first.hover()  # persistent while the pointer is on it
        assert details.is_visible()
        page.keyboard.press("Escape")
        assert not details.is_visible()
        page.mouse.move(0, 0)
        mark.hover()  # a new hover shows it again
        assert details.is_visible()
    finally:
        visit.close()


def test_details_opened_near_the_bottom_are_scrolled_into_view(browser: Any, run_dir: Path) -> None:
    visit = Visit(browser, run_dir / "article.html", PHONE)
    try:
        page = visit.page
        height = PHONE["height"]
        marks = page.locator(".seed .mark")
        for index in range(marks.count()):
            mark = marks.nth(index)
            mark.focus()
            box = mark.locator(":scope > .details").bounding_box()
            assert box is not None
            bottom = min(box["y"] + box["height"], box["y"] + height)
            assert box["y"] >= -1, f"mark {index}: details start above the screen"
            assert bottom <= height + 1, f"mark {index}: details end below the screen"
            page.keyboard.press("Escape")
    finally:
        visit.close()


def test_wide_tables_scroll_by_keyboard_and_keep_their_first_column_in_view(
    browser: Any, run_dir: Path, pages: list[str]
) -> None:
    checked = 0
    for name in pages:
        visit = Visit(browser, run_dir / name, PHONE)
        try:
            page = visit.page
            names = page.eval_on_selector_all(
                "table",
                "els => els.map(t => { const r = t.closest('[role=region]');"
                " return r && r.tabIndex === 0 ? r.getAttribute('aria-label') : null; })",
            )
            assert all(names), f"{name}: a table outside a named, focusable region"
            assert len(set(names)) == len(names), f"{name}: two regions share a name: {names}"
            regions = page.locator("[role=region]:has(table)")
            for index in range(regions.count()):
                region = regions.nth(index)
                wide = region.evaluate("r => r.scrollWidth > r.clientWidth + 1")
                if not wide:
                    continue
                region.focus()
                for _ in range(40):
                    page.keyboard.press("ArrowRight")
                assert region.evaluate("r => r.scrollLeft") > 0, f"{name}: no keyboard scroll"
                first = region.locator("tr").nth(1).locator("td, th").first.bounding_box()
                frame = region.bounding_box()
                assert first is not None
                assert frame is not None
                assert first["x"] >= frame["x"] - 1, f"{name}: the key column scrolled away"
                checked += 1
        finally:
            visit.close()
    assert checked >= 1  # the fact-check table is wider than a phone
