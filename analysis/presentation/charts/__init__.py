"""Charts as objects: each holds the tidy frame it plots, draws it, describes it and saves it.

In a notebook, one line shows a chart and saves its PNG, SVG and CSV, from the frame the
table above it shows or from the facts function's parameters::

    shares = analysis.census_chart_frame(groups, start_year, end_year)
    analysis.charts.census_shares(shares).show()
    analysis.charts.census_shares(groups, start_year, end_year).show()  # the same chart

Every module of this package is imported here, and each `Chart` subclass with `draw` and
`of` registers itself (`base.REGISTRY`) under its factory's name: `analysis.charts.<name>`
is its class's `make`, the class is `analysis.charts.<ClassName>`, and `CHARTS` lists them
all. Adding a chart edits no list here. A chart's name wins over a module's of the same
name (`analysis.charts.engagement` is the chart; its module is imported by its full name).
"""

import importlib
import pkgutil
from types import ModuleType
from typing import Any

from analysis.presentation.charts import base
from analysis.presentation.charts.base import Chart, data_csv, figure_bytes, figures_dir
from analysis.presentation.charts.drawing import source_caption

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
for _name in base.REGISTRY:  # a chart named as its module: the name is the chart's
    if isinstance(globals().get(_name), ModuleType):
        del globals()[_name]


def __getattr__(name: str) -> Any:
    """`CHARTS`, a chart's factory (`timeline`) or class (`TimelineChart`), from the registry."""
    if name == "CHARTS":
        return tuple(base.REGISTRY.values())
    if name in base.REGISTRY:
        return base.REGISTRY[name].make
    for cls in base.REGISTRY.values():
        if cls.__name__ == name:
            return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    classes = [cls.__name__ for cls in base.REGISTRY.values()]
    return sorted({*globals(), "CHARTS", *base.REGISTRY, *classes})


__all__ = [
    "CHARTS",
    "Chart",
    "data_csv",
    "figure_bytes",
    "figures_dir",
    "source_caption",
    *base.REGISTRY,
    *(cls.__name__ for cls in base.REGISTRY.values()),
]
"""The public names: every chart of the package's modules, its factory and its class."""
