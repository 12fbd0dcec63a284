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
GREY = "#767676"
"""A neutral grey for what carries no judgement (unverified claims, neutral events); the
lightest grey with 4.5:1 contrast on white, so it serves for text and marks alike."""
DARK_ORANGE = "#9E6A00"
"""Okabe-Ito's orange darkened to 4.65:1 on white: its yellow-orange would be 2.25:1."""

BACKGROUND = "#FFFFFF"
"""The background of every chart and page."""

TEXT_CONTRAST = 4.5
"""WCAG 2.1 (1.4.3): the least contrast of text against its background."""

MARK_CONTRAST = 3.0
"""WCAG 2.1 (1.4.11): the least contrast of a mark (a bar, a line, a symbol) against it."""

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
        "consistent": Cue(BLUISH_GREEN, "o", "", "✓", "accurate"),
        "close": Cue(DARK_ORANGE, "s", "//", "≈", "nearly accurate"),
        "discrepant": Cue(VERMILLION, "X", "xx", "✗", "inaccurate"),
        "unverified": Cue(GREY, "D", "..", "?", "unverified"),
    }
)
"""The cues of each fact-check verdict (`facts.factcheck.VERDICTS`), in the verdicts' order.

The label is the one name a reader sees for the verdict on every page, chart and sentence
and in the ClaimReview data (`alternateName`): words a stranger understands. The data keep
the verdict's own value (`consistent`, ...), which the methodology names beside its label.
`unverified` keeps its word: no source at hand settles the claim, which is not to say that
none could (`unverifiable` would say that).
"""

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
VERDICT_LABELS: dict[str, str] = _cues(VERDICTS, "label")


def verdict_label(verdict: Any) -> str:
    """How a reader sees `verdict`: its label ('nearly accurate' for `close`).

    A value that is no verdict (an event's kind, a missing verdict) is returned as text.
    """
    return VERDICT_LABELS.get(str(verdict), str(verdict))


SERIES_COLORS: dict[str, str] = {"article": BLACK, "census": BLUE, "reference": BLUE}
"""Colour of the article's figures and of the reference data when they share a chart."""

FONT_FAMILY = "DejaVu Sans"
"""Matplotlib ships this font, so charts render the same glyphs on every machine."""

DPI = 150
"""Resolution of every PNG (and of figures on screen)."""

SVG_HASHSALT = "csto-analysis"
"""Fixed salt for the ids matplotlib writes into SVG files, which are random otherwise."""

FIGURE_WIDTH = 5.0
"""Width of every chart, in inches: narrow enough that, shrunk to a phone's 375 CSS pixels,
its smallest type (`TEXT_SIZE`) stays at least `PHONE_TEXT_PX` pixels high."""

TEXT_SIZE = 12.0
"""The smallest type on a chart (ticks, annotations, legend, caption), in points."""

LABEL_SIZE = 12.5
"""Axis labels, in points."""

TITLE_SIZE = 14.0
"""A chart's title, in points."""

CAPTION_SIZE = TEXT_SIZE
"""Font size of the source caption under a chart, in points."""

PHONE_WIDTH_PX = 375
"""The narrowest screen a chart is made for, in CSS pixels (an iPhone SE in portrait)."""

PHONE_TEXT_PX = 11.0
"""The least height of chart type on that screen, in CSS pixels."""


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
            "font.size": TEXT_SIZE,
            "axes.titlesize": TITLE_SIZE,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.labelsize": LABEL_SIZE,
            "xtick.labelsize": TEXT_SIZE,
            "ytick.labelsize": TEXT_SIZE,
            "legend.fontsize": TEXT_SIZE,
            "legend.title_fontsize": LABEL_SIZE,
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
    """Colours for categories without a meaning of their own, in palette order.

    Each is darkened where needed to read as text on white (`TEXT_CONTRAST`), since
    a category's colour also writes its labels.
    """
    return {
        str(level): text_colour(PALETTE[index % len(PALETTE)]) for index, level in enumerate(levels)
    }


def luminance(colour: str) -> float:
    """The relative luminance of a '#RRGGBB' colour (WCAG 2.1 definition)."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(colour: str, background: str = BACKGROUND) -> float:
    """The WCAG contrast ratio of two '#RRGGBB' colours, from 1 to 21."""
    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(colour: str, minimum: float = TEXT_CONTRAST) -> str:
    """`colour`, darkened in small steps until it reaches `minimum` contrast on white."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    factor = 1.0
    while True:
        candidate = "#{:02X}{:02X}{:02X}".format(*(round(c * factor) for c in (red, green, blue)))
        if contrast(candidate) >= minimum or factor <= 0:
            return candidate
        factor -= 0.02


def text_on(background: str) -> str:
    """Black or white, whichever contrasts more with `background` (always >= 4.5:1)."""
    return BLACK if contrast(BLACK, background) >= contrast("#FFFFFF", background) else "#FFFFFF"


def sequential_cmap() -> Colormap:
    """A light-to-dark blue colour map for counts (one hue, so it survives grey printing)."""
    import seaborn as sns

    cmap: Colormap = sns.light_palette(BLUE, as_cmap=True)
    return cmap
