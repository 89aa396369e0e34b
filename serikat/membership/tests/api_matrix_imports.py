"""Permission-matrix rows of the member-import API (see serikat/core/tests/test_api_matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

from serikat.core.tests.test_api_world import Op
from serikat.membership.models import ColumnMapping, ImportBatch, ImportProblem

MATRIX: dict[str, Op] = {}
SNAPSHOT_MODELS = (ImportBatch, ImportProblem, ColumnMapping)


def extend_world(world: SimpleNamespace) -> None:
    """Add the import rows the import endpoints act on."""
