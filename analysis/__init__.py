"""The CSTO article's figures, reference data, fact check, charts and narrative.

`import analysis` is cheap: each name below loads its module (and pandas) on first use,
because every kernel and every scheduled run pays for this import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "tables": "analysis.data",
    "load": "analysis.data",
    "seed_text": "analysis.data",
    "census_shares": "analysis.census",
    "census_groups": "analysis.census",
    "census_years": "analysis.census",
    "fact_check": "analysis.factcheck",
    "reference_values": "analysis.factcheck",
    "validate_package": "analysis.validation",
    "CstoError": "analysis.errors",
    "DataError": "analysis.errors",
    "ParameterError": "analysis.errors",
}

__all__ = [
    "CstoError",
    "DataError",
    "ParameterError",
    "census_groups",
    "census_shares",
    "census_years",
    "fact_check",
    "load",
    "reference_values",
    "seed_text",
    "tables",
    "validate_package",
]

if TYPE_CHECKING:
    from analysis.census import census_groups, census_shares, census_years
    from analysis.data import load, seed_text, tables
    from analysis.errors import CstoError, DataError, ParameterError
    from analysis.factcheck import fact_check, reference_values
    from analysis.validation import validate_package


def __getattr__(name: str) -> Any:
    """Import the module that defines `name` on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
