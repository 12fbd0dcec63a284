"""Where the package's data, seed, notebooks and reports live."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
"""The `analysis` package itself."""

PROJECT_DIR = PACKAGE_DIR.parent
"""The checkout: `seeds/`, `notebooks/` and `reports/` sit beside the package."""

DATA_DIR = PACKAGE_DIR / "data" / "package"
DESCRIPTOR_NAME = "datapackage.json"
SEED_PATH = PROJECT_DIR / "seeds" / "cepa-2023-09-demise-of-putins-little-non-nato.txt"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
REPORTS_DIR = PROJECT_DIR / "reports"


def display_path(path: Path) -> str:
    """Path relative to the checkout when it lies inside it, for messages a user reads."""
    try:
        return path.resolve().relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return str(path)
