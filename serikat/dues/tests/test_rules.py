"""Setting dues policies, allocation rules and standing rules: what is refused (naming the field),
what replaces what, who may, and the audit trail; through the services and the API."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from serikat.audit.models import AuditEvent
from serikat.core.errors import DomainError, NotFound
from serikat.core.tests.test_api_world import API, call
from serikat.dues import events
from serikat.dues.models import AllocationRule, AllocationShare, DuesPolicy, StandingRule
from serikat.dues.services_rules import set_allocation_rule, set_dues_policy, set_standing_rule
from serikat.dues.tests.rules_helpers import FEB, JAN, fspmi_rules, level

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the msgids), whatever the catalogue holds."""
    with translation.override("en"):
        yield


def fields_of(error):
    return sorted({problem.field for problem in error.value.problems})


def _fingerprint():
    return (
        list(DuesPolicy.objects.values_list("id", "kind", "rate_basis_points", "flat_amount").order_by("id")),
        list(AllocationRule.objects.values_list("id", "mode", "levy_kind").order_by("id")),
        list(AllocationShare.objects.values_list("id", "level_id", "basis_points").order_by("id")),
        list(StandingRule.objects.values_list("id", "member_grace_months").order_by("id")),
        AuditEvent.objects.count(),
    )


# --- policies ----------------------------------------------------------------------------------


def test_a_policy_is_recorded_with_its_terms_in_the_audit_log(tree):
    policy = set_dues_policy(
        actor=tree.admin, unit=tree.fspmi, valid_from=JAN, kind="percent", rate_basis_points=100, cap_amount=90_000
    )
    event = AuditEvent.objects.get(kind=events.POLICY_SET)
    assert (event.object_id, event.unit_id, event.data["valid_from"], event.data["replaced"]) == (
        str(policy.pk), tree.fspmi.pk, "2025-01-01", None
    )  # fmt: skip
    assert event.data["terms"] == {
        "kind": "percent", "rate_basis_points": 100, "flat_amount": None, "floor_amount": None,
        "cap_amount": 90_000, "entry_fee_amount": 0, "rounding": "half_up", "rounding_step": 1, "note": "",
    }  # fmt: skip


def test_setting_the_same_unit_and_month_again_replaces_the_policy(tree):
    first = set_dues_policy(actor=tree.admin, unit=tree.fspmi, valid_from=JAN, kind="percent", rate_basis_points=100)
    again = set_dues_policy(actor=tree.admin, unit=tree.fspmi, valid_from=JAN, kind="flat", flat_amount=30_000)
    later = set_dues_policy(actor=tree.admin, unit=tree.fspmi, valid_from=FEB, kind="flat", flat_amount=35_000)
    assert again.pk == first.pk and later.pk != first.pk
    rows = DuesPolicy.objects.order_by("valid_from")
    assert list(rows.values_list("valid_from", "kind", "rate_basis_points", "flat_amount")) == [
        (JAN, "flat", None, 30_000),
        (FEB, "flat", None, 35_000),
    ]  # fmt: skip
    replaced = AuditEvent.objects.filter(kind=events.POLICY_SET).order_by("id")[1].data["replaced"]
    assert (replaced["kind"], replaced["rate_basis_points"]) == ("percent", 100)


@pytest.mark.parametrize(
    ("terms", "fields"),
    [
        ({"kind": "percent"}, ["rate_basis_points"]),
        ({"kind": "percent", "rate_basis_points": 10_001}, ["rate_basis_points"]),
        ({"kind": "percent", "rate_basis_points": 100, "floor_amount": 50_000, "cap_amount": 40_000}, ["cap_amount"]),
        ({"kind": "percent", "rate_basis_points": 100, "flat_amount": 1}, ["flat_amount"]),
        ({"kind": "flat"}, ["flat_amount"]),
        ({"kind": "flat", "flat_amount": 30_000, "cap_amount": 1}, ["cap_amount"]),
        ({"kind": "flat", "flat_amount": "30000.5"}, ["flat_amount"]),
        ({"kind": "flat", "flat_amount": -1}, ["flat_amount"]),
        ({"kind": "weekly", "flat_amount": 1}, ["kind"]),
        ({"kind": "flat", "flat_amount": 1, "rounding": "bankers"}, ["rounding"]),
        ({"kind": "flat", "flat_amount": 1, "rounding_step": 0}, ["rounding_step"]),
        ({"kind": "flat", "flat_amount": 1, "valid_from": datetime.date(2025, 1, 15)}, ["valid_from"]),
    ],
)
def test_a_policy_that_breaks_a_rule_is_refused_on_its_field(tree, terms, fields):
    before = _fingerprint()
    terms = {"valid_from": JAN, **terms}
    with pytest.raises(DomainError) as error:
        set_dues_policy(actor=tree.admin, unit=tree.fspmi, **terms)
    assert fields_of(error) == fields
    assert _fingerprint() == before


