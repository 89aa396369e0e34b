"""Permission-matrix rows of the membership API (see serikat/core/tests/test_api_matrix.py)."""

from __future__ import annotations

from types import SimpleNamespace

from serikat.core.tests.test_api_world import Op
from serikat.membership.models import Member, MemberCard, Membership, MembershipConflict, Transfer

MATRIX: dict[str, Op] = {}
SNAPSHOT_MODELS = (Member, Membership, Transfer, MembershipConflict, MemberCard)


def extend_world(world: SimpleNamespace) -> None:
    """Add the registry rows the membership endpoints act on (members at PUK-A, ...)."""
