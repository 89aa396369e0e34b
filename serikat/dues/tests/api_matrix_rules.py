"""Permission-matrix rows of the dues rules API (see serikat/core/tests/test_api_matrix.py).

The world (extend_world) gives FSPMI a dues policy, an allocation rule and a standing rule (unions
flagged after one month of arrears). Rules are readable throughout the federations a caller works
in, so the sibling plant union reads them too; setting one needs dues.manage_rules, which no
secretariat holds: the matrix callers are refused (403 where they see the unit, 404 where they do
not). Accepted writes are tested in test_api_rules.py.
"""

from __future__ import annotations

from types import SimpleNamespace

from serikat.core.tests.test_api_world import API, Op
from serikat.core.tests.test_api_world import unit_id as _u
from serikat.dues.models import AllocationRule, AllocationShare, DuesPolicy, StandingRule
from serikat.dues.tests.rules_helpers import fspmi_rules, level, standing

RULE_READ = (401, 404, 200, 200, 200, 200)
RULE_LIST = (401, "200-", "200+", "200+", "200+", "200+")
RULE_SET = (401, 404, 404, 403, 403, 403)
FEDERATION = ("FSPMI", "SPN", "KSPI")


def extend_world(world: SimpleNamespace) -> None:
    world.dues_policy, world.dues_rule = fspmi_rules(world.tree)
    world.dues_standing = standing(world.tree, sanction=1)


MATRIX: dict[str, Op] = {
    "GET /dues/policies": Op(lambda w: (f"{API}/dues/policies", None), RULE_LIST, listed=lambda w: w.dues_policy.pk),
    "GET /dues/policies/{policy_id}": Op(lambda w: (f"{API}/dues/policies/{w.dues_policy.pk}", None), RULE_READ),
    "POST /dues/policies": Op(
        lambda w: (
            f"{API}/dues/policies",
            {"unit": _u(w, "FSPMI"), "valid_from": "2025-02-01", "kind": "flat", "flat_amount": 30000},
        ),
        RULE_SET,
        units=FEDERATION,
    ),
    "GET /dues/allocation-rules": Op(
        lambda w: (f"{API}/dues/allocation-rules", None), RULE_LIST, listed=lambda w: w.dues_rule.pk
    ),
    "GET /dues/allocation-rules/{rule_id}": Op(
        lambda w: (f"{API}/dues/allocation-rules/{w.dues_rule.pk}", None), RULE_READ
    ),
    "POST /dues/allocation-rules": Op(
        lambda w: (
            f"{API}/dues/allocation-rules",
            {
                "unit": _u(w, "FSPMI"),
                "valid_from": "2025-02-01",
                "shares": [
                    {"level": level(w.tree, "PUK").pk, "basis_points": 6000},
                    {"level": level(w.tree, "DPP").pk, "basis_points": 4000},
                ],
                "mode": "direct",
            },
        ),
        RULE_SET,
        units=FEDERATION,
    ),
    "GET /dues/standing-rules": Op(
        lambda w: (f"{API}/dues/standing-rules", None), RULE_LIST, listed=lambda w: w.dues_standing.pk
    ),
    "GET /dues/standing-rules/{rule_id}": Op(
        lambda w: (f"{API}/dues/standing-rules/{w.dues_standing.pk}", None), RULE_READ
    ),
    "POST /dues/standing-rules": Op(
        lambda w: (f"{API}/dues/standing-rules", {"unit": _u(w, "FSPMI"), "valid_from": "2025-02-01"}),
        RULE_SET,
        units=FEDERATION,
    ),
}
SNAPSHOT_MODELS: tuple = (DuesPolicy, AllocationRule, AllocationShare, StandingRule)
