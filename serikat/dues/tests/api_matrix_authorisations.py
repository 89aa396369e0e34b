"""Permission-matrix rows of the dues authorisations API (see serikat/core/tests/test_api_matrix.py)."""

from __future__ import annotations

from serikat.core.tests.test_api_world import Op

MATRIX: dict[str, Op] = {}
SNAPSHOT_MODELS: tuple = ()
