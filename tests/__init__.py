"""Tests mirroring the `analysis` package."""
