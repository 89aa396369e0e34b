"""The unit screens over HTTP: tree, children fragment, search, unit page and the forms that change units."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.organisation import events, selectors
from serikat.organisation.models import OfficerTerm, Position, Unit
from serikat.organisation.services import appoint_officer, create_unit

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"organisation:{name}", args=args)


def node_codes(response):
    """The unit codes of the tree nodes in a page or fragment, in order."""
    return re.findall(r'<li class="node" data-unit="([^"]+)"', response.content.decode())


def result_names(response):
    return [unit.code for unit in response.context["results"]]


def snapshot_units():
    return list(Unit.objects.order_by("pk").values())


@pytest.fixture
def client_for(client_for, settings):
    """The shared client_for, in English: the assertions below read the English msgids."""

    def make(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


@pytest.fixture
def jabar(tree, make_user):
    return make_user("secretariat", tree.dpw_jabar)


@pytest.fixture
def jabar_reader(tree, make_user):
    return make_user("read_only", tree.dpw_jabar)


# --- tree --------------------------------------------------------------------------------------


def test_the_tree_opens_at_the_actors_top_unit_with_its_first_level(tree, jabar, client_for):
    response = client_for(jabar).get(url("tree"))
    assert response.status_code == 200
    assert [u.code for u in response.context["roots"]] == ["DPW-JABAR"]
    assert node_codes(response) == ["DPW-JABAR", "KC-BKS", "KC-KRW"]


def test_a_user_with_two_grants_sees_two_roots_closed(tree, make_user, client_for):
    user = make_user("read_only", tree.pc_bks)
    from serikat.accounts.models import Grant, Role

    Grant.objects.create(user=user, role=Role.objects.get(code="read_only"), unit=tree.spn_dpc)
    response = client_for(user).get(url("tree"))
    assert node_codes(response) == ["PC-SPL-BKS", "SPN-DPC-BKS"]
    assert response.context["opened"] is None


def test_the_tree_of_a_user_without_grants_is_empty(tree, make_user, client_for):
    response = client_for(make_user()).get(url("tree"))
    assert response.status_code == 200
    assert response.context["roots"] == []


def test_anonymous_users_are_sent_to_sign_in(tree, client_for):
    for target in (url("tree"), url("unit", tree.puk_a.pk), url("unit_search") + "?q=PUK"):
        response = client_for(None).get(target)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


# --- children fragment ---------------------------------------------------------------------------


def test_a_council_lists_the_branches_in_its_territory_but_not_their_plants(tree, jabar, client_for):
    response = client_for(jabar).get(url("unit_children", tree.kc_bks.pk), **HTMX)
    assert response.status_code == 200
    assert node_codes(response) == ["PC-SPL-BKS"]
    assert "<html" not in response.content.decode()


def test_a_branch_lists_its_plants(tree, jabar, client_for):
    response = client_for(jabar).get(url("unit_children", tree.pc_bks.pk), **HTMX)
    assert node_codes(response) == ["PUK-A", "PUK-B"]


def test_the_children_fragment_is_a_whole_page_without_htmx(tree, jabar, client_for):
    response = client_for(jabar).get(url("unit_children", tree.pc_bks.pk))
    assert "<html" in response.content.decode()
    assert node_codes(response) == ["PUK-A", "PUK-B"]


def test_a_plant_in_another_council_is_hidden_from_the_branch_listing(tree, jabar, client_for):
    # A PUK under the Bekasi branch that sits in Tangerang's council is outside DPW Jawa Barat.
    create_unit(
        actor=tree.admin,
        parent=tree.pc_bks,
        level=tree.level(tree.fspmi, "PUK"),
        code="PUK-X",
        name="PUK-X",
        territory=tree.kc_tng,
    )
    response = client_for(jabar).get(url("unit_children", tree.pc_bks.pk), **HTMX)
    assert node_codes(response) == ["PUK-A", "PUK-B"]


def test_children_are_capped_and_say_so(tree, jabar):
    listing = selectors.children_of(jabar, tree.pc_bks, limit=1)
    assert [u.code for u in listing] == ["PUK-A"]
    assert listing.has_more is True
    assert selectors.children_of(jabar, tree.pc_bks, limit=2).has_more is False


@pytest.mark.parametrize("code", ["SPN-PUK-S", "PUK-D", "SPN", "DPW-BANTEN", "FSPMI-SPL"])
def test_units_outside_the_scope_answer_404_on_every_screen(tree, jabar, client_for, code):
    client = client_for(jabar)
    pk = tree.units[code].pk
    for name in (
        "unit",
        "unit_children",
        "officers_past",
        "unit_edit",
        "unit_create",
        "unit_move",
        "unit_territory",
        "unit_split",
        "officer_appoint",
    ):
        assert client.get(url(name, pk)).status_code == 404, name
        assert client.get(url(name, pk), **HTMX).status_code == 404, name


def test_a_missing_unit_answers_404(tree, jabar, client_for):
    assert client_for(jabar).get(url("unit", 999999)).status_code == 404


# --- search ------------------------------------------------------------------------------------


def test_search_finds_by_code_prefix_and_name_within_scope(tree, jabar, client_for):
    client = client_for(jabar)
    response = client.get(url("unit_search"), {"q": "PUK"}, **HTMX)
    assert response.status_code == 200
    assert result_names(response) == ["PUK-A", "PUK-B", "PUK-C"]
    assert "under PC-SPL-BKS" in response.content.decode()
    assert result_names(client.get(url("unit_search"), {"q": "SPN"}, **HTMX)) == []
    assert result_names(client.get(url("unit_search"), {"q": "tng"}, **HTMX)) == []
    assert result_names(client.get(url("unit_search"), {"q": "kc-b"})) == ["KC-BKS"]


def test_search_puts_the_exact_code_first(tree, jabar, client_for):
    create_unit(actor=tree.admin, parent=tree.pc_bks, level=tree.level(tree.fspmi, "PUK"), code="PUK-AA", name="AAA")
    response = client_for(jabar).get(url("unit_search"), {"q": "puk-a"}, **HTMX)
    assert result_names(response) == ["PUK-A", "PUK-AA"]
    response = client_for(jabar).get(url("unit_search"), {"q": "PUK-AA"}, **HTMX)
    assert result_names(response) == ["PUK-AA"]


def test_search_as_a_picker_offers_choose_buttons(tree, jabar, client_for):
    response = client_for(jabar).get(url("unit_search"), {"q": "PC-SPL", "pick": "new_parent"}, **HTMX)
    assert response.content.decode().count('data-fill-target="id_new_parent"') == 2
    response = client_for(jabar).get(url("unit_search"), {"q": "PC-SPL", "pick": "nonsense"}, **HTMX)
    assert "data-fill-target" not in response.content.decode()


def test_search_is_capped_at_fifty(tree, jabar):
    assert selectors.SEARCH_LIMIT == 50
    results = selectors.search_units(jabar, "PUK", limit=2)
    assert [u.code for u in results] == ["PUK-A", "PUK-B"]
    assert results.has_more is True


# --- unit page ---------------------------------------------------------------------------------


def test_the_unit_page_shows_facts_officers_children_and_actions(tree, jabar, client_for):
    appoint_officer(
        actor=tree.admin,
        unit=tree.pc_bks,
        position=Position.objects.get(code="ketua"),
        person_name="Siti Aminah",
        gender="F",
        started_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2029, 1, 1),
    )
    response = client_for(jabar).get(url("unit", tree.pc_bks.pk))
    assert response.status_code == 200
    page = response.context["page"]
    html = response.content.decode()
    # The sector union above the branch is outside DPW Jawa Barat: no breadcrumb link to it.
    assert page.breadcrumb == []
    assert [t.person_name for t in page.officers] == ["Siti Aminah"]
    assert [u.code for u in page.below] == ["PUK-A", "PUK-B"]
    assert page.territory_visible is True
    assert "Kabupaten Bekasi" in html
    assert f'href="{url("unit", tree.kc_bks.pk)}"' in html
    for name in ("unit_edit", "unit_create", "unit_move", "unit_territory", "unit_split", "officer_appoint"):
        assert f'href="{url(name, tree.pc_bks.pk)}"' in html, name


def test_the_breadcrumb_shows_visible_ancestors_only(tree, make_user, client_for):
    user = make_user("read_only", tree.fspmi)
    page = client_for(user).get(url("unit", tree.puk_a.pk)).context["page"]
    assert [u.code for u in page.breadcrumb] == ["FSPMI", "FSPMI-SPL", "PC-SPL-BKS"]


def test_a_reader_sees_no_action_buttons(tree, jabar_reader, client_for):
    response = client_for(jabar_reader).get(url("unit", tree.pc_bks.pk))
    assert response.status_code == 200
    assert 'data-testid="unit-actions"' not in response.content.decode()


def test_a_plant_page_shows_its_workplaces_and_offers_linking(tree, make_user, client_for):
    from serikat.organisation.services import link_workplace, register_employer, register_workplace

    employer = register_employer(actor=tree.admin, unit=tree.pc_bks, name="PT Alpha")
    workplace = register_workplace(actor=tree.admin, employer=employer, unit=tree.pc_bks, name="Plant 1")
    link_workplace(actor=tree.admin, unit=tree.puk_a, workplace=workplace, since_on=datetime.date(2020, 5, 1))
    officer = make_user("secretariat", tree.puk_a)
    response = client_for(officer).get(url("unit", tree.puk_a.pk))
    html = response.content.decode()
    assert [link.workplace.name for link in response.context["page"].workplace_links] == ["Plant 1"]
    assert "PT Alpha" in html and "since 1 May 2020" in html
    assert f'href="{url("unit_link_workplace", tree.puk_a.pk)}"' in html
    # A plant union has nothing below it to create, split or hand over.
    assert f'href="{url("unit_create", tree.puk_a.pk)}"' not in html
    assert f'href="{url("unit_split", tree.puk_a.pk)}"' not in html


def test_past_officers_are_listed_on_their_own_page(tree, jabar, client_for):
    chair = Position.objects.get(code="ketua")
    appoint_officer(
        actor=tree.admin,
        unit=tree.puk_a,
        position=chair,
        person_name="Old Chair",
        gender="M",
        started_on=datetime.date(2019, 1, 1),
    )
    appoint_officer(
        actor=tree.admin,
        unit=tree.puk_a,
        position=chair,
        person_name="New Chair",
        gender="F",
        started_on=datetime.date(2023, 1, 1),
        replace_current=True,
    )
    client = client_for(jabar)
    assert [t.person_name for t in client.get(url("unit", tree.puk_a.pk)).context["page"].officers] == ["New Chair"]
    response = client.get(url("officers_past", tree.puk_a.pk))
    assert [t.person_name for t in response.context["terms"]] == ["Old Chair"]


def test_a_role_without_officer_view_sees_no_officers_and_gets_403_on_past_officers(tree, make_user, client_for):
    from serikat.accounts.models import Grant, Role

    role = Role.objects.create(code="unit_viewer", name="x", name_en="x", permissions=["organisation.view_unit"])
    user = make_user()
    Grant.objects.create(user=user, role=role, unit=tree.dpw_jabar)
    client = client_for(user)
    response = client.get(url("unit", tree.puk_a.pk))
    assert response.status_code == 200
    assert 'id="officers"' not in response.content.decode()
    assert client.get(url("officers_past", tree.puk_a.pk)).status_code == 403
    assert client_for(make_user()).get(url("officers_past", tree.puk_a.pk)).status_code == 404


# --- forms: refusals change nothing ------------------------------------------------------------


def write_attempts(tree):
    term = appoint_officer(
        actor=tree.admin,
        unit=tree.puk_a,
        position=Position.objects.get(code="ketua"),
        person_name="Siti",
        gender="F",
        started_on=datetime.date(2024, 1, 1),
    )
    return [
        (
            "unit_create",
            tree.pc_bks.pk,
            {"level": tree.level(tree.fspmi, "PUK").pk, "code": "PUK-Z", "name": "Z", "status": "active"},
        ),
        ("unit_edit", tree.pc_bks.pk, {"name": "Renamed", "status": "active"}),
        ("unit_move", tree.puk_a.pk, {"new_parent": "PC-SPL-KRW", "confirmed": "on"}),
        ("unit_split", tree.kc_bks.pk, {"new_code": "KC-Z", "new_name": "Z", "territorial_members": [tree.pc_bks.pk]}),
        ("unit_territory", tree.pc_bks.pk, {"territory": tree.kc_krw.pk, "with_subtree": "on"}),
        (
            "officer_appoint",
            tree.puk_a.pk,
            {
                "position": Position.objects.get(code="sekretaris").pk,
                "person_name": "Budi",
                "gender": "M",
                "started_on": "2025-01-01",
            },
        ),
        ("officer_end", term.pk, {"ended_on": "2025-01-01"}),
    ]


def test_a_reader_gets_403_on_every_unit_form_and_a_post_changes_nothing(tree, jabar_reader, client_for):
    attempts = write_attempts(tree)
    client = client_for(jabar_reader)
    units, terms, audit = snapshot_units(), list(OfficerTerm.objects.values()), AuditEvent.objects.count()
    for name, pk, data in attempts:
        assert client.get(url(name, pk)).status_code == 403, name
        assert client.post(url(name, pk), data).status_code == 403, name
    assert snapshot_units() == units
    assert list(OfficerTerm.objects.values()) == terms
    assert AuditEvent.objects.count() == audit


def test_the_same_posts_by_a_secretariat_do_change_things(tree, jabar, client_for):
    # The counterpart of the test above: the data are valid, so the 403s there are the permission.
    attempts = write_attempts(tree)
    client = client_for(jabar)
    first_new = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
    for name, pk, data in attempts:
        response = client.post(url(name, pk), data)
        assert response.status_code == 302, (name, response.context and response.context["form"].errors)
    assert list(AuditEvent.objects.filter(pk__gte=first_new).order_by("pk").values_list("kind", flat=True)) == [
        events.UNIT_CREATED,
        events.UNIT_CHANGED,
        events.UNIT_MOVED,
        events.UNIT_CREATED,
        events.UNIT_SPLIT,
        events.UNIT_TERRITORY_SET,
        events.OFFICER_APPOINTED,
        events.OFFICER_TERM_ENDED,
    ]
    assert set(AuditEvent.objects.filter(pk__gte=first_new).values_list("actor", flat=True)) == {jabar.pk}


# --- forms: create, edit, move through the web ---------------------------------------------------


def test_create_then_move_a_unit_through_the_forms_records_both_events(tree, jabar, client_for):
    client = client_for(jabar)
    puk = tree.level(tree.fspmi, "PUK")
    form = client.get(url("unit_create", tree.pc_bks.pk)).context["form"]
    assert [level.code for level in form.fields["level"].queryset] == ["PUK"]
    assert [u.code for u in form.fields["territory"].queryset] == ["DPW-JABAR", "KC-BKS", "KC-KRW"]

    response = client.post(
        url("unit_create", tree.pc_bks.pk),
        {
            "level": puk.pk,
            "code": "PUK-NEW",
            "name": "PUK Baru",
            "status": "active",
            "region": "32.16",
            "founded_on": "2024-05-01",
            "phone": "+6281234567890",
        },
    )
    unit = Unit.objects.get(code="PUK-NEW")
    assert response.status_code == 302
    assert response["Location"] == url("unit", unit.pk)
    assert (unit.parent_path, unit.territory_id, unit.region_id) == (tree.pc_bks.path, tree.kc_bks.pk, "32.16")
    assert unit.founded_on == datetime.date(2024, 5, 1)
    followed = client.get(response["Location"])
    assert "PUK Baru was created." in followed.content.decode()

    page = client.get(url("unit_move", unit.pk))
    assert "This moves 1 unit: PUK Baru itself." in page.content.decode()
    preview = client.post(url("unit_move", unit.pk), {"new_parent": "PC-SPL-KRW", "reason": "new plant"})
    assert preview.status_code == 200
    assert preview.context["target"].code == "PC-SPL-KRW"
    assert Unit.objects.get(pk=unit.pk).parent_path == tree.pc_bks.path  # not moved before confirming
    done = client.post(
        url("unit_move", unit.pk), {"new_parent": "PC-SPL-KRW", "reason": "new plant", "confirmed": "on"}
    )
    assert done.status_code == 302
    assert Unit.objects.get(pk=unit.pk).parent_path == tree.pc_krw.path

    created = AuditEvent.objects.get(kind=events.UNIT_CREATED, object_id=str(unit.pk))
    moved = AuditEvent.objects.get(kind=events.UNIT_MOVED, object_id=str(unit.pk))
    assert (created.actor, moved.actor) == (jabar, jabar)
    assert moved.data["reason"] == "new plant"
    assert moved.changes == {"parent": [tree.pc_bks.pk, tree.pc_krw.pk]}


def test_the_move_form_says_how_many_units_move(tree, jabar, client_for):
    response = client_for(jabar).get(url("unit_move", tree.pc_bks.pk))
    assert response.context["moving"] == 3
    assert "This moves 3 units: PC-SPL-BKS and everything below it." in response.content.decode()
    response = client_for(jabar).get(url("unit_move", tree.kc_bks.pk))
    assert response.context["in_territory"] == 3


def test_a_move_to_a_unit_outside_the_scope_is_a_field_error_and_changes_nothing(tree, jabar, client_for):
    units, audit = snapshot_units(), AuditEvent.objects.count()
    response = client_for(jabar).post(url("unit_move", tree.puk_a.pk), {"new_parent": "PC-SPL-TNG", "confirmed": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors["new_parent"] == ["No unit with this code that you may move units to."]
    assert snapshot_units() == units
    assert AuditEvent.objects.count() == audit


def test_a_move_the_rules_refuse_shows_the_reason_on_the_field(tree, jabar, client_for):
    units = snapshot_units()
    response = client_for(jabar).post(url("unit_move", tree.puk_a.pk), {"new_parent": "KC-KRW", "confirmed": "on"})
    assert response.context["form"].errors["new_parent"] == [
        "A unit of level PUK cannot stand under a unit of level KC."
    ]
    assert snapshot_units() == units


def test_a_duplicate_code_is_shown_on_the_code_field(tree, jabar, client_for):
    count = Unit.objects.count()
    response = client_for(jabar).post(
        url("unit_create", tree.pc_bks.pk),
        {
            "level": tree.level(tree.fspmi, "PUK").pk,
            "code": "PUK-A",
            "name": "Again",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["The code PUK-A is already in use."]
    assert 'aria-invalid="true"' in response.content.decode()
    assert Unit.objects.count() == count


def test_editing_details_records_only_what_changed(tree, jabar, client_for):
    response = client_for(jabar).post(
        url("unit_edit", tree.pc_bks.pk),
        {
            "name": "PC SPL Bekasi",
            "status": "active",
            "region": "32.16",
            "email": "pc@example.org",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(kind=events.UNIT_CHANGED)
    assert event.changes == {"name": ["PC-SPL-BKS", "PC SPL Bekasi"], "email": ["", "pc@example.org"]}


def test_setting_a_territory_through_the_form(tree, jabar, client_for):
    client = client_for(jabar)
    form = client.get(url("unit_territory", tree.pc_bks.pk)).context["form"]
    assert [u.code for u in form.fields["territory"].queryset] == ["DPW-JABAR", "KC-BKS", "KC-KRW"]
    response = client.post(url("unit_territory", tree.pc_bks.pk), {"territory": tree.kc_krw.pk, "with_subtree": "on"})
    assert response.status_code == 302
    assert sorted(Unit.objects.filter(territory=tree.kc_krw).values_list("code", flat=True)) == [
        "PC-SPL-BKS",
        "PC-SPL-KRW",
        "PUK-A",
        "PUK-B",
        "PUK-C",
    ]


def test_splitting_a_council_through_the_form(tree, jabar, client_for):
    client = client_for(jabar)
    form = client.get(url("unit_split", tree.kc_bks.pk)).context["form"]
    assert [u.code for u in form.fields["territorial_members"].queryset] == ["PC-SPL-BKS"]
    assert list(form.fields["children"].queryset) == []
    response = client.post(
        url("unit_split", tree.kc_bks.pk),
        {
            "new_code": "KC-BKS-2",
            "new_name": "KC Bekasi 2",
            "territorial_members": [tree.pc_bks.pk],
        },
    )
    new = Unit.objects.get(code="KC-BKS-2")
    assert response["Location"] == url("unit", new.pk)
    assert Unit.objects.get(code="PUK-A").territory_id == new.pk
    assert AuditEvent.objects.filter(kind=events.UNIT_SPLIT, actor=jabar).count() == 1


def test_a_split_that_takes_nothing_is_refused_by_the_form(tree, jabar, client_for):
    count = Unit.objects.count()
    response = client_for(jabar).post(url("unit_split", tree.kc_bks.pk), {"new_code": "KC-Z", "new_name": "Z"})
    assert response.context["form"].non_field_errors() == ["Choose at least one unit for the new unit to take over."]
    assert Unit.objects.count() == count


# --- officers through the web ------------------------------------------------------------------


def test_appointing_a_second_chair_needs_the_replace_box(tree, jabar, client_for):
    client = client_for(jabar)
    chair = Position.objects.get(code="ketua")
    data = {"position": chair.pk, "person_name": "Siti", "gender": "F", "started_on": "2024-01-01"}
    assert client.post(url("officer_appoint", tree.puk_a.pk), data).status_code == 302
    data = {"position": chair.pk, "person_name": "Budi", "gender": "M", "started_on": "2025-01-01"}
    response = client.post(url("officer_appoint", tree.puk_a.pk), data)
    assert response.context["form"].errors["position"] == [
        "Ketua is held by Siti; end that term first or replace the holder."
    ]
    assert OfficerTerm.objects.count() == 1
    response = client.post(url("officer_appoint", tree.puk_a.pk), {**data, "replace_current": "on"})
    assert response.status_code == 302
    assert dict(OfficerTerm.objects.values_list("person_name", "ended_on")) == {
        "Siti": datetime.date(2024, 12, 31),
        "Budi": None,
    }


def test_ending_a_term_through_the_form(tree, jabar, client_for):
    term = appoint_officer(
        actor=tree.admin,
        unit=tree.puk_a,
        position=Position.objects.get(code="bendahara"),
        person_name="Rina",
        gender="F",
        started_on=datetime.date(2024, 1, 1),
    )
    client = client_for(jabar)
    response = client.post(url("officer_end", term.pk), {"ended_on": "2023-01-01"})
    assert response.context["form"].errors["ended_on"] == ["The term cannot end before it starts."]
    response = client.post(url("officer_end", term.pk), {"ended_on": "2025-02-01", "reason": "resigned"})
    assert response["Location"] == url("unit", tree.puk_a.pk)
    term.refresh_from_db()
    assert (term.ended_on, term.end_reason) == (datetime.date(2025, 2, 1), "resigned")


def test_an_officer_term_outside_the_scope_answers_404(tree, jabar, client_for):
    term = appoint_officer(
        actor=tree.admin,
        unit=tree.spn_puk,
        position=Position.objects.get(code="ketua"),
        person_name="X",
        gender="F",
        started_on=datetime.date(2024, 1, 1),
    )
    assert client_for(jabar).post(url("officer_end", term.pk), {"ended_on": "2025-01-01"}).status_code == 404
    assert OfficerTerm.objects.get().ended_on is None


# --- query counts: flat in the number of rows ----------------------------------------------------


def count_queries(client, target, **extra):
    client.get(target, **extra)  # warm up: the first request of a session loads a few things once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(target, **extra)
    assert response.status_code == 200
    return len(queries)


def grow(tree, parent, level_code, prefix, count, **kw):
    for i in range(count):
        create_unit(
            actor=tree.admin,
            parent=parent,
            level=tree.level(tree.fspmi, level_code),
            code=f"{prefix}-{i:03d}",
            name=f"{prefix} {i:03d}",
            **kw,
        )


def test_the_tree_page_costs_the_same_for_3_and_30_councils(tree, jabar, client_for):
    client = client_for(jabar)
    grow(tree, tree.dpw_jabar, "KC", "KC-N", 1)  # 3 councils
    small = count_queries(client, url("tree"))
    grow(tree, tree.dpw_jabar, "KC", "KC-M", 27)  # 30 councils
    response = client.get(url("tree"))
    assert len(node_codes(response)) == 31
    assert count_queries(client, url("tree")) == small


def test_the_children_fragment_costs_the_same_for_3_and_30_members(tree, jabar, client_for):
    client = client_for(jabar)
    grow(tree, tree.spl, "PC", "PC-N", 2, territory=tree.kc_bks)  # 3 branches in KC-BKS
    target = url("unit_children", tree.kc_bks.pk)
    small = count_queries(client, target, **HTMX)
    grow(tree, tree.spl, "PC", "PC-M", 27, territory=tree.kc_bks)  # 30
    assert len(node_codes(client.get(target, **HTMX))) == 30
    assert count_queries(client, target, **HTMX) == small


def test_search_costs_the_same_for_3_and_30_results(tree, jabar, client_for):
    client = client_for(jabar)
    target = url("unit_search") + "?q=PUK"
    small = count_queries(client, target, **HTMX)
    grow(tree, tree.pc_bks, "PUK", "PUK-N", 27)
    assert len(client.get(target, **HTMX).context["results"]) == 30
    assert count_queries(client, target, **HTMX) == small


def test_the_unit_page_costs_the_same_for_3_and_30_children_and_officers(tree, jabar, client_for):
    client = client_for(jabar)
    deputy = Position.objects.get(code="wakil-ketua")

    def officers(n):
        for i in range(n):
            appoint_officer(
                actor=tree.admin,
                unit=tree.pc_bks,
                position=deputy,
                person_name=f"P{i}",
                gender="F",
                started_on=datetime.date(2024, 1, 1),
            )

    grow(tree, tree.pc_bks, "PUK", "PUK-N", 1)  # 3 plants
    officers(3)
    target = url("unit", tree.pc_bks.pk)
    small = count_queries(client, target)
    grow(tree, tree.pc_bks, "PUK", "PUK-M", 27)  # 30 plants
    officers(27)
    page = client.get(target).context["page"]
    assert (len(page.below), len(page.officers)) == (30, 30)
    assert count_queries(client, target) == small


@pytest.mark.django_db
def test_the_confederation_admits_a_federation_with_its_level_names(tree, make_user, client_for):
    from serikat.audit.models import AuditEvent
    from serikat.organisation.models import Level, Unit

    admin = make_user("administrator", tree.root)
    response = client_for(admin).post(
        f"/units/{tree.root.pk}/federations/new/", {"code": "FSPKEP", "name": "FSP KEP", "template": "standard"}
    )
    federation = Unit.objects.get(code="FSPKEP")
    assert response.status_code == 302 and response["Location"] == f"/units/{federation.pk}/"
    assert sorted(Level.objects.filter(federation=federation).values_list("code", flat=True)) == ["DPC", "DPD", "PUK"]
    assert AuditEvent.objects.filter(kind="organisation.federation_created", unit=federation).count() == 1
    secretary = make_user("secretariat", tree.fspmi)
    assert client_for(secretary).get(f"/units/{tree.root.pk}/federations/new/").status_code == 404
