"""Employers, workplaces and the links of plant unions to workplaces, over HTTP."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from serikat.audit.models import AuditEvent
from serikat.organisation import events, selectors
from serikat.organisation.models import Employer, Sector, UnitWorkplace, Workplace
from serikat.organisation.services import link_workplace, register_employer, register_workplace

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"organisation:{name}", args=args)


def names(rows):
    return [row.name for row in rows]


def snapshot():
    return (
        list(Employer.objects.order_by("pk").values()),
        list(Workplace.objects.order_by("pk").values()),
        list(UnitWorkplace.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def client_for(client_for, settings):
    """The shared client_for, in English: the assertions below read the English msgids."""

    def make(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


@pytest.fixture
def firms(tree):
    """PT Alpha (Bekasi branch, organised by PUK-A), PT Beta (Tangerang, PUK-D), PT Garmen (SPN)."""
    admin = tree.admin
    alpha = register_employer(actor=admin, unit=tree.pc_bks, name="PT Alpha", sector=Sector.objects.get(code="metal"))
    alpha_plant = register_workplace(actor=admin, employer=alpha, unit=tree.pc_bks, name="Plant 1", workforce_size=800)
    alpha_link = link_workplace(actor=admin, unit=tree.puk_a, workplace=alpha_plant, since_on=datetime.date(2020, 5, 1))
    beta = register_employer(actor=admin, unit=tree.pc_tng, name="PT Beta")
    beta_plant = register_workplace(actor=admin, employer=beta, unit=tree.pc_tng, name="Plant T")
    link_workplace(actor=admin, unit=tree.puk_d, workplace=beta_plant)
    garmen = register_employer(actor=admin, unit=tree.spn_dpc, name="PT Garmen")
    garmen_plant = register_workplace(actor=admin, employer=garmen, unit=tree.spn_dpc, name="Pabrik S")
    link_workplace(actor=admin, unit=tree.spn_puk, workplace=garmen_plant)
    return SimpleNamespace(
        alpha=alpha,
        alpha_plant=alpha_plant,
        alpha_link=alpha_link,
        beta=beta,
        beta_plant=beta_plant,
        garmen=garmen,
        garmen_plant=garmen_plant,
    )


@pytest.fixture
def jabar(tree, make_user):
    return make_user("secretariat", tree.dpw_jabar)


# --- list --------------------------------------------------------------------------------------


def test_the_list_shows_the_employers_in_scope_by_name(tree, firms, jabar, make_user, client_for):
    response = client_for(jabar).get(url("employers"))
    assert response.status_code == 200
    assert names(response.context["page"].rows) == ["PT Alpha"]
    admin = client_for(tree.admin).get(url("employers"))
    assert names(admin.context["page"].rows) == ["PT Alpha", "PT Beta", "PT Garmen"]
    # A plant union sees the employer of the workplace it organises at.
    puk = client_for(make_user("read_only", tree.puk_a)).get(url("employers"))
    assert names(puk.context["page"].rows) == ["PT Alpha"]


def test_the_list_searches_by_name_and_answers_htmx_with_rows_only(tree, firms, client_for):
    client = client_for(tree.admin)
    response = client.get(url("employers"), {"q": "gar"}, **HTMX)
    assert names(response.context["page"].rows) == ["PT Garmen"]
    assert "<html" not in response.content.decode()
    assert names(client.get(url("employers"), {"q": "SPN"}).context["page"].rows) == []


def test_the_list_pages_by_keyset_without_counting(tree, client_for):
    for i in range(53):
        register_employer(actor=tree.admin, unit=tree.pc_bks, name=f"PT {i:02d}")
    client = client_for(tree.admin)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(url("employers"))
    assert not [q for q in queries if "COUNT(" in q["sql"].upper()]
    page = first.context["page"]
    assert names(page.rows) == [f"PT {i:02d}" for i in range(50)]
    assert f"after={page.next_cursor}" in first.content.decode()
    second = client.get(url("employers"), {"after": page.next_cursor}).context["page"]
    assert names(second.rows) == ["PT 50", "PT 51", "PT 52"]
    assert second.next_cursor is None


def test_keyset_pages_keep_employers_with_the_same_name(tree, jabar):
    for _ in range(3):
        register_employer(actor=tree.admin, unit=tree.pc_bks, name="PT Same")
    first = selectors.employer_list(jabar, size=2)
    second = selectors.employer_list(jabar, cursor=first.next_cursor, size=2)
    ids = [e.pk for e in first.rows + second.rows]
    assert len(set(ids)) == 3
    assert second.next_cursor is None


def test_a_mangled_cursor_starts_at_the_first_page(tree, firms, client_for):
    for cursor in ("%%%", "bm90IGpzb24", "WyJhIiwgIngiXQ"):
        response = client_for(tree.admin).get(url("employers"), {"after": cursor})
        assert response.status_code == 200
        assert names(response.context["page"].rows) == ["PT Alpha", "PT Beta", "PT Garmen"]


def count_queries(client, target, **extra):
    client.get(target, **extra)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(target, **extra).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_for_3_and_30_employers(tree, jabar, client_for):
    client = client_for(jabar)
    for i in range(3):
        register_employer(actor=tree.admin, unit=tree.pc_bks, name=f"PT A{i:02d}")
    small = count_queries(client, url("employers"))
    for i in range(27):
        register_employer(actor=tree.admin, unit=tree.pc_krw, name=f"PT B{i:02d}")
    assert len(client.get(url("employers")).context["page"].rows) == 30
    assert count_queries(client, url("employers")) == small


def test_the_employer_page_costs_the_same_for_3_and_30_workplaces(tree, jabar, client_for):
    client = client_for(jabar)
    employer = register_employer(actor=tree.admin, unit=tree.pc_bks, name="PT Big")

    def plants(start, n):
        for i in range(start, start + n):
            plant = register_workplace(actor=tree.admin, employer=employer, unit=tree.pc_bks, name=f"Plant {i:02d}")
            link_workplace(actor=tree.admin, unit=tree.puk_a if i % 2 else tree.puk_b, workplace=plant)

    plants(0, 3)
    small = count_queries(client, url("employer", employer.pk))
    plants(3, 27)
    assert len(client.get(url("employer", employer.pk)).context["page"].workplaces) == 30
    assert count_queries(client, url("employer", employer.pk)) == small


# --- employer and workplace pages ----------------------------------------------------------------


def test_the_employer_page_lists_workplaces_with_the_unions_there(tree, firms, jabar, client_for):
    response = client_for(jabar).get(url("employer", firms.alpha.pk))
    assert response.status_code == 200
    page = response.context["page"]
    assert [(w.name, [link.unit.code for link in w.current_links]) for w in page.workplaces] == [("Plant 1", ["PUK-A"])]
    assert (page.may_change, page.may_add_workplace) == (True, True)
    html = response.content.decode()
    assert "800 workers" in html
    assert f'href="{url("employer_edit", firms.alpha.pk)}"' in html


def test_the_workplace_page_lists_links_and_their_actions(tree, firms, jabar, client_for):
    response = client_for(jabar).get(url("workplace", firms.alpha_plant.pk))
    page = response.context["page"]
    assert [link.unit.code for link in page.links] == ["PUK-A"]
    assert page.may_end_link == {firms.alpha_link.pk}
    back = url("workplace", firms.alpha_plant.pk)
    assert f'href="{url("link_end", firms.alpha_link.pk)}?next={back}"' in response.content.decode()


@pytest.mark.parametrize("attr", ["beta", "garmen"])
def test_employers_outside_the_scope_answer_404(tree, firms, jabar, client_for, attr):
    client = client_for(jabar)
    employer = getattr(firms, attr)
    plant = getattr(firms, f"{attr}_plant")
    for target in (
        url("employer", employer.pk),
        url("employer_edit", employer.pk),
        url("workplace_create", employer.pk),
        url("workplace", plant.pk),
        url("workplace_edit", plant.pk),
        url("workplace_link_unit", plant.pk),
    ):
        assert client.get(target).status_code == 404, target


def test_a_plant_union_may_see_but_not_edit_the_employer_its_branch_registered(tree, firms, make_user, client_for):
    client = client_for(make_user("secretariat", tree.puk_a))
    response = client.get(url("employer", firms.alpha.pk))
    assert response.context["page"].may_change is False
    assert response.context["page"].registrar_visible is False
    before = snapshot()
    assert client.get(url("employer_edit", firms.alpha.pk)).status_code == 403
    assert client.post(url("employer_edit", firms.alpha.pk), {"name": "X", "status": "active"}).status_code == 403
    assert client.post(url("workplace_edit", firms.alpha_plant.pk), {"name": "X"}).status_code == 403
    assert snapshot() == before


# --- forms ---------------------------------------------------------------------------------------


def test_registering_an_employer_and_a_workplace_through_the_forms(tree, jabar, client_for):
    client = client_for(jabar)
    form = client.get(url("employer_create") + f"?unit={tree.pc_bks.pk}").context["form"]
    assert form["unit"].value() == "PC-SPL-BKS"
    response = client.post(
        url("employer_create"),
        {
            "name": " PT Gamma ",
            "business_number": "912000",
            "sector": Sector.objects.get(code="metal").pk,
            "region": "32.16",
            "unit": "PC-SPL-BKS",
        },
    )
    employer = Employer.objects.get(name="PT Gamma")
    assert response["Location"] == url("employer", employer.pk)
    assert (employer.unit_id, employer.region_id, employer.business_number) == (tree.pc_bks.pk, "32.16", "912000")
    assert AuditEvent.objects.get(kind=events.EMPLOYER_CREATED, object_id=str(employer.pk)).actor == jabar

    form = client.get(url("workplace_create", employer.pk)).context["form"]
    assert form["unit"].value() == "PC-SPL-BKS"
    response = client.post(
        url("workplace_create", employer.pk),
        {
            "name": "Plant Cikarang",
            "unit": "PC-SPL-BKS",
            "workforce_size": "1200",
            "region": "32.16",
        },
    )
    workplace = Workplace.objects.get(name="Plant Cikarang")
    assert response["Location"] == url("workplace", workplace.pk)
    assert (workplace.employer_id, workplace.workforce_size, workplace.sector.code) == (employer.pk, 1200, "metal")
    assert AuditEvent.objects.filter(kind=events.WORKPLACE_CREATED, actor=jabar).count() == 1


def test_registering_for_a_unit_outside_the_scope_is_a_field_error(tree, jabar, client_for):
    before = snapshot()
    response = client_for(jabar).post(url("employer_create"), {"name": "PT X", "unit": "PC-SPL-TNG"})
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == [
        "No unit with this code where you may register or link employers."
    ]
    assert snapshot() == before


def test_editing_an_employer_and_a_workplace(tree, firms, jabar, client_for):
    client = client_for(jabar)
    response = client.post(url("employer_edit", firms.alpha.pk), {"name": "PT Alpha Tbk", "status": "closed"})
    assert response.status_code == 302
    firms.alpha.refresh_from_db()
    assert (firms.alpha.name, firms.alpha.status, firms.alpha.sector_id) == ("PT Alpha Tbk", "closed", None)
    change = AuditEvent.objects.get(kind=events.EMPLOYER_CHANGED)
    assert change.changes["name"] == ["PT Alpha", "PT Alpha Tbk"]
    response = client.post(url("workplace_edit", firms.alpha_plant.pk), {"name": "Plant 1", "workforce_size": "-3"})
    assert response.context["form"].errors["workforce_size"] == ["Ensure this value is greater than or equal to 0."]


def test_linking_a_plant_union_from_the_workplace_page(tree, firms, jabar, client_for):
    client = client_for(jabar)
    response = client.post(url("workplace_link_unit", firms.alpha_plant.pk), {"unit": "PC-SPL-BKS"})
    assert response.context["form"].errors["unit"] == ["Only plant-level unions are linked to workplaces."]
    response = client.post(url("workplace_link_unit", firms.alpha_plant.pk), {"unit": "PUK-A"})
    assert response.context["form"].non_field_errors() == ["This union is already linked to this workplace."]
    response = client.post(
        url("workplace_link_unit", firms.alpha_plant.pk), {"unit": "PUK-B", "since_on": "2024-02-01"}
    )
    assert response["Location"] == url("workplace", firms.alpha_plant.pk)
    link = UnitWorkplace.objects.get(unit=tree.puk_b)
    assert (link.workplace_id, link.since_on) == (firms.alpha_plant.pk, datetime.date(2024, 2, 1))
    assert AuditEvent.objects.filter(kind=events.WORKPLACE_LINKED, actor=jabar).count() == 1


def test_linking_a_workplace_from_the_plant_union_page(tree, firms, jabar, client_for):
    client = client_for(jabar)
    picker = client.get(url("workplace_picker", tree.puk_b.pk), {"q": "plant"}, **HTMX)
    assert [w.name for w in picker.context["choices"]] == ["Plant 1"]  # Plant T is in Banten
    page = client.get(url("unit_link_workplace", tree.puk_b.pk), {"q": "alpha"})
    assert [w.name for w in page.context["choices"]] == ["Plant 1"]
    before = snapshot()
    response = client.post(url("unit_link_workplace", tree.puk_b.pk), {"workplace": firms.beta_plant.pk})
    assert response.context["form"].errors["workplace"] == ["Choose a workplace from the search results."]
    assert snapshot() == before
    response = client.post(url("unit_link_workplace", tree.puk_b.pk), {"workplace": firms.alpha_plant.pk})
    assert response["Location"] == url("unit", tree.puk_b.pk)
    assert UnitWorkplace.objects.filter(unit=tree.puk_b, workplace=firms.alpha_plant).count() == 1


def test_only_plant_unions_get_the_link_form(tree, jabar, client_for):
    assert client_for(jabar).get(url("unit_link_workplace", tree.pc_bks.pk)).status_code == 403


def test_ending_a_link(tree, firms, jabar, client_for):
    client = client_for(jabar)
    response = client.post(url("link_end", firms.alpha_link.pk), {"until_on": "2019-01-01"})
    assert response.context["form"].errors["until_on"] == ["The end date is before the start date."]
    response = client.post(
        url("link_end", firms.alpha_link.pk) + "?next=https://evil.example/", {"until_on": "2025-06-30"}
    )
    assert response["Location"] == url("unit", tree.puk_a.pk)
    firms.alpha_link.refresh_from_db()
    assert firms.alpha_link.until_on == datetime.date(2025, 6, 30)
    assert AuditEvent.objects.filter(kind=events.WORKPLACE_UNLINKED, actor=jabar).count() == 1


def test_ending_a_link_from_the_workplace_page_returns_there(tree, firms, jabar, client_for):
    back = url("workplace", firms.alpha_plant.pk)
    response = client_for(jabar).post(
        url("link_end", firms.alpha_link.pk) + f"?next={back}", {"until_on": "2025-06-30"}
    )
    assert response["Location"] == back


def test_a_reader_gets_403_on_every_employer_form_and_changes_nothing(tree, firms, make_user, client_for):
    client = client_for(make_user("read_only", tree.dpw_jabar))
    attempts = [
        (url("employer_create"), {"name": "PT X", "unit": "PC-SPL-BKS"}),
        (url("employer_edit", firms.alpha.pk), {"name": "PT X", "status": "active"}),
        (url("workplace_create", firms.alpha.pk), {"name": "X", "unit": "PC-SPL-BKS"}),
        (url("workplace_edit", firms.alpha_plant.pk), {"name": "X"}),
        (url("workplace_link_unit", firms.alpha_plant.pk), {"unit": "PUK-B"}),
        (url("unit_link_workplace", tree.puk_b.pk), {"workplace": firms.alpha_plant.pk}),
        (url("link_end", firms.alpha_link.pk), {"until_on": "2025-01-01"}),
    ]
    before = snapshot()
    for target, data in attempts:
        assert client.get(target).status_code == 403, target
        assert client.post(target, data).status_code == 403, target
    assert snapshot() == before
    response = client.get(url("employers"))
    assert response.context["may_register"] is False
    assert f'href="{url("employer_create")}"' not in response.content.decode()


def test_links_of_other_federations_answer_404(tree, firms, jabar, client_for):
    link = UnitWorkplace.objects.get(unit=tree.spn_puk)
    before = snapshot()
    assert client_for(jabar).post(url("link_end", link.pk), {"until_on": "2025-01-01"}).status_code == 404
    assert snapshot() == before
