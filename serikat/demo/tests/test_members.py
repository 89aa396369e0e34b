"""The demo registry (seed_demo --members): realistic, consistent and deterministic members."""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import models

from serikat.demo.builder import seed_demo
from serikat.demo.members import MemberGenerator, demo_plants, minimum_wage, seed_members
from serikat.membership.models import FederationRegistry, Member, Membership, MembershipConflict
from serikat.membership.nik import database_region_index, parse_nik
from serikat.organisation.models import Unit
from serikat.organisation.regions import load_regions

PLANTS = 60
MEMBERS = 3_000


@pytest.fixture
def demo_regions(db):
    load_regions(Path(settings.SERIKAT_REGIONS_DIR))


@pytest.fixture
def registry(demo_regions):
    return seed_demo(plants=PLANTS, members=MEMBERS)


def _generate(seed: int) -> list:
    from serikat.demo.members import _districts_by_regency, _registries

    plants = demo_plants()
    districts, names = _districts_by_regency()
    generator = MemberGenerator(
        count=500, seed=seed, plants=plants, districts=districts, regency_names=names, registries=_registries(plants),
        now=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )  # fmt: skip
    return [(chunk.members, chunk.memberships, chunk.conflicts) for chunk in generator.chunks(100)]


def test_seeds_exactly_the_members_asked_for_in_plant_unions_only(registry):
    assert registry["members"]["members"] == MEMBERS
    assert Member.objects.count() == MEMBERS
    assert Membership.objects.exclude(unit__level__is_plant=True).count() == 0
    units = {u.pk: u for u in Unit.objects.filter(level__is_plant=True)}
    federations = dict(Unit.objects.filter(depth=2).values_list("path", "pk"))
    for unit_id, federation_id in Membership.objects.values_list("unit_id", "federation_id"):
        assert federations[units[unit_id].federation_path] == federation_id
    # Everyone has one membership, except the dual members, who have a second one elsewhere.
    per_member = Counter(Membership.objects.values_list("member_id", flat=True))
    assert set(per_member.values()) <= {1, 2}
    assert Membership.objects.count() == MEMBERS + registry["members"]["dual"]


def test_dual_members_have_a_conflict_across_two_federations(registry):
    conflicts = list(MembershipConflict.objects.select_related("first", "second"))
    assert len(conflicts) == registry["members"]["dual"] > 0
    for conflict in conflicts:
        assert conflict.kind == MembershipConflict.Kind.TWO_FEDERATIONS
        assert conflict.first.member_id == conflict.second.member_id == conflict.member_id
        assert conflict.first.federation_id != conflict.second.federation_id
        assert conflict.first.pk < conflict.second.pk
        assert {conflict.first.status, conflict.second.status} == {"active"}


def test_niks_agree_with_the_regency_birth_date_and_gender(registry):
    regions = database_region_index()
    members = list(Member.objects.all())
    for member in members:
        result = parse_nik(member.nik, regions=regions, today=datetime.date(2026, 1, 1))
        assert result.is_valid, (member.nik, result.errors)
        assert not result.warnings, (member.nik, result.warnings)  # a current district, a working age
        assert result.facts.birth_date == member.birth_date
        assert result.facts.gender == member.gender
        assert result.facts.district_code == member.region_id
        assert datetime.date(1960, 1, 1) <= member.birth_date <= datetime.date(2006, 12, 31)
    # The NIK's regency is the regency of the member's plant union (the first one, for dual members).
    regencies: dict[int, set[str]] = {}
    for member_id, region in Membership.objects.values_list("member_id", "unit__region_id"):
        regencies.setdefault(member_id, set()).add(region[:5])
    assert all(f"{m.nik[:2]}.{m.nik[2:4]}" in regencies[m.pk] for m in members)
    women = sum(m.gender == "F" for m in members) / len(members)
    assert 0.3 <= women <= 0.45


