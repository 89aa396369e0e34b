"""Permission-matrix rows of the dues reports API (see serikat/core/tests/test_api_matrix.py).

The world (extend_world, after the rules module's) has an active member at PUK-A and FSPMI's
January 2025 allocated: a run, its entries, the levy; PUK-A is one month behind and flagged (the
world's standing rule flags after one month). Runs and levies belong to the federation, so their
rows take FSPMI as "own", SPN as the sibling and the confederation as the ancestor; running a month
or recording a levy payment needs dues.run_allocation, which no secretariat holds.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from serikat.core.tests.test_api_world import API, LIST, READ, Op
from serikat.core.tests.test_api_world import unit_id as _u
from serikat.dues.models import AllocationEntry, AllocationRun, Contribution, Levy, UnionMonth
from serikat.dues.services_allocation import run_allocation
from serikat.dues.tests.rules_helpers import member

FEDERATION = ("FSPMI", "SPN", "KSPI")
FEDERATION_LIST = (401, "200-", "200-", "200+", "200+", "200+")
FEDERATION_READ = (401, 404, 404, 200, 200, 200)
REFUSED = (401, 404, 404, 403, 403, 403)


def extend_world(world: SimpleNamespace) -> None:
    tree = world.tree
    world.dues_member = member(tree.admin, tree.puk_a, 9001)
    world.dues_run = run_allocation(actor=tree.admin, federation=tree.fspmi, month=datetime.date(2025, 1, 1))
    world.dues_levy = Levy.objects.get(run=world.dues_run)
    world.dues_entry = AllocationEntry.objects.get(run=world.dues_run, level__code="PUK")


MATRIX: dict[str, Op] = {
    "POST /dues/allocation-runs": Op(
        lambda w: (f"{API}/dues/allocation-runs", {"federation": _u(w, "FSPMI"), "month": "2025-02"}),
        REFUSED,
        units=FEDERATION,
    ),
    "GET /dues/allocation-runs": Op(
        lambda w: (f"{API}/dues/allocation-runs", None),
        FEDERATION_LIST,
        units=FEDERATION,
        listed=lambda w: w.dues_run.pk,
    ),
    "GET /dues/allocation-runs/{run_id}": Op(
        lambda w: (f"{API}/dues/allocation-runs/{w.dues_run.pk}", None), FEDERATION_READ, units=FEDERATION
    ),
    "GET /dues/allocation-runs/{run_id}/entries": Op(
        lambda w: (f"{API}/dues/allocation-runs/{w.dues_run.pk}/entries", None),
        (401, 404, 404, "200+", "200+", "200+"),
        units=FEDERATION,
        listed=lambda w: w.dues_entry.pk,
    ),
    "GET /dues/arrears": Op(lambda w: (f"{API}/dues/arrears", None), LIST, listed=lambda w: _u(w, "PUK-A")),
    "GET /dues/members/{membership_id}/statement": Op(
        lambda w: (f"{API}/dues/members/{w.dues_member.pk}/statement", None), READ
    ),
    "GET /dues/members/{membership_id}/standing": Op(
        lambda w: (f"{API}/dues/members/{w.dues_member.pk}/standing?on=2025-03-01", None), READ
    ),
    "GET /dues/levies": Op(
        lambda w: (f"{API}/dues/levies", None), FEDERATION_LIST, units=FEDERATION, listed=lambda w: w.dues_levy.pk
    ),
    "POST /dues/levies/{levy_id}/payments": Op(
        lambda w: (f"{API}/dues/levies/{w.dues_levy.pk}/payments", {"amount": 500, "paid_on": "2025-02-05"}),
        REFUSED,
        units=FEDERATION,
    ),
    "GET /dues/federation-totals": Op(
        lambda w: (f"{API}/dues/federation-totals", None),
        FEDERATION_LIST,
        units=FEDERATION,
        listed=lambda w: _u(w, "FSPMI"),
    ),
}
SNAPSHOT_MODELS: tuple = (AllocationRun, AllocationEntry, UnionMonth, Levy, Contribution)
