"""`python -m analysis` is the `csto-report` command."""

from analysis.cli import run

run()
