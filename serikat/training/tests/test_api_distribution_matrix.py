"""Permission-matrix rows of the distribution and feedback API (see serikat/core/tests/test_api_matrix.py,
which imports this module through test_api_world.MATRIX_MODULES; no tests here).

The world (extend_world): the confederation's package with a released edition; a print run of 100
participant books delivered at PC SPL Bekasi and a second run not yet delivered; from PC SPL Bekasi
a consignment planned for PUK-B, one shipped and one received at PUK-A; feedback from PUK-A, one item new and one
accepted. The callers are secretariats (they distribute, confirm receipts and send feedback, but
neither triage nor author) and a read-only user. Distribution rows use the branches as cast (own PC
SPL Bekasi, sibling PC SPL Karawang, ancestor the sector union); receipts, stock, coverage and
feedback the plant unions, where the ancestor (PC SPL Bekasi) is also the sender: it may not
confirm its own shipment (403).
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from serikat.core.tests.test_api_world import API, CREATE, LIST, READ, UPDATE, Op
from serikat.core.tests.test_api_world import unit_id as _u
from serikat.training import services_distribution as distribution
from serikat.training import services_feedback as feedback
from serikat.training.models import Consignment, Edition, Feedback, Module, Package, PrintRun, Session, StockMovement
from serikat.training.tests.test_distribution_factories import make_package

DAY = datetime.date(2025, 3, 3)
BRANCHES = ("PC-SPL-BKS", "PC-SPL-KRW", "FSPMI-SPL")
KEEPERS = (401, 404, 404, 201, 201, 403)  # hand-outs and counts at PUK-A
TRIAGE = (401, 404, 403, 403, 403, 403)  # visible up the tree; secretariats neither triage nor author


def extend_world(world: SimpleNamespace) -> None:
    tree, admin = world.tree, world.tree.admin
    made = make_package(tree, code="KB-API", title="Kebebasan Berserikat (API)")
    run = distribution.record_print_run(
        actor=admin, edition=made.edition, unit=tree.pc_bks, kind="participant_book", printer="Percetakan",
        quantity=100, cost_amount=1500000, ordered_on=DAY,
    )  # fmt: skip
    distribution.mark_print_run_delivered(actor=admin, print_run=run, delivered_on=DAY)
    pending = distribution.record_print_run(
        actor=admin, edition=made.edition, unit=tree.pc_bks, kind="trainer_guide", printer="Percetakan",
        quantity=10, cost_amount=0, ordered_on=DAY,
    )  # fmt: skip
    planned, shipped = distribution.plan_consignments(
        actor=admin, edition=made.edition, from_unit=tree.pc_bks, kind="participant_book",
        allocations=[(tree.puk_b, 10), (tree.puk_a, 5)],
    )  # fmt: skip
    (received,) = distribution.plan_consignments(
        actor=admin, edition=made.edition, from_unit=tree.pc_bks, kind="participant_book",
        allocations=[(tree.puk_a, 8)],
    )  # fmt: skip
    for row in (shipped, received):
        distribution.ship_consignment(actor=admin, consignment=row, shipped_on=DAY)
    # The root administrator covers both sides, so it cannot confirm the receipt through the service;
    # the received consignment and PUK-A's stock are written as the service would have left them.
    Consignment.objects.filter(pk=received.pk).update(
        status="received", received_on=DAY, received_quantity=8, received_by=admin
    )
    StockMovement.objects.create(
        unit=tree.puk_a, edition=made.edition, kind="received", document="participant_book", quantity=8,
        consignment=received, occurred_on=DAY, created_by=admin,
    )  # fmt: skip
    item = feedback.send_feedback(
        actor=admin, edition=made.edition, unit=tree.puk_a, module_id=made.module.pk, from_role="trainer",
        body="Tambahkan contoh.",
    )  # fmt: skip
    accepted = feedback.send_feedback(
        actor=admin, edition=made.edition, unit=tree.puk_a, module_id=made.module.pk, session_id=made.session.pk,
        from_role="participant", body="Terlalu cepat.",
    )  # fmt: skip
    feedback.triage_feedback(actor=admin, feedback=accepted, decision="accepted", reason="Ya")
    world.dist = SimpleNamespace(
        made=made, run=run, pending=pending, planned=planned, shipped=shipped, item=item, accepted=accepted
    )


def _d(w):
    return w.dist


MATRIX: dict[str, Op] = {
    # --- print runs
    "GET /training/print-runs": Op(
        lambda w: (f"{API}/training/print-runs", None), LIST, units=BRANCHES, listed=lambda w: _d(w).run.pk
    ),
    "GET /training/print-runs/{print_run_id}": Op(
        lambda w: (f"{API}/training/print-runs/{_d(w).run.pk}", None), READ, units=BRANCHES
    ),
    "POST /training/print-runs": Op(
        lambda w: (
            f"{API}/training/print-runs",
            {
                "edition": _d(w).made.edition.pk,
                "unit": _u(w, "PC-SPL-BKS"),
                "kind": "trainer_guide",
                "printer": "CV Sinar",
                "quantity": 20,
                "cost_amount": 300000,
                "ordered_on": "2025-03-01",
            },
        ),
        CREATE,
        units=BRANCHES,
    ),
    "POST /training/print-runs/{print_run_id}/deliver": Op(
        lambda w: (f"{API}/training/print-runs/{_d(w).pending.pk}/deliver", {"delivered_on": "2025-03-04"}),
        UPDATE,
        units=BRANCHES,
    ),
    # --- consignments
    "GET /training/consignments": Op(
        lambda w: (f"{API}/training/consignments", None), LIST, units=BRANCHES, listed=lambda w: _d(w).planned.pk
    ),
    "GET /training/consignments/{consignment_id}": Op(
        lambda w: (f"{API}/training/consignments/{_d(w).planned.pk}", None), READ, units=BRANCHES
    ),
    "POST /training/consignments": Op(
        lambda w: (
            f"{API}/training/consignments",
            {
                "edition": _d(w).made.edition.pk,
                "from_unit": _u(w, "PC-SPL-BKS"),
                "kind": "participant_book",
                "allocations": [{"unit": _u(w, "PUK-B"), "quantity": 5}],
            },
        ),
        CREATE,
        units=BRANCHES,
    ),
    "POST /training/consignments/{consignment_id}/ship": Op(
        lambda w: (
            f"{API}/training/consignments/{_d(w).planned.pk}/ship",
            {"shipped_on": "2025-03-04", "carrier": "JNE 123"},
        ),
        UPDATE,
        units=BRANCHES,
    ),
    "POST /training/consignments/{consignment_id}/receive": Op(
        lambda w: (
            f"{API}/training/consignments/{_d(w).shipped.pk}/receive",
            {"received_quantity": 5, "received_on": "2025-03-05"},
        ),
        # The ancestor here is PC SPL Bekasi, the sender: it sees the consignment but may not confirm it.
        (401, 404, 404, 200, 403, 403),
    ),
    "POST /training/consignments/{consignment_id}/cancel": Op(
        lambda w: (f"{API}/training/consignments/{_d(w).planned.pk}/cancel", {"reason": "Salah alamat"}),
        UPDATE,
        units=BRANCHES,
    ),
    # --- stock
    "GET /training/stock": Op(
        lambda w: (f"{API}/training/stock?edition={_d(w).made.edition.pk}", None),
        (401, 404, "200-", "200+", "200+", "200+"),  # no grant: the edition itself is hidden
        listed=lambda w: _u(w, "PUK-A"),
    ),
    "POST /training/stock/hand-outs": Op(
        lambda w: (
            f"{API}/training/stock/hand-outs",
            {
                "edition": _d(w).made.edition.pk,
                "unit": _u(w, "PUK-A"),
                "kind": "participant_book",
                "quantity": 3,
                "handed_out_on": "2025-03-06",
                "training": "Pelatihan dasar",
            },
        ),
        KEEPERS,
    ),
    "POST /training/stock/counts": Op(
        lambda w: (
            f"{API}/training/stock/counts",
            {
                "edition": _d(w).made.edition.pk,
                "unit": _u(w, "PUK-A"),
                "kind": "participant_book",
                "counted": 6,
                "counted_on": "2025-03-06",
                "reason": "Dua hilang",
            },
        ),
        KEEPERS,
    ),
    # --- coverage
    "GET /training/coverage": Op(
        lambda w: (f"{API}/training/coverage?package={_d(w).made.package.pk}&level=plant", None),
        (401, 404, "200-", "200+", "200+", "200+"),
        listed=lambda w: _u(w, "PUK-A"),
    ),
    "GET /training/coverage/federations": Op(
        lambda w: (f"{API}/training/coverage/federations?package={_d(w).made.package.pk}&level=plant", None),
        (401, 404, "200+", "200+", "200+", "200+"),  # every plant union counts under its federation
        listed=lambda w: w.tree.fspmi.pk,
    ),
    # --- feedback (readable up the tree, like the package: the sibling plant union sees it too)
    "GET /training/feedback": Op(
        lambda w: (f"{API}/training/feedback", None),
        (401, "200-", "200+", "200+", "200+", "200+"),
        listed=lambda w: _d(w).item.pk,
    ),
    "GET /training/feedback/{feedback_id}": Op(
        lambda w: (f"{API}/training/feedback/{_d(w).item.pk}", None), (401, 404, 200, 200, 200, 200)
    ),
    "POST /training/feedback": Op(
        lambda w: (
            f"{API}/training/feedback",
            {
                "edition": _d(w).made.edition.pk,
                "unit": _u(w, "PUK-A"),
                "module": _d(w).made.module.pk,
                "session": _d(w).made.other_session.pk,
                "from_role": "trainer",
                "body": "Perlu studi kasus.",
            },
        ),
        CREATE,
    ),
    "POST /training/feedback/{feedback_id}/triage": Op(
        lambda w: (f"{API}/training/feedback/{_d(w).item.pk}/triage", {"decision": "accepted", "reason": "Ya"}),
        TRIAGE,
    ),
    "POST /training/feedback/{feedback_id}/address": Op(
        lambda w: (f"{API}/training/feedback/{_d(w).accepted.pk}/address", None), TRIAGE
    ),
}
SNAPSHOT_MODELS: tuple = (Package, Module, Session, Edition, PrintRun, Consignment, StockMovement, Feedback)
