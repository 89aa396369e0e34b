"""Registering a member and the lifecycle forms, through HTTP."""

import datetime

import pytest
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.membership import services
from serikat.membership.models import Member, Membership
from serikat.membership.tests.test_web_members import JOINED, nik, register
from serikat.organisation.services import link_workplace, register_employer, register_workplace

pytestmark = pytest.mark.django_db

REGISTER = reverse("membership:member_register")


def form(**extra):
    return {
        "unit": "PUK-A",
        "nik": "3216 0157 0885 0001",
        "full_name": "  Siti Rahayu ",
        "gender": "",
        "joined_on": "2025-03-01",
        "phone": "0812-3456-7890",
        **extra,
    }


def test_registering_derives_gender_and_birth_date_from_the_nik_and_opens_the_member_page(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    response = client.post(REGISTER, form())
    membership = Membership.objects.get()
    assert response.url == reverse("membership:member", args=[membership.pk])
    member = membership.member
    assert (member.nik, member.full_name, member.gender, member.birth_date, member.phone) == (
        "3216015708850001",
        "Siti Rahayu",
        "F",
        datetime.date(1985, 8, 17),
        "+6281234567890",
    )
    assert (membership.unit_id, membership.status, membership.consent_given_at) == (tree.puk_a.pk, "applicant", None)


def test_registering_a_person_current_in_another_federation_warns_of_the_dual_membership(tree, make_user, client_for):
    services.register_member(
        actor=tree.admin, unit=tree.spn_puk, nik="3216015708850001", full_name="Siti", joined_on=JOINED
    )
    client = client_for(make_user("secretariat", tree.puk_a))
    page = client.post(REGISTER, form(), follow=True).content.decode()
    assert "This person is also a current member of another union" in page
    assert "a membership in another union" in page and "SPN-PUK-S" not in page


def test_a_plant_union_officer_finds_their_union_code_filled_in(tree, make_user, client_for):
    body = client_for(make_user("secretariat", tree.puk_a)).get(REGISTER).content.decode()
    assert 'name="unit" id="id_unit" value="PUK-A"' in body
    body = client_for(make_user("secretariat", tree.dpw_jabar)).get(REGISTER).content.decode()
    assert 'name="unit" id="id_unit" value=""' in body


def test_problems_are_shown_on_their_fields_and_nothing_is_written(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    before = AuditEvent.objects.count()
    body = client.post(REGISTER, form(nik="3216013002850001", phone="12")).content.decode()
    assert "Digits 7-12 (300285) are not a real date." in body
    assert "12 is not a" in body
    body = client.post(REGISTER, form(unit="PUK-B")).content.decode()
    assert "No unit with this code where you may register members." in body
    assert (Membership.objects.count(), AuditEvent.objects.count()) == (0, before)


def test_consent_needs_a_method_and_a_purpose_and_is_stored_with_its_time(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    body = client.post(REGISTER, form(consent_given="on")).content.decode()
    assert "Say how the member gave their consent." in body
    assert "Choose at least one purpose the member agreed to." in body
    client.post(
        REGISTER, form(consent_given="on", consent_method="paper_form", consent_purposes=["membership", "dues"])
    )
    membership = Membership.objects.get()
    assert (membership.consent_method, membership.consent_purposes) == ("paper_form", ["membership", "dues"])
    assert membership.consent_given_at is not None


def test_the_workplace_choices_are_where_the_union_organises(tree, make_user, client_for):
    employer = register_employer(actor=tree.admin, unit=tree.pc_bks, name="PT Alpha")
    plant = register_workplace(actor=tree.admin, employer=employer, unit=tree.pc_bks, name="Plant 1")
    other = register_workplace(actor=tree.admin, employer=employer, unit=tree.pc_bks, name="Plant 2")
    link_workplace(actor=tree.admin, unit=tree.puk_a, workplace=plant)
    client = client_for(make_user("secretariat", tree.pc_bks))
    body = client.get(REGISTER, {"unit": "PUK-A"}).content.decode()
    assert "PT Alpha – Plant 1" in body and "Plant 2" not in body
    body = client.post(REGISTER, form(workplace=str(other.pk))).content.decode()
    assert "Select a valid choice." in body
    client.post(REGISTER, form(workplace=str(plant.pk), employment_status="permanent"))
    membership = Membership.objects.get()
    assert (membership.workplace_id, membership.employer_id, membership.employment_status) == (
        plant.pk,
        employer.pk,
        "permanent",
    )


def test_the_nik_check_explains_the_nik_as_it_is_typed(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    url = reverse("membership:nik_check")
    assert "A NIK has 16 digits; this one has 5." in client.get(url, {"nik": "32160"}).content.decode()
    body = client.get(url, {"nik": "3216015708850001"}).content.decode()
    assert "A woman, born 17 August 1985" in body and "Tarumajaya" in body
    membership = register(tree.admin, tree.puk_a, 1, "Siti", female=True)
    body = client.get(url, {"nik": membership.member.nik}).content.decode()
    assert "Already among your members:" in body and f"/members/{membership.pk}/" in body
    sibling = client_for(make_user("secretariat", tree.puk_b))
    assert "Already among your members" not in sibling.get(url, {"nik": membership.member.nik}).content.decode()


def test_the_screens_speak_bahasa_indonesia_first(tree, make_user, client_for):
    membership = register(tree.admin, tree.puk_a, 1, "Siti", female=True)
    client = client_for(make_user("secretariat", tree.puk_a), language="id")
    assert "<h1>Daftarkan anggota</h1>" in client.get(REGISTER).content.decode()
    body = client.get(reverse("membership:member", args=[membership.pk])).content.decode()
    assert "Keanggotaan diaktifkan" in body and "Riwayat keanggotaan" in body
    check = client.get(reverse("membership:nik_check"), {"nik": "32160"}).content.decode()
    assert "16 digit" in check


# --- lifecycle -------------------------------------------------------------------------------


def test_activating_gives_a_kta_number(tree, make_user, client_for):
    applicant = register(tree.admin, tree.puk_a, 1, "Siti", activate=False)
    client = client_for(make_user("secretariat", tree.puk_a))
    response = client.post(reverse("membership:membership_activate", args=[applicant.pk]))
    applicant.refresh_from_db()
    assert (response.url, applicant.status) == (reverse("membership:member", args=[applicant.pk]), "active")
    assert applicant.kta_number.startswith("FSPMI-")
    # Twice: the service's refusal shows on the form; nothing changes.
    body = client.post(reverse("membership:membership_activate", args=[applicant.pk])).content.decode()
    assert "Only an application can be activated." in body


def test_suspend_needs_a_reason_then_reinstate(tree, make_user, client_for):
    membership = register(tree.admin, tree.puk_a, 1, "Siti")
    client = client_for(make_user("secretariat", tree.puk_a))
    url = reverse("membership:membership_suspend", args=[membership.pk])
    assert "This field is required." in client.post(url, {"reason": ""}).content.decode()
    client.post(url, {"reason": "Dues unpaid"})
    membership.refresh_from_db()
    assert membership.status == "suspended"
    client.post(reverse("membership:membership_reinstate", args=[membership.pk]))
    membership.refresh_from_db()
    assert membership.status == "active"


def test_ending_takes_a_reason_from_the_list_and_a_date_and_rejoining_starts_a_new_application(
    tree, make_user, client_for
):
    membership = register(tree.admin, tree.puk_a, 1, "Siti")
    client = client_for(make_user("secretariat", tree.puk_a))
    url = reverse("membership:membership_end", args=[membership.pk])
    body = client.get(url).content.decode()
    assert 'value="transferred"' not in body
    assert (
        "Select a valid choice."
        in client.post(url, {"reason": "transferred", "ended_on": "2025-06-30"}).content.decode()
    )
    client.post(url, {"reason": "left_employer", "ended_on": "2025-06-30"})
    membership.refresh_from_db()
    assert (membership.status, membership.end_reason, membership.ended_on) == (
        "ended",
        "left_employer",
        datetime.date(2025, 6, 30),
    )
    response = client.post(
        reverse("membership:member_rejoin", args=[membership.pk]), {"unit": "PUK-A", "joined_on": "2026-01-05"}
    )
    new = Membership.objects.exclude(pk=membership.pk).get()
    assert (response.url, new.status, new.member_id) == (
        reverse("membership:member", args=[new.pk]),
        "applicant",
        membership.member_id,
    )


def test_editing_the_person_keeps_the_nik_and_normalises_the_phone(tree, make_user, client_for):
    membership = register(tree.admin, tree.puk_a, 1, "Siti", female=True)
    client = client_for(make_user("secretariat", tree.puk_a))
    url = reverse("membership:person_edit", args=[membership.pk])
    data = {"full_name": "Siti R.", "gender": "F", "birth_date": "", "phone": "62 812 1111 2222", "nik": "1" * 16}
    client.post(url, data)
    member = Member.objects.get()
    assert (member.full_name, member.phone, member.nik) == ("Siti R.", "+6281211112222", membership.member.nik)
    event = AuditEvent.objects.filter(kind="membership.member_changed").get()
    assert sorted(event.changes) == ["birth_date", "full_name", "phone"]


def test_editing_the_job_and_consent(tree, make_user, client_for):
    membership = register(tree.admin, tree.puk_a, 1, "Siti")
    client = client_for(make_user("secretariat", tree.puk_a))
    url = reverse("membership:membership_edit", args=[membership.pk])
    client.post(
        url,
        {
            "employee_number": "E-77",
            "employment_status": "outsourced",
            "monthly_wage_amount": "5200000",
            "consent_given": "on",
            "consent_method": "digital_form",
            "consent_purposes": ["membership"],
        },
    )
    membership.refresh_from_db()
    assert (membership.employee_number, membership.employment_status, str(membership.monthly_wage_amount)) == (
        "E-77",
        "outsourced",
        "5200000",
    )
    given = membership.consent_given_at
    client.post(
        url,
        {
            "employee_number": "E-78",
            "consent_given": "on",
            "consent_method": "digital_form",
            "consent_purposes": ["membership"],
        },
    )
    membership.refresh_from_db()
    assert (membership.employee_number, membership.consent_given_at) == ("E-78", given)
    body = client.get(reverse("membership:member", args=[membership.pk])).content.decode()
    assert "Online form" in body and "Membership administration" in body


def test_a_member_page_of_a_suspended_member_offers_reinstating(tree, make_user, client_for):
    membership = register(tree.admin, tree.puk_a, 1, "Siti")
    services.suspend_membership(actor=tree.admin, membership=membership, reason="r")
    body = client_for(make_user("secretariat", tree.puk_a)).get(reverse("membership:member", args=[membership.pk]))
    assert "Reinstate" in body.content.decode() and ">Suspend<" not in body.content.decode()


def test_the_registered_member_appears_at_the_top_of_the_list(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    register(tree.admin, tree.puk_a, 2, "Budi", joined_on=JOINED)
    client.post(REGISTER, form(nik=nik(3)))
    body = client.get(reverse("membership:members")).content.decode()
    assert body.index("Siti Rahayu") < body.index("Budi")