def test_rules_belong_to_the_confederation_a_federation_or_a_sector_union(tree):
    set_dues_policy(actor=tree.admin, unit=tree.spl, valid_from=JAN, kind="flat", flat_amount=1)
    set_standing_rule(actor=tree.admin, unit=tree.root, valid_from=JAN)
    before = _fingerprint()
    for unit in (tree.puk_a, tree.pc_bks, tree.dpw_jabar):
        with pytest.raises(DomainError) as error:
            set_dues_policy(actor=tree.admin, unit=unit, valid_from=JAN, kind="flat", flat_amount=1)
        assert fields_of(error) == ["unit"]
    with pytest.raises(DomainError) as error:
        set_allocation_rule(actor=tree.admin, unit=tree.root, valid_from=JAN, shares=[], mode="direct")
    assert fields_of(error) == ["shares", "unit"]
    assert _fingerprint() == before


def test_only_a_rule_manager_in_scope_may_set_rules(tree, make_user):
    before = _fingerprint()
    for actor in (
        make_user("treasurer", tree.puk_a),
        make_user("secretariat", tree.fspmi),
        make_user("treasurer", tree.spn),
    ):
        with pytest.raises(NotFound):
            set_dues_policy(actor=actor, unit=tree.fspmi, valid_from=JAN, kind="flat", flat_amount=1)
    assert _fingerprint() == before
    treasurer = make_user("treasurer", tree.fspmi)
    set_standing_rule(actor=treasurer, unit=tree.fspmi, valid_from=JAN, member_grace_months=1)
    assert AuditEvent.objects.get(kind=events.STANDING_RULE_SET).actor_id == treasurer.pk


# --- allocation rules ------------------------------------------------------------------------------


def test_an_allocation_rule_keeps_its_shares_in_order_and_replaces_them_when_set_again(tree):
    _policy, rule = fspmi_rules(tree)
    assert [(s.level.code, s.basis_points) for s in rule.shares.order_by("position")] == [
        ("PUK", 4000), ("PC", 1000), ("PP", 1000), ("KC", 1000), ("DPW", 1000), ("DPP", 2000)
    ]  # fmt: skip
    again = set_allocation_rule(
        actor=tree.admin, unit=tree.fspmi, valid_from=JAN, mode="direct",
        shares=[(level(tree, "DPP"), 3000), (level(tree, "PUK"), 7000)],
    )  # fmt: skip
    assert again.pk == rule.pk
    assert list(AllocationShare.objects.order_by("position").values_list("level__code", "basis_points")) == [
        ("DPP", 3000), ("PUK", 7000)
    ]  # fmt: skip
    event = AuditEvent.objects.filter(kind=events.ALLOCATION_RULE_SET).latest("id")
    assert event.data["terms"]["shares"] == [["DPP", 3000], ["PUK", 7000]]
    assert event.data["replaced"]["shares"][0] == ["PUK", 4000]


