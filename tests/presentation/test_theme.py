"""The house style: colour-blind-safe colours, a second cue for each, and a self-contained theme."""

from __future__ import annotations

import re
import subprocess
import sys

import matplotlib as mpl
import pytest

from analysis.data import schema
from analysis.facts.factcheck import VERDICTS
from analysis.presentation import theme

HEX = re.compile(r"#[0-9A-F]{6}")


def test_verdict_and_direction_records_hold_every_cue() -> None:
    assert list(theme.VERDICTS) == VERDICTS
    assert list(theme.DIRECTIONS) == schema.vocabulary("events", "direction")
    close = theme.VERDICTS["close"]
    assert (close.colour, close.marker, close.hatch, close.symbol) == (
        theme.DARK_ORANGE,
        "s",
        "//",
        "≈",
    )
    with pytest.raises(AttributeError):
        close.colour = "#000000"  # type: ignore[misc]
    with pytest.raises(TypeError):
        theme.VERDICTS["new"] = close  # type: ignore[index]


def test_the_cue_dicts_read_the_records() -> None:
    for name, cue in theme.VERDICTS.items():
        assert theme.VERDICT_COLORS[name] == cue.colour
        assert theme.VERDICT_SYMBOLS[name] == cue.symbol
    for name, cue in theme.DIRECTIONS.items():
        assert theme.DIRECTION_LABELS[name] == cue.label
        assert theme.DIRECTION_MARKERS[name] == cue.marker


def test_verdict_cues_cover_every_verdict() -> None:
    for cues in (theme.VERDICT_COLORS, theme.VERDICT_MARKERS, theme.VERDICT_HATCHES,
                 theme.VERDICT_SYMBOLS):  # fmt: skip
        assert list(cues) == VERDICTS


def test_direction_cues_cover_the_events_vocabulary() -> None:
    directions = schema.vocabulary("events", "direction")
    for cues in (theme.DIRECTION_COLORS, theme.DIRECTION_MARKERS, theme.DIRECTION_HATCHES,
                 theme.DIRECTION_SYMBOLS, theme.DIRECTION_LABELS):  # fmt: skip
        assert list(cues) == directions


@pytest.mark.parametrize("colors", [theme.VERDICT_COLORS, theme.DIRECTION_COLORS])
def test_colours_are_plain_distinct_hex_strings_for_html(colors: dict[str, str]) -> None:
    assert all(HEX.fullmatch(color) for color in colors.values())
    assert len(set(colors.values())) == len(colors)


@pytest.mark.parametrize(
    "cues",
    [theme.VERDICT_MARKERS, theme.VERDICT_HATCHES, theme.VERDICT_SYMBOLS,
     theme.DIRECTION_MARKERS, theme.DIRECTION_HATCHES, theme.DIRECTION_SYMBOLS],
)  # fmt: skip
def test_second_cues_tell_every_category_apart(cues: dict[str, str]) -> None:
    assert len(set(cues.values())) == len(cues)


def test_judged_colours_come_from_the_okabe_ito_palette_darkened_only_for_contrast() -> None:
    okabe_ito = {*theme.PALETTE, theme.GREY, theme.DARK_ORANGE}
    assert set(theme.VERDICT_COLORS.values()) <= okabe_ito
    assert set(theme.DIRECTION_COLORS.values()) <= okabe_ito


def test_theme_context_overrides_the_session_and_restores_it() -> None:
    with mpl.rc_context({"font.size": 31.0, "svg.hashsalt": None}):
        with theme.theme_context():
            assert mpl.rcParams["font.size"] == theme.theme_rc()["font.size"]
            assert mpl.rcParams["svg.hashsalt"] == theme.SVG_HASHSALT
            assert mpl.rcParams["font.sans-serif"][0] == theme.FONT_FAMILY
            assert mpl.rcParams["savefig.dpi"] == theme.DPI
        assert mpl.rcParams["font.size"] == 31.0


def test_theme_font_is_the_one_matplotlib_ships() -> None:
    from matplotlib import font_manager

    with theme.theme_context():
        path = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert "mpl-data" in path


def test_theme_rc_returns_a_fresh_dict() -> None:
    first = theme.theme_rc()
    first["font.size"] = 99
    assert theme.theme_rc()["font.size"] != 99


def test_importing_the_theme_stays_light() -> None:
    heavy = "{'matplotlib', 'seaborn', 'pandas'}"
    code = f"import sys, analysis.presentation.theme; print(sorted({heavy} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_contrast_is_the_wcag_ratio_and_text_colour_reaches_it() -> None:
    assert round(theme.contrast("#000000"), 1) == 21.0
    assert round(theme.contrast("#767676"), 2) == 4.54
    assert theme.contrast(theme.text_colour(theme.ORANGE)) >= theme.TEXT_CONTRAST
    assert theme.text_colour(theme.BLUE) == theme.BLUE  # already readable: unchanged
    assert theme.text_on("#08306B") == "#FFFFFF"
    assert theme.text_on("#DEEBF7") == theme.BLACK
