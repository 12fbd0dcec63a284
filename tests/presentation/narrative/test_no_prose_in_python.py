"""The narrative's words live in its Markdown templates: no module of it builds a sentence.

A researcher edits `analysis/presentation/narrative/templates/`; the Python beside them only
computes. So no narrative module may hold prose: no f-string with a word in its literal
parts, no string of two or more words (docstrings, and the messages of errors it raises,
excepted), and no `%` or `.format` on a string.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from analysis.presentation import narrative

NARRATIVE = Path(narrative.__file__).resolve().parent
MODULES = sorted(NARRATIVE.glob("*.py"))

WORD = re.compile(r"\s[A-Za-z]{2,}|[A-Za-z]{2,}\s")
"""A word beside a space in the literal part of an f-string: prose, not a path or markup."""

WORDS = re.compile(r"[A-Za-z’']{2,} +[A-Za-z’']{2,}")
"""Two words in a row: a phrase, in a plain string."""


def _exempt(tree: ast.AST) -> set[int]:
    """Docstrings (a string alone as a statement) and everything inside a `raise`."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            exempt.add(id(node.value))
        if isinstance(node, ast.Raise):
            exempt.update(id(sub) for sub in ast.walk(node))
    return exempt


def prose(source: str) -> list[str]:
    """Each place in a module's source that builds words: 'line N: the text'."""
    tree = ast.parse(source)
    exempt = _exempt(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        if isinstance(node, ast.JoinedStr):
            literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            exempt.update(id(part) for part in node.values)
            if WORD.search(literal):
                found.append(f"line {node.lineno}: f-string {literal!r}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if WORDS.search(node.value):
                found.append(f"line {node.lineno}: string {node.value!r}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            if isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                found.append(f"line {node.lineno}: %-formatting")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and isinstance(node.func.value, ast.Constant)
        ):
            found.append(f"line {node.lineno}: str.format")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_no_narrative_module_builds_a_sentence(path: Path) -> None:
    found = prose(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name} writes prose in Python; move it to templates/: {found}"


@pytest.mark.parametrize(
    "source",
    [
        'x = f"From {a} to {b}"',
        'x = f"{n} event"',
        'x = "is close"',
        'x = "{} holds".format(a)',
        'x = "%s holds" % a',
        'def f():\n    return {"close": "is only close"}',
    ],
)
def test_the_check_finds_each_way_of_writing_a_sentence(source: str) -> None:
    assert prose(source)


@pytest.mark.parametrize(
    "source",
    [
        '"""A docstring of several words."""',
        'def f():\n    """Words."""\n    raise ValueError(f"no template {name} in here")',
        'x = f"{a} {b}"',
        'x = f"[\\\\[{n}\\\\]](#{anchor})"',
        'x = "brief/findings.md.j2"',
        'x = f"brief/{strand}.md.j2"',
        'x = " and "',
    ],
)
def test_the_check_leaves_code_alone(source: str) -> None:
    assert not prose(source)


def test_every_template_is_used_by_a_module_or_another_template() -> None:
    templates = sorted(
        path.relative_to(NARRATIVE / "templates").as_posix()
        for path in (NARRATIVE / "templates").rglob("*.md.j2")
    )
    text = "\n".join(
        path.read_text(encoding="utf-8")
        for path in [*MODULES, *(NARRATIVE / "templates").rglob("*.md.j2")]
    )
    strands = {f"brief/{strand}.md.j2" for strand in narrative.brief_sections()}
    unused = [name for name in templates if name not in text and name not in strands]
    assert not unused, f"templates nothing renders: {unused}"
