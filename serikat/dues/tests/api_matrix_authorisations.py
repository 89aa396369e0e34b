"""Permission-matrix rows of the dues authorisations API (see serikat/core/tests/test_api_matrix.py).

The world (extend_world) adds two active members at PUK-A working for the world's employer (whose
workplace PUK-A organises): Rudi, with an authorisation and a check-off notification issued, and
Lina, without one. A PUK officer acts only in their PUK; read_only there sees but does not act.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from serikat.core.tests.test_api_world import API, CREATE, LIST, READ, UPDATE, Op
from serikat.core.tests.test_api_world import unit_id as _u
from serikat.dues import services_authorisations as services
from serikat.dues.models import Authorisation, EmployerLetter
from serikat.membership.tests.cards_helpers import active_member

SIGNED = datetime.date(2025, 1, 10)
PRINT = (401, 404, 404, 200, 200, 403)  # read_only may see the letter, not print it

MATRIX: dict[str, Op] = {
    "GET /dues/authorisations": Op(
        lambda w: (f"{API}/dues/authorisations", None), LIST, listed=lambda w: w.authorisation.pk
    ),
    "GET /dues/authorisations/{authorisation_id}": Op(
        lambda w: (f"{API}/dues/authorisations/{w.authorisation.pk}", None), READ
    ),
    "POST /dues/authorisations": Op(
        lambda w: (
            f"{API}/dues/authorisations",
            {"membership": w.unauthorised.pk, "employer": w.employer.pk, "signed_on": "2025-02-01"},
        ),
        CREATE,
    ),
    "POST /dues/authorisations/bulk": Op(
        lambda w: (
            f"{API}/dues/authorisations/bulk",
            {
                "unit": _u(w, "PUK-A"),
                "employer": w.employer.pk,
                "membership_ids": [w.unauthorised.pk, w.authorised.pk],
                "signed_on": "2025-02-01",
            },
        ),
        CREATE,
    ),
    "POST /dues/authorisations/{authorisation_id}/revoke": Op(
        lambda w: (
            f"{API}/dues/authorisations/{w.authorisation.pk}/revoke",
            {"revoked_on": "2025-06-30", "reason": "anggota mencabut kuasanya"},
        ),
        UPDATE,
    ),
    # JSON instead of multipart: the own officer gets past the door and is told to attach the file (400).
    "POST /dues/authorisations/{authorisation_id}/scan": Op(
        lambda w: (f"{API}/dues/authorisations/{w.authorisation.pk}/scan", {}), (401, 404, 404, 400, 400, 403)
    ),
    # No scan was recorded in this world: past the door the answer is 400 ("no scan").
    "GET /dues/authorisations/{authorisation_id}/scan": Op(
        lambda w: (f"{API}/dues/authorisations/{w.authorisation.pk}/scan", None), (401, 404, 404, 400, 400, 403)
    ),
    "GET /dues/employer-letters": Op(
        lambda w: (f"{API}/dues/employer-letters", None), LIST, listed=lambda w: w.letter.pk
    ),
    "GET /dues/employer-letters/{letter_id}": Op(lambda w: (f"{API}/dues/employer-letters/{w.letter.pk}", None), READ),
    "POST /dues/employer-letters": Op(
        lambda w: (f"{API}/dues/employer-letters", {"unit": _u(w, "PUK-A"), "employer": w.employer.pk}), CREATE
    ),
    "GET /dues/employer-letters/{letter_id}/pdf": Op(
        lambda w: (f"{API}/dues/employer-letters/{w.letter.pk}/pdf", None), PRINT
    ),
}
SNAPSHOT_MODELS: tuple = (Authorisation, EmployerLetter)


def extend_world(world: SimpleNamespace) -> None:
    admin, puk_a = world.tree.admin, world.tree.puk_a
    world.authorised = active_member(
        admin, puk_a, 601, full_name="Rudi Hartono", employer=world.employer, employee_number="K-601"
    )
    world.unauthorised = active_member(
        admin, puk_a, 602, full_name="Lina Marlina", employer=world.employer, employee_number="K-602"
    )
    world.authorisation = services.record_authorisation(
        actor=admin, membership=world.authorised, employer=world.employer, signed_on=SIGNED
    )
    world.letter = services.issue_notification_letter(actor=admin, unit=puk_a, employer=world.employer)
