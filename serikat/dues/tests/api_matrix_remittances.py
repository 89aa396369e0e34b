"""Permission-matrix rows of the dues remittances API (see serikat/core/tests/test_api_matrix.py).

The world gets one remittance of PUK-A at the world's employer (March 2026): two lines, one of them
an open "amount differs" exception. The matrix's callers hold `secretariat` (dues.view_dues, not
dues.reconcile) or `read_only`: they read in scope, and every write is refused with 403 where the
remittance or union is visible to them, 404 where it is not. The upload takes multipart data,
which the matrix does not send; accepted writes are tested in test_api_remittances.py.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from serikat.core.tests.test_api_world import API, LIST, READ, Op
from serikat.core.tests.test_api_world import unit_id as _u
from serikat.dues.models import BankTransfer, Contribution, ReconciliationException, Remittance, RemittanceLine

REFUSED_WRITE = (401, 404, 404, 403, 403, 403)

MATRIX: dict[str, Op] = {
    "GET /remittances": Op(lambda w: (f"{API}/remittances", None), LIST, listed=lambda w: w.remittance.pk),
    "GET /remittances/{remittance_id}": Op(lambda w: (f"{API}/remittances/{w.remittance.pk}", None), READ),
    "GET /remittances/{remittance_id}/lines": Op(lambda w: (f"{API}/remittances/{w.remittance.pk}/lines", None), READ),
    "GET /remittances/{remittance_id}/exceptions": Op(
        lambda w: (f"{API}/remittances/{w.remittance.pk}/exceptions", None), READ
    ),
    "POST /units/{unit_id}/remittances": Op(lambda w: (f"{API}/units/{_u(w, 'PUK-A')}/remittances", {}), REFUSED_WRITE),
    "POST /remittances/{remittance_id}/transfers": Op(
        lambda w: (
            f"{API}/remittances/{w.remittance.pk}/transfers",
            {"received_on": "2026-04-08", "amount": 51235, "reference": "TRF-1"},
        ),
        REFUSED_WRITE,
    ),
    "POST /reconciliation-exceptions/{exception_id}/resolve": Op(
        lambda w: (
            f"{API}/reconciliation-exceptions/{w.remittance_exception.pk}/resolve",
            {"action": "chase_employer", "note": "Asked HR"},
        ),
        REFUSED_WRITE,
    ),
}
SNAPSHOT_MODELS = (Remittance, RemittanceLine, ReconciliationException, BankTransfer, Contribution)


def extend_world(world: SimpleNamespace) -> None:
    """A remittance of PUK-A at the world's employer, with a matched line and one that differs."""
    remittance = Remittance.objects.create(
        unit=world.tree.puk_a,
        employer=world.employer,
        month=datetime.date(2026, 3, 1),
        filename="potongan-maret.xlsx",
        file_sha256="1" * 64,
        lines_count=2,
        deducted_amount=101_235,
        expected_amount=102_470,
        outcome_counts={"matched": 1, "amount_differs": 1, "not_deducted": 0},
        uploaded_by=world.tree.admin,
    )
    RemittanceLine.objects.create(
        remittance=remittance, row=2, nik="3216015708850001", name="Siti", deducted_amount=51_235,
        expected_amount=51_235, outcome="matched",
    )  # fmt: skip
    differs = RemittanceLine.objects.create(
        remittance=remittance, row=3, nik="3216015708850002", name="Budi", deducted_amount=50_000,
        expected_amount=51_235, outcome="amount_differs",
    )  # fmt: skip
    world.remittance = remittance
    world.remittance_exception = ReconciliationException.objects.create(
        remittance=remittance, kind="amount_differs", line=differs, amount=50_000, expected_amount=51_235
    )
