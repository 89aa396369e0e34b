"""Benchmarks: run with `make bench` (see bench/README.md). Never part of the test run."""
