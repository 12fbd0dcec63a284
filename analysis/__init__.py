"""The CSTO article's figures, reference data, fact check, charts and narrative.

`import analysis` is cheap: the public names are listed once, in `__init__.pyi`, and each
loads its module (and pandas) on first use, because every kernel and every scheduled run
pays for this import.
"""

import lazy_loader

__version__ = "0.1.0"

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
