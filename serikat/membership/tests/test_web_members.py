"""The member list and the member page: search, filters, keyset pages, scoping, flat query counts."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from serikat.membership import services
from serikat.membership.models import Membership, MembershipConflict
from serikat.organisation.models import Sector
from serikat.organisation.services import link_workplace, register_employer, register_workplace

pytestmark = pytest.mark.django_db

LIST = reverse("membership:members")
JOINED = datetime.date(2025, 1, 6)


def nik(i: int, *, female: bool = False) -> str:
    """A valid NIK from Tarumajaya (32.16.01): a different birth date and serial for each i."""
    day = 1 + i % 28 + (40 if female else 0)
    return f"321601{day:02d}{1 + i % 12:02d}{80 + i % 20:02d}{i + 1:04d}"


def register(actor, unit, i, name, *, activate=True, female=False, **extra):
    membership = services.register_member(
        actor=actor,
        unit=unit,
        nik=nik(i, female=female),
        full_name=name,
        joined_on=extra.pop("joined_on", JOINED),
        **extra,
    )
    return services.activate_membership(actor=actor, membership=membership) if activate else membership


@pytest.fixture
def people(tree):
    admin = tree.admin
    return {
        "siti": register(admin, tree.puk_a, 1, "Siti Rahayu Lestari", female=True, phone="0812-3456-7890"),
        "budi": register(admin, tree.puk_a, 2, "Budi Santoso", employment_status="fixed_term"),
        "agus": register(admin, tree.puk_b, 3, "Agus Setiawan", activate=False, joined_on=datetime.date(2023, 5, 1)),
        "dewi": register(admin, tree.puk_c, 4, "Dewi Kartika Sari", female=True),
        "joko": register(admin, tree.puk_d, 5, "Joko Susilo"),  # Banten
        "bambang": register(admin, tree.spn_puk, 6, "Bambang Nugroho"),  # SPN
    }


def names(response) -> list[str]:
    return re.findall(r'<a href="/members/\d+/"><strong>([^<]+)</strong>', response.content.decode())


def test_the_list_shows_the_newest_members_in_scope_first_without_counting_them(people, tree, make_user, client_for):
    jabar = client_for(make_user("secretariat", tree.dpw_jabar))
    with CaptureQueriesContext(connection) as queries:
        response = jabar.get(LIST)
    assert names(response) == ["Dewi Kartika Sari", "Agus Setiawan", "Budi Santoso", "Siti Rahayu Lestari"]
    assert "4 shown" in response.content.decode()
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_the_list_reads_as_many_queries_for_one_row_as_for_all(people, tree, make_user, client_for):
    # The rows load only what the list shows (selectors.ROW_FIELDS): a field it shows beyond them
    # would cost a query per row.
    client = client_for(make_user("secretariat", tree.fspmi))
    client.get(LIST)  # the session's first request does more (its login, the session itself)
    measured = []
    for query in ({}, {"status": "applicant"}, {"q": people["siti"].member.nik}):
        with CaptureQueriesContext(connection) as queries:
            shown = names(client.get(LIST, query))
        measured.append((len(shown), len(queries)))
    assert [rows for rows, _queries in measured] == [5, 1, 1]
    assert len({queries for _rows, queries in measured}) == 1, measured


def test_one_search_box_reads_a_nik_a_kta_number_a_phone_or_a_misspelled_name(people, tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.fspmi))
    siti = people["siti"]
    assert names(client.get(LIST, {"q": siti.member.nik[:4] + " " + siti.member.nik[4:]})) == ["Siti Rahayu Lestari"]
    assert names(client.get(LIST, {"q": siti.kta_number.lower()})) == ["Siti Rahayu Lestari"]
    assert names(client.get(LIST, {"q": "+62 812 3456 7890"})) == ["Siti Rahayu Lestari"]
    assert names(client.get(LIST, {"q": "Dewi Kartka"})) == ["Dewi Kartika Sari"]
    response = client.get(LIST, {"q": "Zzyzx"})
    assert (names(response), "No member found for “Zzyzx”." in response.content.decode()) == ([], True)


def test_filters_narrow_the_list(people, tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.fspmi))
    assert names(client.get(LIST, {"unit": "KC-BKS"})) == ["Agus Setiawan", "Budi Santoso", "Siti Rahayu Lestari"]
    assert names(client.get(LIST, {"unit": "PC-SPL-KRW"})) == ["Dewi Kartika Sari"]
    assert names(client.get(LIST, {"status": "applicant"})) == ["Agus Setiawan"]
    assert names(client.get(LIST, {"status": "current", "gender": "F"})) == ["Dewi Kartika Sari", "Siti Rahayu Lestari"]
    assert names(client.get(LIST, {"employment_status": "fixed_term"})) == ["Budi Santoso"]
    assert names(client.get(LIST, {"joined_to": "2024-12-31"})) == ["Agus Setiawan"]
    assert names(client.get(LIST, {"joined_from": "2025-01-01", "unit": "PUK-A"})) == [
        "Budi Santoso",
        "Siti Rahayu Lestari",
    ]
    ages = {p.member.full_name: p.member.birth_date for p in people.values()}
    today = datetime.date.today()
    young = sorted(
        n
        for n, born in ages.items()
        if today.year - born.year - ((today.month, today.day) < (born.month, born.day)) <= 44 and n != "Bambang Nugroho"
    )
    assert sorted(names(client.get(LIST, {"age": "u25"}))) == []
    assert sorted(names(client.get(LIST, {"age": "35-44"})) + names(client.get(LIST, {"age": "25-34"}))) == young


def test_the_sector_filter_follows_the_workplace(people, tree, make_user, client_for):
    metal = Sector.objects.first()
    employer = register_employer(actor=tree.admin, unit=tree.pc_bks, name="PT Logam", sector=metal)
    plant = register_workplace(actor=tree.admin, employer=employer, unit=tree.pc_bks, name="Plant 1", sector=metal)
    link_workplace(actor=tree.admin, unit=tree.puk_a, workplace=plant)
    services.update_membership(actor=tree.admin, membership=people["budi"], workplace=plant)
    client = client_for(make_user("secretariat", tree.fspmi))
    assert names(client.get(LIST, {"sector": metal.code})) == ["Budi Santoso"]


def test_a_unit_code_out_of_scope_reads_as_not_found_and_lists_nothing(people, tree, make_user, client_for):
    sibling = client_for(make_user("secretariat", tree.puk_b))
    for code in ("PUK-A", "NO-SUCH-UNIT"):
        response = sibling.get(LIST, {"unit": code})
        assert (response.status_code, names(response)) == (200, [])
        assert "No unit with this code among yours." in response.content.decode()


def test_keyset_pages_walk_the_list_with_a_next_link_and_no_total(people, tree, make_user, client_for, monkeypatch):
    monkeypatch.setattr("serikat.membership.selectors.PAGE_SIZE", 2)
    client = client_for(make_user("secretariat", tree.dpw_jabar))
    first = client.get(LIST, {"status": "current"})
    assert names(first) == ["Dewi Kartika Sari", "Agus Setiawan"]
    after = re.search(r'after=(\d+)" hx-get', first.content.decode()).group(1)
    second = client.get(LIST, {"status": "current", "after": after})
    assert names(second) == ["Budi Santoso", "Siti Rahayu Lestari"]
    assert 'data-testid="next-page"' not in second.content.decode()
    assert "First page" in second.content.decode()


def test_htmx_asks_for_the_results_only(people, tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    response = client.get(LIST, {"q": "Budi"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert ("<html" in body, names(response), response["Vary"].count("HX-Request")) == (False, ["Budi Santoso"], 1)


def test_the_export_buttons_carry_the_current_filters(people, tree, make_user, client_for):
    client = client_for(make_user("treasurer", tree.puk_a))
    body = client.get(LIST, {"gender": "F", "q": ""}).content.decode()
    assert 'action="/members/export/?gender=F"' in body
    reader = client_for(make_user("read_only", tree.puk_a))
    assert 'data-testid="export"' not in reader.get(LIST).content.decode()


def _count(client, url, **params):
    client.get(url, params)  # once to warm per-process caches (region index, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_3_rows_and_30(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.dpw_jabar))
    for i in range(3):
        register(tree.admin, tree.puk_a, 100 + i, f"Anggota {i}")
    small = _count(client, LIST), _count(client, LIST, unit="KC-BKS", status="current", gender="M")
    for i in range(3, 30):
        register(tree.admin, tree.puk_a, 100 + i, f"Anggota {i}")
    large = _count(client, LIST), _count(client, LIST, unit="KC-BKS", status="current", gender="M")
    assert small == large
    assert large[0] <= 6


# --- what DPW Jawa Barat sees ----------------------------------------------------------------


def test_the_provincial_council_never_sees_a_member_outside_its_province(people, tree, make_user, client_for):
    jabar_user = make_user("secretariat", tree.dpw_jabar)
    jabar = client_for(jabar_user)
    joko, bambang = people["joko"], people["bambang"]
    # Search by NIK, KTA, name (exact and misspelled): nothing from Banten or SPN.
    for text in (joko.member.nik, joko.kta_number, "Joko Susilo", "Bambng Nugroho", bambang.member.nik):
        assert names(jabar.get(LIST, {"q": text})) == [], text
    # Their pages answer like missing ones, whichever door is used.
    for url in (reverse("membership:member", args=[joko.pk]), reverse("membership:person", args=[bambang.member_id])):
        assert jabar.get(url).status_code == 404
    # The NIK check on the register form says nothing about members out of scope.
    check = jabar.get(reverse("membership:nik_check"), {"nik": joko.member.nik}).content.decode()
    assert "Joko" not in check and "Already among your members" not in check
    # Exports hold only the province's members.
    export = jabar.post(reverse("membership:member_export"), {"format": "csv"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert sorted(line.split(",")[1] for line in text.splitlines()[1:]) == [
        "Agus Setiawan",
        "Budi Santoso",
        "Dewi Kartika Sari",
        "Siti Rahayu Lestari",
    ]


def test_a_dual_membership_shows_each_side_only_its_own_member(people, tree, make_user, client_for):
    # Joko (Banten, FSPMI) also joins SPN: a conflict Jawa Barat must not see at all.
    services.register_member(
        actor=tree.admin, unit=tree.spn_puk, nik=people["joko"].member.nik, full_name="J", joined_on=JOINED
    )
    # Siti (PUK-A, Jawa Barat) also joins SPN: Jawa Barat sees its side only.
    spn_side = services.register_member(
        actor=tree.admin, unit=tree.spn_puk, nik=people["siti"].member.nik, full_name="S", joined_on=JOINED
    )
    jabar = client_for(make_user("secretariat", tree.dpw_jabar))
    body = jabar.get(reverse("membership:conflicts")).content.decode()
    assert (body.count("data-conflict="), "Siti Rahayu Lestari" in body, "Joko" in body) == (1, True, False)
    assert "SPN-PUK-S" not in body and "a membership in another union" in body
    page = jabar.get(reverse("membership:member", args=[people["siti"].pk])).content.decode()
    assert "a membership in another union" in page and "SPN-PUK-S" not in page and "SPN" not in page
    assert jabar.get(reverse("membership:member", args=[spn_side.pk])).status_code == 404
    # SPN sees its own side of Siti's conflict, never the FSPMI unit.
    spn = client_for(make_user("secretariat", tree.spn))
    body = spn.get(reverse("membership:conflicts")).content.decode()
    assert body.count("data-conflict=") == 2 and "PUK-A" not in body and "FSPMI" not in body
    # The confederation sees both sides and may settle it.
    root = client_for(make_user("secretariat", tree.root))
    body = root.get(reverse("membership:conflicts")).content.decode()
    assert "PUK-A" in body and "SPN-PUK-S" in body and "Record the settlement" in body
    assert MembershipConflict.objects.filter(resolved_at__isnull=True).count() == 2


# --- the member page -------------------------------------------------------------------------


def test_the_member_page_shows_the_person_flags_explained_and_the_history(tree, make_user, client_for):
    membership = services.register_member(
        actor=tree.admin, unit=tree.puk_a, nik=nik(1, female=True), full_name="Siti", gender="M", joined_on=JOINED
    )
    services.activate_membership(actor=tree.admin, membership=membership)
    services.suspend_membership(actor=tree.admin, membership=membership, reason="Dues unpaid for 3 months")
    client = client_for(make_user("secretariat", tree.puk_a))
    body = client.get(reverse("membership:member", args=[membership.pk])).content.decode()
    assert "The NIK is that of a woman, but the gender given is male." in body
    history = body[body.index('data-testid="member-history"') :]
    assert re.findall(r"<strong>([^<]+)</strong>", history) == [
        "Membership suspended",
        "Membership activated",
        "Member registered",
    ]
    assert "Dues unpaid for 3 months" in history and "KTA FSPMI-" in history


def test_the_member_page_lists_memberships_and_transfers_in_both_directions(tree, make_user, client_for):
    first = register(tree.admin, tree.puk_a, 1, "Siti")
    transfer = services.request_transfer(actor=tree.admin, membership=first, to_unit=tree.puk_c, effective_on=JOINED)
    second = services.accept_transfer(actor=tree.admin, transfer=transfer)
    jabar = client_for(make_user("secretariat", tree.dpw_jabar))
    body = jabar.get(reverse("membership:member", args=[second.pk])).content.decode()
    memberships = body[body.index('data-testid="memberships"') : body.index('id="transfers"')]
    assert re.findall(r"<strong>([^<]+)</strong>", memberships) == ["PUK-C", "PUK-A"]
    transfers = body[body.index('data-testid="member-transfers"') :]
    assert "<strong>PUK-A</strong> → <strong>PUK-C</strong>" in transfers and "Accepted" in transfers
    # PUK-C sees only its own membership, and where the member came from.
    receiving = client_for(make_user("secretariat", tree.puk_c))
    body = receiving.get(reverse("membership:member", args=[second.pk])).content.decode()
    memberships = body[body.index('data-testid="memberships"') : body.index('id="transfers"')]
    assert re.findall(r"<strong>([^<]+)</strong>", memberships) == ["PUK-C"]
    assert receiving.get(reverse("membership:member", args=[first.pk])).status_code == 404


def test_the_member_page_costs_the_same_queries_with_a_short_and_a_long_history(tree, make_user, client_for):
    client = client_for(make_user("secretariat", tree.dpw_jabar))
    short = register(tree.admin, tree.puk_a, 1, "Siti")
    services.register_member(actor=tree.admin, unit=tree.spn_puk, nik=short.member.nik, full_name="S", joined_on=JOINED)
    long = register(tree.admin, tree.puk_a, 2, "Budi")
    services.register_member(actor=tree.admin, unit=tree.spn_puk, nik=long.member.nik, full_name="B", joined_on=JOINED)
    for _round in range(5):
        for unit in (tree.puk_b, tree.puk_a):
            transfer = services.request_transfer(actor=tree.admin, membership=long, to_unit=unit, effective_on=JOINED)
            long = services.accept_transfer(actor=tree.admin, transfer=transfer)
        services.suspend_membership(actor=tree.admin, membership=long, reason="r")
        services.reinstate_membership(actor=tree.admin, membership=long)
    assert Membership.objects.filter(member=long.member).count() == 12
    few = _count(client, reverse("membership:member", args=[short.pk]))
    many = _count(client, reverse("membership:member", args=[long.pk]))
    assert few == many


def test_a_person_opens_on_their_newest_membership_in_scope(tree, make_user, client_for):
    first = register(tree.admin, tree.puk_a, 1, "Siti")
    transfer = services.request_transfer(actor=tree.admin, membership=first, to_unit=tree.puk_c, effective_on=JOINED)
    second = services.accept_transfer(actor=tree.admin, transfer=transfer)
    url = reverse("membership:person", args=[first.member_id])
    assert client_for(make_user("secretariat", tree.fspmi)).get(url).url == reverse(
        "membership:member", args=[second.pk]
    )
    assert client_for(make_user("secretariat", tree.puk_a)).get(url).url == reverse(
        "membership:member", args=[first.pk]
    )


def test_actions_follow_status_and_permission(tree, make_user, client_for):
    applicant = register(tree.admin, tree.puk_a, 1, "Siti", activate=False)
    own = client_for(make_user("secretariat", tree.puk_a))
    body = own.get(reverse("membership:member", args=[applicant.pk])).content.decode()
    actions = body[body.index('data-testid="member-actions"') : body.index("</div>", body.index("member-actions"))]
    assert re.findall(r">([^<]+)</a>", actions) == [
        "Activate",
        "Edit person",
        "Job and consent",
        "End membership",
        "Dues statement",
    ]
    treasurer = client_for(make_user("treasurer", tree.puk_a))
    body = treasurer.get(reverse("membership:member", args=[applicant.pk])).content.decode()
    actions = body[body.index('data-testid="member-actions"') : body.index("</div>", body.index("member-actions"))]
    assert re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', actions) == [
        (reverse("dues:statement", args=[applicant.pk]), "Dues statement")
    ]
    trainer = client_for(make_user("trainer", tree.puk_a))
    assert (
        'data-testid="member-actions"'
        not in trainer.get(reverse("membership:member", args=[applicant.pk])).content.decode()
    )


def test_the_navigation_and_the_home_page_lead_to_the_members(tree, make_user, client_for):
    officer = client_for(make_user("read_only", tree.puk_a)).get(reverse("core:home")).content.decode()
    assert officer.count(f'href="{LIST}"') == 2  # the menu and the card
    trainer = client_for(make_user("trainer", tree.puk_a)).get(reverse("core:home")).content.decode()
    assert f'href="{LIST}"' not in trainer


def test_a_part_that_does_not_exist_yet_renders_nothing():
    from django.template import Context, Template

    template = Template('{% load member_pages %}[{% include_if_present "membership/no/such/part.html" %}]')
    assert template.render(Context({})) == "[]"
