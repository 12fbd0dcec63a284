"""Fill, once, the caches every report kernel would otherwise fill for itself.

The build's kernel template (`warm-up` in `[tool.csto-report]`) calls `warm_up` after
importing the stack, and forks each notebook's kernel from it: every kernel starts with the
empty namespace of a new kernel, but with the data already read and checked, the library's
modules imported, the theme's fonts looked up, the table template loaded and matplotlib's
drawing and saving code run once on a throwaway figure. No result of the library is computed
here. No file stays open (the fonts the throwaway figure opened are closed again: a forked
kernel must not share a file offset with another), and no setting a notebook could see
changes.
"""

from __future__ import annotations

import importlib

from analysis.presentation.theme import theme_rc


def warm_up() -> None:
    """Read the tables, import the API's modules, find the fonts, load templates, draw once."""
    from analysis.data.loading import dataset

    data = dataset()
    for name in data:
        data[name]  # read, validated (the build's fingerprint: provenance checks only), cached
    api = importlib.import_module("analysis")
    for name in api.__all__:
        getattr(api, name)  # the lazy public API imports its module now
    _find_fonts()
    _load_table_template()
    _draw_once()


def _find_fonts() -> None:
    """Look up the theme's fonts (a path lookup, cached; no font file is opened)."""
    from matplotlib import font_manager

    rc = theme_rc()
    for family in rc.get("font.sans-serif", []):
        for weight in ("normal", "bold"):
            font_manager.findfont(
                font_manager.FontProperties(family=family, weight=weight), fallback_to_default=True
            )


def _load_table_template() -> None:
    """Compile pandas' Styler templates, and import the writers the charts' data goes through."""
    import pandas as pd

    frame = pd.DataFrame({"a": [1]})
    frame.style.to_html()
    repr(frame)  # a table's text/plain form
    frame.to_csv()
    frame.to_dict("records")


def _draw_once() -> None:
    """Draw and save a throwaway figure as PNG and SVG, then close the fonts it opened.

    What a kernel is spared is matplotlib's first pass through each kind of element (a
    category axis, bars, title, legend, constrained layout, a tight bounding box, both
    writers), not the drawing itself, which costs the same every time: so the figure is
    small and has two ticks (0.2 s of the template's 0.5 s less, measured).
    """
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    from analysis.presentation.charts.base import figure_bytes
    from analysis.presentation.theme import theme_context

    with theme_context():
        figure = Figure(layout="constrained", figsize=(2, 1.2))
        axes = figure.subplots()
        axes.barh(["a", "b"], [1, 2], label="bars")
        axes.set_xticks([0, 2])
        axes.set_title("title")
        axes.legend(title="legend")
        for fmt in ("png", "svg"):
            figure_bytes(figure, fmt)
    font_manager._get_font.cache_clear()  # type: ignore[attr-defined]  # its open font files
