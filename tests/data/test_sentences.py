"""Every sentence of the article has its row in `sentences`, checked or said why not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import analysis
from analysis.data.sentences import CHECKED_CLASSES, split_sentences
from analysis.data.validation import validate_package

EditCell = Callable[[str, str, str, str], None]


def test_sentences_rebuild_each_paragraph_and_keep_abbreviations_whole() -> None:
    seed = analysis.seed_text()
    sentences = split_sentences(seed)
    paragraphs = [line.strip() for line in seed.splitlines() if line.strip()]
    for number, paragraph in enumerate(paragraphs, start=1):
        parts = [s.text for s in sentences if s.paragraph == number]
        assert " ".join(parts).split() == paragraph.split()
    assert [s.text for s in split_sentences("He went to St. Petersburg. Then home.")] == [
        "He went to St. Petersburg.",
        "Then home.",
    ]
    assert [s.text for s in split_sentences("It said “no.” The end.")] == [
        "It said “no.”",
        "The end.",
    ]


def test_every_seed_sentence_has_its_row_in_order() -> None:
    rows = analysis.load("sentences")
    seed = [(s.paragraph, s.position, s.text) for s in split_sentences(analysis.seed_text())]
    assert list(zip(rows["paragraph"], rows["position"], rows["text"], strict=True)) == seed


def test_checked_classes_are_quoted_and_the_rest_say_why() -> None:
    quotes = [
        quote
        for table in ("claims", "statements")
        for quote in analysis.load(table)["quote"].dropna()
    ]
    for _, row in analysis.load("sentences").iterrows():
        checked = any(quote in row["text"] for quote in quotes)
        if row["class"] in CHECKED_CLASSES:
            assert checked, row["text"]
        if not checked:
            assert isinstance(row["reason"], str), row["text"]


def test_validate_refuses_a_seed_sentence_with_no_row(data_copy: Path, seed_copy: Path) -> None:
    first = split_sentences(seed_copy.read_text("utf-8"))[0].text
    text = seed_copy.read_text("utf-8").replace(first, first + " A sentence nobody placed.", 1)
    seed_copy.write_text(text, encoding="utf-8")
    problems = validate_package(data_copy, seed_copy)
    assert (
        f"{seed_copy}, paragraph 1, sentence 2: 'A sentence nobody placed.' has no row in"
        " sentences.csv; add one with its class"
    ) in problems


def _set_class(data_copy: Path, paragraph: int, position: int, field: str, value: str) -> None:
    import csv
    import io

    path = data_copy / "sentences.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    for row in rows:
        if (int(row["paragraph"]), int(row["position"])) == (paragraph, position):
            row[field] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_validate_names_each_rule_of_the_table(data_copy: Path, seed_copy: Path) -> None:
    rows = analysis.load("sentences")
    quotes = list(analysis.load("statements")["quote"]) + list(analysis.load("claims")["quote"])
    unchecked = next(r for r in rows.itertuples() if not any(q in r.text for q in quotes))
    _set_class(data_copy, unchecked.paragraph, unchecked.position, "class", "statement")
    _set_class(data_copy, unchecked.paragraph, unchecked.position, "reason", "")
    problems = "\n".join(validate_package(data_copy, seed_copy))
    place = f"row {unchecked.Index + 2} (paragraph {unchecked.paragraph} position"
    assert place in problems
    assert "a statement needs a claim or statement that quotes it" in problems
    assert "no claim or statement checks it: say why" in problems
    _set_class(data_copy, unchecked.paragraph, unchecked.position, "class", "forecast")
    _set_class(data_copy, unchecked.paragraph, unchecked.position, "prediction", "")
    assert "a forecast needs what it predicts" in "\n".join(validate_package(data_copy, seed_copy))
