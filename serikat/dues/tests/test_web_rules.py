"""The rules screens: the list, and setting a policy, an allocation rule and a standing rule."""

from __future__ import annotations

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.dues.models import AllocationRule, DuesPolicy, StandingRule
from serikat.dues.tests.rules_helpers import JAN, fspmi_rules, level

pytestmark = pytest.mark.django_db


def test_a_federation_treasurer_sets_a_policy(tree, make_user, client_for):
    treasurer = make_user("treasurer", tree.fspmi)
    response = client_for(treasurer).post(
        reverse("dues:policy_set", args=[tree.fspmi.pk]),
        {"valid_from": "2025-01", "kind": "percent", "rate_basis_points": "100", "floor_amount": "10000",
         "rounding": "half_up", "rounding_step": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    policy = DuesPolicy.objects.get()
    assert (policy.unit_id, policy.valid_from, policy.rate_basis_points, policy.floor_amount, policy.created_by_id) == (
        tree.fspmi.pk, JAN, 100, 10_000, treasurer.pk
    )  # fmt: skip
    page = client_for(treasurer).get(reverse("dues:rules")).content.decode()
    assert "100 basis points of the wage" in page and "minimum Rp 10,000" in page


def test_a_policy_with_a_rate_and_a_flat_amount_is_refused_on_the_field(tree, make_user, client_for):
    response = client_for(make_user("treasurer", tree.fspmi)).post(
        reverse("dues:policy_set", args=[tree.fspmi.pk]),
        {"valid_from": "2025-01", "kind": "flat", "flat_amount": "30000", "rate_basis_points": "100",
         "rounding": "half_up", "rounding_step": "1"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "A flat policy has no rate, minimum or maximum." in response.content.decode()
    assert DuesPolicy.objects.count() == 0


def test_shares_that_do_not_total_10000_are_refused(tree, make_user, client_for):
    data = {f"share_{level(tree, code).pk}": points for code, points in [("PUK", 5000), ("DPP", 4000)]}
    data.update(valid_from="2025-01", mode="direct", levy_kind="none")
    events = AuditEvent.objects.count()
    response = client_for(make_user("treasurer", tree.fspmi)).post(
        reverse("dues:allocation_rule_set", args=[tree.fspmi.pk]), data
    )
    assert response.status_code == 200
    assert "The shares total 9,000 basis points; they must total exactly 10,000 (100%)." in response.content.decode()
    assert (AllocationRule.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_an_allocation_rule_is_set_with_its_shares_in_level_order(tree, make_user, client_for):
    data = {f"share_{level(tree, code).pk}": points for code, points in [("PUK", 6000), ("DPP", 4000)]}
    data.update(valid_from="2025-01", mode="centralised", collector_level=level(tree, "DPP").pk, levy_kind="per_capita",
                levy_amount="500")  # fmt: skip
    response = client_for(make_user("treasurer", tree.fspmi)).post(
        reverse("dues:allocation_rule_set", args=[tree.fspmi.pk]), data
    )
    assert response.status_code == 302
    rule = AllocationRule.objects.get()
    assert [(s.level.code, s.basis_points) for s in rule.shares.order_by("position")] == [("DPP", 4000), ("PUK", 6000)]
    assert (rule.collector_level.code, rule.levy_kind, rule.levy_amount) == ("DPP", "per_capita", 500)


def test_the_allocation_form_shows_the_federations_levels_and_the_rule_in_force(tree, make_user, client_for):
    fspmi_rules(tree)
    page = client_for(make_user("treasurer", tree.fspmi)).get(reverse("dues:allocation_rule_set", args=[tree.fspmi.pk]))
    html = page.content.decode()
    for code in ("DPP", "PP", "DPW", "KC", "PC", "PUK"):
        assert f'name="share_{level(tree, code).pk}"' in html
    assert f'name="share_{level(tree, "PUK").pk}" value="4000"' in html
    assert "DPD" not in html  # SPN's levels are not FSPMI's


def test_a_standing_rule_is_set(tree, make_user, client_for):
    response = client_for(make_user("treasurer", tree.root)).post(
        reverse("dues:standing_rule_set", args=[tree.root.pk]),
        {"valid_from": "2025-03", "member_grace_months": "1", "unit_sanction_months": "4"},
    )
    assert response.status_code == 302
    assert list(StandingRule.objects.values_list("unit__code", "member_grace_months", "unit_sanction_months")) == [
        ("KSPI", 1, 4)
    ]


def test_a_plant_union_treasurer_reads_the_federations_rules_but_sets_none(tree, make_user, client_for):
    fspmi_rules(tree)
    client = client_for(make_user("treasurer", tree.puk_a))
    page = client.get(reverse("dues:rules")).content.decode()
    assert "FSPMI" in page and 'data-testid="set-rules"' not in page
    assert client.get(reverse("dues:policy_set", args=[tree.puk_a.pk])).status_code == 403  # not a rule unit
    assert client.get(reverse("dues:policy_set", args=[tree.fspmi.pk])).status_code == 404  # out of scope
    assert client.post(reverse("dues:policy_set", args=[tree.fspmi.pk]), {"valid_from": "2025-02"}).status_code == 404
    assert DuesPolicy.objects.count() == 1


def test_a_month_that_is_not_a_month_names_the_field(tree, make_user, client_for):
    response = client_for(make_user("treasurer", tree.fspmi)).post(
        reverse("dues:standing_rule_set", args=[tree.fspmi.pk]),
        {"valid_from": "March", "member_grace_months": "1", "unit_sanction_months": "4"},
    )
    assert response.status_code == 200
    assert "Enter a month as YYYY-MM." in response.content.decode()