@pytest.mark.parametrize(
    ("shares", "extra", "fields"),
    [
        ([("PUK", 5000), ("DPP", 4000)], {}, ["shares"]),  # 9,000
        ([("PUK", 6000), ("DPP", 4001)], {}, ["shares"]),  # 10,001
        ([("PUK", 6000), ("PUK", 4000)], {}, ["shares"]),  # twice
        ([("PUK", 10_000)], {"mode": "centralised"}, ["collector_level"]),
        ([("PUK", 10_000)], {"mode": "direct", "collector_level": "DPP"}, ["collector_level"]),
        ([("PUK", 10_000)], {"levy_kind": "per_capita"}, ["levy_amount"]),
        (
            [("PUK", 10_000)],
            {"levy_kind": "per_capita", "levy_amount": 500, "levy_basis_points": 10},
            ["levy_basis_points"],
        ),
        ([("PUK", 10_000)], {"levy_kind": "percent", "levy_basis_points": 20_000}, ["levy_basis_points"]),
        ([("PUK", 10_000)], {"levy_kind": "none", "levy_amount": 500}, ["levy_amount"]),
        ([("PUK", 10_000)], {"levy_kind": "monthly"}, ["levy_kind"]),
        ([("PUK", 10_000)], {"mode": "sideways"}, ["mode"]),
    ],
)
def test_an_allocation_rule_that_breaks_a_rule_is_refused_on_its_field(tree, shares, extra, fields):
    before = _fingerprint()
    kwargs = {"mode": "direct", "levy_kind": "none", **extra}
    if isinstance(kwargs.get("collector_level"), str):
        kwargs["collector_level"] = level(tree, kwargs["collector_level"])
    with pytest.raises(DomainError) as error:
        set_allocation_rule(
            actor=tree.admin, unit=tree.fspmi, valid_from=JAN, shares=[(level(tree, c), p) for c, p in shares], **kwargs
        )
    assert fields_of(error) == fields
    assert _fingerprint() == before


def test_levels_of_another_federation_are_refused(tree):
    spn_puk = tree.level(tree.spn, "PUK")
    with pytest.raises(DomainError) as error:
        set_allocation_rule(
            actor=tree.admin, unit=tree.fspmi, valid_from=JAN, mode="centralised", collector_level=spn_puk,
            shares=[(spn_puk, 5000), (level(tree, "DPP"), 5000)],
        )  # fmt: skip
    assert [p.message for p in error.value.problems] == [
        "The level PUK is not a level of this federation.",
        "The collecting level is not a level of this federation.",
    ]


def test_a_sector_union_may_have_its_own_allocation_rule(tree):
    rule = set_allocation_rule(
        actor=tree.admin, unit=tree.spl, valid_from=JAN, mode="direct",
        shares=[(level(tree, "PUK"), 5000), (level(tree, "PP"), 5000)],
    )  # fmt: skip
    assert rule.unit_id == tree.spl.pk


# --- standing rules -------------------------------------------------------------------------------


def test_standing_rule_bounds(tree):
    before = _fingerprint()
    with pytest.raises(DomainError) as error:
        set_standing_rule(
            actor=tree.admin, unit=tree.fspmi, valid_from=JAN, member_grace_months=-1, unit_sanction_months=0
        )
    assert fields_of(error) == ["member_grace_months", "unit_sanction_months"]
    with pytest.raises(DomainError) as error:
        set_standing_rule(actor=tree.admin, unit=tree.fspmi, valid_from=JAN, member_grace_months=121)
    assert fields_of(error) == ["member_grace_months"]
    assert _fingerprint() == before


# --- the API ---------------------------------------------------------------------------------------


def test_a_treasurer_sets_rules_through_the_api(tree, make_user, client_for):
    client = client_for(make_user("treasurer", tree.fspmi))
    policy = call(client, "POST", f"{API}/dues/policies", {
        "unit": tree.fspmi.pk, "valid_from": "2025-01-01", "kind": "percent", "rate_basis_points": 100,
    })  # fmt: skip
    assert policy.status_code == 201 and policy.json()["rate_basis_points"] == 100
    rule = call(client, "POST", f"{API}/dues/allocation-rules", {
        "unit": tree.fspmi.pk, "valid_from": "2025-01-01", "mode": "direct", "levy_kind": "percent",
        "levy_basis_points": 250,
        "shares": [
            {"level": level(tree, "PUK").pk, "basis_points": 6000},
            {"level": level(tree, "DPP").pk, "basis_points": 4000},
        ],
    })  # fmt: skip
    assert rule.status_code == 201
    assert rule.json()["shares"] == [
        {"level": level(tree, "PUK").pk, "level_code": "PUK", "basis_points": 6000},
        {"level": level(tree, "DPP").pk, "level_code": "DPP", "basis_points": 4000},
    ]
    bad = call(client, "POST", f"{API}/dues/standing-rules", {"unit": tree.fspmi.pk, "valid_from": "2025-01-10"})
    assert bad.status_code == 400
    assert bad.json()["errors"] == [
        {"field": "body.valid_from", "message": "A rule starts on the first day of a month."}
    ]
    listed = client.get(f"{API}/dues/allocation-rules").json()["items"]
    assert [r["id"] for r in listed] == [rule.json()["id"]]
