"""The member-registry API over HTTP: problems for bad input, the lifecycle, transfers, conflicts,
cards, exports, and what a provincial council (DPW Jawa Barat) can and cannot see."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from serikat.accounts.models import User
from serikat.audit.models import AuditEvent
from serikat.core.tests.test_api_problems import problem_of
from serikat.core.tests.test_api_world import API, call, english_answers  # noqa: F401 (autouse fixture)
from serikat.membership import services
from serikat.membership.models import Member, MemberCard, Membership, MembershipConflict, Transfer
from serikat.organisation.services import register_employer, register_workplace

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
JOINED = datetime.date(2024, 3, 1)
SITI = "3216015708850001"  # Bekasi, a woman born 17 Aug 1985
DEWI = "3216016512920004"  # Bekasi, a woman born 25 Dec 1992
BAMBANG = "3603010101870005"  # Tangerang (Banten), a man born 1 Jan 1987
JOKO = "3216010505800007"  # Bekasi, a man born 5 May 1980
RUDI = "3603011010820008"  # Tangerang, a man born 10 Oct 1982


def join(unit, nik, name, *, phone="", active=True, **extra):
    """A member registered (and activated) by the confederation's administrator."""
    admin = User.objects.get(username="root-admin")
    membership = services.register_member(
        actor=admin, unit=unit, nik=nik, full_name=name, joined_on=JOINED, phone=phone, **extra
    )
    if active:
        membership = services.activate_membership(actor=admin, membership=membership, activated_on=JOINED)
    return membership


