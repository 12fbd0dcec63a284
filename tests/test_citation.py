"""CITATION.cff is valid Citation File Format 1.2.0 and cites this package and its sources.

The schema, `cff-schema-1.2.0.json`, is the one `cffconvert --validate` uses (from the
cffconvert 2.0.0 distribution), kept here because cffconvert pins jsonschema below 4, which
the lock's frictionless cannot share.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from analysis.paths import PROJECT_DIR

SCHEMA = Path(__file__).with_name("cff-schema-1.2.0.json")


def _citation() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((PROJECT_DIR / "CITATION.cff").read_text("utf-8"))
    return loaded


def test_citation_file_is_valid_cff_1_2_0() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(_citation())]
    assert errors == []


def test_citation_names_the_packages_version_and_license() -> None:
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    citation = _citation()
    assert citation["version"] == project["project"]["version"]
    assert citation["license"] == project["project"]["license"]["text"]


def test_citation_lists_the_article_and_the_census_sources() -> None:
    references = _citation()["references"]
    urls = [ref.get("url") for ref in references]
    assert "https://cepa.org/article/the-demise-of-putins-little-non-nato/" in urls
    authors = " ".join(a.get("name", "") for ref in references for a in ref["authors"])
    assert "Bureau of National Statistics" in authors
    assert any(ref.get("number") == "97-1058" for ref in references)
