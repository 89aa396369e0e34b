"""Permission-matrix rows of the membership API (see serikat/core/tests/test_api_matrix.py).

The world (extend_world) hangs the registry on PUK-A: Siti (active at the world's workplace, with a
card, also an applicant at SPN-PUK-S: an open two-federation conflict), Budi (active, a waiting
transfer to PUK-C), Agus (an applicant), Dewi (suspended) and Eko (a former member). Transfers are
decided by the receiving side, so their rows take PUK-C as "own"; a conflict is resolved only by
someone covering both federations.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone

from serikat.core.tests.test_api_world import API, CREATE, LIST, READ, UPDATE, Op
from serikat.core.tests.test_api_world import unit_id as _u
from serikat.membership import services
from serikat.membership.models import Member, MemberCard, Membership, MembershipConflict, Transfer

TODAY = timezone.localdate()
JOINED = datetime.date(2024, 3, 1)
RECEIVING = ("PUK-C", "PUK-D", "PC-SPL-KRW")
PRINT = (
    401,
    404,
    404,
    200,
    200,
    403,
)  # read_only may see the member, not print a card  # own, sibling, ancestor of the receiving side

# Kabupaten Bekasi (32.16), district 01; women have the birth day + 40.
NIKS = {
    "siti": "3216015708850001",
    "budi": "3216010203900002",
    "agus": "3216011111880003",
    "dewi": "3216016512920004",
    "eko": "3216010101870005",
    "new": "3216012006950006",
}

MATRIX: dict[str, Op] = {
    # --- members
    "GET /members": Op(lambda w: (f"{API}/members", None), LIST, listed=lambda w: w.membership.pk),
    "GET /members/export": Op(
        lambda w: (f"{API}/members/export?format=csv&unit={_u(w, 'PUK-A')}", None),
        (401, 404, 404, 200, 200, 403),  # read_only may see members, not export them
    ),
    "GET /members/{membership_id}": Op(lambda w: (f"{API}/members/{w.membership.pk}", None), READ),
    "POST /members": Op(
        lambda w: (
            f"{API}/members",
            {"unit": _u(w, "PUK-A"), "nik": NIKS["new"], "full_name": "Rina Wati", "joined_on": "2025-01-10"},
        ),
        CREATE,
    ),
    "PATCH /members/{membership_id}": Op(
        lambda w: (f"{API}/members/{w.membership.pk}", {"job_title": "Operator", "employment_status": "permanent"}),
        UPDATE,
    ),
    "PATCH /people/{member_id}": Op(
        lambda w: (f"{API}/people/{w.membership.member_id}", {"full_name": "Siti Rahayu Lestari"}), UPDATE
    ),
    # --- lifecycle
    "POST /members/{membership_id}/activate": Op(lambda w: (f"{API}/members/{w.applicant.pk}/activate", {}), UPDATE),
    "POST /members/{membership_id}/suspend": Op(
        lambda w: (f"{API}/members/{w.membership.pk}/suspend", {"reason": "dues unpaid for six months"}), UPDATE
    ),
    "POST /members/{membership_id}/reinstate": Op(
        lambda w: (f"{API}/members/{w.suspended.pk}/reinstate", None), UPDATE
    ),
    "POST /members/{membership_id}/end": Op(
        lambda w: (f"{API}/members/{w.membership.pk}/end", {"reason": "resignation", "ended_on": TODAY.isoformat()}),
        UPDATE,
    ),
    "POST /members/{membership_id}/rejoin": Op(
        lambda w: (f"{API}/members/{w.former.pk}/rejoin", {"joined_on": TODAY.isoformat()}), CREATE
    ),
    # --- transfers
    "POST /members/{membership_id}/transfer": Op(
        lambda w: (
            f"{API}/members/{w.membership.pk}/transfer",
            {"to_unit": "PUK-B", "effective_on": TODAY.isoformat(), "reason": "moved to plant 2"},
        ),
        CREATE,
    ),
    "POST /transfers/receive": Op(
        lambda w: (
            f"{API}/transfers/receive",
            {
                "nik": w.membership.member.nik,
                "kta_number": w.membership.kta_number,
                "to_unit": _u(w, "PUK-C"),
                "effective_on": TODAY.isoformat(),
            },
        ),
        CREATE,
        units=RECEIVING,
    ),
    "GET /transfers": Op(lambda w: (f"{API}/transfers", None), LIST, listed=lambda w: w.transfer.pk),
    "POST /transfers/{transfer_id}/accept": Op(
        lambda w: (f"{API}/transfers/{w.transfer.pk}/accept", {"note": "welcome"}), UPDATE, units=RECEIVING
    ),
    "POST /transfers/{transfer_id}/reject": Op(
        lambda w: (f"{API}/transfers/{w.transfer.pk}/reject", {"note": "not employed here"}),
        UPDATE,
        units=RECEIVING,
    ),
    # --- conflicts
    "GET /conflicts": Op(lambda w: (f"{API}/conflicts", None), LIST, listed=lambda w: w.conflict.pk),
    "POST /conflicts/{conflict_id}/resolve": Op(
        lambda w: (f"{API}/conflicts/{w.conflict.pk}/resolve", {"resolution": "chose FSPMI in writing"}),
        # own (PUK-A) sees the conflict but not SPN's side, which the service also needs (404);
        # the confederation covers both.
        (401, 404, 404, 404, 200, 403),
        units=("PUK-A", "PUK-B", "KSPI"),
    ),
    # --- cards
    "POST /members/{membership_id}/cards": Op(lambda w: (f"{API}/members/{w.membership.pk}/cards", None), CREATE),
    "POST /cards/{card_id}/revoke": Op(lambda w: (f"{API}/cards/{w.card.pk}/revoke", {"reason": "lost"}), UPDATE),
    "GET /members/{membership_id}/card.pdf": Op(lambda w: (f"{API}/members/{w.membership.pk}/card.pdf", None), PRINT),
    "GET /verification-lists": Op(
        lambda w: (
            f"{API}/verification-lists?workplace={w.workplace.pk}&federation={w.tree.fspmi.pk}&format=xlsx",
            None,
        ),
        # Without membership.export_members anywhere: 403 first; elsewhere the workplace has no member in view.
        (401, 403, 404, 200, 200, 403),
    ),
}

SNAPSHOT_MODELS = (Member, Membership, Transfer, MembershipConflict, MemberCard)


def _member(admin, unit, key, name, *, active=True, **job):
    membership = services.register_member(
        actor=admin, unit=unit, nik=NIKS[key], full_name=name, joined_on=JOINED, **job
    )
    if active:
        membership = services.activate_membership(actor=admin, membership=membership, activated_on=JOINED)
    return membership


def extend_world(world: SimpleNamespace) -> None:
    """Add the registry rows the membership endpoints act on (members at PUK-A, ...)."""
    tree, admin = world.tree, world.tree.admin
    world.membership = _member(admin, tree.puk_a, "siti", "Siti Rahayu", workplace=world.workplace)
    world.card = services.issue_card(actor=admin, membership=world.membership)
    world.spn_membership = services.register_member(
        actor=admin, unit=tree.spn_puk, nik=NIKS["siti"], full_name="Siti Rahayu", joined_on=JOINED
    )
    world.conflict = MembershipConflict.objects.get(second=world.spn_membership)
    moving = _member(admin, tree.puk_a, "budi", "Budi Santoso")
    world.transfer = services.request_transfer(actor=admin, membership=moving, to_unit=tree.puk_c, effective_on=TODAY)
    world.applicant = _member(admin, tree.puk_a, "agus", "Agus Setiawan", active=False)
    world.suspended = services.suspend_membership(
        actor=admin, membership=_member(admin, tree.puk_a, "dewi", "Dewi Kartika"), reason="dues unpaid"
    )
    world.former = services.end_membership(
        actor=admin,
        membership=_member(admin, tree.puk_a, "eko", "Eko Prasetyo"),
        reason="left_employer",
        ended_on=datetime.date(2024, 12, 31),
    )