def rows_changed():
    return (
        list(Member.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values()),
        list(Transfer.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


# --- problems for bad input -----------------------------------------------------------------------


def test_an_invalid_nik_is_a_problem_naming_body_nik_with_the_validators_message(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    before = rows_changed()
    payload = {"unit": tree.puk_a.pk, "nik": "3216013002850001", "full_name": "Siti", "joined_on": "2025-01-10"}
    body = problem_of(call(client, "POST", f"{API}/members", payload), status=400)
    assert body == {
        "type": "urn:serikat:problem:domain-rule",
        "title": "The request breaks a rule",
        "status": 400,
        "detail": "The member was not registered.",
        "instance": "/api/v1/members",
        "code": "domain-rule",
        "errors": [{"field": "body.nik", "message": "Digits 7-12 (300285) are not a real date."}],
    }
    payload["nik"] = "32160157O8850001"
    body = problem_of(call(client, "POST", f"{API}/members", payload), status=400)
    assert body["errors"] == [{"field": "body.nik", "message": "A NIK has digits only; found '32160157O8850001'."}]
    assert rows_changed() == before


def test_an_invalid_phone_is_a_problem_naming_body_phone_on_registering_and_on_correcting(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    payload = {"unit": tree.puk_a.pk, "nik": SITI, "full_name": "Siti", "joined_on": "2025-01-10", "phone": "12345"}
    body = problem_of(call(client, "POST", f"{API}/members", payload), status=400)
    assert (body["detail"], body["errors"]) == (
        "The member was not registered.",
        [{"field": "body.phone", "message": "12345 is not a valid phone number."}],
    )
    siti = join(tree.puk_a, SITI, "Siti Rahayu", phone="0812-3456-7890")
    before = rows_changed()
    body = problem_of(call(client, "PATCH", f"{API}/people/{siti.member_id}", {"phone": "0812"}), status=400)
    assert body["errors"] == [{"field": "body.phone", "message": "0812 is not a valid phone number."}]
    assert rows_changed() == before


def test_an_unknown_end_reason_is_a_422_listing_the_reasons_and_changes_nothing(tree, make_user, client_for):
    siti = join(tree.puk_a, SITI, "Siti Rahayu")
    client = client_for(make_user("secretariat", tree.puk_a))
    before = rows_changed()
    response = call(client, "POST", f"{API}/members/{siti.pk}/end", {"reason": "retired"})
    body = problem_of(response, status=422)
    assert body["errors"] == [
        {
            "field": "body.reason",
            "message": "Input should be 'death', 'resignation', 'dismissal', 'other_union' or 'left_employer'",
        }
    ]
    # "transferred" is what accepting a transfer writes; nobody ends a membership with it by hand.
    assert call(client, "POST", f"{API}/members/{siti.pk}/end", {"reason": "transferred"}).status_code == 422
    assert rows_changed() == before


def test_query_filters_are_validated_and_a_foreign_cursor_refused(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.dpw_jabar))
    body = problem_of(client.get(f"{API}/members?status=gone&age_from=-1&gender=X"), status=422)
    assert [e["field"] for e in body["errors"]] == ["query.status.0", "query.gender", "query.age_from"]
    units_cursor = client_for(tree.admin).get(f"{API}/units?limit=1").json()["next_cursor"]
    for cursor in ("garbage", units_cursor):
        body = problem_of(client.get(f"{API}/members", {"cursor": cursor}), status=422)
        assert body["errors"] == [{"field": "query.cursor", "message": "This cursor is not valid for this list."}]
    body = problem_of(client.get(f"{API}/members?unit={tree.dpw_banten.pk}"), status=404)
    assert body["errors"] == [{"field": "query.unit", "message": "Not found."}]


def test_registering_a_nik_already_current_in_the_federation_is_a_409_naming_the_nik(tree, make_user, client_for):
    join(tree.puk_a, SITI, "Siti Rahayu")
    client = client_for(make_user("secretariat", tree.puk_c))
    payload = {"unit": tree.puk_c.pk, "nik": SITI, "full_name": "Siti R.", "joined_on": "2025-01-10"}
    body = problem_of(call(client, "POST", f"{API}/members", payload), status=409)
    assert body["errors"] == [
        {
            "field": "body.nik",
            "message": "This NIK is already a member in this federation. Use a transfer to move them to another unit.",
        }
    ]


def test_a_transfer_to_an_unknown_code_and_a_receive_with_a_wrong_kta_name_their_fields(tree, make_user, client_for):
    siti = join(tree.puk_a, SITI, "Siti Rahayu")
    body = problem_of(
        call(
            client_for(make_user("secretariat", tree.puk_a)),
            "POST",
            f"{API}/members/{siti.pk}/transfer",
            {"to_unit": "PUK-Z", "effective_on": TODAY.isoformat()},
        ),
        status=404,
    )
    assert body["errors"] == [{"field": "body.to_unit", "message": "There is no union with this code."}]
    receive = {"nik": SITI, "kta_number": "FSPMI-1999-0000001", "to_unit": tree.puk_c.pk, "effective_on": "2025-09-01"}
    body = problem_of(
        call(client_for(make_user("secretariat", tree.puk_c)), "POST", f"{API}/transfers/receive", receive), status=404
    )
    message = "No current membership has this NIK and this KTA number together."
    assert body["errors"] == [
        {"field": "body.nik", "message": message},
        {"field": "body.kta_number", "message": message},
    ]
    # Someone who may receive nowhere is stopped at their own union, before the NIK is looked at.
    receive["kta_number"] = siti.kta_number
    body = problem_of(
        call(client_for(make_user("read_only", tree.puk_c)), "POST", f"{API}/transfers/receive", receive), status=403
    )
    assert body["errors"] == [{"field": "body.to_unit", "message": "You may see this, but not do that to it."}]
    assert Transfer.objects.count() == 0


# --- the lifecycle --------------------------------------------------------------------------------


def test_a_member_goes_from_application_to_card_suspension_end_and_rejoining(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    created = call(
        client,
        "POST",
        f"{API}/members",
        {
            "unit": tree.puk_a.pk,
            "nik": "3216 0157 0885 0001",
            "full_name": "Siti Rahayu",
            "joined_on": "2025-01-10",
            "phone": "0812-3456-7890",
            "employment_status": "fixed_term",
            "monthly_wage_amount": 5_400_000,
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    membership_id = body["id"]
    assert (body["status"], body["kta_number"], body["monthly_wage_amount"]) == ("applicant", "", 5400000)
    assert {k: body["member"][k] for k in ("nik", "gender", "birth_date", "phone", "review_flags")} == {
        "nik": SITI,
        "gender": "F",
        "birth_date": "1985-08-17",
        "phone": "+6281234567890",
        "review_flags": [],
    }
    url = f"{API}/members/{membership_id}"
    active = call(client, "POST", f"{url}/activate", {"activated_on": "2025-02-01"}).json()
    assert (active["status"], active["activated_on"]) == ("active", "2025-02-01")
    kta = active["kta_number"]
    assert kta.startswith("FSPMI-")

    card = call(client, "POST", f"{url}/cards")
    assert card.status_code == 201
    token = MemberCard.objects.get(pk=card.json()["id"]).token
    assert card.json()["verification_url"] == f"http://testserver/verify/{token}/"
    assert [c["id"] for c in client.get(url).json()["cards"]] == [card.json()["id"]]
    revoked = call(client, "POST", f"{API}/cards/{card.json()['id']}/revoke", {"reason": "lost"})
    assert (revoked.status_code, revoked.json()["revoked_reason"]) == (200, "lost")
    assert call(client, "POST", f"{API}/cards/{card.json()['id']}/revoke", {"reason": "lost"}).status_code == 409

    assert call(client, "POST", f"{url}/suspend", {"reason": "dues unpaid"}).json()["status"] == "suspended"
    assert call(client, "POST", f"{url}/reinstate").json()["status"] == "active"
    ended = call(client, "POST", f"{url}/end", {"reason": "left_employer", "ended_on": "2025-06-30"}).json()
    assert (ended["status"], ended["end_reason"], ended["ended_on"]) == ("ended", "left_employer", "2025-06-30")
    assert problem_of(call(client, "POST", f"{url}/end", {"reason": "death"}), status=409)["code"] == "conflict"

    rejoined = call(client, "POST", f"{url}/rejoin", {"joined_on": "2026-01-05", "job_title": "Welder"})
    assert rejoined.status_code == 201
    again = rejoined.json()
    assert (again["status"], again["unit"]["code"], again["job_title"]) == ("applicant", "PUK-A", "Welder")
    assert [(m["id"], m["status"]) for m in again["history"]] == [(membership_id, "ended"), (again["id"], "applicant")]

    changed = call(client, "PATCH", f"{API}/members/{again['id']}", {"department": "Press shop"}).json()
    assert changed["department"] == "Press shop"
    person = call(client, "PATCH", f"{API}/people/{again['member']['id']}", {"full_name": "Siti Rahayu Lestari"})
    assert person.json()["full_name"] == "Siti Rahayu Lestari"
    kinds = list(
        AuditEvent.objects.filter(kind__startswith="membership.").order_by("pk").values_list("kind", flat=True)
    )
    assert kinds == [
        "membership.member_registered",
        "membership.membership_activated",
        "membership.card_issued",
        "membership.card_revoked",
        "membership.membership_suspended",
        "membership.membership_reinstated",
        "membership.membership_ended",
        "membership.member_registered",
        "membership.membership_changed",
        "membership.member_changed",
    ]


def test_the_list_pages_follow_the_cursor_and_keep_repeated_filters(tree, make_user, client_for):
    made = [join(tree.puk_a, f"32160141019{i}000{i + 1}", f"Anggota {i}") for i in range(5)]
    client = client_for(make_user("read_only", tree.pc_bks))
    seen, url = [], f"{API}/members?limit=2&status=active&status=suspended"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["items"]]
        url = body["next"]
        assert url is None or "status=active&status=suspended" in url
    assert seen == sorted((m.pk for m in made), reverse=True)
    row = client.get(f"{API}/members?limit=1").json()["items"][0]
    assert row == {
        "id": made[-1].pk,
        "member": {"id": made[-1].member_id, "nik": "3216014101940005", "full_name": "Anggota 4", "gender": "F",
                   "birth_date": "1994-01-01"},
        "unit": {"id": tree.puk_a.pk, "code": "PUK-A", "name": "PUK-A"},
        "status": "active",
        "kta_number": made[-1].kta_number,
        "joined_on": "2024-03-01",
        "employment_status": "",
    }  # fmt: skip


# --- transfers ------------------------------------------------------------------------------------


def test_the_releasing_side_asks_and_the_receiving_side_sees_it_incoming_and_accepts(tree, make_user, client_for):
    siti = join(tree.puk_a, SITI, "Siti Rahayu")
    releasing, receiving = (
        client_for(make_user("secretariat", tree.puk_a)),
        client_for(make_user("secretariat", tree.puk_c)),
    )
    asked = call(
        releasing, "POST", f"{API}/members/{siti.pk}/transfer", {"to_unit": "PUK-C", "effective_on": "2025-09-01"}
    )
    assert asked.status_code == 201
    transfer = asked.json()
    assert (transfer["direction"], transfer["membership_id"], transfer["to_unit"]["code"]) == (
        "outgoing",
        siti.pk,
        "PUK-C",
    )
    incoming = receiving.get(f"{API}/transfers?direction=incoming").json()["items"]
    assert [(t["id"], t["direction"], t["member_name"], t["membership_id"]) for t in incoming] == [
        (transfer["id"], "incoming", "Siti Rahayu", None)  # not theirs yet: no id to open
    ]
    assert receiving.get(f"{API}/transfers?direction=outgoing").json()["items"] == []
    accepted = call(receiving, "POST", f"{API}/transfers/{transfer['id']}/accept", {"note": "welcome"}).json()
    new = Membership.objects.get(pk=accepted["new_membership_id"])
    assert (accepted["status"], accepted["membership_id"], new.unit_id, new.kta_number) == (
        "accepted", None, tree.puk_c.pk, siti.kta_number,
    )  # fmt: skip
    seen_by_releasing = releasing.get(f"{API}/transfers").json()["items"][0]
    assert (seen_by_releasing["membership_id"], seen_by_releasing["new_membership_id"]) == (siti.pk, None)
    assert receiving.get(f"{API}/members/{siti.pk}").status_code == 404


def test_the_receiving_side_asks_by_nik_and_kta_and_the_releasing_side_cancels(tree, make_user, client_for):
    siti = join(tree.puk_a, SITI, "Siti Rahayu")
    receiving, releasing = (
        client_for(make_user("secretariat", tree.puk_c)),
        client_for(make_user("secretariat", tree.puk_a)),
    )
    asked = call(
        receiving,
        "POST",
        f"{API}/transfers/receive",
        {"nik": SITI, "kta_number": siti.kta_number, "to_unit": tree.puk_c.pk, "effective_on": "2025-09-01"},
    )
    assert asked.status_code == 201
    transfer_id = asked.json()["id"]
    cancelled = call(releasing, "POST", f"{API}/transfers/{transfer_id}/reject", {"note": "still works here"})
    assert (cancelled.json()["status"], cancelled.json()["decision_note"]) == ("cancelled", "still works here")
    again = call(receiving, "POST", f"{API}/transfers/{transfer_id}/accept", {})
    assert problem_of(again, status=409)["detail"] == "This transfer has already been decided."


# --- conflicts and the provincial council's view --------------------------------------------------


@pytest.fixture
def registry(tree):
    """FSPMI Jawa Barat: Siti (PUK-A, also an SPN applicant), Dewi (PUK-C). Outside it: Bambang
    (PUK-D, DPW Banten), Joko (SPN only), Rudi (PUK-D and SPN); transfers between Banten and SPN.
    Siti, Bambang and Joko work at the same plant."""
    admin = tree.admin
    employer = register_employer(actor=admin, unit=tree.puk_a, name="PT Maju Logam")
    plant = register_workplace(actor=admin, employer=employer, unit=tree.puk_a, name="Pabrik Cikarang")
    siti = join(tree.puk_a, SITI, "Siti Rahayu", phone="081234567801", workplace=plant)
    siti_spn = join(tree.spn_puk, SITI, "Siti Rahayu", active=False)
    dewi = join(tree.puk_c, DEWI, "Dewi Kartika Sari", phone="081234567802")
    bambang = join(tree.puk_d, BAMBANG, "Bambang Nugroho", phone="081234567803", workplace=plant)
    joko = join(tree.spn_puk, JOKO, "Joko Widodo", phone="081234567804", workplace=plant)
    rudi = join(tree.puk_d, RUDI, "Rudi Hartono", phone="081234567805")
    rudi_spn = join(tree.spn_puk, RUDI, "Rudi Hartono")
    out_of_jabar = [
        services.request_transfer(actor=admin, membership=bambang, to_unit=tree.spn_puk, effective_on=TODAY),
        services.request_transfer(actor=admin, membership=joko, to_unit=tree.puk_d, effective_on=TODAY),
    ]
    return {
        "siti": siti, "siti_spn": siti_spn, "dewi": dewi, "bambang": bambang, "joko": joko, "rudi": rudi,
        "rudi_spn": rudi_spn, "transfers": out_of_jabar, "plant": plant,
    }  # fmt: skip


def test_each_side_of_a_conflict_sees_its_own_membership_and_only_the_confederation_both(
    registry, tree, make_user, client_for
):
    conflict = MembershipConflict.objects.get(first=registry["siti"])
    fspmi_side = {
        "membership_id": registry["siti"].pk,
        "federation": {"id": tree.fspmi.pk, "code": "FSPMI", "name": "FSPMI"},
        "unit": {"id": tree.puk_a.pk, "code": "PUK-A", "name": "PUK-A"},
        "status": "active",
    }
    spn_side = {
        "membership_id": registry["siti_spn"].pk,
        "federation": {"id": tree.spn.pk, "code": "SPN", "name": "SPN"},
        "unit": {"id": tree.spn_puk.pk, "code": "SPN-PUK-S", "name": "SPN-PUK-S"},
        "status": "applicant",
    }
    hidden = {"membership_id": None, "federation": None, "unit": None, "status": None}
    seen = {}
    for name, unit in (("fspmi", tree.puk_a), ("spn", tree.spn), ("kspi", tree.root)):
        rows = client_for(make_user("secretariat", unit)).get(f"{API}/conflicts").json()["items"]
        seen[name] = {row["id"]: (row["own_side"], row["other_side"]) for row in rows}
    assert seen["fspmi"] == {conflict.pk: (fspmi_side, hidden)}
    assert seen["spn"][conflict.pk] == (spn_side, hidden)
    assert seen["kspi"][conflict.pk] == (fspmi_side, spn_side)
    # Only someone covering both memberships records a settlement; each side ends its own instead.
    one_side = call(client_for(make_user("secretariat", tree.puk_a)), "POST", f"{API}/conflicts/{conflict.pk}/resolve",
                    {"resolution": "chose FSPMI"})  # fmt: skip
    assert one_side.status_code == 404
    both = call(client_for(make_user("secretariat", tree.root)), "POST", f"{API}/conflicts/{conflict.pk}/resolve",
                {"resolution": "chose FSPMI in writing"})  # fmt: skip
    assert (both.json()["resolution"], both.json()["resolved_at"] is not None) == ("chose FSPMI in writing", True)
    assert client_for(make_user("secretariat", tree.puk_a)).get(f"{API}/conflicts").json()["items"] == []


def _nik_column(content: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    column = rows[0].index("NIK")
    return [row[column].lstrip("'") for row in rows[1:]]


def test_dpw_jawa_barat_never_sees_a_member_outside_fspmi_jawa_barat(registry, tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.dpw_jabar))
    jabar = {registry["siti"].pk, registry["dewi"].pk}
    outside = ["bambang", "joko", "rudi", "rudi_spn", "siti_spn"]

    def listed(query=""):
        response = client.get(f"{API}/members{query}")
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["items"]}

    assert listed("?limit=200") == jabar
    for key in ("bambang", "joko", "rudi"):
        m = registry[key]
        assert listed(f"?q={m.member.nik}") == set(), key
        assert listed(f"?q={m.kta_number}") == set(), key
        assert listed(f"?q={m.member.phone}") == set(), key
        assert listed(f"?q=0{m.member.phone[3:]}") == set(), key
    assert listed("?q=Bambng Nugrho") == listed("?q=Joko Widdo") == listed("?q=Rudy Hartono") == set()
    assert listed("?q=Dewi Kartka") == {registry["dewi"].pk}  # the same search finds members in scope
    assert listed(f"?q={SITI}") == {registry["siti"].pk}  # not Siti's SPN membership
    assert client.get(f"{API}/members?unit={tree.puk_d.pk}").status_code == 404

    for key in outside:
        assert client.get(f"{API}/members/{registry[key].pk}").status_code == 404, key
    detail = client.get(f"{API}/members/{registry['siti'].pk}").json()
    assert [m["id"] for m in detail["history"]] == [registry["siti"].pk]
    assert detail["transfers"] == []
    assert call(client, "PATCH", f"{API}/people/{registry['bambang'].member_id}", {"full_name": "X"}).status_code == 404

    conflicts = client.get(f"{API}/conflicts?status=all").json()["items"]
    assert [(c["member"]["nik"], c["other_side"]["unit"]) for c in conflicts] == [(SITI, None)]
    assert client.get(f"{API}/transfers").json()["items"] == []
    for transfer in registry["transfers"]:
        assert call(client, "POST", f"{API}/transfers/{transfer.pk}/reject", {}).status_code == 404

    exported = client.get(f"{API}/members/export?format=csv")
    assert exported.status_code == 200
    assert sorted(_nik_column(b"".join(exported.streaming_content))) == sorted([SITI, DEWI])
    xlsx = client.get(f"{API}/members/export?format=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    sheet = list(workbook.active.values)
    nik_column = sheet[0].index("NIK")
    assert sorted(str(row[nik_column]).lstrip("'") for row in sheet[1:]) == sorted([SITI, DEWI])

    plant = registry["plant"].pk
    listed_at_plant = client.get(f"{API}/verification-lists?workplace={plant}&federation={tree.fspmi.pk}&format=xlsx")
    assert listed_at_plant["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    cells = {cell for row in openpyxl.load_workbook(io.BytesIO(listed_at_plant.content)).active.values for cell in row}
    assert "Siti Rahayu" in cells and "Bambang Nugroho" not in cells and "Joko Widodo" not in cells
    spn_at_plant = client.get(f"{API}/verification-lists?workplace={plant}&federation={tree.spn.pk}&format=xlsx")
    assert problem_of(spn_at_plant, status=404)["code"] == "not-found"


def test_an_export_is_audited_and_neutralises_formulas(tree, make_user, client_for):
    join(tree.puk_a, SITI, '=HYPERLINK("http://x")', phone="081234567801")
    user = make_user("secretariat", tree.pc_bks)
    before = AuditEvent.objects.filter(kind="membership.members_exported").count()
    response = client_for(user).get(f"{API}/members/export?format=csv&status=active")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][rows[0].index("Full name")] == '\'=HYPERLINK("http://x")'
    events = AuditEvent.objects.filter(kind="membership.members_exported")
    assert events.count() == before + 1
    event = events.latest("pk")
    assert (event.actor_id, event.unit_id, event.data["format"]) == (user.pk, tree.pc_bks.pk, "csv")
    refused = client_for(make_user("read_only", tree.pc_bks)).get(f"{API}/members/export")
    assert problem_of(refused, status=403)["code"] == "forbidden"
    assert AuditEvent.objects.filter(kind="membership.members_exported").count() == before + 1


def test_a_card_is_printed_once_issued_and_printing_is_audited(tree, make_user, client_for):
    siti = join(tree.puk_a, SITI, "Siti Rahayu")
    client = client_for(make_user("secretariat", tree.puk_a))
    url = f"{API}/members/{siti.pk}/card.pdf"
    body = problem_of(client.get(url), status=409)
    assert body["detail"] == "This member has no valid card. Issue one first."
    assert MemberCard.objects.count() == 0
    card = call(client, "POST", f"{API}/members/{siti.pk}/cards").json()
    printed = client.get(url)
    assert (printed.status_code, printed["Content-Type"], printed.content[:5]) == (200, "application/pdf", b"%PDF-")
    assert printed["Content-Disposition"] == f'attachment; filename="kta-{siti.kta_number}.pdf"'
    event = AuditEvent.objects.filter(kind="membership.members_exported").get()
    assert (event.unit_id, event.data["document"], event.data["card"]) == (tree.puk_a.pk, "card", card["id"])
    assert MemberCard.objects.count() == 1  # printing issued nothing more


def test_a_verification_list_needs_a_company_and_names_the_refused_field(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    body = problem_of(client.get(f"{API}/verification-lists?federation={tree.fspmi.pk}"), status=400)
    assert body["detail"] == "Choose a company or one of its workplaces."
    body = problem_of(client.get(f"{API}/verification-lists?workplace=999999&federation={tree.fspmi.pk}"), status=404)
    assert body["errors"] == [{"field": "query.workplace", "message": "Not found."}]
    refused = client_for(make_user("read_only", tree.puk_a)).get(f"{API}/verification-lists?employer=1&federation=1")
    assert problem_of(refused, status=403)["detail"] == "You may not export member lists."
