"""Headless Chromium for the browser tests: the fixtures and one page visited offline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NARROW = {"width": 360, "height": 740}
PHONE = {"width": 375, "height": 740}
WIDE = {"width": 1280, "height": 900}


def site_pages(run: Path) -> list[str]:
    """index.html, article.html, corrections.html, provenance.html, every notebook page of the
    run's manifest (a sweep's variants included) and each sweep's comparison page."""
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    record = manifest.get("build", manifest)
    notebooks = sorted(str(nb["page"]) for nb in record.get("notebooks", []))
    sweeps = [f"{sweep['notebook']}~sweep.html" for sweep in record.get("sweeps", [])]
    site = ["index.html", "article.html", "corrections.html", "provenance.html"]
    return [*site, *notebooks, *sweeps]


class Visit:
    """One page opened offline, with what went wrong while it loaded."""

    def __init__(self, browser: Any, path: Path, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport, service_workers="block")
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.context.route("**/*", self._route)
        self.page.goto(path.as_uri(), wait_until="load")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


def evaluate(browser: Any, path: Path, viewport: dict[str, int], *scripts: str) -> list[Any]:
    """What each script (a JavaScript expression or function) gives on the page opened offline."""
    visit = Visit(browser, path, viewport)
    try:
        return [visit.page.evaluate(script) for script in scripts]
    finally:
        visit.close()
