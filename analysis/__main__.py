"""`python -m analysis` is the `csto-report` command."""

from analysis.cli import main

raise SystemExit(main())
