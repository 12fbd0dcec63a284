"""Hostile text in every free-text field of the data never runs in any page of a real build.

The project is copied into a temporary folder, markup and `javascript:` links are written
into every text field the descriptor leaves free (names, titles, notes, sources, URLs), the
copy's command line builds every notebook, and headless Chromium opens every page: no
dialog, no event-handler attribute, no script element, no `javascript:` link.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from analysis.cli import project_config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = (
    ' <script>alert("s")</script><img src=x onerror=alert("i")>'
    '<a href="javascript:alert(1)" onclick="alert(2)">a</a>'
    " [m](javascript:alert(3)) ![p](javascript:alert(4)) <svg onload=alert(5)>"
)
HOSTILE_URL = 'https://example.org/"><script>alert(6)</script>'
"""An http(s) address (the only scheme `validate` accepts) that breaks out of an attribute."""
COPIED = ("analysis", "notebooks", "seeds", "pyproject.toml")


def _free_text_fields(descriptor: dict[str, Any]) -> dict[str, list[str]]:
    """Per table, the string fields without a vocabulary, pattern or key role."""
    fields: dict[str, list[str]] = {}
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        keys = (
            {schema.get("primaryKey")}
            if isinstance(schema.get("primaryKey"), str)
            else set(schema.get("primaryKey") or [])
        )
        for foreign in schema.get("foreignKeys", []):
            names = foreign["fields"]
            keys |= {names} if isinstance(names, str) else set(names)
        fields[resource["name"]] = [
            field["name"]
            for field in schema["fields"]
            if field.get("type") == "string"
            and field["name"] not in keys
            and not {"enum", "pattern", "unique"} & set(field.get("constraints", {}))
        ]
    return fields


def _poison(data_dir: Path, seed: Path) -> None:
    """Hostile text after every free text; the seed gets each poisoned value as a paragraph,
    so that quotes and evidence stay verbatim passages of it."""
    poisoned: list[str] = []
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: data_dir / r["path"] for r in descriptor["resources"]}
    for table, fields in _free_text_fields(descriptor).items():
        with paths[table].open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = list(reader.fieldnames or []), list(reader)
        for row in rows:
            for field in fields:
                if (table, field) == ("sentences", "text"):
                    continue  # a sentence is the seed's own words: the seed is poisoned below
                if field.endswith("url"):
                    row[field] = HOSTILE_URL
                elif field == "quote" and not row[field]:
                    continue  # an event the article does not cite (one after it) stays unquoted
                elif field not in ("subject", "actor"):
                    row[field] = (row[field] or "x") + HOSTILE
                    poisoned.append(row[field])
        with paths[table].open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    with seed.open("a", encoding="utf-8") as handle:
        handle.write("".join(f"\n\n{text}" for text in poisoned) + "\n")
    _account_for_the_new_sentences(paths["sentences"], seed)


def _account_for_the_new_sentences(table: Path, seed: Path) -> None:
    """Give each sentence the poisoning added to the seed its row, with a hostile reason;
    every sentence is 'not checkable' in the copy, since every quote in it is poisoned."""
    from analysis.data.sentences import split_sentences

    with table.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    for row in rows:  # their quotes are poisoned too: no claim quotes the seed's sentences now
        row["class"] = "not_checkable"
    placed = {(row["paragraph"], row["position"]) for row in rows}
    for sentence in split_sentences(seed.read_text(encoding="utf-8")):
        if (str(sentence.paragraph), str(sentence.position)) not in placed:
            rows.append({"paragraph": str(sentence.paragraph), "position": str(sentence.position),
                         "text": sentence.text, "class": "not_checkable", "reason": "x" + HOSTILE,
                         "prediction": ""})  # fmt: skip
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real run of every notebook, built by a copy of the project whose data is hostile."""
    root = project_config().root
    copy = tmp_path_factory.mktemp("hostile")
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    seeds = sorted((copy / "seeds").glob("*.txt"))
    assert len(seeds) == 1
    _poison(copy / "analysis" / "data" / "package", seeds[0])
    # `validate` refuses markup (the first wall); the copy's is taken down, so that what is
    # tested here is the second wall alone: escaping wherever text is written. The sentences
    # table keeps its check: `_poison` gives every sentence it adds its row, hostile reason
    # and all, so that the sentence ledger is tested too.
    with (copy / "analysis" / "data" / "sanity.py").open("a", encoding="utf-8") as handle:
        handle.write("\n\ndef _text_problems(at: str, name: str, text: str) -> list[str]:\n"
                     "    return []\n")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(copy)}
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--out", str(copy / "reports"), "--quiet"],
        capture_output=True, text=True, check=False, env=env, cwd=copy,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return (copy / "reports" / "latest").resolve()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.skip(f"chromium not found at {CHROMIUM}: install Debian's chromium package")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield instance
        finally:
            instance.close()


_LIVE = """(own) => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const value = attribute.value.trim().toLowerCase();
      if (attribute.name.startsWith('on')) found.push(`${element.tagName} ${attribute.name}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute.name)
          && value.startsWith('javascript:')) found.push(`${element.tagName} ${attribute.name}`);
    }
    const tag = element.tagName.toLowerCase();
    if (['iframe', 'object', 'embed'].includes(tag)) found.push(tag);
    if (tag === 'script' && element.type !== 'application/ld+json'
        && !own.includes(element.textContent.trim())) found.push('script');
  }
  return found;
}"""


def test_every_page_of_a_hostile_build_is_inert(hostile_run: Path, browser: Any) -> None:
    manifest = json.loads((hostile_run / "manifest.json").read_text(encoding="utf-8"))
    site = ["index.html", "article.html", "corrections.html", "provenance.html"]
    pages = site + [nb["page"] for nb in manifest["build"]["notebooks"]]
    assert len(pages) == len(site) + len(list(project_config().notebooks_dir.glob("*.ipynb")))
    # The scripts the package writes itself, inline, from its template folders.
    own = [
        path.read_text(encoding="utf-8").strip()
        for folder in project_config().template_dirs
        for path in folder.rglob("*.js")
    ]
    shown = 0
    for page_path in pages:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on(
            "dialog", lambda dialog, seen=dialogs: (seen.append(dialog.message), dialog.dismiss())
        )
        page.goto((hostile_run / page_path).as_uri(), wait_until="load")
        page.wait_for_timeout(200)
        for link in page.query_selector_all("a"):  # a click must not run anything either
            href = (link.get_attribute("href") or "").strip().lower()
            if href.startswith("javascript:"):
                link.click(no_wait_after=True)
        assert dialogs == [], page_path
        assert page.evaluate(_LIVE, own) == [], page_path
        shown += page.content().count("alert(")
        context.close()
    assert shown > 0  # the hostile text is on the pages, shown as text
