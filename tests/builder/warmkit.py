"""A warm-up for the kernel template tests: it records what the template's environment held."""

from __future__ import annotations

import os

SEEN: str | None = None
"""`REPORT_WARM_PROBE` as the template saw it when it warmed up (None before)."""


def remember() -> None:
    """Record the probe variable, so that a forked kernel can tell when the warm-up ran."""
    global SEEN
    SEEN = os.environ.get("REPORT_WARM_PROBE", "unset")
