"""Access management through the screens: the grant list in scope, granting, new accounts, revoking."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serikat.accounts.models import Grant, Role, User
from serikat.audit.models import AuditEvent


def grant_ids(response):
    return sorted(int(pk) for pk in re.findall(r'data-grant="(\d+)"', response.content.decode()))


def ids_at(*codes):
    return sorted(Grant.objects.filter(unit__code__in=codes).values_list("pk", flat=True))


JABAR_SCOPE = ["DPW-JABAR", "KC-BKS", "KC-KRW", "PC-SPL-BKS", "PC-SPL-KRW", "PUK-A", "PUK-B", "PUK-C"]


@pytest.fixture
def people(tree, make_user):
    """A grant at nearly every unit, and a DPW-JABAR secretary who manages the province."""
    for code in ["KSPI", "FSPMI", "SPN", "SPN-PUK-S", "DPW-BANTEN", "KC-TNG", "PUK-D", *JABAR_SCOPE]:
        make_user("read_only", tree.units[code], username=f"reader-{code.lower()}")
    secretary = make_user("secretariat", tree.dpw_jabar, username="sekretaris-jabar")
    return secretary


@pytest.mark.django_db
def test_the_grant_list_shows_only_grants_in_scope(people, client_for):
    response = client_for(people).get("/accounts/grants/")
    assert response.status_code == 200
    assert grant_ids(response) == ids_at(*JABAR_SCOPE)


@pytest.mark.django_db
def test_filtering_by_a_unit_outside_the_scope_shows_nothing(people, client_for):
    client = client_for(people)
    for code in ("SPN-PUK-S", "DPW-BANTEN", "NO-SUCH-UNIT"):
        response = client.get("/accounts/grants/", {"unit": code})
        assert grant_ids(response) == []
        assert "No unit with this code among your units." in response.content.decode()


@pytest.mark.django_db
def test_filters_by_unit_subtree_username_and_role(people, client_for, tree):
    client = client_for(people)
    assert grant_ids(client.get("/accounts/grants/", {"unit": "PC-SPL-BKS"})) == ids_at("PC-SPL-BKS", "PUK-A", "PUK-B")
    assert grant_ids(client.get("/accounts/grants/", {"username": "READER-PUK-C"})) == ids_at("PUK-C")
    assert grant_ids(client.get("/accounts/grants/", {"role": "secretariat"})) == [
        Grant.objects.get(user__username="sekretaris-jabar").pk
    ]


@pytest.mark.django_db
def test_revoked_grants_show_only_when_asked(people, client_for):
    client = client_for(people)
    grant = Grant.objects.get(user__username="reader-puk-a")
    client.post(f"/accounts/grants/{grant.pk}/revoke/")
    assert grant.pk not in grant_ids(client.get("/accounts/grants/"))
    response = client.get("/accounts/grants/", {"include_revoked": "on"})
    assert grant.pk in grant_ids(response)


@pytest.mark.django_db
def test_the_grant_list_pages_older_and_newer_without_counting(people, client_for, tree, make_user):
    for n in range(55):
        make_user("read_only", tree.puk_b, username=f"extra{n}")
    client = client_for(people)
    first = client.get("/accounts/grants/", {"unit": "PUK-B"})
    all_ids = ids_at("PUK-B")
    assert grant_ids(first) == all_ids[-50:]
    older_link = re.search(r'href="\?unit=PUK-B&amp;before=(\d+)"', first.content.decode())
    second = client.get("/accounts/grants/", {"unit": "PUK-B", "before": older_link.group(1)})
    assert grant_ids(second) == all_ids[:-50]
    assert "before=" not in second.content.decode().split('aria-label="Pages"')[1]
    newer_link = re.search(r'href="\?unit=PUK-B&amp;after=(\d+)"', second.content.decode())
    assert grant_ids(client.get("/accounts/grants/", {"unit": "PUK-B", "after": newer_link.group(1)})) == all_ids[-50:]


@pytest.mark.django_db
def test_htmx_gets_only_the_results(people, client_for):
    response = client_for(people).get("/accounts/grants/", {"unit": "PUK-A"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert grant_ids(response) == ids_at("PUK-A")
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_the_grant_list_query_count_is_flat(people, client_for, tree, make_user):
    client = client_for(people)
    client.get("/accounts/grants/")  # the first request settles the session (two-factor check)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/accounts/grants/", {"unit": "PUK-C"})
        assert response.status_code == 200
        return len(queries), len(grant_ids(response))

    for n in range(2):
        make_user("read_only", tree.puk_c, username=f"few{n}")
    few = count()
    for n in range(27):
        make_user("read_only", tree.puk_c, username=f"many{n}")
    many = count()
    assert (few[1], many[1]) == (3, 30)
    # session, user, grants of the actor, unit filter, page, role choices of the filter
    assert (few[0], many[0]) == (6, 6)


@pytest.mark.django_db
def test_a_user_without_the_permission_is_refused_the_list(tree, make_user, client_for):
    assert client_for(make_user()).get("/accounts/grants/").status_code == 403
    trainer = make_user("trainer", tree.puk_a)
    assert client_for(trainer).get("/accounts/grants/").status_code == 403


@pytest.mark.django_db
def test_granting_a_role_to_someone_known_in_scope(people, client_for, tree):
    client = client_for(people)
    assert client.get("/accounts/grants/new/?unit=KC-BKS").status_code == 200
    response = client.post(
        "/accounts/grants/new/",
        {"username": "reader-puk-a", "role": "membership_admin", "unit": "PUK-B", "expires_on": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/grants/?unit=PUK-B"
    grant = Grant.objects.get(user__username="reader-puk-a", role__code="membership_admin")
    assert (grant.unit.code, grant.granted_by_id, grant.expires_on) == ("PUK-B", people.pk, None)
    event = AuditEvent.objects.get(kind="accounts.role_granted", object_id=str(grant.pk))
    assert (event.actor_id, event.unit_id) == (people.pk, tree.puk_b.pk)


@pytest.mark.django_db
def test_granting_with_escalation_is_refused_and_changes_nothing(tree, make_user, client_for):
    # A clerk who may grant roles but holds nothing else must not hand out the secretariat's powers.
    granter_role = Role.objects.create(
        code="access_clerk",
        name="Petugas akses",
        name_en="Access clerk",
        permissions=["accounts.view_grant", "accounts.manage_grants"],
    )
    clerk = make_user(username="clerk")
    Grant.objects.create(user=clerk, role=granter_role, unit=tree.dpw_jabar)
    make_user("read_only", tree.puk_a, username="budi")
    grants_before, events_before = Grant.objects.count(), AuditEvent.objects.count()

    response = client_for(clerk).post(
        "/accounts/grants/new/", {"username": "budi", "role": "secretariat", "unit": "PUK-A"}
    )
    assert response.status_code == 400
    assert "You cannot grant a role with permissions you do not hold here" in response.content.decode()
    assert (Grant.objects.count(), AuditEvent.objects.count()) == (grants_before, events_before)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "unit", "field_message"),
    [
        ("reader-spn-puk-s", "PUK-A", "No account with this username among the people you manage."),
        ("reader-puk-a", "SPN-PUK-S", "No unit with this code among your units."),
        ("reader-puk-a", "KC-TNG", "No unit with this code among your units."),
    ],
)
def test_people_and_units_outside_the_scope_answer_not_found(people, client_for, username, unit, field_message):
    grants_before, events_before = Grant.objects.count(), AuditEvent.objects.count()
    response = client_for(people).post(
        "/accounts/grants/new/", {"username": username, "role": "read_only", "unit": unit}
    )
    assert response.status_code == 404
    assert field_message in response.content.decode()
    assert (Grant.objects.count(), AuditEvent.objects.count()) == (grants_before, events_before)


@pytest.mark.django_db
def test_creating_an_account_with_its_first_role(people, client_for, tree):
    response = client_for(people).post(
        "/accounts/users/new/",
        {
            "username": "rina",
            "first_name": "Rina",
            "last_name": "",
            "email": "",
            "password": "Buruh-Bersatu-2026",
            "preferred_language": "en",
            "role": "membership_admin",
            "unit": "PUK-C",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/grants/?username=rina"
    user = User.objects.get(username="rina")
    assert (user.first_name, user.preferred_language, user.check_password("Buruh-Bersatu-2026")) == ("Rina", "en", True)
    assert list(user.grants.values_list("role__code", "unit__code", "granted_by_id")) == [
        ("membership_admin", "PUK-C", people.pk)
    ]
    assert sorted(AuditEvent.objects.filter(actor=people).values_list("kind", flat=True)) == [
        "accounts.role_granted",
        "accounts.user_created",
    ]


@pytest.mark.django_db
def test_a_refused_account_shows_the_problems_on_the_fields_and_changes_nothing(people, client_for):
    users_before, events_before = User.objects.count(), AuditEvent.objects.count()
    response = client_for(people).post(
        "/accounts/users/new/",
        {
            "username": "reader-puk-a",
            "password": "short",
            "preferred_language": "id",
            "role": "read_only",
            "unit": "PUK-A",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'id="id_username_errors"><li>This username is taken.</li>', body)
    assert 'id="id_password_errors"' in body
    assert (User.objects.count(), AuditEvent.objects.count()) == (users_before, events_before)


@pytest.mark.django_db
def test_revoking_a_grant(people, client_for, tree):
    grant = Grant.objects.get(user__username="reader-kc-bks")
    response = client_for(people).post(
        f"/accounts/grants/{grant.pk}/revoke/", {"next": "/accounts/grants/?unit=KC-BKS"}
    )
    assert response["Location"] == "/accounts/grants/?unit=KC-BKS"
    grant.refresh_from_db()
    assert (grant.revoked_by_id, grant.revoked_at is not None) == (people.pk, True)
    assert AuditEvent.objects.filter(kind="accounts.grant_revoked", object_id=str(grant.pk)).count() == 1


@pytest.mark.django_db
def test_revoking_out_of_scope_answers_404_and_without_the_permission_403_and_changes_nothing(people, client_for, tree):
    outside = Grant.objects.get(user__username="reader-kc-tng")
    inside = Grant.objects.get(user__username="reader-puk-a")
    reader = User.objects.get(username="reader-dpw-jabar")  # may see grants, may not manage them
    events_before = AuditEvent.objects.count()
    assert client_for(people).post(f"/accounts/grants/{outside.pk}/revoke/").status_code == 404
    assert client_for(reader).post(f"/accounts/grants/{inside.pk}/revoke/").status_code == 403
    assert client_for(people).get(f"/accounts/grants/{inside.pk}/revoke/").status_code == 405
    assert Grant.objects.filter(pk__in=[outside.pk, inside.pk], revoked_at__isnull=False).count() == 0
    assert AuditEvent.objects.count() == events_before


@pytest.mark.django_db
def test_revoke_buttons_appear_only_where_the_actor_manages(people, client_for):
    reader = User.objects.get(username="reader-dpw-jabar")
    assert "/revoke/" not in client_for(reader).get("/accounts/grants/").content.decode()
    body = client_for(people).get("/accounts/grants/").content.decode()
    assert len(re.findall(r'action="/accounts/grants/\d+/revoke/"', body)) == len(ids_at(*JABAR_SCOPE))


@pytest.mark.django_db
def test_the_grant_forms_are_refused_to_those_who_cannot_grant(tree, make_user, client_for):
    reader = make_user("read_only", tree.root)
    client = client_for(reader)
    assert client.get("/accounts/grants/new/").status_code == 403
    assert client.post("/accounts/users/new/", {"username": "x"}).status_code == 403
    assert User.objects.filter(username="x").count() == 0


@pytest.mark.django_db
def test_a_secretariat_cannot_grant_the_treasurer_role_whose_finance_powers_it_lacks(people, client_for, tree):
    response = client_for(people).post(
        "/accounts/grants/new/", {"username": "reader-puk-a", "role": "treasurer", "unit": "PUK-B", "expires_on": ""}
    )
    assert response.status_code == 400
    assert not Grant.objects.filter(user__username="reader-puk-a", role__code="treasurer").exists()
