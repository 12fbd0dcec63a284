"""The presentation layer: the house theme, formatting, charts as objects, and the narrative.

Submodules load on first use (`analysis.presentation.charts` pulls in pandas and
matplotlib; the theme stays light), so `analysis.charts` can be named in `__init__.pyi`.
"""

import importlib
from types import ModuleType

_SUBMODULES = frozenset({"charts", "formatting", "narrative", "tables", "theme"})


def __getattr__(name: str) -> ModuleType:
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