def test_memberships_look_like_a_registry(registry):
    rows = list(Membership.objects.select_related("unit"))
    statuses = Counter(m.status for m in rows)
    assert statuses["active"] > 0.85 * len(rows)
    assert statuses["applicant"] > 0 and statuses["ended"] > 0
    for m in rows:
        if m.status == "applicant":
            assert m.kta_number == "" and m.activated_on is None
        else:
            assert m.kta_number.startswith(m.unit.code.split("-")[0] + "-")
            assert m.activated_on >= m.joined_on
        if m.status == "ended":
            assert m.ended_on >= m.joined_on and m.end_reason
    current = [m.kta_number for m in rows if m.status != "ended" and m.kta_number]
    assert len(current) == len(set(current))
    employment = Counter(m.employment_status for m in rows)
    assert employment["permanent"] > employment["fixed_term"] > employment["outsourced"] > 0
    ratios = [float(m.monthly_wage_amount) / minimum_wage(m.unit.region_id[:5]) for m in rows]
    assert 1.0 <= statistics.median(ratios) <= 1.3


def test_kta_counters_continue_after_the_seed(registry):
    for registry_row in FederationRegistry.objects.select_related("federation"):
        used = Membership.objects.filter(federation=registry_row.federation).exclude(kta_number="").count()
        assert registry_row.next_kta_seq == used + 1
    # The id sequences moved past the explicit ids: a new member can be saved.
    Member.objects.create(nik="3216010101900001", full_name="Baru", gender="M")


def test_the_same_seed_gives_the_same_members(demo_regions):
    seed_demo(plants=PLANTS)
    first, again, other = _generate(1), _generate(1), _generate(2)
    assert first == again
    assert first != other


def test_seed_demo_adds_members_to_a_demo_without_any(demo_regions):
    seed_demo(plants=PLANTS)
    out = StringIO()
    call_command("seed_demo", "--plants", str(PLANTS), "--members", "400", stdout=out)
    assert "400 (" in out.getvalue()
    assert Member.objects.count() == 400
    assert seed_members(count=100) == {"skipped": True}


def test_the_demo_has_dues_rules_and_most_members_authorised_deduction(registry):
    from serikat.dues.models import AllocationRule, Authorisation, DuesPolicy
    from serikat.dues.policies import authorised_q

    federations = Unit.objects.filter(depth=2).count()
    assert DuesPolicy.objects.count() == federations
    rules = AllocationRule.objects.prefetch_related("shares")
    assert [sum(share.basis_points for share in rule.shares.all()) for rule in rules] == [10_000] * federations
    authorised = Authorisation.objects.filter(authorised_q(datetime.date(2026, 1, 1)))
    eligible = Membership.objects.filter(status__in=("active", "suspended"), employer__isnull=False)
    assert not authorised.exclude(membership__in=eligible).exists()
    assert 0.88 < authorised.count() / eligible.count() < 0.97
    assert not authorised.exclude(employer_id=models.F("membership__employer_id")).exists()


def test_seeding_dues_again_adds_nothing(registry):
    from serikat.accounts.models import User
    from serikat.demo.dues import seed_dues
    from serikat.dues.models import Authorisation

    before = Authorisation.objects.count()
    assert seed_dues(actor=User.objects.get(username="demo-admin")) == {
        "dues_policies": 0,
        "allocation_rules": 0,
        "authorisations": 0,
    }
    assert Authorisation.objects.count() == before


def test_the_demo_has_three_months_of_dues_history(registry):
    from django.db.models import Sum

    from serikat.dues.models import AllocationEntry, AllocationRun, Remittance

    remittances = Remittance.objects.filter(unit__code=registry["demo_puk"]).order_by("month")
    assert [(r.month.month, r.status) for r in remittances] == [(8, "reconciled"), (9, "reconciled"), (10, "open")]
    october = remittances.last()
    open_kinds = set(october.exceptions.filter(status="open").values_list("kind", flat=True))
    assert {"amount_differs", "not_deducted"} <= open_kinds <= {"amount_differs", "not_deducted", "not_member"}
    runs = AllocationRun.objects.all()
    assert runs.count() == Unit.objects.filter(depth=2).count() * 3
    for run in runs:
        entries = AllocationEntry.objects.filter(run=run)
        totals = entries.aggregate(due=Sum("due_amount"), received=Sum("received_amount"))
        assert (totals["due"] or 0, totals["received"] or 0) == (run.due_amount, run.received_amount)
        assert 0 < run.received_amount < run.due_amount
