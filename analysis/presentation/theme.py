"""The house style: a colour-blind-safe theme; the colours and cues of verdicts and directions."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from matplotlib.colors import Colormap
    from matplotlib.typing import RcKeyType

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Ordered so that the first colours contrast most on white; yellow comes late.
BLUE = "#0072B2"
ORANGE = "#E69F00"
BLUISH_GREEN = "#009E73"
REDDISH_PURPLE = "#CC79A7"
SKY_BLUE = "#56B4E9"
VERMILLION = "#D55E00"
YELLOW = "#F0E442"
BLACK = "#000000"
GREY = "#999999"
"""A neutral grey for what carries no judgement (unverified claims, neutral events)."""

PALETTE: tuple[str, ...] = (
    BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION, YELLOW, BLACK,
)  # fmt: skip
"""The categorical palette, Okabe-Ito, for series without a meaning of their own."""


@dataclass(frozen=True)
class Cue:
    """How one category is drawn and written: every cue of a verdict or a direction together.

    Attributes
    ----------
    colour : str
        Hex colour, for charts and HTML.
    marker : str
        Matplotlib marker: the cue that does not rely on colour.
    hatch : str
        Matplotlib hatch, for bars and bands.
    symbol : str
        A text symbol, the second cue in tables, sentences and HTML pages.
    label : str
        How the category is written in legends and sentences.
    """

    colour: str
    marker: str
    hatch: str
    symbol: str
    label: str


VERDICTS: Mapping[str, Cue] = MappingProxyType(
    {
        "consistent": Cue(BLUISH_GREEN, "o", "", "✓", "consistent"),
        "close": Cue(ORANGE, "s", "//", "≈", "close"),
        "discrepant": Cue(VERMILLION, "X", "xx", "✗", "discrepant"),
        "unverified": Cue(GREY, "D", "..", "?", "unverified"),
    }
)
"""The cues of each fact-check verdict (`facts.factcheck.VERDICTS`), in the verdicts' order."""

DIRECTIONS: Mapping[str, Cue] = MappingProxyType(
    {
        "cohesion": Cue(BLUE, "o", "", "●", "Cohesion"),
        "distancing": Cue(VERMILLION, "v", "//", "▼", "Distancing"),
        "western_engagement": Cue(BLUISH_GREEN, "^", "..", "▲", "Western engagement"),
        "neutral": Cue(GREY, "s", "xx", "■", "Neutral"),
    }
)
"""The cues of each event direction (the events table's `direction` vocabulary)."""


def _cues(records: Mapping[str, Cue], field: str) -> dict[str, str]:
    return {name: str(getattr(cue, field)) for name, cue in records.items()}


# The cues one at a time, as the site and older code read them; derived from the records.
VERDICT_COLORS: dict[str, str] = _cues(VERDICTS, "colour")
VERDICT_MARKERS: dict[str, str] = _cues(VERDICTS, "marker")
VERDICT_HATCHES: dict[str, str] = _cues(VERDICTS, "hatch")
VERDICT_SYMBOLS: dict[str, str] = _cues(VERDICTS, "symbol")
DIRECTION_COLORS: dict[str, str] = _cues(DIRECTIONS, "colour")
DIRECTION_MARKERS: dict[str, str] = _cues(DIRECTIONS, "marker")
DIRECTION_HATCHES: dict[str, str] = _cues(DIRECTIONS, "hatch")
DIRECTION_SYMBOLS: dict[str, str] = _cues(DIRECTIONS, "symbol")
DIRECTION_LABELS: dict[str, str] = _cues(DIRECTIONS, "label")

SERIES_COLORS: dict[str, str] = {"article": BLACK, "census": BLUE, "reference": BLUE}
"""Colour of the article's figures and of the reference data when they share a chart."""

FONT_FAMILY = "DejaVu Sans"
"""Matplotlib ships this font, so charts render the same glyphs on every machine."""

DPI = 150
"""Resolution of every PNG (and of figures on screen)."""

SVG_HASHSALT = "csto-analysis"
"""Fixed salt for the ids matplotlib writes into SVG files, which are random otherwise."""

FIGURE_WIDTH = 8.0
"""Width of every chart, in inches."""

CAPTION_SIZE = 8.0
"""Font size of the source caption under a chart, in points."""


def theme_rc() -> dict[str, Any]:
    """The theme as matplotlib rcParams: seaborn's whitegrid style plus the house settings.

    Returns
    -------
    dict
        A new dict, ready for `matplotlib.rc_context` or `seaborn.set_theme(rc=...)`.
    """
    return dict(_theme_rc())


@functools.cache
def _theme_rc() -> dict[str, Any]:
    import seaborn as sns
    from cycler import cycler

    rc: dict[str, Any] = {}
    rc.update(sns.axes_style("whitegrid"))
    rc.update(sns.plotting_context("notebook"))
    rc.update(
        {
            "axes.prop_cycle": cycler(color=list(PALETTE)),
            "font.family": ["sans-serif"],
            "font.sans-serif": [FONT_FAMILY],
            "font.size": 10.0,
            "axes.titlesize": 13.0,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.labelsize": 10.5,
            "xtick.labelsize": 9.5,
            "ytick.labelsize": 9.5,
            "legend.fontsize": 9.5,
            "legend.title_fontsize": 10.0,
            "legend.frameon": False,
            "axes.unicode_minus": True,
            "figure.figsize": (FIGURE_WIDTH, 4.5),
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "savefig.facecolor": "white",
            "figure.facecolor": "white",
            "svg.hashsalt": SVG_HASHSALT,
            "svg.fonttype": "path",
            "svg.image_inline": True,
            "hatch.linewidth": 0.8,
            "timezone": "UTC",
            "date.converter": "concise",
            "image.cmap": "cividis",
        }
    )
    return rc


@contextlib.contextmanager
def theme_context() -> Iterator[None]:
    """Draw and save under the theme alone, whatever rcParams the session has changed.

    Starts from matplotlib's defaults, so a chart made inside comes out the same
    in any session; the session's settings are restored on exit.
    """
    import matplotlib as mpl

    with mpl.rc_context():
        mpl.rcdefaults()
        mpl.rcParams.update(cast("dict[RcKeyType, Any]", theme_rc()))
        yield


def apply_theme() -> None:
    """Make the theme the session's default (for charts drawn by hand in a notebook)."""
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="notebook", palette=list(PALETTE), rc=theme_rc())


def category_colors(levels: Sequence[Any]) -> dict[str, str]:
    """Colours for categories without a meaning of their own, in palette order."""
    return {str(level): PALETTE[index % len(PALETTE)] for index, level in enumerate(levels)}


def sequential_cmap() -> Colormap:
    """A light-to-dark blue colour map for counts (one hue, so it survives grey printing)."""
    import seaborn as sns

    cmap: Colormap = sns.light_palette(BLUE, as_cmap=True)
    return cmap
