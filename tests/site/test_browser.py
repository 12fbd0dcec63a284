"""The built site in a real browser: offline, no errors, working links, focusable marks, 360 px.

Each test opens the pages of one real run (built once for the module with
`analysis.builder.pipeline.build_reports`) in headless Chromium, with every request that leaves the
run folder blocked and recorded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.site.browserkit import NARROW, WIDE, Visit

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_pages_load_offline_without_errors_and_every_image_shows(
    browser: Any, run_dir: Path, pages: list[str]
) -> None:
    assert (run_dir / "article.html").is_file()
    for name in pages:
        visit = Visit(browser, run_dir / name, WIDE)
        try:
            images = visit.page.eval_on_selector_all(
                "img", "els => els.map(e => [e.getAttribute('src').slice(0, 80), e.naturalWidth])"
            )
            broken = [src for src, width in images if not width]
            assert not broken, f"{name}: images that did not load: {broken}"
            assert not visit.blocked, f"{name}: requests that left the site: {visit.blocked}"
            assert not visit.errors, f"{name}: {visit.errors}"
        finally:
            visit.close()


def test_every_link_inside_the_site_resolves(browser: Any, run_dir: Path, pages: list[str]) -> None:
    root = run_dir.resolve()
    checked = 0
    for name in pages:
        visit = Visit(browser, run_dir / name, WIDE)
        try:
            hrefs = visit.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
            ids = set(visit.page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        finally:
            visit.close()
        here = (run_dir / name).resolve()
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue  # a source on the web: not ours to check offline
            assert parts.scheme == "file", f"{name}: {href}"
            target = Path(unquote(parts.path)).resolve()
            assert target.is_relative_to(root), f"{name}: {href} leaves the run folder"
            assert target.is_file(), f"{name}: {href} does not exist"
            if target == here and parts.fragment:
                assert parts.fragment in ids, f"{name}: no element #{parts.fragment}"
            checked += 1
    assert checked > 0


def test_each_article_mark_shows_its_details_on_focus_and_hover(
    browser: Any, run_dir: Path
) -> None:
    for viewport in (WIDE, NARROW):
        visit = Visit(browser, run_dir / "article.html", viewport)
        try:
            page = visit.page
            marks = page.locator(".seed .mark")
            count = marks.count()
            assert count >= 20
            assert not page.locator(".seed .details").first.is_visible()
            for index in range(count):
                mark = marks.nth(index)
                mark.focus()
                boxes = mark.locator(":scope > .details > .box")
                assert boxes.count() >= 1
                for box in range(boxes.count()):
                    assert boxes.nth(box).is_visible(), f"mark {index}: box {box} hidden"
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], f"mark {index} widens the page to {width}"
            page.locator("h1").focus()
            page.mouse.move(0, 0)
            first = marks.first
            first.hover()
            assert first.locator(".details").is_visible()
        finally:
            visit.close()


def test_a_marks_links_are_reachable_from_the_keyboard(browser: Any, run_dir: Path) -> None:
    visit = Visit(browser, run_dir / "article.html", WIDE)
    try:
        page = visit.page
        mark = page.locator(".seed .mark:has(.details a)").first
        mark.focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        inside = page.evaluate(
            "() => !!document.activeElement.closest('.details')"
            " && document.activeElement.tagName === 'A'"
        )
        assert inside
        assert mark.locator(".details").is_visible()
    finally:
        visit.close()


def test_no_page_is_wider_than_a_360_px_screen(
    browser: Any, run_dir: Path, pages: list[str]
) -> None:
    for name in pages:
        visit = Visit(browser, run_dir / name, NARROW)
        try:
            width = visit.page.evaluate("document.documentElement.scrollWidth")
            assert width <= NARROW["width"], f"{name} is {width} px wide at 360 px"
        finally:
            visit.close()
