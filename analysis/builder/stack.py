"""Import the Jupyter client stack (papermill, nbclient, nbformat, nbconvert) for a build.

`nbformat` imports `jsonschema`, whose format checkers import `rfc3987_syntax` when it is
installed, and that module compiles some forty Lark grammars at import: about 3 s of CPU in
every process that reads a notebook (python-jsonschema/jsonschema#1428). Those grammars
check the `iri` formats, which no schema the build validates (nbformat's, the Data
Package's) uses; a build process therefore imports `jsonschema` without them.
"""

from __future__ import annotations

import importlib
import sys

CLIENT_MODULES = ("papermill", "nbclient", "nbformat", "nbconvert")
"""What the build process uses to execute notebooks and render their pages."""


def skip_iri_grammars() -> None:
    """Make `jsonschema` (when not yet imported) leave out its Lark-based `iri` checkers."""
    if "jsonschema" not in sys.modules:
        # None in sys.modules makes `import rfc3987_syntax` raise ImportError, which
        # jsonschema expects when the optional package is missing.
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def import_client_stack() -> None:
    """Import the client stack now (e.g. in a thread while kernels start), without the grammars."""
    skip_iri_grammars()
    for module in CLIENT_MODULES:
        importlib.import_module(module)
